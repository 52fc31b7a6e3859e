// Copyright winnow authors. Licensed under the MIT licence.
//
// Formatting elements' attribute lists moved into one placeholder
// (parse/README.md, "Attribute lists move whole"): <a>, which Gumbo never
// compares, and the others, which its Noah's Ark clause compares.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

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
using testing_guard::TagSoup;

// The guard's output for `page` (no strip), and its report.
std::string GuardedAside(const std::string& page, GuardReport* report) {
  SetAsideValues aside;
  std::string out;
  GuardHtml(page, Options(), &out, report, &aside);
  return out;
}

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

// The other formatting elements (but <font>) move their lists too, names
// the strip keeps or not, while every one of their tag on the page can:
// Noah's Ark then finds equal what it found equal before (a fourth <b>
// pushes the first out, and the next paragraph gets three clones).
TEST(FormattingListTest, ComparedListsMoveWhereEveryValueIsPlain) {
  const std::string page =
      "<p><i class=\"fa fa-home\" aria-hidden=\"true\">x</i>"
      "<b class=lead id=top><b class=lead id=top><b class=lead id=top>"
      "<b class=lead id=top>text</p><p>more</p>"
      "<p><font class=lead><font class=lead><font class=lead>"
      "<font class=lead>text</p><p>more";
  GuardReport report;
  const std::string out = GuardedAside(page, &report);
  EXPECT_EQ(out.find("fa-home"), std::string::npos) << out;
  EXPECT_EQ(out.find("top"), std::string::npos) << out;
  EXPECT_NE(out.find("<font class=lead>"), std::string::npos) << out;
  EXPECT_FALSE(report.restarted);
  EXPECT_EQ(ParsedDump(page, true), ParsedDump(page, false));
}

// A value Gumbo decodes ("long-class&#45;x" equals "long-class-x") cannot
// move: where a list of its tag moved before, the guard starts the page
// again with the compared lists in their tags; where none did, the lists
// of that tag stay from there on.
TEST(FormattingListTest, ValueGumboDecodesRestartsTheGuardAfterAMove) {
  const std::string plain = "<b class=\"long-class-x\">";
  const std::string decoded = "<b class=\"long-class&#45;x\">";
  const std::string after = "text</p><p>more";
  for (const std::string& page :
       {"<p>" + plain + plain + plain + decoded + after,
        "<p>" + decoded + plain + plain + plain + after}) {
    GuardReport report;
    const std::string out = GuardedAside(page, &report);
    EXPECT_NE(out.find(plain), std::string::npos) << out;
    EXPECT_EQ(report.restarted, page.find(plain) < page.find(decoded))
        << page;
    EXPECT_EQ(ParsedDump(page, true), ParsedDump(page, false)) << page;
  }
}

// Noah's Ark compares attributes as sets: <b class=x id=y> equals
// <b id=y class=x>, whose moved lists (each in its tag's order, as the
// view gives them) differ. Such a pair restarts the guard.
TEST(FormattingListTest, EqualSetsWrittenInTwoOrdersRestartTheGuard) {
  const std::string page =
      "<p><b class=lead id=top><b class=lead id=top><b class=lead id=top>"
      "<b id=top class=lead>text</p><p>more";
  GuardReport report;
  GuardedAside(page, &report);
  EXPECT_TRUE(report.restarted);
  EXPECT_EQ(ParsedDump(page, true), ParsedDump(page, false));
  // Two orders of different sets, or of the same set on two tags, do not.
  for (const std::string other :
       {"<p><b class=lead id=top><b id=top class=other>",
        "<p><b class=lead id=top><i id=top class=lead>"}) {
    GuardedAside(other, &report);
    EXPECT_FALSE(report.restarted) << other;
  }
}

