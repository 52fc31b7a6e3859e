// Copyright winnow authors. Licensed under the MIT licence.

#include "input/warc.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "input/testing.h"

namespace winnow {
namespace {

// ---- Test data: WARC bytes as a crawler writes them ----------------------

Fields Meta(const std::string& url, int n) {
  return {
      {"WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-" +
                             std::string(12 - std::to_string(n).size(), '0') +
                             std::to_string(n) + ">"},
      {"WARC-Date", "2024-05-14T09:00:" + std::string(n < 10 ? "0" : "") +
                        std::to_string(n) + "Z"},
      {"WARC-Target-URI", url},
      {"Content-Type", "application/http; msgtype=response"}};
}

Fields With(Fields f, const std::string& k, const std::string& v) {
  for (auto& kv : f) {
    if (kv.first == k) {
      kv.second = v;
      return f;
    }
  }
  f.emplace_back(k, v);
  return f;
}

const char kPageA[] =
    "<!DOCTYPE html><html><head><title>A</title></head><body><p>Alpha "
    "caf\xC3\xA9</p></body></html>";
const char kPageB[] =  // windows-1252
    "<html><head><meta charset=windows-1252></head><body><p>\x93Quoted\x94 "
    "caf\xE9 \x80 5</p></body></html>";
const char kPageC[] =
    "<html><body><h1>Gamma</h1><p>Compressed page.</p></body></html>";
const char kPageE[] = "<html><body><p>A resource record.</p></body></html>";
const char kPageG[] = "<!doctype html><p>Raw deflate, no content type.</p>";

struct Expected {
  size_t record;  // index among all records
  std::string url, id, date, content_type, body;
};

struct Crawl {
  std::vector<std::string> records;
  std::vector<Expected> yields;
  std::map<std::string, uint64_t> skipped;
  std::string Join() const {
    std::string out;
    for (const auto& r : records) out += r;
    return out;
  }
  std::string GzipPerRecord() const {
    std::string out;
    for (const auto& r : records) out += Deflate(r);
    return out;
  }
  uint64_t Offset(size_t i) const {
    uint64_t off = 0;
    for (size_t k = 0; k < i; ++k) off += records[k].size();
    return off;
  }
  uint64_t GzipOffset(size_t i) const {
    uint64_t off = 0;
    for (size_t k = 0; k < i; ++k) off += Deflate(records[k]).size();
    return off;
  }
};

Crawl BuildCrawl() {
  Crawl c;
  auto add = [&](std::string bytes) { c.records.push_back(std::move(bytes)); };
  const std::string a = "https://example.com/a", b = "https://example.com/b";
  // 0
  add(WarcRecord("warcinfo",
                 {{"WARC-Record-ID", "<urn:uuid:info>"},
                  {"WARC-Date", "2024-05-14T09:00:00Z"},
                  {"Content-Type", "application/warc-fields"}},
                 "software: test\r\nformat: WARC File Format 1.1\r\n"));
  // 1
  add(WarcRecord(
      "request",
      With(Meta(a, 1), "Content-Type", "application/http; msgtype=request"),
      "GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n"));
  // 2: plain
  add(WarcRecord(
      "response", Meta(a, 2),
      HttpBlock("HTTP/1.1 200 OK",
                {"Content-Type: text/html; charset=utf-8",
                 "Content-Length: " + std::to_string(strlen(kPageA))},
                kPageA)));
  c.yields.push_back({2, a, "<urn:uuid:00000000-0000-0000-0000-000000000002>",
                      "2024-05-14T09:00:02Z", "text/html; charset=utf-8",
                      kPageA});
  // 3: chunked, windows-1252
  std::string pb = kPageB;
  add(WarcRecord(
      "response", Meta(b, 3),
      HttpBlock("HTTP/1.1 200 OK",
                {"Content-Type: text/html; charset=windows-1252",
                 "Transfer-Encoding: chunked"},
                Chunk(pb.substr(0, 20)) + Chunk(pb.substr(20)) + Chunk(""))));
  c.yields.push_back({3, b, "<urn:uuid:00000000-0000-0000-0000-000000000003>",
                      "2024-05-14T09:00:03Z", "text/html; charset=windows-1252",
                      pb});
  // 4: gzip content coding
  add(WarcRecord("response", Meta("https://example.com/c", 4),
                 HttpBlock("HTTP/1.1 200 OK",
                           {"Content-Type: text/html", "Content-Encoding: gzip",
                            "Vary: Accept-Encoding"},
                           Deflate(kPageC))));
  c.yields.push_back({4, "https://example.com/c",
                      "<urn:uuid:00000000-0000-0000-0000-000000000004>",
                      "2024-05-14T09:00:04Z", "text/html", kPageC});
  // 5
  add(WarcRecord(
      "revisit",
      With(Meta(a, 5), "WARC-Profile",
           "http://netpreserve.org/warc/1.1/revisit/"
           "identical-payload-digest"),
      HttpBlock("HTTP/1.1 200 OK", {"Content-Type: text/html"}, "")));
  // 6
  add(WarcRecord("metadata",
                 With(Meta(a, 6), "Content-Type", "application/warc-fields"),
                 "outlink: https://example.com/b L a/@href\r\n"));
  // 7: an image
  add(WarcRecord("response", Meta("https://example.com/i.jpg", 7),
                 HttpBlock("HTTP/1.1 200 OK", {"Content-Type: image/jpeg"},
                           std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11))));
  // 8: a resource record
  add(WarcRecord(
      "resource",
      With(Meta("file:///site/e.html", 8), "Content-Type", "text/html"),
      kPageE));
  c.yields.push_back({8, "file:///site/e.html",
                      "<urn:uuid:00000000-0000-0000-0000-000000000008>",
                      "2024-05-14T09:00:08Z", "text/html", kPageE});
  // 9: not found
  add(WarcRecord("response", Meta("https://example.com/missing", 9),
                 HttpBlock("HTTP/1.1 404 Not Found",
                           {"Content-Type: text/html"}, "<p>Not found</p>")));
  // 10: raw deflate, no Content-Type: sniffed as HTML
  add(WarcRecord("response", Meta("https://example.com/g", 10),
                 HttpBlock("HTTP/1.1 200 OK", {"Content-Encoding: deflate"},
                           Deflate(kPageG, -15))));
  c.yields.push_back({10, "https://example.com/g",
                      "<urn:uuid:00000000-0000-0000-0000-000000000010>",
                      "2024-05-14T09:00:10Z", "", kPageG});
  // 11
  add(WarcRecord("conversion", With(Meta(a, 11), "Content-Type", "text/plain"),
                 "Alpha"));
  // 12: no Content-Type, not HTML
  add(WarcRecord("response", Meta("https://example.com/t", 12),
                 HttpBlock("HTTP/1.1 200 OK", {}, "just some text")));
  // 13: a redirect
  add(WarcRecord(
      "response", Meta("http://example.com/", 13),
      HttpBlock("HTTP/1.1 301 Moved Permanently",
                {"Location: https://example.com/", "Content-Type: text/html"},
                "")));
  // 14: a DNS lookup
  add(WarcRecord("response",
                 With(Meta("dns:example.com", 14), "Content-Type", "text/dns"),
                 "20240514090000\nexample.com. 300 IN A 192.0.2.1\n"));
  c.skipped = {{"warcinfo", 1},   {"request", 1},    {"revisit", 1},
               {"metadata", 1},   {"conversion", 1}, {"non-html", 3},
               {"http-status", 2}};
  return c;
}

// ---- Reading -------------------------------------------------------------

std::unique_ptr<WarcReader> Reader(std::string data, const std::string& name,
                                   const ReaderOptions& options = {}) {
  auto raw = std::make_unique<BufferedSource>(
      std::make_unique<OwnedSource>(std::move(data)), 4096);
  if (HasGzipMagic(raw->Peek(2))) {
    auto g = std::make_unique<GzipSource>(std::move(raw), name);
    GzipSource* gp = g.get();
    return std::make_unique<WarcReader>(
        name, std::make_unique<BufferedSource>(std::move(g), 4096), gp,
        options);
  }
  return std::make_unique<WarcReader>(name, std::move(raw), nullptr, options);
}

std::vector<Record> ReadAll(RecordReader* reader) {
  std::vector<Record> out;
  Record r;
  while (reader->Next(&r)) out.push_back(r);
  return out;
}

void ExpectYields(const Crawl& c, const std::vector<Record>& got,
                  const std::string& name, size_t n) {
  ASSERT_EQ(got.size(), n);
  for (size_t i = 0; i < n; ++i) {
    const Expected& e = c.yields[i];
    const Record& r = got[i];
    SCOPED_TRACE("record " + std::to_string(e.record));
    EXPECT_TRUE(r.error.ok()) << r.error.ToString();
    EXPECT_EQ(r.input, name);
    EXPECT_EQ(r.index, e.record);
    EXPECT_EQ(r.url, e.url);
    EXPECT_EQ(r.warc_record_id, e.id);
    EXPECT_EQ(r.date, e.date);
    EXPECT_EQ(r.content_type, e.content_type);
    EXPECT_EQ(r.body, e.body);
    EXPECT_EQ(r.kind, ContentKind::kHtml);
    EXPECT_EQ(r.passthrough, "");
  }
}

TEST(WarcReaderTest, PlainCrawl) {
  Crawl c = BuildCrawl();
  auto reader = Reader(c.Join(), "crawl.warc");
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
  ExpectYields(c, got, "crawl.warc", c.yields.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].offset, c.Offset(c.yields[i].record));
    EXPECT_FALSE(got[i].compressed_offset);
  }
  EXPECT_EQ(reader->skipped(), c.skipped);
  Record r;
  EXPECT_FALSE(reader->Next(&r));  // stays at the end
}

