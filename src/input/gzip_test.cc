// Copyright winnow authors. Licensed under the MIT licence.

#include "input/gzip.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <memory>
#include <string>
#include <thread>

#include "input/testing.h"

namespace winnow {
namespace {

// Text that compresses, but not to nothing.
std::string Prose(size_t n, unsigned seed = 1) {
  static const char* const kWords[] = {"harbour", "bridge", "council",  "the",
                                       "ferry",   "of",     "opened",   "and",
                                       "trade",   "quay",   "engineers"};
  std::string out;
  unsigned x = seed;
  while (out.size() < n) {
    x = x * 1103515245u + 12345u;
    out += kWords[(x >> 16) % 11];
    out += (x >> 8) % 13 == 0 ? ".\n" : " ";
  }
  out.resize(n);
  return out;
}

// Reads everything in `chunk`-byte reads.
std::string Drain(ByteSource* src, size_t chunk = 1000) {
  std::string out;
  std::string buf(chunk, '\0');
  for (;;) {
    size_t got = src->Read(&buf[0], chunk);
    if (got == 0) break;
    out.append(buf.data(), got);
  }
  return out;
}

std::unique_ptr<GzipSource> Gunzip(std::string data,
                                   const std::string& name = "in.gz") {
  return std::make_unique<GzipSource>(
      std::make_unique<OwnedSource>(std::move(data)), name);
}

TEST(GzipSourceTest, SingleMember) {
  std::string text = Prose(300000);
  std::string gz = Deflate(text);
  for (size_t chunk : {1, 7, 4096, 1 << 20}) {
    if (chunk == 1) continue;  // too slow for 300 kB; covered below
    auto g = Gunzip(gz);
    EXPECT_EQ(Drain(g.get(), chunk), text) << chunk;
    EXPECT_TRUE(g->status().ok()) << g->status().ToString();
    EXPECT_EQ(g->members(), 1u);
    EXPECT_EQ(g->compressed_offset(), gz.size());
  }
  auto g = Gunzip(Deflate("tiny"));
  EXPECT_EQ(Drain(g.get(), 1), "tiny");
  EXPECT_TRUE(g->status().ok());
}

TEST(GzipSourceTest, MultiMemberWithOffsets) {
  std::string a = Prose(5000, 1), b = Prose(70000, 2), c = Prose(10, 3);
  std::string ga = Deflate(a), gb = Deflate(b), gc = Deflate(c);
  std::string empty = Deflate("");
  std::string all = ga + gb + empty + gc;
  auto g = Gunzip(all);
  EXPECT_EQ(Drain(g.get(), 3000), a + b + c);
  EXPECT_TRUE(g->status().ok());
  EXPECT_EQ(g->members(), 4u);
  uint64_t off = 99;
  EXPECT_TRUE(g->MemberAt(0, &off));
  EXPECT_EQ(off, 0u);
  EXPECT_FALSE(g->MemberAt(1, &off));  // inside member 1
  EXPECT_TRUE(g->MemberAt(a.size(), &off));
  EXPECT_EQ(off, ga.size());
  // The empty member and member c both start at a+b: the last one holds c.
  EXPECT_TRUE(g->MemberAt(a.size() + b.size(), &off));
  EXPECT_EQ(off, ga.size() + gb.size() + empty.size());
  EXPECT_FALSE(g->MemberAt(a.size() + b.size() + 1, &off));
}

TEST(GzipSourceTest, ZeroPaddingIgnored) {
  std::string gz = Deflate("hello ") + std::string(100, '\0') +
                   Deflate("world") + std::string(7, '\0');
  auto g = Gunzip(gz);
  EXPECT_EQ(Drain(g.get()), "hello world");
  EXPECT_TRUE(g->status().ok()) << g->status().ToString();
}

TEST(GzipSourceTest, Truncated) {
  std::string a = Prose(2000, 4), b = Prose(50000, 5);
  std::string ga = Deflate(a), gb = Deflate(b);
  std::string cut = ga + gb.substr(0, gb.size() / 2);
  auto g = Gunzip(cut, "crawl.warc.gz");
  std::string out = Drain(g.get());
  EXPECT_EQ(out.substr(0, a.size()), a);
  EXPECT_GT(out.size(), a.size());  // what could be inflated came out
  EXPECT_EQ(out.substr(a.size()), b.substr(0, out.size() - a.size()));
  EXPECT_EQ(g->status().code(), Status::Code::kCorruption);
  EXPECT_EQ(g->status().message(),
            "crawl.warc.gz: truncated gzip member at byte " +
                std::to_string(ga.size()) + " (input ends at byte " +
                std::to_string(cut.size()) + ")");
  // Failure is sticky.
  char buf[10];
  EXPECT_EQ(g->Read(buf, 10), 0u);

  // Cut inside the 8-byte trailer: the data came out, the damage is told.
  std::string no_trailer = ga.substr(0, ga.size() - 3);
  g = Gunzip(no_trailer, "t.gz");
  EXPECT_EQ(Drain(g.get()), a);
  EXPECT_EQ(g->status().message(),
            "t.gz: truncated gzip member at byte 0 (input ends at byte " +
                std::to_string(no_trailer.size()) + ")");

  // Cut inside the header of the second member.
  g = Gunzip(ga + gb.substr(0, 5), "h.gz");
  EXPECT_EQ(Drain(g.get()), a);
  EXPECT_EQ(g->status().message(),
            "h.gz: truncated gzip member at byte " + std::to_string(ga.size()) +
                " (input ends at byte " + std::to_string(ga.size() + 5) + ")");
}

TEST(GzipSourceTest, CorruptData) {
  std::string a = Prose(3000, 6);
  std::string ga = Deflate(a);
  std::string bad = ga;
  bad[3] = 0x40;  // reserved flag bit
  auto g = Gunzip(bad, "b.gz");
  EXPECT_EQ(Drain(g.get()), "");
  EXPECT_EQ(g->status().code(), Status::Code::kCorruption);
  EXPECT_EQ(g->status().message(),
            "b.gz: corrupt gzip data at byte 4 (member at byte 0): unknown "
            "header flags set");
  // A bad CRC in the second member: the first member's data is kept.
  std::string gb = Deflate("second");
  gb[gb.size() - 6] ^= 0x55;
  g = Gunzip(ga + gb, "c.gz");
  EXPECT_EQ(Drain(g.get()), a + "second");
  EXPECT_EQ(g->status().message(),
            "c.gz: corrupt gzip data at byte " +
                std::to_string(ga.size() + gb.size() - 4) +
                " (member at byte " + std::to_string(ga.size()) +
                "): incorrect data check");
}

TEST(GzipSourceTest, TrailingGarbageAndNotGzip) {
  auto g = Gunzip(Deflate("ok") + "junk", "j.gz");
  EXPECT_EQ(Drain(g.get()), "ok");
  EXPECT_EQ(g->status().message(),
            "j.gz: trailing garbage after gzip data at byte " +
                std::to_string(Deflate("ok").size()));
  g = Gunzip("plain text", "p.gz");
  EXPECT_EQ(Drain(g.get()), "");
  EXPECT_EQ(g->status().message(), "p.gz: not gzip data at byte 0");
  g = Gunzip("", "e.gz");
  EXPECT_EQ(Drain(g.get()), "");
  EXPECT_EQ(g->status().message(), "e.gz: empty gzip data");
}

TEST(GzipSourceTest, FromPipe) {
  std::string text = Prose(200000, 7);
  std::string gz = Deflate(text.substr(0, 1000)) + Deflate(text.substr(1000));
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  std::thread writer([&] {
    // Dribble the bytes in small writes, as a network pipe would.
    for (size_t i = 0; i < gz.size(); i += 777) {
      size_t k = std::min<size_t>(777, gz.size() - i);
      ASSERT_EQ(write(fds[1], gz.data() + i, k), static_cast<ssize_t>(k));
    }
    close(fds[1]);
  });
  auto raw = std::make_unique<BufferedSource>(
      std::make_unique<FdSource>(fds[0], "pipe", /*owns=*/true));
  ASSERT_TRUE(HasGzipMagic(raw->Peek(2)));
  GzipSource g(std::move(raw), "pipe");
  EXPECT_EQ(Drain(&g, 4096), text);
  EXPECT_TRUE(g.status().ok());
  EXPECT_EQ(g.members(), 2u);
  writer.join();
}

TEST(FdSourceTest, OpenErrors) {
  std::unique_ptr<FdSource> f;
  Status s = FdSource::Open("/nonexistent/dir/file.warc", &f);
  EXPECT_EQ(s.ToString(),
            "Not found: /nonexistent/dir/file.warc: No such file or directory");
  s = FdSource::Open("/", &f);  // a folder opens, but reading it fails
  ASSERT_TRUE(s.ok());
  char buf[8];
  EXPECT_EQ(f->Read(buf, 8), 0u);
  EXPECT_EQ(f->status().ToString(),
            "I/O error: /: read failed: Is a directory");
}

TEST(BufferedSourceTest, LinesPeekAndOffsets) {
  std::string data = "first\r\nsecond line\n\nlast-no-newline";
  BufferedSource in(std::make_unique<StringSource>(data), 16);
  EXPECT_EQ(in.Peek(3).substr(0, 3), "fir");
  EXPECT_EQ(in.Peek(100).size(), 16u);  // never more than the buffer
  std::string line;
  bool too_long, complete;
  ASSERT_TRUE(in.ReadLine(100, &line, &too_long, &complete));
  EXPECT_EQ(line, "first\r");
  EXPECT_TRUE(complete);
  EXPECT_FALSE(too_long);
  EXPECT_EQ(in.offset(), 7u);
  line.clear();
  ASSERT_TRUE(in.ReadLine(4, &line, &too_long, &complete));
  EXPECT_EQ(line, "seco");  // the rest was discarded
  EXPECT_TRUE(too_long);
  EXPECT_TRUE(complete);
  EXPECT_EQ(in.offset(), 19u);
  line.clear();
  ASSERT_TRUE(in.ReadLine(100, &line, &too_long, &complete));
  EXPECT_EQ(line, "");
  EXPECT_TRUE(complete);
  line.clear();
  ASSERT_TRUE(in.ReadLine(100, &line, &too_long, &complete));
  EXPECT_EQ(line, "last-no-newline");
  EXPECT_FALSE(complete);
  line.clear();
  EXPECT_FALSE(in.ReadLine(100, &line, &too_long, &complete));
  EXPECT_EQ(in.offset(), data.size());
}

TEST(BufferedSourceTest, ReadIntoSkipRead) {
  std::string data = Prose(100000, 8);
  BufferedSource in(std::make_unique<StringSource>(data), 1024);
  std::string out;
  EXPECT_EQ(in.ReadInto(10, &out), 10u);
  EXPECT_EQ(in.Skip(50000), 50000u);
  EXPECT_EQ(in.offset(), 50010u);
  std::string big(20000, '\0');
  size_t got = in.Read(&big[0], big.size());  // what the buffer held
  EXPECT_GT(got, 0u);
  EXPECT_EQ(in.offset(), 50010u + got);
  EXPECT_EQ(big.substr(0, got), data.substr(50010, got));
  size_t got2 = in.Read(&big[0], big.size());  // straight from the source
  EXPECT_EQ(got2, 20000u);
  EXPECT_EQ(big, data.substr(50010 + got, got2));
  got += got2;
  out.clear();
  EXPECT_EQ(in.ReadInto(1000000, &out), data.size() - 50010 - got);
  EXPECT_EQ(out, data.substr(50010 + got));
  EXPECT_EQ(in.Skip(5), 0u);
  EXPECT_TRUE(in.Peek(1).empty());
}

TEST(InflateBufferTest, Codings) {
  std::string text = Prose(100000, 9);
  std::string out;
  bool truncated = true;
  EXPECT_TRUE(
      InflateBuffer(Deflate(text, 31), 31, 1 << 20, &out, &truncated).ok());
  EXPECT_EQ(out, text);
  EXPECT_FALSE(truncated);
  out.clear();
  EXPECT_TRUE(
      InflateBuffer(Deflate(text, 15), 15, 1 << 20, &out, &truncated).ok());
  EXPECT_EQ(out, text);
  out.clear();
  EXPECT_TRUE(
      InflateBuffer(Deflate(text, -15), -15, 1 << 20, &out, &truncated).ok());
  EXPECT_EQ(out, text);
  // Two gzip members.
  out.clear();
  EXPECT_TRUE(InflateBuffer(Deflate("ab", 31) + Deflate("cd", 31), 31, 100,
                            &out, &truncated)
                  .ok());
  EXPECT_EQ(out, "abcd");
  // Cut off: what came is kept.
  std::string gz = Deflate(text, 31);
  out.clear();
  EXPECT_TRUE(
      InflateBuffer(gz.substr(0, gz.size() / 2), 31, 1 << 20, &out, &truncated)
          .ok());
  EXPECT_TRUE(truncated);
  EXPECT_GT(out.size(), 1000u);
  EXPECT_EQ(out, text.substr(0, out.size()));
  // Over the limit.
  out.clear();
  EXPECT_EQ(InflateBuffer(gz, 31, 1000, &out, &truncated).ToString(),
            "Limit reached: inflated payload exceeds 1000 bytes");
  // Bad data.
  out.clear();
  EXPECT_EQ(
      InflateBuffer("not compressed", 15, 1000, &out, &truncated).ToString(),
      "Corruption: incorrect header check");
}

}  // namespace
}  // namespace winnow
