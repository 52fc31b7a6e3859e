// Copyright winnow authors. Licensed under the MIT licence.

#include "rules/rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "embed/embedded.h"
#include "rules/rules_test_util.h"

namespace winnow {
namespace {

namespace fs = std::filesystem;

// ---- Helpers ---------------------------------------------------------------

std::vector<RuleDiagnostic> ParseDiags(const std::string& src,
                                       const std::string& file = "t.rules") {
  std::vector<Rule> rules;
  std::vector<RuleDiagnostic> diags;
  ParseRules(src, file, &rules, &diags);
  return diags;
}

std::vector<Rule> ParseOk(const std::string& src,
                          const std::string& file = "t.rules") {
  std::vector<Rule> rules;
  std::vector<RuleDiagnostic> diags;
  EXPECT_TRUE(ParseRules(src, file, &rules, &diags));
  for (const auto& d : diags) ADD_FAILURE() << d.ToString();
  return rules;
}

std::unique_ptr<RuleSet> BuildOk(const std::string& src) {
  std::unique_ptr<RuleSet> set;
  Status s = RuleSet::Build(ParseOk(src), &set);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return set;
}

std::vector<std::string> ElementHits(const RuleSet& set, std::string_view tag,
                                     std::string_view cls,
                                     std::string_view id = "",
                                     std::string_view role = "",
                                     std::string_view aria = "",
                                     std::string_view itemprop = "") {
  std::vector<int> hits;
  set.MatchElement(tag, cls, id, role, aria, itemprop, &hits);
  std::vector<std::string> ids;
  for (int h : hits) ids.push_back(set.rule(h).id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

using rules_test::Ids;
using rules_test::TempDir;
using rules_test::TextHits;

// ---- Parsing ---------------------------------------------------------------

TEST(RulesParse, ValidFile) {
  const std::string src =
      "# A comment line\n"
      "\n"
      "nav.tag        tag      subtree  nav\n"
      "  nav.class    class/i  -2.5     main-?nav   # trailing comment\n"
      "@site Example.ORG\n"
      "@lang english\n"
      "@flags i\n"
      "site.text      text     drop     ^Share this(?: page)?$\n"
      "site.hash      text     keep     ^Issue\\#\\d+ a#b$\n"
      "@site *\n"
      "@lang *\n"
      "@flags -\n"
      "any.cut        text     cut      ^Comments$\n"
      "any.score      attr     +.5      article-?body\n"
      "any.aria       aria     drop     share\n"
      "any.role       role     keep     main\n"
      "any.id         id       +3       content\n";
  std::vector<Rule> rules = ParseOk(src, "dir/x.rules");
  ASSERT_EQ(rules.size(), 9u);

  EXPECT_EQ(rules[0].id, "nav.tag");
  EXPECT_EQ(rules[0].target, Target::kTag);
  EXPECT_EQ(rules[0].action, Action::kSubtree);
  EXPECT_EQ(rules[0].pattern, "nav");
  EXPECT_TRUE(rules[0].icase);  // attribute targets always are
  EXPECT_EQ(rules[0].file, "dir/x.rules");
  EXPECT_EQ(rules[0].line, 3);
  EXPECT_EQ(rules[0].col, 1);
  EXPECT_EQ(rules[0].pattern_col, 34);

  EXPECT_EQ(rules[1].target, Target::kClass);
  EXPECT_EQ(rules[1].action, Action::kScore);
  EXPECT_DOUBLE_EQ(rules[1].shift, -2.5);
  EXPECT_EQ(rules[1].pattern, "main-?nav");  // comment and blanks stripped
  EXPECT_EQ(rules[1].col, 3);

  EXPECT_EQ(rules[2].id, "site.text");
  EXPECT_EQ(rules[2].site, "example.org");
  EXPECT_EQ(rules[2].lang, "English");  // the stop-list's spelling
  EXPECT_TRUE(rules[2].icase);          // @flags i
  EXPECT_EQ(rules[2].pattern, "^Share this(?: page)?$");

  // '#' after a non-blank character is part of the pattern.
  EXPECT_EQ(rules[3].pattern, "^Issue\\#\\d+ a#b$");
  EXPECT_EQ(rules[3].action, Action::kKeep);

  EXPECT_EQ(rules[4].site, "");
  EXPECT_EQ(rules[4].lang, "");
  EXPECT_FALSE(rules[4].icase);
  EXPECT_EQ(rules[4].action, Action::kCut);
  EXPECT_EQ(rules[5].target, Target::kAttr);
  EXPECT_DOUBLE_EQ(rules[5].shift, 0.5);
  EXPECT_EQ(rules[6].target, Target::kAria);
  EXPECT_EQ(rules[7].target, Target::kRole);
  EXPECT_EQ(rules[8].target, Target::kId);
  EXPECT_DOUBLE_EQ(rules[8].shift, 3);
}

TEST(RulesParse, CrlfAndByteOrderMark) {
  std::vector<Rule> rules = ParseOk(
      "\xEF\xBB\xBF"
      "a.b  text  drop  ^x$\r\nc.d  text  drop  ^y$\r\n");
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].pattern, "^x$");
  EXPECT_EQ(rules[1].line, 2);
}

TEST(RulesParse, TabsSeparateFields) {
  std::vector<Rule> rules = ParseOk("a.b\ttext\t+1\t^a b$\t\n");
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].pattern, "^a b$");
  EXPECT_EQ(rules[0].pattern_col, 13);
}

// ---- Diagnostics, with exact FILE:LINE:COL --------------------------------

struct DiagCase {
  const char* source;
  const char* where;    // "FILE:LINE:COL"
  const char* message;  // a substring of the message
};

class RulesDiagnostics : public ::testing::TestWithParam<DiagCase> {};

TEST_P(RulesDiagnostics, ReportsPosition) {
  const DiagCase& c = GetParam();
  std::vector<RuleDiagnostic> diags = ParseDiags(c.source, "f.rules");
  ASSERT_EQ(diags.size(), 1u) << c.source;
  const std::string s = diags[0].ToString();
  EXPECT_EQ(s.rfind(std::string(c.where) + ": ", 0), 0u) << s;
  EXPECT_NE(s.find(c.message), std::string::npos) << s;
}

