// Copyright winnow authors. Licensed under the MIT licence.

#include "input/jsonl.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "input/testing.h"

namespace winnow {
namespace {

std::unique_ptr<JsonlReader> Reader(std::string data, const std::string& name,
                                    const ReaderOptions& options = {}) {
  auto raw = std::make_unique<BufferedSource>(
      std::make_unique<OwnedSource>(std::move(data)), 256);
  if (HasGzipMagic(raw->Peek(2))) {
    auto g = std::make_unique<GzipSource>(std::move(raw), name);
    GzipSource* gp = g.get();
    return std::make_unique<JsonlReader>(
        name, std::make_unique<BufferedSource>(std::move(g), 256), gp, options);
  }
  return std::make_unique<JsonlReader>(name, std::move(raw), nullptr, options);
}

std::vector<Record> ReadAll(RecordReader* reader) {
  std::vector<Record> out;
  Record r;
  while (reader->Next(&r)) out.push_back(r);
  return out;
}

const std::vector<std::string>& Lines() {
  static const std::vector<std::string> kLines = {
      // 0: html, url and passthrough fields of every type
      R"({"url":"https://example.com/a","html":"<p>caf\u00e9 \"A\"</p>\n","id":17,)"
      R"("score":1.50,"tags":["x", "y"],"meta":{"lang" : "en","n":null},"ok":true})",
      // 1: blank
      "",
      // 2: text only, no url, CRLF
      "{\"text\":\"Line one.\\nLine two.\",\"source\":\"scrape\"}\r",
      // 3: broken JSON with a readable url
      R"({"url": "https://example.com/broken", "html": "<p>unterminated)",
      // 4: whitespace only
      "   \t",
      // 5: valid but no content field
      R"({"url":"https://example.com/empty","title":"No body"})",
      // 6: html null, text present: text wins
      R"({"html":null,"text":"fallback","url":"u6"})",
      // 7: not an object
      R"(["an","array"])",
      // 8: html wins over text; both left out of passthrough; raw UTF-8
      "{\"text\":\"t\",\"html\":\"<b>\xE2\x82\xAC</b>\",\"a\":\"\xC3\xA9\"}",
  };
  return kLines;
}

TEST(JsonlReaderTest, Records) {
  std::string data;
  for (const auto& l : Lines()) data += l + "\n";
  auto reader = Reader(data, "pages.jsonl");
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
  EXPECT_TRUE(reader->skipped().empty());
  ASSERT_EQ(got.size(), 7u);
  std::vector<uint64_t> offsets;
  uint64_t off = 0;
  for (const auto& l : Lines()) {
    offsets.push_back(off);
    off += l.size() + 1;
  }
  for (const Record& r : got) {
    EXPECT_EQ(r.input, "pages.jsonl");
    EXPECT_EQ(r.offset, offsets[r.index]);
    EXPECT_FALSE(r.compressed_offset);
    EXPECT_EQ(r.warc_record_id, "");
  }

  EXPECT_EQ(got[0].index, 0u);
  EXPECT_TRUE(got[0].error.ok());
  EXPECT_EQ(got[0].url, "https://example.com/a");
  EXPECT_EQ(got[0].body, "<p>caf\xC3\xA9 \"A\"</p>\n");
  EXPECT_EQ(got[0].kind, ContentKind::kHtml);
  EXPECT_EQ(got[0].content_type, "text/html; charset=utf-8");
  EXPECT_EQ(
      got[0].passthrough,
      R"("id":17,"score":1.50,"tags":["x","y"],"meta":{"lang":"en","n":null},"ok":true)");

  EXPECT_EQ(got[1].index, 2u);
  EXPECT_TRUE(got[1].error.ok());
  EXPECT_EQ(got[1].url, "");
  EXPECT_EQ(got[1].body, "Line one.\nLine two.");
  EXPECT_EQ(got[1].kind, ContentKind::kText);
  EXPECT_EQ(got[1].content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(got[1].passthrough, R"("source":"scrape")");

  EXPECT_EQ(got[2].index, 3u);
  EXPECT_EQ(got[2].url, "https://example.com/broken");
  EXPECT_EQ(got[2].error.ToString(),
            "Corruption: JSON syntax error at byte 62: unterminated string");
  EXPECT_EQ(got[2].body, "");
  EXPECT_EQ(got[2].passthrough, "");

  EXPECT_EQ(got[3].index, 5u);
  EXPECT_EQ(got[3].url, "https://example.com/empty");
  EXPECT_EQ(got[3].error.ToString(),
            "Not found: no string \"html\" or \"text\" field");
  EXPECT_EQ(got[3].passthrough, R"("title":"No body")");

  EXPECT_EQ(got[4].index, 6u);
  EXPECT_TRUE(got[4].error.ok());
  EXPECT_EQ(got[4].body, "fallback");
  EXPECT_EQ(got[4].kind, ContentKind::kText);
  EXPECT_EQ(got[4].url, "u6");
  EXPECT_EQ(got[4].passthrough, "");

  EXPECT_EQ(got[5].index, 7u);
  EXPECT_EQ(got[5].error.ToString(), "Corruption: line is not a JSON object");

  EXPECT_EQ(got[6].index, 8u);
  EXPECT_EQ(got[6].body, "<b>\xE2\x82\xAC</b>");
  EXPECT_EQ(got[6].kind, ContentKind::kHtml);
  EXPECT_EQ(got[6].passthrough, "\"a\":\"\xC3\xA9\"");
}

TEST(JsonlReaderTest, LastLineWithoutNewlineAndBom) {
  auto reader =
      Reader("\xEF\xBB\xBF{\"html\":\"<p>1</p>\"}\n{\"html\":\"<p>2</p>\"}",
             "b.jsonl");
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].body, "<p>1</p>");
  EXPECT_EQ(got[0].offset, 0u);
  EXPECT_EQ(got[1].body, "<p>2</p>");
  EXPECT_EQ(got[1].offset, 23u);
  EXPECT_EQ(got[1].index, 1u);
  reader = Reader("", "empty.jsonl");
  EXPECT_TRUE(ReadAll(reader.get()).empty());
  EXPECT_TRUE(reader->status().ok());
}

TEST(JsonlReaderTest, CustomFieldNames) {
  ReaderOptions options;
  options.html_field = "content";
  options.text_field = "plain";
  options.url_field = "link";
  auto reader = Reader(
      R"({"link":"https://x/","content":"<p>c</p>","html":"kept","url":"kept too"})"
      "\n",
      "c.jsonl", options);
  std::vector<Record> got = ReadAll(reader.get());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].url, "https://x/");
  EXPECT_EQ(got[0].body, "<p>c</p>");
  EXPECT_EQ(got[0].passthrough, R"("html":"kept","url":"kept too")");
}

