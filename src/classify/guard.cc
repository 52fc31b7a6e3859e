// Copyright winnow authors. Licensed under the MIT licence.
//
// Pass 2's guard (passes.h): an attribute rule that says "chrome" about an
// element holding most of the main content matched the article's wrapper
// (class="post entry-author-jane_doe", "region-body-and-footer",
// "paywall-container" around the text), not a part of the page around it.
// The article is worth more than the rule: the element's own chrome rules
// (drop, subtree, cut and negative score shifts) do not apply, and
// `winnow explain` shows each as a term "overruled:ID".

#include <algorithm>
#include <string>

#include "classify/passes.h"
#include "util/ascii.h"

namespace winnow {
namespace {

// `text` as a URL fragment: ASCII letters lower-cased, every run of other
// ASCII characters one '-', none at the ends; other bytes (UTF-8) kept.
// Sets *words to the number of parts. Stops after `limit` bytes of output
// (a heading is compared with an id: a longer slug is not equal anyway).
std::string Slug(std::string_view text, size_t limit, int* words) {
  std::string out;
  *words = 0;
  bool gap = true;
  for (char c : text) {
    if (out.size() > limit) break;
    const unsigned char u = static_cast<unsigned char>(c);
    const bool word = u >= 0x80 || (c >= '0' && c <= '9') ||
                      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!word) {
      gap = true;
      continue;
    }
    if (gap) {
      if (!out.empty()) out.push_back('-');
      ++*words;
      gap = false;
    }
    out.push_back(AsciiLower(c));
  }
  return out;
}

}  // namespace

bool IsChromeRule(const Rule& rule) {
  switch (rule.action) {
    case Action::kDrop:
    case Action::kSubtree:
    case Action::kCut:
    case Action::kCaption:
      return true;
    case Action::kScore:
      return rule.shift < 0;
    case Action::kKeep:
      return false;
  }
  return false;
}

bool IsHeadingAnchor(const Page& page, const Model& model, int node) {
  const Node& n = page.nodes[node];
  if (n.id_attr.empty() || n.first_block < 0 || n.end_block <= n.first_block)
    return false;
  const Block& b = page.blocks[n.first_block];
  if (b.kind != BlockKind::kHeading) return false;
  int words = 0, id_words = 0;
  std::string id = Slug(n.id_attr, n.id_attr.size(), &id_words);
  const std::string slug = Slug(b.text, id.size(), &words);
  // Generators number repeated headings: "setup", "setup-1".
  if (id.size() > slug.size()) {
    const size_t dash = id.rfind('-');
    if (dash == slug.size() &&
        id.find_first_not_of("0123456789", dash + 1) == std::string::npos) {
      id.resize(dash);
    }
  }
  return words >= model.anchor_min_words && id == slug;
}

bool ClassifyState::Overruled(int node) const {
  if (!overruled.empty() && overruled[node]) return true;
  const Node& n = page.nodes[node];
  return TakesArticle(n.first_block, n.end_block);
}

bool OverruleArticleWrappers(ClassifyState* s) {
  const Page& page = s->page;
  const size_t nn = page.nodes.size();
  s->overruled.assign(nn, 0);
  bool shifts_changed = false;
  for (size_t i = 0; i < nn; ++i) {
    const NodeState& st = s->nodes[i];
    const Node& n = page.nodes[i];
    bool chrome = false, negative_shift = false;
    for (int k = st.first_hit; k < st.end_hit; ++k) {
      const Rule& rule = s->rules.rule(s->hit_store[k]);
      if (!IsChromeRule(rule)) continue;
      chrome = true;
      if (rule.action == Action::kScore) negative_shift = true;
    }
    if (!chrome || !s->TakesArticle(n.first_block, n.end_block)) continue;
    s->overruled[i] = 1;
    shifts_changed |= negative_shift;
  }
  if (!shifts_changed) return false;
  // The shifts again, without the overruled elements' negative ones (nodes
  // come in document order: a parent before its children).
  for (size_t i = 0; i < nn; ++i) {
    NodeState& st = s->nodes[i];
    const int parent = page.nodes[i].parent;
    st.shift = parent >= 0 ? s->nodes[parent].shift : 0;
    for (int k = st.first_hit; k < st.end_hit; ++k) {
      const Rule& rule = s->rules.rule(s->hit_store[k]);
      if (rule.action != Action::kScore) continue;
      if (s->overruled[i] && rule.shift < 0) continue;
      st.shift += rule.shift;
    }
  }
  return true;
}

void AppendOverruledRules(const ClassifyState& s, int node,
                          std::vector<int>* out) {
  if (s.overruled.empty() || !s.overruled[node]) return;
  const NodeState& st = s.nodes[node];
  for (int k = st.first_hit; k < st.end_hit; ++k) {
    const int r = s.hit_store[k];
    if (IsChromeRule(s.rules.rule(r))) out->push_back(r);
  }
}

}  // namespace winnow
