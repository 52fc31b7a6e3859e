// Copyright winnow authors. Licensed under the MIT licence.
//
// Microbenchmarks, one per pipeline stage, over the HTML pages of samples/:
//
//   build/stages_bench [--benchmark_filter=Parse] [--benchmark_repetitions=5]
//
// Every benchmark runs its stage over all sample pages per iteration, each
// stage on the output of the one before (prepared once, untimed), and
// reports bytes/s of the raw pages, so the rates add up like the stages
// do. GumboBare is the floor the issue compares against: Gumbo's own parse
// of the raw bytes with malloc. For whole-corpus figures see
// corpus_throughput.

#include <benchmark/benchmark.h>
#include <gumbo.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "classify/classify.h"
#include "decode/decode.h"
#include "lang/lang.h"
#include "parse/arena.h"
#include "parse/parse.h"
#include "parse/prestrip.h"
#include "render/render.h"
#include "rules/rules.h"
#include "segment/page.h"
#include "segment/segment.h"
#include "winnow/winnow.h"

#ifndef WINNOW_SOURCE_DIR
#define WINNOW_SOURCE_DIR "."
#endif

namespace winnow {
namespace {

// The sample pages and each stage's output, computed once.
struct Samples {
  std::vector<std::string> raw;   // the files' bytes
  std::vector<std::string> utf8;  // decoded
  std::vector<Page> pages;        // segmented, language annotated
  std::vector<std::vector<Decision>> decisions;
  std::unique_ptr<Extractor> extractor;
  std::unique_ptr<RuleSet> rules;  // the default rules, for Classify alone
  size_t bytes = 0;

  static const Samples& Get() {
    static const Samples* samples = new Samples();
    return *samples;
  }

