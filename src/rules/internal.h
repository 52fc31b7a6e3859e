// Copyright winnow authors. Licensed under the MIT licence.
//
// What the parts of src/rules share, and nothing else includes:
//
//   syntax.cc   rule files -> Rule structs, with diagnostics (ParseRules)
//   lint.cc     checks of a rule that parsing alone cannot see: patterns
//               that do not compile, match everything or nothing; duplicate
//               IDs (RuleSet::Check; RuleSet::Build in compile.cc)
//   shape.cc    RE2 options, Set patterns, and how a text pattern's
//               matches can start
//   compile.cc  rules -> RE2::Sets, each compiled when a match first needs
//               it (RuleSet::Load)
//   match.cc    a block's text or an element's attributes -> rule hits
//
// and prefix.cc, which says how a rule's matches can begin, literals.cc,
// which strings they must contain, and chunk_filter.cc, which by those two
// skips the Sets that cannot match a text, and the lines of an element's
// descriptor that no rule can match; narrow.cc writes patterns and texts
// one byte a character, which the exact patterns (ExactPattern) compile
// and match in. facts.cc answers the pure analyses of the embedded rules
// (prefix.cc, literals.cc, shape.cc) from a table built at build time.

#ifndef WINNOW_RULES_INTERNAL_H_
#define WINNOW_RULES_INTERNAL_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rules.h"

namespace winnow {
namespace rules_internal {

constexpr int64_t kSetMaxMem = int64_t{64} << 20;  // per RE2::Set
constexpr int64_t kOneMaxMem = int64_t{8} << 20;   // per single RE2

// ---- Syntax (syntax.cc) -----------------------------------------------------

// True for a valid rule ID: [a-z0-9][a-z0-9._-]*.
bool ValidId(std::string_view id);

void AddDiag(std::string_view file, int line, int col, std::string msg,
             std::vector<RuleDiagnostic>* diags);

// The diagnostics, one "FILE:LINE:COL: message" a line.
std::string JoinDiagnostics(const std::vector<RuleDiagnostic>& diags);

// ParseRules, optionally without the (costly) pattern checks.
bool ParseRulesImpl(std::string_view source, std::string_view file_name,
                    bool check_patterns, std::vector<Rule>* rules,
                    std::vector<RuleDiagnostic>* diags);

// `path` itself, or every *.rules file below it when it is a folder (sorted
// by path); a missing path is a diagnostic.
std::vector<std::string> ListRuleFiles(const std::string& path,
                                       std::vector<RuleDiagnostic>* diags);

// Parses a file, or every *.rules file below a folder (sorted by path).
void ParsePath(const std::string& path, std::vector<Rule>* rules,
               std::vector<RuleDiagnostic>* diags);

// Parses the rules built into the binary, named "rules/FILE"; their patterns
// were checked when they were built (the rules_check test), not here. A
// built-in file is left out when a path of `replaced_by` is it in a working
// tree (ends with "/rules/FILE" or is "rules/FILE"): a maintainer checking
// an edited rules/social.rules checks it in place of the built-in copy.
void ParseEmbeddedRules(std::vector<Rule>* rules,
                        std::vector<RuleDiagnostic>* diags,
                        const std::vector<std::string>& replaced_by = {});

// ---- Lint (lint.cc) ---------------------------------------------------------

// Checks a rule's pattern; on a problem returns false with *msg.
bool CheckPattern(const Rule& rule, std::string* msg);

// Appends a diagnostic for each problem of `r` but a duplicate ID.
void CheckRule(const Rule& r, std::vector<RuleDiagnostic>* diags);

// Appends a diagnostic for every rule whose ID was seen before.
void CheckDuplicates(const std::vector<Rule>& rules,
                     std::vector<RuleDiagnostic>* diags);

// True when `p` has a '|' outside every group and class.
bool HasTopLevelAlternation(std::string_view p);

// An attribute pattern split into its token anchors and the rest: a leading
// '^' ties the match to the start of the token, a trailing '$' to its end.
struct TokenPattern {
  bool at_start = false;
  bool at_end = false;
  std::string core;
};
TokenPattern SplitTokenAnchors(std::string_view p);

// ---- Pattern shapes (shape.cc) ----------------------------------------------

RE2::Options TextOptions(int64_t max_mem);
RE2::Options AttrOptions(int64_t max_mem);

// Counted repetitions at least this large are relaxed in a Set
// (RelaxedPattern) and make a rule that begins with one run on (kRunning).
constexpr int kRelaxRepeat = 8;

// How a text rule's matches can start, which decides the Set it goes into.
// An unanchored Set runs its DFA over the whole of every block; a Set
// matched ANCHOR_START stops as soon as no rule in it can match any more, a
// few bytes into most blocks. And a Set of rules that all die early stays
// small as a DFA, while one rule that runs on ("^[\s\S]{8,250}\(photo:")
// multiplies the states of every rule beside it, which a fresh process pays
// for in building them.
enum class TextKind {
  kAnchored,  // ^ or \A first, and no | outside a group
  kRunning,   // anchored, but begins with an open-ended run (.* [^x]{0,200})
  kFree,      // anything else: matches may start anywhere
};

// How the matches of text pattern `p` can start. Pure: the embedded rules'
// kinds are found at build time (facts.h).
TextKind KindOfText(std::string_view p);

// The fields of an element's descriptor (match.cc) that an attribute rule
// of `target` sees: one of "t", "c", "i", "r", "a", or "ciarp".
std::string_view AttrFields(Target target);

// The regexp that goes into a Set for `rule` (for attribute rules, see the
// descriptor in match.cc).
std::string WrappedPattern(const Rule& rule);

// `p` with large counted repetitions relaxed, or "" (see shape.cc; pure: the
// embedded rules' answers are found at build time, facts.h).
std::string RelaxedPattern(std::string_view p, int64_t* exact_up_to);

// ---- Compile (compile.cc) ---------------------------------------------------

// The exact form of a relaxed pattern (RelaxedPattern), which confirms the
// relaxed one's hits on texts longer than it needs to, compiled when first
// needed: compiling the large counted repetitions of all of them was half
// of every process's start-up (0.58 of 1.2 billion instructions), and most
// hits are on short texts. A text with a narrow form (narrow.h) is matched
// in that form, which compiles tens of times faster; only the others need
// the UTF-8 one. Rules are checked before they get here (CheckPattern), so
// the UTF-8 form compiles.
class ExactPattern {
 public:
  ExactPattern(std::string pattern, int64_t up_to)
      : pattern_(std::move(pattern)), up_to_(up_to) {}

