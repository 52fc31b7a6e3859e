// Copyright winnow authors. Licensed under the MIT licence.

#include "classify/sibling_kinds.h"

#include <cstdint>

namespace winnow {

int NumberSiblingKinds(const Page& page, std::vector<int>* kind) {
  const size_t nn = page.nodes.size();
  kind->assign(nn, 0);
  // Open addressing with linear probing, at most half full: a key (never
  // 0, page.h) and its number per slot, 0 for an empty slot.
  size_t slots = 16;
  while (slots < 2 * nn) slots *= 2;
  struct Slot {
    uint64_t key;
    int number;
  };
  std::vector<Slot> table(slots, Slot{0, 0});
  const size_t mask = slots - 1;
  int count = 0;
  for (size_t i = 0; i < nn; ++i) {
    const Node& node = page.nodes[i];
    if (node.parent < 0) continue;
    const uint64_t key = node.SiblingKindKey();
    // Fibonacci hashing: the parent index sits in the high bits of the key.
    size_t s = static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
    while (table[s].key != 0 && table[s].key != key) s = (s + 1) & mask;
    if (table[s].key == 0) table[s] = {key, ++count};
    (*kind)[i] = table[s].number;
  }
  return count;
}

}  // namespace winnow
