// Copyright winnow authors. Licensed under the MIT licence.

#include "render/render.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "segment/testing.h"

namespace winnow {
namespace {

Page Segment(const std::string& html) { return SegmentForTest(html); }

// Decisions labelling the blocks: 'b' body, anything else chrome.
std::vector<Decision> Labels(const std::string& labels) {
  std::vector<Decision> out(labels.size());
  for (size_t i = 0; i < labels.size(); ++i)
    out[i].label = labels[i] == 'b' ? Label::kBody : Label::kChrome;
  return out;
}

std::string RenderAs(const Page& page, const std::string& labels,
                     TextFormat format) {
  Options options;
  options.format = format;
  std::string out;
  Render(page, Labels(labels), options, &out);
  return out;
}

constexpr char kPage[] =
    "<h2>Title</h2><p>One<br>two</p><ul><li>item</li></ul>"
    "<blockquote><p>quoted</p></blockquote><pre>code()</pre>"
    "<nav><p>menu</p></nav>";

TEST(Render, PlainWritesBodyBlocksOnePerLine) {
  const Page page = Segment(kPage);
  ASSERT_EQ(page.blocks.size(), 6u);
  EXPECT_EQ(RenderAs(page, "bbbbbc", TextFormat::kPlain),
            "Title\nOne\ntwo\nitem\nquoted\ncode()\n");
  EXPECT_EQ(RenderAs(page, "cbcccc", TextFormat::kPlain), "One\ntwo\n");
}

TEST(Render, NothingKeptIsEmpty) {
  const Page page = Segment(kPage);
  EXPECT_EQ(RenderAs(page, "cccccc", TextFormat::kPlain), "");
  EXPECT_EQ(RenderAs(page, "cccccc", TextFormat::kMarkdown), "");
}

TEST(Render, MarkdownMarksUpHeadingsListsQuotesAndCode) {
  const Page page = Segment(kPage);
  EXPECT_EQ(RenderAs(page, "bbbbbc", TextFormat::kMarkdown),
            "## Title\n\nOne\ntwo\n\n- item\n\n> quoted\n\n```\ncode()\n```\n");
}

TEST(Render, MarkdownTableGetsAHeaderRule) {
  const Page page = Segment(
      "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr>"
      "</table><p>after</p>");
  ASSERT_EQ(page.blocks.size(), 5u);
  EXPECT_EQ(RenderAs(page, "bbbbb", TextFormat::kMarkdown),
            "| a | b |\n| --- | --- |\n| 1 | 2 |\n\nafter\n");
}

}  // namespace
}  // namespace winnow
