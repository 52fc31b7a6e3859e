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

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/internal.h"
#include "rules/prefix.h"
#include "rules/rules.h"
#include "util/ascii.h"

namespace winnow {
namespace rules_internal {

// A set of three bytes as a number below 2^24 (PrefixTable::Triple): open
// addressing, probed in turn, in a power-of-two table at most half full. A
// std::unordered_set allocated a node for each, which was a quarter of
// loading the default rules once their analysis came from the build.
class TripleSet {
 public:
  void Insert(uint32_t triple) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    if (Place(triple + 1)) ++size_;
  }
  bool Contains(uint32_t triple) const {
    if (slots_.empty()) return false;
    const uint32_t key = triple + 1;
    const size_t mask = slots_.size() - 1;
    for (size_t i = Start(key);; i = (i + 1) & mask) {
      if (slots_[i] == key) return true;
      if (slots_[i] == 0) return false;
    }
  }

 private:
  // Slots hold a triple + 1, so that 0 marks an empty one.
  size_t Start(uint32_t key) const {
    return static_cast<uint32_t>(key * 2654435761u) >> (32 - bits_);
  }
  // Stores `key`; false when it was there.
  bool Place(uint32_t key) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = Start(key);; i = (i + 1) & mask) {
      if (slots_[i] == key) return false;
      if (slots_[i] == 0) {
        slots_[i] = key;
        return true;
      }
    }
  }
  void Grow() {
    std::vector<uint32_t> old = std::move(slots_);
    bits_ = old.empty() ? 4 : bits_ + 1;
    slots_.assign(size_t{1} << bits_, 0);
    for (uint32_t key : old) {
      if (key != 0) Place(key);
    }
  }

  std::vector<uint32_t> slots_;
  size_t size_ = 0;
  int bits_ = 0;  // slots_.size() is 1 << bits_
};

// Match prefixes (MatchPrefixes: 1 to kPrefixBytes ASCII-lower-cased bytes)
// and whether a text may begin with one of them: bitsets of the prefixes'
// first bytes and first two bytes answer for most texts, a set of the
// three-byte ones for the rest.
class PrefixTable {
 public:
  // Whether MatchPrefixes gave `p` as this table takes it; a rule with a
  // prefix that is not is kept as matching anywhere, never too few.
  static bool Usable(std::string_view p) {
    return !p.empty() && p.size() <= kPrefixBytes &&
           static_cast<unsigned char>(p[0]) < 0x80;
  }
  // `p` must be Usable.
  void Add(std::string_view p);

  // False only when `head`, ASCII-lower-cased, begins with no prefix added
  // and has no byte >= 0x80 among its first kPrefixBytes (there the Kelvin
  // sign folds to "k": such a head is not judged).
  bool MayBegin(std::string_view head) const {
    const size_t n = std::min(head.size(), kPrefixBytes);
    char h[kPrefixBytes];
    for (size_t i = 0; i < n; ++i) {
      if (static_cast<unsigned char>(head[i]) >= 0x80) return true;
      h[i] = AsciiLower(head[i]);
    }
    if (n == 0) return false;
    const unsigned char h0 = static_cast<unsigned char>(h[0]);
    if (!first_.test(h0)) return false;
    if (one_.test(h0)) return true;
    if (n == 1) return false;
    const size_t pair = Pair(h0, static_cast<unsigned char>(h[1]));
    if (two_.test(pair)) return true;
    if (n == 2 || !two_of_three_.test(pair)) return false;
    return three_.Contains(Triple(h));
  }

 private:
  static_assert(kPrefixBytes == 3, "the tables below are for 1 to 3 bytes");
  // Two ASCII bytes as an index into a bitset of 128 * 128.
  static size_t Pair(unsigned char a, unsigned char b) { return a * 128u + b; }
  // Three bytes as a number (little-endian).
  static uint32_t Triple(const char* b) {
    return static_cast<uint32_t>(static_cast<unsigned char>(b[0])) |
           static_cast<uint32_t>(static_cast<unsigned char>(b[1])) << 8 |
           static_cast<uint32_t>(static_cast<unsigned char>(b[2])) << 16;
  }
  std::bitset<128> first_;             // first bytes of all prefixes
  std::bitset<128> one_;               // prefixes of one byte
  std::bitset<128 * 128> two_;         // prefixes of two bytes
  std::bitset<128 * 128> two_of_three_;  // first two of three-byte ones
  TripleSet three_;                      // Triple of three-byte ones
};

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
  // (about 6 instructions a byte, as few as RE2's DFA takes; the bytes are
  // folded by a table).
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

  struct RuleRef {
    const RuleSet::Cold::Single* single;
    const Rule* rule;
  };
  std::vector<RuleRef> rules_;
  std::vector<uint32_t> anywhere_;  // rules without prefixes
  // Prefix lists as added; then, from the first text on, their table.
  mutable std::vector<std::unique_ptr<std::vector<std::string>>> pending_;
  mutable PrefixTable prefixes_;

  mutable std::once_flag literals_once_;
  mutable Literals literals_;
};

// Which lines of an element's descriptor (match.cc: "c=main-nav", "c-nav",
// "t=div") some attribute rule may match. Most class tokens and their parts
// ("flex", "c-center", "col-md-6") begin as no rule's match can: writing
// their lines, and running the Set's DFA over them, was two thirds of
// matching an element. A line is left out only when no rule can match it,
// which changes no hit: a rule's match lies within one line (the Set is
// compiled with never_nl, and a line's neighbours are the same '\n' or
// nothing), and it begins right after the line's two-byte mark
// (WrappedPattern), with one of the rule's match prefixes (prefix.h: as
// the cold path, RuleSet::Cold, picks the rules it tries on a line).
class LineFilter {
 public:
  // Adds an attribute rule that matches the lines of `fields` (some of
  // "tciarp", AttrFields) marked '=' and, with `parts`, those marked '-';
  // `prefixes` as MatchPrefixes gave them for its core pattern, or null
  // when it gave none (its matches may begin anyhow).
  void Add(std::string_view fields, bool parts,
           const std::vector<std::string>* prefixes);

  // False only when no rule added can match the line whose field is
  // `field`, whose mark is `mark` ('=' or '-') and whose rest is `head`.
  bool MayMatch(char field, char mark, std::string_view head) const {
    const Lines& l = lines_[Slot(field, mark)];
    return l.any || l.table.MayBegin(head);
  }

 private:
  static constexpr int kSlots = 12;  // 6 fields ("tciarp"), 2 marks
  // `field` and `mark` as an index into lines_; a field that is none of
  // "tciarp" (descriptors have none) takes the last slot, which Add fills
  // with every rule.
  static int Slot(char field, char mark) {
    int f = 0;
    switch (field) {
      case 't': f = 0; break;
      case 'c': f = 1; break;
      case 'i': f = 2; break;
      case 'a': f = 3; break;
      case 'r': f = 4; break;
      case 'p': f = 5; break;
      default: return kSlots;
    }
    return 2 * f + (mark == '-');
  }
  struct Lines {
    bool any = false;  // a rule without prefixes matches such lines
    PrefixTable table;
  };
  Lines lines_[kSlots + 1];
};

}  // namespace rules_internal
}  // namespace winnow

#endif  // WINNOW_RULES_CHUNK_FILTER_H_
