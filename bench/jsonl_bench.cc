// Copyright winnow authors. Licensed under the MIT licence.
//
// The JSONL reader's per-line work (input/jsonl_line.h): the full path
// (ParseJson on the whole line, the reader before simdjson) against the
// fast path with its fallback (what the reader runs), and the whole reader
// (line splitting included) over an in-memory file. Bytes/s of the lines.
//
//   build/jsonl_bench [--benchmark_repetitions=5]
//   WINNOW_JSONL=pages.jsonl build/jsonl_bench     (a file of your own)
//
// Without WINNOW_JSONL the lines are the HTML pages of samples/, each as
// {"url":...,"id":N,"html":...} (written by AppendJsonString, so valid
// UTF-8: every line takes the fast path).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "input/jsonl.h"
#include "input/jsonl_line.h"
#include "input/source.h"
#include "util/json.h"

#ifndef WINNOW_SOURCE_DIR
#define WINNOW_SOURCE_DIR "."
#endif

namespace winnow {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

// The file: WINNOW_JSONL's, or one made from the sample pages.
const std::string& File() {
  static const std::string* file = [] {
    if (const char* path = std::getenv("WINNOW_JSONL")) {
      return new std::string(ReadFile(path));
    }
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(
             std::string(WINNOW_SOURCE_DIR) + "/samples")) {
      if (e.path().extension() == ".html") names.push_back(e.path());
    }
    std::sort(names.begin(), names.end());
    auto* out = new std::string;
    int id = 0;
    for (const std::string& name : names) {
      *out += "{\"url\":";
      AppendJsonString("https://samples.example/" + name, out);
      *out += ",\"id\":" + std::to_string(id++) + ",\"html\":";
      AppendJsonString(ReadFile(name), out);
      *out += "}\n";
    }
    return out;
  }();
  return *file;
}

// The file's lines, each in its own buffer with the parser's padding.
struct Lines {
  std::vector<std::string> buffers;
  std::vector<std::string_view> lines;
  size_t bytes = 0;
};

const Lines& FileLines() {
  static const Lines* lines = [] {
    auto* out = new Lines;
    const std::string& file = File();
    for (size_t at = 0; at < file.size();) {
      size_t end = file.find('\n', at);
      if (end == std::string::npos) end = file.size();
      out->buffers.push_back(file.substr(at, end - at) +
                             std::string(JsonlLineParser::kPadding, ' '));
      out->bytes += end - at;
      at = end + 1;
    }
    for (const std::string& b : out->buffers) {
      out->lines.emplace_back(b.data(), b.size() - JsonlLineParser::kPadding);
    }
    return out;
  }();
  return *lines;
}

// Every line through parse(parser, line, record) per iteration.
template <typename Parse>
void RunLines(benchmark::State& state, Parse parse) {
  const Lines& lines = FileLines();
  JsonlLineParser parser{ReaderOptions()};
  Record r;
  for (auto _ : state) {
    for (std::string_view line : lines.lines) {
      r.Clear();
      parse(&parser, line, &r);
      benchmark::DoNotOptimize(r.body.data());
    }
  }
  size_t fast = 0;  // the lines the fast path takes
  for (std::string_view line : lines.lines) {
    r.Clear();
    fast += parser.ParseFast(line, &r);
  }
  state.counters["fast_lines"] = static_cast<double>(fast);
  state.counters["lines"] = static_cast<double>(lines.lines.size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(lines.bytes));
}

void BM_JsonlFullPath(benchmark::State& state) {
  RunLines(state, [](JsonlLineParser* p, std::string_view line, Record* r) {
    p->ParseFull(line, r);
  });
}
BENCHMARK(BM_JsonlFullPath)->Unit(benchmark::kMillisecond);

void BM_JsonlLine(benchmark::State& state) {
  RunLines(state, [](JsonlLineParser* p, std::string_view line, Record* r) {
    p->Parse(line, r);
  });
}
BENCHMARK(BM_JsonlLine)->Unit(benchmark::kMillisecond);

void BM_JsonlReader(benchmark::State& state) {
  const std::string& file = File();
  for (auto _ : state) {
    JsonlReader reader(
        "bench.jsonl",
        std::make_unique<BufferedSource>(std::make_unique<StringSource>(file)),
        nullptr, ReaderOptions());
    Record r;
    while (reader.Next(&r)) benchmark::DoNotOptimize(r.body.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(file.size()));
}
BENCHMARK(BM_JsonlReader)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace winnow

BENCHMARK_MAIN();