  // True when the pattern matches somewhere in `text`, given that the
  // relaxed pattern does. Thread-safe.
  bool Confirms(std::string_view text) const;

 private:
  const std::string pattern_;
  const int64_t up_to_;  // see RelaxedPattern
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
  // The narrow form, compiled as Latin-1; null when the pattern has none.
  mutable std::once_flag narrow_once_;
  mutable std::unique_ptr<RE2> narrow_;
};

class ChunkFilter;  // chunk_filter.h

// Writes to *out the descriptor of an element that attribute rules are
// matched against (match.cc), given its attributes as MatchElement takes
// them: of its lines, only those that `lines` says a rule may match, or
// every line when `lines` is null.
void Describe(std::string_view tag, std::string_view class_attr,
              std::string_view id_attr, std::string_view role_attr,
              std::string_view aria_attr, std::string_view itemprop_attr,
              const LineFilter* lines, std::string* out);

}  // namespace rules_internal

// Rules that share one RE2::Set, compiled when a match first needs it:
// a process that cleans one page compiles only the Sets its blocks ask for.
struct RuleSet::Chunk {
  bool attr = false;
  RE2::Anchor anchor = RE2::UNANCHORED;
  std::vector<std::string> patterns;  // slot -> what goes into the Set
  std::vector<int> rule;              // slot -> index into rules_
  // Slot -> the exact pattern when the Set holds a relaxed one
  // (RelaxedPattern), else null.
  std::vector<std::unique_ptr<rules_internal::ExactPattern>> exact;
  // Proves for most texts that no rule here can match, so that the Set is
  // not run (nor compiled); null for attribute chunks.
  std::unique_ptr<rules_internal::ChunkFilter> filter;

  Chunk();
  ~Chunk();

  // The compiled Set; null when RE2 refused it (a pattern, or more than the
  // Set's memory), and the chunk's rules are then matched one by one.
  // Thread-safe: the first caller compiles, the others wait.
  const RE2::Set* set() const;
  // Whether set() compiled a Set; not synchronised (tests).
  bool compiled() const { return set_ != nullptr; }

