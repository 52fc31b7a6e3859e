// Copyright winnow authors. Licensed under the MIT licence.
//
// Passes 1 and 2 of the classifier (passes.h): attribute rules, then the
// main content and the hard element rules checked against it.

#include <algorithm>
#include <cmath>

#include "classify/passes.h"

namespace winnow {

void MatchAttributeRules(ClassifyState* s) {
  const Page& page = s->page;
  const size_t nn = page.nodes.size();
  s->nodes.assign(nn, NodeState());
  s->own_drop.assign(nn, -1);
  s->own_keep.assign(nn, -1);
  s->own_subtree.assign(nn, -1);
  s->own_caption.assign(nn, -1);
  std::vector<int> hits;
  for (size_t i = 0; i < nn; ++i) {
    const Node& n = page.nodes[i];
    NodeState& st = s->nodes[i];
    if (n.parent >= 0) {
      const NodeState& p = s->nodes[n.parent];
      st.shift = p.shift;
      st.hit_node = p.hit_node;
    }
    if (n.end_block <= n.first_block) continue;  // no blocks below: skip
    hits.clear();
    const bool anchor = IsHeadingAnchor(page, s->model, static_cast<int>(i));
    s->rules.MatchElement(n.tag_name, n.class_attr,
                          anchor ? std::string_view() : n.id_attr, n.role_attr,
                          n.aria_attr, n.itemprop_attr, &hits);
    if (hits.empty()) continue;
    std::sort(hits.begin(), hits.end());
    st.first_hit = static_cast<int>(s->hit_store.size());
    for (int r : hits) {
      if (!s->Enabled(r)) continue;
      s->hit_store.push_back(r);
      const Rule& rule = s->rules.rule(r);
      switch (rule.action) {
        case Action::kDrop:
          if (s->own_drop[i] < 0) s->own_drop[i] = r;
          break;
        case Action::kSubtree:
          if (s->own_drop[i] < 0) s->own_drop[i] = r;
          if (s->own_subtree[i] < 0) s->own_subtree[i] = r;
          break;
        case Action::kKeep:
          if (s->own_keep[i] < 0) s->own_keep[i] = r;
          break;
        case Action::kScore:
          st.shift += rule.shift;
          break;
        case Action::kCaption:
          // Decided in pass 3b (captions.cc), by the element's size.
          if (s->own_caption[i] < 0) s->own_caption[i] = r;
          break;
        case Action::kCut:
          // From this element to the end of its parent.
          s->ranges.push_back({r, n.first_block,
                               n.parent >= 0 ? page.nodes[n.parent].end_block
                                             : n.end_block});
          break;
      }
    }
    st.end_hit = static_cast<int>(s->hit_store.size());
    if (st.end_hit > st.first_hit) st.hit_node = static_cast<int>(i);
  }
}

namespace {

// The main content: the container the prose votes for, its votes scaled by
// the attribute rules' shifts; and the region's prose before each block, to
// ask how much of it a rule would remove.
void FindRegion(ClassifyState* s) {
  const Page& page = s->page;
  const Model& m = s->model;
  const size_t nn = page.nodes.size(), nblocks = page.blocks.size();
  std::vector<double> bias(nn, 1.0);
  // Most nodes share their parent's shift (0 on most pages): the last
  // shift's bias is reused. Equal shifts give the same bits (+0 and -0
  // both clamp to a signed zero whose exp is exactly 1), so this is exact.
  double last_shift = 0;
  double last_bias =
      std::exp(m.region_bias_scale *
               std::max(-m.region_bias_cap, std::min(m.region_bias_cap, 0.0)));
  for (size_t i = 0; i < nn; ++i) {
    const double shift = s->nodes[i].shift;
    if (shift != last_shift) {
      last_shift = shift;
      last_bias = std::exp(
          m.region_bias_scale *
          std::max(-m.region_bias_cap, std::min(m.region_bias_cap, shift)));
    }
    bias[i] = last_bias;
  }
  FindMainContent(page, bias, m, &s->region);
  s->use_region =
      s->region.best >= 0 && s->region.prose_share >= m.region_min_share;
  s->region_prose.assign(nblocks + 1, 0);
  for (size_t b = 0; b < nblocks; ++b) {
    s->region_prose[b + 1] =
        s->region_prose[b] +
        (s->region.in_region[b]
             ? ProseWeight(page.blocks[b], !page.lang.empty(), m)
             : 0);
  }
}

}  // namespace

void FindMainAndHardRules(ClassifyState* s) {
  const Page& page = s->page;
  const size_t nn = page.nodes.size(), nblocks = page.blocks.size();
  FindRegion(s);
  // A negative shift on the article's wrapper pulled the votes away from
  // it: without the overruled shifts, the region is found again.
  if (OverruleArticleWrappers(s)) FindRegion(s);
  // A chrome rule that would take most of the article with it matched a
  // wrapper (class="article share", "paywall-container" around the text):
  // the article is worth more than the rule.
  for (size_t i = 0; i < nn; ++i) {
    const Node& n = page.nodes[i];
    NodeState& st = s->nodes[i];
    if (n.parent >= 0) {
      st.hard_rule = s->nodes[n.parent].hard_rule;
      st.hard_keep = s->nodes[n.parent].hard_keep;
      st.in_subtree = s->nodes[n.parent].in_subtree;
    }
    // Inside an element a subtree rule dropped, nothing below it is kept
    // (a share bar's own "article" class does not bring it back).
    if (st.in_subtree) continue;
    if (s->own_subtree[i] >= 0 && !s->Overruled(static_cast<int>(i))) {
      st.hard_rule = s->own_subtree[i];
      st.hard_keep = false;
      st.in_subtree = true;
      continue;
    }
    // Drop beats keep on the same element; the nearest element wins.
    if (s->own_drop[i] >= 0 && !s->Overruled(static_cast<int>(i))) {
      st.hard_rule = s->own_drop[i];
      st.hard_keep = false;
    } else if (s->own_keep[i] >= 0) {
      st.hard_rule = s->own_keep[i];
      st.hard_keep = true;
    }
  }
  s->forced.assign(nblocks, -1);
  for (const Range& r : s->ranges) s->Force(r);
}

}  // namespace winnow
