// Copyright winnow authors. Licensed under the MIT licence.

#include "classify/classify.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "classify/model.h"
#include "lang/lang.h"
#include "segment/testing.h"

namespace winnow {
namespace {

constexpr char kProse1[] =
    "The river rose through the night, and by morning the water had reached "
    "the doors of the houses on the lower street. People carried what they "
    "could to the church on the hill, where the volunteers had set up beds.";
constexpr char kProse2[] =
    "It was the third flood in ten years, and the council says that it will "
    "now build the wall that was planned in the spring, although nobody in "
    "the town believes that the money for it has been found.";

struct Classified {
  Page page;
  std::vector<Decision> decisions;
  std::vector<std::string> Labels() const {
    std::vector<std::string> out;
    for (const Decision& d : decisions)
      out.push_back(d.label == Label::kBody ? "body" : "chrome");
    return out;
  }
};

std::unique_ptr<RuleSet> Rules(const std::string& source,
                               const std::string& file = "test.rules") {
  std::vector<Rule> rules;
  std::vector<RuleDiagnostic> diags;
  EXPECT_TRUE(ParseRules(source, file, &rules, &diags));
  std::unique_ptr<RuleSet> set;
  EXPECT_TRUE(RuleSet::Build(std::move(rules), &set).ok());
  return set;
}

Classified ClassifyHtml(const std::string& html, const RuleSet& rules,
               Options options = Options(),
               const Model& model = DefaultModel()) {
  Classified c;
  c.page = SegmentForTest(html, options);
  AnnotateLanguage(&c.page);
  EXPECT_TRUE(Classify(c.page, rules, model, options, "", nullptr,
                       &c.decisions));
  return c;
}

std::string Article(const std::string& extra_after = "") {
  return std::string("<html><body><ul class=menu><li><a href=/>Home</a></li>"
                     "<li><a href=/news>News</a></li></ul><article><h1>Flood "
                     "in the valley</h1><p>") +
         kProse1 + "</p><p>" + kProse2 + "</p></article>" + extra_after +
         "</body></html>";
}

TEST(Classify, ProseInTheArticleIsBodyTheMenuChrome) {
  auto rules = Rules("");
  Classified c = ClassifyHtml(Article(), *rules);
  ASSERT_EQ(c.page.blocks.size(), 5u);
  EXPECT_EQ(c.Labels(), (std::vector<std::string>{"chrome", "chrome", "body",
                                                   "body", "body"}));
  EXPECT_STREQ(c.decisions[0].reason, "link-dense or no prose");
  EXPECT_STREQ(c.decisions[3].reason, "prose");
  EXPECT_TRUE(c.decisions[3].in_main);
  EXPECT_FALSE(c.decisions[0].in_main);
}

TEST(Classify, ScoreIsTheSumOfNamedTerms) {
  auto rules = Rules("");
  Options options;
  options.explain = true;
  Classified c = ClassifyHtml(Article(), *rules, options);
  const Decision& d = c.decisions[3];
  std::vector<std::string> names;
  double sum = 0;
  for (const Term& t : d.terms) {
    names.push_back(t.name);
    sum += t.value;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"long_text", "stopwords_high",
                                             "sentence_end", "commas",
                                             "inside_main"}));
  EXPECT_NEAR(sum, d.score, 1e-9);
  EXPECT_NEAR(d.score, 1.5 + 1.0 + 0.5 + 0.2 + 1.0, 1e-9);  // two commas
  // The menu links: link-heavy fragments outside the main content, above
  // it.
  std::vector<std::string> menu;
  for (const Term& t : c.decisions[0].terms) menu.push_back(t.name);
  EXPECT_EQ(menu, (std::vector<std::string>{"link_heavy", "tiny_text",
                                            "stopwords_high",
                                            "outside_main_sure",
                                            "before_main"}));
}

TEST(Classify, TermsAreRecordedWithExplainOnly) {
  auto rules = Rules("");
  Classified c = ClassifyHtml(Article(), *rules);
  for (const Decision& d : c.decisions) EXPECT_TRUE(d.terms.empty());
}

