// Copyright winnow authors. Licensed under the MIT licence.

#include "rules/prefix.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "rules/internal.h"
#include "rules/rules.h"
#include "rules/rules_test_util.h"
#include "winnow/options.h"

namespace winnow {
namespace {

// The prefixes, sorted, or {"<any>"} when MatchPrefixes gives none.
std::vector<std::string> Prefixes(const std::string& pattern, bool icase) {
  std::vector<std::string> out;
  if (!MatchPrefixes(pattern, icase, &out)) return {"<any>"};
  std::sort(out.begin(), out.end());
  return out;
}

using V = std::vector<std::string>;

TEST(MatchPrefixes, AlternativesAreCutAtThreeBytes) {
  EXPECT_EQ(Prefixes("^(?:impressum|imprint|legal notice)", true),
            (V{"imp", "leg"}));
  EXPECT_EQ(Prefixes("^(?:ab|c)d", false), (V{"abd", "cd"}));
  EXPECT_EQ(Prefixes("\\Aab$", false), (V{"ab"}));
}

TEST(MatchPrefixes, CaseIsFoldedEitherWay) {
  EXPECT_EQ(Prefixes("^ABC", false), (V{"abc"}));
  EXPECT_EQ(Prefixes("(?i)^Abc", false), (V{"abc"}));
}

TEST(MatchPrefixes, OptionalPartsAndSmallClasses) {
  EXPECT_EQ(Prefixes("^[a-c]x", false), (V{"ax", "bx", "cx"}));
  EXPECT_EQ(Prefixes("^\\*?ad", false), (V{"*ad", "ad"}));
  EXPECT_EQ(Prefixes("^x{0,2}y", false), (V{"x", "y"}));
  EXPECT_EQ(Prefixes("^a+b", false), (V{"a"}));
}

// Letters are appended to the prefixes in place (prefix.cc, AppendInPlace)
// unless a repetition follows them, which the general path reads.
TEST(MatchPrefixes, LettersBeforeARepetitionAreReadWithIt) {
  EXPECT_EQ(Prefixes("ab?c", false), (V{"abc", "ac"}));
  EXPECT_EQ(Prefixes("ab*x", false), (V{"ab", "ax"}));
  EXPECT_EQ(Prefixes("ab{2}c", false), (V{"ab"}));
  EXPECT_EQ(Prefixes("ab+", false), (V{"ab"}));
  EXPECT_EQ(Prefixes("a]b}c", false), (V{"a]b"}));
  EXPECT_EQ(Prefixes("a\\.b", false), (V{"a.b"}));
  EXPECT_EQ(Prefixes("x(?:ab|cd)e?", false), (V{"xab", "xcd"}));
  EXPECT_EQ(Prefixes("about|ab|a", false), (V{"a", "ab", "abo"}));
}

TEST(MatchPrefixes, WhatIsNotReadMatchesAnyText) {
  EXPECT_EQ(Prefixes("^.*x", false), (V{"<any>"}));
  EXPECT_EQ(Prefixes("^a?", false), (V{"<any>"}));      // matches ""
  EXPECT_EQ(Prefixes("^[a-z]x", false), (V{"<any>"}));  // 26 bytes
  EXPECT_EQ(Prefixes("^[^x]", false), (V{"<any>"}));
  EXPECT_EQ(Prefixes("^\\S+ says", false), (V{"<any>"}));
  EXPECT_EQ(Prefixes("^(?:a", false), (V{"<any>"}));  // does not parse
}

TEST(MatchPrefixes, NonAsciiCharactersNeedNoAsciiPrefix) {
  // A text that begins with ASCII cannot match "»..." at its start.
  EXPECT_EQ(Prefixes("^(?:»\\s*)?more", true), (V{"mor"}));
  EXPECT_EQ(Prefixes("^über", true), (V{}));
  // ... but the Kelvin sign folds to "k" and the long s to "s".
  EXPECT_EQ(Prefixes("^\u212Aelvin", true), (V{"kel"}));
  EXPECT_EQ(Prefixes("^\u017Fo", true), (V{"so"}));
  EXPECT_EQ(Prefixes("^\u212Aelvin", false), (V{}));
}

// A fresh rule set matches rule by rule (RuleSet::Cold), a used one with
// its Sets: both must give the same hits, on every default rule.
TEST(RuleSetCold, ColdAndWarmMatchingAgree) {
  const std::vector<std::string> texts = {
      "",
      "Impressum",
      "impressum | Datenschutz | Kontakt",
      "Kelvin: \u212A",
      "\u212Aontakt",
      "Read more",
      "» Weiterlesen",
      "Über uns",
      "Share this article",
      "Share on Facebook",
      "We use cookies to improve your experience.",
      "Wir verwenden Cookies, um unsere Website zu verbessern.",
      "Photo: Jane Doe / Reuters",
      "A worn chain wears out the sprockets as well.",
      "All rights reserved.",
      "© 2024 Example Corp. All rights reserved.",
      "Related articles",
      "Sign up for our newsletter to get the latest news in your inbox.",
      "Subscribe to continue reading",
      "Advertisement",
      "ANZEIGE",
      "Leave a comment",
      "12 comments",
      "Posted by admin on March 3, 2024",
      "Tags: bikes, chains",
      "Back to top",
      "Next article",
      "Foto: dpa",
      "Listen to this article",
      "Was this article helpful?",
      // Rules that may match anywhere, judged by their required literals
      // (literals.h), also with letters that fold to ASCII ones.
      "Join our Telegram channel for daily updates",
      "\u017Fubscribe to our YouTube channel",
      "Check out our YouTube channel",
      "Subscribe to our YouTube \u212Aanal",
      "The views expressed are those of the author.",
      "5 minutes ago",
      "Download our free app for iOS and Android",
      "Please read our comment policy before posting.",
  };
  Options options;
  std::unique_ptr<RuleSet> cold, warm;
  ASSERT_TRUE(RuleSet::Load(options, &cold).ok());
  ASSERT_TRUE(RuleSet::Load(options, &warm).ok());
  rules_test::WarmUp(*warm);
  size_t total = 0;
  for (const std::string& text : texts) {
    std::vector<int> a, b;
    cold->MatchText(text, &a);
    warm->MatchText(text, &b);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b) << text;
    total += a.size();
  }
  for (const rules_test::SampleElement& e : rules_test::SampleElements()) {
    std::vector<int> a, b;
    cold->MatchElement(e.tag, e.cls, e.id, "", "", "", &a);
    warm->MatchElement(e.tag, e.cls, e.id, "", "", "", &b);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b) << e.tag << " " << e.cls;
    total += a.size();
  }
  EXPECT_GT(total, 20u);  // the texts above do hit rules
}

