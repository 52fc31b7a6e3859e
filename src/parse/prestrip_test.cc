// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/prestrip.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

#include "parse/prestrip_tags.h"

namespace winnow {
namespace {

std::string Strip(std::string_view html) {
  std::string out;
  const size_t removed = PrestripHtml(html, &out);
  // End tags inserted (PrestripNoscriptTest) are not counted as removed.
  if (out.size() <= html.size()) {
    EXPECT_GE(removed, html.size() - out.size());
  }
  return out;
}

TEST(PrestripHtml, BlanksScriptKeepsTags) {
  EXPECT_EQ(Strip("<p>a</p><script src=x.js>var a = 1 < 2;</script><p>b</p>"),
            "<p>a</p><script ></script><p>b</p>");
  // The end tag is found in any case and with attributes or spaces.
  EXPECT_EQ(Strip("<SCRIPT>x()</ScRiPt >y"), "<SCRIPT></ScRiPt >y");
  // "</scripts>" is not the end tag.
  EXPECT_EQ(Strip("<script>a</scripts>b</script>c"), "<script></script>c");
}

TEST(PrestripHtml, KeepsJsonLd) {
  const std::string ld =
      "<script type=\"application/ld+json\">{\"articleBody\": \"<b>x</b>\"}"
      "</script>";
  EXPECT_EQ(Strip(ld), ld);
  EXPECT_EQ(Strip("<script TYPE='Application/LD+JSON'>{}</script>"),
            "<script TYPE='Application/LD+JSON'>{}</script>");
  // A type we cannot read without decoding references is kept too.
  EXPECT_EQ(Strip("<script type=\"application/ld&#43;json\">{}</script>"),
            "<script type=\"application/ld&#43;json\">{}</script>");
  // Other types go; only the first type attribute counts, as in HTML.
  EXPECT_EQ(Strip("<script type=module>import x</script>"),
            "<script type=module></script>");
  EXPECT_EQ(Strip("<script type=text/javascript type=application/ld+json>"
                  "{}</script>"),
            "<script type=text/javascript type=application/ld+json>"
            "</script>");
}

TEST(PrestripHtml, ScriptEscapedStates) {
  // Inside "<!--", "<script" makes the next "</script>" text.
  EXPECT_EQ(Strip("<script><!-- document.write('<script>x</script>'); -->"
                  "</script>after"),
            "<script></script>after");
  // Without "<!--" the first "</script>" ends it.
  EXPECT_EQ(Strip("<script>document.write('<script>x</script>');</script>"),
            "<script></script>');</script>");
  // "-->" ends the escape, so a later "</script>" ends the script.
  EXPECT_EQ(Strip("<script><!-- a --> '<script>' </script>b"),
            "<script></script>b");
  // "<!-->" opens and closes the escape at once.
  EXPECT_EQ(Strip("<script><!--><script></script>b"), "<script></script>b");
}

TEST(PrestripHtml, BlanksStyleSvgTemplate) {
  EXPECT_EQ(Strip("<style>p > a { color: red }</style><p>x</p>"),
            "<style></style><p>x</p>");
  EXPECT_EQ(Strip("<svg class=\"icon\"><path d=\"M0\"/><g><title>t"
                  "</title></g></svg>x"),
            "<svg class=\"icon\"></svg>x");
  // Nested SVG closes at the matching end tag.
  EXPECT_EQ(Strip("<svg><svg><g></svg><rect/></svg>x"), "<svg></svg>x");
  // Self-closing SVG has no contents.
  EXPECT_EQ(Strip("<svg/><p>x</p>"), "<svg/><p>x</p>");
  EXPECT_EQ(Strip("<template><div>a<template>b</template>c</div></template>d"),
            "<template></template>d");
}

TEST(PrestripHtml, LeavesSvgThatHtmlBreaksOutOf) {
  // <p> pops out of SVG: the text after it is in the body.
  const std::string breakout = "<svg><g><p>visible</p></g></svg>";
  EXPECT_EQ(Strip(breakout), breakout);
  // An end tag naming no open SVG element is handled by the HTML rules.
  const std::string stray = "<div><svg><g></div>after</svg>";
  EXPECT_EQ(Strip(stray), stray);
  // Start tags under <foreignObject> are HTML.
  const std::string foreign =
      "<svg><foreignObject><span>x</span></foreignObject></svg>";
  EXPECT_EQ(Strip(foreign), foreign);
  // A CDATA section may hold what looks like an end tag.
  EXPECT_EQ(Strip("<svg><style><![CDATA[ </svg> ]]></style></svg>x"),
            "<svg></svg>x");
}

TEST(PrestripHtml, BlanksComments) {
  EXPECT_EQ(Strip("a<!-- <script>x</script> -->b"), "a<!---->b");
  EXPECT_EQ(Strip("a<!-- x --!>b"), "a<!----!>b");
  // Abrupt comments are left as they are.
  EXPECT_EQ(Strip("a<!-->b<!--->c"), "a<!-->b<!--->c");
  // "--" alone does not end a comment.
  EXPECT_EQ(Strip("a<!-- x -- y -->b"), "a<!---->b");
  // Bogus comments and doctypes end at the first '>'.
  EXPECT_EQ(Strip("<!DOCTYPE html><![if !IE]><script>x</script>"),
            "<!DOCTYPE html><![if !IE]><script></script>");
}

// The strip once ended a comment at "<!--!>" (its "--" were those of the
// "<!--"), where Gumbo's comment states (and the guard's) go on: the markup
// in the rest of the comment was then read as tags, and the comment's text
// kept. One scanner (parse/scanner.h) now reads comments for both passes.
TEST(PrestripHtml, CommentStartDashesDoNotEndTheComment) {
  EXPECT_EQ(Strip("a<!--!><p class=x>b</p>-->c"), "a<!---->c");
  EXPECT_EQ(Strip("a<!---!><p>b</p>-->c"), "a<!---->c");
  // Unterminated: the comment runs to the end.
  EXPECT_EQ(Strip("a<!--!>b"), "a<!--");
}

TEST(PrestripHtml, AttributeValuesAreNotMarkup) {
  const std::string quoted =
      "<div class=\"<style>x</style>\" id='<!-- y -->'>z</div>";
  EXPECT_EQ(Strip(quoted), quoted);
  // A '>' inside a quoted value does not end the tag.
  const std::string gt = "<p class=\"x>y\" style='<script>'>z</p>";
  EXPECT_EQ(Strip(gt), gt);
  // Unquoted values end at a space or '>'.
  EXPECT_EQ(Strip("<p class=a<script>b</script>"),
            "<p class=a<script>b</script>");
}

TEST(PrestripHtml, RemovesUnreadAttributes) {
  // Name and value go; href keeps its name, which tells a link.
  EXPECT_EQ(Strip("<a href=\"/x?a=1>2\" class=\"Nav\" data-id='7'>t</a>"),
            "<a href=\"\" class=\"Nav\" >t</a>");
  EXPECT_EQ(Strip("<img SRC=\"a.jpg\" srcset=\"a 1x, b 2x\" alt=\"A\">"),
            "<img   >");
  // Unquoted values, missing values and attributes without one.
  EXPECT_EQ(Strip("<td colspan=2 class=c nowrap width=>x</td>"),
            "<td  class=c  >x</td>");
  EXPECT_EQ(Strip("<div data-x=\"1\"/>y"), "<div />y");
  // After a '/' only a quoted value goes: cutting the name could make "/>".
  EXPECT_EQ(Strip("<div/data-x=\"1\">y"), "<div/data-x=\"\">y");
  EXPECT_EQ(Strip("<div/data-x>y"), "<div/data-x>y");
  // Read values stay, in any case.
  const std::string kept =
      "<div ID=\"main\" Role=\"main\" aria-label=\"x\" itemprop=\"y\" "
      "style=\"display:none\" lang=\"de\" hidden=\"\"></div>"
      "<meta name=\"description\" property=\"og:title\" content=\"c\">"
      "<input type=\"hidden\">";
  EXPECT_EQ(Strip(kept), kept);
  // An unquoted href value stays: without it the next attribute would be
  // the value.
  EXPECT_EQ(Strip("<a href=/x class=y>t</a>"), "<a href=/x class=y>t</a>");
  // Formatting elements keep theirs: the parser compares them.
  const std::string font = "<font color=\"red\"><b title=\"t\">x</b></font>";
  EXPECT_EQ(Strip(font), font);
  // A tag cut off by the end of input is left whole.
  EXPECT_EQ(Strip("<a href=\"x\" title=\"y"), "<a href=\"x\" title=\"y");
  // Attributes of end tags stay; the parser ignores them.
  EXPECT_EQ(Strip("<p>x</p title=\"t\">"), "<p>x</p title=\"t\">");
}

TEST(PrestripHtml, CollapsesWhitespaceRunsOutsidePre) {
  EXPECT_EQ(Strip("<ul>\n    <li>a  \t b</li>\r\n  </ul>"),
            "<ul>\n<li>a b</li>\r</ul>");
  // Whitespace in tags and in RCDATA stays.
  const std::string title = "<title>a   b</title><p   class=x>c</p>";
  EXPECT_EQ(Strip(title), title);
  // Non-breaking and other Unicode spaces are text to the parser.
  EXPECT_EQ(Strip("a \xC2\xA0 b"), "a \xC2\xA0 b");
  // From the first <pre> on, whitespace is left alone.
  EXPECT_EQ(Strip("<p>a  b</p><pre>\n  x\n\n  y</pre><p>c  d</p>"),
            "<p>a b</p><pre>\n  x\n\n  y</pre><p>c  d</p>");
}

TEST(PrestripHtml, RawTextAndRcdataHideTags) {
  const std::string title = "<title>a <script>b</script></title>";
  EXPECT_EQ(Strip(title), title);
  const std::string textarea = "<textarea><!-- x --></textarea>";
  EXPECT_EQ(Strip(textarea), textarea);
  const std::string xmp = "<xmp><style>x</style></xmp>";
  EXPECT_EQ(Strip(xmp), xmp);
  // Style contents are raw text: no comment inside.
  EXPECT_EQ(Strip("<style><!-- </style>x-->"), "<style></style>x-->");
  const std::string plaintext = "<plaintext><script>x</script>";
  EXPECT_EQ(Strip(plaintext), plaintext);
}

TEST(PrestripHtml, UnclosedAtEndOfInput) {
  EXPECT_EQ(Strip("<p>a</p><script>var x = '</scr"), "<p>a</p><script>");
  EXPECT_EQ(Strip("<style>a{}"), "<style>");
  EXPECT_EQ(Strip("a<!-- never closed"), "a<!--");
  EXPECT_EQ(Strip("<svg><g><path>"), "<svg>");
  // A tag cut off by the end of input is dropped by the tokenizer; the
  // bytes stay.
  EXPECT_EQ(Strip("<p>a<script src=\"x"), "<p>a<script src=\"x");
}

TEST(PrestripHtml, NoscriptOnlyWhenNothingMoves) {
  // In the body, images stay inside the noscript; text is kept, as the
  // segment stage may read it (NoscriptTextKeptInBody).
  EXPECT_EQ(Strip("<body><p>a<noscript><img src=x></noscript>b</p>"),
            "<body><p>a<noscript></noscript>b</p>");
  const std::string body_text =
      "<body><p>a<noscript><img>Enable JS</noscript>b</p>";
  EXPECT_EQ(Strip(body_text), body_text);
  // A <div> would close the open <p>: leave it.
  const std::string div = "<body><p>a<noscript><div>x</div></noscript>b</p>";
  EXPECT_EQ(Strip(div), div);
  // In the head, styles stay inside; text would begin the body.
  EXPECT_EQ(Strip("<head><noscript><style>x</style></noscript></head>"),
            "<head><noscript></noscript></head>");
  const std::string head_text = "<head><noscript>Enable JS</noscript></head>";
  EXPECT_EQ(Strip(head_text), head_text);
  // A script inside a noscript that stays is still blanked.
  EXPECT_EQ(Strip("<head><noscript>t<script>x</script></noscript>"),
            "<head><noscript>t<script></script></noscript>");
}

TEST(PrestripHtml, PlainTextUntouched) {
  EXPECT_EQ(Strip(""), "");
  EXPECT_EQ(Strip("a < b and c > d"), "a < b and c > d");
  EXPECT_EQ(Strip("<"), "<");
  EXPECT_EQ(Strip("</"), "</");
  EXPECT_EQ(Strip("x</>y"), "x</>y");
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// "<noscript><div>notice</noscript>" kept the noscript open (the parser
// ignores </noscript> while a <div> inside is open) and the page after it
// became the noscript's, which the segment stage skips.
TEST(PrestripNoscriptTest, ElementsLeftOpenAreClosedBeforeEndTag) {
  EXPECT_EQ(Strip("<body><noscript><div class=n><P>Enable <b>JS</noscript>"
                  "<p>Article</p>"),
            "<body><noscript><div class=n><P>Enable <b>JS</b></P></div>"
            "</noscript><p>Article</p>");
  // Closed elements, void ones and self-closed ones need nothing.
  const std::string closed =
      "<body><noscript><div><img><br>Text<span/></div></noscript><p>x</p>";
  EXPECT_EQ(Strip(closed), closed);
  // Nor does a noscript whose contents go, or one the input ends in.
  EXPECT_EQ(Strip("<body><noscript><span><img></noscript>x"),
            "<body><noscript></noscript>x");
  const std::string open_end = "<body><noscript><div>x";
  EXPECT_EQ(Strip(open_end), open_end);
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// KeepsValue compares words of lower-cased bytes: it answers as a
// comparison ignoring ASCII case would, for the kept names in three cases,
// and for names one byte off (a letter's case bit on a non-letter, '-'
// against a CR, a longer or shorter name).
TEST(KeepsValueTest, AnswersAsACaseInsensitiveComparison) {
  const std::vector<std::string> kept = {
      "id",      "rel",      "role",     "lang",     "type",    "name",
      "class",   "style",    "hidden",   "prompt",   "action",  "content",
      "charset", "pubdate",  "itemprop", "property", "encoding", "datetime",
      "aria-label", "http-equiv"};
  auto reference = [&](const std::string& name) {
    for (const std::string& k : kept) {
      if (k.size() != name.size()) continue;
      size_t i = 0;
      while (i < k.size() && std::tolower(static_cast<unsigned char>(
                                 name[i])) == k[i]) {
        ++i;
      }
      if (i == k.size()) return true;
    }
    return false;
  };
  std::vector<std::string> names = {"", "x", "href", "title", "data-x"};
  for (const std::string& k : kept) {
    std::string upper = k;
    for (char& c : upper) c = static_cast<char>(std::toupper(c));
    names.push_back(k);
    names.push_back(upper);
    names.push_back(k + "s");
    names.push_back(k.substr(1));
    for (size_t i = 0; i < k.size(); ++i) {
      std::string off = k;
      off[i] = static_cast<char>(off[i] ^ 0x20);  // case, or '-' to CR
      names.push_back(off);
      off[i] = static_cast<char>(k[i] + 1);
      names.push_back(off);
      off[i] = static_cast<char>(k[i] & ~0x60);  // a control byte
      names.push_back(off);
    }
  }
  int yes = 0;
  for (const std::string& name : names) {
    EXPECT_EQ(prestrip::KeepsValue(name), reference(name)) << name;
    yes += reference(name);
  }
  EXPECT_GE(yes, 3 * static_cast<int>(kept.size()));
}

}  // namespace
}  // namespace winnow