TEST(Classify, ScoreRulesAreTermsByRule) {
  auto rules = Rules(
      "t.sidebar attr -1.5 ^sidebar$\n"
      "t.lead text +0.5 ^It was the third\n");
  Options options;
  options.explain = true;
  Classified c = ClassifyHtml(Article("<div class=sidebar><p>" + std::string(kProse1) +
                             " More.</p></div>"),
                     *rules, options);
  const Decision& lead = c.decisions[4];
  ASSERT_FALSE(lead.terms.empty());
  bool found = false;
  for (const Term& t : lead.terms) {
    if (t.rule >= 0) {
      EXPECT_EQ(rules->rule(t.rule).id, "t.lead");
      EXPECT_DOUBLE_EQ(t.value, 0.5);
      found = true;
    }
  }
  EXPECT_TRUE(found);
  const Decision& side = c.decisions[5];
  double shift = 0;
  for (const Term& t : side.terms) {
    if (t.rule >= 0) shift += t.value;
  }
  EXPECT_DOUBLE_EQ(shift, -1.5);
}

TEST(Classify, TextDropBeatsElementKeep) {
  auto rules = Rules(
      "t.keep attr keep ^story$\n"
      "t.drop text drop ^It was the third\n");
  Classified c = ClassifyHtml("<div class=story><p>" + std::string(kProse1) +
                         "</p><p>" + kProse2 + "</p></div>",
                     *rules);
  ASSERT_EQ(c.decisions.size(), 2u);
  EXPECT_EQ(c.Labels(), (std::vector<std::string>{"body", "chrome"}));
  EXPECT_STREQ(c.decisions[0].reason, "element rule");
  EXPECT_EQ(rules->rule(c.decisions[0].rule).id, "t.keep");
  EXPECT_STREQ(c.decisions[1].reason, "text rule");
  EXPECT_EQ(rules->rule(c.decisions[1].rule).id, "t.drop");
}

TEST(Classify, ShortLineBetweenProseIsBody) {
  auto rules = Rules("");
  Classified c = ClassifyHtml("<article><p>" + std::string(kProse1) +
                         "</p><p>Then it rained.</p><p>" + kProse2 +
                         "</p></article>",
                     *rules);
  EXPECT_EQ(c.Labels(), (std::vector<std::string>{"body", "body", "body"}));
  EXPECT_STREQ(c.decisions[1].reason, "context: between body blocks");
}

TEST(Classify, TitleHeadingIsChromeAndNoTablesDropsCells) {
  auto rules = Rules("");
  Options options;
  options.tables = false;
  Classified c = ClassifyHtml(
      "<html><head><title>Flood in the valley | Daily</title></head><body>"
      "<article><h1>Flood in the valley</h1><p>" +
          std::string(kProse1) + "</p><table><tr><td>" + kProse2 +
          "</td></tr></table></article></body></html>",
      *rules, options);
  ASSERT_EQ(c.decisions.size(), 3u);
  EXPECT_STREQ(c.decisions[0].reason, "title (metadata)");
  EXPECT_STREQ(c.decisions[2].reason, "table (--no-tables)");
  EXPECT_EQ(c.Labels(), (std::vector<std::string>{"chrome", "body", "chrome"}));
}

// --comments follows the rule group (the file comments.rules), not an ID
// prefix: a site's comment rule in that file steps aside too, and a rule
// named "comments.*" elsewhere does not.
std::string CommentsLabel(const std::string& rule_line,
                          const std::string& file, bool comments) {
  auto rules = Rules(rule_line, file);
  Options options;
  options.comments = comments;
  return ClassifyHtml(Article("<div class=comments><p>" +
                              std::string(kProse2) + "</p></div>"),
                      *rules, options)
      .Labels()
      .back();
}

