// Copyright winnow authors. Licensed under the MIT licence.
//
// Corpus throughput: winnow's full extraction against Gumbo's bare parse of
// the same bytes, measured in the same run on one thread.
//
//   build/corpus_throughput [--reps N] [--stages] [--gumbo-only] DIR
//
// Every regular file below DIR is read into memory first, so that disk and
// page cache stay out of the timings. Then, N times (default 3), each page
// goes through
//   (a) gumbo_parse_with_options (kGumboDefaultOptions, max_errors = 0) and
//       gumbo_destroy_output: the floor any Gumbo-based extractor pays;
//   (b) winnow::Extractor::Extract with default options, as HTML.
// The two alternate repetition by repetition, so that a burst of load from
// elsewhere on a shared machine hurts both alike. Reported: the median
// repetition of each as MB/s (10^6 bytes), pages/s and ms/page, and the
// median of the per-repetition ratios Gumbo time / winnow time (> 1: the
// whole pipeline is faster than Gumbo's parse alone).
//
// --gumbo-only times the floor alone (bench/cli_vs_gumbo.sh sets the
// command line beside it). --stages adds a pass that times each stage on
// its own (decode; parse, which includes the pre-parse strip and the guard;
// segment; lang; classify; render), to show where the time goes, and
// times Gumbo alone on the bytes the parse stage hands it: the floor under
// the parse stage, and so the ceiling of the ratio ("ceiling").

#include <gumbo.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
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
#include "render/render.h"
#include "rules/rules.h"
#include "segment/page.h"
#include "segment/segment.h"
#include "winnow/winnow.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Pass {
  double seconds = 0;
  double cpu_seconds = 0;  // this thread's CPU time: less moved by load
  size_t failed = 0;
  size_t out_bytes = 0;  // keeps the optimiser from dropping the work
};

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Pass GumboPass(const std::vector<std::string>& pages) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  Pass pass;
  const auto start = Clock::now();
  const double cpu_start = ThreadCpuSeconds();
  for (const std::string& page : pages) {
    // std::string keeps a NUL after the bytes, which Gumbo may read.
    GumboOutput* out =
        gumbo_parse_with_options(&options, page.data(), page.size());
    pass.out_bytes += out->root != nullptr;
    gumbo_destroy_output(&options, out);
  }
  pass.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  pass.cpu_seconds = ThreadCpuSeconds() - cpu_start;
  return pass;
}

Pass WinnowPass(const winnow::Extractor& extractor,
                const std::vector<std::string>& pages) {
  Pass pass;
  winnow::Extraction extraction;
  winnow::Input input;
  input.kind = winnow::ContentKind::kHtml;
  const auto start = Clock::now();
  const double cpu_start = ThreadCpuSeconds();
  for (const std::string& page : pages) {
    input.bytes = page;
    if (extractor.Extract(input, &extraction).ok()) {
      pass.out_bytes += extraction.text.size();
    } else {
      ++pass.failed;
    }
  }
  pass.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  pass.cpu_seconds = ThreadCpuSeconds() - cpu_start;
  return pass;
}

// Times the stages one by one, the way Extractor::Extract chains them.
// Returns the seconds Gumbo alone took on the parse stage's input.
double StagePass(const winnow::Extractor& extractor,
                 const std::vector<std::string>& pages) {
  enum { kDecode, kParse, kSegment, kLang, kClassify, kRender, kStages };
  static const char* const kNames[kStages] = {"decode", "parse",    "segment",
                                              "lang",   "classify", "render"};
  double t[kStages] = {};
  const winnow::Options& options = extractor.options();
  // The rules as the extractor compiled them (Extractor keeps its own).
  std::unique_ptr<winnow::RuleSet> rules;
  if (!winnow::RuleSet::Load(options, &rules).ok()) std::abort();
  winnow::Arena arena;
  std::string buffer, text;
  std::vector<winnow::Decision> decisions;
  winnow::Arena gumbo_arena;
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 0;
  gumbo_options.userdata = &gumbo_arena;
  gumbo_options.allocator = [](void* arena, size_t size) {
    return static_cast<winnow::Arena*>(arena)->Allocate(size);
  };
  gumbo_options.deallocator = [](void* arena, void* p) {
    static_cast<winnow::Arena*>(arena)->Free(p);
  };
  double gumbo_on_input = 0;
  size_t guard_bytes = 0;
  for (const std::string& bytes : pages) {
    auto t0 = Clock::now();
    auto lap = [&](int stage) {
      const auto now = Clock::now();
      t[stage] += std::chrono::duration<double>(now - t0).count();
      t0 = now;
    };
    winnow::Decoded decoded = winnow::DecodeToUtf8(bytes, "", true);
    lap(kDecode);
    arena.Reset();
    winnow::ParsedHtml doc;
    if (!winnow::ParseHtml(decoded.text(), options, &arena, &buffer, &doc).ok())
      continue;
    lap(kParse);
    // Gumbo alone on the bytes ParseHtml gave it (after the strip and the
    // guard), allocating from an arena as ParseHtml does, timed outside the
    // stages: what no work of winnow's own can go below.
    const auto g0 = Clock::now();
    gumbo_arena.Reset();
    gumbo_parse_with_options(&gumbo_options, buffer.data(), buffer.size());
    gumbo_on_input += std::chrono::duration<double>(Clock::now() - g0).count();
    guard_bytes += buffer.size();
    t0 = Clock::now();
    winnow::Page page;
    winnow::SegmentHtml(doc, options, &page);
    arena.Reset();
    lap(kSegment);
    winnow::AnnotateLanguage(&page);
    lap(kLang);
    winnow::Classify(page, *rules, winnow::DefaultModel(), options, "", nullptr,
                     &decisions);
    lap(kClassify);
    text.clear();
    winnow::Render(page, decisions, options, &text);
    lap(kRender);
  }
  double total = 0;
  for (double x : t) total += x;
  std::printf("stages   ");
  for (int i = 0; i < kStages; ++i) {
    std::printf("%s %.2f s (%.0f%%)%s", kNames[i], t[i], 100 * t[i] / total,
                i + 1 < kStages ? ", " : "\n");
  }
  std::printf(
      "floor    Gumbo alone on the %.1f MB the strip and the guard leave: "
      "%.2f s\n",
      guard_bytes / 1e6, gumbo_on_input);
  return gumbo_on_input;
}

