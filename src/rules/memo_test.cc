// Copyright winnow authors. Licensed under the MIT licence.

#include "rules/memo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "rules/rules.h"

namespace winnow {
namespace rules_internal {
namespace {

TEST(HitMemo, FindsWhatWasStoredAndNothingElse) {
  HitMemo& m = HitMemo::ForThread(0, 1001);
  const int hits[] = {7, 3};
  m.Store("Share this", hits, hits + 2);
  m.Store("Reply", hits, hits);  // no hits is an answer too
  std::vector<int> out = {42};
  EXPECT_TRUE(m.Find("Share this", &out));
  EXPECT_EQ(out, (std::vector<int>{42, 7, 3}));  // appended
  out.clear();
  EXPECT_TRUE(m.Find("Reply", &out));
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(m.Find("reply", &out));
  EXPECT_FALSE(m.Find("Share thi", &out));
}

TEST(HitMemo, AnotherOwnerStartsEmpty) {
  const int hit = 5;
  HitMemo::ForThread(0, 2001).Store("Menu", &hit, &hit + 1);
  std::vector<int> out;
  EXPECT_TRUE(HitMemo::ForThread(0, 2001).Find("Menu", &out));
  EXPECT_FALSE(HitMemo::ForThread(1, 2001).Find("Menu", &out));  // kind
  EXPECT_FALSE(HitMemo::ForThread(0, 2002).Find("Menu", &out));
  EXPECT_FALSE(HitMemo::ForThread(0, 2001).Find("Menu", &out));  // emptied
}

TEST(HitMemo, LongSubjectsAreNotKept) {
  HitMemo& m = HitMemo::ForThread(0, 3001);
  const std::string longest(HitMemo::kMaxSubject, 'a');
  const std::string over(HitMemo::kMaxSubject + 1, 'a');
  const int hit = 1;
  m.Store(longest, &hit, &hit + 1);
  m.Store(over, &hit, &hit + 1);
  std::vector<int> out;
  EXPECT_TRUE(m.Find(longest, &out));
  EXPECT_FALSE(m.Find(over, &out));
}

TEST(HitMemo, StartsOverWhenFull) {
  HitMemo& m = HitMemo::ForThread(0, 4001);
  const int hit = 9;
  for (size_t i = 0; i < HitMemo::kMaxEntries; ++i) {
    m.Store("subject " + std::to_string(i), &hit, &hit + 1);
  }
  // The table grew on the way (memo.h): every subject is found.
  std::vector<int> out;
  for (size_t i = 0; i < HitMemo::kMaxEntries; ++i) {
    out.clear();
    ASSERT_TRUE(m.Find("subject " + std::to_string(i), &out)) << i;
    ASSERT_EQ(out, std::vector<int>{9});
  }
  m.Store("one more", &hit, &hit + 1);  // full: emptied first
  EXPECT_FALSE(m.Find("subject 0", &out));
  EXPECT_TRUE(m.Find("one more", &out));
}

// A rule set freed and another built at the same address must not answer
// with the first one's hits.
TEST(HitMemo, RuleSetsDoNotShareHits) {
  std::vector<Rule> a_rules, b_rules;
  std::vector<RuleDiagnostic> diags;
  ASSERT_TRUE(
      ParseRules("a.share text drop (?i)^share", "a.rules", &a_rules, &diags));
  ASSERT_TRUE(
      ParseRules("b.menu text drop (?i)^menu", "b.rules", &b_rules, &diags));
  std::vector<int> hits;
  for (int round = 0; round < 2; ++round) {
    std::unique_ptr<RuleSet> a;
    ASSERT_TRUE(RuleSet::Build(a_rules, &a).ok());
    hits.clear();
    a->MatchText("Share", &hits);
    EXPECT_EQ(hits, (std::vector<int>{0}));
    a.reset();
    std::unique_ptr<RuleSet> b;
    ASSERT_TRUE(RuleSet::Build(b_rules, &b).ok());
    hits.clear();
    b->MatchText("Share", &hits);
    EXPECT_TRUE(hits.empty());
    hits.clear();
    b->MatchText("Menu", &hits);
    EXPECT_EQ(hits, (std::vector<int>{0}));
  }
}

// The memo answers as the Sets do, for texts and for elements, on the
// first ask and on later ones.
TEST(HitMemo, RepeatedSubjectsGetTheSameHits) {
  std::vector<Rule> rules;
  std::vector<RuleDiagnostic> diags;
  ASSERT_TRUE(
      ParseRules("t.share text drop (?i)^share\n"
                 "t.reply text drop (?i)reply\n"
                 "e.nav class drop nav\n"
                 "e.menu id drop ^menu\n",
                 "t.rules", &rules, &diags));
  std::unique_ptr<RuleSet> set;
  ASSERT_TRUE(RuleSet::Build(rules, &set).ok());
  for (int round = 0; round < 3; ++round) {
    std::vector<int> hits;
    set->MatchText("Share or reply", &hits);
    std::sort(hits.begin(), hits.end());
    EXPECT_EQ(hits, (std::vector<int>{0, 1}));
    hits.clear();
    set->MatchElement("div", "main-nav", "menu-top", "", "", "", &hits);
    std::sort(hits.begin(), hits.end());
    EXPECT_EQ(hits, (std::vector<int>{2, 3}));
    // The same strings in other attributes are another element.
    hits.clear();
    set->MatchElement("div", "menu-top", "main-nav", "", "", "", &hits);
    EXPECT_TRUE(hits.empty());
  }
}

}  // namespace
}  // namespace rules_internal
}  // namespace winnow