TEST(WarcReaderTest, GzipPerRecord) {
  Crawl c = BuildCrawl();
  auto reader = Reader(c.GzipPerRecord(), "crawl.warc.gz");
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
  ExpectYields(c, got, "crawl.warc.gz", c.yields.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].offset, c.GzipOffset(c.yields[i].record));
    EXPECT_TRUE(got[i].compressed_offset);
  }
  EXPECT_EQ(reader->skipped(), c.skipped);
}

TEST(WarcReaderTest, GzipWholeFile) {
  Crawl c = BuildCrawl();
  // Records only; the first yield starts after the member start.
  auto reader = Reader(Deflate(c.Join()), "whole.warc.gz");
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
  ExpectYields(c, got, "whole.warc.gz", c.yields.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].offset, c.Offset(c.yields[i].record));
    EXPECT_FALSE(got[i].compressed_offset);
  }
  // A crawl whose first record is yielded gets the member's offset 0.
  std::string one = c.records[2] + c.records[3];
  reader = Reader(Deflate(one), "two.warc.gz");
  got = ReadAll(reader.get());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_TRUE(got[0].compressed_offset);
  EXPECT_EQ(got[0].offset, 0u);
  EXPECT_FALSE(got[1].compressed_offset);
  EXPECT_EQ(got[1].offset, c.records[2].size());
}

