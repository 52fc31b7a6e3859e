// Copyright winnow authors. Licensed under the MIT licence.

#include "meta/meta.h"

#include <gtest/gtest.h>

#include <string>

#include "meta/date.h"
#include "meta/jsonld.h"
#include "meta/language.h"
#include "meta/metadata_format.h"
#include "meta/simhash.h"
#include "meta/url.h"

namespace winnow {
namespace {

Extraction Extract(const std::string& html, const std::string& url = "") {
  std::unique_ptr<Extractor> ex;
  EXPECT_TRUE(Extractor::Create(Options(), &ex).ok());
  Extraction out;
  Input in;
  in.bytes = html;
  in.url = url;
  EXPECT_TRUE(ex->Extract(in, &out).ok());
  return out;
}

const char kProse[] =
    "<p>The council met on Tuesday evening to discuss the new budget for the "
    "coming year, and after a long debate the members agreed to fund the "
    "library and the swimming pool for another three years.</p>";

TEST(ResolveUrl, RelativeAbsoluteAndOtherSchemes) {
  const char* base = "https://Example.org/a/b/page.html?q=1#f";
  EXPECT_EQ(ResolveUrl(base, "img/x.jpg"), "https://Example.org/a/b/img/x.jpg");
  EXPECT_EQ(ResolveUrl(base, "../x.jpg"), "https://Example.org/a/x.jpg");
  EXPECT_EQ(ResolveUrl(base, "/x.jpg?s=2"), "https://Example.org/x.jpg?s=2");
  EXPECT_EQ(ResolveUrl(base, "//cdn.org/x.jpg"), "https://cdn.org/x.jpg");
  EXPECT_EQ(ResolveUrl(base, "?p=2"), "https://Example.org/a/b/page.html?p=2");
  EXPECT_EQ(ResolveUrl(base, " http://o.org/y "), "http://o.org/y");
  EXPECT_EQ(ResolveUrl(base, "javascript:void(0)"), "");
  EXPECT_EQ(ResolveUrl("", "img/x.jpg"), "");
  EXPECT_EQ(ResolveUrl("https://e.org", "x"), "https://e.org/x");
}

TEST(HostnameOf, KeepsWwwDropsPortAndUser) {
  EXPECT_EQ(HostnameOf("https://user@WWW.Heise.de:443/x"), "www.heise.de");
  EXPECT_EQ(HostnameOf("page.html"), "");
}

TEST(NormalizeDate, DatesAndTimestampsAsGiven) {
  EXPECT_EQ(NormalizeDate("2024-05-14"), "2024-05-14");
  EXPECT_EQ(NormalizeDate("2024/05/14"), "2024-05-14");
  EXPECT_EQ(NormalizeDate("2024-05-14T10:20:30+02:00"), "2024-05-14T10:20:30+02:00");
  EXPECT_EQ(NormalizeDate("2024-05-14 10:20"), "2024-05-14T10:20");
  EXPECT_EQ(NormalizeDate("2024-05-14T10:20:30.5Z junk"), "2024-05-14T10:20:30.5Z");
  EXPECT_EQ(NormalizeDate("2024-13-14"), "");
  EXPECT_EQ(NormalizeDate("14.05.2024"), "");
  EXPECT_EQ(NormalizeDate(""), "");
}

TEST(DateFromUrl, SlashAndDashForms) {
  EXPECT_EQ(DateFromUrl("https://e.org/2024/05/14/story"), "2024-05-14");
  EXPECT_EQ(DateFromUrl("https://e.org/news/2023-01-02-title"), "2023-01-02");
  EXPECT_EQ(DateFromUrl("https://e.org/2024/05/story"), "");
  EXPECT_EQ(DateFromUrl("https://e.org/x?d=/2024/05/14/"), "");
  EXPECT_EQ(DateFromUrl("https://e.org/id/12345678901"), "");
}

TEST(SimHash, NearDuplicatesAreCloseUnrelatedFar) {
  const std::string a =
      "the quick brown fox jumps over the lazy dog while the farmer sleeps "
      "under the old oak tree near the river and dreams of a rich harvest "
      "in the autumn when the leaves turn golden and the days grow short";
  std::string b = a;
  b.replace(b.find("farmer"), 6, "shepherd");
  const std::string c =
      "stock markets fell sharply on monday as investors worried about "
      "rising interest rates and weaker than expected earnings from several "
      "large technology companies in the united states and in europe";
  EXPECT_LE(HammingDistance(SimHash(a), SimHash(b)), 12);
  EXPECT_GE(HammingDistance(SimHash(a), SimHash(c)), 16);
  EXPECT_EQ(SimHash(a), SimHash("The QUICK brown fox, jumps over the lazy dog "
                                "while the farmer sleeps under the old oak tree "
                                "near the river and dreams of a rich harvest in "
                                "the autumn when the leaves turn golden and the "
                                "days grow short."));
  EXPECT_EQ(SimHash(""), 0u);
  EXPECT_EQ(HexFingerprint(0x0123456789abcdefULL), "0123456789abcdef");
}

// SimHash streams the words and keeps three; these values are the ones the
// list-of-all-words version gave (fingerprints are in the output, so they
// must not move): fewer words than a shingle, copies for upper-case and
// non-ASCII words, apostrophes trimmed, a long text.
TEST(SimHash, FingerprintsOfTrickyTextsStayThoseOfTheWordList) {
  EXPECT_EQ(HexFingerprint(SimHash("...")), "0000000000000000");
  EXPECT_EQ(HexFingerprint(SimHash("x")), "2c782ac22891188e");
  EXPECT_EQ(HexFingerprint(SimHash("One")), "8f5beae94a0a2c61");
  EXPECT_EQ(HexFingerprint(SimHash("one TWO")), "43da5b007a74463d");
  EXPECT_EQ(HexFingerprint(SimHash("One two three")), "8108c00b40a63a6c");
  EXPECT_EQ(HexFingerprint(SimHash("a b c d e f")), "0a1024142d4c0318");
  EXPECT_EQ(HexFingerprint(SimHash(
                "'Tis the \xC3\x9Cn\xC3\xAF" "code-Stra\xC3\x9F" "e, "
                "don\xE2\x80\x99t it?")),
            "63492051b2024ba1");
  EXPECT_EQ(HexFingerprint(SimHash(
                "Rock'n'roll ''quoted'' \xC3\x89" "COLE \xC3\xA9" "cole "
                "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 "
                "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 "
                "\xE4\xB8\xAD\xE6\x96\x87")),
            "9b2993e8ea6658b9");
  std::string big;
  for (int i = 0; i < 300; ++i) {
    big += "Word" + std::to_string(i % 37) +
           " the \xC3\x89T\xC3\x89 l'\xC3\xA9t\xC3\xA9, ";
  }
  EXPECT_EQ(HexFingerprint(SimHash(big)), "52eac893c785fe96");
}

TEST(DetectLanguage, TextDecidesHintsBreakTies) {
  EXPECT_EQ(DetectLanguage("Der Gemeinderat hat am Dienstag über den neuen "
                           "Haushalt beraten und nach langer Debatte die "
                           "Bibliothek und das Schwimmbad weiter finanziert.",
                           "", "en"),
            "de");
  EXPECT_EQ(DetectLanguage("市议会周二晚上开会讨论了明年的新预算，经过长时间的辩论，"
                           "议员们同意继续为图书馆和游泳池提供三年的资金。",
                           "", ""),
            "zh");
  EXPECT_EQ(DetectLanguage("", "", "fr-FR"), "fr");
  EXPECT_EQ(DetectLanguage("", "de-AT, en", ""), "de");
  EXPECT_EQ(DetectLanguage("", "", ""), "");
  EXPECT_EQ(PrimaryLanguageTag("en_US"), "en");
  EXPECT_EQ(PrimaryLanguageTag("deu"), "");
}

TEST(CutSiteName, OnlyTheSiteNameGoes) {
  EXPECT_EQ(CutSiteName("A story | Daily  news", "daily news"), "A story");
  EXPECT_EQ(CutSiteName("A story - Site", "Site"), "A story");
  EXPECT_EQ(CutSiteName("A story \xE2\x80\x94 Site", "Site"), "A story");
  EXPECT_EQ(CutSiteName("A story - Other", "Site"), "A story - Other");
  EXPECT_EQ(CutSiteName("A story | Site", ""), "A story | Site");
}

TEST(CleanAuthor, BylinePrefixesAndNonNames) {
  EXPECT_EQ(CleanAuthor("By Jane Doe"), "Jane Doe");
  EXPECT_EQ(CleanAuthor("Von Max Muster,"), "Max Muster");
  EXPECT_EQ(CleanAuthor("https://example.org/jane"), "");
  EXPECT_EQ(CleanAuthor("one two three four five six seven eight nine"), "");
}

TEST(ReadJsonLd, GraphArticleFirstAndShapes) {
  JsonLdFacts f;
  ReadJsonLd({R"({"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"The Site","description":"site"},
      {"@type":["NewsArticle"],"author":[{"@type":"Person","name":"A One"},"B Two"],
       "datePublished":"2024-05-14T08:00:00Z","publisher":{"name":"Pub"},
       "keywords":"x, y ,x","articleSection":["Politics"],
       "image":{"url":"/i.jpg"},"description":"art"}]})",
              "{not json", R"([{"@type":"Person","name":"Z"}])"},
             &f);
  EXPECT_EQ(f.authors, (std::vector<std::string>{"A One", "B Two"}));
  EXPECT_EQ(f.date_published, "2024-05-14T08:00:00Z");
  EXPECT_EQ(f.publisher, "Pub");
  EXPECT_EQ(f.website_name, "The Site");
  EXPECT_EQ(f.description, "art");
  EXPECT_EQ(f.keywords, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(f.sections, (std::vector<std::string>{"Politics"}));
  EXPECT_EQ(f.image, "/i.jpg");
}

