// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/arena.h"

#include <cstdint>

namespace winnow {

void* Arena::Allocate(size_t size) {
  size = (size + 15) & ~size_t{15};
  if (size == 0) size = 16;
  used_ += size;
  if (static_cast<size_t>(end_ - pos_) < size) {
    // Large requests (long text nodes) get a chunk of their own so that the
    // rest of the current chunk is not wasted.
    const size_t chunk = size > kChunkSize / 4 ? size : kChunkSize;
    chunks_.push_back({std::unique_ptr<char[]>(new char[chunk + 16]), chunk});
    char* base = chunks_.back().data.get();
    char* aligned = reinterpret_cast<char*>(
        (reinterpret_cast<uintptr_t>(base) + 15) & ~uintptr_t{15});
    if (chunk != size || chunks_.size() == 1) {
      pos_ = aligned;
      end_ = aligned + chunk;
    } else {
      return aligned;  // dedicated chunk; keep filling the current one
    }
  }
  void* out = pos_;
  pos_ += size;
  return out;
}

void Arena::Reset() {
  if (chunks_.size() > 1) chunks_.resize(1);
  // A first chunk that was a dedicated large one is not worth keeping.
  if (!chunks_.empty() && chunks_[0].size != kChunkSize) chunks_.clear();
  pos_ = end_ = nullptr;
  if (!chunks_.empty()) {
    char* base = chunks_[0].data.get();
    pos_ = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(base) + 15) &
                                   ~uintptr_t{15});
    end_ = pos_ + chunks_[0].size;
  }
  used_ = 0;
}

}  // namespace winnow
