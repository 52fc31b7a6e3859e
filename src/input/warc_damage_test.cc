// Copyright winnow authors. Licensed under the MIT licence.
//
// Damaged WARC input (issue 13): a damaged gzip member or zstd frame, or a
// record whose framing lies, costs that record only, which comes out as an
// error record; every other record is read as from the undamaged file.

#include <gtest/gtest.h>
#include <zstd.h>

#include <memory>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "input/testing.h"
#include "input/warc.h"
#include "input/zstd.h"

namespace winnow {
namespace {

// `n` generated pages, one response record each.
struct Pages {
  std::vector<std::string> records;
  std::vector<std::string> bodies;
};

Pages Generate(size_t n) {
  Pages p;
  std::mt19937 rng(7);
  for (size_t i = 0; i < n; ++i) {
    std::string body = "<html><body><h1>Page " + std::to_string(i) + "</h1>";
    for (size_t k = 0; k < 20 + rng() % 40; ++k) {
      body += "<p>Paragraph " + std::to_string(k) + " word" +
              std::to_string(rng() % 1000) + " of page " + std::to_string(i) +
              ".</p>";
    }
    body += "</body></html>";
    const std::string url = "https://example.com/p" + std::to_string(i);
    p.records.push_back(WarcRecord(
        "response",
        {{"WARC-Target-URI", url},
         {"Content-Type", "application/http; msgtype=response"}},
        HttpBlock("HTTP/1.1 200 OK", {"Content-Type: text/html"}, body)));
    p.bodies.push_back(body);
  }
  return p;
}

// The records read, as "INDEX@OFFSET ok" or "INDEX@OFFSET: message", and
// whether every successful one holds its page's body.
std::vector<std::string> Outcomes(std::unique_ptr<WarcReader> reader,
                                  const Pages& p, bool* bodies_ok) {
  std::vector<std::string> out;
  *bodies_ok = true;
  Record r;
  while (reader->Next(&r)) {
    out.push_back(std::to_string(r.index) + "@" + std::to_string(r.offset) +
                  (r.error.ok() ? " ok" : ": " + r.error.message()));
    if (r.error.ok()) {
      const size_t page = std::stoul(r.url.substr(r.url.rfind('p') + 1));
      if (r.body != p.bodies[page]) *bodies_ok = false;
    }
  }
  EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
  return out;
}

std::unique_ptr<WarcReader> GzipReader(std::string data) {
  auto g = std::make_unique<GzipSource>(
      std::make_unique<OwnedSource>(std::move(data)), "d.warc.gz");
  GzipSource* gp = g.get();
  return std::make_unique<WarcReader>(
      "d.warc.gz", std::make_unique<BufferedSource>(std::move(g), 4096), gp,
      ReaderOptions());
}

// Per-record gzip of `p` and its members' offsets (one more: the end).
std::string GzipMembers(const Pages& p, std::vector<size_t>* at) {
  std::string gz;
  for (const std::string& rec : p.records) {
    at->push_back(gz.size());
    gz += Deflate(rec);
  }
  at->push_back(gz.size());
  return gz;
}

std::vector<std::string> AllOk(const std::vector<size_t>& at, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(std::to_string(i) + "@" + std::to_string(at[i]) + " ok");
  }
  return out;
}

// One bad member used to end reading, losing every later record.
TEST(WarcDamageTest, DamagedMemberCostsOneRecord) {
  Pages p = Generate(8);
  std::vector<size_t> at;
  std::string gz = GzipMembers(p, &at);
  for (size_t i = at[3] + 12; i < at[3] + 40; ++i) gz[i] = '\xFF';
  bool bodies_ok = false;
  std::vector<std::string> got = Outcomes(GzipReader(gz), p, &bodies_ok);
  std::vector<std::string> want = AllOk(at, 8);
  ASSERT_EQ(got.size(), 8u);
  EXPECT_EQ(got[3].rfind("3@" + std::to_string(at[3]) +
                             ": damaged gzip member at byte " +
                             std::to_string(at[3]) + ": bad deflate data: ",
                         0),
            0u)
      << got[3];
  EXPECT_NE(got[3].find("; reading resumed at byte " + std::to_string(at[4])),
            std::string::npos)
      << got[3];
  got[3] = want[3];
  EXPECT_EQ(got, want);
  EXPECT_TRUE(bodies_ok);
}

// The record of a member whose CRC fails came out as a success (the CRC
// was checked after it was handed on): it is an error record now.
TEST(WarcDamageTest, CrcMismatchIsAnErrorRecord) {
  Pages p = Generate(6);
  std::vector<size_t> at;
  std::string gz = GzipMembers(p, &at);
  gz[at[6] - 8] ^= 0x10;  // the last member's CRC-32
  gz[at[2] - 2] ^= 0x01;  // member 1's ISIZE
  gz[at[4]] = '\x1e';     // member 4's magic
  bool bodies_ok = false;
  std::vector<std::string> got = Outcomes(GzipReader(gz), p, &bodies_ok);
  std::vector<std::string> want = AllOk(at, 6);
  auto damaged = [&](size_t i, const std::string& cause, size_t next) {
    want[i] =
        std::to_string(i) + "@" + std::to_string(at[i]) +
        ": damaged gzip member at byte " + std::to_string(at[i]) + ": " +
        cause +
        (next < 6 ? "; reading resumed at byte " + std::to_string(at[next])
                  : "; no gzip member follows");
  };
  damaged(1, "length mismatch (ISIZE)", 2);
  damaged(4, "not a gzip member header", 5);
  damaged(5, "CRC-32 mismatch", 6);
  EXPECT_EQ(got, want);
  EXPECT_TRUE(bodies_ok);
}

// The done-when check in small: single-bit flips at fixed-seed random
// places of a per-record .warc.gz. Every record whose member holds no flip
// reads as from the undamaged file; the others are error records named by
// their member's offset (a flip in a header field that no check covers,
// such as MTIME, leaves its record intact).
TEST(WarcDamageTest, RandomBitFlips) {
  Pages p = Generate(40);
  std::vector<size_t> at;
  std::string gz = GzipMembers(p, &at);
  std::mt19937 rng(13);
  std::set<size_t> flipped;  // members holding a flip
  for (int k = 0; k < 6; ++k) {
    size_t bit = rng() % (gz.size() * 8);
    gz[bit / 8] ^= static_cast<char>(1 << (bit % 8));
    size_t m = 0;
    while (at[m + 1] <= bit / 8) ++m;
    flipped.insert(m);
  }
  bool bodies_ok = false;
  std::vector<std::string> got = Outcomes(GzipReader(gz), p, &bodies_ok);
  EXPECT_TRUE(bodies_ok);
  size_t ok = 0, errors = 0;
  for (const std::string& g : got) {
    if (g.substr(g.size() - 3) == " ok") {
      ++ok;
      continue;
    }
    ++errors;
    const size_t off = std::stoul(g.substr(g.find('@') + 1));
    size_t m = 0;
    while (at[m] < off) ++m;
    EXPECT_EQ(at[m], off) << g;
    EXPECT_EQ(flipped.count(m), 1u) << g;
  }
  EXPECT_EQ(flipped.size(), 4u);  // two members got two flips each
  EXPECT_EQ(ok, 36u);
  EXPECT_EQ(errors, 4u);
}

std::unique_ptr<WarcReader> PlainReader(std::string data) {
  return std::make_unique<WarcReader>(
      "d.warc",
      std::make_unique<BufferedSource>(
          std::make_unique<OwnedSource>(std::move(data)), 4096),
      nullptr, ReaderOptions());
}

// A Content-Length that lies, a header without its blank line, a header
// too long: that record fails, the next ones are read.
TEST(WarcDamageTest, LyingFramingCostsItsRecord) {
  Pages p = Generate(6);
  std::vector<std::string> recs = p.records;
  auto relength = [](std::string rec, long delta) {
    size_t a = rec.find("Content-Length: ") + 16, b = rec.find('\r', a);
    long n = std::stol(rec.substr(a, b - a)) + delta;
    return rec.replace(a, b - a, std::to_string(n));
  };
  recs[1] = relength(recs[1], -7);  // too short: its block's end follows
  // No blank line: the next record's version line comes in the header.
  recs[3] = "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 10\r\n";
  std::string data;
  std::vector<size_t> at;
  for (const std::string& r : recs) {
    at.push_back(data.size());
    data += r;
  }
  const std::string header_end = "\r\n\r\n";
  bool bodies_ok = false;
  std::vector<std::string> got = Outcomes(PlainReader(data), p, &bodies_ok);
  EXPECT_TRUE(bodies_ok);
  std::vector<std::string> want = AllOk(at, 6);
  want[1] = "1@" + std::to_string(at[1]) + ": Content-Length " +
            std::to_string(p.records[1].size() - 4 -
                           (p.records[1].find(header_end) + 4) - 7) +
            " does not end the record: no WARC record follows its block; "
            "reading resumed at byte " +
            std::to_string(at[2]);
  want[3] = "3@" + std::to_string(at[3]) +
            ": WARC header has no blank line before the next record's version "
            "line; reading resumed at byte " +
            std::to_string(at[4]);
  EXPECT_EQ(got, want);

  // A header longer than 1 MiB.
  std::string big = "WARC/1.1\r\nWARC-Type: response\r\n";
  while (big.size() < (size_t{1} << 20) + 10)
    big += "X-Pad: " + std::string(100, 'x') + "\r\n";
  big += "Content-Length: 0\r\n\r\n\r\n\r\n";
  got = Outcomes(PlainReader(p.records[0] + big + p.records[2]), p, &bodies_ok);
  const size_t third = p.records[0].size() + big.size();
  EXPECT_EQ(got, std::vector<std::string>(
                     {"0@0 ok",
                      "1@" + std::to_string(p.records[0].size()) +
                          ": WARC header longer than 1048576 bytes; reading "
                          "resumed at byte " +
                          std::to_string(third),
                      "2@" + std::to_string(third) + " ok"}));
}

// WARC-zstd: a dictionary in a leading skippable frame (itself
// zstd-compressed), one frame per record; a damaged frame costs its record.
TEST(WarcDamageTest, ZstdWithDictionaryAndDamagedFrame) {
  Pages p = Generate(5);
  const std::string dict = p.records[0].substr(0, 400);  // raw content
  std::string zdict(ZSTD_compressBound(dict.size()), '\0');
  zdict.resize(
      ZSTD_compress(&zdict[0], zdict.size(), dict.data(), dict.size(), 3));
  std::string data = "\x5D\x2A\x4D\x18";
  for (int k = 0; k < 4; ++k)
    data += static_cast<char>(zdict.size() >> (8 * k));
  data += zdict;
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
  ZSTD_CCtx_loadDictionary(cctx, dict.data(), dict.size());
  std::vector<size_t> at;
  for (const std::string& rec : p.records) {
    std::string f(ZSTD_compressBound(rec.size()), '\0');
    f.resize(ZSTD_compress2(cctx, &f[0], f.size(), rec.data(), rec.size()));
    at.push_back(data.size());
    data += f;
  }
  ZSTD_freeCCtx(cctx);
  data[at[2] + (at[3] - at[2]) / 2] ^= 0x04;
  auto z = std::make_unique<ZstdSource>(std::make_unique<OwnedSource>(data),
                                        "d.warc.zst");
  ZstdSource* zp = z.get();
  bool bodies_ok = false;
  std::vector<std::string> got = Outcomes(
      std::make_unique<WarcReader>(
          "d.warc.zst", std::make_unique<BufferedSource>(std::move(z), 4096),
          zp, ReaderOptions()),
      p, &bodies_ok);
  EXPECT_TRUE(bodies_ok);
  ASSERT_EQ(got.size(), 5u);
  std::vector<std::string> want = AllOk(at, 5);
  EXPECT_EQ(got[2].rfind("2@" + std::to_string(at[2]) +
                             ": damaged zstd frame at byte " +
                             std::to_string(at[2]) + ": ",
                         0),
            0u)
      << got[2];
  EXPECT_NE(got[2].find("; reading resumed at byte " + std::to_string(at[3])),
            std::string::npos)
      << got[2];
  got[2] = want[2];
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace winnow
