// Copyright winnow authors. Licensed under the MIT licence.
//
// The chunk filter skips a Set only when no rule in it can match: a used
// rule set (its Sets, each behind its filter) must give every text the
// hits that matching each rule on its own gives.

#include "rules/chunk_filter.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "rules/internal.h"
#include "rules/rules.h"
#include "rules/rules_test_util.h"
#include "winnow/options.h"

namespace winnow {
namespace {

using rules_test::Ids;
using rules_test::TempDir;
using rules_test::TextHits;
using rules_test::WarmUp;

// Each text rule of a set on its own, as the Sets' fallback matches it.
class OneByOne {
 public:
  explicit OneByOne(const RuleSet& set) {
    for (size_t i = 0; i < set.size(); ++i) {
      const Rule& r = set.rule(static_cast<int>(i));
      if (r.is_attribute()) continue;
      ids_.push_back(r.id);
      res_.push_back(std::make_unique<RE2>(
          rules_internal::WrappedPattern(r),
          rules_internal::TextOptions(rules_internal::kOneMaxMem)));
      EXPECT_TRUE(res_.back()->ok()) << r.id;
    }
  }
  // The IDs of the rules that match `text`, sorted.
  Ids Hits(std::string_view text) const {
    Ids ids;
    for (size_t i = 0; i < res_.size(); ++i) {
      if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()),
                            *res_[i])) {
        ids.push_back(ids_[i]);
      }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }

 private:
  Ids ids_;
  std::vector<std::unique_ptr<RE2>> res_;
};

// Rules of a --rules file, of every shape the filter judges: prefixes
// only, prefixes that pass but literals that do not, matches anywhere
// judged by literals, and a rule neither judges.
constexpr char kUserRules[] =
    "@flags i\n"
    "u.imprint   text  drop  ^(?:impressum|imprint|legal notice)$\n"
    "u.kelvin    text  drop  ^kontakt(?: us)?$\n"
    "u.short     text  drop  ^de(?:r|s) autor\\b\n"
    "u.photo     text  drop  ^[\\s\\S]{0,80}\\((?:photo|foto): [^()]+\\)$\n"
    "u.channel   text  drop  ^[\\s\\S]*(?:telegram|youtube) channel\n"
    "u.subscribe text  drop  ^[\\s\\S]{0,40}\\bsubscribe\\b\n"
    "u.digits    text  drop  ^\\d+ comments?$\n"
    "u.free      text  drop  (?:^|\\s)all rights reserved\n"
    "u.any       text  drop  ^.{3}$\n"
    "@flags -\n"
    "u.case      text  drop  ^Posted by [A-Z]\n";

const std::vector<std::string> kTexts = {
    "",
    "Impressum",
    "IMPRINT",
    "Imprint and more",
    "Kontakt",
    "\u212Aontakt",  // the Kelvin sign folds to "k"
    "Der Autor",
    "Des Autors",  // prefix "des" passes, the literal "des autor " not
    "Desautor",
    "A harbour at dusk (Photo: J. Doe)",
    "A harbour at dusk (Foto: J. Doe) and more",
    "Join our Telegram channel",
    "Join our Telegram \u017Fhannel",  // no match: \u017F folds to "s"
    "Please \u017Fubscribe now",       // the long s folds to "s"
    "Please subscribe now",
    "12 comments",
    "1 comment",
    "\u00A9 2024 Example. All rights reserved.",
    "Everything here, all rights reserved",
    "Everything, all right\u017F reserved",
    "abc",
    "abcd",
    "\u00FCbe",
    "Posted by Jane",
    "posted by Jane",
    "A worn chain wears out the sprockets as well.",
};

