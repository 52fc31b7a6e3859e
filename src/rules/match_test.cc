// Copyright winnow authors. Licensed under the MIT licence.
//
// Matching stays exact although text rules are matched in several RE2::Sets
// with their large counted repetitions relaxed (rules.cc, RelaxedPattern).

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "rules/rules.h"

namespace winnow {
namespace {

std::unique_ptr<RuleSet> Build(const std::string& src) {
  std::vector<Rule> rules;
  std::vector<RuleDiagnostic> diags;
  EXPECT_TRUE(ParseRules(src, "t.rules", &rules, &diags));
  for (const auto& d : diags) ADD_FAILURE() << d.ToString();
  std::unique_ptr<RuleSet> set;
  Status s = RuleSet::Build(std::move(rules), &set);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return set;
}

std::vector<std::string> Hits(const RuleSet& set, const std::string& text) {
  std::vector<int> hits;
  set.MatchText(text, &hits);
  std::vector<std::string> ids;
  for (int h : hits) ids.push_back(set.rule(h).id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

using Ids = std::vector<std::string>;

TEST(RuleMatching, CountedRepetitionsStayExact) {
  auto set = Build(
      "t.range   text  drop  ^a{2,9}$\n"
      "t.exact   text  drop  ^b{12}$\n"
      "t.open    text  drop  ^c{10,}$\n"
      "t.tail    text  drop  ^x:[^\\n]{0,20}$\n"
      "t.lazy    text  drop  ^y{8,9}?z$\n");
  EXPECT_EQ(Hits(*set, "a"), Ids{});
  EXPECT_EQ(Hits(*set, "aa"), Ids{"t.range"});
  EXPECT_EQ(Hits(*set, std::string(9, 'a')), Ids{"t.range"});
  EXPECT_EQ(Hits(*set, std::string(10, 'a')), Ids{});
  EXPECT_EQ(Hits(*set, std::string(12, 'b')), Ids{"t.exact"});
  EXPECT_EQ(Hits(*set, std::string(11, 'b')), Ids{});
  EXPECT_EQ(Hits(*set, std::string(13, 'b')), Ids{});
  EXPECT_EQ(Hits(*set, std::string(9, 'c')), Ids{});
  EXPECT_EQ(Hits(*set, std::string(40, 'c')), Ids{"t.open"});
  EXPECT_EQ(Hits(*set, "x:" + std::string(20, '.')), Ids{"t.tail"});
  EXPECT_EQ(Hits(*set, "x:" + std::string(21, '.')), Ids{});
  EXPECT_EQ(Hits(*set, std::string(8, 'y') + "z"), Ids{"t.lazy"});
  EXPECT_EQ(Hits(*set, std::string(7, 'y') + "z"), Ids{});
}

TEST(RuleMatching, BracesThatAreNotRepetitionsStay) {
  auto set = Build(
      "t.hex     text  drop  ^\\x{41}{2}$\n"
      "t.class   text  drop  ^[{]{1}9,10}$\n"
      "t.quoted  text  drop  ^\\Qq{2,30}\\E$\n"
      "t.posix   text  drop  ^[[:digit:]{]+$\n");
  EXPECT_EQ(Hits(*set, "AA"), Ids{"t.hex"});
  EXPECT_EQ(Hits(*set, "{9,10}"), Ids{"t.class"});
  EXPECT_EQ(Hits(*set, "q{2,30}"), Ids{"t.quoted"});
  EXPECT_EQ(Hits(*set, "qq"), Ids{});
  EXPECT_EQ(Hits(*set, "12{3"), Ids{"t.posix"});
}

TEST(RuleMatching, ManyRulesAcrossSets) {
  // More rules than one Set holds: every rule is still found, once.
  std::string src;
  for (int i = 0; i < 150; ++i) {
    src += "t.r" + std::to_string(i) + "  text  drop  ^w" + std::to_string(i) +
           "(?: .{0,30})?$\n";
  }
  auto set = Build(src);
  for (int i : {0, 63, 64, 127, 128, 149}) {
    EXPECT_EQ(Hits(*set, "w" + std::to_string(i) + " and more"),
              Ids{"t.r" + std::to_string(i)})
        << i;
  }
  EXPECT_EQ(Hits(*set, "w5 " + std::string(31, 'x')), Ids{});
}

}  // namespace
}  // namespace winnow