TEST(WarcReaderTest, TruncatedPlain) {
  Crawl c = BuildCrawl();
  std::string all = c.Join();
  struct Cut {
    size_t record;  // the record cut into
    size_t at;      // bytes of it kept
    size_t yields;  // complete yields before
  } cuts[] = {
      {3, 10, 1},                                 // in the version line
      {3, 60, 1},                                 // in the WARC header
      {4, c.records[4].find("\r\n\r\n") + 4, 2},  // after the header
      {4, c.records[4].size() - 30, 2},           // in the body
      {8, 0, 3},                                  // nothing of the record
  };
  for (const Cut& cut : cuts) {
    SCOPED_TRACE("record " + std::to_string(cut.record) + " at " +
                 std::to_string(cut.at));
    size_t size = c.Offset(cut.record) + cut.at;
    auto reader = Reader(all.substr(0, size), "t.warc");
    std::vector<Record> got = ReadAll(reader.get());
    ExpectYields(c, got, "t.warc", cut.yields);
    if (cut.at == 0) {
      EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
    } else {
      EXPECT_EQ(reader->status().ToString(),
                "Corruption: t.warc: truncated WARC record at byte " +
                    std::to_string(c.Offset(cut.record)) +
                    " (input ends at byte " + std::to_string(size) + ")");
    }
  }
  // Cut in the CRLF CRLF after a block: the record is complete.
  size_t size = c.Offset(9) - 3;
  auto reader = Reader(all.substr(0, size), "t.warc");
  ExpectYields(c, ReadAll(reader.get()), "t.warc", 4);
  EXPECT_TRUE(reader->status().ok());
}

