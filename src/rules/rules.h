// Copyright winnow authors. Licensed under the MIT licence.
//
// Rules are data: line-based .rules files (the language is documented in
// rules/README.md), compiled into RE2::Sets so that a block's text, or an
// element's tokens, is matched against every rule of its kind in one pass.
// A Set is compiled when a match first needs it (rules/internal.h says which
// file does what).

#ifndef WINNOW_RULES_RULES_H_
#define WINNOW_RULES_RULES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/options.h"
#include "winnow/status.h"

namespace winnow {

namespace rules_internal {
class LineFilter;  // chunk_filter.h
}  // namespace rules_internal

// What a rule's pattern is matched against.
enum class Target {
  kText,   // the block's whitespace-folded text
  kTag,    // an element's tag name
  kClass,  // one of an element's class tokens
  kId,     // an element's id
  kRole,   // an element's role attribute
  kAria,   // an element's aria-label
  kAttr,   // any of class, id, role, aria-label, itemprop
};

enum class Action {
  kDrop,     // label the block chrome
  kKeep,     // label the block body, over the heuristics
  kScore,    // add Rule::shift to the block's score
  kSubtree,  // drop the whole element the match sits in (text rules: the
             // block's parent element)
  kCut,      // drop this block and everything after it in its container
  kCaption,  // the block is an image caption or credit (classify/captions.cc)
};

struct Rule {
  std::string id;  // stable, unique, e.g. "consent.cookie-notice"
  Target target = Target::kText;
  Action action = Action::kDrop;
  double shift = 0;     // for kScore
  std::string pattern;  // RE2 syntax, as written
  bool icase = false;   // case-insensitive (attribute targets always are)
  std::string site;     // host scope ("heise.de" also matches www.heise.de)
  std::string lang;     // language scope (stop-list name), empty = any
  std::string file;     // where it was defined
  int line = 0;
  int col = 0;          // 1-based column of the ID (0 when unknown)
  int pattern_col = 0;  // 1-based column of the pattern (0 when unknown)
  bool is_attribute() const { return target != Target::kText; }
};

// A diagnostic: "FILE:LINE:COL: message".
struct RuleDiagnostic {
  std::string file;
  int line = 0;
  int col = 0;
  std::string message;
  std::string ToString() const;
};

// Parses one rule file's contents. Appends rules to *rules and problems to
// *diags (never stops at the first). Returns false when any diagnostic is an
// error (the file must be refused).
bool ParseRules(std::string_view source, std::string_view file_name,
                std::vector<Rule>* rules, std::vector<RuleDiagnostic>* diags);

class RuleSet {
 public:
  ~RuleSet();

  // Loads the embedded default rules (when options.default_rules) and every
  // file or folder in options.rule_paths, then compiles. On any error,
  // returns kInvalidArgument whose message lists "FILE:LINE:COL: reason"
  // lines, and leaves *out untouched.
  static Status Load(const Options& options, std::unique_ptr<RuleSet>* out);

  // Builds from rules already parsed; checks duplicate IDs and patterns
  // that do not compile or can never match.
  static Status Build(std::vector<Rule> rules, std::unique_ptr<RuleSet>* out);

  // Lints files or folders without keeping them: appends every problem
  // (compile errors, duplicate IDs, rules that can never match) to *diags.
  // With `with_defaults`, the rules built into the binary load first, as
  // Load does, and an ID in `paths` that one of them has is a duplicate.
  static void Check(const std::vector<std::string>& paths, bool with_defaults,
                    std::vector<RuleDiagnostic>* diags);

  size_t size() const { return rules_.size(); }
  const Rule& rule(int index) const { return rules_[index]; }

  // Appends to *hits the indexes of text rules whose pattern matches `text`
  // (unordered; site/lang scope NOT applied).
  void MatchText(std::string_view text, std::vector<int>* hits) const;

  // Appends to *hits the indexes of attribute rules that match an element,
  // given its lower-cased attributes. Class patterns match at class-token
  // edges: "nav" matches "nav", "main-nav" and "nav_bar", not "canvas".
  // Only tag rules see <html> and <body>; class tokens that carry a post's
  // taxonomy ("tag-foo", "category-bar") are ignored (rules/README.md).
  void MatchElement(std::string_view tag, std::string_view class_attr,
                    std::string_view id_attr, std::string_view role_attr,
                    std::string_view aria_attr, std::string_view itemprop_attr,
                    std::vector<int>* hits) const;

  // Tells the rule set that a page begins; Classify calls it. The first
  // page is matched rule by rule, compiling only the rules it needs; when
  // a second one begins, matching switches to the rules' Sets and the
  // threads that match compile all of them first (rules/internal.h,
  // RuleSet::Cold). The hits are the same either way. Thread-safe.
  void BeginPage() const;

  // For tests, not synchronised with matching: whether subjects are still
  // matched rule by rule, and how many of the Sets are compiled.
  bool MatchesRuleByRule() const;
  size_t CompiledSets() const;

  // True when rule `index` applies to a page on `host` in language `lang`.
  bool InScope(int index, std::string_view host, std::string_view lang) const;

  // Rules that share one RE2::Set, and what a fresh rule set matches with
  // instead (rules/internal.h); opaque outside src/rules.
  struct Chunk;
  struct Cold;

 private:
  RuleSet();
  // MatchElement without the memo.
  void MatchDescriptor(std::string_view tag, std::string_view class_attr,
                       std::string_view id_attr, std::string_view role_attr,
                       std::string_view aria_attr,
                       std::string_view itemprop_attr,
                       std::vector<int>* hits) const;
  // Compiles rules that were already checked.
  static Status Adopt(std::vector<Rule> rules, std::unique_ptr<RuleSet>* out);
  std::vector<Rule> rules_;
  std::vector<std::unique_ptr<Chunk>> text_;  // empty without text rules
  std::vector<std::unique_ptr<Chunk>> attr_;  // empty without attribute rules
  std::unique_ptr<Cold> cold_;
  // Which lines of an element's descriptor some attribute rule may match.
  std::unique_ptr<rules_internal::LineFilter> lines_;
  // Tells this rule set's entries in the per-thread memos (memo.h) from
  // those of a rule set that lived at the same address before.
  const uint64_t serial_;
};

}  // namespace winnow

#endif  // WINNOW_RULES_RULES_H_
