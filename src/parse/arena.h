// Copyright winnow authors. Licensed under the MIT licence.
//
// A bump allocator for one page's parse tree. Gumbo allocates many small
// objects and frees the whole tree recursively (which overflows the stack on
// deep trees); with an arena the tree is released by Reset() in O(chunks),
// and the bytes one page may take are counted in one place.

#ifndef WINNOW_PARSE_ARENA_H_
#define WINNOW_PARSE_ARENA_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace winnow {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Returns 16-byte aligned memory valid until Reset() (or Free()). Never
  // returns null (the parser does not check); bytes_used() tells the caller
  // when a page went over its budget.
  void* Allocate(size_t size);

  // Gives a block back for reuse by a later Allocate of the same size
  // class. Gumbo grows every string and vector by allocating the larger one
  // and freeing the old: without reuse, two thirds of a page's arena were
  // such dead buffers, and the live tree was spread over three times the
  // memory (and cache lines) it needs. Null is ignored.
  void Free(void* p);

  // Frees everything at once. Keeps up to kRetainedBytes of chunks, so that
  // pages parsed one after another on a thread reuse them instead of
  // calling malloc (and faulting fresh pages in) again; a bigger page's
  // extra chunks are returned.
  void Reset();

  // Bytes taken from the chunks for this page (reused blocks count once).
  size_t bytes_used() const { return used_; }

 private:
  static constexpr size_t kChunkSize = size_t{1} << 20;
  // The tree of a typical page (after the pre-parse strip) takes well
  // under 1 MiB.
  static constexpr size_t kRetainedBytes = size_t{4} << 20;
  // Every block starts with a header holding its size class, which keeps
  // the block 16-byte aligned.
  static constexpr size_t kHeader = 16;
  // Requests above this get a chunk of their own and are not reused.
  static constexpr size_t kLargest = kChunkSize / 4;
  static constexpr int kClasses = 52;  // see ClassOf
  static constexpr uint32_t kLargeClass = 0xFFFFFFFF;

  static int ClassOf(size_t size);
  static size_t ClassSize(int cls);
  void* Bump(size_t size);  // size includes the header, a multiple of 16

  struct Chunk {
    std::unique_ptr<char[]> data;
    size_t size;
    char* begin() const;
  };
  std::vector<Chunk> chunks_;  // of kChunkSize; chunks_[next_] on is unused
  size_t next_ = 0;
  std::vector<Chunk> large_;   // requests over kLargest, one each
  char* pos_ = nullptr;
  char* end_ = nullptr;
  size_t used_ = 0;
  void* free_[kClasses] = {};  // singly linked through the blocks
};

}  // namespace winnow

#endif  // WINNOW_PARSE_ARENA_H_