 private:
  Samples() {
    namespace fs = std::filesystem;
    std::vector<fs::path> paths;
    for (const auto& e : fs::directory_iterator(WINNOW_SOURCE_DIR "/samples")) {
      if (e.path().extension() == ".html") paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    Status s = Extractor::Create(Options(), &extractor);
    if (s.ok()) s = RuleSet::Load(Options(), &rules);
    if (!s.ok()) std::abort();
    const Options& options = extractor->options();
    Arena arena;
    std::string buffer;
    for (const fs::path& p : paths) {
      std::ifstream in(p, std::ios::binary);
      raw.emplace_back(std::istreambuf_iterator<char>(in),
                       std::istreambuf_iterator<char>());
      bytes += raw.back().size();
      utf8.push_back(std::string(DecodeToUtf8(raw.back(), "", true).text()));
      arena.Reset();
      ParsedHtml doc;
      if (!ParseHtml(utf8.back(), options, &arena, &buffer, &doc).ok())
        std::abort();
      pages.emplace_back();
      SegmentHtml(doc, options, &pages.back());
      AnnotateLanguage(&pages.back());
      decisions.emplace_back();
      Classify(pages.back(), *rules, DefaultModel(), options, "", nullptr,
               &decisions.back());
    }
  }
};

void Finish(benchmark::State& state) {
  const Samples& s = Samples::Get();
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(s.bytes));
  state.counters["pages/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * s.raw.size()),
      benchmark::Counter::kIsRate);
}

void BM_Decode(benchmark::State& state) {
  const Samples& s = Samples::Get();
  for (auto _ : state) {
    for (const std::string& page : s.raw) {
      Decoded d = DecodeToUtf8(page, "", true);
      benchmark::DoNotOptimize(d.text().data());
    }
  }
  Finish(state);
}
BENCHMARK(BM_Decode);

void BM_Prestrip(benchmark::State& state) {
  const Samples& s = Samples::Get();
  std::string out;
  for (auto _ : state) {
    for (const std::string& page : s.utf8) {
      benchmark::DoNotOptimize(PrestripHtml(page, &out));
    }
  }
  Finish(state);
}
BENCHMARK(BM_Prestrip);

// ParseHtml as Extract calls it: pre-parse strip, guard, Gumbo in an arena.
void BM_Parse(benchmark::State& state) {
  const Samples& s = Samples::Get();
  const Options& options = s.extractor->options();
  Arena arena;
  std::string buffer;
  for (auto _ : state) {
    for (const std::string& page : s.utf8) {
      arena.Reset();
      ParsedHtml doc;
      benchmark::DoNotOptimize(
          ParseHtml(page, options, &arena, &buffer, &doc).ok());
    }
  }
  Finish(state);
}
BENCHMARK(BM_Parse);

// The floor: Gumbo alone on the raw bytes, malloc and destroy included.
void BM_GumboBare(benchmark::State& state) {
  const Samples& s = Samples::Get();
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  for (auto _ : state) {
    for (const std::string& page : s.raw) {
      GumboOutput* out =
          gumbo_parse_with_options(&options, page.data(), page.size());
      benchmark::DoNotOptimize(out->root);
      gumbo_destroy_output(&options, out);
    }
  }
  Finish(state);
}
BENCHMARK(BM_GumboBare);

void BM_Segment(benchmark::State& state) {
  const Samples& s = Samples::Get();
  const Options& options = s.extractor->options();
  // One arena per page keeps every tree alive for the whole run.
  std::vector<std::unique_ptr<Arena>> arenas;
  std::vector<std::string> buffers(s.utf8.size());
  std::vector<ParsedHtml> docs(s.utf8.size());
  for (size_t i = 0; i < s.utf8.size(); ++i) {
    arenas.push_back(std::make_unique<Arena>());
    if (!ParseHtml(s.utf8[i], options, arenas.back().get(), &buffers[i],
                   &docs[i])
             .ok())
      std::abort();
  }
  for (auto _ : state) {
    for (const ParsedHtml& doc : docs) {
      Page page;
      SegmentHtml(doc, options, &page);
      benchmark::DoNotOptimize(page.blocks.data());
    }
  }
  Finish(state);
}
BENCHMARK(BM_Segment);

void BM_Lang(benchmark::State& state) {
  const Samples& s = Samples::Get();
  // The blocks, all that AnnotateLanguage reads (a Page is move-only:
  // its nodes point into its own strings).
  std::vector<Page> pages(s.pages.size());
  for (size_t i = 0; i < pages.size(); ++i) pages[i].blocks = s.pages[i].blocks;
  for (auto _ : state) {
    for (Page& page : pages) {
      page.lang.clear();
      AnnotateLanguage(&page);
      benchmark::DoNotOptimize(page.lang.data());
    }
  }
  Finish(state);
}
BENCHMARK(BM_Lang);

void BM_Classify(benchmark::State& state) {
  const Samples& s = Samples::Get();
  std::vector<Decision> decisions;
  for (auto _ : state) {
    for (const Page& page : s.pages) {
      Classify(page, *s.rules, DefaultModel(), s.extractor->options(), "",
               nullptr, &decisions);
      benchmark::DoNotOptimize(decisions.data());
    }
  }
  Finish(state);
}
BENCHMARK(BM_Classify);

void BM_Render(benchmark::State& state) {
  const Samples& s = Samples::Get();
  std::string text;
  for (auto _ : state) {
    for (size_t i = 0; i < s.pages.size(); ++i) {
      text.clear();
      Render(s.pages[i], s.decisions[i], s.extractor->options(), &text);
      benchmark::DoNotOptimize(text.data());
    }
  }
  Finish(state);
}
BENCHMARK(BM_Render);

// Everything Extractor::Extract does, decode to render.
void BM_Extract(benchmark::State& state) {
  const Samples& s = Samples::Get();
  Extraction out;
  Input input;
  input.kind = ContentKind::kHtml;
  for (auto _ : state) {
    for (const std::string& page : s.raw) {
      input.bytes = page;
      benchmark::DoNotOptimize(s.extractor->Extract(input, &out).ok());
    }
  }
  Finish(state);
}
BENCHMARK(BM_Extract);

}  // namespace
}  // namespace winnow

BENCHMARK_MAIN();