INSTANTIATE_TEST_SUITE_P(
    All, RulesDiagnostics,
    ::testing::Values(
        DiagCase{"ok.a  text  drop  ^a$\nx.y  txt  drop  foo\n", "f.rules:2:6",
                 "unknown target 'txt'"},
        DiagCase{"x.y  text/x  drop  foo\n", "f.rules:1:6",
                 "unknown target 'text/x'"},
        DiagCase{"x.y  text  dorp  foo\n", "f.rules:1:12",
                 "unknown action 'dorp'"},
        DiagCase{"x.y  text  2  foo\n", "f.rules:1:12", "unknown action '2'"},
        DiagCase{"x.y  text  +1.2.3  foo\n", "f.rules:1:12", "unknown action"},
        DiagCase{"\n\n@sight example.org\n", "f.rules:3:1",
                 "unknown directive '@sight'"},
        DiagCase{"  @flags x\n", "f.rules:1:10", "unknown flags 'x'"},
        DiagCase{"@site\n", "f.rules:1:6", "@site needs an argument"},
        DiagCase{"@lang   \n", "f.rules:1:6", "@lang needs an argument"},
        DiagCase{"x.y  text  drop \t \n", "f.rules:1:16", "missing pattern"},
        DiagCase{"@site a.org b.org\n", "f.rules:1:13", "takes one argument"},
        DiagCase{"@site exa_mple.org\n", "f.rules:1:7", "bad host"},
        DiagCase{"@lang Klingonish\n", "f.rules:1:7", "unknown language"},
        DiagCase{"X.y  text  drop  foo\n", "f.rules:1:1", "bad rule ID 'X.y'"},
        DiagCase{"  -x  text  drop  foo\n", "f.rules:1:3", "bad rule ID '-x'"},
        DiagCase{"x.y  text  drop\n", "f.rules:1:16", "missing pattern"},
        DiagCase{"x.y  text  drop   # only a comment\n", "f.rules:1:16",
                 "missing pattern"},
        DiagCase{"x.y  text\n", "f.rules:1:10", "missing action and pattern"},
        DiagCase{"x.y\n", "f.rules:1:4", "missing target"},
        DiagCase{"x.y  text  drop  ^(foo$\n", "f.rules:1:18",
                 "pattern does not compile: missing )"},
        DiagCase{"x.y  text  drop  ^foo{2,1}\n", "f.rules:1:18",
                 "pattern does not compile: invalid repetition size"},
        DiagCase{"x.y  text  drop  ^(?:a|)$\n", "f.rules:1:18",
                 "matches empty text"},
        DiagCase{"x.y  text  drop  \\s*\n", "f.rules:1:18",
                 "matches empty text"},
        DiagCase{"x.y  class  drop  nav|\n", "f.rules:1:19",
                 "matches empty text"},
        DiagCase{"x.y  text  drop  a[^\\x00-\\x{10FFFF}]\n", "f.rules:1:18",
                 "can never match"},
        DiagCase{"x.y  text  drop  $a\n", "f.rules:1:18", "can never match"},
        DiagCase{"x.y  class  drop  nav bar\n", "f.rules:1:19",
                 "class tokens never contain whitespace"},
        DiagCase{"x.y  id  drop  main\\scontent\n", "f.rules:1:16",
                 "id tokens never contain whitespace"},
        DiagCase{"x.y  role  drop  x\\x20y\n", "f.rules:1:18",
                 "role tokens never contain whitespace"},
        DiagCase{"x.y  tag  drop  h1 h2\n", "f.rules:1:17",
                 "tag names never contain whitespace"},
        DiagCase{"x.y  class  drop  main^nav\n", "f.rules:1:19",
                 "anchors are allowed"},
        DiagCase{"x.y  class  drop  ^nav|menu\n", "f.rules:1:19",
                 "needs a group"}));

TEST(RulesDiagnostics, ManyProblemsAreAllReported) {
  std::vector<RuleDiagnostic> diags = ParseDiags(
      "A  bogus  never  x\n"
      "ok.1  text  drop  ^fine$\n"
      "b.c  text  drop  (\n");
  ASSERT_EQ(diags.size(), 4u);
  EXPECT_EQ(diags[0].ToString().substr(0, 12), "t.rules:1:1:");
  EXPECT_EQ(diags[1].ToString().substr(0, 12), "t.rules:1:4:");
  EXPECT_EQ(diags[2].ToString().substr(0, 13), "t.rules:1:11:");
  EXPECT_EQ(diags[3].ToString().substr(0, 13), "t.rules:3:18:");
}

TEST(RulesDiagnostics, WordBoundariesAreNotMistakenForDeadPatterns) {
  // \B and \b depend on the character before the match.
  EXPECT_TRUE(ParseDiags("x.y  text  drop  \\Bfoo\n").empty());
  EXPECT_TRUE(ParseDiags("x.y  text  drop  \\b-x\n").empty());
}

TEST(RulesDiagnostics, ToStringFormats) {
  RuleDiagnostic d{"a.rules", 3, 7, "boom"};
  EXPECT_EQ(d.ToString(), "a.rules:3:7: boom");
  d.col = 0;
  EXPECT_EQ(d.ToString(), "a.rules:3: boom");
  d.line = 0;
  EXPECT_EQ(d.ToString(), "a.rules: boom");
}

TEST(RulesDiagnostics, BrokenRegexOnLineThree) {
  TempDir dir;
  const std::string file = dir.Write("broken.rules",
                                     "# header\n"
                                     "ok.rule  text  drop  ^fine$\n"
                                     "bad.rule  text  drop  ^(unclosed\n");
  Options options;
  options.default_rules = false;
  options.rule_paths = {file};
  std::unique_ptr<RuleSet> set;
  Status s = RuleSet::Load(options, &set);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find(file + ":3"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find(file + ":3:23: pattern does not compile"),
            std::string::npos)
      << s.message();
  EXPECT_EQ(set, nullptr);
}

TEST(RulesDiagnostics, DuplicateIdsAcrossFiles) {
  TempDir dir;
  dir.Write("a.rules", "dup.id  text  drop  ^a$\nother  text  drop  ^b$\n");
  dir.Write("sub/b.rules", "# x\n  dup.id  text  drop  ^c$\n");
  std::vector<RuleDiagnostic> diags;
  RuleSet::Check({dir.path()}, false, &diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].ToString(),
            dir.path() +
                "/sub/b.rules:2:3: duplicate rule ID 'dup.id' (first "
                "defined at " +
                dir.path() + "/a.rules:1)");

  Options options;
  options.default_rules = false;
  options.rule_paths = {dir.path()};
  std::unique_ptr<RuleSet> set;
  Status s = RuleSet::Load(options, &set);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("duplicate rule ID 'dup.id'"), std::string::npos);
}

