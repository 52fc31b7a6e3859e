// Copyright winnow authors. Licensed under the MIT licence.
//
// Prose told by its shape rather than by one density: a paragraph full of
// inline links is still prose when it is long, made of sentences and has
// text between its links (issue 14, failure mode 5); a short line of the
// article (a one-sentence paragraph, a greeting, a sign-off) is still body
// when it stands among the article's paragraphs as one of them (failure
// mode 6). Internal to src/classify.

#ifndef WINNOW_CLASSIFY_PROSE_SHAPE_H_
#define WINNOW_CLASSIFY_PROSE_SHAPE_H_

#include <vector>

#include "classify/model.h"
#include "segment/page.h"

namespace winnow {

// True when `b` is a paragraph whose links sit inside its sentences: at
// least linked_prose_min_words words and linked_prose_min_sentences
// sentence ends, a stop-word density of prose (needs a stop list:
// `has_lang`), and at least linked_prose_min_unlinked of its characters
// outside links. Such a block is not judged by its link density. A list of
// link titles has no text between its links and no sentences.
bool IsLinkedProse(const Block& b, bool has_lang, const Model& m);

// Where each block stands among the blocks of its kind: the blocks whose
// element has the same parent and tag (the <p>s of one article body).
struct SiblingCounts {
  std::vector<int> body_before;  // siblings of its kind labelled body before it
  std::vector<int> body_after;   //   and after it
};

// Counts, for every block, its siblings of its kind whose anchor is body
// (`anchor[j] > 0`: good on their own or kept by a rule). Blocks of text
// input (no element) get 0. `kind` and `kinds` are the page's sibling
// kinds as NumberSiblingKinds (sibling_kinds.h) numbers them. Linear in
// blocks.
void CountBodySiblings(const Page& page, const std::vector<int>& anchor,
                       const std::vector<int>& kind, int kinds,
                       SiblingCounts* out);

// Whether block `i`, short or near-good and about to be labelled chrome by
// its neighbours, is a line of the article after all: it stands between
// body siblings of its kind, or closes them (a sign-off) or opens them (a
// greeting) with the typography of a line of text (not a link, not a
// heading or caption, few digits, words, not in capitals, no lead-in colon
// before chrome). `anchor` as for CountBodySiblings. Returns the reason
// (a static string) or nullptr.
const char* BodyLineReason(const Page& page, const SiblingCounts& siblings,
                           const std::vector<int>& anchor, size_t i,
                           const Model& m);

}  // namespace winnow

#endif  // WINNOW_CLASSIFY_PROSE_SHAPE_H_
