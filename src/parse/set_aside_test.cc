// Copyright winnow authors. Licensed under the MIT licence.
//
// The guard's setting-aside of attribute values and text (SetAsideValues).

#include "parse/guard.h"

#include <gtest/gtest.h>
#include <gumbo.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "parse/arena.h"
#include "parse/guard_test_util.h"
#include "parse/parse.h"
#include "parse/prestrip.h"
#include "parse/recover.h"

namespace winnow {
namespace {

using testing_guard::Guarded;
using testing_guard::TagSoup;

std::string SetAside(std::string_view html, SetAsideValues* aside) {
  std::string out;
  GuardReport report;
  GuardHtml(html, Options(), &out, &report, aside);
  return out;
}

// The values set aside from the start tag at `offset`, as "class|id|style|
// content" with "-" for none; "" when nothing was.
std::string AsideAt(const SetAsideValues& aside, size_t offset) {
  const char* values[SetAsideValues::kNames] = {};
  if (!aside.Find(offset, values)) return "";
  std::string out;
  for (int k = 0; k < SetAsideValues::kNames; ++k) {
    if (k) out += '|';
    out += values[k] ? values[k] : "-";
  }
  return out;
}

TEST(GuardSetAsideTest, AttributesGoWhileTheirTagsStay) {
  SetAsideValues aside;
  const std::string out = SetAside(
      "<div class=\"article-body\" id='main' title=\"a title\">"
      "<p style=display:none class>x</p><meta content=\"A description\">",
      &aside);
  EXPECT_EQ(out, "<div   title=\"a title\"><p  >x</p><meta >");
  EXPECT_EQ(AsideAt(aside, 0), "article-body|main|-|-");
  EXPECT_EQ(AsideAt(aside, out.find("<p")), "|-|display:none|-");
  EXPECT_EQ(AsideAt(aside, out.find("<meta")), "-|-|-|A description");
  EXPECT_EQ(AsideAt(aside, 1), "");
  EXPECT_EQ(AsideAt(aside, out.find("x</p>")), "");
  // Without a SetAsideValues the bytes stay as they are.
  const std::string page = "<div class=\"article-body\">x</div>";
  EXPECT_EQ(Guarded(page), page);
}

TEST(GuardSetAsideTest, KeepsWhatGumboWouldChangeReadOrCompare) {
  SetAsideValues aside;
  const std::string page =
      // Gumbo decodes references, turns CR into LF and controls into
      // U+FFFD: such values stay for it to read.
      "<p class=\"a &amp; b c\">x</p><p class=\"line\r\nbreak\">x</p>"
      "<p class=\"ctl\x01"
      "char\">x</p><p class=\"c1\xC2\x85"
      "char\">x</p><p class=\"nonchar\xEF\xBF\xBE\">x</p>"
      // Formatting elements are compared by their attributes; later tags
      // of <html> and <body> add theirs to the first.
      "<b class=\"highlight\">x</b><font class=\"highlight\">x</font>"
      "<body class=\"home\"><isindex class=\"search\">"
      // After a '/', removing the attribute could make the tag
      // self-closing; unread names stay.
      "<p/class=\"x\">x</p><p title=\"highlight\">x</p>";
  EXPECT_EQ(SetAside(page, &aside), page);
  EXPECT_TRUE(aside.empty());
  // <a> is never compared (only one is active at a time), and non-ASCII
  // letters are copied unchanged.
  EXPECT_EQ(SetAside("<a class=\"lien-pr\xC3\xA9"
                     "c\xC3\xA9"
                     "dent\" href=\"\">x</a>",
                     &aside),
            "<a  href=\"\">x</a>");
  EXPECT_EQ(AsideAt(aside, 0),
            "lien-pr\xC3\xA9"
            "c\xC3\xA9"
            "dent|-|-|-");
}

TEST(GuardSetAsideTest, TextRunsBecomePlaceholdersAroundTheirWhitespace) {
  SetAsideValues aside;
  const std::string out = SetAside(
      "<p>\n  A paragraph long enough to be set aside. \n</p>"
      "<p>short</p><p>1 < 2, and long enough to be set aside ></p>"
      "<p>Long enough, but with &amp; a reference</p>"
      "<p>Long enough, but with a carriage\r\nreturn</p>"
      "<p>Long enough, and the end of the page too",
      &aside);
  const std::string mark(SetAsideValues::kTextMark);
  EXPECT_EQ(out, "<p>\n  " + mark + "00000 \n</p><p>short</p><p>" + mark +
                     "00001></p>"
                     "<p>Long enough, but with &amp; a reference</p>"
                     "<p>Long enough, but with a carriage\r\nreturn</p>"
                     "<p>" +
                     mark + "00002");
  std::string scratch;
  EXPECT_EQ(
      aside.ExpandText("x " + mark + "00001" + mark + "00000 y", &scratch),
      "x 1 < 2, and long enough to be set aside "
      "A paragraph long enough to be set aside. y");
  EXPECT_EQ(aside.ExpandText(mark + "00002", &scratch),
            "Long enough, and the end of the page too");
  // Not ours: too few digits, or an index past the last run.
  EXPECT_EQ(aside.ExpandText(mark + "0001", &scratch), mark + "0001");
  EXPECT_EQ(aside.ExpandText(mark + "00009!", &scratch), mark + "00009!");
  EXPECT_EQ(aside.ExpandText("plain", &scratch), "plain");
}

TEST(GuardSetAsideTest, PagesThatCouldSpellTheMarkKeepTheirText) {
  SetAsideValues aside;
  for (const std::string page :
       {"<p>A paragraph long enough to be set aside.</p><p>\xEE\x80\x80</p>",
        "<p>A paragraph long enough to be set aside.</p><p>&#xe000;</p>",
        "<p>A paragraph long enough to be set aside.</p><p>&#0057344</p>"}) {
    EXPECT_EQ(SetAside(page, &aside), page);
    EXPECT_FALSE(aside.has_texts());
  }
  // A tag that the end of the page cuts off is Gumbo's to drop: the run
  // before it stays as it is.
  const std::string cut = "<p>A paragraph long enough to be set aside<b cla";
  EXPECT_EQ(SetAside(cut, &aside), cut);
  EXPECT_FALSE(aside.has_texts());
}

TEST(GuardSetAsideTest, HeldByTellsWhereGumboReadTheBytesOtherwise) {
  SetAsideValues aside;
  // A tag with a class at 3, a run of text whose placeholder is at 24.
  const std::string out = SetAside(
      "<b><p class=\"lead\">A paragraph long enough to be set aside.</p>",
      &aside);
  ASSERT_EQ(out.find("<p"), 3u);
  const size_t mark = out.find(SetAsideValues::kTextMark);
  ASSERT_NE(mark, std::string::npos);
  using Ranges = std::vector<SetAsideValues::Range>;
  Ranges text{{mark, mark + 8}}, other;
  EXPECT_TRUE(aside.HeldBy(&text, &other));
  // Gumbo read the tag as text (a raw-text element the guard missed).
  text = {{0, out.size()}};
  EXPECT_FALSE(aside.HeldBy(&text, &other));
  // ... or the placeholder inside a comment, or not as text at all.
  text = {{mark + 8, out.size()}};
  other = {{mark - 1, mark + 3}};
  EXPECT_FALSE(aside.HeldBy(&text, &other));
  other.clear();
  EXPECT_FALSE(aside.HeldBy(&text, &other));
}

TEST(GuardSetAsideTest, TagsWithDuplicateNamesStayWhole) {
  SetAsideValues aside;
  // Gumbo 0.10.1 reads "class style=x" after a first class as one
  // attribute "classstyle": without the first, it would read two.
  const std::string page =
      "<p class=\"one\" id=\"main\" class style=\"display:none\">x</p>"
      "<p id=\"a\" id=\"b\">y</p>";
  EXPECT_EQ(SetAside(page, &aside), page);
  EXPECT_TRUE(aside.empty());
}

TEST(GuardSetAsideTest, AttributesOverTheCapAreNotSetAside) {
  Options options;
  options.max_attributes = 1;
  SetAsideValues aside;
  std::string out;
  GuardReport report;
  GuardHtml("<p id=\"first-one\" class=\"second-one\">x</p>", options, &out,
            &report, &aside);
  EXPECT_EQ(out, "<p >x</p>");
  EXPECT_EQ(AsideAt(aside, 0), "-|first-one|-|-");
  EXPECT_EQ(report.attributes_dropped, 1u);
}

TEST(GuardSetAsideTest, TreeKeepsItsShapeAndClonesShareTheValues) {
  Arena arena;
  std::string buffer;
  ParsedHtml doc;
  // The adoption agency clones <a>: the clone points at the same tag.
  ASSERT_TRUE(ParseHtml("<a class=\"link-one\" href=\"/x\">1<div "
                        "class=\"card\">2</a>3</div><p class=\"1\">y</p>",
                        Options(), &arena, &buffer, &doc)
                  .ok());
  std::vector<std::string> seen;
  std::vector<const GumboNode*> todo{doc.output->root};
  while (!todo.empty()) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const char* values[SetAsideValues::kNames] = {};
    std::string cls = "-";
    if (doc.SetAsideFor(n->v.element.original_tag.data, values) &&
        values[SetAsideValues::kClass]) {
      cls = values[SetAsideValues::kClass];
    }
    seen.push_back(std::string(gumbo_normalized_tagname(n->v.element.tag)) +
                   "." + cls);
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = kids.length; i > 0; --i) {
      todo.push_back(static_cast<const GumboNode*>(kids.data[i - 1]));
    }
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"html.-", "head.-", "body.-",
                                            "a.link-one", "div.card",
                                            "a.link-one", "p.1"}));
}

