// Copyright winnow authors. Licensed under the MIT licence.
//
// A reference UTF-8 check the decode tests share (decode_test.cc,
// utf8_scan_test.cc): written from the code points' ranges, independently
// of decode's own byte bounds, so that a bug there cannot hide itself.

#ifndef WINNOW_DECODE_DECODE_TEST_UTIL_H_
#define WINNOW_DECODE_DECODE_TEST_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace winnow {

// The offset of the first NUL or ill-formed sequence (one cut off by the
// end too) in `s`, or s.size() when `s` is valid UTF-8 without NULs.
inline size_t ReferenceCleanEnd(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return i;
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (n - i < len) return i;
    for (size_t k = 1; k < len; ++k) {
      const auto t = static_cast<unsigned char>(s[i + k]);
      if ((t & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (t & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return i;
    }
    i += len;
  }
  return n;
}

// True if `s` is valid UTF-8 without NULs.
inline bool IsCleanUtf8(std::string_view s) {
  return ReferenceCleanEnd(s) == s.size();
}

}  // namespace winnow

#endif  // WINNOW_DECODE_DECODE_TEST_UTIL_H_