TEST(RulesDiagnostics, DuplicateAgainstEmbeddedDefaults) {
  if (kEmbeddedRulesCount == 0) GTEST_SKIP() << "no embedded rules";
  // Any default rule ID reused in a user file is refused.
  std::vector<Rule> defaults;
  std::vector<RuleDiagnostic> diags;
  ParseRules(kEmbeddedRules[0].contents(), kEmbeddedRules[0].name, &defaults,
             &diags);
  ASSERT_FALSE(defaults.empty());
  TempDir dir;
  const std::string file =
      dir.Write("mine.rules", defaults[0].id + "  text  drop  ^zzz$\n");
  Options options;
  options.rule_paths = {file};
  std::unique_ptr<RuleSet> set;
  Status s = RuleSet::Load(options, &set);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find(file + ":1:1: duplicate rule ID"),
            std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("rules/" + std::string(kEmbeddedRules[0].name)),
            std::string::npos)
      << s.message();

  // `winnow rules check FILE` passed such a file, whose run then failed.
  diags.clear();
  RuleSet::Check({file}, false, &diags);
  EXPECT_TRUE(diags.empty());
  RuleSet::Check({file}, true, &diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].ToString(),
            file + ":1:1: duplicate rule ID '" + defaults[0].id +
                "' (first defined at rules/" + kEmbeddedRules[0].name + ":" +
                std::to_string(defaults[0].line) + ")");
}

TEST(RulesDiagnostics, MissingPath) {
  Options options;
  options.default_rules = false;
  options.rule_paths = {"/no/such/winnow/rules"};
  std::unique_ptr<RuleSet> set;
  Status s = RuleSet::Load(options, &set);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("/no/such/winnow/rules"), std::string::npos);
  std::vector<RuleDiagnostic> diags;
  RuleSet::Check({"/no/such/winnow/rules"}, false, &diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].ToString(),
            "/no/such/winnow/rules: no such file or folder");
}

TEST(RulesDiagnostics, BuildChecksProgrammaticRules) {
  Rule a;
  a.id = "x.a";
  a.pattern = "^a$";
  a.file = "mem";
  a.line = 1;
  Rule b = a;
  b.line = 2;  // duplicate ID
  Rule c = a;
  c.id = "x.c";
  c.pattern = "(";
  c.line = 3;
  Rule d = a;
  d.id = "Bad";
  d.line = 4;
  std::unique_ptr<RuleSet> set;
  Status s = RuleSet::Build({a, b, c, d}, &set);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("mem:2:1: duplicate rule ID 'x.a' (first defined "
                             "at mem:1)"),
            std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("mem:3:1: pattern does not compile"),
            std::string::npos);
  EXPECT_NE(s.message().find("mem:4:1: bad rule ID 'Bad'"), std::string::npos);
  EXPECT_EQ(set, nullptr);
}

// ---- Loading
// -----------------------------------------------------------------

TEST(RulesLoad, FolderIsWalkedRecursivelyInOrder) {
  TempDir dir;
  dir.Write("b.rules", "b.one  text  drop  ^b$\n");
  dir.Write("a/z.rules", "a.z  text  drop  ^z$\n");
  dir.Write("a/y.rules", "a.y  text  drop  ^y$\n");
  dir.Write("a/ignored.txt", "this is not a rule file\n");
  dir.Write("c.rules.bak", "garbage\n");
  Options options;
  options.default_rules = false;
  options.rule_paths = {dir.path()};
  std::unique_ptr<RuleSet> set;
  ASSERT_TRUE(RuleSet::Load(options, &set).ok());
  ASSERT_EQ(set->size(), 3u);
  EXPECT_EQ(set->rule(0).id, "a.y");
  EXPECT_EQ(set->rule(1).id, "a.z");
  EXPECT_EQ(set->rule(2).id, "b.one");
  EXPECT_EQ(set->rule(0).file, dir.path() + "/a/y.rules");
}

TEST(RulesLoad, EmptyRuleSetMatchesNothing) {
  Options options;
  options.default_rules = false;
  std::unique_ptr<RuleSet> set;
  ASSERT_TRUE(RuleSet::Load(options, &set).ok());
  EXPECT_EQ(set->size(), 0u);
  EXPECT_EQ(TextHits(*set, "anything"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "nav"), Ids{});
}

TEST(RulesLoad, DefaultsAreEmbeddedAndNamedRules) {
  if (kEmbeddedRulesCount == 0) GTEST_SKIP() << "no embedded rules";
  std::unique_ptr<RuleSet> set;
  Status s = RuleSet::Load(Options(), &set);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_GT(set->size(), 100u);
  for (size_t i = 0; i < set->size(); ++i) {
    EXPECT_EQ(set->rule(i).file.rfind("rules/", 0), 0u) << set->rule(i).file;
  }
}

// ---- Matching
// ----------------------------------------------------------------

TEST(RulesMatch, ClassPatternsAreBoundedAtTokenEdges) {
  auto set = BuildOk(
      "c.nav     class  drop  nav\n"
      "c.navbar  class  drop  nav(bar)?\n"
      "c.exact   class  drop  ^widget$\n"
      "c.prefix  class  drop  ^share\n");
  ASSERT_TRUE(set);
  EXPECT_EQ(ElementHits(*set, "div", "nav"), (Ids{"c.nav", "c.navbar"}));
  EXPECT_EQ(ElementHits(*set, "div", "main-nav"), (Ids{"c.nav", "c.navbar"}));
  EXPECT_EQ(ElementHits(*set, "div", "nav_bar"), (Ids{"c.nav", "c.navbar"}));
  EXPECT_EQ(ElementHits(*set, "div", "site-nav-top"),
            (Ids{"c.nav", "c.navbar"}));
  EXPECT_EQ(ElementHits(*set, "div", "foo  NAV\tbar"),
            (Ids{"c.nav", "c.navbar"}));
  EXPECT_EQ(ElementHits(*set, "div", "canvas"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "navbar"), Ids{"c.navbar"});
  EXPECT_EQ(ElementHits(*set, "div", "navigation"), Ids{});
  // Tokens are matched one at a time: no pattern spans two of them.
  EXPECT_EQ(ElementHits(*set, "div", "na v"), Ids{});
  // ^ and $ tie a pattern to the token's start and end.
  EXPECT_EQ(ElementHits(*set, "div", "widget"), Ids{"c.exact"});
  EXPECT_EQ(ElementHits(*set, "div", "elementor-widget"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "widget-area"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "share-bar"), Ids{"c.prefix"});
  EXPECT_EQ(ElementHits(*set, "div", "post-share"), Ids{});
  // Class rules do not look at other attributes.
  EXPECT_EQ(ElementHits(*set, "nav", "", "nav", "nav", "nav", "nav"), Ids{});
}