TEST(Classify, CommentsFollowsTheRuleGroupNotTheIdPrefix) {
  const std::string site = "site.example.comment-box attr subtree ^comments$\n";
  EXPECT_EQ(CommentsLabel(site, "rules/comments.rules", false), "chrome");
  EXPECT_EQ(CommentsLabel(site, "rules/comments.rules", true), "body");
  EXPECT_EQ(CommentsLabel(site, "my/site/comments.rules", true), "body");
  const std::string named = "comments.box attr subtree ^comments$\n";
  EXPECT_EQ(CommentsLabel(named, "rules/social.rules", true), "chrome");
  EXPECT_EQ(CommentsLabel(named, "rules/xcomments.rules", true), "chrome");
}

// A subtree rule drops everything in its element: a keep rule on an
// element inside it does not bring blocks back (a drop rule's nested keep
// does).
TEST(Classify, SubtreeRuleDropsItsWholeSubtree) {
  auto rules = Rules(
      "t.share attr subtree ^share$\n"
      "t.promo attr drop ^promo$\n"
      "t.story attr keep ^story$\n");
  const std::string inner = std::string("<div class=story><p>") + kProse2 +
                            "</p></div>";
  Classified c = ClassifyHtml(
      Article("<div class=share>" + inner + "</div><div class=promo>" + inner +
              "</div>"),
      *rules);
  ASSERT_EQ(c.decisions.size(), 7u);
  EXPECT_EQ(c.Labels()[5], "chrome");
  EXPECT_EQ(rules->rule(c.decisions[5].rule).id, "t.share");
  EXPECT_EQ(c.Labels()[6], "body");
  EXPECT_EQ(rules->rule(c.decisions[6].rule).id, "t.story");
}

// The guard (guard.cc): a chrome rule on the element that holds the
// article matched its wrapper ("region-body-footer", "post
// entry-author-jane_doe"); the article is kept, the real footer inside it
// is not, and explain shows the overruled rule as a term.
TEST(Classify, ChromeShiftOnTheArticleWrapperIsOverruled) {
  auto rules = Rules("t.footer attr -6 footer\n");
  Options options;
  options.explain = true;
  Classified c = ClassifyHtml(
      std::string("<html><body><div class=region-body-footer><p>") + kProse1 +
          "</p><p>" + kProse2 + "</p><p>" + kProse1 +
          "</p><div class=footer><p>Written by volunteers of the club, "
          "who meet on Saturdays.</p></div></div></body></html>",
      *rules, options);
  ASSERT_EQ(c.decisions.size(), 4u);
  EXPECT_EQ(c.Labels(),
            (std::vector<std::string>{"body", "body", "body", "chrome"}));
  const Decision& d = c.decisions[0];
  double sum = 0;
  std::vector<std::string> rule_terms;
  for (const Term& t : d.terms) {
    sum += t.value;
    if (t.rule >= 0) {
      rule_terms.push_back(std::string(t.name) + ":" + rules->rule(t.rule).id);
    }
  }
  EXPECT_NEAR(sum, d.score, 1e-9);
  EXPECT_EQ(rule_terms,
            (std::vector<std::string>{"rule:t.footer", "overruled:t.footer"}));
  // The real footer keeps its own -6 (the wrapper's is given back).
  double footer_shift = 0;
  for (const Term& t : c.decisions[3].terms) {
    if (t.rule >= 0) footer_shift += t.value;
  }
  EXPECT_NEAR(footer_shift, -6, 1e-9);
}

