// Copyright winnow authors. Licensed under the MIT licence.

#include "input/http.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <string>

#include "input/testing.h"

namespace winnow {
namespace {

HttpResponse Head(std::string_view text, size_t* size = nullptr) {
  HttpResponse r;
  size_t n = 0;
  Status s = ParseHttpResponseHead(text, &r, &n);
  EXPECT_TRUE(s.ok()) << s.ToString();
  if (size) *size = n;
  return r;
}

TEST(HttpTest, ParsesHead) {
  std::string head =
      "HTTP/1.1 200 OK\r\n"
      "Content-Type: text/html; charset=UTF-8\r\n"
      "X-Folded: one\r\n"
      "\ttwo\r\n"
      "no colon here\r\n"
      "Set-Cookie:  a=1  \r\n"
      "set-cookie: b=2\r\n"
      "\r\n";
  size_t size = 0;
  HttpResponse r = Head(head + "<html>", &size);
  EXPECT_EQ(size, head.size());
  EXPECT_EQ(r.version, "HTTP/1.1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.reason, "OK");
  ASSERT_EQ(r.headers.size(), 4u);
  EXPECT_EQ(r.headers[1].first, "X-Folded");
  EXPECT_EQ(r.headers[1].second, "one two");
  EXPECT_EQ(*r.Find("SET-COOKIE"), "b=2");
  EXPECT_EQ(r.FindAll("Set-Cookie"), "a=1, b=2");
  EXPECT_EQ(r.Find("Content-Length"), nullptr);
  EXPECT_EQ(r.ContentType(), "text/html; charset=UTF-8");
}

TEST(HttpTest, BareLfNoReasonHttp2AndInterim) {
  size_t size = 0;
  HttpResponse r = Head("HTTP/2 404\nserver: x\n\nbody", &size);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.reason, "");
  EXPECT_EQ(r.version, "HTTP/2");
  EXPECT_EQ(size, 22u);
  std::string two =
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nA: b\r\n\r\n";
  r = Head(two + "x", &size);
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.reason, "Created");
  EXPECT_EQ(size, two.size());
  ASSERT_EQ(r.headers.size(), 1u);
}

TEST(HttpTest, HeadErrors) {
  HttpResponse r;
  size_t n;
  EXPECT_EQ(ParseHttpResponseHead("GET / HTTP/1.1\r\n\r\n", &r, &n).ToString(),
            "Corruption: not an HTTP response");
  EXPECT_EQ(
      ParseHttpResponseHead("HTTP/1.1 2000 OK\r\n\r\n", &r, &n).ToString(),
      "Corruption: not an HTTP response: bad status code");
  EXPECT_EQ(
      ParseHttpResponseHead("HTTP/1.1 200 OK\r\nA: b\r\n", &r, &n).ToString(),
      "Corruption: incomplete HTTP head");
  EXPECT_EQ(ParseHttpResponseHead("HTTP/1.1 200 OK", &r, &n).ToString(),
            "Corruption: incomplete HTTP head");
}

TEST(HttpTest, ContentTypePrefersCharset) {
  HttpResponse r = Head(
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; Charset=ISO-8859-1\r\n"
      "Content-Type: text/html\r\n\r\n");
  EXPECT_EQ(r.ContentType(), "text/html; Charset=ISO-8859-1");
  r = Head(
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
      "Content-Type: text/html\r\n\r\n");
  EXPECT_EQ(r.ContentType(), "text/html");
  r = Head("HTTP/1.1 200 OK\r\n\r\n");
  EXPECT_EQ(r.ContentType(), "");
}

TEST(HttpTest, Chunked) {
  std::string out;
  std::string in = Chunk("Hello, ") + "6;name=value\r\nworld!\r\n" + Chunk("") +
                   "Trailer: x\r\n\r\n";
  EXPECT_TRUE(DecodeChunked(in, 100, &out).ok());
  EXPECT_EQ(out, "Hello, world!");
  // Upper-case hex, bare LFs, a chunk of 0x1A bytes.
  out.clear();
  EXPECT_TRUE(
      DecodeChunked("1A\nabcdefghijklmnopqrstuvwxyz\n0\n\n", 100, &out).ok());
  EXPECT_EQ(out, "abcdefghijklmnopqrstuvwxyz");
  // Cut off in the middle of a chunk, of a size line, or before the last
  // chunk: what came is kept.
  for (std::string cut :
       {std::string("5\r\nabc"), std::string("3\r\nabc\r\n1"),
        std::string("3\r\nabc\r\n"), std::string("3\r\nabc")}) {
    out.clear();
    EXPECT_TRUE(DecodeChunked(cut, 100, &out).ok()) << cut;
    EXPECT_EQ(out, "abc") << cut;
  }
}

TEST(HttpTest, ChunkedErrors) {
  std::string out;
  EXPECT_EQ(DecodeChunked("zz\r\nabc\r\n0\r\n\r\n", 100, &out).ToString(),
            "Corruption: bad chunk size at byte 0");
  out.clear();
  EXPECT_EQ(DecodeChunked("3\r\nabcX\r\n0\r\n\r\n", 100, &out).ToString(),
            "Corruption: missing CRLF after chunk data at byte 6");
  out.clear();
  EXPECT_EQ(DecodeChunked("3\r\nabc\r\n-1\r\n", 100, &out).ToString(),
            "Corruption: bad chunk size at byte 8");
  out.clear();
  EXPECT_EQ(DecodeChunked("ffffffffffffffff0\r\n", 100, &out).ToString(),
            "Corruption: bad chunk size at byte 0");
  out.clear();
  EXPECT_EQ(DecodeChunked(Chunk("abcdef") + Chunk("ghij"), 8, &out).ToString(),
            "Limit reached: payload exceeds 8 bytes");
}

TEST(HttpTest, ContentCodings) {
  std::string page = "<html><body><p>caf\xC3\xA9</p></body></html>";
  std::string out;
  EXPECT_TRUE(DecodeContentCoding("gzip", Deflate(page, 31), 1000, &out).ok());
  EXPECT_EQ(out, page);
  out.clear();
  EXPECT_TRUE(
      DecodeContentCoding("X-GZIP", Deflate(page, 31), 1000, &out).ok());
  EXPECT_EQ(out, page);
  out.clear();
  EXPECT_TRUE(
      DecodeContentCoding("deflate", Deflate(page, 15), 1000, &out).ok());
  EXPECT_EQ(out, page);
  out.clear();
  EXPECT_TRUE(
      DecodeContentCoding("deflate", Deflate(page, -15), 1000, &out).ok());
  EXPECT_EQ(out, page);
  out.clear();
  // Declared gzip but stored decoded.
  EXPECT_TRUE(DecodeContentCoding("gzip", page, 1000, &out).ok());
  EXPECT_EQ(out, page);
  out.clear();
  EXPECT_EQ(DecodeContentCoding("compress", "xx", 1000, &out).ToString(),
            "Unsupported: content coding 'compress' is not supported by "
            "winnow");
  EXPECT_EQ(
      DecodeContentCoding("deflate", "\x1f\x8bzzzzzz", 1000, &out).ToString(),
      "Corruption: invalid block type");
  out.clear();
  std::string bad_gzip = Deflate(page, 31);
  bad_gzip[12] ^= 0x7f;
  EXPECT_EQ(DecodeContentCoding("gzip", bad_gzip, 1000, &out).code(),
            Status::Code::kCorruption);
  out.clear();
  EXPECT_EQ(DecodeContentCoding("identity", page, 5, &out).ToString(),
            "Limit reached: payload exceeds 5 bytes");
}

TEST(HttpTest, DecodeBody) {
  std::string page = "<!DOCTYPE html><title>t</title><p>Hello</p>";
  std::string gz = Deflate(page, 31);
  std::string out = "stale";
  // gzip content coding inside chunked transfer coding.
  HttpResponse r = Head(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
      "Content-Encoding: gzip\r\n\r\n");
  std::string body = Chunk(gz.substr(0, 10)) + Chunk(gz.substr(10)) + Chunk("");
  EXPECT_TRUE(DecodeHttpBody(r, body, 1000, &out).ok());
  EXPECT_EQ(out, page);
  // Declared chunked, stored de-chunked.
  EXPECT_TRUE(DecodeHttpBody(
                  Head("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
                  page, 1000, &out)
                  .ok());
  EXPECT_EQ(out, page);
  // No codings.
  EXPECT_TRUE(
      DecodeHttpBody(Head("HTTP/1.0 200 OK\r\n\r\n"), page, 1000, &out).ok());
  EXPECT_EQ(out, page);
  // Two content codings, undone in reverse order; identity ignored.
  std::string twice = Deflate(Deflate(page, 15), 31);
  EXPECT_TRUE(DecodeHttpBody(
                  Head("HTTP/1.1 200 OK\r\nContent-Encoding: "
                       "deflate, identity\r\nContent-Encoding: gzip\r\n\r\n"),
                  twice, 1000, &out)
                  .ok());
  EXPECT_EQ(out, page);
  // Errors name the step.
  EXPECT_EQ(
      DecodeHttpBody(
          Head("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
          "zz\r\nabc", 1000, &out)
          .ToString(),
      "Corruption: bad chunked transfer coding: bad chunk size at byte 0");
  EXPECT_EQ(
      DecodeHttpBody(Head("HTTP/1.1 200 OK\r\nContent-Encoding: sdch\r\n\r\n"),
                     "x", 1000, &out)
          .ToString(),
      "Unsupported: content coding 'sdch' is not supported by winnow");
  EXPECT_EQ(
      DecodeHttpBody(Head("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"),
                     gz, 10, &out)
          .ToString(),
      "Limit reached: bad gzip content coding: inflated payload exceeds "
      "10 bytes");
  EXPECT_EQ(DecodeHttpBody(Head("HTTP/1.1 200 OK\r\n\r\n"), page, 10, &out)
                .ToString(),
            "Limit reached: payload exceeds 10 bytes");
}

TEST(HttpTest, MediaTypesAndSniffing) {
  EXPECT_EQ(MediaType(" Text/HTML ; charset=UTF-8"), "text/html");
  EXPECT_EQ(MediaType(""), "");
  EXPECT_TRUE(IsHtmlMediaType("text/html"));
  EXPECT_TRUE(IsHtmlMediaType("APPLICATION/XHTML+XML; charset=utf-8"));
  EXPECT_FALSE(IsHtmlMediaType("text/plain"));
  EXPECT_FALSE(IsHtmlMediaType("text/htmlx"));
  EXPECT_TRUE(SniffHtml("\xEF\xBB\xBF \n<!DOCTYPE html><html>"));
  EXPECT_TRUE(SniffHtml("<HTML>"));
  EXPECT_TRUE(SniffHtml("<p class=x>"));
  EXPECT_TRUE(SniffHtml("<!-- c -->"));
  EXPECT_TRUE(SniffHtml("\t<body>"));
  EXPECT_FALSE(SniffHtml("<pre>"));  // <p must be followed by space or '>'
  EXPECT_FALSE(SniffHtml("<?xml version=\"1.0\"?>"));
  EXPECT_FALSE(SniffHtml("plain text"));
  EXPECT_FALSE(SniffHtml("<html"));
  EXPECT_FALSE(SniffHtml(""));
  EXPECT_TRUE(EqualsIgnoreCase("Content-TYPE", "content-type"));
  EXPECT_FALSE(EqualsIgnoreCase("a", "ab"));
}

// Issue 13: br and zstd content codings were "not supported".
TEST(HttpTest, BrotliAndZstdContentCodings) {
  const std::string page = "<html><p>" + std::string(3000, 'b') + "</p></html>";
  size_t br_size = BrotliEncoderMaxCompressedSize(page.size());
  std::string br(br_size, '\0');
  ASSERT_TRUE(
      BrotliEncoderCompress(5, 22, BROTLI_MODE_TEXT, page.size(),
                            reinterpret_cast<const uint8_t*>(page.data()),
                            &br_size, reinterpret_cast<uint8_t*>(&br[0])));
  br.resize(br_size);
  std::string out;
  EXPECT_TRUE(DecodeContentCoding("br", br, 10000, &out).ok());
  EXPECT_EQ(out, page);
  out.clear();
  std::string zs(ZSTD_compressBound(page.size()), '\0');
  zs.resize(ZSTD_compress(&zs[0], zs.size(), page.data(), page.size(), 3));
  EXPECT_TRUE(DecodeContentCoding("zstd", zs, 10000, &out).ok());
  EXPECT_EQ(out, page);
  out.clear();
  EXPECT_EQ(DecodeContentCoding("br", br, 100, &out).code(),
            Status::Code::kResourceExhausted);
  out.clear();
  EXPECT_EQ(
      DecodeHttpBody(Head("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n"),
                     "\xff\xff\xff\xff", 1000, &out)
          .code(),
      Status::Code::kCorruption);
}

}  // namespace
}  // namespace winnow
