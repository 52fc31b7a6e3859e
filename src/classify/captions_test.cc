// Copyright winnow authors. Licensed under the MIT licence.
//
// Pass 3b (captions.cc): captions and credits are decided by structure.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "classify/classify.h"
#include "classify/model.h"
#include "lang/lang.h"
#include "segment/segment.h"
#include "segment/testing.h"

namespace winnow {
namespace {

// Two paragraphs of an article, and a caption that reads like prose: long,
// with stop words and commas.
constexpr char kProse1[] =
    "The orchard lost most of its blossom in a single night of frost, and "
    "the growers who had lit fires between the rows saved only a few of "
    "their trees. They expect less than half of the usual harvest this year.";
constexpr char kProse2[] =
    "Insurance pays for hail but not for frost, which is insured on its own "
    "and at a price that the small farms in the valley say they cannot "
    "afford, so most of them will carry the loss themselves.";
constexpr char kCaption[] =
    "Pickers carry the last crates of stored apples out of the cold store, "
    "where they had been kept since the harvest of the previous autumn";

// The rules these tests need: a figcaption tag rule, a caption class rule,
// an image credit text rule and a generous article container bonus.
constexpr char kRules[] =
    "t.figcaption  tag   caption  figcaption\n"
    "t.caption     attr  caption  wp-caption-text\n"
    "t.article     attr  +4       article-body\n"
    "@flags i\n"
    "t.credit      text  caption  ^\\((?:image|bild)\\s*:\\s*[^()]+\\)$\n";

std::unique_ptr<RuleSet> TestRules() {
  std::vector<Rule> rules;
  std::vector<RuleDiagnostic> diags;
  EXPECT_TRUE(ParseRules(kRules, "test.rules", &rules, &diags));
  std::unique_ptr<RuleSet> set;
  EXPECT_TRUE(RuleSet::Build(std::move(rules), &set).ok());
  return set;
}

struct Result {
  Page page;
  std::vector<Decision> decisions;
  // The label and reason of the block whose text starts with `prefix`.
  std::string Of(const std::string& prefix) const {
    for (size_t i = 0; i < page.blocks.size(); ++i) {
      if (page.blocks[i].text.compare(0, prefix.size(), prefix) != 0) continue;
      const Decision& d = decisions[i];
      return std::string(d.label == Label::kBody ? "body" : "chrome") + " (" +
             d.reason + ")";
    }
    return "missing";
  }
};

Result Run(Page page) {
  auto rules = TestRules();
  Result r;
  r.page = std::move(page);
  AnnotateLanguage(&r.page);
  EXPECT_TRUE(Classify(r.page, *rules, DefaultModel(), Options(), "", nullptr,
                       &r.decisions));
  return r;
}

Result RunHtml(const std::string& body) {
  return Run(SegmentForTest("<html><body>" + body + "</body></html>",
                            Options()));
}

Result RunText(const std::string& text) {
  Page page;
  SegmentText(text, &page);
  return Run(std::move(page));
}

TEST(Captions, CaptionActionParses) {
  std::vector<Rule> rules;
  std::vector<RuleDiagnostic> diags;
  ASSERT_TRUE(ParseRules("x.y  attr  caption  photo-caption\n", "f.rules",
                         &rules, &diags));
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].action, Action::kCaption);
}

TEST(Captions, FigcaptionInsideArticleBonusIsChrome) {
  const Result r = RunHtml(std::string("<div class=article-body><p>") +
                           kProse1 + "</p><figure><img src=a.jpg><figcaption>" +
                           kCaption + "</figcaption></figure><p>" + kProse2 +
                           "</p></div>");
  EXPECT_EQ(r.Of(kCaption), "chrome (caption)");
  EXPECT_EQ(r.Of("The orchard"), "body (prose)");
  EXPECT_EQ(r.Of("Insurance pays"), "body (prose)");
}

