// Copyright winnow authors. Licensed under the MIT licence.
//
// Where is the article? Readability's answer, on winnow's flat page model:
// prose blocks vote for the elements above them, the element with the most
// votes (discounted by its link density and shifted by container rules) is
// the main content, and siblings that look like continuation join it.

#ifndef WINNOW_CLASSIFY_CONTENT_H_
#define WINNOW_CLASSIFY_CONTENT_H_

#include <vector>

#include "classify/model.h"
#include "segment/page.h"

namespace winnow {

struct ContentRegion {
  int best = -1;            // the winning element, -1 when none qualified
  double best_score = 0;
  double prose_share = 0;   // share of the page's prose inside the region
  std::vector<char> in_region;  // per block: 1 inside the main content
  std::vector<char> in_teaser;  // per block: 1 inside a teaser list
  // Per node, its kind of sibling (sibling_kinds.h), and the number of
  // kinds; -1 until FindMainContent numbers them. The biases change
  // neither these nor the teaser cards: a second FindMainContent on the
  // same region and page (the classifier's, after it overrules a wrapper)
  // reuses both. A region serves one page.
  std::vector<int> sibling_kind;
  int sibling_kinds = -1;
};

// How much a block says "article text here" (Readability's paragraph
// score: one point, one per comma, one per 100 characters up to three);
// 0 for short blocks and link-dense ones that are not linked prose
// (prose_shape.h: `has_lang` and `model` say which).
double ProseWeight(const Block& b, bool has_lang, const Model& model);

// `node_bias` (per node, may be empty) multiplies a candidate's score:
// above 1 for named body containers, below 1 for chrome containers.
// `model` gives when a sibling joins the winner (sibling_min_score,
// sibling_share). Blocks of teaser lists (teasers.h, marked in
// out->in_teaser) neither vote nor belong to the region. Linear in blocks
// times a bounded ancestor walk.
void FindMainContent(const Page& page, const std::vector<double>& node_bias,
                     const Model& model, ContentRegion* out);

}  // namespace winnow

#endif  // WINNOW_CLASSIFY_CONTENT_H_
