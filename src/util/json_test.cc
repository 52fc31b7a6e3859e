// Copyright winnow authors. Licensed under the MIT licence.

#include "util/json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace winnow {
namespace {

JsonValue MustParse(std::string_view text) {
  JsonValue v;
  Status s = ParseJson(text, &v);
  EXPECT_TRUE(s.ok()) << text << ": " << s.ToString();
  return v;
}

std::string ParseError(std::string_view text) {
  JsonValue v;
  Status s = ParseJson(text, &v);
  return s.ok() ? "OK" : s.ToString();
}

std::string StringOf(std::string_view json) {
  JsonValue v = MustParse(json);
  EXPECT_TRUE(v.is_string()) << json;
  return v.str();
}

std::string Escaped(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

TEST(JsonTest, Scalars) {
  EXPECT_TRUE(MustParse("null").is_null());
  EXPECT_TRUE(MustParse("true").bool_value());
  EXPECT_TRUE(MustParse("false").is_bool());
  EXPECT_FALSE(MustParse("false").bool_value());
  EXPECT_EQ(MustParse(" \t\r\n\"x\" \n").str(), "x");
  EXPECT_EQ(MustParse("\"\"").str(), "");
}

TEST(JsonTest, Numbers) {
  struct Case {
    const char* text;
    double value;
  } cases[] = {{"0", 0},         {"-0", -0.0},
               {"7", 7},         {"-12", -12},
               {"3.25", 3.25},   {"1e3", 1000},
               {"1E+2", 100},    {"-12.5e-1", -1.25},
               {"0.001", 0.001}, {"123456789012", 123456789012.0}};
  for (const Case& c : cases) {
    JsonValue v = MustParse(c.text);
    ASSERT_TRUE(v.is_number()) << c.text;
    EXPECT_EQ(v.number(), c.value) << c.text;
    EXPECT_EQ(v.number_text(), c.text);
  }
  JsonValue big = MustParse("-1e400");
  EXPECT_TRUE(std::isinf(big.number()));
  EXPECT_LT(big.number(), 0);
  EXPECT_EQ(big.number_text(), "-1e400");
  EXPECT_EQ(MustParse("1e-400").number(), 0.0);
  // Exact text survives a round trip even past double precision.
  EXPECT_EQ(ToJson(MustParse("[12345678901234567890123,1.10]")),
            "[12345678901234567890123,1.10]");
}

TEST(JsonTest, InvalidNumbersAndLiterals) {
  EXPECT_EQ(ParseError("01"),
            "Corruption: JSON syntax error at byte 1: trailing characters");
  EXPECT_EQ(ParseError("1."),
            "Corruption: JSON syntax error at byte 2: bad number");
  EXPECT_EQ(ParseError(".5"),
            "Corruption: JSON syntax error at byte 0: unexpected character");
  EXPECT_EQ(ParseError("+1"),
            "Corruption: JSON syntax error at byte 0: unexpected character");
  EXPECT_EQ(ParseError("-"),
            "Corruption: JSON syntax error at byte 1: bad number");
  EXPECT_EQ(ParseError("1e"),
            "Corruption: JSON syntax error at byte 2: bad number");
  EXPECT_EQ(ParseError("NaN"),
            "Corruption: JSON syntax error at byte 0: unexpected character");
  EXPECT_EQ(ParseError("nul"),
            "Corruption: JSON syntax error at byte 0: unexpected character");
  EXPECT_EQ(ParseError("truex"),
            "Corruption: JSON syntax error at byte 4: trailing characters");
  EXPECT_EQ(ParseError(""),
            "Corruption: JSON syntax error at byte 0: unexpected end");
  EXPECT_EQ(ParseError("   "),
            "Corruption: JSON syntax error at byte 3: unexpected end");
}

TEST(JsonTest, InvalidStructure) {
  EXPECT_EQ(ParseError("[1,]"),
            "Corruption: JSON syntax error at byte 3: unexpected character");
  EXPECT_EQ(ParseError("{\"a\":1,}"),
            "Corruption: JSON syntax error at byte 7: expected a key");
  EXPECT_EQ(ParseError("{'a':1}"),
            "Corruption: JSON syntax error at byte 1: expected a key");
  EXPECT_EQ(ParseError("[1 2]"),
            "Corruption: JSON syntax error at byte 3: expected ',' or ']'");
  EXPECT_EQ(ParseError("{\"a\" 1}"),
            "Corruption: JSON syntax error at byte 5: expected ':'");
  EXPECT_EQ(ParseError("{\"a\":1"),
            "Corruption: JSON syntax error at byte 6: unexpected end");
  EXPECT_EQ(ParseError("{\"a\":1]"),
            "Corruption: JSON syntax error at byte 6: expected ',' or '}'");
  EXPECT_EQ(ParseError("{1:2}"),
            "Corruption: JSON syntax error at byte 1: expected a key");
  EXPECT_EQ(ParseError("[1]x"),
            "Corruption: JSON syntax error at byte 3: trailing characters");
  EXPECT_EQ(ParseError("// c\n1"),
            "Corruption: JSON syntax error at byte 0: unexpected character");
  EXPECT_EQ(ParseError("{"),
            "Corruption: JSON syntax error at byte 1: unexpected end");
  EXPECT_EQ(ParseError("[,1]"),
            "Corruption: JSON syntax error at byte 1: unexpected character");
}

TEST(JsonTest, InvalidStrings) {
  EXPECT_EQ(ParseError("\"abc"),
            "Corruption: JSON syntax error at byte 4: unterminated string");
  EXPECT_EQ(
      ParseError("\"a\tb\""),
      "Corruption: JSON syntax error at byte 2: control character in string");
  EXPECT_EQ(
      ParseError("\"a\nb\""),
      "Corruption: JSON syntax error at byte 2: control character in string");
  EXPECT_EQ(ParseError("\"\\x\""),
            "Corruption: JSON syntax error at byte 1: bad escape");
  EXPECT_EQ(ParseError("\"\\u12x\""),
            "Corruption: JSON syntax error at byte 3: bad \\u escape");
  EXPECT_EQ(ParseError("\"\\u12"),
            "Corruption: JSON syntax error at byte 3: truncated \\u escape");
  EXPECT_EQ(ParseError("\"\\"),
            "Corruption: JSON syntax error at byte 2: unterminated string");
}

TEST(JsonTest, Escapes) {
  EXPECT_EQ(StringOf(R"("a\"b\\c\/d\be\ff\ng\rh\ti")"),
            "a\"b\\c/d\be\ff\ng\rh\ti");
  EXPECT_EQ(StringOf(R"("\u0041\u00e9\u20AC")"), "A\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(StringOf(R"("\u0000")"), std::string(1, '\0'));
  // A surrogate pair: U+1F600.
  EXPECT_EQ(StringOf(R"("\ud83d\ude00")"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(StringOf(R"("\uD834\uDD1E!")"), "\xF0\x9D\x84\x9E!");
  // Lone surrogates become U+FFFD.
  EXPECT_EQ(StringOf(R"("\ud83d")"), "\xEF\xBF\xBD");
  EXPECT_EQ(StringOf(R"("\ud83dx")"), "\xEF\xBF\xBDx");
  EXPECT_EQ(StringOf(R"("\ude00\ud83d")"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  // A high surrogate followed by a non-surrogate escape: both kept apart.
  EXPECT_EQ(StringOf(R"("\ud83d\u0041")"),
            "\xEF\xBF\xBD"
            "A");
  EXPECT_EQ(StringOf(R"("\ud83d\ud83d\ude00")"),
            "\xEF\xBF\xBD\xF0\x9F\x98\x80");
}

TEST(JsonTest, RawUtf8) {
  EXPECT_EQ(StringOf("\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\""),
            "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  // Invalid bytes become U+FFFD, one per maximal invalid subpart.
  EXPECT_EQ(StringOf("\"a\xFF"
                     "b\""),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(StringOf("\"a\xE2\x82\""), "a\xEF\xBF\xBD");
  EXPECT_EQ(StringOf("\"\xC0\xAF\""), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
  EXPECT_EQ(StringOf("\"\xED\xA0\x80\""),  // an encoded surrogate
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(StringOf("\"\xF4\x90\x80\x80\""),  // past U+10FFFF
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(JsonTest, ContainersAndFind) {
  JsonValue v = MustParse(
      R"( { "a" : [ 1 , "two" , { } , [ ] , null ] , "b" : { "c" : true } , "a" : 3 } )");
  ASSERT_TRUE(v.is_object());
  ASSERT_EQ(v.members().size(), 3u);
  EXPECT_EQ(v.members()[0].key, "a");
  EXPECT_EQ(v.members()[1].key, "b");
  const JsonValue* a = v.Find("a");  // the last duplicate wins
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->number(), 3);
  const JsonValue& arr = v.members()[0].value;
  ASSERT_TRUE(arr.is_array());
  ASSERT_EQ(arr.elements().size(), 5u);
  EXPECT_EQ(arr.elements()[1].str(), "two");
  EXPECT_TRUE(arr.elements()[2].is_object());
  EXPECT_TRUE(arr.elements()[3].is_array());
  EXPECT_TRUE(arr.elements()[4].is_null());
  EXPECT_TRUE(v.Find("b")->Find("c")->bool_value());
  EXPECT_EQ(v.Find("zz"), nullptr);
  EXPECT_EQ(arr.Find("a"), nullptr);
  EXPECT_EQ(ToJson(v), R"({"a":[1,"two",{},[],null],"b":{"c":true},"a":3})");
}

TEST(JsonTest, DepthIsBounded) {
  std::string ok = std::string(256, '[') + std::string(256, ']');
  EXPECT_TRUE(MustParse(ok).is_array());
  std::string deep = std::string(257, '[') + std::string(257, ']');
  EXPECT_EQ(ParseError(deep),
            "Limit reached: JSON nested deeper than 256 at byte 256");
  // Far deeper input fails fast without recursion.
  std::string huge(1000000, '[');
  JsonValue v;
  EXPECT_EQ(ParseJson(huge, &v).code(), Status::Code::kResourceExhausted);
  std::string objs;
  for (int i = 0; i < 10; ++i) objs += "{\"k\":";
  objs += "1";
  objs += std::string(10, '}');
  JsonParseOptions options;
  options.max_depth = 10;
  EXPECT_TRUE(ParseJson(objs, &v, options).ok());
  options.max_depth = 9;
  EXPECT_EQ(ParseJson(objs, &v, options).ToString(),
            "Limit reached: JSON nested deeper than 9 at byte 45");
}

TEST(JsonTest, WriterEscapes) {
  EXPECT_EQ(Escaped("plain"), "\"plain\"");
  EXPECT_EQ(Escaped("q\"b\\n\nt\tr\rb\bf\f"), R"("q\"b\\n\nt\tr\rb\bf\f")");
  EXPECT_EQ(Escaped(std::string("\x01\x1f\x7f", 3)), R"("\u0001\u001f)"
                                                     "\x7f\"");
  EXPECT_EQ(Escaped(std::string("nul\0x", 5)), R"("nul\u0000x")");
  EXPECT_EQ(Escaped("caf\xC3\xA9 \xF0\x9F\x98\x80"),
            "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
  EXPECT_EQ(Escaped("a\xE2\x80\xA8"
                    "b\xE2\x80\xA9"),
            R"("a\u2028b\u2029")");
  EXPECT_EQ(Escaped("bad\xFF\xC3"), "\"bad\xEF\xBF\xBD\xEF\xBF\xBD\"");
  std::string out = "x";
  AppendJsonEscaped("a\"b", &out);
  EXPECT_EQ(out, "xa\\\"b");
}

TEST(JsonTest, WriterValues) {
  JsonValue o = JsonValue::Object();
  o.Add("n", JsonValue::Number(0.1));
  o.Add("i", JsonValue::Number(3));
  o.Add("nan", JsonValue::Number(std::nan("")));
  o.Add("s", JsonValue::String("\"hi\""));
  JsonValue a = JsonValue::Array();
  a.Append(JsonValue::Bool(true));
  a.Append(JsonValue());
  a.Append(JsonValue::Array());
  o.Add("a", std::move(a));
  EXPECT_EQ(ToJson(o),
            R"({"n":0.1,"i":3,"nan":null,"s":"\"hi\"","a":[true,null,[]]})");
  // Append/Add on the wrong type do nothing.
  JsonValue s = JsonValue::String("x");
  s.Append(JsonValue());
  s.Add("k", JsonValue());
  EXPECT_EQ(ToJson(s), "\"x\"");
}

TEST(JsonTest, RoundTripDeep) {
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "{\"k\":[";
  deep += "\"\\u00e9\"";
  for (int i = 0; i < 200; ++i) deep += "]}";
  JsonValue v;
  ASSERT_TRUE(ParseJson(deep, &v, JsonParseOptions{400}).ok());
  std::string expected = deep;
  expected.replace(expected.find("\\u00e9"), 6, "\xC3\xA9");
  EXPECT_EQ(ToJson(v), expected);
}

// AppendJsonEscape is the one unescaper (ParseJson's strings and segment's
// articleBody reader): it moves past what it decoded and, on a bad escape,
// points at the offending byte and leaves the output alone.
TEST(JsonTest, AppendJsonEscapeMovesPastOneEscape) {
  std::string out = "x";
  size_t pos = 1;
  EXPECT_EQ(AppendJsonEscape(R"(a\ud83d\ude00b)", &pos, &out), nullptr);
  EXPECT_EQ(out, "x\xF0\x9F\x98\x80");
  EXPECT_EQ(pos, 13u);
  pos = 0;
  EXPECT_EQ(AppendJsonEscape(R"(\nb)", &pos, &out), nullptr);
  EXPECT_EQ(pos, 2u);
  EXPECT_EQ(out, "x\xF0\x9F\x98\x80\n");
}

TEST(JsonTest, AppendJsonEscapeReportsBadEscapes) {
  std::string out;
  size_t pos = 1;
  EXPECT_STREQ(AppendJsonEscape(R"(a\q)", &pos, &out), "bad escape");
  EXPECT_EQ(pos, 1u);
  pos = 0;
  EXPECT_STREQ(AppendJsonEscape(R"(\u12g4)", &pos, &out), "bad \\u escape");
  EXPECT_EQ(pos, 2u);
  pos = 0;
  EXPECT_STREQ(AppendJsonEscape(R"(\u12)", &pos, &out), "truncated \\u escape");
  EXPECT_EQ(pos, 2u);
  pos = 0;
  EXPECT_STREQ(AppendJsonEscape("\\", &pos, &out), "bad escape");
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace winnow