TEST(WarcReaderTest, TruncatedGzipPerRecord) {
  Crawl c = BuildCrawl();
  std::string gz = c.GzipPerRecord();
  const size_t m4 = c.GzipOffset(4), m5 = c.GzipOffset(5);
  struct Cut {
    size_t size;
    size_t yields;
  } cuts[] = {
      {m4 + 5, 2},              // in the gzip header of record 4
      {m4 + (m5 - m4) / 2, 2},  // in the deflate data of record 4
      {m5 - 3, 3},              // in the trailer: record 4's data all came out
  };
  for (const Cut& cut : cuts) {
    SCOPED_TRACE(cut.size);
    auto reader = Reader(gz.substr(0, cut.size), "t.warc.gz");
    ExpectYields(c, ReadAll(reader.get()), "t.warc.gz", cut.yields);
    EXPECT_EQ(reader->status().ToString(),
              "Corruption: t.warc.gz: truncated gzip member at byte " +
                  std::to_string(m4) + " (input ends at byte " +
                  std::to_string(cut.size) + ")");
  }
  // Cut at a member boundary: a clean, shorter file.
  auto reader = Reader(gz.substr(0, m5), "t.warc.gz");
  ExpectYields(c, ReadAll(reader.get()), "t.warc.gz", 3);
  EXPECT_TRUE(reader->status().ok());
}

