// Copyright winnow authors. Licensed under the MIT licence.

#include "lang/lang.h"

#include <gtest/gtest.h>

namespace winnow {
namespace {

TEST(SplitWords, LowerCasesAndSplitsOnPunctuation) {
  std::vector<std::string> words;
  SplitWords("Don\xE2\x80\x99t STOP \xC3\x9C" "BER-alles, \"quoted\" 42!", &words);
  EXPECT_EQ(words, (std::vector<std::string>{"don't", "stop", "\xC3\xBC" "ber",
                                             "alles", "quoted", "42"}));
}

// Runs of ASCII inside a word that needs lower-casing are copied whole:
// every run, between and after non-ASCII letters, comes out lower-cased.
TEST(SplitWords, MixedCaseRunsAroundNonAsciiLetters) {
  std::vector<std::string> words;
  SplitWords("McDONALD's S\xC3\xA3O PAulo \xC3\x89" "COLEs 'Quoted'", &words);
  EXPECT_EQ(words, (std::vector<std::string>{"mcdonald's", "s\xC3\xA3o",
                                             "paulo", "\xC3\xA9" "coles",
                                             "quoted"}));
}

// A capitalised word longer than the splitter's inline buffer (64 bytes)
// goes on in the scratch string: whole, lower-cased, across the boundary
// in an ASCII run and in a multi-byte letter; the next word starts afresh.
TEST(SplitWords, WordsLongerThanTheInlineBufferComeOutWhole) {
  const std::string upper_run = "X" + std::string(70, 'Y');
  const std::string lower_run = "x" + std::string(70, 'y');
  // 63 ASCII bytes, then a two-byte letter that straddles byte 64.
  const std::string straddle = "A" + std::string(62, 'b') + "\xC3\x9C" + "Z";
  const std::string straddle_lower =
      "a" + std::string(62, 'b') + "\xC3\xBC" + "z";
  std::vector<std::string> words;
  SplitWords(upper_run + " " + straddle + " Short", &words);
  EXPECT_EQ(words,
            (std::vector<std::string>{lower_run, straddle_lower, "short"}));
}

TEST(AnnotateLanguage, DetectsGermanAndCountsStopWords) {
  Page page;
  Block b;
  b.text =
      "Die Angriffe trafen in den USA Beh\xC3\xB6rden und weitere Unternehmen, "
      "die an der Forschung beteiligt waren und sich nicht wehren konnten.";
  b.chars = 120;
  page.blocks.push_back(b);
  AnnotateLanguage(&page);
  EXPECT_EQ(page.lang, "German");
  EXPECT_EQ(page.blocks[0].words, 21);
  EXPECT_GE(page.blocks[0].stop_words, 9);
}

TEST(AnnotateLanguage, DetectsEnglish) {
  Page page;
  Block b;
  b.text = "The attacks hit government agencies, defense companies, and other "
           "companies in the USA, and they were said to have been affected.";
  b.chars = 130;
  page.blocks.push_back(b);
  AnnotateLanguage(&page);
  EXPECT_TRUE(page.lang == "English" || page.lang == "Simple_English")
      << page.lang;
  EXPECT_TRUE(IsStopWord(page.lang, "the"));
  EXPECT_FALSE(IsStopWord(page.lang, "indictment"));
}

TEST(AnnotateLanguage, EmptyPageHasNoLanguage) {
  Page page;
  AnnotateLanguage(&page);
  EXPECT_EQ(page.lang, "");
}

}  // namespace
}  // namespace winnow
