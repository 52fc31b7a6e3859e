// Copyright winnow authors. Licensed under the MIT licence.

#include "rules/narrow.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <string>
#include <vector>

namespace winnow {
namespace rules_internal {
namespace {

std::string Utf8(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | cp >> 6);
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | cp >> 12);
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | cp >> 18);
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

// Every code point RE2 matches with `re`.
std::vector<uint32_t> Matching(const RE2& re) {
  std::vector<uint32_t> out;
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (RE2::FullMatch(Utf8(cp), re)) out.push_back(cp);
  }
  return out;
}

// The proof in narrow.h rests on these two facts about RE2's case folding.
TEST(Narrow, FoldsIntoCodeIsWhatRe2Folds) {
  std::vector<uint32_t> outside;
  for (uint32_t cp : Matching(RE2("(?i)[\\x00-\\x7F\\x{A0}-\\x{FE}]"))) {
    if (cp > 0xFE || (cp >= 0x80 && cp < 0xA0)) outside.push_back(cp);
  }
  EXPECT_EQ(outside, std::vector<uint32_t>(std::begin(kFoldsIntoCode),
                                           std::end(kFoldsIntoCode)));
}

TEST(Narrow, ExtrasAreCaseless) {
  std::string cls = "[";
  for (uint32_t cp : kExtra) cls += Utf8(cp);
  cls += "]";
  EXPECT_EQ(Matching(RE2("(?i)" + cls)), Matching(RE2(cls)));
  for (size_t k = 0; k < sizeof(kExtra) / sizeof(kExtra[0]); ++k) {
    EXPECT_EQ(NarrowByte(kExtra[k]), static_cast<int>(0x80 + k));
  }
}

TEST(Narrow, TextsOutsideTheCodeAreNotNarrowed) {
  std::string buf;
  std::string_view out;
  ASSERT_TRUE(NarrowText("plain", &buf, &out));
  EXPECT_EQ(out, "plain");
  ASSERT_TRUE(NarrowText("caf\xC3\xA9 \xE2\x80\x9Cx\xE2\x80\x9D", &buf, &out));
  EXPECT_EQ(out, "caf\xE9 \x85x\x86");
  EXPECT_FALSE(NarrowText("\xC5\x82", &buf, &out));      // U+0142
  EXPECT_FALSE(NarrowText("\xC3\xBF", &buf, &out));      // U+00FF
  EXPECT_FALSE(NarrowText("\xC2\x85", &buf, &out));      // U+0085
  EXPECT_FALSE(NarrowText("a\xC3", &buf, &out));         // cut
  EXPECT_FALSE(NarrowText("\xC0\xAF", &buf, &out));      // overlong
  EXPECT_FALSE(NarrowText("\xED\xA0\x80", &buf, &out));  // surrogate
}

TEST(Narrow, PatternsThatCannotBeNarrowed) {
  std::string out;
  EXPECT_FALSE(NarrowPattern("(?i)\\x{41}", &out));
  EXPECT_FALSE(NarrowPattern("\\pL", &out));
  EXPECT_FALSE(NarrowPattern("\\Q\xC3\xA9\\E", &out));
  EXPECT_FALSE(NarrowPattern("[a-\xC3\xA9]", &out));
  EXPECT_FALSE(NarrowPattern("[\xC3\xA9-\xC3\xBC]", &out));
  EXPECT_FALSE(NarrowPattern("(?i)\xC5\xBF", &out));  // the long s
  EXPECT_FALSE(NarrowPattern("\\101", &out));
  ASSERT_TRUE(NarrowPattern("[^\xE2\x80\x9C]x-\xC5\x82", &out));
  EXPECT_EQ(out, "[^\\x{85}]x-\\x{FF}");
  // A '-' first or last in a class is itself, not a range.
  ASSERT_TRUE(NarrowPattern("[^\xE2\x80\x9C-]", &out));
  EXPECT_EQ(out, "[^\\x{85}-]");
  ASSERT_TRUE(NarrowPattern("[-\xE2\x80\x93\xE2\x80\x94]", &out));
  EXPECT_EQ(out, "[-\\x{80}\\x{81}]");
  EXPECT_FALSE(NarrowPattern("[!-\xC3\xA9]", &out));
  EXPECT_FALSE(NarrowPattern("[]-\xC3\xA9]", &out));
  ASSERT_TRUE(NarrowPattern("[[:alpha:]\xC3\xA9]\xC5\x82", &out));
  EXPECT_EQ(out, "[[:alpha:]\\x{E9}]\\x{FF}");
}

// A narrowed pattern matches a narrowed text where the pattern matches the
// text.
TEST(Narrow, MatchesAsUtf8Does) {
  const char* patterns[] = {
      "(?i)^caf\xC3\xA9$",
      "(?i)\xC3\x89T\xC3\x89",
      "^[\\s\\S]{0,4}\xE2\x80\x9D$",
      "(?i)^(?:zdj\xC4\x99" "cie|photo)\\s*:\\s*[^()]{1,10}$",
      "^.{3}$",
      "[^\xE2\x80\x9C\xE2\x80\x9D]+",
      "(?i)\\bk\\w+",
      "(?i)stra\xC3\x9F" "e",
      "(?i)\xC2\xB5m",
      "[\xC2\xA9\xC2\xAE]\\s*\\d{4}",
      "\\W\\S\\W",
      "(?s)a.b",
      "^(?:[-\xE2\x80\x93\xE2\x80\x94]\\s*)?ad$",
      "x(?:[ ,.:!\xE2\x80\x93\xE2\x80\x94-]+\\S+){0,2}$",
  };
  const char* texts[] = {
      "caf\xC3\xA9",  "CAF\xC3\x89",   "caf\xC3\xA8",
      "\xC3\xA9t\xC3\xA9 x", "ab\xE2\x80\x9D", "abcde\xE2\x80\x9D",
      "\xE2\x80\x9Cq\xE2\x80\x9D", "Photo: x y", "ZDJ\xC4\x98" "CIE: a",
      "\xC3\xA9\xC3\xA9\xC3\xA9", "a\nb", "\xE2\x80\x93 Kilo", "STRASSE",
      "Stra\xC3\x9F" "e", "\xC2\xB5M", "\xC2\xA9 2024", "\xC2\xA0x\xC2\xA0",
      "a\xC3\xA9" "b", "",
      "\xE2\x80\x93 ad", "- ad", "\xE2\x80\x94" "ad", "x \xE2\x80\x94 y",
      "x, y-z", "x\xE2\x80\x93y\xE2\x80\x94z", "x y z", "+ad",
  };
  RE2::Options utf8;
  utf8.set_never_capture(true);
  RE2::Options latin1 = utf8;
  latin1.set_encoding(RE2::Options::EncodingLatin1);
  int compared = 0;
  for (const char* p : patterns) {
    std::string narrow;
    ASSERT_TRUE(NarrowPattern(p, &narrow)) << p;
    RE2 wide_re(p, utf8), narrow_re(narrow, latin1);
    ASSERT_TRUE(wide_re.ok()) << p;
    ASSERT_TRUE(narrow_re.ok()) << narrow;
    for (const char* t : texts) {
      std::string buf;
      std::string_view nt;
      if (!NarrowText(t, &buf, &nt)) continue;
      ++compared;
      EXPECT_EQ(RE2::PartialMatch(t, wide_re),
                RE2::PartialMatch(re2::StringPiece(nt.data(), nt.size()),
                                  narrow_re))
          << p << " on " << t;
    }
  }
  EXPECT_GT(compared, 200);
}

}  // namespace
}  // namespace rules_internal
}  // namespace winnow