// Attribute patterns match the parts of a token after each '-' or '_' on
// lines of their own ("c-part"): a pattern may still span several parts,
// and ^ / $ still mean the token's start and end.
TEST(RulesMatch, PatternsAcrossTokenParts) {
  auto set = BuildOk(
      "c.mn    class  drop  main-?nav\n"
      "c.tail  class  drop  nav$\n"
      "c.us    class  drop  _x\n");
  ASSERT_TRUE(set);
  EXPECT_EQ(ElementHits(*set, "div", "site-main-nav-bar"), Ids{"c.mn"});
  EXPECT_EQ(ElementHits(*set, "div", "site_mainnav"), Ids{"c.mn"});
  EXPECT_EQ(ElementHits(*set, "div", "a-b-nav"), Ids{"c.tail"});
  EXPECT_EQ(ElementHits(*set, "div", "a-nav-b"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "a__x"), Ids{"c.us"});
  EXPECT_EQ(ElementHits(*set, "div", "a_x"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "_x"), Ids{"c.us"});
}

// Text rules go into Sets by how their matches start (anchored, anchored
// with a leading run, anywhere); each kind still finds its matches.
TEST(RulesMatch, AnchoredRunningAndFreeTextRulesTogether) {
  auto set = BuildOk(
      "t.anch  text  drop  ^read more$\n"
      "t.run   text  drop  ^[\\s\\S]{0,40}\\(photo: [^()]+\\)$\n"
      "t.free  text  drop  subscribe\n"
      "t.alt   text  drop  ^a$|b$\n");
  ASSERT_TRUE(set);
  EXPECT_EQ(TextHits(*set, "read more"), Ids{"t.anch"});
  EXPECT_EQ(TextHits(*set, "A harbour at dusk (photo: J. Doe)"), Ids{"t.run"});
  EXPECT_EQ(TextHits(*set, std::string(50, 'y') + " (photo: J. Doe)"), Ids{});
  EXPECT_EQ(TextHits(*set, "read more and subscribe"), Ids{"t.free"});
  EXPECT_EQ(TextHits(*set, "ab"), Ids{"t.alt"});
  EXPECT_EQ(TextHits(*set, "a"), Ids{"t.alt"});
}

TEST(RulesMatch, CrossTokenPatternsStayInsideOneToken) {
  auto set = BuildOk("c.ab  class  drop  a.*b\n");
  ASSERT_TRUE(set);
  EXPECT_EQ(ElementHits(*set, "div", "axxb"), Ids{"c.ab"});
  EXPECT_EQ(ElementHits(*set, "div", "a b"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "a", "b"), Ids{});
}

TEST(RulesMatch, EachAttributeTarget) {
  auto set = BuildOk(
      "t.tag   tag   drop  h[1-6]\n"
      "t.id    id    drop  content\n"
      "t.role  role  drop  navigation\n"
      "t.aria  aria  drop  share\n"
      "t.attr  attr  drop  articlebody\n");
  ASSERT_TRUE(set);
  EXPECT_EQ(ElementHits(*set, "h2", ""), Ids{"t.tag"});
  EXPECT_EQ(ElementHits(*set, "H3", ""), Ids{"t.tag"});
  EXPECT_EQ(ElementHits(*set, "h22", ""), Ids{});
  EXPECT_EQ(ElementHits(*set, "th1", ""), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "content", "main-content"), Ids{"t.id"});
  EXPECT_EQ(ElementHits(*set, "div", "", "contents"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "", "", "navigation"), Ids{"t.role"});
  EXPECT_EQ(ElementHits(*set, "div", "", "", "", "Share on Facebook"),
            Ids{"t.aria"});
  EXPECT_EQ(ElementHits(*set, "div", "", "", "", "Sharing"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "", "", "", "", "articleBody"),
            Ids{"t.attr"});
  EXPECT_EQ(ElementHits(*set, "div", "c-articlebody"), Ids{"t.attr"});
  EXPECT_EQ(ElementHits(*set, "div", "", "articlebody"), Ids{"t.attr"});
  EXPECT_EQ(ElementHits(*set, "div", "", "", "", "articlebody"), Ids{"t.attr"});
}

TEST(RulesMatch, PageLevelElementsAndTaxonomyClasses) {
  auto set = BuildOk(
      "p.sidebar  class  drop  sidebar\n"
      "p.cookie   class  drop  cookies?\n"
      "p.tags     class  drop  tag-cloud\n"
      "p.body     tag    drop  body\n");
  ASSERT_TRUE(set);
  // <html> and <body> classes describe the page: only tag rules see them.
  EXPECT_EQ(ElementHits(*set, "body", "single no-sidebar"), Ids{"p.body"});
  EXPECT_EQ(ElementHits(*set, "html", "sidebar"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "no-sidebar"), Ids{"p.sidebar"});
  // WordPress taxonomy classes say what the post is about.
  EXPECT_EQ(ElementHits(*set, "article", "post tag-cookies category-sidebar"),
            Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "tag-cloud"), Ids{"p.tags"});
}

// On a post (WordPress's "hentry", "post-12", "type-post" ... classes) a
// layout-looking "tag-links" is the tag "links"; a token that joins names
// with "and" ("region-body-and-footer") is not matched by its parts.
TEST(RulesMatch, PostTaxonomyAndJoinedNames) {
  auto set = BuildOk(
      "p.tags    class  drop  tag-?links\n"
      "p.footer  class  drop  footer\n");
  ASSERT_TRUE(set);
  EXPECT_EQ(ElementHits(*set, "div", "tag-links"), Ids{"p.tags"});
  EXPECT_EQ(ElementHits(*set, "div", "post tag-links"), Ids{"p.tags"});
  EXPECT_EQ(ElementHits(*set, "article", "post-12 hentry tag-links"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "post type-post tag-links"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "post-intro tag-links"), Ids{"p.tags"});
  EXPECT_EQ(ElementHits(*set, "div", "region-body-and-footer"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "header_AND_footer"), Ids{});
  EXPECT_EQ(ElementHits(*set, "div", "region-footer"), Ids{"p.footer"});
  EXPECT_EQ(ElementHits(*set, "div", "footer-and-more"), Ids{"p.footer"});
  EXPECT_EQ(ElementHits(*set, "div", "brand-footer"), Ids{"p.footer"});
}

