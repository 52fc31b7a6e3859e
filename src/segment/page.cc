// Copyright winnow authors. Licensed under the MIT licence.

#include "segment/page.h"

#include <utility>

namespace winnow {
namespace {

// Above this, a vector's memory goes back to malloc at Clear rather than
// waiting on the thread for a page as big (the parse arena keeps 4 MiB).
constexpr size_t kRetainedVectorBytes = size_t{2} << 20;

// The capacity that push_back gives a vector grown from empty to `size`
// elements: libstdc++ doubles it, starting at one.
size_t GrownCapacity(size_t size) {
  size_t capacity = size == 0 ? 0 : 1;
  while (capacity < size) capacity *= 2;
  return capacity;
}

template <typename T>
void ClearKeepingBounded(std::vector<T>* v) {
  if (v->capacity() * sizeof(T) > kRetainedVectorBytes) {
    std::vector<T>().swap(*v);
  } else {
    v->clear();
  }
}

}  // namespace

void Page::Clear() {
  std::vector<Node> kept_nodes = std::move(nodes);
  std::vector<Block> kept_blocks = std::move(blocks);
  PageStrings kept_strings = std::move(strings);
  // Every other member back to its initial value, whatever members are
  // added later.
  *this = Page();
  ClearKeepingBounded(&kept_nodes);
  ClearKeepingBounded(&kept_blocks);
  kept_strings.Clear();
  nodes = std::move(kept_nodes);
  blocks = std::move(kept_blocks);
  strings = std::move(kept_strings);
}

size_t Page::VectorBytes() const {
  return GrownCapacity(nodes.size()) * sizeof(Node) +
         GrownCapacity(blocks.size()) * sizeof(Block);
}

}  // namespace winnow
