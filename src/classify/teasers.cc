// Copyright winnow authors. Licensed under the MIT licence.

#include "classify/teasers.h"

#include "classify/sibling_kinds.h"

namespace winnow {
namespace {

// What a subtree holds, for the card test.
struct Holds {
  int link_headings = 0;  // headings that are mostly link text
  int other_blocks = 0;   // every other block
  int other_chars = 0;
};

}  // namespace

void FindTeaserCards(const Page& page, const Model& model,
                     std::vector<char>* in_teaser) {
  std::vector<int> kind;
  const int kinds = NumberSiblingKinds(page, &kind);
  FindTeaserCards(page, model, kind, kinds, in_teaser);
}

void FindTeaserCards(const Page& page, const Model& model,
                     const std::vector<int>& kind, int kinds,
                     std::vector<char>* in_teaser) {
  const size_t nn = page.nodes.size();
  in_teaser->assign(page.blocks.size(), 0);
  if (nn == 0) return;
  std::vector<Holds> holds(nn);
  for (const Block& b : page.blocks) {
    if (b.node < 0) continue;
    Holds& h = holds[b.node];
    if (b.kind == BlockKind::kHeading &&
        b.LinkDensity() >= model.link_heavy_density) {
      ++h.link_headings;
    } else {
      ++h.other_blocks;
      h.other_chars += b.chars;
    }
  }
  // Nodes are stored parents first: one backward sweep sums the subtrees.
  for (size_t i = nn; i-- > 1;) {
    const int p = page.nodes[i].parent;
    if (p < 0) continue;
    holds[p].link_headings += holds[i].link_headings;
    holds[p].other_blocks += holds[i].other_blocks;
    holds[p].other_chars += holds[i].other_chars;
  }
  auto is_card = [&](size_t n) {
    const Holds& h = holds[n];
    return h.link_headings == 1 && h.other_blocks <= model.teaser_max_blocks &&
           h.other_chars <= model.teaser_max_chars;
  };
  auto mark = [&](int n) {
    const Node& node = page.nodes[n];
    for (int b = node.first_block; b < node.end_block; ++b) (*in_teaser)[b] = 1;
  };
  // Per sibling: the previous sibling of the same tag, and the length of
  // the run of cards it ends. Nodes come in document order, so a parent's
  // children are met in order.
  std::vector<int> last_of(kinds + 1, -1);  // kind -> its last sibling yet
  std::vector<int> prev(nn, -1), run(nn, 0);
  const int min_cards = static_cast<int>(model.teaser_min_cards);
  for (size_t i = 0; i < nn; ++i) {
    const Node& node = page.nodes[i];
    if (node.parent < 0) continue;
    int& last = last_of[kind[i]];
    prev[i] = last;
    last = static_cast<int>(i);
    if (!is_card(i)) continue;
    run[i] = prev[i] >= 0 && run[prev[i]] > 0 ? run[prev[i]] + 1 : 1;
    if (run[i] < min_cards) continue;
    if (run[i] == min_cards) {
      // The run just qualified: mark the cards before this one too.
      for (int n = prev[i], k = 1; k < min_cards; n = prev[n], ++k) mark(n);
    }
    mark(static_cast<int>(i));
  }
}

}  // namespace winnow