TEST(ResolveMetadata, JsonLdBeatsOpenGraphBeatsMeta) {
  const Extraction e = Extract(
      std::string("<html lang=en><head><title>T | Site</title>"
                  "<meta property=og:site_name content=Site>"
                  "<meta name=author content='Meta Author'>"
                  "<meta property=article:published_time content=2020-01-01>"
                  "<meta name=description content='meta desc'>"
                  "<meta property=og:description content='og desc'>"
                  "<meta property=og:image content='/img/a.jpg'>"
                  "<link rel=canonical href='/canon'>"
                  "<script type=application/ld+json>{\"@type\":\"Article\","
                  "\"author\":{\"name\":\"LD Author\"},"
                  "\"datePublished\":\"2021-02-03\"}</script></head><body>") +
          kProse + "</body></html>",
      "https://www.example.org/2019/01/01/x");
  EXPECT_EQ(e.title, "T");
  EXPECT_EQ(e.author, "LD Author");
  EXPECT_EQ(e.date, "2021-02-03");
  EXPECT_EQ(e.sitename, "Site");
  EXPECT_EQ(e.description, "og desc");
  EXPECT_EQ(e.image, "https://www.example.org/img/a.jpg");
  EXPECT_EQ(e.canonical_url, "https://www.example.org/canon");
  EXPECT_EQ(e.hostname, "www.example.org");
  EXPECT_EQ(e.language, "en");
  EXPECT_EQ(e.text_length, 192);
  EXPECT_EQ(e.fingerprint.size(), 16u);
}