TEST(WarcReaderTest, TruncatedGzipWholeFile) {
  Crawl c = BuildCrawl();
  std::string gz = Deflate(c.Join());
  size_t size = gz.size() / 2;
  // What inflates from the first half, to know which record it cuts.
  std::string part;
  z_stream z{};
  inflateInit2(&z, 31);
  std::string buf(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(&gz[0]);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = reinterpret_cast<Bytef*>(&buf[0]);
  z.avail_out = static_cast<uInt>(buf.size());
  inflate(&z, Z_NO_FLUSH);
  size_t inflated = z.total_out;
  inflateEnd(&z);
  size_t cut_record = 0;
  while (c.Offset(cut_record + 1) <= inflated) ++cut_record;
  size_t yields = 0;
  while (yields < c.yields.size() && c.yields[yields].record < cut_record) {
    ++yields;
  }
  auto reader = Reader(gz.substr(0, size), "w.warc.gz");
  ExpectYields(c, ReadAll(reader.get()), "w.warc.gz", yields);
  EXPECT_EQ(
      reader->status().ToString(),
      "Corruption: w.warc.gz: truncated gzip member at byte 0 (input ends "
      "at byte " +
          std::to_string(size) +
          ") (incomplete WARC record at uncompressed byte " +
          std::to_string(c.Offset(cut_record)) + ")");
  // A whole-file gzip of a truncated WARC: the gzip is sound, the WARC not.
  std::string warc = c.Join().substr(0, c.Offset(4) + 100);
  reader = Reader(Deflate(warc), "x.warc.gz");
  ExpectYields(c, ReadAll(reader.get()), "x.warc.gz", 2);
  EXPECT_EQ(
      reader->status().ToString(),
      "Corruption: x.warc.gz: truncated WARC record at uncompressed byte " +
          std::to_string(c.Offset(4)) + " (data ends at uncompressed byte " +
          std::to_string(warc.size()) + ")");
}

TEST(WarcReaderTest, ErrorRecordsDoNotStopReading) {
  Crawl c = BuildCrawl();
  std::string bad_chunks = WarcRecord(
      "response", Meta("https://example.com/bad", 20),
      HttpBlock("HTTP/1.1 200 OK",
                {"Content-Type: text/html", "Transfer-Encoding: chunked"},
                "zz\r\n<p>x</p>\r\n0\r\n\r\n"));
  std::string bad_gzip = WarcRecord(
      "response", Meta("https://example.com/badgz", 21),
      HttpBlock(
          "HTTP/1.1 200 OK",
          {"Content-Type: text/html", "Content-Encoding: gzip"},
          std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage!", 18)));
  std::string not_http =
      WarcRecord("response", Meta("https://example.com/nh", 22),
                 "this is not HTTP\r\n\r\n");
  std::string br = WarcRecord(
      "response", Meta("https://example.com/br", 23),
      HttpBlock("HTTP/1.1 200 OK",
                {"Content-Type: text/html", "Content-Encoding: compress"},
                "xyz"));
  std::string data =
      bad_chunks + c.records[2] + bad_gzip + not_http + br + c.records[3];
  auto reader = Reader(data, "e.warc");
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got[0].url, "https://example.com/bad");
  EXPECT_EQ(
      got[0].error.ToString(),
      "Corruption: bad chunked transfer coding: bad chunk size at byte 0");
  EXPECT_EQ(got[0].body, "");
  EXPECT_EQ(got[0].index, 0u);
  EXPECT_EQ(got[0].offset, 0u);
  EXPECT_EQ(got[1].body, kPageA);
  EXPECT_TRUE(got[1].error.ok());
  EXPECT_EQ(got[2].url, "https://example.com/badgz");
  EXPECT_EQ(got[2].error.code(), Status::Code::kCorruption);
  EXPECT_EQ(got[2].error.message().substr(0, 25), "bad gzip content coding: ");
  EXPECT_EQ(got[3].error.ToString(), "Corruption: not an HTTP response");
  EXPECT_EQ(got[4].error.ToString(),
            "Unsupported: content coding 'compress' is not supported by "
            "winnow");
  EXPECT_EQ(got[5].body, kPageB);
  EXPECT_EQ(got[5].index, 5u);
  EXPECT_EQ(got[5].offset, data.size() - c.records[3].size());
}

TEST(WarcReaderTest, MaxRecordBytes) {
  Crawl c = BuildCrawl();
  std::string big_html(5000, 'x');
  std::string big_image(1 << 20, '\x01');
  std::string data =
      WarcRecord("response", Meta("https://example.com/big", 1),
                 HttpBlock("HTTP/1.1 200 OK", {"Content-Type: text/html"},
                           "<p>" + big_html)) +
      WarcRecord("response", Meta("https://example.com/img", 2),
                 HttpBlock("HTTP/1.1 200 OK", {"Content-Type: image/png"},
                           big_image)) +
      WarcRecord("resource",
                 With(Meta("file:///r", 3), "Content-Type", "text/html"),
                 big_html) +
      WarcRecord(
          "response", Meta("https://example.com/bomb", 4),
          HttpBlock("HTTP/1.1 200 OK",
                    {"Content-Type: text/html", "Content-Encoding: gzip"},
                    Deflate(big_html))) +
      c.records[2];
  ReaderOptions options;
  options.max_record_bytes = 1000;
  auto reader = Reader(data, "m.warc", options);
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok());
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].url, "https://example.com/big");
  EXPECT_EQ(got[0].error.ToString(),
            "Limit reached: payload of 5003 bytes exceeds the limit of 1000");
  EXPECT_EQ(got[1].url, "file:///r");
  EXPECT_EQ(got[1].error.ToString(),
            "Limit reached: record of 5000 bytes exceeds the limit of 1000");
  EXPECT_EQ(got[2].error.ToString(),
            "Limit reached: bad gzip content coding: inflated payload exceeds "
            "1000 bytes");
  EXPECT_EQ(got[3].body, kPageA);
  EXPECT_EQ(reader->skipped().at("non-html"), 1u);  // the image
}

