// Copyright winnow authors. Licensed under the MIT licence.
//
// Stage 4: label every block body or chrome. Rules speak first (a drop or
// keep decides; score rules shift), then a scoring model (classify/model.h,
// rules/model.weights) scores what the rules left open as a sum of named
// terms, and uncertain blocks take their neighbours' labels. The passes are
// in classify/passes.h.

#ifndef WINNOW_CLASSIFY_CLASSIFY_H_
#define WINNOW_CLASSIFY_CLASSIFY_H_

#include <string>
#include <string_view>
#include <vector>

#include "classify/model.h"
#include "rules/rules.h"
#include "segment/page.h"
#include "winnow/options.h"

namespace winnow {

class PageBudget;

// One named part of a block's score.
struct Term {
  const char* name;  // a static string: "long_text", "inside_main" ...
  int rule;          // for a rule's shift: its index (name is "rule"), else -1
  double value;
};

// The label the classifier gives a block: kBody blocks make the text.
enum class Label { kBody, kChrome };

struct Decision {
  Label label = Label::kChrome;
  double score = 0;         // the sum of the terms
  std::vector<Term> terms;  // filled with Options::explain only
  // Indexes into the RuleSet of the rules that fired: the block's text
  // rules, after (with Options::explain only) its element chain's rules.
  std::vector<int> rules;
  const char* reason = "";  // the decisive cause, a static string
  int rule = -1;            // the rule that decided, when a rule did
  bool in_main = false;     // inside the main-content region
};

// Classifies page->blocks with `model`'s weights; *out gets one Decision
// per block. `host` scopes site rules. Linear in blocks + nodes (times rule hits). Counts the rule
// IDs it copies into the decisions (blocks times depth at worst) in
// *budget, when not null; returns false, with *out incomplete, once the
// budget is exhausted. The caller counts the rest (util/budget.h).
bool Classify(const Page& page, const RuleSet& rules, const Model& model,
              const Options& options, std::string_view host, PageBudget* budget,
              std::vector<Decision>* out);

// Whether `rule` belongs to the comments group, the rules --comments
// switches off: those of a file named comments.rules (the built-in
// rules/comments.rules, or one of the user's), whatever their IDs.
bool IsCommentRule(const Rule& rule);

// The host part of a URL ("https://www.heise.de/x" -> "www.heise.de"),
// lower-cased; empty when there is none.
std::string HostOf(std::string_view url);

}  // namespace winnow

#endif  // WINNOW_CLASSIFY_CLASSIFY_H_
