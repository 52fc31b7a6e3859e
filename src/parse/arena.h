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

  // Frees everything at once. Keeps up to kRetainedBytes of chunks, so that
  // pages parsed one after another on a thread reuse them instead of
  // calling malloc (and faulting fresh pages in) again; a bigger page's
  // extra chunks are returned.
  void Reset();

  size_t bytes_used() const { return used_; }

 private:
  static constexpr size_t kChunkSize = size_t{1} << 20;
  // The tree of a typical page (after the pre-parse strip) takes well
  // under 1 MiB, nine in ten under 2 MiB.
  static constexpr size_t kRetainedBytes = size_t{4} << 20;
  struct Chunk {
    std::unique_ptr<char[]> data;
    size_t size;
    char* begin() const;
  };
  std::vector<Chunk> chunks_;  // of kChunkSize; chunks_[next_] on is unused
  size_t next_ = 0;
  std::vector<Chunk> large_;   // requests over kChunkSize / 4, one each
  char* pos_ = nullptr;
  char* end_ = nullptr;
  size_t used_ = 0;
};

}  // namespace winnow

#endif  // WINNOW_PARSE_ARENA_H_