TEST(Captions, CaptionClassInsideArticleBonusIsChrome) {
  const Result r = RunHtml(
      std::string("<div class=article-body><p>") + kProse1 +
      "</p><div class=wp-caption><img src=a.jpg><p class=wp-caption-text>" +
      kCaption + "</p></div><p>" + kProse2 + "</p></div>");
  EXPECT_EQ(r.Of(kCaption), "chrome (caption)");
}

TEST(Captions, ShortLineBesideImageInFigureIsChrome) {
  const Result r = RunHtml(std::string("<div class=article-body><p>") +
                           kProse1 +
                           "</p><figure><a href=/big.jpg><img src=a.jpg></a>"
                           "<p>The lower street in 1962</p></figure><p>" +
                           kProse2 + "</p></div>");
  EXPECT_EQ(r.Of("The lower street"), "chrome (caption: beside an image)");
}

TEST(Captions, FigureWithHeadingIsNoCaption) {
  // A teaser or header card: image, headline, standfirst.
  const Result r = RunHtml(std::string("<div class=article-body><p>") +
                           kProse1 +
                           "</p><figure><img src=a.jpg><h2>Flood in the "
                           "valley</h2><p>The lower street under water "
                           "again</p></figure><p>" +
                           kProse2 + "</p></div>");
  EXPECT_EQ(r.Of("The lower street"), "body (context: between body blocks)");
}

TEST(Captions, CaptionRuleOnLargeElementIsNoCaption) {
  // A wrapper named like a caption around the whole article.
  std::string body = "<div class=wp-caption-text>";
  for (int i = 0; i < 3; ++i) body += std::string("<p>") + kProse1 + "</p>";
  body += "</div>";
  const Result r = RunHtml(body);
  EXPECT_EQ(r.Of("The orchard"), "body (prose)");
}

TEST(Captions, PageOfCaptionsKeepsThem) {
  // A slideshow: the captions are the page's prose.
  std::string body = "<div class=gallery>";
  for (const char* text : {kProse1, kProse2}) {
    body += std::string("<figure><img src=a.jpg><figcaption>") + text +
            "</figcaption></figure>";
  }
  body += "</div>";
  const Result r = RunHtml(body);
  EXPECT_EQ(r.Of("The orchard"), "body (prose)");
  EXPECT_EQ(r.Of("Insurance pays"), "body (prose)");
}

TEST(Captions, TextLineBeforeImageCreditIsChrome) {
  const Result r = RunText(std::string("Flood in the valley\n\n") + kProse1 +
                           "\n\n" + kCaption + "\n\n(Image: Jane Roe/Agency)\n\n" +
                           kProse2 + "\n");
  EXPECT_EQ(r.Of(kCaption), "chrome (caption: before a credit)");
  EXPECT_EQ(r.Of("(Image:"), "chrome (text rule)");
  EXPECT_EQ(r.Of("The orchard"), "body (prose)");
  EXPECT_EQ(r.Of("Insurance pays"), "body (prose)");
}

TEST(Captions, TextHeadlineBeforeCreditStays) {
  const Result r = RunText(std::string("Frost in the orchards\n\n(Image: Jane "
                                       "Roe)\n\n") +
                           kProse1 + "\n\n" + kProse2 + "\n");
  // Not a caption: the context pass decides the headline (the credit after
  // it is its only neighbour before the prose: chrome).
  EXPECT_EQ(r.Of("Frost in the"), "chrome (context: among chrome)");
}

TEST(Captions, TextParagraphBeforeCreditStays) {
  // Longer than a caption (caption_text_chars): the article's own text.
  const std::string long_paragraph = std::string(kProse1) + " " + kProse2;
  const Result r = RunText(std::string(kProse1) + "\n\n" + long_paragraph +
                           "\n\n(Bild: Max Muster)\n\n" + kProse2 + "\n");
  EXPECT_EQ(r.Of(long_paragraph), "body (prose)");
}

}  // namespace
}  // namespace winnow
