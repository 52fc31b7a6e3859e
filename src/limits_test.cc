// Copyright winnow authors. Licensed under the MIT licence.
//
// The per-page limits of Options, end to end through Extractor::Extract.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "winnow/winnow.h"

namespace winnow {
namespace {

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

std::unique_ptr<Extractor> Make(const Options& options) {
  std::unique_ptr<Extractor> ex;
  EXPECT_TRUE(Extractor::Create(options, &ex).ok());
  return ex;
}

Input Page(std::string_view html) {
  Input input;
  input.bytes = html;
  return input;
}

const char kArticle[] =
    "<p>The harbour bridge reopened on Monday after three months of repairs, "
    "the city council said in a statement, and traffic is expected to "
    "return to normal by the end of the week.</p>";

TEST(LimitsTest, DeepPageIsExtractedWithAWarning) {
  Options options;
  options.max_depth = 64;
  const std::string html = "<html><body>" + Repeat("<div>", 5000) + kArticle +
                           Repeat("</div>", 5000) + "</body></html>";
  Extraction out;
  ASSERT_TRUE(Make(options)->Extract(Page(html), &out).ok());
  EXPECT_NE(out.text.find("harbour bridge reopened"), std::string::npos);
  ASSERT_FALSE(out.warnings.empty());
  EXPECT_NE(out.warnings.back().find("--max-depth (64)"), std::string::npos)
      << out.warnings.back();
}

TEST(LimitsTest, AttributesOverTheLimitAreDroppedWithAWarning) {
  Options options;
  options.max_attributes = 10;
  std::string div = "<div";
  // Attributes that a stage reads: the pre-parse strip removes the others.
  for (int i = 0; i < 1000; ++i) div += " class=a" + std::to_string(i);
  const std::string html = "<html><body>" + div + ">" + kArticle + "</div>";
  Extraction out;
  ASSERT_TRUE(Make(options)->Extract(Page(html), &out).ok());
  EXPECT_NE(out.text.find("harbour bridge reopened"), std::string::npos);
  ASSERT_FALSE(out.warnings.empty());
  EXPECT_NE(out.warnings.back().find("990 attributes"), std::string::npos)
      << out.warnings.back();
}

TEST(LimitsTest, OrdinaryPageHasNoWarnings) {
  Extraction out;
  ASSERT_TRUE(Make(Options())
                  ->Extract(Page(std::string("<html><body>") + kArticle), &out)
                  .ok());
  EXPECT_TRUE(out.warnings.empty());
}

TEST(LimitsTest, OverMaxParseBytesFailsWithResourceExhausted) {
  Options options;
  options.max_parse_bytes = 256 << 10;
  Extraction out;
  const Status s = Make(options)->Extract(Page(Repeat(kArticle, 2000)), &out);
  EXPECT_EQ(s.code(), Status::Code::kResourceExhausted);
  EXPECT_NE(s.message().find("--max-parse-bytes"), std::string::npos);
}

TEST(LimitsTest, OverMaxMillisFailsWithResourceExhausted) {
  Options options;
  options.max_millis = 1;
  Extraction out;
  const Status s = Make(options)->Extract(Page(Repeat(kArticle, 20000)), &out);
  EXPECT_EQ(s.code(), Status::Code::kResourceExhausted);
  EXPECT_NE(s.message().find("--max-millis (1 ms)"), std::string::npos)
      << s.message();
}

TEST(LimitsTest, LongPageIsCutAtMaxPageBytes) {
  Options options;
  options.max_page_bytes = 4096;
  Extraction out;
  ASSERT_TRUE(Make(options)->Extract(Page(Repeat(kArticle, 1000)), &out).ok());
  EXPECT_LT(out.text.size(), 4096u);
  ASSERT_FALSE(out.warnings.empty());
  EXPECT_NE(out.warnings.front().find("--max-page-bytes"), std::string::npos);
}

}  // namespace
}  // namespace winnow
