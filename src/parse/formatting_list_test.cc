// Copyright winnow authors. Licensed under the MIT licence.
//
// Formatting elements' attribute lists moved into one placeholder
// (parse/README.md, "Attribute lists move whole"): <a>, which Gumbo never
// compares, and the others, which its Noah's Ark clause compares.

#include <gtest/gtest.h>

#include <string>

#include "parse/arena.h"
#include "parse/document.h"
#include "parse/guard.h"
#include "parse/guard_test_util.h"
#include "parse/parse.h"

namespace winnow {
namespace {

using testing_guard::Mark;
using testing_guard::ParsedDump;
using testing_guard::SetAside;

// An <a> start tag first takes any <a> out of the list of active
// formatting elements, so no two are ever compared: its list moves like a
// <div>'s, long values too. The adoption agency's clone (an <a> closed
// across a <div>) and the reconstructed clone (an <a> left open across a
// </p>) copy the one placeholder attribute, and read back as the list.
TEST(FormattingListTest, AnchorListsMoveAndReadBackInClones) {
  const std::string page =
      "<p><a class=\"story-link\" href=\"\">one<div>two</a>three</div>"
      "<p><a class=\"next&#45;link\" href=\"\" title=\"&amp; stripped\">"
      "x<a class=\"next-link\" href=\"\">y</a>"
      "<p><a class=lead-link-x href=\"\" rel=author>left open</p>after";
  Arena arena;
  std::string buffer;
  ParsedHtml doc;
  ASSERT_TRUE(ParseHtml(page, Options(), &arena, &buffer, &doc).ok());
  // The lists are gone from the bytes (but the one with a reference).
  EXPECT_EQ(buffer.find("story-link"), std::string::npos) << buffer;
  EXPECT_EQ(buffer.find("lead-link-x"), std::string::npos) << buffer;
  EXPECT_NE(buffer.find("next&#45;link"), std::string::npos) << buffer;
  EXPECT_EQ(ParsedDump(page, true), ParsedDump(page, false));
  EXPECT_EQ(ParsedDump(page, true),
            "#document\n"
            " html\n"
            "  head\n"
            "  body\n"
            "   p\n"
            "    a class=story-link href=\n"
            "     one\n"
            "   div\n"
            "    a class=story-link href=\n"
            "     two\n"
            "    three\n"
            "   p\n"
            "    a class=next-link href=\n"
            "     x\n"
            "    a class=next-link href=\n"
            "     y\n"
            "   p\n"
            "    a class=lead-link-x href= rel=author\n"
            "     left open\n"
            "   a class=lead-link-x href= rel=author\n"
            "    after\n");
  // A long value of an <a> whose list stays (a name the strip does not
  // keep) is set aside as on any other tag.
  SetAsideValues aside;
  EXPECT_EQ(SetAside("<a title=\"a long link title\" href=\"\">x</a>", &aside),
            "<a title=\"" + Mark(0) + "\" href=\"\">x</a>");
}

}  // namespace
}  // namespace winnow