TEST(RulesMatch, TextCaseFlags) {
  auto set = BuildOk(
      "c.exact  text    drop  ^Share$\n"
      "c.slash  text/i  drop  ^teilen$\n"
      "@flags i\n"
      "c.flag   text    drop  ^partager$\n"
      "c.local  text    drop  (?-i)^Compartir$\n"
      "@flags -\n"
      "c.after  text    drop  ^Delen$\n");
  ASSERT_TRUE(set);
  EXPECT_EQ(TextHits(*set, "Share"), Ids{"c.exact"});
  EXPECT_EQ(TextHits(*set, "share"), Ids{});
  EXPECT_EQ(TextHits(*set, "TEILEN"), Ids{"c.slash"});
  EXPECT_EQ(TextHits(*set, "Partager"), Ids{"c.flag"});
  EXPECT_EQ(TextHits(*set, "Compartir"), Ids{"c.local"});
  EXPECT_EQ(TextHits(*set, "compartir"), Ids{});
  EXPECT_EQ(TextHits(*set, "Delen"), Ids{"c.after"});
  EXPECT_EQ(TextHits(*set, "delen"), Ids{});
  // Case folding is Unicode-aware.
  auto uni = BuildOk("u.x  text/i  drop  ^Über uns$\n");
  EXPECT_EQ(TextHits(*uni, "ÜBER UNS"), Ids{"u.x"});
}

TEST(RulesMatch, TextIsMatchedUnanchored) {
  auto set = BuildOk("t.any  text  -1  cookie\n");
  EXPECT_EQ(TextHits(*set, "we like cookies a lot"), Ids{"t.any"});
}

TEST(RulesScope, SiteAndLanguage) {
  auto set = BuildOk(
      "s.any  text  drop  ^a$\n"
      "@site heise.de\n"
      "s.heise  text  drop  ^b$\n"
      "@lang German\n"
      "s.heise-de  text  drop  ^c$\n"
      "@site *\n"
      "s.german  text  drop  ^d$\n");
  ASSERT_TRUE(set);
  ASSERT_EQ(set->size(), 4u);
  EXPECT_TRUE(set->InScope(0, "", ""));
  EXPECT_TRUE(set->InScope(0, "example.org", "French"));
  EXPECT_TRUE(set->InScope(1, "heise.de", ""));
  EXPECT_TRUE(set->InScope(1, "www.heise.de", "English"));
  EXPECT_TRUE(set->InScope(1, "a.b.heise.de", ""));
  EXPECT_TRUE(set->InScope(1, "WWW.Heise.DE.", ""));
  EXPECT_TRUE(set->InScope(1, "www.heise.de:8080", ""));
  EXPECT_FALSE(set->InScope(1, "notheise.de", ""));
  EXPECT_FALSE(set->InScope(1, "heise.de.example.org", ""));
  EXPECT_FALSE(set->InScope(1, "de", ""));
  EXPECT_FALSE(set->InScope(1, "", ""));
  EXPECT_TRUE(set->InScope(2, "www.heise.de", "German"));
  EXPECT_TRUE(set->InScope(2, "www.heise.de", "german"));
  EXPECT_FALSE(set->InScope(2, "www.heise.de", "English"));
  EXPECT_FALSE(set->InScope(2, "www.heise.de", ""));
  EXPECT_FALSE(set->InScope(2, "golem.de", "German"));
  EXPECT_TRUE(set->InScope(3, "golem.de", "German"));
  EXPECT_FALSE(set->InScope(3, "golem.de", "Dutch"));
  EXPECT_FALSE(set->InScope(-1, "", ""));
  EXPECT_FALSE(set->InScope(4, "", ""));
  // MatchText does not apply scope.
  EXPECT_EQ(TextHits(*set, "b"), Ids{"s.heise"});
}

TEST(RulesMatch, HundredsOfGeneratedRules) {
  std::string src;
  const int kN = 300;
  for (int i = 0; i < kN; ++i) {
    const std::string n = std::to_string(i);
    src += "gen.text." + n + "  text  drop  ^(?:word" + n + "|alias" + n +
           ")(?: [a-z]+){0,3}$\n";
    src += "gen.class." + n + "  class  -1  (?:box|panel)" + n + "\n";
    src += "gen.tag." + n + "  tag  +1  x-el" + n + "\n";
  }
  std::vector<Rule> rules = ParseOk(src);
  ASSERT_EQ(rules.size(), size_t{3 * kN});
  std::unique_ptr<RuleSet> set;
  ASSERT_TRUE(RuleSet::Build(rules, &set).ok());
  ASSERT_EQ(set->size(), size_t{3 * kN});
  for (int i = 0; i < kN; i += 7) {
    const std::string n = std::to_string(i);
    EXPECT_EQ(TextHits(*set, "word" + n), Ids{"gen.text." + n});
    EXPECT_EQ(TextHits(*set, "alias" + n + " and more"), Ids{"gen.text." + n});
    EXPECT_EQ(TextHits(*set, "word" + n + " is not a short block at all"),
              Ids{});
    EXPECT_EQ(ElementHits(*set, "x-el" + n, "main-panel" + n + " box" + n),
              (Ids{"gen.class." + n, "gen.tag." + n}));
    EXPECT_EQ(ElementHits(*set, "div", "panel" + n + "x"), Ids{});
  }
}

// ---- The default rules
// -------------------------------------------------------

#ifdef WINNOW_SOURCE_DIR
const std::string kRulesDir = std::string(WINNOW_SOURCE_DIR) + "/rules";

std::unique_ptr<RuleSet> LoadSourceRules() {
  Options options;
  options.default_rules = false;
  options.rule_paths = {kRulesDir};
  std::unique_ptr<RuleSet> set;
  Status s = RuleSet::Load(options, &set);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return set;
}

// What `winnow rules check rules/` runs.
TEST(DefaultRules, CheckPasses) {
  std::vector<RuleDiagnostic> diags;
  RuleSet::Check({kRulesDir}, false, &diags);
  for (const auto& d : diags) ADD_FAILURE() << d.ToString();
}

TEST(DefaultRules, IdsArePrefixedByTheirFile) {
  auto set = LoadSourceRules();
  ASSERT_TRUE(set);
  for (size_t i = 0; i < set->size(); ++i) {
    const Rule& r = set->rule(i);
    std::string stem = fs::path(r.file).stem().string();
    if (r.file.find("/site/") != std::string::npos) {
      EXPECT_EQ(r.id.rfind("site.", 0), 0u) << r.id;
      EXPECT_FALSE(r.site.empty()) << r.id;
    } else {
      EXPECT_EQ(r.id.rfind(stem + ".", 0), 0u) << r.id << " in " << r.file;
      EXPECT_TRUE(r.site.empty()) << r.id << ": host rules go in rules/site/";
    }
  }
}

