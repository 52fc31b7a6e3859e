// Copyright winnow authors. Licensed under the MIT licence.
//
// Prose by shape (prose_shape.h), through the whole classifier: link-dense
// prose (issue 14, failure mode 5) and short lines of the body (mode 6).

#include "classify/prose_shape.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "classify/classify.h"
#include "lang/lang.h"
#include "segment/testing.h"

namespace winnow {
namespace {

constexpr char kFlood[] =
    "<p>The river rose through the night, and by morning the water had "
    "reached the doors of the houses on the lower street. People carried "
    "what they could to the church on the hill.</p>";
constexpr char kCouncil[] =
    "<p>It was the third flood in ten years, and the council says that it "
    "will now build the wall that was planned in the spring, although nobody "
    "in the town believes that the money for it has been found.</p>";
constexpr char kMenu[] =
    "<ul><li><a href=/>Home</a></li><li><a href=/news>News</a></li>"
    "<li><a href=/sport>Sport</a></li></ul>";

// Each block's text with its label and reason, from a page classified with
// no rules (the mechanisms under test need none).
struct Labelled {
  std::string text, label, reason;
  std::vector<std::string> terms;
};

std::vector<Labelled> LabelBlocks(const std::string& body) {
  std::vector<Rule> rules;
  std::vector<RuleDiagnostic> diags;
  EXPECT_TRUE(ParseRules("", "empty.rules", &rules, &diags));
  std::unique_ptr<RuleSet> set;
  EXPECT_TRUE(RuleSet::Build(std::move(rules), &set).ok());
  Options options;
  options.explain = true;
  Page page = SegmentForTest("<html><body>" + body + "</body></html>", options);
  AnnotateLanguage(&page);
  std::vector<Decision> decisions;
  EXPECT_TRUE(Classify(page, *set, DefaultModel(), options, "", nullptr,
                       &decisions));
  std::vector<Labelled> out;
  for (size_t i = 0; i < decisions.size(); ++i) {
    Labelled l{page.blocks[i].text,
               decisions[i].label == Label::kBody ? "body" : "chrome",
               decisions[i].reason, {}};
    for (const Term& t : decisions[i].terms) l.terms.push_back(t.name);
    out.push_back(l);
  }
  return out;
}

const Labelled& Find(const std::vector<Labelled>& blocks,
                     const std::string& prefix) {
  for (const Labelled& b : blocks) {
    if (b.text.compare(0, prefix.size(), prefix) == 0) return b;
  }
  static const Labelled kMissing{"", "missing", "", {}};
  ADD_FAILURE() << "no block starts with " << prefix;
  return kMissing;
}

// ---- Failure mode 5: link-dense prose --------------------------------------

// Over half of its characters are in links, but the links sit inside
// sentences: it used to be cut as "link-dense or no prose".
TEST(LinkedProse, ParagraphWithLinksInsideItsSentencesIsBody) {
  const auto blocks = LabelBlocks(
      std::string(kMenu) + "<div><div>" + kFlood +
      "<p>The idea came from <a href=/a>the retired schoolteacher Anna Berg "
      "of the old quarter</a>, who asked her neighbours on <a href=/b>Mill "
      "Lane, Cooper Street and Tanners Row</a> whether they would help. The "
      "<a href=/c>local garden society and its young members</a> printed a "
      "map, the <a href=/d>tourist office on the market square</a> sells "
      "tickets, and the <a href=/e>parish of St Anne by the river</a> lends "
      "chairs. All of the money goes to <a href=/f>the children's hospice on "
      "the hill</a>.</p>" +
      kCouncil + "</div></div>");
  const Labelled& linked = Find(blocks, "The idea came");
  EXPECT_EQ(linked.label, "body");
  EXPECT_EQ(linked.reason, std::string("prose"));
  EXPECT_EQ(linked.terms.front(), "linked_prose");
  EXPECT_EQ(Find(blocks, "Home").label, "chrome");
  EXPECT_EQ(Find(blocks, "Sport").label, "chrome");
}

// Many words of link titles in one block, with separators but no sentences
// and no text between the links: navigation, as before.
TEST(LinkedProse, LinkTitlesInOneBlockStayChrome) {
  const auto blocks = LabelBlocks(
      std::string("<div><div>") + kFlood + kCouncil +
      "</div></div><div class=more><a href=/1>Flood defences for the lower "
      "street are planned again</a> | <a href=/2>The council and the money "
      "for the wall in the valley</a> | <a href=/3>Volunteers at the church "
      "on the hill over the night</a> | <a href=/4>Third flood in ten years "
      "for the people of the town</a> | <a href=/5>What the river did to the "
      "houses and the farms</a></div>");
  const Labelled& titles = Find(blocks, "Flood defences");
  EXPECT_EQ(titles.label, "chrome");
  EXPECT_EQ(titles.reason, std::string("link-dense or no prose"));
}

// ---- Failure mode 6: short lines of the body --------------------------------

// A one-sentence paragraph right after an ad inside the article: its
// neighbours are an ad and prose, so it used to go as "short beside chrome".
TEST(BodyLines, OneSentenceParagraphAfterAnAdIsBody) {
  const auto blocks = LabelBlocks(
      std::string(kMenu) + "<div><div>" + kFlood +
      "<div><a href=//ads.example/x>Advertisement</a></div>"
      "<p>Nobody was hurt.</p>" +
      kCouncil + "</div></div>");
  const Labelled& line = Find(blocks, "Nobody was hurt.");
  EXPECT_EQ(line.label, "body");
  EXPECT_EQ(line.reason, std::string("context: line among body siblings"));
  EXPECT_EQ(Find(blocks, "Advertisement").label, "chrome");
}

// The article's greeting and sign-off stay; a closing question and a
// lead-in to a link list, though they are <p>s of the article too, go.
TEST(BodyLines, GreetingAndSignOffStayQuestionAndLeadInGo) {
  const auto blocks = LabelBlocks(
      std::string(kMenu) + "<div><div><p>Dear readers,</p>" + kFlood +
      kCouncil +
      "<p>Thanks for reading.</p><p>\xE2\x80\x94 Mara</p>"
      "<div><a href=/s>Share</a> <a href=/m>Mail</a></div>"
      "<p>Did you like this article?</p><p>More on this:</p>"
      "<ul><li><a href=/1>The wall</a></li><li><a href=/2>The river"
      "</a></li></ul></div></div>");
  EXPECT_EQ(Find(blocks, "Dear readers,").reason,
            std::string("context: lead before body siblings"));
  EXPECT_EQ(Find(blocks, "Dear readers,").label, "body");
  EXPECT_EQ(Find(blocks, "Thanks for reading.").reason,
            std::string("context: sign-off after body siblings"));
  EXPECT_EQ(Find(blocks, "Thanks for reading.").label, "body");
  EXPECT_EQ(Find(blocks, "\xE2\x80\x94 Mara").label, "body");
  EXPECT_EQ(Find(blocks, "Did you like").label, "chrome");
  EXPECT_EQ(Find(blocks, "More on this:").label, "chrome");
}

// After the article, a source credit in capitals and a date line are not
// sign-offs; neither are short lines with no body siblings of their kind.
TEST(BodyLines, CreditDateAndLinesElsewhereStayChrome) {
  const auto blocks = LabelBlocks(
      std::string("<div><div>") + kFlood + kCouncil +
      "<p>NEWS/AGENCY</p><p>12 March 2024</p><div><a href=/s>Share</a>"
      "</div></div><div class=aside><p>Sign up now.</p><p>Follow us on "
      "the radio.</p></div></div>");
  EXPECT_EQ(Find(blocks, "NEWS/AGENCY").label, "chrome");
  EXPECT_EQ(Find(blocks, "12 March").label, "chrome");
  EXPECT_EQ(Find(blocks, "Sign up now.").label, "chrome");
  EXPECT_EQ(Find(blocks, "Follow us").label, "chrome");
}

}  // namespace
}  // namespace winnow