// Gumbo builds the same tree whether the guard sets attributes aside or
// not, and the values read back (set aside first, then the tree's first of
// the name) are the ones Gumbo would have kept: random tag soup with the
// four names written every way the tokenizer allows.
TEST(GuardSetAsideTest, RandomTagSoupKeepsTreeAndValues) {
  static const char* const kTags[] = {
      "div", "p", "b", "i", "a", "span", "li", "ul", "table", "tr", "td",
      "tbody", "select", "option", "form", "svg", "math", "desc", "font",
      "nobr", "em", "h1", "dd", "button", "template", "pre", "body", "html",
      "head", "meta", "input", "isindex", "image", "caption", "x-y",
      // Raw text, RCDATA and the modes that drop or move text.
      "title", "textarea", "xmp", "iframe", "noscript", "style", "listing",
      "frameset", "colgroup", "foreignObject", "mi", "noframes"};
  static const char* const kAttrs[] = {" class=\"lead text\"",
                                       " class='card'",
                                       " class=bare",
                                       " class",
                                       " CLASS=\"Upper\"",
                                       " class=\"a&amp;b\"",
                                       " class=\"cr\rlf\"",
                                       " id=\"main\"",
                                       " id=\"main\"/",
                                       "/class=\"after-slash\"",
                                       " style=\"display: none\"",
                                       " content=\"A description\"",
                                       " content=\"\"",
                                       " title=\"t\"",
                                       " color=red",
                                       " type=hidden",
                                       " class = \"spaced\"",
                                       " class=\"second\"",
                                       " id=\"x\"id=\"y\"",
                                       " class=\"\xC2\x85\""};
  // The tree as a string: tags, text, and per element its kept
  // attributes other than the four, then the four as read.
  auto dump = [](const GumboNode* root, const ParsedHtml* doc) {
    std::string out;
    std::vector<std::pair<const GumboNode*, int>> todo{{root, 0}};
    while (!todo.empty()) {
      const auto [n, depth] = todo.back();
      todo.pop_back();
      out += std::string(depth, ' ');
      if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) {
        if (n->type != GUMBO_NODE_DOCUMENT) {
          std::string expanded;
          out += n->type == GUMBO_NODE_COMMENT ? std::string_view("#comment")
                 : doc ? doc->aside.ExpandText(n->v.text.text, &expanded)
                       : std::string_view(n->v.text.text);
          out += '\n';
          continue;
        }
      }
      const GumboVector& kids = n->type == GUMBO_NODE_DOCUMENT
                                    ? n->v.document.children
                                    : n->v.element.children;
      if (n->type != GUMBO_NODE_DOCUMENT) {
        const GumboElement& el = n->v.element;
        if (el.tag == GUMBO_TAG_UNKNOWN) {
          GumboStringPiece name = el.original_tag;
          gumbo_tag_from_original_text(&name);
          out += std::string(name.data, name.length);
        } else {
          out += gumbo_normalized_tagname(el.tag);
        }
        static const char* const kNames[] = {"class", "id", "style", "content"};
        const char* aside[SetAsideValues::kNames] = {};
        if (doc) doc->SetAsideFor(el.original_tag.data, aside);
        for (int k = 0; k < SetAsideValues::kNames; ++k) {
          const GumboAttribute* a =
              gumbo_get_attribute(&el.attributes, kNames[k]);
          const char* v = aside[k] ? aside[k] : a ? a->value : nullptr;
          out += std::string(" ") + kNames[k] + "=" + (v ? v : "(none)");
        }
        for (unsigned i = 0; i < el.attributes.length; ++i) {
          const auto* a =
              static_cast<const GumboAttribute*>(el.attributes.data[i]);
          const std::string name = a->name;
          if (name == "class" || name == "id" || name == "style" ||
              name == "content") {
            continue;
          }
          out += " " + name + "=" + a->value;
        }
        out += '\n';
      }
      for (unsigned i = kids.length; i > 0; --i) {
        todo.push_back(
            {static_cast<const GumboNode*>(kids.data[i - 1]), depth + 1});
      }
    }
    return out;
  };
  // Text runs long enough to be set aside, with leading whitespace (which
  // stays), references and carriage returns (which keep a run whole), and
  // a '<' that starts no tag.
  const std::vector<std::string> kTexts = {
      "x ",
      "A run of text long enough to go. ",
      "\n  \tIndented text that is long enough",
      "\nThe first line feed after <pre> matters here",
      "Text with &amp; a reference stays whole",
      "Text with a\r\ncarriage return stays whole",
      "    ",
      "1 < 2 and 3 > 2: a run with angle brackets",
      "Unicode \xC3\xBC\xC3\xA9 letters in a long run of text"};
  std::mt19937 rng(4242);
  int set_aside = 0, texts_set_aside = 0;
  for (int round = 0; round < 400; ++round) {
    const std::string html =
        TagSoup(&rng, kTags, 20 + static_cast<int>(rng() % 300), kTexts,
                [&](std::string* out) {
                  const int attrs = static_cast<int>(rng() % 4);
                  for (int a = 0; a < attrs; ++a) {
                    *out += kAttrs[rng() % (sizeof kAttrs / sizeof kAttrs[0])];
                  }
                });
    // Without: the same bytes as ParseHtml gives Gumbo, nothing set aside.
    std::string stripped, plain;
    UnclosedRawText unclosed;
    PrestripHtml(html, &stripped, &unclosed);
    std::string repaired;
    size_t closed_at;
    if (CloseUnclosedRawText(html, unclosed, &repaired, &closed_at)) {
      PrestripHtml(repaired, &stripped);
    }
    GuardReport report;
    GuardHtml(stripped, Options(), &plain, &report);
    GumboOptions gopts = kGumboDefaultOptions;
    gopts.max_errors = 0;
    GumboOutput* expected =
        gumbo_parse_with_options(&gopts, plain.c_str(), plain.size());
    Arena arena;
    std::string buffer;
    ParsedHtml doc;
    ASSERT_TRUE(ParseHtml(html, Options(), &arena, &buffer, &doc).ok());
    if (!doc.aside.empty()) ++set_aside;
    if (doc.aside.has_texts()) ++texts_set_aside;
    EXPECT_EQ(dump(doc.output->document, &doc),
              dump(expected->document, nullptr))
        << "round " << round << ": " << html;
    gumbo_destroy_output(&gopts, expected);
  }
  RecordProperty("set_aside", set_aside);
  RecordProperty("texts_set_aside", texts_set_aside);
  EXPECT_GT(set_aside, 100);
  EXPECT_GT(texts_set_aside, 100);
}

