// Copyright winnow authors. Licensed under the MIT licence.

#include "segment/segment.h"

#include <gtest/gtest.h>

#include "parse/arena.h"
#include "parse/parse.h"
#include "segment/normalize.h"
#include "segment/testing.h"

namespace winnow {
namespace {

Page Segment(const std::string& html) { return SegmentForTest(html); }

std::vector<std::string> Texts(const Page& page) {
  std::vector<std::string> out;
  for (const Block& b : page.blocks) out.push_back(b.text);
  return out;
}

TEST(SegmentHtml, OneBlockPerBlockElementInDocumentOrder) {
  Page page = Segment(
      "<html><body><h1>Title</h1><p>First <b>para</b>.</p>"
      "<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr>"
      "</table></body></html>");
  EXPECT_EQ(Texts(page), (std::vector<std::string>{"Title", "First para.",
                                                   "one", "two", "a", "b"}));
  EXPECT_EQ(page.blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(page.blocks[0].heading_level, 1);
  EXPECT_EQ(page.blocks[2].kind, BlockKind::kListItem);
  EXPECT_EQ(page.blocks[4].kind, BlockKind::kCell);
}

TEST(SegmentHtml, DivOwnTextAroundNestedBlockSplits) {
  Page page = Segment("<div>before <p>inner</p> after</div>");
  EXPECT_EQ(Texts(page),
            (std::vector<std::string>{"before", "inner", "after"}));
}

TEST(SegmentHtml, SkipsScriptStyleHiddenAndFormControls) {
  Page page = Segment(
      "<p>kept</p><script>var x = 'no';</script><style>p{}</style>"
      "<div hidden>hidden attr</div><div style='display: none'>styled</div>"
      "<noscript>enable js</noscript><button>Click</button>"
      "<template><p>tpl</p></template><select><option>opt</option></select>");
  EXPECT_EQ(Texts(page), (std::vector<std::string>{"kept"}));
}

TEST(SegmentHtml, FoldsWhitespaceAndKeepsBrAsLineBreak) {
  Page page = Segment("<p>  a \n\t b&nbsp;&nbsp;c<br>d<br><br>e  </p>");
  ASSERT_EQ(page.blocks.size(), 1u);
  EXPECT_EQ(page.blocks[0].text, "a b c\nd\ne");
}

TEST(SegmentHtml, PreKeepsLines) {
  Page page = Segment("<pre>int x;\n  return x;\n</pre>");
  ASSERT_EQ(page.blocks.size(), 1u);
  EXPECT_EQ(page.blocks[0].text, "int x;\n  return x;");
  EXPECT_EQ(page.blocks[0].kind, BlockKind::kCode);
}

TEST(SegmentHtml, CountsLinkCharacters) {
  Page page = Segment("<p>abc <a href='/x'>defg</a></p><p><a href=x>all</a></p>");
  ASSERT_EQ(page.blocks.size(), 2u);
  EXPECT_EQ(page.blocks[0].chars, 8);
  EXPECT_EQ(page.blocks[0].link_chars, 4);
  EXPECT_FALSE(page.blocks[0].in_link_only);
  EXPECT_TRUE(page.blocks[1].in_link_only);
}

TEST(SegmentHtml, RecordsAncestorsWithTokens) {
  Page page = Segment(
      "<div id='Main' class='Entry-Content x'><nav role=navigation "
      "aria-label='Top'><a href=/>Home</a></nav></div>");
  ASSERT_EQ(page.blocks.size(), 1u);
  const Node& nav = page.nodes[page.blocks[0].node];
  EXPECT_EQ(nav.tag_name, "nav");
  EXPECT_EQ(nav.role_attr, "navigation");
  EXPECT_EQ(nav.aria_attr, "top");
  const Node& div = page.nodes[nav.parent];
  EXPECT_EQ(div.class_attr, "entry-content x");
  EXPECT_EQ(div.id_attr, "main");
  EXPECT_EQ(div.first_block, 0);
  EXPECT_EQ(div.end_block, 1);
}

TEST(SegmentHtml, ReadsValuesTheGuardSetAside) {
  // Long class, id, style and content values reach Gumbo as placeholders
  // (parse/guard.h); a value that merely looks like one is read as written.
  Page page = Segment(
      "<head><meta name=description content=\"A page about things\"></head>"
      "<div class=\"0\" id=\"Article-Main\"><p class=\"lead-paragraph\" "
      "style=\"color: red\">x</p><p style=\"visibility : hidden\">gone</p>"
      "</div>");
  EXPECT_EQ(page.meta_description, "A page about things");
  ASSERT_EQ(page.blocks.size(), 1u);
  const Node& p = page.nodes[page.blocks[0].node];
  EXPECT_EQ(p.class_attr, "lead-paragraph");
  const Node& div = page.nodes[p.parent];
  EXPECT_EQ(div.class_attr, "0");
  EXPECT_EQ(div.id_attr, "article-main");
}

TEST(SegmentHtml, ReadsTitleMetaAndJsonLd) {
  Page page = Segment(
      "<html lang=de-DE><head><title> The  Title </title>"
      "<meta name=description content='Desc'>"
      "<meta property='og:title' content='OG'>"
      "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
      "\"articleBody\":\"Body \\u00fcber\\ntext\"}</script></head>"
      "<body><p>x</p></body></html>");
  EXPECT_EQ(page.title, "The Title");
  EXPECT_EQ(page.og_title, "OG");
  EXPECT_EQ(page.meta_description, "Desc");
  EXPECT_EQ(page.json_ld_body, "Body \xC3\xBC" "ber text");
  EXPECT_EQ(page.lang_attr, "de-de");
  EXPECT_EQ(Texts(page), (std::vector<std::string>{"x"}));
}

// rel is read with the element's other attributes (ElementAttrs): any
// case of the name, the first of two, a token among others.
TEST(SegmentHtml, ReadsRelOfLinksAndAnchors) {
  Page page = Segment(
      "<html><head><link REL='stylesheet' href='/a.css'>"
      "<link rel='alternate Canonical' Href=' /x '></head><body>"
      "<p><a href='/u' rel='nofollow'>Not Me</a> and "
      "<a href='/v' Rel='external author' rel='nofollow'>Ann Author</a></p>"
      "</body></html>");
  EXPECT_EQ(page.meta.canonical, "/x");
  EXPECT_EQ(page.meta.bylines, (std::vector<std::string>{"Ann Author"}));
}

// Styles are folded (ASCII case, spaces, tabs and line feeds out) before
// the search; other bytes stay.
TEST(SegmentHtml, StyleHidesWhateverItsCaseAndSpacing) {
  Page page = Segment(
      "<p>a</p><div style='color: red; Display :\t\nNONE'>b</div>"
      "<div style='VISIBILITY: hidden ;'>c</div>"
      "<div style='display:\fnone'>d</div>"
      "<div style='display: block; visibility: visible'>e</div>");
  EXPECT_EQ(Texts(page), (std::vector<std::string>{"a", "d", "e"}));
}

// articleBody was decoded by an unescaper of segment's own, which dropped
// both halves of a surrogate pair (an emoji vanished) and read \f as "f".
TEST(SegmentHtml, JsonLdBodyDecodesSurrogatePairs) {
  Page page = Segment(
      "<html><head><script type='application/ld+json'>{\"articleBody\":"
      "\"Hi \\ud83d\\ude00 a\\fb \\x\"}</script></head>"
      "<body><p>x</p></body></html>");
  EXPECT_EQ(page.json_ld_body, "Hi \xF0\x9F\x98\x80 a b x");
}

TEST(SegmentHtml, DeepNestingDoesNotRecurse) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<div>";
  html += "deep";
  Page page = Segment(html);
  ASSERT_EQ(page.blocks.size(), 1u);
  EXPECT_EQ(page.blocks[0].text, "deep");
}

TEST(SegmentText, OneBlockPerLine) {
  Page page;
  SegmentText("First line.\n\nSecond line\r\n  \nThird", &page);
  EXPECT_EQ(Texts(page), (std::vector<std::string>{"First line.",
                                                   "Second line", "Third"}));
  EXPECT_TRUE(page.is_text);
  EXPECT_EQ(page.blocks[0].kind, BlockKind::kLine);
}

TEST(SegmentText, JoinsHardWrappedParagraphs) {
  Page page;
  SegmentText(
      "This is a hard wrapped\nparagraph of text that\ncontinues here.\n\n"
      "And a second one that\nalso wraps.\n",
      &page);
  EXPECT_EQ(Texts(page),
            (std::vector<std::string>{
                "This is a hard wrapped paragraph of text that continues here.",
                "And a second one that also wraps."}));
}

TEST(ComputeTextFeatures, CountsCodePointsSentencesCommas) {
  Block b;
  b.text = "Stra\xC3\x9F" "e, Weg. Ende! Wirklich?";
  ComputeTextFeatures(&b);
  EXPECT_EQ(b.chars, 28);
  EXPECT_EQ(b.sentence_ends, 3);
  EXPECT_EQ(b.commas, 1);
}

TEST(AppendFolded, FoldsUnicodeSpaces) {
  std::string out;
  AppendFolded("a\xC2\xA0\xE2\x80\x83" "b\xE3\x80\x80 c", &out);
  EXPECT_EQ(out, "a b c");
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// Ruby readings leaked into the text: "子こども供" for 子供.
TEST(SegmentRubyTest, RtAndRpTextLeftOut) {
  Page page = Segment(
      "<body><p><ruby>子供<rp>(</rp><rt>こども</rt><rp>)</rp></ruby>が"
      "<ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>を読む。</p></body>");
  EXPECT_EQ(Texts(page), (std::vector<std::string>{"子供が漢字を読む。"}));
}

// Decomposed "é" (e + U+0301) came out as two code points; soft hyphens
// and zero-width spaces stayed inside words.
TEST(SegmentNormalizeTest, BlockTextIsNfcWithoutInvisibleCharacters) {
  Page page = Segment(
      "<body><p>Caf\x65\xcc\x81 au lait</p>"
      "<p>Donau\xc2\xad" "dampf\xc2\xad" "schiff and zero\xe2\x80\x8bwidth"
      "\xe2\x81\xa0joined\xef\xbb\xbfword</p>"
      "<p>a \xe2\x80\x8b b\xe2\x80\x8b<br>\xe2\x80\x8b c</p>"
      "<p>\xe2\x80\x8b</p></body>");
  EXPECT_EQ(Texts(page),
            (std::vector<std::string>{"Caf\xc3\xa9 au lait",
                                      "Donaudampfschiff and zerowidthjoinedword",
                                      "a b\nc"}));
  EXPECT_EQ(page.blocks[0].chars, 12);
}

// NormalizeText moves runs of ASCII eight bytes at a time and decodes two-
// byte characters itself: after a removal, every later run and character
// (two-byte, three-byte, ASCII of every length) must land where it did.
TEST(SegmentNormalizeTest, TextAfterARemovalMovesWhole) {
  std::string text =
      "ab\xc2\xad" "cdefghijklmnop \xc3\xa9t\xc3\xa9\xe2\x80\x8b" "x"
      "\xce\xa9 \xe2\x80\x94 \xdf\xbf\xc2\xadqrstuvwxyz0123456789";
  EXPECT_TRUE(NormalizeText(&text));
  EXPECT_EQ(text,
            "abcdefghijklmnop \xc3\xa9t\xc3\xa9x\xce\xa9 \xe2\x80\x94 "
            "\xdf\xbfqrstuvwxyz0123456789");
  std::string kept = "caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e";
  EXPECT_FALSE(NormalizeText(&kept));
  EXPECT_EQ(kept, "caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e");
}

// ZWNJ and ZWJ spell Persian words and join emoji: they stay.
TEST(SegmentNormalizeTest, ZwnjAndZwjKept) {
  const std::string persian = "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb1\xd9\x88\xd9\x85";
  const std::string family =
      "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7";
  Page page = Segment("<body><p>" + persian + " " + family + "</p></body>");
  EXPECT_EQ(Texts(page), (std::vector<std::string>{persian + " " + family}));
}

TEST(SegmentNormalizeTest, PlainTextLinesNormalizedToo) {
  Page page;
  SegmentText("Re\xcc\x81sume\xcc\x81 soft\xc2\xadhyphen\n", &page);
  EXPECT_EQ(Texts(page),
            (std::vector<std::string>{"R\xc3\xa9sum\xc3\xa9 softhyphen"}));
}

// A page whose article is only inside <noscript> (the script version loads
// it) had no blocks but the "enable JavaScript" line.
TEST(SegmentNoscriptTest, NoscriptUsedWhenItHoldsMostText) {
  Page page = Segment(
      "<body><div id=app>Loading</div><noscript><h2>Heading</h2>"
      "<p>The whole article is here, in the noscript element, where the "
      "page's script would have put it after loading.</p>"
      "<p>And its second paragraph, which makes the text long enough to "
      "be more than a notice on the page.</p></noscript></body>");
  EXPECT_EQ(Texts(page),
            (std::vector<std::string>{
                "Loading", "Heading",
                "The whole article is here, in the noscript element, where "
                "the page's script would have put it after loading.",
                "And its second paragraph, which makes the text long enough "
                "to be more than a notice on the page."}));
}

TEST(SegmentNoscriptTest, SmallNoscriptStillSkipped) {
  // A notice on an almost empty page is still a notice.
  EXPECT_EQ(Texts(Segment("<p>kept</p><noscript>Enable JavaScript</noscript>")),
            (std::vector<std::string>{"kept"}));
  Page page = Segment(
      "<body><p>The article text, longer than the notice.</p>"
      "<noscript><p>Please enable JavaScript.</p></noscript></body>");
  EXPECT_EQ(Texts(page), (std::vector<std::string>{
                             "The article text, longer than the notice."}));
}

// A <div> left open inside a <noscript> near the top: the </noscript> was
// ignored, and the whole page became the noscript's, which was skipped. The
// pre-parse strip closes the div (PrestripNoscriptTest), so the notice is
// skipped and the page is not.
TEST(SegmentNoscriptTest, ElementLeftOpenInNoscriptCannotSwallowPage) {
  Page page = Segment(
      "<body><noscript><div class=notice>Enable JavaScript</noscript>"
      "<h1>Headline</h1><p>First paragraph of the article, which the "
      "parser put inside the noscript.</p>"
      "<p>Second paragraph of the article, long enough to outweigh any "
      "notice.</p></body>");
  EXPECT_EQ(Texts(page),
            (std::vector<std::string>{
                "Headline",
                "First paragraph of the article, which the parser put inside "
                "the noscript.",
                "Second paragraph of the article, long enough to outweigh any "
                "notice."}));
}

// An unclosed <title> read the page as its text: no blocks at all.
TEST(SegmentRecoverTest, UnclosedTitleClosedWhereMarkupResumes) {
  Arena arena;
  std::string buffer;
  ParsedHtml doc;
  Options options;
  const std::string html =
      "<html><head><title>Broken page</head><body><p>First paragraph.</p>"
      "<p>Second paragraph.</p></body></html>";
  ASSERT_TRUE(ParseHtml(html, options, &arena, &buffer, &doc).ok());
  Page page;
  SegmentHtml(doc, options, &page);
  EXPECT_EQ(Texts(page), (std::vector<std::string>{"First paragraph.",
                                                   "Second paragraph."}));
  EXPECT_EQ(page.title, "Broken page");
  EXPECT_EQ(doc.warnings,
            (std::vector<std::string>{
                "markup recovered: unclosed <title> closed at byte 30"}));
}

TEST(SegmentRecoverTest, UnclosedScriptAndTextareaRecovered) {
  for (const std::string open : {"<script>var a = 1;", "<textarea>draft",
                                 "<style>p { color: red }"}) {
    Page page = Segment("<html><head>" + open +
                        "</head><body><div><p>Kept text.</p></div>"
                        "</body></html>");
    EXPECT_EQ(Texts(page), (std::vector<std::string>{"Kept text."})) << open;
  }
}

// A page cut short inside a script (no document end after it) is left as
// the parser reads it, and so is a raw-text element that is a small part.
TEST(SegmentRecoverTest, CutShortOrSmallNotRecovered) {
  EXPECT_TRUE(Texts(Segment("<body><p>Text.</p><script>if (a <p) {<div>"))
                  .size() == 1);
  Arena arena;
  std::string buffer;
  ParsedHtml doc;
  Options options;
  const std::string html =
      "<body><p>" + std::string(200, 'x') + "</p><textarea><p>y</p></body>";
  ASSERT_TRUE(ParseHtml(html, options, &arena, &buffer, &doc).ok());
  EXPECT_TRUE(doc.warnings.empty());
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// A line of a <br> block that held only U+200B left an empty line; the
// space before one at a line's end joined two lines.
TEST(SegmentNormalizeTest, RemovedCharacterLeavesNoEmptyLineOrJoin) {
  Page page = Segment(
      "<body><p>one<br>\xe2\x80\x8b<br>two</p>"
      "<p>three \xe2\x80\x8b<br>four</p></body>");
  EXPECT_EQ(Texts(page),
            (std::vector<std::string>{"one\ntwo", "three\nfour"}));
}

}  // namespace
}  // namespace winnow