TEST(WarcReaderTest, Warc10HeaderVariants) {
  // WARC/1.0, LF line ends in the header, lower-case names, a folded
  // header line, a bracketed URI, blank lines between records.
  std::string block = HttpBlock("HTTP/1.0 200 OK", {"content-type: text/html"},
                                "<p>Old crawl</p>");
  std::string rec =
      "WARC/1.0\nwarc-type: response\n"
      "WARC-Target-URI: <http://old.example.org/>\n"
      "WARC-Record-ID:\n  <urn:uuid:old>\n"
      "content-type: application/http;msgtype=response\n"
      "Some-Junk-Line-Without-Colon\n"
      "content-length: " +
      std::to_string(block.size()) + "\n\n" + block + "\n\n\n\r\n";
  std::string rec2 = WarcRecord(
      "resource",
      {{"Content-Type", "application/xhtml+xml"}, {"WARC-Target-URI", "urn:x"}},
      "<html/>", "WARC/1.0");
  auto reader = Reader(rec + rec2, "old.warc");
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].url, "http://old.example.org/");
  EXPECT_EQ(got[0].warc_record_id, "<urn:uuid:old>");
  EXPECT_EQ(got[0].content_type, "text/html");
  EXPECT_EQ(got[0].body, "<p>Old crawl</p>");
  EXPECT_EQ(got[1].offset, rec.size());
  EXPECT_EQ(got[1].index, 1u);
  EXPECT_EQ(got[1].content_type, "application/xhtml+xml");
}

// Framing errors fail their record, not the input (issue 13): each is an
// error record, and reading resumes at the next version line.
TEST(WarcReaderTest, FramingErrors) {
  Crawl c = BuildCrawl();
  auto errors = [](std::string data, const std::string& name) {
    auto reader = Reader(std::move(data), name);
    std::vector<std::string> out;
    for (const Record& r : ReadAll(reader.get())) {
      out.push_back(std::to_string(r.index) + "@" + std::to_string(r.offset) +
                    (r.error.ok() ? " ok" : " " + r.error.message()));
    }
    EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
    return out;
  };
  using V = std::vector<std::string>;
  const std::string r2 = c.records[2];
  const std::string n = std::to_string(r2.size());
  EXPECT_EQ(errors("<html>not a warc</html>", "p.warc"),
            V({"0@0 not a WARC record; no WARC record follows"}));
  EXPECT_EQ(errors(r2 + "WARC/0.17\r\n\r\n" + r2, "v.warc"),
            V({"0@0 ok",
               "1@" + n +
                   " unsupported WARC version \"WARC/0.17\"; reading "
                   "resumed at byte " +
                   std::to_string(r2.size() + 13),
               "2@" + std::to_string(r2.size() + 13) + " ok"}));
  EXPECT_EQ(errors("WARC/1.1\r\nWARC-Type: resource\r\n\r\n", "l.warc"),
            V({"0@0 missing Content-Length; no WARC record follows"}));
  EXPECT_EQ(errors("WARC/1.1\r\nContent-Length: 12x\r\n\r\n" + r2, "l.warc"),
            V({"0@0 bad Content-Length \"12x\"; reading resumed at byte 33",
               "1@33 ok"}));
  // Per-record gzip: offsets are compressed ones.
  const std::string g2 = Deflate(r2);
  const std::string gn = std::to_string(g2.size());
  EXPECT_EQ(
      errors(g2 + Deflate("garbage\r\n") + g2, "g.warc.gz"),
      V({"0@0 ok",
         "1@" + gn + " not a WARC record; reading resumed at byte " +
             std::to_string(g2.size() + Deflate("garbage\r\n").size()),
         "2@" + std::to_string(g2.size() + Deflate("garbage\r\n").size()) +
             " ok"}));
  // Empty input is a clean, empty WARC.
  auto reader = Reader("", "e.warc");
  EXPECT_TRUE(ReadAll(reader.get()).empty());
  EXPECT_TRUE(reader->status().ok());
}

// ---- The fixture in tests/data --------------------------------------------