// An id that spells its heading ("sharing-with-your-team") names the text,
// not a share bar; a short one ("sharing") is still a rule target.
TEST(Classify, HeadingAnchorIdsAreNotRuleTargets) {
  auto rules = Rules("t.share attr subtree sharing\n");
  auto labels = [&](const std::string& id, const std::string& heading) {
    return ClassifyHtml(std::string("<html><body><article><h1>Floods</h1><p>") +
                            kProse1 + "</p><p>" + kProse1 + "</p><section id=" +
                            id + "><h2>" + heading + "</h2><p>" + kProse2 +
                            "</p></section></article></body></html>",
                        *rules)
        .Labels();
  };
  const std::vector<std::string> kept{"body", "body", "body", "body", "body"};
  const std::vector<std::string> dropped{"body", "body", "body", "chrome",
                                         "chrome"};
  EXPECT_EQ(labels("sharing-with-your-team", "Sharing with your team"), kept);
  EXPECT_EQ(labels("sharing-with-your-team-2", "Sharing with your team"), kept);
  EXPECT_EQ(labels("sharing", "Sharing"), dropped);
  EXPECT_EQ(labels("sharing-tools-box", "Sharing with your team"), dropped);
}

TEST(Classify, HostOfUrl) {
  EXPECT_EQ(HostOf("https://user@WWW.Example.org:8080/a?b"), "www.example.org");
  EXPECT_EQ(HostOf("example.org/x"), "example.org");
  EXPECT_EQ(HostOf(""), "");
}

// A near-good line (score 0.7) and a short one (0.3) between the article's
// prose and a link list: what the context pass gives them depends on the
// class thresholds, which --precision raises and --recall lowers.
std::vector<std::string> BorderlineLabels(Favor favor) {
  auto rules = Rules(
      "t.a text -1.7 ^Photos by\n"
      "t.b text -2.1 ^Pictures by\n");
  Options options;
  options.favor = favor;
  options.explain = true;
  Classified c = ClassifyHtml(
      std::string("<article><p>") + kProse1 +
          "</p><p>Photos by Anna Berg and Tom Lee, Northern Valley Picture "
          "Agency, March 2024</p><p>Pictures by Anna Berg and Tom Lee, "
          "Northern Valley Picture Agency, May 2024</p></article><ul><li><a "
          "href=/a>Weather warnings for the whole northern region</a></li>"
          "<li><a href=/b>Sport</a></li></ul>",
      *rules, options);
  EXPECT_NEAR(c.decisions[1].score, 0.7, 1e-9);
  EXPECT_NEAR(c.decisions[2].score, 0.3, 1e-9);
  if (favor == Favor::kBalanced) {
    EXPECT_STREQ(c.decisions[1].reason, "context: near-good beside body");
    EXPECT_STREQ(c.decisions[2].reason, "context: short beside chrome");
  }
  return c.Labels();
}

TEST(Classify, PrecisionAndRecallMoveTheThresholds) {
  EXPECT_EQ(BorderlineLabels(Favor::kBalanced),
            (std::vector<std::string>{"body", "body", "chrome", "chrome",
                                      "chrome"}));
  EXPECT_EQ(BorderlineLabels(Favor::kPrecision),
            (std::vector<std::string>{"body", "chrome", "chrome", "chrome",
                                      "chrome"}));
  EXPECT_EQ(BorderlineLabels(Favor::kRecall),
            (std::vector<std::string>{"body", "body", "body", "chrome",
                                      "chrome"}));
}

// ---- The region's two ends and teaser lists ---------------------------------

bool HasTerm(const Decision& d, const std::string& name) {
  for (const Term& t : d.terms) {
    if (name == t.name) return true;
  }
  return false;
}

// A "More stories" run of <article class="post"> cards after the article:
// their summaries are chrome though a container rule lifts posts.
TEST(Classify, TeaserCardsAfterTheArticleGetNoContainerBonus) {
  auto rules = Rules("t.post attr +2 ^post$\n");
  std::string cards = "<section><h2>More stories</h2>";
  for (const char* title : {"Ferry", "Seals", "Harbour"}) {
    cards += std::string("<article class=post><h3><a href=/x>") + title +
             "</a></h3><p>Islanders say the winter crossings leave too "
             "early.</p><a href=/x>Read more</a></article>";
  }
  Options options;
  options.explain = true;
  Classified c = ClassifyHtml(Article(cards + "</section>"), *rules, options);
  ASSERT_EQ(c.decisions.size(), 15u);
  const Decision& summary = c.decisions[7];
  EXPECT_EQ(c.page.blocks[7].text.substr(0, 9), "Islanders");
  EXPECT_EQ(c.Labels()[7], "chrome");
  EXPECT_FALSE(summary.in_main);
  EXPECT_TRUE(HasTerm(summary, "teaser_no_bonus"));
  EXPECT_TRUE(HasTerm(summary, "teaser_card"));
  EXPECT_TRUE(HasTerm(summary, "after_main"));
  EXPECT_EQ(c.Labels()[3], "body");  // the article's own paragraphs
}

