// Copyright winnow authors. Licensed under the MIT licence.
//
// A bump allocator for one page's parse tree. Gumbo allocates many small
// objects and frees the whole tree recursively (which overflows the stack on
// deep trees); with an arena the tree is released by Reset() in O(chunks),
// and the bytes one page may take are counted in one place.

#ifndef WINNOW_PARSE_ARENA_H_
#define WINNOW_PARSE_ARENA_H_

#include <cstddef>
#include <memory>
#include <vector>

namespace winnow {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Returns 16-byte aligned memory valid until Reset(). Never returns null
  // (the parser does not check); bytes_used() tells the caller when a page
  // went over its budget.
  void* Allocate(size_t size);

  // Frees everything at once. Keeps the first chunk, so that pages parsed
  // one after another on a thread reuse it instead of calling malloc again.
  void Reset();

  size_t bytes_used() const { return used_; }

 private:
  static constexpr size_t kChunkSize = size_t{1} << 20;
  struct Chunk {
    std::unique_ptr<char[]> data;
    size_t size;
  };
  std::vector<Chunk> chunks_;
  char* pos_ = nullptr;
  char* end_ = nullptr;
  size_t used_ = 0;
};

}  // namespace winnow

#endif  // WINNOW_PARSE_ARENA_H_
