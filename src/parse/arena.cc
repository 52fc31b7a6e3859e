// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/arena.h"

#include <cstdint>

namespace winnow {

char* Arena::Chunk::begin() const {
  return reinterpret_cast<char*>(
      (reinterpret_cast<uintptr_t>(data.get()) + 15) & ~uintptr_t{15});
}

void* Arena::Allocate(size_t size) {
  size = (size + 15) & ~size_t{15};
  if (size == 0) size = 16;
  used_ += size;
  if (static_cast<size_t>(end_ - pos_) >= size) {
    void* out = pos_;
    pos_ += size;
    return out;
  }
  // Large requests (long text nodes) get a chunk of their own so that the
  // rest of the current chunk is not wasted.
  if (size > kChunkSize / 4) {
    large_.push_back({std::unique_ptr<char[]>(new char[size + 16]), size});
    return large_.back().begin();
  }
  if (next_ == chunks_.size()) {
    chunks_.push_back(
        {std::unique_ptr<char[]>(new char[kChunkSize + 16]), kChunkSize});
  }
  pos_ = chunks_[next_++].begin();
  end_ = pos_ + kChunkSize;
  void* out = pos_;
  pos_ += size;
  return out;
}

void Arena::Reset() {
  large_.clear();
  const size_t keep = kRetainedBytes / kChunkSize;
  if (chunks_.size() > keep) chunks_.resize(keep);
  next_ = 0;
  pos_ = end_ = nullptr;
  used_ = 0;
}

}  // namespace winnow