// A lead paragraph above the body's container is article; a paragraph of
// the same shape below it (an appeal in a side box) is not. With
// --comments, what follows the article is not presumed chrome.
TEST(Classify, ProseAboveTheRegionLeansBodyProseBelowItChrome) {
  const std::string note =
      "The paper is written by people who live here, and it is delivered "
      "free to every house in the valley.";
  const std::string html =
      std::string("<html><body><header><h1>Flood</h1><p>The water came in "
                  "the night, and the town says that the wall will now be "
                  "built.</p></header><div><p>") +
      kProse1 + "</p><p>" + kProse2 + "</p></div><div><p>" + note +
      "</p></div></body></html>";
  auto rules = Rules("");
  Options options;
  options.explain = true;
  Classified c = ClassifyHtml(html, *rules, options);
  ASSERT_EQ(c.decisions.size(), 5u);
  EXPECT_EQ(c.Labels(), (std::vector<std::string>{"chrome", "body", "body",
                                                   "body", "chrome"}));
  EXPECT_TRUE(HasTerm(c.decisions[1], "before_main"));
  EXPECT_TRUE(HasTerm(c.decisions[4], "after_main"));
  options.comments = true;
  c = ClassifyHtml(html, *rules, options);
  EXPECT_FALSE(HasTerm(c.decisions[4], "after_main"));
}

// ---- The weights file -------------------------------------------------------

TEST(Model, EmbeddedWeightsParse) {
  const Model& m = DefaultModel();
  EXPECT_DOUBLE_EQ(m.good_score, 1.5);
  EXPECT_DOUBLE_EQ(m.inside_main, 1.0);
}

std::string WeightsWithout(const std::string& name) {
  std::string out;
  std::ifstream in(std::string(WINNOW_SOURCE_DIR) + "/rules/model.weights");
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, name.size() + 1, name + " ") != 0) out += line + "\n";
  }
  return out;
}

TEST(Model, MissingUnknownRepeatedAndBadValuesAreErrors) {
  Model m;
  Status s = ParseModel(WeightsWithout("good_score"), "w", &m);
  EXPECT_EQ(s.message(), "w: weight 'good_score' missing");
  const std::string full = WeightsWithout("no_such_name");
  EXPECT_TRUE(ParseModel(full, "w", &m).ok());
  s = ParseModel(full + "bogus = 1\n", "w", &m);
  EXPECT_NE(s.message().find(": unknown weight 'bogus'"), std::string::npos);
  s = ParseModel(full + "good_score = 2\n", "w", &m);
  EXPECT_NE(s.message().find("'good_score' given twice"), std::string::npos);
  s = ParseModel(WeightsWithout("good_score") + "good_score = 1.5x\n", "w", &m);
  EXPECT_NE(s.message().find("'1.5x' is not a number"), std::string::npos);
  s = ParseModel(WeightsWithout("good_score") + "good_score 1.5\n", "w", &m);
  EXPECT_NE(s.message().find("expected `name = value`"), std::string::npos);
}

TEST(Model, WeightsChangeTheDecision) {
  auto rules = Rules("");
  Model strict = DefaultModel();
  strict.good_score = 100;  // nothing is good: no anchor for the context
  strict.near_good_score = 100;
  Classified c = ClassifyHtml(Article(), *rules, Options(), strict);
  EXPECT_EQ(c.Labels()[3], "chrome");
}

}  // namespace
}  // namespace winnow