 private:
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2::Set> set_;
};

// A fresh rule set matches its first page's subjects (block texts and
// element descriptors) rule by rule: only the rules whose match prefixes
// (prefix.h) the subject begins with, each compiled on first use. Compiling
// the Sets is most of what a process that cleans one page would otherwise
// spend (one small page: 97% of its instructions; pages of 50 KB to 1.4 MB
// of the development corpus: 206-604 million instructions with the Sets
// compiled after 256 subjects, 42-300 million matched rule by rule to the
// end). When a second page begins (RuleSet::BeginPage), the rule set
// switches to the Sets, and every thread that matches helps compile all of
// them, largest first: a batch needs them all, and at -j N the threads
// compile different Sets at once instead of one compiling a Set while the
// others wait for it. Both ways give the same hits.
struct RuleSet::Cold {
  // A bound on the subjects matched rule by rule, for a rule set whose
  // caller never begins a page: the largest pages of the development corpus
  // (1.6 MB) have fewer than 1,024 that the memo does not answer.
  static constexpr int kColdSubjects = 2048;

  // One rule on its own: the pattern of its Set slot, compiled on first use.
  struct Single {
    const Chunk* chunk = nullptr;
    int slot = 0;
    // True when the rule's slot of its chunk matches `subject`, as the
    // Set would say. Thread-safe.
    bool Matches(const Rule& rule, std::string_view subject) const;
    // Literals every match of the rule contains one of (literals.h), or
    // none when not known, found on first use: a candidate whose subject
    // has none of them is not compiled. Thread-safe.
    const std::vector<std::string>& Required(const Rule& rule) const;
    // Gives Required its answer, found by the caller (RuleSet::Adopt files
    // rules by it); before any call of Required.
    void SetRequired(std::vector<std::string> required) {
      std::call_once(required_once_, [&] { required_ = std::move(required); });
    }

   private:
    mutable std::once_flag once_;
    mutable std::unique_ptr<RE2> re_;
    mutable std::once_flag required_once_;
    mutable std::vector<std::string> required_;
  };

  // Rules by their match prefixes.
  struct Index {
    // A prefix (1 to kPrefixBytes bytes) as a number: its bytes and its
    // length, so that filing and finding one hashes no string.
    static uint32_t Key(std::string_view prefix) {
      uint32_t key = static_cast<uint32_t>(prefix.size()) << 24;
      for (size_t i = 0; i < prefix.size() && i < 3; ++i) {
        key |= static_cast<uint32_t>(static_cast<unsigned char>(prefix[i]))
               << (8 * i);
      }
      return key;
    }
    // Key(prefix) << 32 | rule, for every prefix of every rule with a
    // list, sorted once all are filed: a prefix's rules are one run of it,
    // found by halves. Filing a rule costs no allocation of its own.
    std::vector<uint64_t> by_prefix;
    std::vector<int> any;  // rules with no prefix list: every subject
    std::vector<int> all;  // every rule of the index, in order
    // Appends the rules that a subject (its part after the descriptor's
    // mark, for attribute rules) beginning with `head` may match.
    void Candidates(std::string_view head, std::vector<int>* out) const;
  };

  std::vector<std::unique_ptr<Single>> single;  // by rule index
  Index text, attr;
  // Subjects left to match rule by rule; 0 once a second page began. Which
  // subjects those are depends on the threads' timing; the hits do not.
  mutable std::atomic<int> left{kColdSubjects};
  // Pages begun (RuleSet::BeginPage).
  mutable std::atomic<int> pages{0};

  // True while subjects are matched rule by rule (counts this one).
  bool Take() const {
    return left.load(std::memory_order_relaxed) > 0 &&
           left.fetch_sub(1, std::memory_order_relaxed) > 0;
  }

  // The warm-up: every Set, largest first (by the bytes of its patterns),
  // and the next one a thread takes to compile. `warming` is true from the
  // second page's start until every Set is taken.
  std::vector<const Chunk*> warm_order;
  mutable std::atomic<size_t> warm_next{0};
  mutable std::atomic<bool> warming{false};

  // Compiles Sets of warm_order that no thread has taken yet, one at a
  // time, until none is left. Thread-safe.
  void HelpWarm() const;
};

}  // namespace winnow

#endif  // WINNOW_RULES_INTERNAL_H_
