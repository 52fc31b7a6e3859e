// Copyright winnow authors. Licensed under the MIT licence.
//
// The guard's setting-aside of attribute values and text (SetAsideValues).

#include <gtest/gtest.h>
#include <gumbo.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "parse/arena.h"
#include "parse/guard.h"
#include "parse/guard_test_util.h"
#include "parse/parse.h"
#include "parse/prestrip.h"
#include "parse/recover.h"

namespace winnow {
namespace {

using testing_guard::Dump;
using testing_guard::Guarded;
using testing_guard::ListAt;
using testing_guard::Mark;
using testing_guard::ParsedDump;
using testing_guard::ParseInfo;
using testing_guard::SetAside;
using testing_guard::TagSoup;

TEST(GuardSetAsideTest, LongValuesBecomePlaceholdersInTheirQuotes) {
  SetAsideValues aside;
  const std::string out = SetAside(
      "<div class=\"article-body\" id='main' title=\"a title\">"
      "<p style=color:0 class=article-body title=x>x</p>"
      "<meta content=\"A description\" title=x>"
      "<input type=\"hidden-field\" title=x>",
      &aside);
  // Identical values share one placeholder; short ones stay, and so do the
  // values the tree builder reads (type, encoding). (An unread name, title,
  // keeps each list in its tag: see AttributeListsMoveIntoOnePlaceholder.)
  EXPECT_EQ(out, "<div class=\"" + Mark(0) +
                     "\" id='main' title=\"a title\">"
                     "<p style=color:0 class=" +
                     Mark(0) + " title=x>x</p><meta content=\"" + Mark(1) +
                     "\" title=x><input type=\"hidden-field\" title=x>");
  EXPECT_STREQ(aside.ExpandValue(Mark(0).c_str()), "article-body");
  EXPECT_STREQ(aside.ExpandValue(Mark(1).c_str()), "A description");
  EXPECT_STREQ(aside.ExpandValue("plain"), "plain");
  // A placeholder among other bytes, or one that is not ours.
  EXPECT_STREQ(aside.ExpandValue(("(" + Mark(1) + ")").c_str()),
               "(A description)");
  EXPECT_STREQ(aside.ExpandValue(Mark(9).c_str()), Mark(9).c_str());
  EXPECT_FALSE(aside.has_texts());
  // Without a SetAsideValues the bytes stay as they are.
  const std::string page = "<div class=\"article-body\">x</div>";
  EXPECT_EQ(Guarded(page), page);
}

TEST(GuardSetAsideTest, KeepsValuesGumboWouldChange) {
  SetAsideValues aside;
  const std::string page =
      // Gumbo decodes references, turns CR into LF and controls into
      // U+FFFD: such values stay for it to read.
      "<p class=\"a &amp; b c long\">x</p><p class=\"line\r\nbreak long\">x</p>"
      "<p class=\"ctl\x01"
      "char long\">x</p><p class=\"c1\xC2\x85"
      "char long\">x</p><p class=\"nonchar\xEF\xBF\xBE long\">x</p>";
  EXPECT_EQ(SetAside(page, &aside), page);
  EXPECT_TRUE(aside.empty());
  // <body> and the rest: Gumbo moves the placeholder as it would the
  // value, and the view expands it anywhere. Formatting elements other
  // than <a> keep theirs (FormattingElementsSpelledTwoWaysStillMatch); an
  // <a>'s list moves (AnchorListsMoveAndReadBackInClones).
  EXPECT_EQ(SetAside("<b class=\"highlighted-word\">x</b>"
                     "<body class=\"the-home-page\">"
                     "<a class=\"lien-pr\xC3\xA9"
                     "c\xC3\xA9"
                     "dent\" href=\"\">x</a><table class=\"lien-pr\xC3\xA9"
                     "c\xC3\xA9"
                     "dent\" title=t>",
                     &aside),
            "<b class=\"highlighted-word\">x</b><body class=\"" + Mark(0) +
                "\"><a " + Mark(1) + ">x</a><table class=\"" + Mark(2) +
                "\" title=t>");
  EXPECT_STREQ(aside.ExpandValue(Mark(2).c_str()),
               "lien-pr\xC3\xA9"
               "c\xC3\xA9"
               "dent");
}

TEST(GuardSetAsideTest, TextRunsBecomePlaceholdersAroundTheirWhitespace) {
  SetAsideValues aside;
  const std::string out = SetAside(
      "<p>\n  A paragraph long enough to be set aside. \n</p>"
      "<p>short</p><p>1 < 2, and long enough to be set aside ></p>"
      "<p>Long enough, but with a carriage\r\nreturn</p>"
      "<p>Long enough, and the end of the page too",
      &aside);
  EXPECT_EQ(out, "<p>\n  " + Mark(0) + " \n</p><p>short</p><p>" + Mark(1) +
                     "></p>"
                     "<p>Long enough, but with a carriage\r\nreturn</p>"
                     "<p>" +
                     Mark(2));
  std::string scratch;
  EXPECT_EQ(aside.ExpandText("x " + Mark(1) + Mark(0) + " y", &scratch),
            "x 1 < 2, and long enough to be set aside "
            "A paragraph long enough to be set aside. y");
  EXPECT_EQ(aside.ExpandText(Mark(2), &scratch),
            "Long enough, and the end of the page too");
  // Not ours: cut short, an index past the last run, plane 17's lead.
  const std::string cut = Mark(1).substr(0, 3);
  EXPECT_EQ(aside.ExpandText(cut, &scratch), cut);
  EXPECT_EQ(aside.ExpandText(cut + "!" + Mark(0), &scratch),
            cut + "!A paragraph long enough to be set aside.");
  EXPECT_EQ(aside.ExpandText(Mark(9) + "!", &scratch), Mark(9) + "!");
  EXPECT_EQ(aside.ExpandText("\xF4\x90\x80\x80", &scratch), "\xF4\x90\x80\x80");
  EXPECT_EQ(aside.ExpandText("plain", &scratch), "plain");
  // A value that is exactly one placeholder is the pool's own string.
  EXPECT_STREQ(aside.ExpandValue(Mark(2).c_str()),
               "Long enough, and the end of the page too");
  EXPECT_STREQ(aside.ExpandValue((Mark(2) + "x").c_str()),
               "Long enough, and the end of the page toox");
}

TEST(GuardSetAsideTest, AttributesOverTheCapAreNotSetAside) {
  Options options;
  options.max_attributes = 1;
  SetAsideValues aside;
  std::string out;
  GuardReport report;
  GuardHtml("<p id=\"the-first-one\" class=\"the-second-one\">x</p>", options,
            &out, &report, &aside);
  EXPECT_EQ(out, "<p id=\"" + Mark(0) + "\">x</p>");
  EXPECT_EQ(report.attributes_dropped, 1u);
}

// A start tag whose attributes Gumbo only stores gives it one attribute,
// named by a placeholder of the whole list; the tags whose attributes the
// tree builder reads or copies keep theirs, and so do lists with a name
// the strip would not keep, a value Gumbo would change or a duplicate.
// (Of the formatting elements, only <a> moves its list: Gumbo compares the
// others' attributes.)
TEST(GuardSetAsideTest, AttributeListsMoveIntoOnePlaceholder) {
  SetAsideValues aside;
  const std::string out = SetAside(
      "<DIV Class=\"lead\" id=x><li class=\"lead\" ID=\"x\"/>"
      "<div class=\"lead\" id=x><span hidden>"
      "<a class=lead><b class=lead><body class=lead><input type=hidden>"
      "<svg class=lead><isindex prompt=p><annotation-xml encoding=x>"
      "<p title=t class=lead><p class=\"a&amp;b\"><p id=a id=b>"
      "<p class=a class=a><p id=1 id=2 id=3 id=4 id=5 id=6 id=7 id=8 id=9>",
      &aside);
  EXPECT_EQ(out, "<DIV " + Mark(0) + "><li " + Mark(0) + "/><div " + Mark(0) +
                     "><span " + Mark(1) + "><a " + Mark(2) +
                     "><b class=lead><body class=lead>"
                     "<input type=hidden><svg class=lead><isindex prompt=p>"
                     "<annotation-xml encoding=x><p title=t class=lead>"
                     "<p class=\"a&amp;b\"><p id=a id=b><p class=a class=a>"
                     "<p id=1 id=2 id=3 id=4 id=5 id=6 id=7 id=8 id=9>");
  using List = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(ListAt(aside, Mark(0)), (List{{"class", "lead"}, {"id", "x"}}));
  EXPECT_EQ(ListAt(aside, Mark(1)), (List{{"hidden", ""}}));
  EXPECT_EQ(ListAt(aside, Mark(2)), (List{{"class", "lead"}}));
  EXPECT_EQ(aside.AttributeList((Mark(0) + "x").c_str()), nullptr);
  EXPECT_EQ(aside.AttributeList("class"), nullptr);
  // The tag's name is copied as any tag's: a NUL in it is replaced.
  SetAsideValues named;
  std::string guarded;
  GuardReport report;
  GuardHtml(std::string("<di\0v class=lead>", 17), Options(), &guarded,
            &report, &named);
  EXPECT_EQ(guarded, "<di\xEF\xBF\xBDv " + Mark(0) + ">");
  EXPECT_EQ(report.nuls_replaced, 1u);

  // Read through the document view, as with nothing moved.
  const std::string page =
      "<div Class=\"lead\" id=main role=main><p>x</p></div>";
  Arena arena;
  std::string buffer;
  ParsedHtml doc;
  ASSERT_TRUE(ParseHtml(page, Options(), &arena, &buffer, &doc).ok());
  EXPECT_EQ(buffer.find("role"), std::string::npos) << buffer;
  const DomNode div = doc.root().children()[1].children()[0];
  ASSERT_EQ(div.tag(), Tag::kDiv);
  EXPECT_STREQ(div.Attribute("class"), "lead");
  EXPECT_STREQ(div.Attribute("ROLE"), "main");
  EXPECT_EQ(div.Attribute("title"), nullptr);
  std::string all;
  div.ForEachAttribute([&](const char* name, const char* value) {
    all += std::string(name) + "=" + value + ";";
  });
  EXPECT_EQ(all, "class=lead;id=main;role=main;");
  EXPECT_EQ(ParsedDump(page, true), ParsedDump(page, false));
}

// The tree builder asks whether an <input> has type="hidden" (in a table
// it stays in place, else it is foster-parented; in the body any other
// input clears the frameset-ok flag, so that a later <frameset> is
// ignored). A moved list answers "no type", right for any other value:
// such lists move, and type="hidden" (any case) keeps its list in the tag.
TEST(GuardSetAsideTest, InputListsMoveUnlessTypeIsHidden) {
  SetAsideValues aside;
  EXPECT_EQ(SetAside("<input type=text class=lead><input class=lead>"
                     "<input type=HIDDEN class=lead><input type=\"hidden \">",
                     &aside),
            "<input " + Mark(0) + "><input " + Mark(1) +
                "><input type=HIDDEN class=lead><input " + Mark(2) + ">");
  for (const std::string page :
       {"<table><input type=hidden class=x><input type=Text class=y>"
        "<input class=z><tr><td>x</table>",
        "<input type=hidden class=x><frameset><frame class=f></frameset>",
        "<input type=search class=x><frameset><frame class=f></frameset>"}) {
    EXPECT_EQ(ParsedDump(page, true), ParsedDump(page, false)) << page;
  }
}

// Gumbo's Noah's Ark clause compares formatting elements by their
// attributes' values as decoded: "long-class&#45;x" equals "long-class-x".
// A value set aside on one and kept (it has a reference) on the other made
// them differ, so a fourth <b> no longer pushed the first out of the list
// of active formatting elements, and the second paragraph got four clones
// instead of three. Formatting elements keep their values in the tag.
TEST(GuardSetAsideTest, FormattingElementsSpelledTwoWaysStillMatch) {
  const std::string page =
      "<p><b class=\"long-class-x\"><b class=\"long-class-x\">"
      "<b class=\"long-class-x\"><b class=\"long-class&#45;x\">text</p>"
      "<p>more";
  ParseInfo info;
  EXPECT_EQ(ParsedDump(page, true, &info), ParsedDump(page, false));
}

// Gumbo builds the same tree whether the guard sets values and text aside
// or not, and the values and text read back are the ones Gumbo would have
// kept: random tag soup with attributes written every way the tokenizer
// allows, raw text, CDATA sections and comments.
TEST(GuardSetAsideTest, RandomTagSoupKeepsTreeAndValues) {
  static const char* const kTags[] = {
      "div", "p", "b", "i", "a", "span", "li", "ul", "table", "tr", "td",
      "tbody", "select", "option", "form", "svg", "math", "desc", "font",
      "nobr", "em", "h1", "dd", "button", "template", "pre", "body", "html",
      "head", "meta", "input", "isindex", "image", "caption", "x-y",
      // Raw text, RCDATA and the modes that drop or move text.
      "title", "textarea", "xmp", "iframe", "noscript", "style", "listing",
      "frameset", "colgroup", "foreignObject", "mi", "noframes", "script"};
  static const char* const kAttrs[] = {" class=\"lead text here\"",
                                       " class='card card-wide'",
                                       " class=bare-but-long",
                                       " class",
                                       " CLASS=\"Upper Case Class\"",
                                       " class=\"a&amp;b long value\"",
                                       " class=\"cr\rlf long value\"",
                                       " id=\"main\"",
                                       " id=\"main-content\"/",
                                       "/class=\"after-slash\"",
                                       " style=\"display: none\"",
                                       " content=\"A description\"",
                                       " content=\"\"",
                                       " title=\"t\"",
                                       " title=\"</title><b class='x'>\"",
                                       " href=\"/a/long/path?x=1\"",
                                       " color=red",
                                       " type=hidden",
                                       " type=\"application/ld+json\"",
                                       " class = \"spaced out value\"",
                                       " class=\"second class value\"",
                                       " id=\"x\"id=\"y\"",
                                       " class=\"\xC2\x85 long value\""};
  // Text runs long enough to be set aside, with leading whitespace (which
  // stays), references (which stay, the text around them set aside),
  // carriage returns (which keep a run whole), and a '<' that starts no
  // tag.
  const std::vector<std::string> kTexts = {
      "x ",
      "A run of text long enough to go. ",
      "\n  \tIndented text that is long enough",
      "\nThe first line feed after <pre> matters here",
      "Text with &amp; a reference stays whole",
      "AT&T and a long run of text after a bare ampersand",
      "Fish &chips; then &notit; legacy names and a long run",
      "&amp&lt;&gt;&AMP; no semicolons, and a long run of text",
      "Numbers &#38 and then&#x26;more &#;&#x; text, long enough",
      "&#0; &#x110000; &#xD800; references Gumbo replaces, long",
      "&frac12;half and a long run of text ending in &",
      "Text with a\r\ncarriage return stays whole",
      "    ",
      "1 < 2 and 3 > 2: a run with angle brackets",
      "Unicode \xC3\xBC\xC3\xA9 letters in a long run of text",
      "<!-- a comment --> and a long run of text after it",
      "<![CDATA[ x > y ]]> and a long run of text after it",
      "a --> b, ]]> and a long run of text with arrows",
      "It's a long run with quotes \" and ' in it"};
  std::mt19937 rng(4242);
  int set_aside = 0, texts_set_aside = 0, stopped = 0;
  for (int round = 0; round < 400; ++round) {
    const std::string html =
        TagSoup(&rng, kTags, 20 + static_cast<int>(rng() % 300), kTexts,
                [&](std::string* out) {
                  const int attrs = static_cast<int>(rng() % 4);
                  for (int a = 0; a < attrs; ++a) {
                    *out += kAttrs[rng() % (sizeof kAttrs / sizeof kAttrs[0])];
                  }
                });
    ParseInfo info;
    const std::string on = ParsedDump(html, true, &info);
    set_aside += info.any;
    texts_set_aside += info.texts;
    stopped += info.fallbacks;
    // Without: the same bytes as ParseHtml gives Gumbo, nothing set aside.
    EXPECT_EQ(on, ParsedDump(html, false)) << "round " << round << ": " << html;
    EXPECT_EQ(on.find(SetAsideValues::kMarkLead), std::string::npos);
  }
  RecordProperty("set_aside", set_aside);
  RecordProperty("texts_set_aside", texts_set_aside);
  RecordProperty("stopped", stopped);
  EXPECT_GT(set_aside, 100);
  EXPECT_GT(texts_set_aside, 100);
}

// Raw text without a '<' is text however Gumbo reads the element (raw
// text, RCDATA, script data, or markup where the guard's model is wrong):
// its runs are set aside like any other, and read back through the view.
TEST(GuardSetAsideTest, RawTextWithoutMarkupIsSetAside) {
  SetAsideValues aside;
  const std::string json =
      "{\"@type\": \"Article\", \"headline\": \"A title\"}";
  const std::string page =
      "<title>A title long enough to be set aside</title>"
      "<script type=\"application/ld+json\">\n" +
      json +
      "\n</script>"
      "<textarea>A textarea with <b>markup</b> in it stays</textarea>";
  EXPECT_EQ(
      SetAside(page, &aside),
      "<title>" + Mark(0) + "</title><script " + Mark(1) + ">\n" + Mark(2) +
          "\n</script>"
          "<textarea>A textarea with <b>markup</b> in it stays</textarea>");
  std::string scratch;
  EXPECT_EQ(aside.ExpandText(Mark(2), &scratch), json);
  ParseInfo info;
  EXPECT_EQ(ParsedDump(page, true, &info), ParsedDump(page, false));
  EXPECT_TRUE(info.texts);
  EXPECT_EQ(info.fallbacks, 0);
}

// Whatever Gumbo does with a placeholder's bytes, the view reads back what
// it stands for: in the text of an element whose tag Gumbo read as text,
// among other bytes of an attribute value, in a comment, in a clone made by
// the adoption agency, in attributes that a second <body> adds to the
// first. (The guard places none of these itself; the view does not rely
// on it.)
TEST(GuardSetAsideTest, PlaceholdersReadBackWhereverGumboPutsThem) {
  SetAsideValues aside;
  std::string run, value, other;
  aside.AddText("A run of text set aside", &run);
  aside.AddValue("card-body", &value);
  aside.AddValue("home-page", &other);
  const std::string page = "<textarea><p class=\"" + value + "\">" + run +
                           "</p></textarea>"
                           "<div title=\"(" +
                           run + ")\"><!-- " + value +
                           " --></div>"
                           "<a class=\"" +
                           value +
                           "\">1<p>2</a>3</p>"
                           "<body class=\"" +
                           other + "\" id=\"" + value + "\">";
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.max_errors = 0;
  GumboOutput* output =
      gumbo_parse_with_options(&gopts, page.c_str(), page.size());
  EXPECT_EQ(Dump(output->document, &aside),
            "#document\n"
            " html\n"
            "  head\n"
            "  body class=home-page id=card-body\n"
            "   textarea\n"
            "    <p class=\"card-body\">A run of text set aside</p>\n"
            "   div title=(A run of text set aside)\n"
            "    #comment  card-body \n"
            "   a class=card-body\n"
            "    1\n"
            "   p\n"
            "    a class=card-body\n"
            "     2\n"
            "    3\n");
  gumbo_destroy_output(&gopts, output);
}

// Where the guard cannot know how Gumbo's tokenizer reads what follows (a
// CDATA section that Gumbo may read to its "]]>" or to the first '>', a
// raw-text element that it did not read as one, raw text that markup
// would read past its end tag), it sets nothing more aside, and that is
// counted. The page reads the same either way.
TEST(GuardSetAsideTest, WhereTheTokenizerCouldDifferNothingMoreIsSetAside) {
  const std::string after =
      "<p class=\"paragraph-after\">A paragraph after it, long enough.</p>";
  for (const std::string page :
       {"<p><math><mi>x</mi><![CDATA[ </math> <b>bold</b> "
        "<span class=\"in-the-section\">character data inside the "
        "formula, not markup</span> ]]></math></p>",
        "<svg><title><b class=\"in-the-title\">A title long enough to "
        "go</b></title></svg>",
        "<title>A title <a title='</title>' class=\"in-the-title\">"
        "</title>"}) {
    ParseInfo on, off;
    const std::string with = ParsedDump(page + after, true, &on);
    EXPECT_EQ(with, ParsedDump(page + after, false, &off)) << page;
    EXPECT_EQ(on.fallbacks, 1) << page;
    EXPECT_EQ(off.fallbacks, 0) << page;
    Arena arena;
    std::string buffer;
    ParsedHtml doc;
    ASSERT_TRUE(ParseHtml(page + after, Options(), &arena, &buffer, &doc).ok());
    EXPECT_NE(buffer.find("\"paragraph-after\""), std::string::npos) << page;
    EXPECT_NE(buffer.find("A paragraph after it"), std::string::npos) << page;
  }
  // A page the guard reads to its end sets aside and counts nothing.
  ParseInfo plain;
  ParsedDump(after, true, &plain);
  EXPECT_EQ(plain.fallbacks, 0);
  EXPECT_TRUE(plain.any && plain.texts);
}

// The page through the document view alone: tags, attributes and text.
std::string ViewDump(DomNode root) {
  std::string out, scratch;
  std::vector<std::pair<DomNode, int>> todo{{root, 0}};
  while (!todo.empty()) {
    const auto [n, depth] = todo.back();
    todo.pop_back();
    out += std::string(depth, ' ');
    if (!n.is_element()) {
      out += n.type() == NodeType::kComment ? "#comment " : "";
      out += n.Text(&scratch);
      out += '\n';
      continue;
    }
    out += TagName(n.tag());
    n.ForEachAttribute([&](const char* name, const char* value) {
      out += std::string(" ") + name + "=" + value;
    });
    out += '\n';
    const DomChildren kids = n.children();
    for (unsigned i = kids.size(); i > 0; --i) {
      todo.push_back({kids[i - 1], depth + 1});
    }
  }
  return out;
}

// A <td> outside a table between runs of whitespace: Gumbo ignores the tag
// and makes one whitespace node of what is around it. The self-check of
// before took that node for text that held the tag, and parsed the page a
// second time with nothing set aside. Now the tag's values go the way
// Gumbo sends them, and the page is parsed once, reading as it does
// without setting aside.
TEST(GuardSetAsideTest, IgnoredTagBetweenWhitespaceNeedsNoSecondParse) {
  const std::string page =
      "<div class=\"sidebar-column\">\n"
      "    <td width=\"150\" class=\"advertisement-cell\">\n\n"
      "    <table><tr><td class=\"advertisement-header\">Adverts</td></tr>"
      "</table></div>\n"
      "<p class=\"article-text\">A paragraph of the article, long enough to "
      "be set aside.</p>";
  Options on, off;
  off.set_aside = false;
  Arena arena_on, arena_off;
  std::string buffer_on, buffer_off;
  ParsedHtml with, without;
  ASSERT_TRUE(ParseHtml(page, on, &arena_on, &buffer_on, &with).ok());
  ASSERT_TRUE(ParseHtml(page, off, &arena_off, &buffer_off, &without).ok());
  EXPECT_EQ(with.fallbacks, 0);
  EXPECT_EQ(buffer_on.find("advertisement"), std::string::npos);
  EXPECT_EQ(buffer_on.find("A paragraph"), std::string::npos);
  EXPECT_EQ(ViewDump(with.root()), ViewDump(without.root()));
  EXPECT_NE(ViewDump(with.root()).find("p class=article-text\n"),
            std::string::npos);
}

}  // namespace
}  // namespace winnow