TEST(JsonlReaderTest, LongLines) {
  ReaderOptions options;
  options.max_record_bytes = 100;
  std::string big = R"({"url":"https://example.com/big","html":")" +
                    std::string(5000, 'x') + "\"}";
  std::string data = big + "\n" + R"({"html":"<p>small</p>"})" + "\n";
  auto reader = Reader(data, "l.jsonl", options);
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].url, "https://example.com/big");
  EXPECT_EQ(got[0].error.ToString(),
            "Limit reached: line longer than 100 bytes");
  EXPECT_EQ(got[0].body, "");
  EXPECT_EQ(got[1].body, "<p>small</p>");
  EXPECT_EQ(got[1].offset, big.size() + 1);
  EXPECT_EQ(got[1].index, 1u);
}

TEST(JsonlReaderTest, TruncatedGzip) {
  std::string data;
  for (int i = 0; i < 200; ++i) {
    data += R"({"url":"u)" + std::to_string(i) + R"(","html":"<p>page )" +
            std::to_string(i) + " " + std::string(i % 37, 'z') + "</p>\"}\n";
  }
  std::string gz = Deflate(data);
  auto reader = Reader(gz.substr(0, gz.size() - 40), "t.jsonl.gz");
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_EQ(reader->status().ToString(),
            "Corruption: t.jsonl.gz: truncated gzip member at byte 0 (input "
            "ends at byte " +
                std::to_string(gz.size() - 40) + ")");
  ASSERT_GT(got.size(), 100u);
  ASSERT_LT(got.size(), 200u);
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_TRUE(got[i].error.ok()) << i;  // no cut-off line is a record
    EXPECT_EQ(got[i].url, "u" + std::to_string(i));
  }
  // The whole file reads cleanly.
  reader = Reader(gz, "t.jsonl.gz");
  EXPECT_EQ(ReadAll(reader.get()).size(), 200u);
  EXPECT_TRUE(reader->status().ok());
}

