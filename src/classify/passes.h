// Copyright winnow authors. Licensed under the MIT licence.
//
// The classifier's passes over one page (classify.cc runs them in order):
//   1. attribute rules: one rule-set match per element (element_rules.cc);
//   2. main content: the region the prose votes for (content.cc; teaser
//      lists, teasers.cc, neither vote nor join it), and the hard element
//      rules and structural drops checked against it; chrome rules on an
//      element holding most of it are overruled (guard.cc);
//   3. text rules and terms: each block's score as a sum of named terms,
//      its class, and the hard decisions of rules (scoring.cc);
//   3b. captions: image captions and credits, decided by structure, are
//      chrome whatever their score (captions.cc);
//   4. context: blocks no rule decided take their neighbours' side, or
//      their body siblings' (context.cc, prose_shape.cc).
// Internal to src/classify.

#ifndef WINNOW_CLASSIFY_PASSES_H_
#define WINNOW_CLASSIFY_PASSES_H_

#include <string_view>
#include <vector>

#include "classify/classify.h"
#include "classify/content.h"
#include "classify/model.h"

namespace winnow {

// The classes of jusText, on the numeric score.
enum class Cls { kBad, kShort, kNearGood, kGood };

// What the attribute rules say about a node, inherited down the tree.
struct NodeState {
  int hard_rule = -1;   // nearest drop/keep/subtree rule on self or ancestor
  bool hard_keep = false;
  bool in_subtree = false;  // inside an element a subtree rule dropped
  double shift = 0;     // sum of score rules on self and ancestors
  int hit_node = -1;    // nearest self-or-ancestor node with own hits
  int first_hit = 0;    // own hits: [first_hit, end_hit) in hit storage
  int end_hit = 0;
};

// Blocks [first, end) that a structural rule (cut, subtree) drops.
struct Range {
  int rule, first, end;
};

// What the passes share about one page.
struct ClassifyState {
  ClassifyState(const Page& p, const RuleSet& r, const Options& o,
                const Model& m, std::string_view h)
      : page(p), rules(r), options(o), model(m), host(h) {}

  const Page& page;
  const RuleSet& rules;
  const Options& options;
  const Model& model;
  std::string_view host;

  // Pass 1.
  std::vector<NodeState> nodes;
  std::vector<int> hit_store;  // the enabled rule hits of every node
  std::vector<int> own_drop, own_keep, own_subtree;  // per node, -1 = none
  std::vector<int> own_caption;  // per node: a caption rule's hit, -1 = none
  std::vector<Range> ranges;   // cut ranges of attribute rules
  // Pass 2.
  ContentRegion region;
  bool use_region = false;
  std::vector<double> region_prose;  // region prose before each block
  std::vector<int> forced;           // per block: structural rule, or -1
  // Per node: 1 when its own chrome rules are overruled (guard.cc).
  std::vector<char> overruled;
  // Pass 3.
  std::vector<Cls> cls;
  std::vector<int> final_state;  // per block: -1 chrome, +1 body, 0 open
  // Pass 3b.
  std::vector<char> caption;  // per block: a caption or credit

  // Whether rule `r` applies to this page (scope, --comments).
  bool Enabled(int r) const;
  // Whether dropping blocks [first, end) would take most of the article.
  bool TakesArticle(int first, int end) const;
  // Whether the own chrome rules of node `node` must not apply: the guard
  // overruled them (guard.cc), or the element holds most of the article.
  bool Overruled(int node) const;
  // Marks blocks of `r` as dropped by a structural rule, unless it would
  // take the article with it.
  void Force(const Range& r);
};

// Pass 1: matches every element that has blocks below it against the
// attribute rules; fills nodes (shifts, hits), own_* and ranges.
void MatchAttributeRules(ClassifyState* s);

// Pass 2: finds the main content (rule shifts bias the vote), then hands
// each node its nearest hard rule and marks the structural drops that do
// not take the article.
void FindMainAndHardRules(ClassifyState* s);

// The guard of pass 2 (guard.cc). True for rules that say "chrome": drop,
// subtree, cut and negative score shifts.
bool IsChromeRule(const Rule& rule);

// Marks in s->overruled every element with own chrome rules that holds more
// than max_structural_share of the main content's prose (s->region), and
// recomputes the nodes' shifts without the overruled negative ones. Returns
// true when a shift changed (the region must then be found again).
bool OverruleArticleWrappers(ClassifyState* s);

// True when the id of node `node` is the anchor of the heading it starts
// with: its text as a URL fragment ("sharing-with-your-team" on a section
// or heading "Sharing with your team", with an optional "-N"), of at least
// anchor_min_words words (model.weights). Documentation generators name
// every section so; such an id is the heading's text, not a layout name,
// and the attribute rules do not see it. (A one- or two-word id, "comments"
// or "related-posts", names the section's purpose as often as its text.)
bool IsHeadingAnchor(const Page& page, const Model& model, int node);

// Appends the chrome rules that the guard overruled on node `node` itself.
void AppendOverruledRules(const ClassifyState& s, int node,
                          std::vector<int>* out);

// Pass 3: per block, the rules of its element chain (listed in *out with
// options.explain only) and its text, its score as a sum of terms (in
// *out, with options.explain), its class and
// the rules' hard decisions. Counts rule IDs in *budget (may be null);
// returns false once it is exhausted. *rule_ids gets the count not yet
// charged.
bool ScoreBlocks(ClassifyState* s, PageBudget* budget, size_t* rule_ids,
                 std::vector<Decision>* out);

// Pass 3b: marks the image captions and credits (caption rules, a short
// line beside an image, in plain text the line before a credit) and makes
// those no rule decided chrome, unless captions hold most of the page's
// prose. Fills s->caption (the captions: asides, which the context pass
// does not take as anchors; credit lines stay anchors, as measured).
void MarkCaptions(ClassifyState* s, std::vector<Decision>* out);

// Pass 4: labels every block: hard decisions stand, good and bad blocks
// keep their class, short and near-good ones take their neighbours' side,
// unless they are lines among body blocks of their kind (prose_shape.h).
void DecideByContext(const ClassifyState& s, std::vector<Decision>* out);

}  // namespace winnow

#endif  // WINNOW_CLASSIFY_PASSES_H_
