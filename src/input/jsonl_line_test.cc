// Copyright winnow authors. Licensed under the MIT licence.

#include "input/jsonl_line.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace winnow {
namespace {

// The line in a buffer with the padding the parser reads past it.
struct Padded {
  explicit Padded(std::string_view line)
      : buf(std::string(line) + std::string(JsonlLineParser::kPadding, ' ')),
        view(buf.data(), line.size()) {}
  std::string buf;
  std::string_view view;
};

std::string Describe(const Record& r) {
  return "url=" + r.url + " body=" + r.body +
         " kind=" + std::to_string(static_cast<int>(r.kind)) +
         " type=" + r.content_type + " pass=" + r.passthrough +
         " error=" + r.error.ToString();
}

// The fast path takes `line` (when `fast`) and then gives what the full
// path gives, or it refuses the line (when !fast).
void ExpectPaths(JsonlLineParser* parser, const std::string& line, bool fast) {
  SCOPED_TRACE(line);
  Padded in(line);
  Record full, quick;
  parser->ParseFull(in.view, &full);
  EXPECT_EQ(parser->ParseFast(in.view, &quick), fast);
  if (fast) {
    EXPECT_EQ(Describe(quick), Describe(full));
  } else {
    EXPECT_EQ(Describe(quick), Describe(Record()));  // left as it was
  }
  Record both;
  parser->Parse(in.view, &both);
  EXPECT_EQ(Describe(both), Describe(full));
}

TEST(JsonlLineParserTest, FastPathGivesTheFullPathsRecord) {
  ReaderOptions options;
  JsonlLineParser parser(options);
  const std::vector<std::string> lines = {
      R"({"url":"https://x/a","id":3,"html":"<p>caf\u00e9 \"q\"\n</p>"})",
      R"({"text":"plain","fetched":"2024-05-14T00:00:00Z"})",
      // Passthrough of every type, spaces in and around it.
      R"(  { "n" : 1.0e3 , "m":-0.5E-7,"z":-0,"big":123456789012345678901234,)"
      R"("huge":1e400,"t":true,"f":false,"nil":null,)"
      R"("s":"caf\u00e9 a\/b \u2028 \ud83d\ude00 \t","o":{"k" : [1, 2.50, {}]},)"
      R"("a":[ ],"html":"x" }  )",
      "{\"raw\":\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\",\"html\":\"x\"}",
      // Content fields that are not strings: the last member decides.
      R"({"html":null,"text":"t","url":5})",
      R"({"html":{"a":[1]},"text":["t"]})",
      R"({"html":"first","html":null,"text":"t"})",
      R"({"url":"a","url":["b"],"html":"x"})",
      R"({"url":["b"],"url":"a","html":1,"html":"y"})",
      R"({"text":"a","text":"b","k":1,"k":2})",
      // Escaped keys are the same keys.
      R"({"ht\u006dl":"x","k\u00e9y\"\\":1,"\u0075rl":"u"})",
      "{}",
      // Passthrough strings are ParseJson's, which repairs lone surrogates.
      R"({"html":"x","s":"\udc00"})",
      R"({"html":"x","s":"\ud800\u0041"})",
      R"({"title":"No body"})",
      // The deepest nesting the full path takes.
      R"({"d":)" + std::string(255, '[') + std::string(255, ']') +
          R"(,"html":"x"})",
  };
  for (const std::string& line : lines) ExpectPaths(&parser, line, true);
}

TEST(JsonlLineParserTest, FullPathForWhatSimdjsonRefuses) {
  ReaderOptions options;
  JsonlLineParser parser(options);
  const std::vector<std::string> lines = {
      // Repaired by the full path: invalid UTF-8, lone surrogates.
      "{\"html\":\"<p>caf\xE9</p>\",\"t\":\"\xFF\"}",
      "{\"html\":\"x\",\"k\xC3\":1}",
      R"({"html":"a\ud800b"})",
      // Syntax errors, each with the full path's message.
      R"({"html":"x",})",
      R"({"html":"x" "a":1})",
      R"({"a":1x,"html":"y"})",
      R"({"a":[1] x,"html":"y"})",
      R"({"a":[1,2,"html":"x"})",
      R"({"a":{"b":},"html":"x"})",
      R"({"html":"x"}})",
      R"({"html":"x"} x)",
      R"({"html":"x"}{})",
      R"({"a"::1,"html":"x"})",
      R"({"a" 1,"html":"x"})",
      R"({,"html":"x"})",
      R"({"a":1,,"html":"x"})",
      R"({"a":01,"html":"x"})",
      R"({"a":1.,"html":"x"})",
      R"({"a":-,"html":"x"})",
      R"({"a":tru,"html":"x"})",
      R"({"a":truex,"html":"x"})",
      R"({"a":nul})",
      R"({"html":"\x"})",
      R"({"html":"\u12"})",
      R"({"html":"x","a":'s'})",
      "{\"html\":\"a\x01\"}",
      std::string("{\"html\":\"x\"}\0", 13),
      std::string("{\"html\":\"x\",\0\"a\":1}", 19),
      "{\"html\":\"x\"}\x0B",
      R"({"html":"x")",
      R"({"html":"x)",
      R"({"html")",
      R"(["an","array"])",
      R"("a string")",
      "17",
      R"({"html":"x"]})",
      // One level deeper than the full path takes.
      R"({"d":)" + std::string(256, '[') + std::string(256, ']') +
          R"(,"html":"x"})",
  };
  for (const std::string& line : lines) ExpectPaths(&parser, line, false);
}

TEST(JsonlLineParserTest, CustomAndSharedFieldNames) {
  ReaderOptions options;
  options.html_field = "body";
  options.text_field = "body";
  options.url_field = "link";
  JsonlLineParser parser(options);
  ExpectPaths(&parser, R"({"link":"u","body":"b","html":"kept","url":1})",
              true);
  ExpectPaths(&parser, R"({"body":2,"link":"u"})", true);
  Padded in(R"({"link":"u","body":"b","html":"kept","url":1})");
  Record r;
  parser.Parse(in.view, &r);
  EXPECT_EQ(r.url, "u");
  EXPECT_EQ(r.body, "b");
  EXPECT_EQ(r.kind, ContentKind::kHtml);
  EXPECT_EQ(r.passthrough, R"("html":"kept","url":1)");
}

}  // namespace
}  // namespace winnow