TEST(JsonlReaderTest, ScanStringField) {
  std::string v;
  EXPECT_TRUE(
      ScanJsonStringField(R"({"a":1, "url" :  "h\"t\u00e9", x)", "url", &v));
  EXPECT_EQ(v, "h\"t\xC3\xA9");
  EXPECT_TRUE(
      ScanJsonStringField(R"({"url":5,"x":{"url":"second"})", "url", &v));
  EXPECT_EQ(v, "second");
  EXPECT_FALSE(ScanJsonStringField(R"({"url":"unterminated)", "url", &v));
  EXPECT_FALSE(ScanJsonStringField(R"({"urls":"x"})", "url", &v));
}

// Issue 13: a damaged gzip member in a .jsonl.gz lost every later line;
// now only the lines of that member, as one error record.
TEST(JsonlReaderTest, DamagedGzipMemberCostsItsLines) {
  const std::string a = "{\"html\":\"<p>a</p>\"}\n{\"html\":\"<p>b</p>\"}\n";
  const std::string b = "{\"html\":\"<p>c</p>\"}\n";
  const std::string c = "{\"html\":\"<p>d</p>\"}\n";
  std::string ga = Deflate(a), gb = Deflate(b), gc = Deflate(c);
  gb[gb.size() - 7] ^= 0x20;  // the CRC
  auto reader = Reader(ga + gb + gc, "d.jsonl.gz");
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].body, "<p>a</p>");
  EXPECT_EQ(got[1].body, "<p>b</p>");
  EXPECT_EQ(got[2].index, 2u);
  EXPECT_EQ(got[2].offset, a.size());
  EXPECT_EQ(got[2].error.ToString(),
            "Corruption: damaged gzip member at byte " +
                std::to_string(ga.size()) +
                ": CRC-32 mismatch; reading resumed at byte " +
                std::to_string(ga.size() + gb.size()));
  EXPECT_EQ(got[3].body, "<p>d</p>");
}

// Issue 17 (simdjson reads lines now): passthrough fields come out as the
// parser always wrote them: numbers as written, strings decoded and
// written again (\u00e9 as UTF-8, \/ as /), no spaces.
TEST(JsonlReaderTest, PassthroughBytes) {
  auto reader =
      Reader(R"({"n":1.0e3, "m" : -0.5E-7,"big":123456789012345678901234,)"
             R"("s":"caf\u00e9 a\/b \u2028\ud83d\ude00","o":{"k" : [1, 2.50]},)"
             R"("html":"<p>x</p>","e":[],"t":true,"z":null})"
             "\n",
             "p.jsonl");
  std::vector<Record> got = ReadAll(reader.get());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].error.ok());
  EXPECT_EQ(got[0].body, "<p>x</p>");
  EXPECT_EQ(got[0].passthrough,
            "\"n\":1.0e3,\"m\":-0.5E-7,\"big\":123456789012345678901234,"
            "\"s\":\"caf\xC3\xA9 a/b \\u2028\xF0\x9F\x98\x80\","
            "\"o\":{\"k\":[1,2.50]},\"e\":[],\"t\":true,\"z\":null");
}

