// Copyright winnow authors. Licensed under the MIT licence.

#include "classify/teasers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "segment/testing.h"

namespace winnow {
namespace {

constexpr char kStory[] =
    "<p>The ferry will run twice a day from May, and the council says that "
    "the old timetable, which the islanders liked, will not come back.</p>";

// A card: a linked heading, a short summary and a "read more" link.
std::string Card(const std::string& tag, const std::string& title,
                 const std::string& summary = "A short summary of the story.") {
  return "<" + tag + " class=post><h3><a href=/x>" + title + "</a></h3><p>" +
         summary + "</p><a href=/x>Read more</a></" + tag + ">";
}

// The texts of the blocks FindTeaserCards marks.
std::vector<std::string> Marked(const std::string& body) {
  Page page = SegmentForTest("<html><body>" + body + "</body></html>");
  std::vector<char> in_teaser;
  FindTeaserCards(page, DefaultModel(), &in_teaser);
  EXPECT_EQ(in_teaser.size(), page.blocks.size());
  std::vector<std::string> out;
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    if (in_teaser[b]) out.push_back(page.blocks[b].text);
  }
  return out;
}

TEST(TeaserCards, ARunOfThreeCardsIsMarkedTheArticleIsNot) {
  const std::vector<std::string> marked =
      Marked(std::string("<article><h1>Ferry</h1>") + kStory + kStory +
             "</article><section><h2>More stories</h2>" +
             Card("article", "One") + Card("article", "Two") +
             Card("article", "Three") + "</section>");
  EXPECT_EQ(marked, (std::vector<std::string>{
                        "One", "A short summary of the story.", "Read more",
                        "Two", "A short summary of the story.", "Read more",
                        "Three", "A short summary of the story.",
                        "Read more"}));
}

TEST(TeaserCards, TwoCardsAreNoList) {
  EXPECT_TRUE(Marked("<ul>" + Card("li", "One") + Card("li", "Two") + "</ul>")
                  .empty());
}

// A listicle's sections: headings that are not links are no teaser titles.
TEST(TeaserCards, SectionsUnderPlainHeadingsAreNoCards) {
  std::string body = "<article>";
  for (const char* title : {"One", "Two", "Three", "Four"}) {
    body += std::string("<section><h3>") + title + "</h3>" + kStory +
            "</section>";
  }
  EXPECT_TRUE(Marked(body + "</article>").empty());
}

TEST(TeaserCards, ALongTextUnderTheHeadingIsNoSummary) {
  std::string long_text;
  for (int i = 0; i < 8; ++i) {  // over teaser_max_chars
    long_text += "The harbour wall will be closed for repairs until March. ";
  }
  EXPECT_TRUE(Marked("<div>" + Card("div", "One", long_text) +
                     Card("div", "Two", long_text) +
                     Card("div", "Three", long_text) + "</div>")
                  .empty());
}

// A sibling of the same tag that is not a card ends a run; an element of
// another tag between the cards (an advertisement) does not.
TEST(TeaserCards, OnlySiblingsOfTheCardsTagEndARun) {
  EXPECT_TRUE(Marked("<ul>" + Card("li", "One") + Card("li", "Two") +
                     "<li>Advertisement: the best boots of the year</li>" +
                     Card("li", "Three") + Card("li", "Four") + "</ul>")
                  .empty());
  EXPECT_EQ(Marked("<div>" + Card("article", "One") +
                   "<div>Advertisement: the best boots of the year</div>" +
                   Card("article", "Two") + Card("article", "Three") +
                   "</div>")
                .size(),
            9u);
}

}  // namespace
}  // namespace winnow