// A page with more subjects than the 256 after which a fresh rule set used
// to compile its Sets is matched rule by rule to its end: for one page,
// compiling the Sets costs more than the rules it needs on its own.
TEST(RuleSetCold, FirstPageIsMatchedRuleByRuleToItsEnd) {
  std::unique_ptr<RuleSet> set;
  ASSERT_TRUE(RuleSet::Load(Options(), &set).ok());
  set->BeginPage();
  std::vector<int> hits;
  for (int i = 0; i < 300; ++i) {
    set->MatchText("Impressum " + std::to_string(i), &hits);
    set->MatchElement("div", "nav-" + std::to_string(i), "", "", "", "", &hits);
  }
  EXPECT_TRUE(set->MatchesRuleByRule());
  EXPECT_EQ(set->CompiledSets(), 0u);
}

// When a second page begins, every Set is compiled at once (a batch needs
// them all, and threads share the work), before it is matched.
TEST(RuleSetCold, SecondPageCompilesEverySet) {
  std::unique_ptr<RuleSet> set;
  ASSERT_TRUE(RuleSet::Load(Options(), &set).ok());
  set->BeginPage();
  EXPECT_EQ(set->CompiledSets(), 0u);
  set->BeginPage();
  EXPECT_FALSE(set->MatchesRuleByRule());
  const size_t compiled = set->CompiledSets();
  EXPECT_GT(compiled, 0u);
  // Matching compiles nothing more: every Set was.
  std::vector<int> hits;
  for (int i = 0; i < 100; ++i) {
    set->MatchText("Text " + std::to_string(i) + " Impressum Read more", &hits);
    set->MatchElement("div", "nav-" + std::to_string(i), "", "", "", "", &hits);
  }
  EXPECT_EQ(set->CompiledSets(), compiled);
}

}  // namespace
}  // namespace winnow
