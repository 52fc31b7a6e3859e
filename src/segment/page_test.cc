// Copyright winnow authors. Licensed under the MIT licence.
//
// The page's own storage: PageStrings and Page::Clear / VectorBytes.

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "segment/page.h"
#include "segment/page_strings.h"
#include "segment/segment.h"
#include "segment/testing.h"

namespace winnow {
namespace {

TEST(PageStrings, LowerCasesAsciiLettersOnly) {
  PageStrings strings;
  // "É" is C3 89: its bytes stay as they are.
  EXPECT_EQ(strings.AddLowerAscii("Entry-Content \xC3\x89T\xC3\x89 Z9_"),
            "entry-content \xC3\x89t\xC3\x89 z9_");
}

// Eight bytes are lower-cased at a time: every byte value, at every
// offset within the eight and in the tail, must come out as AsciiLower
// makes it (the edges 'A' - 1, 'Z' + 1 and the bytes >= 0x80 included).
TEST(PageStrings, EveryByteLowerCasedAsAsciiLowerAtEveryOffset) {
  PageStrings strings;
  for (size_t shift = 0; shift < 9; ++shift) {
    std::string in(shift, 'Q');
    for (int c = 1; c < 256; ++c) in.push_back(static_cast<char>(c));
    std::string want = in;
    for (char& c : want) c = (c >= 'A' && c <= 'Z') ? c + 32 : c;
    EXPECT_EQ(strings.AddLowerAscii(in), want) << "shift " << shift;
  }
}

// Short strings go a byte at a time, longer ones end with an overlapping
// step of eight: every length up to three steps comes out whole.
TEST(PageStrings, EveryLengthLowerCasedWhole) {
  PageStrings strings;
  const std::string upper = "ABCDEFGHIJKLMNOPQRSTUVWX\xC3\x89Y";
  const std::string lower = "abcdefghijklmnopqrstuvwx\xC3\x89y";
  for (size_t n = 1; n <= upper.size(); ++n) {
    EXPECT_EQ(strings.AddLowerAscii(upper.substr(0, n)), lower.substr(0, n))
        << "length " << n;
  }
}

TEST(PageStrings, EmptyStringTakesNoMemory) {
  PageStrings strings;
  EXPECT_EQ(strings.AddLowerAscii(""), "");
  EXPECT_EQ(strings.bytes(), 0u);
  EXPECT_EQ(strings.AddLowerAscii("a"), "a");
  EXPECT_EQ(strings.bytes(), PageStrings::kChunkSize);
}

TEST(PageStrings, ViewsStayValidAcrossChunksAndMoves) {
  PageStrings strings;
  std::vector<std::string_view> views;
  std::vector<std::string> want;
  // Enough for several chunks, and some strings too long for a chunk.
  for (int i = 0; i < 5000; ++i) {
    std::string s = "Class-" + std::to_string(i);
    if (i % 1000 == 7) s.append(PageStrings::kLongest, 'X');
    views.push_back(strings.AddLowerAscii(s));
    for (char& c : s) c = (c >= 'A' && c <= 'Z') ? c + 32 : c;
    want.push_back(s);
  }
  PageStrings moved = std::move(strings);
  moved.AddLowerAscii("one more");
  for (size_t i = 0; i < views.size(); ++i) EXPECT_EQ(views[i], want[i]);
}

TEST(PageStrings, BytesCountChunksAndLongStrings) {
  PageStrings strings;
  strings.AddLowerAscii(std::string(PageStrings::kLongest, 'a'));
  EXPECT_EQ(strings.bytes(), PageStrings::kChunkSize);
  strings.AddLowerAscii(std::string(PageStrings::kLongest + 1, 'b'));
  EXPECT_EQ(strings.bytes(),
            PageStrings::kChunkSize + PageStrings::kLongest + 1);
  // Seven more of kLongest fill the first chunk exactly; the next opens
  // a second.
  for (int i = 0; i < 7; ++i) {
    strings.AddLowerAscii(std::string(PageStrings::kLongest, 'c'));
  }
  EXPECT_EQ(strings.bytes(),
            PageStrings::kChunkSize + PageStrings::kLongest + 1);
  strings.AddLowerAscii("d");
  EXPECT_EQ(strings.bytes(),
            2 * PageStrings::kChunkSize + PageStrings::kLongest + 1);
}

// A reused pool counts a page's strings as a new pool does: the page's
// budget must not depend on the pages before it.
TEST(PageStrings, ClearedPoolCountsAsANewOne) {
  auto fill = [](PageStrings* s, int n) {
    for (int i = 0; i < n; ++i) s->AddLowerAscii("item-" + std::to_string(i));
  };
  PageStrings fresh;
  fill(&fresh, 300);
  PageStrings reused;
  fill(&reused, 100000);  // more chunks than Clear keeps
  reused.Clear();
  EXPECT_EQ(reused.bytes(), 0u);
  fill(&reused, 300);
  EXPECT_EQ(reused.bytes(), fresh.bytes());
}

TEST(Page, ClearEmptiesEveryFieldAndKeepsCapacity) {
  Page page = SegmentForTest(
      "<html lang=EN><head><title>T</title>"
      "<meta name=description content=D></head>"
      "<body><div class=A id=B><p>text</p></div></body></html>");
  page.lang = "en";
  ASSERT_FALSE(page.nodes.empty());
  ASSERT_FALSE(page.blocks.empty());
  const size_t node_capacity = page.nodes.capacity();
  const size_t block_capacity = page.blocks.capacity();
  page.Clear();
  EXPECT_TRUE(page.nodes.empty());
  EXPECT_TRUE(page.blocks.empty());
  EXPECT_EQ(page.nodes.capacity(), node_capacity);
  EXPECT_EQ(page.blocks.capacity(), block_capacity);
  EXPECT_EQ(page.strings.bytes(), 0u);
  EXPECT_EQ(page.title, "");
  EXPECT_EQ(page.lang_attr, "");
  EXPECT_EQ(page.meta_description, "");
  EXPECT_EQ(page.lang, "");
  EXPECT_TRUE(page.meta.values.empty());
  EXPECT_FALSE(page.is_text);
}

TEST(Page, VectorBytesCountsAsVectorsGrownFromEmpty) {
  Page page;
  EXPECT_EQ(page.VectorBytes(), 0u);
  page.nodes.reserve(1000);
  page.blocks.reserve(1000);
  page.nodes.resize(3);
  page.blocks.resize(5);
  EXPECT_EQ(page.VectorBytes(), 4 * sizeof(Node) + 8 * sizeof(Block));
  page.nodes.resize(1024);
  page.blocks.resize(1);
  EXPECT_EQ(page.VectorBytes(), 1024 * sizeof(Node) + 1 * sizeof(Block));
}

// A page segmented into a cleared page that held a bigger one has the
// nodes, views and blocks of one segmented into a new page.
TEST(Page, SegmentingIntoAClearedPageMatchesANewPage) {
  const std::string small =
      "<html><body><nav class='Menu Top' role=Navigation aria-label=Main>"
      "<a href=/>Home</a></nav><my-Widget ItemProp=Body>"
      "<p id=First>One.</p></my-Widget></body></html>";
  std::string big = "<html><body>";
  for (int i = 0; i < 3000; ++i) {
    big += "<div class='card-" + std::to_string(i) + "'><p>x</p></div>";
  }
  const Page want = SegmentForTest(small);
  Page page = SegmentForTest(big);
  page.Clear();
  {
    Arena arena;
    std::string buffer;
    ParsedHtml doc;
    ASSERT_TRUE(ParseHtml(small, Options(), &arena, &buffer, &doc).ok());
    ASSERT_TRUE(SegmentHtml(doc, Options(), &page));
  }
  ASSERT_EQ(page.nodes.size(), want.nodes.size());
  for (size_t i = 0; i < want.nodes.size(); ++i) {
    const Node& a = page.nodes[i];
    const Node& b = want.nodes[i];
    EXPECT_EQ(a.parent, b.parent);
    EXPECT_EQ(a.tag_name, b.tag_name);
    EXPECT_EQ(a.class_attr, b.class_attr);
    EXPECT_EQ(a.id_attr, b.id_attr);
    EXPECT_EQ(a.role_attr, b.role_attr);
    EXPECT_EQ(a.aria_attr, b.aria_attr);
    EXPECT_EQ(a.itemprop_attr, b.itemprop_attr);
    EXPECT_EQ(a.first_block, b.first_block);
    EXPECT_EQ(a.end_block, b.end_block);
  }
  EXPECT_EQ(page.nodes.back().tag_name, "p");
  EXPECT_EQ(page.nodes.back().id_attr, "first");
  EXPECT_EQ(page.nodes[page.nodes.size() - 2].tag_name, "my-widget");
  EXPECT_EQ(page.nodes[page.nodes.size() - 2].itemprop_attr, "body");
  ASSERT_EQ(page.blocks.size(), want.blocks.size());
  for (size_t i = 0; i < want.blocks.size(); ++i) {
    EXPECT_EQ(page.blocks[i].text, want.blocks[i].text);
  }
  EXPECT_EQ(page.strings.bytes(), want.strings.bytes());
  EXPECT_EQ(page.VectorBytes(), want.VectorBytes());
}

}  // namespace
}  // namespace winnow