// Invalid UTF-8 in a string (which simdjson refuses) is repaired as the
// parser always did: each maximal invalid subpart becomes U+FFFD.
TEST(JsonlReaderTest, InvalidUtf8Repaired) {
  auto reader = Reader(
      "{\"url\":\"u\xE9\",\"html\":\"<p>caf\xE9 "
      "\xE2\x82</p>\",\"t\":\"\xFF\"}\n"
      "{\"html\":\"<p>a\\ud800b</p>\"}\n",
      "u.jsonl");
  std::vector<Record> got = ReadAll(reader.get());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_TRUE(got[0].error.ok());
  EXPECT_EQ(got[0].url, "u\xEF\xBF\xBD");
  EXPECT_EQ(got[0].body, "<p>caf\xEF\xBF\xBD \xEF\xBF\xBD</p>");
  EXPECT_EQ(got[0].passthrough, "\"t\":\"\xEF\xBF\xBD\"");
  EXPECT_TRUE(got[1].error.ok());
  EXPECT_EQ(got[1].body,
            "<p>a\xEF\xBF\xBD"
            "b</p>");
}

// A malformed line that a lax parser would take is an error record with
// the parser's message, and the lines after it are read.
TEST(JsonlReaderTest, MalformedLinesFailAlone) {
  const std::string bad1 = R"({"url":"https://x/1","html":"<p>a</p>",})";
  const std::string bad2 = R"({"url":"https://x/2","html":"<p>b</p>"}})";
  const std::string bad3 = R"({"url":"https://x/3","n":01,"html":"<p>c</p>"})";
  const std::string good = R"({"html":"<p>d</p>"})";
  auto reader =
      Reader(bad1 + "\n" + bad2 + "\n" + bad3 + "\n" + good + "\n", "m.jsonl");
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok());
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].url, "https://x/1");
  EXPECT_EQ(got[0].error.ToString(),
            "Corruption: JSON syntax error at byte 39: expected a key");
  EXPECT_EQ(got[1].url, "https://x/2");
  EXPECT_EQ(got[1].error.ToString(),
            "Corruption: JSON syntax error at byte 39: trailing characters");
  EXPECT_EQ(got[2].url, "https://x/3");
  EXPECT_EQ(got[2].error.ToString(),
            "Corruption: JSON syntax error at byte 26: expected ',' or '}'");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(got[i].body, "") << i;
    EXPECT_EQ(got[i].passthrough, "") << i;
  }
  EXPECT_TRUE(got[3].error.ok());
  EXPECT_EQ(got[3].body, "<p>d</p>");
  EXPECT_EQ(got[3].index, 3u);
  EXPECT_EQ(got[3].offset, bad1.size() + bad2.size() + bad3.size() + 3);
}

// Lines of megabytes, escapes all along: one of 3 MiB and one past the
// size at which the reader drops its simdjson parser, short lines after
// each.
TEST(JsonlReaderTest, VeryLongLines) {
  std::string data, page[2];
  const size_t sizes[2] = {size_t{3} << 20, size_t{17} << 20};
  std::string chunk, escaped_chunk;
  for (int i = 0; i < 97; ++i) {
    const std::string c = std::to_string(i);
    chunk += "<p class=\"c" + c + "\">caf\xC3\xA9\t\\</p>\n";
    escaped_chunk += "<p class=\\\"c" + c + "\\\">caf\\u00e9\\t\\\\</p>\\n";
  }
  for (int k = 0; k < 2; ++k) {
    std::string escaped;
    while (page[k].size() < sizes[k]) {
      page[k] += chunk;
      escaped += escaped_chunk;
    }
    data += R"({"url":"https://x/long","html":")" + escaped +
            R"(","k":2})"
            "\n"
            R"({"html":"<p>s</p>","k":1})"
            "\n";
  }
  auto reader = Reader(data, "v.jsonl");
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok());
  ASSERT_EQ(got.size(), 4u);
  for (int k = 0; k < 2; ++k) {
    const Record& big = got[2 * k];
    EXPECT_TRUE(big.error.ok()) << k;
    EXPECT_EQ(big.url, "https://x/long");
    EXPECT_EQ(big.body.size(), page[k].size());
    EXPECT_TRUE(big.body == page[k]) << k;
    EXPECT_EQ(big.passthrough, R"("k":2)");
    const Record& small = got[2 * k + 1];
    EXPECT_TRUE(small.error.ok()) << k;
    EXPECT_EQ(small.body, "<p>s</p>");
    EXPECT_EQ(small.passthrough, R"("k":1)");
    EXPECT_EQ(small.index, 2u * k + 1);
  }
}

}  // namespace
}  // namespace winnow