// An identity body longer than the HTTP head's bounded prefix (64 KB) and
// the read-ahead is read on into the record as it is, exactly; a shorter
// one after it into the same Record replaces it.
TEST(WarcReaderTest, IdentityBodyLongerThanTheHeadPrefix) {
  std::string big = "<html><body>";
  for (int i = 0; big.size() < 150000; ++i) {
    big += "<p>Paragraph " + std::to_string(i) + " of a long page.</p>";
  }
  big += "</body></html>";
  const std::string small = "<html><body><p>Short.</p></body></html>";
  const std::string a = "https://example.com/big";
  std::string data;
  data += WarcRecord("response", Meta(a, 1),
                     HttpBlock("HTTP/1.1 200 OK",
                               {"Content-Type: text/html",
                                "Content-Encoding: identity"},
                               big));
  data += WarcRecord("response", Meta(a, 2),
                     HttpBlock("HTTP/1.1 200 OK", {"Content-Type: text/html"},
                               small));
  auto reader = Reader(data, "big.warc");
  Record r;
  ASSERT_TRUE(reader->Next(&r));
  EXPECT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.body, big);
  ASSERT_TRUE(reader->Next(&r));
  EXPECT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.body, small);
  EXPECT_FALSE(reader->Next(&r));
  EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(WarcReaderTest, CrawlFixture) {
  const std::string dir = std::string(WINNOW_SOURCE_DIR) + "/tests/data/";
  std::vector<Record> plain, gz;
  for (const char* name : {"crawl.warc", "crawl.warc.gz"}) {
    std::string bytes = ReadFile(dir + name);
    ASSERT_FALSE(bytes.empty()) << dir + name;
    auto reader = Reader(bytes, name);
    std::vector<Record> got = ReadAll(reader.get());
    EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
    std::map<std::string, uint64_t> skipped = {{"warcinfo", 1},
                                               {"request", 4},
                                               {"metadata", 1},
                                               {"revisit", 1},
                                               {"non-html", 1}};
    EXPECT_EQ(reader->skipped(), skipped);
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0].url,
              "https://news.example.com/2024/05/harbour-bridge-reopens");
    EXPECT_EQ(got[0].index, 2u);
    EXPECT_EQ(got[0].content_type, "text/html; charset=windows-1252");
    EXPECT_EQ(got[0].warc_record_id,
              "<urn:uuid:2f1c7a0e-5b1d-4c3e-9a7f-000000000003>");
    EXPECT_EQ(got[0].date, "2024-05-14T09:00:01Z");
    EXPECT_NE(got[0].body.find("\x93It is good to have the town joined up "
                               "again,\x94 said the mayor"),
              std::string::npos);
    EXPECT_NE(got[0].body.find("cost \x80"
                               "4.2 million"),
              std::string::npos);
    EXPECT_EQ(got[0].body.substr(0, 15), "<!DOCTYPE html>");
    EXPECT_EQ(got[0].body.substr(got[0].body.size() - 15), "</body></html>\n");
    EXPECT_EQ(got[1].url, "https://news.example.com/2024/05/allotment-prize");
    EXPECT_EQ(got[1].index, 7u);
    EXPECT_EQ(got[1].content_type, "text/html; charset=utf-8");
    EXPECT_NE(got[1].body.find("<h1>Allotment society wins county prize for "
                               "its orchard</h1>"),
              std::string::npos);
    EXPECT_EQ(got[2].url, "https://news.example.com/2024/05/ferry-timetable");
    EXPECT_EQ(got[2].index, 9u);
    EXPECT_NE(got[2].body.find("every forty minutes"), std::string::npos);
    for (const Record& r : got) {
      EXPECT_TRUE(r.error.ok());
      EXPECT_EQ(r.compressed_offset, std::string(name) == "crawl.warc.gz");
    }
    (std::string(name) == "crawl.warc" ? plain : gz) = got;
  }
  ASSERT_EQ(plain.size(), gz.size());
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(plain[i].body, gz[i].body);
    EXPECT_EQ(ReadFile(dir + "crawl.warc").substr(plain[i].offset, 9),
              "WARC/1.1\r");
    // The compressed offset starts a gzip member.
    std::string g = ReadFile(dir + "crawl.warc.gz").substr(gz[i].offset, 2);
    EXPECT_EQ(g, "\x1f\x8b");
  }
}

}  // namespace
}  // namespace winnow
