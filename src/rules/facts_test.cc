// Copyright winnow authors. Licensed under the MIT licence.

#include "rules/facts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/internal.h"
#include "rules/literals.h"
#include "rules/prefix.h"
#include "rules/rules.h"

namespace winnow {
namespace rules_internal {
namespace {

using V = std::vector<std::string>;

// The table's list for `f`, or {"<unknown>"} when its answer is false.
V ListOf(const FactList& f) {
  if (!f.known) return {"<unknown>"};
  V out;
  for (uint32_t i = 0; i < f.count; ++i) {
    out.emplace_back(TextOf(kFactStrings[f.first + i]));
  }
  return out;
}

// The same for a function's answer.
V ListOf(bool known, const V& list) { return known ? list : V{"<unknown>"}; }

// A stale table (the rules changed, the table did not) or a generator
// that reads other inputs than compile.cc and match.cc: every embedded
// rule's inputs are in the table, with the functions' answers.
TEST(FactsTable, HoldsTheFunctionsAnswerForEveryEmbeddedRule) {
  std::vector<Rule> rules;
  std::vector<RuleDiagnostic> diags;
  ParseEmbeddedRules(&rules, &diags);
  ASSERT_TRUE(diags.empty());
  ASSERT_GT(rules.size(), 100u);
  V list;
  for (const Rule& r : rules) {
    SCOPED_TRACE(r.id);
    const std::string pattern =
        r.is_attribute() ? SplitTokenAnchors(r.pattern).core : r.pattern;
    const bool icase = r.is_attribute() || r.icase;
    const FactList* prefixes = FindPrefixFact(pattern, icase);
    ASSERT_NE(prefixes, nullptr);
    const bool prefixes_known = MatchPrefixes(pattern, icase, &list);
    EXPECT_EQ(ListOf(*prefixes), ListOf(prefixes_known, list));
    const FactList* literals = FindLiteralFact(pattern);
    ASSERT_NE(literals, nullptr);
    const bool literals_known = RequiredLiterals(pattern, &list);
    EXPECT_EQ(ListOf(*literals), ListOf(literals_known, list));
    if (!r.is_attribute()) {
      const KindFact* kind = FindKindFact(pattern);
      ASSERT_NE(kind, nullptr);
      EXPECT_EQ(kind->kind, KindOfText(pattern));
      const std::string wrapped = WrappedPattern(r);
      const RelaxFact* relax = FindRelaxFact(wrapped);
      ASSERT_NE(relax, nullptr);
      int64_t up_to = -1;
      EXPECT_EQ(TextOf(relax->relaxed), RelaxedPattern(wrapped, &up_to));
      EXPECT_EQ(relax->up_to, up_to);
    }
  }
}

// The look-ups search by halves: each array must be sorted by its key.
TEST(FactsTable, IsSortedByKey) {
  for (size_t i = 1; i < kPrefixFactCount; ++i) {
    const PrefixFact& a = kPrefixFacts[i - 1];
    const PrefixFact& b = kPrefixFacts[i];
    EXPECT_TRUE(TextOf(a.pattern) < TextOf(b.pattern) ||
                (TextOf(a.pattern) == TextOf(b.pattern) && a.icase < b.icase))
        << TextOf(b.pattern);
  }
  for (size_t i = 1; i < kLiteralFactCount; ++i) {
    EXPECT_LT(TextOf(kLiteralFacts[i - 1].pattern),
              TextOf(kLiteralFacts[i].pattern));
  }
  for (size_t i = 1; i < kKindFactCount; ++i) {
    EXPECT_LT(TextOf(kKindFacts[i - 1].pattern), TextOf(kKindFacts[i].pattern));
  }
  for (size_t i = 1; i < kRelaxFactCount; ++i) {
    EXPECT_LT(TextOf(kRelaxFacts[i - 1].pattern),
              TextOf(kRelaxFacts[i].pattern));
  }
}

// A pattern the embedded rules do not have (a rule of --rules) misses the
// table and is analysed as before; so is an embedded pattern asked with
// another icase.
TEST(FactsTable, AMissIsAnalysedAtRunTime) {
  const std::string own = "^(?:zq-own|zq-rule)s? here";
  EXPECT_EQ(FindPrefixFact(own, true), nullptr);
  EXPECT_EQ(FindLiteralFact(own), nullptr);
  EXPECT_EQ(FindKindFact(own), nullptr);
  V list;
  EXPECT_TRUE(PrefixesOf(own, true, &list));
  EXPECT_EQ(list, (V{"zq-"}));
  EXPECT_TRUE(LiteralsOf(own, &list));
  EXPECT_EQ(list, (V{"zq-owns h", "zq-own h", "zq-rules h", "zq-rule h"}));
  EXPECT_EQ(KindOf(own), TextKind::kAnchored);
  const std::string relaxable = "(?i:^a{0,300}zq own)";
  EXPECT_EQ(FindRelaxFact(relaxable), nullptr);
  int64_t up_to = -1;
  EXPECT_EQ(RelaxedOf(relaxable, &up_to), "(?i:^a*zq own)");
  EXPECT_EQ(up_to, 300);
  EXPECT_FALSE(PrefixesOf("^.*zq", false, &list));
  EXPECT_TRUE(list.empty());

  ASSERT_GT(kPrefixFactCount, 0u);
  const PrefixFact& first = kPrefixFacts[0];
  const std::string_view first_pattern = TextOf(first.pattern);
  if (FindPrefixFact(first_pattern, !first.icase) == nullptr) {
    std::vector<std::string> want;
    const bool known = MatchPrefixes(first_pattern, !first.icase, &want);
    EXPECT_EQ(PrefixesOf(first_pattern, !first.icase, &list), known);
    if (known) {
      EXPECT_EQ(list, want);
    }
  }
}

}  // namespace
}  // namespace rules_internal
}  // namespace winnow