TEST(ChunkFilter, UserRulesGiveTheirOwnHits) {
  TempDir dir;
  Options options;
  options.default_rules = false;
  options.rule_paths = {dir.Write("user.rules", kUserRules)};
  std::unique_ptr<RuleSet> set;
  ASSERT_TRUE(RuleSet::Load(options, &set).ok());
  WarmUp(*set);
  const OneByOne one(*set);
  for (const std::string& text : kTexts) {
    EXPECT_EQ(TextHits(*set, text), one.Hits(text)) << text;
  }
  // Pinned, so that the reference itself is checked.
  EXPECT_EQ(TextHits(*set, "\u212Aontakt"), Ids{"u.kelvin"});
  EXPECT_EQ(TextHits(*set, "Des Autors"), Ids{});
  EXPECT_EQ(TextHits(*set, "Der Autor"), Ids{"u.short"});
  EXPECT_EQ(TextHits(*set, "Please subscribe now"), Ids{"u.subscribe"});
  EXPECT_EQ(TextHits(*set, "Everything, all right\u017F reserved"),
            Ids{"u.free"});
  EXPECT_EQ(TextHits(*set, "A harbour at dusk (Photo: J. Doe)"),
            Ids{"u.photo"});
  EXPECT_EQ(TextHits(*set, "abc"), Ids{"u.any"});
  EXPECT_EQ(TextHits(*set, "posted by Jane"), Ids{});
  EXPECT_EQ(TextHits(*set, "12 comments"), Ids{"u.digits"});
}

// Every default rule, on texts that hit many of them and on prose.
TEST(ChunkFilter, DefaultRulesGiveTheirOwnHits) {
  const std::vector<std::string> texts = {
      "Impressum",
      "impressum | Datenschutz | Kontakt",
      "\u212Aontakt",
      "Read more",
      "\u00BB Weiterlesen",
      "\u00DCber uns",
      "Share this article",
      "We use cookies to improve your experience.",
      "Wir verwenden Cookies, um unsere Website zu verbessern.",
      "Photo: Jane Doe / Reuters",
      "A worn chain wears out the sprockets as well.",
      "\u00A9 2024 Example Corp. All rights reserved.",
      "Sign up for our newsletter to get the latest news in your inbox.",
      "Advertisement",
      "12 comments",
      "Posted by admin on March 3, 2024",
      "Back to top",
      "Foto: dpa",
      "Join our Telegram channel for daily updates",
      "\u017Fubscribe to our YouTube channel",
      "Subscribe to our YouTube \u212Aanal",
      "The views expressed are those of the author.",
      "Download our free app for iOS and Android",
      "Please read our comment policy before posting.",
      "A harbour at dusk, seen from the old pier (Photo: J. Doe)",
      "Home | News | Sport | Weather | Contact",
      "Der Autor",
      "Des Autors Meinung",
      "Das Bild zeigt den Hafen (Symbolbild).",
      "Next article",
      "ab",
  };
  Options options;
  std::unique_ptr<RuleSet> set;
  ASSERT_TRUE(RuleSet::Load(options, &set).ok());
  WarmUp(*set);
  const OneByOne one(*set);
  size_t total = 0;
  for (const std::string& text : texts) {
    const Ids want = one.Hits(text);
    EXPECT_EQ(TextHits(*set, text), want) << text;
    total += want.size();
  }
  EXPECT_GT(total, 15u);  // the texts above do hit rules
}

// ---- LineFilter --------------------------------------------------------

TEST(LineFilter, KeepsTheLinesARuleMayMatch) {
  rules_internal::LineFilter lines;
  const std::vector<std::string> nav = {"nav", "men"};
  lines.Add("c", true, &nav);                    // class, parts too
  const std::vector<std::string> main = {"mai"};
  lines.Add("ciarp", false, &main);              // any field, token start
  const std::vector<std::string> article = {"art"};
  lines.Add("t", false, &article);               // tag
  EXPECT_TRUE(lines.MayMatch('c', '=', "navbar"));
  EXPECT_TRUE(lines.MayMatch('c', '-', "nav"));
  EXPECT_TRUE(lines.MayMatch('c', '=', "MENU"));  // heads are folded
  EXPECT_FALSE(lines.MayMatch('i', '=', "nav"));  // a class rule
  EXPECT_FALSE(lines.MayMatch('c', '=', "flex"));
  EXPECT_FALSE(lines.MayMatch('c', '=', "na"));   // shorter than "nav"
  EXPECT_TRUE(lines.MayMatch('p', '=', "main"));
  EXPECT_FALSE(lines.MayMatch('p', '-', "main"));  // tied to the start
  EXPECT_TRUE(lines.MayMatch('t', '=', "article"));
  EXPECT_FALSE(lines.MayMatch('t', '=', "div"));
  // The Kelvin sign folds to "k": a head with a byte >= 0x80 among its
  // first bytes is not judged.
  EXPECT_TRUE(lines.MayMatch('c', '=', "\u212Aey"));
  // A rule without prefixes may match any line of its fields.
  lines.Add("i", true, nullptr);
  EXPECT_TRUE(lines.MayMatch('i', '-', "anything"));
  EXPECT_FALSE(lines.MayMatch('r', '-', "anything"));
}

