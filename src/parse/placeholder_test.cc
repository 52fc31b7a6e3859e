// Copyright winnow authors. Licensed under the MIT licence.
//
// The placeholders' form (one plane-16 code point, parse/guard.h): pages
// that could spell one set nothing aside, and text around character
// references is set aside in runs.

#include <gtest/gtest.h>

#include <string>

#include "parse/guard.h"
#include "parse/guard_test_util.h"

namespace winnow {
namespace {

using testing_guard::Mark;
using testing_guard::SetAside;

// Runs with a character reference used to stay whole; now the reference
// stays in place and the text on each side of it is set aside on its own.
// A reference ends, for Gumbo, at the first byte after '&' (and '#') that
// is not a letter or digit, or after a ';' there; the guard counts every
// letter and digit in ("&#38more" stays whole, though Gumbo reads "&#38").
TEST(GuardSetAsideTest, TextIsSetAsideBetweenCharacterReferences) {
  SetAsideValues aside;
  const std::string out = SetAside(
      "<p>Long enough, but with &amp; a reference</p>"
      "<p>AT&T is a long run after a bare ampersand</p>"
      "<p>&notit;legacy reference, then text&#38more text&#x26;</p>"
      "<p>A run that ends in an ampersand &</p>",
      &aside);
  EXPECT_EQ(out, "<p>" + Mark(0) + " &amp; " + Mark(1) + "</p><p>AT&T " +
                     Mark(2) + "</p><p>&notit;" + Mark(3) +
                     "&#38more text&#x26;</p><p>" + Mark(4) + " &</p>");
  std::string scratch;
  EXPECT_EQ(aside.ExpandText(out, &scratch),
            "<p>Long enough, but with &amp; a reference</p>"
            "<p>AT&T is a long run after a bare ampersand</p>"
            "<p>&notit;legacy reference, then text&#38more text&#x26;</p>"
            "<p>A run that ends in an ampersand &</p>");
}

TEST(GuardSetAsideTest, PagesThatCouldSpellAPlaceholderSetNothingAside) {
  SetAsideValues aside;
  for (const std::string page :
       {"<p class=\"long-class-name\">A paragraph long enough to be set "
        "aside.</p><p>\xF4\x80\x80\x80</p>",
        "<p>A paragraph long enough to be set aside.</p><p>\xF4\x8F\xBF\xBD",
        "<p>A paragraph long enough to be set aside.</p><p>&#x100000;</p>",
        "<p>A paragraph long enough to be set aside.</p><p>&#X10fffd</p>",
        "<p>A paragraph long enough to be set aside.</p><p>&#001048576</p>"}) {
    EXPECT_EQ(SetAside(page, &aside), page);
    EXPECT_TRUE(aside.empty());
  }
  // A tag that the end of the page cuts off is Gumbo's to drop: the run
  // before it stays as it is.
  const std::string cut = "<p>A paragraph long enough to be set aside<b cla";
  EXPECT_EQ(SetAside(cut, &aside), cut);
  EXPECT_FALSE(aside.has_texts());
}

// Icon fonts put their glyphs in plane 0's private use area (U+E000 ..
// U+F8FF); such pages were once left without set-aside, as U+E000 was the
// mark. Plane 16 is apart from them.
TEST(GuardSetAsideTest, IconFontCharactersDoNotStopSetAside) {
  SetAsideValues aside;
  const std::string out = SetAside(
      "<p><i>\xEE\x80\x80</i><i>&#xf099;</i>A paragraph long enough to be "
      "set aside.</p>",
      &aside);
  EXPECT_EQ(out, "<p><i>\xEE\x80\x80</i><i>&#xf099;</i>" + Mark(0) + "</p>");
  std::string scratch;
  EXPECT_EQ(aside.ExpandText(out, &scratch),
            "<p><i>\xEE\x80\x80</i><i>&#xf099;</i>A paragraph long enough to "
            "be set aside.</p>");
}

}  // namespace
}  // namespace winnow
