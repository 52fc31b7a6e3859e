// Copyright winnow authors. Licensed under the MIT licence.
//
// Buffers for the tests of the fast paths over a page's bytes (a word or
// sixteen bytes at a time): decode/utf8_scan_test.cc and
// parse/byte_scan_test.cc put a byte that matters at every position.

#ifndef WINNOW_UTIL_BYTE_TEST_UTIL_H_
#define WINNOW_UTIL_BYTE_TEST_UTIL_H_

#include <string>
#include <string_view>

namespace winnow {

// `length` bytes of ASCII letters ("abc...z" repeated) with `piece` written
// at `at`, cut off at `length` when it does not fit.
inline std::string WithPieceAt(size_t length, size_t at,
                               std::string_view piece) {
  std::string s(length, 'a');
  for (size_t k = 0; k < length; ++k) s[k] = static_cast<char>('a' + k % 26);
  s.replace(at, piece.size(), piece);
  s.resize(length);
  return s;
}

}  // namespace winnow

#endif  // WINNOW_UTIL_BYTE_TEST_UTIL_H_
