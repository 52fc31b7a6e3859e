// Copyright winnow authors. Licensed under the MIT licence.
//
// Small UTF-8 helpers shared by the stages that walk text code point by
// code point (language detection, scoring).

#ifndef WINNOW_UTIL_UTF8_H_
#define WINNOW_UTIL_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace winnow {

// Decodes the code point at s[*i] and advances *i past it. `s` must be
// valid UTF-8 (the decode stage guarantees it); a sequence cut by the end of
// `s` yields what was read.
inline uint32_t NextCodePoint(std::string_view s, size_t* i) {
  const unsigned char c = s[*i];
  uint32_t cp;
  int extra;
  if (c < 0x80) {
    cp = c;
    extra = 0;
  } else if (c < 0xE0) {
    cp = c & 0x1F;
    extra = 1;
  } else if (c < 0xF0) {
    cp = c & 0x0F;
    extra = 2;
  } else {
    cp = c & 0x07;
    extra = 3;
  }
  ++*i;
  for (int k = 0; k < extra && *i < s.size(); ++k, ++*i) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i]) & 0x3F);
  }
  return cp;
}

// The number of code points in `s` (of bytes that start one, for invalid
// UTF-8).
// Eight bytes at a time: a continuation byte is 10xxxxxx, so its top bit
// is set and the bit below (shifted up onto the top bit) is not.
inline size_t CountCodePoints(std::string_view s) {
  constexpr uint64_t kTop = 0x8080808080808080ULL;
  size_t continuations = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    const uint64_t marks = v & ~(v << 1) & kTop;
    // One bit per byte, moved down to bit 0 and summed into the top byte.
    continuations += ((marks >> 7) * 0x0101010101010101ULL) >> 56;
  }
  for (; i < s.size(); ++i) {
    continuations += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  }
  return s.size() - continuations;
}

// Writes the UTF-8 form of `cp` (at most U+10FFFF) at `out`, which has
// room for 4 bytes; returns its length.
inline size_t EncodeUtf8(uint32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// Appends the UTF-8 form of `cp` (at most U+10FFFF) to *out.
inline void AppendUtf8(uint32_t cp, std::string* out) {
  char buf[4];
  out->append(buf, EncodeUtf8(cp, buf));
}

}  // namespace winnow

#endif  // WINNOW_UTIL_UTF8_H_