// Where the guard stops setting aside, Gumbo may read tags in what the
// guard took for text (here in an SVG <title>, raw text to the guard):
// their lists stay, so one that moved before restarts the guard.
TEST(FormattingListTest, StopAfterAMovedListRestartsTheGuard) {
  const std::string page =
      "<p><b class=lead>one<svg><title><b class=lead>two</b></title></svg>"
      "<b class=lead><b class=lead>three</p><p>more";
  GuardReport report;
  GuardedAside(page, &report);
  EXPECT_TRUE(report.restarted);
  EXPECT_TRUE(report.aside_stopped);
  EXPECT_EQ(ParsedDump(page, true), ParsedDump(page, false));
}

// Raw text the guard copies as it is (it is sure Gumbo reads a <title>
// as text) would keep the lists of start tags in it, were Gumbo to read it
// as markup after all: such a tag counts as a list that stays, and so does
// the rest after a <plaintext>.
TEST(FormattingListTest, ListsInRawTextCountAsStaying) {
  for (const std::string page :
       {"<p><b class=lead>one<title><b class=lead>x</title>two",
        "<p><b class=lead>one<plaintext><b class=lead>x"}) {
    GuardReport report;
    const std::string out = GuardedAside(page, &report);
    EXPECT_TRUE(report.restarted) << page;
    EXPECT_EQ(out, page);
    EXPECT_EQ(ParsedDump(page, true), ParsedDump(page, false)) << page;
  }
  // A tag without attributes is no list; with no list moved before the
  // raw text, the lists after it stay in their tags, and nothing restarts.
  for (const std::string page : {"<p><b class=lead>one<title><b>x</title>",
                                 "<title><b class=lead>x</title><b class=lead>"}) {
    GuardReport report;
    GuardedAside(page, &report);
    EXPECT_FALSE(report.restarted) << page;
  }
}

// Random soup of formatting elements, markers and foreign content, with
// attribute sets that recur (in either order, spelled with and without a
// reference), so that Noah's Ark, the adoption agency and reconstruction
// meet moved lists: the tree reads the same with and without setting
// aside.
TEST(FormattingListTest, RandomFormattingSoupKeepsTreeAndValues) {
  static const char* const kTags[] = {
      "b", "i", "em", "strong", "nobr", "s", "u", "code", "small", "font",
      "a", "p", "div", "table", "td", "tr", "marquee", "svg", "title",
      "math", "mi", "textarea", "select", "option", "h1", "li"};
  static const char* const kAttrs[] = {
      " class=lead", " class=\"lead\"", " id=top", " ID=top",
      " class=\"a-b\"", " class=\"a&#45;b\"", " style=\"color: red\"",
      " aria-hidden=true", " data-x", " class=\"cr\rlf\"", " color=red",
      " class=lead id=top", " id=top class=lead", " href=\"\""};
  const std::vector<std::string> kTexts = {
      "x", "A run of text long enough to go. ", " \n ",
      "<!-- a comment --> text after it", "AT&T &amp; more text here"};
  std::mt19937 rng(1717);
  int moved = 0, restarted = 0;
  for (int round = 0; round < 400; ++round) {
    const std::string html =
        TagSoup(&rng, kTags, 20 + static_cast<int>(rng() % 200), kTexts,
                [&](std::string* out) {
                  const int attrs = static_cast<int>(rng() % 3);
                  for (int a = 0; a < attrs; ++a) {
                    *out += kAttrs[rng() % (sizeof kAttrs / sizeof kAttrs[0])];
                  }
                });
    GuardReport report;
    const std::string out = GuardedAside(html, &report);
    restarted += report.restarted;
    moved += !report.restarted && out.find("<b \xF4") != std::string::npos;
    EXPECT_EQ(ParsedDump(html, true), ParsedDump(html, false))
        << "round " << round << ": " << html;
  }
  RecordProperty("moved", moved);
  RecordProperty("restarted", restarted);
  EXPECT_GT(moved, 20);
  EXPECT_GT(restarted, 20);
}

}  // namespace
}  // namespace winnow