// Every attribute rule on its own, on an element's whole descriptor.
Ids ElementHitsOneByOne(const RuleSet& set, std::string_view tag,
                        std::string_view cls, std::string_view id,
                        std::string_view role, std::string_view aria,
                        std::string_view itemprop) {
  std::string desc;
  rules_internal::Describe(tag, cls, id, role, aria, itemprop, nullptr, &desc);
  Ids ids;
  for (size_t i = 0; i < set.size(); ++i) {
    const Rule& r = set.rule(static_cast<int>(i));
    if (!r.is_attribute()) continue;
    const RE2 re(rules_internal::WrappedPattern(r),
                 rules_internal::AttrOptions(rules_internal::kOneMaxMem));
    EXPECT_TRUE(re.ok()) << r.id;
    if (RE2::PartialMatch(desc, re)) ids.push_back(r.id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Ids ElementHits(const RuleSet& set, std::string_view tag, std::string_view cls,
                std::string_view id, std::string_view role,
                std::string_view aria, std::string_view itemprop) {
  std::vector<int> hits;
  set.MatchElement(tag, cls, id, role, aria, itemprop, &hits);
  Ids ids;
  for (int h : hits) ids.push_back(set.rule(h).id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// The lines the filter leaves out change no element's hits: a fresh rule
// set (rule by rule) and a used one (the Set) both give those of every
// attribute rule on the whole descriptor.
TEST(LineFilter, ElementHitsAreThoseOfTheWholeDescriptor) {
  constexpr char kRules[] =
      "e.nav       class  drop  nav|menu\n"
      "e.start     class  drop  ^sidebar\n"
      "e.whole     attr   drop  ^(?:main|content)$\n"
      "e.tag       tag    drop  aside\n"
      "e.role      role   drop  navigation\n"
      "e.aria      aria   drop  share\n"
      "e.id        id     drop  comments?\n"
      "e.anywhere  class  drop  [a-z]+-?box\n"
      "e.kelvin    class  drop  ^kicker\n"
      "e.prop      attr   +1    ^articlebody$\n";
  struct Element {
    const char *tag, *cls, *id, *role, *aria, *itemprop;
  };
  const std::vector<Element> elements = {
      {"div", "flex items-center justify-between px-4", "", "", "", ""},
      {"div", "site-nav col-md-6", "", "", "", ""},        // a part
      {"div", "main-navigation", "", "", "", ""},          // the start
      {"div", "left-sidebar", "", "", "", ""},              // not the start
      {"div", "sidebar-left", "", "", "", ""},
      {"div", "content", "", "", "", ""},
      {"div", "x-content", "", "", "", ""},                // a part: no
      {"ASIDE", "", "", "", "", ""},                        // tag, case
      {"div", "aside", "", "", "", ""},                     // class, no
      {"div", "", "", "navigation", "", ""},
      {"div", "", "", "", "Share this", ""},
      {"div", "", "main-comments", "", "", ""},
      {"div", "", "comment", "", "", ""},
      {"div", "newsletter-box promo_box", "", "", "", ""},  // anywhere
      {"div", "\u212Aicker", "", "", "", ""},  // Kelvin sign: "kicker"
      {"div", "", "", "", "", "articleBody"},
      {"div", "", "", "", "", "articlebody-x"},
      {"body", "nav sidebar", "", "", "", ""},  // only tag rules there
      {"div", "tag-nav", "", "", "", ""},       // taxonomy-like, kept
      {"div", "hentry tag-menu", "", "", "", ""},  // a post's taxonomy
      {"div", "body-and-nav", "", "", "", ""},     // joins names
  };
  TempDir dir;
  Options options;
  options.default_rules = false;
  options.rule_paths = {dir.Write("e.rules", kRules)};
  std::unique_ptr<RuleSet> cold, warm;
  ASSERT_TRUE(RuleSet::Load(options, &cold).ok());
  ASSERT_TRUE(RuleSet::Load(options, &warm).ok());
  WarmUp(*warm);
  for (const Element& e : elements) {
    const Ids want = ElementHitsOneByOne(*cold, e.tag, e.cls, e.id, e.role,
                                         e.aria, e.itemprop);
    EXPECT_EQ(ElementHits(*cold, e.tag, e.cls, e.id, e.role, e.aria,
                          e.itemprop),
              want)
        << e.tag << " " << e.cls;
    EXPECT_EQ(ElementHits(*warm, e.tag, e.cls, e.id, e.role, e.aria,
                          e.itemprop),
              want)
        << e.tag << " " << e.cls;
  }
  // Pinned, so that the reference itself is checked.
  EXPECT_EQ(ElementHits(*warm, "div", "site-nav col-md-6", "", "", "", ""),
            Ids{"e.nav"});
  EXPECT_EQ(ElementHits(*warm, "div", "left-sidebar", "", "", "", ""), Ids{});
  EXPECT_EQ(ElementHits(*warm, "ASIDE", "", "", "", "", ""), Ids{"e.tag"});
  EXPECT_EQ(ElementHits(*warm, "div", "newsletter-box promo_box", "", "", "",
                        ""),
            Ids{"e.anywhere"});
  EXPECT_EQ(ElementHits(*warm, "div", "\u212Aicker", "", "", "", ""),
            Ids{"e.kelvin"});
  EXPECT_EQ(ElementHits(*warm, "div", "", "", "", "", "articleBody"),
            Ids{"e.prop"});
}

// The same on the default rules, with class lists of many tokens.
TEST(LineFilter, DefaultRulesGiveTheirOwnElementHits) {
  Options options;
  std::unique_ptr<RuleSet> cold, warm;
  ASSERT_TRUE(RuleSet::Load(options, &cold).ok());
  ASSERT_TRUE(RuleSet::Load(options, &warm).ok());
  WarmUp(*warm);
  size_t total = 0;
  for (const rules_test::SampleElement& e : rules_test::SampleElements()) {
    const Ids want = ElementHitsOneByOne(*cold, e.tag, e.cls, e.id, "", "", "");
    EXPECT_EQ(ElementHits(*cold, e.tag, e.cls, e.id, "", "", ""), want)
        << e.tag << " " << e.cls;
    EXPECT_EQ(ElementHits(*warm, e.tag, e.cls, e.id, "", "", ""), want)
        << e.tag << " " << e.cls;
    total += want.size();
  }
  EXPECT_GT(total, 15u);  // the elements above do hit rules
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace rules_internal {
namespace {

// The open-addressing set of PrefixTable's three-byte prefixes: every
// value inserted is found after the table grew many times, 0 included
// (slots hold value + 1), and no other value is.
TEST(TripleSet, FindsExactlyWhatWasInsertedAcrossGrowth) {
  TripleSet set;
  EXPECT_FALSE(set.Contains(0));
  for (uint32_t v = 0; v < 3000; ++v) set.Insert(v * 4099 % (1u << 24));
  set.Insert(0);  // again: no second copy
  for (uint32_t v = 0; v < 3000; ++v) {
    EXPECT_TRUE(set.Contains(v * 4099 % (1u << 24))) << v;
    EXPECT_FALSE(set.Contains(v * 4099 % (1u << 24) + 1)) << v;
  }
  EXPECT_FALSE(set.Contains((1u << 24) - 1));
}

}  // namespace
}  // namespace rules_internal
}  // namespace winnow
