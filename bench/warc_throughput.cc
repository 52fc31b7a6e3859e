// Copyright winnow authors. Licensed under the MIT licence.
//
// WARC throughput: a crawl-like .warc.gz built in memory from the pages in
// samples/ (one gzip member per record, as crawlers write them), read with
// the WARC reader alone and read + extracted.
//
//   cmake -S . -B build -DWINNOW_BENCH=ON && cmake --build build -j
//   build/warc_throughput --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true   (one command line)

#include <benchmark/benchmark.h>
#include <dirent.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "input/files.h"
#include "input/gzip.h"
#include "winnow/winnow.h"

namespace winnow {
namespace {

std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(&out[0]);
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// 50 copies of every sample page as `response` records, each its own gzip
// member, plus a request record before each (skipped by the reader).
const std::string& Warc() {
  static const std::string* warc = [] {
    std::vector<std::string> pages;
    const std::string dir = std::string(WINNOW_SOURCE_DIR) + "/samples";
    if (DIR* d = opendir(dir.c_str())) {
      while (dirent* e = readdir(d)) {
        std::string name = e->d_name;
        if (name.size() > 5 && name.compare(name.size() - 5, 5, ".html") == 0) {
          std::ifstream f(dir + "/" + name, std::ios::binary);
          std::stringstream ss;
          ss << f.rdbuf();
          pages.push_back(ss.str());
        }
      }
      closedir(d);
    }
    std::sort(pages.begin(), pages.end());
    auto* out = new std::string();
    int n = 0;
    for (int copy = 0; copy < 50; ++copy) {
      for (const std::string& page : pages) {
        const std::string url = "https://example.org/p" + std::to_string(n);
        const std::string http =
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            "Content-Length: " + std::to_string(page.size()) + "\r\n\r\n" + page;
        const std::string request = "GET /p" + std::to_string(n) +
                                    " HTTP/1.1\r\nHost: example.org\r\n\r\n";
        auto record = [&](const char* type, const std::string& block,
                          const char* ctype) {
          return std::string("WARC/1.1\r\nWARC-Type: ") + type +
                 "\r\nWARC-Record-ID: <urn:uuid:" + std::to_string(n) + type +
                 ">\r\nWARC-Date: 2025-11-01T00:00:00Z\r\nWARC-Target-URI: " +
                 url + "\r\nContent-Type: " + ctype +
                 "\r\nContent-Length: " + std::to_string(block.size()) +
                 "\r\n\r\n" + block + "\r\n\r\n";
        };
        *out += Gzip(record("request", request, "application/http;msgtype=request"));
        *out += Gzip(record("response", http, "application/http;msgtype=response"));
        ++n;
      }
    }
    return out;
  }();
  return *warc;
}

void Read(benchmark::State& state, bool extract) {
  const std::string& warc = Warc();
  std::unique_ptr<Extractor> extractor;
  if (!Extractor::Create(Options(), &extractor).ok()) {
    state.SkipWithError("rules did not load");
    return;
  }
  int64_t records = 0;
  for (auto _ : state) {
    std::unique_ptr<RecordReader> reader;
    Status s = OpenSourceReader(std::make_unique<StringSource>(warc),
                                "bench.warc.gz", InputFormat::kWarc,
                                ReaderOptions(), &reader);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      return;
    }
    Record rec;
    Extraction ex;
    while (reader->Next(&rec)) {
      ++records;
      if (extract && rec.error.ok()) {
        Input in;
        in.bytes = rec.body;
        in.url = rec.url;
        in.content_type = rec.content_type;
        benchmark::DoNotOptimize(extractor->Extract(in, &ex));
      }
    }
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(warc.size()));
  state.counters["records/s"] =
      benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
}

void BM_WarcReadOnly(benchmark::State& state) { Read(state, false); }
void BM_WarcReadAndExtract(benchmark::State& state) { Read(state, true); }
BENCHMARK(BM_WarcReadOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WarcReadAndExtract)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace winnow

BENCHMARK_MAIN();
