// Copyright winnow authors. Licensed under the MIT licence.
//
// Small UTF-8 helpers shared by the stages that walk text code point by
// code point (language detection, scoring).

#ifndef WINNOW_UTIL_UTF8_H_
#define WINNOW_UTIL_UTF8_H_

#include <cstddef>
#include <cstdint>
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
inline size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace winnow

#endif  // WINNOW_UTIL_UTF8_H_