// The embedded copy is the source folder.
TEST(DefaultRules, EmbeddedMatchesSource) {
  if (kEmbeddedRulesCount == 0) GTEST_SKIP() << "no embedded rules";
  auto source = LoadSourceRules();
  std::unique_ptr<RuleSet> embedded;
  ASSERT_TRUE(RuleSet::Load(Options(), &embedded).ok());
  ASSERT_TRUE(source);
  EXPECT_EQ(source->size(), embedded->size());
}

// Returns the IDs of the rules in scope on `host` that would push `text`
// towards chrome (drop, cut, subtree or a negative score).
std::vector<std::string> ChromeHits(const RuleSet& set, const std::string& text,
                                    const std::string& host = "example.org",
                                    const std::string& lang = "") {
  std::vector<int> hits;
  set.MatchText(text, &hits);
  std::vector<std::string> out;
  for (int h : hits) {
    const Rule& r = set.rule(h);
    if (!set.InScope(h, host, lang)) continue;
    if (r.action == Action::kKeep) continue;
    if (r.action == Action::kScore && r.shift >= 0) continue;
    out.push_back(r.id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Chrome from the seed pages (a heise.de article and a company blog that
// republished it): the general rules must catch it on any host.
TEST(DefaultRules, SeedChromeIsCaughtByGeneralRules) {
  auto set = LoadSourceRules();
  ASSERT_TRUE(set);
  const char* kChrome[] = {
      "listen Print view",
      "(Image: Photon photo/Shutterstock.com)",
      "3 min. read",
      "Videos by heise",
      "(ds)",
      "Don't miss any news \xE2\x80\x93 follow us on Facebook, LinkedIn or "
      "Mastodon.",
      "This article was originally published in German. It was translated "
      "with technical assistance and editorially reviewed before "
      "publication.",
      "Comretix Blog",
      "Jetzt heise Security Pro entdecken",
      "(Diese E-Mail-Adresse ist vor Spambots gesch\xC3\xBCtzt! Zur Anzeige "
      "muss JavaScript eingeschaltet sein.)",
      "Dieser Link ist leider nicht mehr g\xC3\xBCltig. Links zu verschenkten "
      "Artikeln werden ung\xC3\xBCltig, wenn diese \xC3\xA4lter als 7 Tage "
      "sind oder zu oft aufgerufen wurden. Sie ben\xC3\xB6tigen ein heise+ "
      "Paket, um diesen Artikel zu lesen. Jetzt eine Woche unverbindlich "
      "testen \xE2\x80\x93 ohne Verpflichtung! Wochenpass bestellen",
      "Sie haben heise+ bereits abonniert? Hier anmelden.",
      "Oder ben\xC3\xB6tigen Sie mehr Informationen zum heise+ Abo",
      "(Urspr\xC3\xBCnglich geschrieben von Heise)",
      "\xC3\x97",
      "Stay Informed",
      "When you subscribe to the blog, we will send you an e-mail when there "
      "are new updates on the site so you wouldn't miss them.",
      "Neue Sicherheitsl\xC3\xBC"
      "cken in verschiedenen modernen R...",
      "Patchday SAP: NetWeaver-Produkte sind f\xC3\xBCr Schadcod...",
      "Kommentare",
      "Derzeit gibt es keine Kommentare. Schreibe den ersten Kommentar!",
      "Bereits registriert? Hier einloggen",
      "Samstag, 01. November 2025",
      "Comretix GmbH Logo",
  };
  for (const char* t : kChrome) {
    EXPECT_FALSE(ChromeHits(*set, t).empty()) << t;
  }
  // The comment heading cuts the rest of its container.
  std::vector<int> hits;
  set->MatchText("Kommentare", &hits);
  bool cut = false;
  for (int h : hits) cut |= set->rule(h).action == Action::kCut;
  EXPECT_TRUE(cut);
}

TEST(DefaultRules, SiteRulesApplyOnTheirSiteOnly) {
  auto set = LoadSourceRules();
  ASSERT_TRUE(set);
  std::vector<int> hits;
  set->MatchText("Jetzt heise Security Pro entdecken", &hits);
  bool site_hit_on_heise = false, site_hit_elsewhere = false;
  for (int h : hits) {
    if (set->rule(h).site.empty()) continue;
    site_hit_on_heise |= set->InScope(h, "www.heise.de", "German");
    site_hit_elsewhere |= set->InScope(h, "www.comretix.de", "German");
  }
  EXPECT_TRUE(site_hit_on_heise);
  EXPECT_FALSE(site_hit_elsewhere);
}

TEST(DefaultRules, MultilingualChrome) {
  auto set = LoadSourceRules();
  ASSERT_TRUE(set);
  const char* kChrome[] = {
      // Consent.
      "This website uses cookies to improve your experience. We'll assume "
      "you're ok with this, but you can opt-out if you wish. Accept",
      "Wir verwenden Cookies, um Ihnen die bestm\xC3\xB6gliche Nutzung unserer "
      "Webseite zu erm\xC3\xB6glichen. Mit Klick auf \"Alle akzeptieren\" "
      "stimmen Sie der Verwendung zu.",
      "Nous utilisons des cookies pour vous garantir la meilleure "
      "exp\xC3\xA9rience sur notre site. Si vous continuez, vous acceptez.",
      "Utilizamos cookies propias y de terceros. Si contin\xC3\xBA"
      "a "
      "navegando, consideramos que acepta su uso.",
      "Questo sito utilizza cookie tecnici. Cliccando su accetta si "
      "acconsente all'uso dei cookie.",
      "Wij gebruiken cookies om uw ervaring te verbeteren. Klik op akkoord.",
      "Alle akzeptieren",
      "Accept all cookies",
      "Tout accepter",
      // Sharing and following.
      "Share on Facebook",
      "Teilen",
      "Partager",
      "Compartir",
      "Condividi",
      "Delen",
      "Facebook Twitter LinkedIn WhatsApp E-Mail",
      "Follow us on Facebook, Twitter and Instagram",
      "Folgen Sie uns auf Mastodon",
      // Comments.
      "Comments",
      "Commentaires",
      "Comentarios",
      "Commenti",
      "Reacties",
      "Leave a Reply",
      "Kommentare lesen (12 Beitr\xC3\xA4ge)",
      "View comments (3)",
      "Lire les commentaires (7)",
      "No comments yet.",
      "Your email address will not be published. Required fields are "
      "marked *",
      // Related and read more.
      "Related articles",
      "Das k\xC3\xB6nnte Sie auch interessieren",
      "\xC3\x80 lire aussi",
      "Art\xC3\xAD"
      "culos relacionados",
      "Leggi anche",
      "Lees ook",
      "Read more",
      "Weiterlesen",
      // Subscriptions.
      "Subscribe to our newsletter",
      "Sign up",
      "Newsletter abonnieren",
      "Already a subscriber? Sign in",
      // Footers, ads, credits, navigation.
      "\xC2\xA9 2025 Example Media. All rights reserved.",
      "Impressum | Datenschutz | AGB | Kontakt",
      "Advertisement",
      "Anzeige",
      "Werbung",
      "Publicit\xC3\xA9",
      "Tags: Microsoft, Exchange",
      "Print",
      "(Bild: heise online)",
      "Foto: picture alliance / dpa",
      "Photo: Reuters",
      "Originally published on Medium.",
      "Skip to content",
      "Zum Inhalt springen",
      "Home \xE2\x80\xBA News \xE2\x80\xBA Security",
      "Back to top",
      "Page 2 of 5",
      "March 3, 2024",
      "12.03.2024",
      "Lesezeit: 4 Minuten",
  };
  for (const char* t : kChrome) {
    EXPECT_FALSE(ChromeHits(*set, t).empty()) << t;
  }
}

// Real paragraphs and headings must never be pushed towards chrome.
TEST(DefaultRules, ProseIsLeftAlone) {
  auto set = LoadSourceRules();
  ASSERT_TRUE(set);
  const char* kProse[] = {
      // The seed articles.
      "5 years after major Microsoft Exchange break-in: Chinese arrested",
      "Hundreds of thousands of MS Exchange servers were hacked in "
      "2020-2021. Now the USA wants to put a Chinese man on trial for this. "
      "He is located in Italy.",
      "The US Department of Justice reports a successful manhunt in the case "
      "of the attacks on Microsoft Exchange servers carried out worldwide in "
      "2020 and 2021: Italy has arrested the Chinese citizen Xu Z. in Milan.",
      "More than 100,000 Exchange servers are said to have been affected in "
      "the USA, and several tens of thousands in Germany.",
      "The case is pending in the US Federal District Court for Southern "
      "Texas under case number 4:23-cr-00523.",
      "Mehr als 100.000 Exchange-Server sollen in den USA betroffen gewesen "
      "sein, in Deutschland mehrere Zehntausend.",
      "Als Microsoft Anfang M\xC3\xA4rz 2021 Sicherheitsupdates "
      "ver\xC3\xB6"
      "ffentlichte, wurden die Angriffe ein weiteres Mal "
      "verst\xC3\xA4rkt.",
      "Das Verfahren ist am US-Bundesbezirksgericht f\xC3\xBCr das "
      "s\xC3\xBC"
      "dliche Texas unter dem Az. 4:23-cr-00523 anh\xC3\xA4ngig.",
      // Sentences that start like chrome.
      "Share prices fell sharply on Monday after the company announced its "
      "results.",
      "Copyright law in the European Union has changed significantly since "
      "2019.",
      "By the end of 2020, the perpetrators had begun exploiting unknown "
      "vulnerabilities.",
      "Photo apps have become more popular than ever among teenagers, a "
      "study found.",
      "This website uses cookies to track users across sites, the regulator "
      "found, and fined it for violating privacy rules.",
      "Nous utilisons des cookies depuis des ann\xC3\xA9"
      "es, explique le "
      "chercheur, mais la confidentialit\xC3\xA9 reste un probl\xC3\xA8me.",
      "Die Kommentare des Ministers sorgten f\xC3\xBCr Aufregung im "
      "Bundestag.",
      "Lire la suite des \xC3\xA9v\xC3\xA9nements reste difficile pour les "
      "observateurs.",
      "Registrati nel 2020, i dati mostrano una crescita costante.",
      "Abbonati e lettori hanno reagito con entusiasmo alla nuova versione.",
      "(c) the processing is necessary for compliance with a legal "
      "obligation;",
      "Written by a team of scientists, the report warns of rising "
      "temperatures.",
      "Keine News verpassen: Das ist das Versprechen vieler Apps, doch die "
      "Realit\xC3\xA4t sieht anders aus.",
      "Le gouvernement a annonc\xC3\xA9 lundi un plan d'investissement.",
      "El gobierno anunci\xC3\xB3 el lunes un plan de inversi\xC3\xB3n.",
      "Il governo ha annunciato luned\xC3\xAC un piano di investimenti.",
      "De regering heeft maandag een investeringsplan aangekondigd.",
      // Headings: the German singular labels an opinion piece.
      "Kommentar",
      "Why Exchange servers remain a target",
      "Wie die Angreifer vorgingen",
  };
  for (const char* t : kProse) {
    EXPECT_EQ(ChromeHits(*set, t), Ids{}) << t;
    EXPECT_EQ(ChromeHits(*set, t, "www.heise.de", "German"), Ids{}) << t;
  }
}

TEST(DefaultRules, ElementRules) {
  auto set = LoadSourceRules();
  ASSERT_TRUE(set);
  auto has_prefix = [&](const Ids& ids, const std::string& prefix) {
    for (const auto& id : ids) {
      if (id.rfind(prefix, 0) == 0) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_prefix(ElementHits(*set, "nav", ""), "navigation."));
  EXPECT_TRUE(
      has_prefix(ElementHits(*set, "div", "cookie-banner"), "consent."));
  EXPECT_TRUE(has_prefix(ElementHits(*set, "div", "", "onetrust-banner-sdk"),
                         "consent."));
  EXPECT_TRUE(
      has_prefix(ElementHits(*set, "div", "sharedaddy sd-sharing"), "social."));
  EXPECT_TRUE(
      has_prefix(ElementHits(*set, "div", "", "comments"), "comments."));
  EXPECT_TRUE(
      has_prefix(ElementHits(*set, "div", "jp-relatedposts"), "related."));
  EXPECT_TRUE(
      has_prefix(ElementHits(*set, "div", "entry-content"), "containers."));
  EXPECT_TRUE(has_prefix(
      ElementHits(*set, "div", "", "", "", "", "articleBody"), "containers."));
  EXPECT_TRUE(has_prefix(ElementHits(*set, "div", "entry-author"),
                         "containers."));
  // Page-builder and layout classes are not sidebars or widgets; a post
  // marked with its author's name or its tags is not an author box or a
  // tag list.
  for (const char* cls :
       {"elementor-widget-container", "content-sidebar-wrap", "no-sidebar",
        "post tag-social-media category-comments tag-cookies",
        "post entry-author-jane_doe", "post-7 hentry tag-links tag-menu",
        "region-body-and-footer"}) {
    std::vector<int> hits;
    set->MatchElement("div", cls, "", "", "", "", &hits);
    for (int h : hits) {
      const Rule& r = set->rule(h);
      EXPECT_FALSE(r.action == Action::kDrop || r.action == Action::kSubtree ||
                   r.action == Action::kCut ||
                   (r.action == Action::kScore && r.shift < 0))
          << cls << " hit " << r.id;
    }
  }
}
#endif  // WINNOW_SOURCE_DIR

// ---- Matching stays exact although text rules are matched in several
// RE2::Sets with their large counted repetitions relaxed (RelaxedPattern).

TEST(RuleMatching, CountedRepetitionsStayExact) {
  auto set = BuildOk(
      "t.range   text  drop  ^a{2,9}$\n"
      "t.exact   text  drop  ^b{12}$\n"
      "t.open    text  drop  ^c{10,}$\n"
      "t.tail    text  drop  ^x:[^\\n]{0,20}$\n"
      "t.lazy    text  drop  ^y{8,9}?z$\n");
  EXPECT_EQ(TextHits(*set, "a"), Ids{});
  EXPECT_EQ(TextHits(*set, "aa"), Ids{"t.range"});
  EXPECT_EQ(TextHits(*set, std::string(9, 'a')), Ids{"t.range"});
  EXPECT_EQ(TextHits(*set, std::string(10, 'a')), Ids{});
  EXPECT_EQ(TextHits(*set, std::string(12, 'b')), Ids{"t.exact"});
  EXPECT_EQ(TextHits(*set, std::string(11, 'b')), Ids{});
  EXPECT_EQ(TextHits(*set, std::string(13, 'b')), Ids{});
  EXPECT_EQ(TextHits(*set, std::string(9, 'c')), Ids{});
  EXPECT_EQ(TextHits(*set, std::string(40, 'c')), Ids{"t.open"});
  EXPECT_EQ(TextHits(*set, "x:" + std::string(20, '.')), Ids{"t.tail"});
  EXPECT_EQ(TextHits(*set, "x:" + std::string(21, '.')), Ids{});
  EXPECT_EQ(TextHits(*set, std::string(8, 'y') + "z"), Ids{"t.lazy"});
  EXPECT_EQ(TextHits(*set, std::string(7, 'y') + "z"), Ids{});
}

// A relaxed pattern keeps its lower bounds (X{2,10} becomes X{2,}), so a
// hit on a text no longer than the smallest upper bound needs no check with
// the exact pattern; longer texts get the check. Lengths are code points.
TEST(RuleMatching, RelaxedHitsOnShortTextsStayExact) {
  auto set = BuildOk(
      "t.low    text  drop  ^a[\\s\\S]{2,10}$\n"
      "t.cps    text  drop  ^[\\s\\S]{0,9}!$\n"
      "t.high   text  drop  ^b[\\s\\S]{9,12}$\n");
  const std::string e = "\xC3\xA9";  // U+00E9, two bytes
  EXPECT_EQ(TextHits(*set, "ax"), Ids{});
  EXPECT_EQ(TextHits(*set, "axx"), Ids{"t.low"});
  EXPECT_EQ(TextHits(*set, "a" + std::string(10, 'x')), Ids{"t.low"});
  EXPECT_EQ(TextHits(*set, "a" + std::string(11, 'x')), Ids{});
  std::string nine, ten;
  for (int i = 0; i < 9; ++i) nine += e;
  ten = nine + e;
  EXPECT_EQ(TextHits(*set, nine.substr(2) + "!"), Ids{"t.cps"});
  EXPECT_EQ(TextHits(*set, nine + "!"), Ids{"t.cps"});
  EXPECT_EQ(TextHits(*set, ten + "!"), Ids{});
  EXPECT_EQ(TextHits(*set, "bxxx"), Ids{});
  EXPECT_EQ(TextHits(*set, "b" + std::string(9, 'x')), Ids{"t.high"});
  EXPECT_EQ(TextHits(*set, "b" + std::string(13, 'x')), Ids{});
}

// The exact pattern confirms a hit in its narrow form (narrow.h) when the
// text has one, else in UTF-8: both give the hits RE2 gives in UTF-8.
TEST(RuleMatching, ExactPatternsAgreeOutsideAscii) {
  auto set = BuildOk(
      "@flags i\n"
      "t.tail   text  drop  ^[\\s\\S]{0,9}\xC3\xA9$\n"
      "t.long   text  drop  ^\xC5\xBF[\\s\\S]{0,9}$\n");
  const std::string quote = "\xE2\x80\x9C", l = "\xC5\x82";
  auto times = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  EXPECT_EQ(TextHits(*set, times(quote, 9) + "\xC3\x89"), Ids{"t.tail"});
  EXPECT_EQ(TextHits(*set, times(quote, 10) + "\xC3\xA9"), Ids{});
  EXPECT_EQ(TextHits(*set, times(l, 9) + "\xC3\x89"), Ids{"t.tail"});
  EXPECT_EQ(TextHits(*set, times(l, 10) + "\xC3\xA9"), Ids{});
  EXPECT_EQ(TextHits(*set, "S" + times(quote, 9)), Ids{"t.long"});
  EXPECT_EQ(TextHits(*set, "s" + times(quote, 10)), Ids{});
}

TEST(RuleMatching, BracesThatAreNotRepetitionsStay) {
  auto set = BuildOk(
      "t.hex     text  drop  ^\\x{41}{2}$\n"
      "t.class   text  drop  ^[{]{1}9,10}$\n"
      "t.quoted  text  drop  ^\\Qq{2,30}\\E$\n"
      "t.posix   text  drop  ^[[:digit:]{]+$\n");
  EXPECT_EQ(TextHits(*set, "AA"), Ids{"t.hex"});
  EXPECT_EQ(TextHits(*set, "{9,10}"), Ids{"t.class"});
  EXPECT_EQ(TextHits(*set, "q{2,30}"), Ids{"t.quoted"});
  EXPECT_EQ(TextHits(*set, "qq"), Ids{});
  EXPECT_EQ(TextHits(*set, "12{3"), Ids{"t.posix"});
}

TEST(RuleMatching, ManyRulesAcrossSets) {
  // More rules than one Set holds: every rule is still found, once.
  std::string src;
  for (int i = 0; i < 150; ++i) {
    src += "t.r" + std::to_string(i) + "  text  drop  ^w" + std::to_string(i) +
           "(?: .{0,30})?$\n";
  }
  auto set = BuildOk(src);
  for (int i : {0, 63, 64, 127, 128, 149}) {
    EXPECT_EQ(TextHits(*set, "w" + std::to_string(i) + " and more"),
              Ids{"t.r" + std::to_string(i)})
        << i;
  }
  EXPECT_EQ(TextHits(*set, "w5 " + std::string(31, 'x')), Ids{});
}

}  // namespace
}  // namespace winnow
