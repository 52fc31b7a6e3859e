// Copyright winnow authors. Licensed under the MIT licence.
//
// The bytes that a page's nodes point into (Node's tag name and attribute
// values, segment/page.h). Every element used to own six std::strings:
// a malloc for each value past 15 bytes, six string moves each time the
// node vector grew, and six frees per node at the end of the page. Here
// the values are copied one after another into chunks that never move,
// and a page reused on a thread (Page::Clear) keeps its first chunks.

#ifndef WINNOW_SEGMENT_PAGE_STRINGS_H_
#define WINNOW_SEGMENT_PAGE_STRINGS_H_

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace winnow {

class PageStrings {
 public:
  PageStrings() = default;
  // Moving keeps every view valid (the chunks stay where they are); a copy
  // would not, so there is none.
  PageStrings(PageStrings&&) noexcept = default;
  PageStrings& operator=(PageStrings&&) noexcept = default;
  PageStrings(const PageStrings&) = delete;
  PageStrings& operator=(const PageStrings&) = delete;

  // Copies `s` with its ASCII letters lower-cased and returns the copy,
  // valid until Clear() or the pool's destruction. An empty `s` takes no
  // memory (an empty view).
  std::string_view AddLowerAscii(std::string_view s);

  // The bytes this page's strings hold: whole chunks as they are opened,
  // and a long string's own allocation. The same strings added in the same
  // order give the same figure whatever an earlier page left in the pool,
  // so that a page's budget (util/budget.h) never depends on the pages
  // before it.
  size_t bytes() const { return bytes_; }

  // Forgets every string (their views dangle from here). Keeps up to
  // kRetainedChunks chunks for the next page and frees the rest.
  void Clear();

  static constexpr size_t kChunkSize = size_t{32} << 10;
  static constexpr size_t kRetainedChunks = 8;
  // Longer strings get an allocation of their own (never retained), so
  // that a chunk wastes at most this much at its end.
  static constexpr size_t kLongest = kChunkSize / 8;

 private:
  char* Reserve(size_t n);  // n bytes in the current chunk or a new one

  std::vector<std::unique_ptr<char[]>> chunks_;  // of kChunkSize each
  size_t next_chunk_ = 0;  // chunks_[next_chunk_] on are unused
  std::vector<std::unique_ptr<char[]>> long_;  // one long string each
  char* pos_ = nullptr;
  char* end_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace winnow

#endif  // WINNOW_SEGMENT_PAGE_STRINGS_H_
