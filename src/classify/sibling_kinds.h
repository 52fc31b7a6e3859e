// Copyright winnow authors. Licensed under the MIT licence.
//
// Kinds of siblings: the elements with one parent and one tag (the <p>s
// of one article body, the cards of one list). The teaser finder and the
// context pass group nodes so; a std::unordered_map keyed by
// Node::SiblingKindKey allocated a node per key and cost more than the
// passes' own work, so the kinds are numbered here, without hashing, and
// the passes index plain vectors by number. Internal to src/classify.

#ifndef WINNOW_CLASSIFY_SIBLING_KINDS_H_
#define WINNOW_CLASSIFY_SIBLING_KINDS_H_

#include <vector>

#include "segment/page.h"

namespace winnow {

// Sets (*kind)[n], for every node n of `page`, to the number of its kind:
// nodes with the same parent and tag (Node::SiblingKindKey) get the same
// number, in 1..count, numbered in order of first appearance; the root
// (no parent) gets 0. Returns count. Linear in nodes.
int NumberSiblingKinds(const Page& page, std::vector<int>* kind);

}  // namespace winnow

#endif  // WINNOW_CLASSIFY_SIBLING_KINDS_H_
