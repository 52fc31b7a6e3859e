// Copyright winnow authors. Licensed under the MIT licence.

#include "classify/sibling_kinds.h"

namespace winnow {

int NumberSiblingKinds(const Page& page, std::vector<int>* kind) {
  const size_t nn = page.nodes.size();
  kind->assign(nn, 0);
  // Per parent, a list of the kinds of its children met so far: one entry
  // per distinct child tag, so a search is at most as long as the number
  // of tags (parse/tags.h; custom elements share one), and a few steps on
  // real pages. No hashing, and nothing to clear but these two vectors.
  struct Entry {
    Tag tag;
    int number;
    int next;  // the parent's next entry, -1 at the end
  };
  std::vector<int> first(nn, -1);  // per parent: its first entry
  std::vector<Entry> entries;
  entries.reserve(nn);
  int count = 0;
  for (size_t i = 0; i < nn; ++i) {
    const Node& node = page.nodes[i];
    if (node.parent < 0) continue;
    int* link = &first[node.parent];
    while (*link >= 0 && entries[*link].tag != node.tag) {
      link = &entries[*link].next;
    }
    if (*link < 0) {
      *link = static_cast<int>(entries.size());
      entries.push_back({node.tag, ++count, -1});
    }
    (*kind)[i] = entries[*link].number;
  }
  return count;
}

}  // namespace winnow
