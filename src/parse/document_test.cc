// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/document.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "parse/arena.h"
#include "parse/parse.h"
#include "parse/tags.h"

namespace winnow {
namespace {

// A parsed page that stays alive for the test's handles.
struct Parsed {
  explicit Parsed(const std::string& html) {
    EXPECT_TRUE(ParseHtml(html, Options(), &arena, &buffer, &doc).ok());
  }
  Arena arena;
  std::string buffer;
  ParsedHtml doc;
};

// The first element with `tag` below `node` in document order, or null.
DomNode Find(DomNode node, Tag tag) {
  std::vector<DomNode> todo{node};
  while (!todo.empty()) {
    const DomNode n = todo.back();
    todo.pop_back();
    if (n.is_element() && n.tag() == tag) return n;
    const DomChildren kids = n.children();
    for (unsigned i = kids.size(); i > 0; --i) todo.push_back(kids[i - 1]);
  }
  return DomNode();
}

// "name=value" for every attribute ForEachAttribute gives, sorted (its
// order across names is not the start tag's).
std::vector<std::string> Attributes(DomNode el) {
  std::vector<std::string> out;
  el.ForEachAttribute([&](const char* name, const char* value) {
    out.push_back(std::string(name) + "=" + value);
  });
  std::sort(out.begin(), out.end());
  return out;
}

using Strings = std::vector<std::string>;

TEST(DocumentView, TreeOfTypesTagsAndParents) {
  Parsed p(
      "<!DOCTYPE html><p>one <b>two</b> </p><!-- note --><my-Widget>"
      "</my-Widget>");
  const DomNode html = p.doc.root();
  ASSERT_TRUE(html);
  EXPECT_EQ(html.type(), NodeType::kElement);
  EXPECT_EQ(html.tag(), Tag::kHtml);
  EXPECT_EQ(html.parent().type(), NodeType::kDocument);
  EXPECT_FALSE(html.parent().parent());
  const DomNode para = Find(html, Tag::kP);
  ASSERT_TRUE(para);
  EXPECT_EQ(para.parent().tag(), Tag::kBody);
  const DomChildren kids = para.children();
  ASSERT_EQ(kids.size(), 3u);
  std::string scratch;
  EXPECT_EQ(kids[0].type(), NodeType::kText);
  EXPECT_EQ(kids[0].Text(&scratch), "one ");
  EXPECT_EQ(kids[1].tag(), Tag::kB);
  EXPECT_EQ(kids[1].parent(), para);
  EXPECT_EQ(kids[2].type(), NodeType::kWhitespace);
  EXPECT_TRUE(kids[2].is_text());
  EXPECT_FALSE(kids[2].is_element());
  // The comment comes after the <p> in <body>, its text dropped before
  // the parse (prestrip.h); text nodes have no children.
  const DomNode body = para.parent();
  ASSERT_EQ(body.children().size(), 3u);
  EXPECT_EQ(body.children()[1].type(), NodeType::kComment);
  EXPECT_EQ(body.children()[1].Text(&scratch), "");
  EXPECT_TRUE(kids[0].children().empty());
  // An unknown tag keeps its name as written; known ones have theirs.
  const DomNode widget = body.children()[2];
  EXPECT_EQ(widget.tag(), Tag::kUnknown);
  EXPECT_EQ(widget.written_tag_name(), "my-Widget");
  EXPECT_EQ(TagName(Tag::kBlockquote), "blockquote");
  EXPECT_EQ(TagName(Tag::kH3), "h3");
  EXPECT_EQ(TagName(Tag::kUnknown), "");
  // The parser made <head> up: it has no written name.
  EXPECT_EQ(html.children()[0].tag(), Tag::kHead);
  EXPECT_EQ(html.children()[0].written_tag_name(), "");
}

// The view has the attributes that the pre-parse strip keeps (prestrip.h):
// those a stage reads.
TEST(DocumentView, AttributesByNameIgnoringCaseFirstWins) {
  Parsed p(
      "<nav ROLE=menu aria-label=Top role=second lang=en data-x=1>"
      "<a href=/x>link</a></nav>");
  const DomNode nav = Find(p.doc.root(), Tag::kNav);
  ASSERT_TRUE(nav);
  EXPECT_STREQ(nav.Attribute("role"), "menu");
  EXPECT_STREQ(nav.Attribute("aria-label"), "Top");
  EXPECT_STREQ(nav.Attribute("lang"), "en");
  EXPECT_EQ(nav.Attribute("data-x"), nullptr);
  EXPECT_EQ(nav.Attribute("class"), nullptr);
  // Gumbo keeps the first of duplicate names only.
  EXPECT_EQ(Attributes(nav),
            (Strings{"aria-label=Top", "lang=en", "role=menu"}));
  const DomNode a = Find(nav, Tag::kA);
  ASSERT_TRUE(a);
  EXPECT_NE(a.Attribute("href"), nullptr);
}

// The guard takes long attribute values and runs of text out of what
// Gumbo reads (parse/guard.h); the view puts them back, so a reader sees
// the page as written.
TEST(DocumentView, ReadsWhatTheGuardSetAsideAsWritten) {
  const std::string text =
      "A paragraph long enough for the guard to set aside.";
  Parsed p(
      "<head><meta name=description content=\"About things\"></head>"
      "<div class=\"Article-Body\" id=main lang=en "
      "style=\"color: red\" class=second><p>" +
      text + "</p></div>");
  ASSERT_FALSE(p.doc.aside.empty()) << "the guard set nothing aside";
  const DomNode div = Find(p.doc.root(), Tag::kDiv);
  ASSERT_TRUE(div);
  EXPECT_STREQ(div.Attribute("class"), "Article-Body");
  EXPECT_STREQ(div.Attribute("id"), "main");
  EXPECT_STREQ(div.Attribute("style"), "color: red");
  EXPECT_STREQ(div.Attribute("lang"), "en");
  EXPECT_EQ(div.Attribute("content"), nullptr);
  // Only the first of duplicate names, as Gumbo keeps it.
  EXPECT_EQ(Attributes(div), (Strings{"class=Article-Body", "id=main",
                                      "lang=en", "style=color: red"}));
  const DomNode meta = Find(p.doc.root(), Tag::kMeta);
  ASSERT_TRUE(meta);
  EXPECT_STREQ(meta.Attribute("content"), "About things");
  EXPECT_STREQ(meta.Attribute("name"), "description");
  const DomNode para = Find(p.doc.root(), Tag::kP);
  ASSERT_TRUE(para);
  ASSERT_EQ(para.children().size(), 1u);
  std::string scratch;
  EXPECT_EQ(para.children()[0].Text(&scratch), text);
}

TEST(DocumentView, AnEmptyParseHasANullRoot) {
  ParsedHtml doc;
  EXPECT_FALSE(doc.root());
}

}  // namespace
}  // namespace winnow
