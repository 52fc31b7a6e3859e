// Copyright winnow authors. Licensed under the MIT licence.

#include "classify/content.h"

#include <algorithm>

#include "classify/prose_shape.h"
#include "classify/sibling_kinds.h"
#include "classify/teasers.h"
#include "parse/tags.h"

namespace winnow {
namespace {

bool IsGeneric(Tag tag);

}  // namespace

double ProseWeight(const Block& b, bool has_lang, const Model& model) {
  if (b.chars < 25) return 0;
  if (b.LinkDensity() > 0.33 && !IsLinkedProse(b, has_lang, model)) return 0;
  if (b.kind == BlockKind::kHeading || b.kind == BlockKind::kCaption) return 0;
  double w = 1 + std::min(b.commas, 10) + std::min(b.chars / 100, 3);
  if (b.words > 0 && b.StopDensity() < 0.1 && b.words >= 8) w *= 0.5;
  return w;
}

namespace {


bool IsGeneric(Tag tag) {
  return tag == Tag::kDiv || tag == Tag::kSection || tag == Tag::kArticle ||
         tag == Tag::kMain || tag == Tag::kTd || tag == Tag::kBody;
}

}  // namespace

void FindMainContent(const Page& page, const std::vector<double>& node_bias,
                     const Model& model, ContentRegion* out) {
  const size_t nn = page.nodes.size(), nb = page.blocks.size();
  out->in_region.assign(nb, 0);
  out->best = -1;
  if (out->sibling_kinds < 0) {
    out->sibling_kinds = NumberSiblingKinds(page, &out->sibling_kind);
    FindTeaserCards(page, model, out->sibling_kind, out->sibling_kinds,
                    &out->in_teaser);
  }
  if (nn == 0 || nb == 0) return;
  std::vector<double> score(nn, 0), chars(nn, 0), links(nn, 0);
  const bool has_lang = !page.lang.empty();
  // Subtree text and link totals, for the link-density discount: a block
  // counts in its element and up to 63 elements above it. When no element
  // is that deep, that is every ancestor, and the totals are summed
  // children into parents (nodes are stored parents first) rather than a
  // walk up from every block. The sums are of integers: the same either
  // way.
  constexpr int kMaxUp = 64;
  bool shallow = true;
  for (const Node& node : page.nodes) shallow = shallow && node.depth < kMaxUp;
  if (shallow) {
    for (const Block& b : page.blocks) {
      if (b.node < 0) continue;
      chars[b.node] += b.chars;
      links[b.node] += b.link_chars;
    }
    for (size_t n = nn; n-- > 1;) {
      const int parent = page.nodes[n].parent;
      if (parent < 0) continue;
      chars[parent] += chars[n];
      links[parent] += links[n];
    }
  } else {
    for (const Block& b : page.blocks) {
      if (b.node < 0) continue;
      for (int n = b.node, up = 0; n >= 0 && up < kMaxUp;
           n = page.nodes[n].parent, ++up) {
        chars[n] += b.chars;
        links[n] += b.link_chars;
      }
    }
  }
  double total_prose = 0;
  for (size_t bi = 0; bi < nb; ++bi) {
    const Block& b = page.blocks[bi];
    if (b.node < 0) continue;
    // A teaser's summary is prose about another page.
    const double w = out->in_teaser[bi] ? 0 : ProseWeight(b, has_lang, model);
    if (w == 0) continue;
    total_prose += w;
    int n = b.node;
    // A generic container that owns text directly is a candidate itself.
    if (IsGeneric(page.nodes[n].tag)) score[n] += w;
    n = page.nodes[n].parent;
    for (int level = 1; n >= 0 && level <= 5; ++level, n = page.nodes[n].parent) {
      score[n] += level == 1 ? w : level == 2 ? w / 2 : w / (level * 3);
    }
  }
  if (total_prose == 0) return;
  int best = -1;
  double best_score = 0;
  for (size_t n = 0; n < nn; ++n) {
    if (score[n] == 0) continue;
    const double ld = chars[n] > 0 ? links[n] / chars[n] : 0;
    double s = score[n] * (1 - ld);
    if (!node_bias.empty()) s *= node_bias[n];
    score[n] = s;
    if (s > best_score) {
      best_score = s;
      best = static_cast<int>(n);
    }
  }
  if (best < 0) return;
  out->best = best;
  out->best_score = best_score;
  auto mark = [&](int n) {
    const Node& node = page.nodes[n];
    for (int b = node.first_block; b < node.end_block; ++b) {
      out->in_region[b] = !out->in_teaser[b];
    }
  };
  mark(best);
  // Siblings that continue the article: a good share of the winner's score,
  // or a paragraph of prose on its own.
  const int parent = page.nodes[best].parent;
  if (parent >= 0) {
    const double threshold = std::max(model.sibling_min_score, best_score * model.sibling_share);
    for (size_t n = best + 1; n < nn; ++n) {
      if (page.nodes[n].parent != parent) {
        if (page.nodes[n].depth <= page.nodes[parent].depth) break;
        continue;
      }
      if (score[n] >= threshold) mark(static_cast<int>(n));
    }
    for (int n = best - 1; n > parent; --n) {
      if (page.nodes[n].parent == parent && score[n] >= threshold) mark(n);
    }
  }
  double inside = 0;
  for (size_t b = 0; b < nb; ++b) {
    if (out->in_region[b]) inside += ProseWeight(page.blocks[b], has_lang, model);
  }
  out->prose_share = inside / total_prose;
}

}  // namespace winnow