// A page the guard misreads (a CDATA section in MathML, which the guard
// takes for a bogus comment ending at the first '>', reads to its "]]>" in
// Gumbo): the class set aside from the <span> inside it would be lost, so
// the page is parsed again with nothing set aside, and that is counted.
// Without setting aside there is nothing to check and nothing to count.
// ParseHtml's output, with what it points into.
struct Parsed {
  Arena arena;
  std::string buffer;
  ParsedHtml doc;
};
void Parse(const std::string& page, bool set_aside, Parsed* out) {
  Options options;
  options.set_aside = set_aside;
  ASSERT_TRUE(
      ParseHtml(page, options, &out->arena, &out->buffer, &out->doc).ok());
}

TEST(GuardSetAsideTest, MisreadPageIsParsedAgainAndCounted) {
  const std::string page =
      "<p><math><mi>x</mi><![CDATA[ </math> <b>bold</b> <span class=\"in\">"
      "character data inside the formula, not markup</span> ]]></math></p>"
      "<p class=\"body\">A paragraph after the formula, long enough.</p>";
  Parsed on, off, plain;
  Parse(page, true, &on);
  EXPECT_EQ(on.doc.fallbacks, 1);
  EXPECT_TRUE(on.doc.aside.empty());
  EXPECT_NE(on.buffer.find("class=\"body\""), std::string::npos);

  Parse(page, false, &off);
  EXPECT_EQ(off.doc.fallbacks, 0);
  EXPECT_TRUE(off.doc.aside.empty());
  EXPECT_EQ(off.buffer, on.buffer);

  // A page the guard reads right sets aside and parses once.
  Parse("<p class=\"body\">A paragraph long enough to be set aside here.</p>",
        true, &plain);
  EXPECT_EQ(plain.doc.fallbacks, 0);
  EXPECT_FALSE(plain.doc.aside.empty());
}

}  // namespace
}  // namespace winnow