// Times rule matching alone: collects every block's text and every
// element's attributes as Classify would match them, then matches them
// against a freshly loaded default rule set twice. The first pass pays for
// building the Sets' DFA states, as every new process does; the second
// shows the steady state of a long batch run.
void RulesPass(const winnow::Extractor& extractor,
               const std::vector<std::string>& pages,
               const std::string& rules_dir) {
  const winnow::Options& options = extractor.options();
  winnow::Arena arena;
  std::string buffer;
  std::vector<std::string> texts;
  struct Element {
    std::string tag, cls, id, role, aria, itemprop;
  };
  std::vector<Element> elements;
  for (const std::string& bytes : pages) {
    winnow::Decoded decoded = winnow::DecodeToUtf8(bytes, "", true);
    arena.Reset();
    winnow::ParsedHtml doc;
    if (!winnow::ParseHtml(decoded.text(), options, &arena, &buffer, &doc).ok())
      continue;
    winnow::Page page;
    winnow::SegmentHtml(doc, options, &page);
    arena.Reset();
    for (const winnow::Block& b : page.blocks) texts.emplace_back(b.text);
    for (const winnow::Node& n : page.nodes) {
      if (n.end_block <= n.first_block) continue;
      elements.push_back({std::string(n.tag_name), std::string(n.class_attr),
                          std::string(n.id_attr), std::string(n.role_attr),
                          std::string(n.aria_attr),
                          std::string(n.itemprop_attr)});
    }
  }
  size_t text_bytes = 0;
  for (const std::string& t : texts) text_bytes += t.size();
  const auto load_start = Clock::now();
  winnow::Options rule_options = options;
  if (!rules_dir.empty()) {
    rule_options.default_rules = false;
    rule_options.rule_paths = {rules_dir};
  }
  std::unique_ptr<winnow::RuleSet> rules;
  const winnow::Status loaded = winnow::RuleSet::Load(rule_options, &rules);
  if (!loaded.ok()) {
    std::fprintf(stderr, "corpus_throughput: %s\n", loaded.ToString().c_str());
    return;
  }
  const double load =
      std::chrono::duration<double>(Clock::now() - load_start).count();
  std::vector<int> hits;
  size_t n_hits = 0;
  auto time = [&](auto&& body) {
    const auto start = Clock::now();
    body();
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  auto match_text = [&] {
    for (const std::string& t : texts) {
      hits.clear();
      rules->MatchText(t, &hits);
      n_hits += hits.size();
    }
  };
  auto match_elements = [&] {
    for (const Element& e : elements) {
      hits.clear();
      rules->MatchElement(e.tag, e.cls, e.id, e.role, e.aria, e.itemprop,
                          &hits);
      n_hits += hits.size();
    }
  };
  // As in a batch past its first page (RuleSet::BeginPage): the first pass
  // compiles every Set.
  const double text_cold = time([&] {
    rules->BeginPage();
    rules->BeginPage();
    match_text();
  });
  const double text_warm = time(match_text);
  const double elem_cold = time(match_elements);
  const double elem_warm = time(match_elements);
  std::printf(
      "rules    load %.3f s; %zu block texts (%.1f MB): cold %.3f s, "
      "warm %.3f s; %zu elements: cold %.3f s, warm %.3f s "
      "(%zu hits)\n",
      load, texts.size(), text_bytes / 1e6, text_cold, text_warm,
      elements.size(), elem_cold, elem_warm, n_hits);
}

int Usage() {
  std::fprintf(stderr,
               "usage: corpus_throughput [--reps N] [--stages] [--gumbo-only] "
               "[--rules [RULES]] DIR\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 3;
  bool stages = false;
  bool gumbo_only = false;
  bool rules_only = false;
  std::string rules_dir;
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
      reps = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--stages") == 0) {
      stages = true;
    } else if (std::strcmp(argv[i], "--gumbo-only") == 0) {
      gumbo_only = true;
    } else if (std::strcmp(argv[i], "--rules") == 0) {
      rules_only = true;
      if (i + 1 < argc && argv[i + 1][0] != '-' && i + 2 < argc) {
        rules_dir = argv[++i];
      }
    } else if (argv[i][0] == '-') {
      return Usage();
    } else {
      dir = argv[i];
    }
  }
  if (dir.empty() || reps < 1) return Usage();

  std::vector<fs::path> paths;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file()) paths.push_back(it->path());
  }
  if (ec) {
    std::fprintf(stderr, "corpus_throughput: %s: %s\n", dir.c_str(),
                 ec.message().c_str());
    return 1;
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> pages;
  size_t bytes = 0;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    pages.emplace_back(std::istreambuf_iterator<char>(in),
                       std::istreambuf_iterator<char>());
    bytes += pages.back().size();
  }
  if (pages.empty()) {
    std::fprintf(stderr, "corpus_throughput: no files below %s\n", dir.c_str());
    return 1;
  }
  const double mb = bytes / 1e6;
  const double n = static_cast<double>(pages.size());
  auto report = [&](const char* name, double seconds, const char* note) {
    std::printf("%-8s %7.3f s  %7.1f MB/s  %7.0f pages/s  %6.2f ms/page%s\n",
                name, seconds, mb / seconds, n / seconds, 1e3 * seconds / n,
                note);
  };

  if (gumbo_only) {
    // The floor alone, for scripts that time the command line beside it.
    GumboPass(pages);
    std::vector<double> gumbo_s, gumbo_cpu;
    for (int r = 0; r < reps; ++r) {
      const Pass g = GumboPass(pages);
      gumbo_s.push_back(g.seconds);
      gumbo_cpu.push_back(g.cpu_seconds);
    }
    std::printf("corpus   %s: %zu pages, %.1f MB, %d repetitions (median)\n",
                dir.c_str(), pages.size(), mb, reps);
    char note[64];
    std::snprintf(note, sizeof(note), "  (%.3f s CPU)", Median(gumbo_cpu));
    report("gumbo", Median(gumbo_s), note);
    return 0;
  }

  std::unique_ptr<winnow::Extractor> extractor;
  winnow::Status s = winnow::Extractor::Create(winnow::Options(), &extractor);
  if (!s.ok()) {
    std::fprintf(stderr, "corpus_throughput: %s\n", s.ToString().c_str());
    return 1;
  }

  if (rules_only) {
    RulesPass(*extractor, pages, rules_dir);
    return 0;
  }

  // One untimed pass of each warms caches, the rule set's regexp DFAs and
  // the per-thread arena, as a long batch run would have them. (The first
  // pass of a fresh process builds the DFAs' states: about half a second
  // on this corpus, paid once per process, not per page.)
  GumboPass(pages);
  const Pass cold = WinnowPass(*extractor, pages);
  std::printf("cold   winnow first pass %.3f s (%.3f CPU)\n", cold.seconds,
              cold.cpu_seconds);

  std::vector<double> gumbo_s, winnow_s, ratios, cpu_ratios;
  size_t failed = 0;
  for (int r = 0; r < reps; ++r) {
    const Pass g = GumboPass(pages);
    const Pass w = WinnowPass(*extractor, pages);
    gumbo_s.push_back(g.seconds);
    winnow_s.push_back(w.seconds);
    ratios.push_back(g.seconds / w.seconds);
    cpu_ratios.push_back(g.cpu_seconds / w.cpu_seconds);
    failed = w.failed;
    std::printf(
        "rep %d: gumbo %.3f s (%.3f CPU), winnow %.3f s (%.3f CPU), "
        "ratio %.2f (CPU %.2f)\n",
        r + 1, g.seconds, g.cpu_seconds, w.seconds, w.cpu_seconds,
        g.seconds / w.seconds, g.cpu_seconds / w.cpu_seconds);
  }
  std::printf("corpus   %s: %zu pages, %.1f MB, %d repetitions (median)\n",
              dir.c_str(), pages.size(), mb, reps);
  report("gumbo", Median(gumbo_s), "  (bare parse)");
  char note[64];
  std::snprintf(note, sizeof(note), "  (full extraction, %zu failed)", failed);
  report("winnow", Median(winnow_s), note);
  // Each repetition times both on the same bytes back to back, so the
  // median of the per-repetition ratios is the figure least moved by load
  // from elsewhere on the machine.
  std::printf(
      "ratio    %.2fx (median of repetitions; winnow is that much "
      "faster than Gumbo's bare parse; CPU time %.2fx)\n",
      Median(ratios), Median(cpu_ratios));
  if (stages) {
    // With every stage of winnow's own at no cost, the ratio would be bare
    // Gumbo's time over Gumbo's on what the parse stage hands it.
    const double floor = StagePass(*extractor, pages);
    std::printf(
        "ceiling  %.2fx (the ratio above if nothing but Gumbo took "
        "time)\n",
        Median(gumbo_s) / floor);
  }
  return 0;
}
