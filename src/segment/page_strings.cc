// Copyright winnow authors. Licensed under the MIT licence.

#include "segment/page_strings.h"

#include "util/ascii.h"

namespace winnow {

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
  for (size_t i = 0; i < s.size(); ++i) out[i] = AsciiLower(s[i]);
  return std::string_view(out, s.size());
}

void PageStrings::Clear() {
  if (chunks_.size() > kRetainedChunks) chunks_.resize(kRetainedChunks);
  long_.clear();
  next_chunk_ = 0;
  pos_ = end_ = nullptr;
  bytes_ = 0;
}

}  // namespace winnow
