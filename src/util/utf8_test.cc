// Copyright winnow authors. Licensed under the MIT licence.

#include "util/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace winnow {
namespace {

// One byte at a time, as CountCodePoints counted before it read eight.
size_t CountOneByOne(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

TEST(CountCodePoints, CountsLeadBytes) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  // "Straße, 日本語 🙂" : 8 + 3 + 1 + 1 code points over 8 + 9 + 1 + 4 bytes.
  EXPECT_EQ(CountCodePoints("Stra\xC3\x9F" "e, \xE6\x97\xA5\xE6\x9C\xAC"
                            "\xE8\xAA\x9E \xF0\x9F\x99\x82"),
            13u);
  // Invalid UTF-8: stray continuation bytes are not counted, other bytes
  // are (0xFF, 0xC0).
  EXPECT_EQ(CountCodePoints("\x80\x80\xFF\xC0x\xBF"), 3u);
}

// Every alignment and length up to three words, over bytes of each kind.
TEST(CountCodePoints, MatchesOneByOneAtEveryOffset) {
  const std::string text =
      "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x99\x82\x7F\x80\xBF\xC0\xFF "
      "\xE2\x80\x83z\xC2\xA0\xEF\xBC\x81.,";
  for (size_t start = 0; start < text.size(); ++start) {
    for (size_t len = 0; start + len <= text.size(); ++len) {
      const std::string_view s = std::string_view(text).substr(start, len);
      ASSERT_EQ(CountCodePoints(s), CountOneByOne(s))
          << "start " << start << " len " << len;
    }
  }
}

// The one encoder that JSON, the windows-1252 decoder and the word
// splitter share: each length's first and last code point, and a round
// trip through NextCodePoint.
TEST(AppendUtf8, EncodesEachLengthAndReadsBack) {
  const uint32_t kCodePoints[] = {0x0,    0x7F,   0x80,    0x7FF,
                                  0x800,  0xFFFF, 0x10000, 0x10FFFF};
  std::string out;
  for (uint32_t cp : kCodePoints) AppendUtf8(cp, &out);
  EXPECT_EQ(out, std::string("\x00\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF"
                             "\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF",
                             20));
  size_t i = 0;
  for (uint32_t cp : kCodePoints) EXPECT_EQ(NextCodePoint(out, &i), cp);
  EXPECT_EQ(i, out.size());
}

}  // namespace
}  // namespace winnow