TEST(ResolveMetadata, FallbacksH1TimeBylineUrlDate) {
  Extraction e = Extract(std::string("<body><h1>Heading</h1>"
                                     "<span class='byline'>By Jo Bloggs</span>"
                                     "<article><time datetime='2022-03-04T05:06'>"
                                     "x</time>") +
                         kProse + "</article></body>");
  EXPECT_EQ(e.title, "Heading");
  EXPECT_EQ(e.author, "Jo Bloggs");
  EXPECT_EQ(e.date, "2022-03-04T05:06");
  e = Extract(std::string("<body>") + kProse + "</body>",
              "https://e.org/2018/07/09/story");
  EXPECT_EQ(e.date, "2018-07-09");
  EXPECT_EQ(e.title, "");
  EXPECT_EQ(e.author, "");
}

TEST(ResolveMetadata, NothingGivenNothingInvented) {
  const Extraction e = Extract("<html><body></body></html>");
  std::string json;
  AppendMetadataJson(e, &json);
  EXPECT_EQ(json, ",\"encoding\":\"UTF-8\",\"text_length\":0");
}

TEST(ResolveMetadata, AMillionMetaTagsAreBounded) {
  std::string html = "<head>";
  for (int i = 0; i < 5000; ++i) html += "<meta name=keywords content='k" +
                                         std::to_string(i) + "'>";
  html += "</head><body>" + std::string(kProse) + "</body>";
  const Extraction e = Extract(html);
  ASSERT_EQ(e.tags.size(), 32u);
  EXPECT_EQ(e.tags[0], "k0");
}

TEST(MetadataFormat, JsonMembersAndLinesInFixedOrder) {
  Extraction e;
  e.title = "T";
  e.author = "A";
  e.tags = {"x", "y"};
  e.language = "de";
  e.encoding = "UTF-8";
  e.warnings = {"w1", "w2\nx"};
  e.text_length = 42;
  e.fingerprint = "00000000000000ff";
  std::string json;
  AppendMetadataJson(e, &json);
  EXPECT_EQ(json,
            ",\"author\":\"A\",\"tags\":[\"x\",\"y\"],\"language\":\"de\","
            "\"encoding\":\"UTF-8\",\"warnings\":[\"w1\",\"w2\\nx\"],"
            "\"text_length\":42,\"fingerprint\":\"00000000000000ff\"");
  std::string lines;
  AppendMetadataLines(e, &lines);
  EXPECT_EQ(lines,
            "title: T\nauthor: A\ntags: x, y\nlanguage: de\nencoding: UTF-8\n"
            "warnings: w1; w2 x\ntext_length: 42\nfingerprint: 00000000000000ff\n");
  JsonValue v;
  EXPECT_FALSE(MetadataField(e, "nope", &v));
  ASSERT_TRUE(MetadataField(e, "date", &v));
  EXPECT_TRUE(v.is_null());
}

}  // namespace
}  // namespace winnow
