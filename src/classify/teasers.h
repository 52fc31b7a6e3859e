// Copyright winnow authors. Licensed under the MIT licence.
//
// Teaser lists: the "More stories" run below an article, the grid of post
// cards on a section page. Each card holds a linked heading and little
// else (a short summary, a date, a "read more" link); several of them side
// by side are chrome however well their container is named, and their
// summaries must not vote for, or join, the main content.

#ifndef WINNOW_CLASSIFY_TEASERS_H_
#define WINNOW_CLASSIFY_TEASERS_H_

#include <vector>

#include "classify/model.h"
#include "segment/page.h"

namespace winnow {

// Marks in *in_teaser (one entry per block, 1 = inside a teaser card) the
// blocks of every run of at least `teaser_min_cards` sibling elements of
// one tag (a non-card sibling of that tag ends a run; siblings of other
// tags do not) where each element is a card: exactly one heading whose
// text is mostly link (link density at least `link_heavy_density`), and
// beside it at most `teaser_max_blocks` blocks of at most
// `teaser_max_chars` characters in all. Decided by structure alone, never
// by class names. Linear in nodes plus blocks.
void FindTeaserCards(const Page& page, const Model& model,
                     std::vector<char>* in_teaser);
// The same, given the page's sibling kinds as NumberSiblingKinds numbers
// them (`kind` per node, `kinds` in all).
void FindTeaserCards(const Page& page, const Model& model,
                     const std::vector<int>& kind, int kinds,
                     std::vector<char>* in_teaser);

}  // namespace winnow

#endif  // WINNOW_CLASSIFY_TEASERS_H_
