// Copyright winnow authors. Licensed under the MIT licence.
//
// A cheap, exact proof that no rule of a text Set can match a text, so
// that the Set is not run. A call of RE2::Set::Match costs about 650
// instructions before it reads a byte (a lock, the search's set-up), a
// Set of rules that run on into the text ("^[\s\S]{0,120}...") reads all
// of it, and most block texts match no rule of a Set.
//
// A rule is ruled out for a text when
//   * it has match prefixes (prefix.h) and the text's first bytes begin
//     with none of them ("Reply" cannot begin "^(?:impressum|imprint)"), or
//   * it has none, and the text contains none of the literals every match
//     of it contains (literals.h: "^[\s\S]*\((?:photo|foto)..." needs
//     "(photo" or "(foto"), found in one pass over the text (LiteralScan).
// The Set is skipped when every rule in it is ruled out. Both facts are
// the ones the cold path (RuleSet::Cold) already matches by; where they do
// not judge a text (a byte >= 0x80 among its first ones, letters that fold
// to ASCII ones, a rule without prefixes or literals) the Set runs, so the
// hits are always the Set's.
//
// Which rules share a Set decides how often it is skipped (compile.cc
// files anchored rules with prefixes apart from the others, and the rules
// without selective literals in Sets of their own). On the development
// corpus's block texts: 44% skip the first anchored Set, 51% the second,
// 80% and 85% the two Sets of running rules with selective literals.

#ifndef WINNOW_RULES_CHUNK_FILTER_H_
#define WINNOW_RULES_CHUNK_FILTER_H_

#include <bitset>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "rules/internal.h"
#include "rules/prefix.h"
#include "rules/rules.h"

namespace winnow {
namespace rules_internal {

class ChunkFilter {
 public:
  // Adds a rule of the Set: `prefixes` as MatchPrefixes gave them, or null
  // when it gave none (the rule's matches may begin anyhow) or the Set is
  // not anchored at the text's start. Its required literals are asked of
  // `single` when the first text comes, and the prefixes' table is built
  // then: a process that cleans one small page matches rule by rule
  // (RuleSet::Cold) and never needs them. `single` and `rule` must
  // outlive the filter.
  void Add(std::unique_ptr<std::vector<std::string>> prefixes,
           const RuleSet::Cold::Single* single, const Rule* rule);

  // False only when no rule added can match `text`. Thread-safe.
  bool MayMatch(std::string_view text) const;

 private:
  // Whether a text has one of a list of strings, in one pass: a table of
  // hashes of the strings' first three bytes says where one may start
  // (about 6 instructions a byte, as few as RE2's DFA takes).
  class LiteralScan {
   public:
    void Add(const std::string& s);
    bool AnyIn(std::string_view text) const;

   private:
    static uint32_t Hash(uint32_t three_bytes) {
      return (three_bytes * 2654435761u) >> 16;
    }
    std::vector<std::string> short_;  // of one or two bytes
    std::bitset<65536> hashes_;       // of the longer ones' first 3 bytes
    // The longer ones by their first three bytes (little-endian).
    std::unordered_map<uint32_t, std::vector<std::string>> by_start_;
  };

  // The prefixes' table and the literals of the rules without prefixes,
  // made when the first text asks.
  struct Literals {
    bool opaque = false;  // one of them has none
    LiteralScan scan;     // all of them
  };
  const Literals& Ready() const;

  // A prefix of 1 to kPrefixBytes ASCII bytes as a number: its bytes and
  // its length, so that "ab" and "ab\0" differ.
  static uint32_t Key(const char* bytes, size_t size);

  struct RuleRef {
    const RuleSet::Cold::Single* single;
    const Rule* rule;
  };
  std::vector<RuleRef> rules_;
  std::vector<uint32_t> anywhere_;  // rules without prefixes
  // Prefix lists as added; then, from the first text on, their first
  // bytes and their Keys.
  mutable std::vector<std::unique_ptr<std::vector<std::string>>> pending_;
  mutable std::bitset<128> first_;
  mutable std::unordered_set<uint32_t> prefixes_;

  mutable std::once_flag literals_once_;
  mutable Literals literals_;
};

}  // namespace rules_internal
}  // namespace winnow

#endif  // WINNOW_RULES_CHUNK_FILTER_H_
