// Copyright winnow authors. Licensed under the MIT licence.

#include "util/ascii.h"

#include <gtest/gtest.h>

namespace winnow {
namespace {

TEST(Ascii, LowerTouchesOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower('A'), 'a');
  EXPECT_EQ(AsciiLower('z'), 'z');
  EXPECT_EQ(AsciiLower('@'), '@');
  EXPECT_EQ(AsciiLower('['), '[');
  EXPECT_EQ(AsciiLowerCopy("Über-NAV_Bar \xC3\x9C"), "Über-nav_bar \xC3\x9C");
}

TEST(Ascii, CaseInsensitiveComparisons) {
  EXPECT_TRUE(EqualsIgnoreCase("Content-TYPE", "content-type"));
  EXPECT_FALSE(EqualsIgnoreCase("a", "ab"));
  EXPECT_FALSE(EqualsIgnoreCase("\xC3\x9C", "\xC3\xBC"));  // Ü is not ü here
  EXPECT_TRUE(StartsWithIgnoreCase("HTTP/1.1 200", "http/"));
  EXPECT_FALSE(StartsWithIgnoreCase("HTT", "http/"));
  EXPECT_TRUE(EndsWithIgnoreCase("crawl.WARC.GZ", ".gz"));
  EXPECT_FALSE(EndsWithIgnoreCase("gz", ".gz"));
}

TEST(Ascii, Space) {
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'})
    EXPECT_TRUE(IsAsciiSpace(c));
  EXPECT_FALSE(IsAsciiSpace('\0'));
  EXPECT_FALSE(IsAsciiSpace('\xA0'));
}

}  // namespace
}  // namespace winnow
