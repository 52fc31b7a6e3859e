// Copyright winnow authors. Licensed under the MIT licence.
//
// The features of block text (ComputeTextFeatures) and the whitespace
// folding of TextBuffer, against byte-by-byte versions of themselves.

#include "segment/block_text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "segment/segment.h"

namespace winnow {
namespace {

TEST(ComputeTextFeatures, CountsCjkMarks) {
  Block b;
  // 日本、東京。はい！ いいえ？ ａ，ｂ : 、 and ， are commas; 。 ！ ？ end
  // sentences.
  b.text =
      "\xE6\x97\xA5\xE6\x9C\xAC\xE3\x80\x81\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x80"
      "\x82\xE3\x81\xAF\xE3\x81\x84\xEF\xBC\x81 \xE3\x81\x84\xE3\x81\x84\xE3"
      "\x81\x88\xEF\xBC\x9F \xEF\xBD\x81\xEF\xBC\x8C\xEF\xBD\x82";
  b.link_chars = 100;
  ComputeTextFeatures(&b);
  EXPECT_EQ(b.chars, 18);
  EXPECT_EQ(b.sentence_ends, 3);
  EXPECT_EQ(b.commas, 2);
  EXPECT_EQ(b.link_chars, 18);  // never more than the characters
  EXPECT_TRUE(b.in_link_only);
}

TEST(ComputeTextFeatures, EndsOnlyBeforeASpaceQuoteParenOrTheEnd) {
  Block b;
  b.text = "3.14 a.b end. \"q.\" (p.) x!\ny? z.";
  ComputeTextFeatures(&b);
  EXPECT_EQ(b.sentence_ends, 6);
  EXPECT_EQ(b.commas, 0);
  EXPECT_FALSE(b.in_link_only);
}

// A CJK lead byte cut off at the end of the text counts nothing.
TEST(ComputeTextFeatures, CutSequenceAtTheEnd) {
  Block b;
  b.text = "a\xE3\x80";
  ComputeTextFeatures(&b);
  EXPECT_EQ(b.chars, 2);
  EXPECT_EQ(b.sentence_ends, 0);
  EXPECT_EQ(b.commas, 0);
}

// Eight bytes without a mark are passed over at once: a mark must count
// wherever it falls among the eight (and in the tail after them).
TEST(ComputeTextFeatures, MarksCountAtEveryOffset) {
  for (size_t shift = 0; shift < 17; ++shift) {
    Block b;
    b.text = std::string(shift, 'x') + "a, b! c" + std::string(9, 'z') +
             "\xE3\x80\x82\xEF\xBC\x8C" + std::string(shift, 'y') + "?";
    ComputeTextFeatures(&b);
    EXPECT_EQ(b.sentence_ends, 3) << "shift " << shift;
    EXPECT_EQ(b.commas, 2) << "shift " << shift;
  }
}

void Add(TextBuffer* buffer, std::string_view text, bool in_link) {
  buffer->Append(text.data(), text.size(), in_link, false);
}

TEST(TextBuffer, FoldsSpacesAndCountsLinkCharacters) {
  TextBuffer buffer;
  Add(&buffer, " a\xC2\xA0\xE2\x80\x83 b\t", false);
  Add(&buffer, "  li\xC3\xA9n k ", true);
  Add(&buffer, "\xE3\x80\x80" "c\xE2\x80\x94" "d", false);
  Block b;
  ASSERT_TRUE(buffer.Take(&b));
  EXPECT_EQ(b.text, "a b li\xC3\xA9n k c\xE2\x80\x94" "d");
  // "li\xC3\xA9n k": the space before it began outside the link, the one
  // after it is written only when text outside the link follows.
  EXPECT_EQ(b.link_chars, 6);
  EXPECT_TRUE(buffer.empty());
}

// A space that begins inside a link is link text when the link goes on.
TEST(TextBuffer, SpaceInsideALinkIsLinkText) {
  TextBuffer buffer;
  Add(&buffer, "x", false);
  Add(&buffer, " y z", true);
  Block b;
  ASSERT_TRUE(buffer.Take(&b));
  EXPECT_EQ(b.text, "x y z");
  EXPECT_EQ(b.link_chars, 4);
}

// A run of one-byte spaces is passed over at once: mixed with wider
// spaces, in a link or after a line break, it still folds as each space
// one at a time would.
TEST(TextBuffer, RunsOfSpacesFoldAsSingleSpaces) {
  TextBuffer buffer;
  Add(&buffer, "a \n\t \x1c\xC2\xA0\r\n  \xE2\x80\x83\x1f b", false);
  Add(&buffer, "   \t\t", true);
  Add(&buffer, "c", true);
  buffer.Break();
  Add(&buffer, " \n  \t d  ", false);
  Block b;
  ASSERT_TRUE(buffer.Take(&b));
  EXPECT_EQ(b.text, "a b c\nd");
  // The space before "c" began inside the link: link text with it.
  EXPECT_EQ(b.link_chars, 2);
}

}  // namespace
}  // namespace winnow
