// Copyright winnow authors. Licensed under the MIT licence.

#include "rules/literals.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace winnow {
namespace {

// The literals, sorted, or {"<none>"} when RequiredLiterals finds none.
std::vector<std::string> Literals(const std::string& pattern) {
  std::vector<std::string> out;
  if (!RequiredLiterals(pattern, &out)) return {"<none>"};
  std::sort(out.begin(), out.end());
  return out;
}

using V = std::vector<std::string>;

TEST(RequiredLiterals, AlternativesAnywhereInTheText) {
  // No match prefix (it may begin anywhere), but every match holds a word.
  EXPECT_EQ(Literals("^[\\s\\S]*(?:^|\\s)(?:Join|subscribe)\\s[\\s\\S]*$"),
            (V{"join", "subscrib"}));  // runs end at 8 bytes
  EXPECT_EQ(Literals("(?i)\\bfoo\\b"), (V{"foo"}));
}

TEST(RequiredLiterals, TheBestPartOfASequenceIsKept) {
  EXPECT_EQ(Literals("a\\s+(?:views|opinions) expressed"), (V{" express"}));
  EXPECT_EQ(Literals("(?:the )?(?:a|b)c"), (V{"ac", "bc", "the ac", "the bc"}));
  EXPECT_EQ(Literals("x[ab]y+"), (V{"xa", "xb"}));  // longer than {"y"}
}

TEST(RequiredLiterals, OptionalOrUnknownPartsGiveNone) {
  EXPECT_EQ(Literals("(?:foo)?"), (V{"<none>"}));
  EXPECT_EQ(Literals("foo|\\d+"), (V{"<none>"}));
  EXPECT_EQ(Literals("[^a]bc*"), (V{"b"}));
  EXPECT_EQ(Literals(".*"), (V{"<none>"}));
  EXPECT_EQ(Literals("\\pL+"), (V{"<none>"}));
  EXPECT_EQ(Literals("caf\xC3\xA9"), (V{"caf"}));  // bytes >= 0x80: unknown
  EXPECT_EQ(Literals("(unbalanced"), (V{"<none>"}));
  EXPECT_EQ(Literals("a{2}b"), (V{"a"}));
  EXPECT_EQ(Literals("a{,2}b"), (V{"a{,2}b"}));  // a literal '{', as in RE2
  EXPECT_EQ(Literals("\\Qa.b\\E"), (V{"a.b"}));
  EXPECT_EQ(Literals("(?P<x>ab)"), (V{"ab"}));
}

// Plain letters are appended to the run in place (literals.cc); one that
// a repetition follows is read as an atom of its own.
TEST(RequiredLiterals, PlainLettersAndTheirRepetitions) {
  EXPECT_EQ(Literals("Abcdefghij"), (V{"abcdefgh"}));  // runs end at 8 bytes
  EXPECT_EQ(Literals("abc?d"), (V{"abcd", "abd"}));
  EXPECT_EQ(Literals("abc*d"), (V{"ab"}));
  EXPECT_EQ(Literals("abc+d"), (V{"ab"}));  // longer than {"c"}, {"d"}
  EXPECT_EQ(Literals("ab{2}cd"), (V{"cd"}));
  EXPECT_EQ(Literals("(?:x|y)za"), (V{"xza", "yza"}));
  EXPECT_EQ(Literals("a}b]c"), (V{"a}b]c"}));
}

TEST(MayContain, FindsALiteral) {
  EXPECT_TRUE(MayContain({"foo", "bar"}, "a bar b"));
  EXPECT_FALSE(MayContain({"foo", "bar"}, "a ba r b"));
}

TEST(FoldsToAscii, KelvinSignAndLongS) {
  EXPECT_TRUE(FoldsToAscii("\xE2\x84\xAA"));  // matches "k" under (?i)
  EXPECT_TRUE(FoldsToAscii("\xC5\xBF"));      // matches "s" under (?i)
  EXPECT_FALSE(FoldsToAscii("caf\xC3\xA9"));
  EXPECT_FALSE(FoldsToAscii("a plain ASCII text of some length"));
  EXPECT_FALSE(FoldsToAscii("\xC4\x8D and \xE2\x80\x94"));  // lead bytes only
  EXPECT_TRUE(FoldsToAscii("a plain ASCII text, then \xC4\xB1"));
}

}  // namespace
}  // namespace winnow
