// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/arena.h"

#include <cstring>

namespace winnow {

char* Arena::Chunk::begin() const {
  return reinterpret_cast<char*>(
      (reinterpret_cast<uintptr_t>(data.get()) + 15) & ~uintptr_t{15});
}

// Size classes: multiples of 16 up to 128, then four per power of two (160,
// 192, 224, 256, 320 ...) up to kLargest, so that a reused block wastes at
// most a quarter of itself.
int Arena::ClassOf(size_t size) {
  if (size <= 128) return size == 0 ? 0 : static_cast<int>((size - 1) >> 4);
  const size_t s = size - 1;
  const int p = 63 - __builtin_clzll(s);  // 7 for 129..256
  const int sub = static_cast<int>((s >> (p - 2)) & 3);
  return 8 + (p - 7) * 4 + sub;
}

size_t Arena::ClassSize(int cls) {
  if (cls < 8) return static_cast<size_t>(cls + 1) << 4;
  const int p = 7 + (cls - 8) / 4;
  const int sub = (cls - 8) % 4;
  return static_cast<size_t>(5 + sub) << (p - 2);
}

void* Arena::Bump(size_t size) {
  used_ += size;
  if (static_cast<size_t>(end_ - pos_) < size) {
    if (next_ == chunks_.size()) {
      chunks_.push_back(
          {std::unique_ptr<char[]>(new char[kChunkSize + 16]), kChunkSize});
    }
    pos_ = chunks_[next_++].begin();
    end_ = pos_ + kChunkSize;
  }
  void* out = pos_;
  pos_ += size;
  return out;
}

void* Arena::Allocate(size_t size) {
  if (size > kLargest) {
    // Large requests (long text nodes) get a chunk of their own so that
    // the rest of the current chunk is not wasted.
    const size_t total = ((size + 15) & ~size_t{15}) + kHeader;
    used_ += total;
    large_.push_back({std::unique_ptr<char[]>(new char[total + 16]), total});
    char* block = large_.back().begin();
    std::memcpy(block, &kLargeClass, sizeof(kLargeClass));
    return block + kHeader;
  }
  const int cls = ClassOf(size);
  if (void* p = free_[cls]) {
    std::memcpy(&free_[cls], p, sizeof(void*));
    return p;
  }
  char* block = static_cast<char*>(Bump(ClassSize(cls) + kHeader));
  const uint32_t c = static_cast<uint32_t>(cls);
  std::memcpy(block, &c, sizeof(c));
  return block + kHeader;
}

void Arena::Free(void* p) {
  if (p == nullptr) return;
  uint32_t cls;
  std::memcpy(&cls, static_cast<char*>(p) - kHeader, sizeof(cls));
  if (cls == kLargeClass) return;  // released by Reset
  std::memcpy(p, &free_[cls], sizeof(void*));
  free_[cls] = p;
}

void Arena::Reset() {
  large_.clear();
  const size_t keep = kRetainedBytes / kChunkSize;
  if (chunks_.size() > keep) chunks_.resize(keep);
  next_ = 0;
  pos_ = end_ = nullptr;
  used_ = 0;
  std::memset(free_, 0, sizeof(free_));
}

}  // namespace winnow
