// Copyright winnow authors. Licensed under the MIT licence.

#include "segment/page_strings.h"

#include <cstdint>
#include <cstring>

#include "util/ascii.h"

namespace winnow {
namespace {

// The eight bytes of `v` with 'A'-'Z' lower-cased and every other byte
// (UTF-8 ones included) as it is: AsciiLower on each, without a branch a
// byte. Every element's class, id, role, aria-label and itemprop pass
// through here.
uint64_t LowerEight(uint64_t v) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const uint64_t low7 = v & ~kHigh;             // each byte < 0x80: no carry
  const uint64_t ge_a = low7 + (0x80 - 'A') * kOnes;  // high bit: >= 'A'
  const uint64_t gt_z = low7 + (0x7F - 'Z') * kOnes;  // high bit: > 'Z'
  const uint64_t upper = ge_a & ~gt_z & ~v & kHigh;   // and ASCII
  return v | (upper >> 2);                            // 0x80 >> 2 = 0x20
}

}  // namespace

char* PageStrings::Reserve(size_t n) {
  if (n > kLongest) {
    long_.emplace_back(new char[n]);
    bytes_ += n;
    return long_.back().get();
  }
  if (static_cast<size_t>(end_ - pos_) < n) {
    if (next_chunk_ == chunks_.size()) {
      chunks_.emplace_back(new char[kChunkSize]);
    }
    pos_ = chunks_[next_chunk_++].get();
    end_ = pos_ + kChunkSize;
    bytes_ += kChunkSize;
  }
  char* out = pos_;
  pos_ += n;
  return out;
}

std::string_view PageStrings::AddLowerAscii(std::string_view s) {
  if (s.empty()) return {};
  char* out = Reserve(s.size());
  const size_t n = s.size();
  if (n < 8) {
    for (size_t i = 0; i < n; ++i) out[i] = AsciiLower(s[i]);
    return std::string_view(out, n);
  }
  auto lower_eight_at = [&](size_t i) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    v = LowerEight(v);
    std::memcpy(out + i, &v, 8);
  };
  for (size_t i = 0; i + 8 <= n; i += 8) lower_eight_at(i);
  // The last eight bytes again, overlapping what is done: a byte's lower
  // case depends on the byte alone, so the tail is one more step rather
  // than a loop a byte at a time.
  lower_eight_at(n - 8);
  return std::string_view(out, n);
}

void PageStrings::Clear() {
  if (chunks_.size() > kRetainedChunks) chunks_.resize(kRetainedChunks);
  long_.clear();
  next_chunk_ = 0;
  pos_ = end_ = nullptr;
  bytes_ = 0;
}

}  // namespace winnow
