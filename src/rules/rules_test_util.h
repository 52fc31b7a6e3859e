// Copyright winnow authors. Licensed under the MIT licence.
//
// Helpers the rules' tests share (rules_test.cc, prefix_test.cc,
// chunk_filter_test.cc).

#ifndef WINNOW_RULES_RULES_TEST_UTIL_H_
#define WINNOW_RULES_RULES_TEST_UTIL_H_

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "rules/internal.h"  // RuleSet::Cold
#include "rules/rules.h"

namespace winnow {
namespace rules_test {

using Ids = std::vector<std::string>;

// The IDs of the rules that match `text`, sorted.
inline Ids TextHits(const RuleSet& set, std::string_view text) {
  std::vector<int> hits;
  set.MatchText(text, &hits);
  Ids ids;
  for (int h : hits) ids.push_back(set.rule(h).id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Ends a rule set's cold start (RuleSet::Cold) as a batch's second page
// does, so that what follows is matched with the Sets.
inline void WarmUp(const RuleSet& set) {
  set.BeginPage();
  set.BeginPage();
}

// Elements that hit many default attribute rules, in their start, their
// parts and their whole tokens, and that hit none.
struct SampleElement {
  const char *tag, *cls, *id;
};
inline const std::vector<SampleElement>& SampleElements() {
  static const std::vector<SampleElement> kElements = {
      {"div", "post", "post-4711"},
      {"nav", "main-nav", ""},
      {"aside", "sidebar widget", "secondary"},
      {"div", "cookie-banner", "consent"},
      {"section", "comments-area", "comments"},
      {"footer", "site-footer", ""},
      {"div", "share-buttons", ""},
      {"div", "entry-content", ""},
      {"div", "related-posts", ""},
      {"div", "ad-slot ads", "ad-1"},
      {"div", "tag-cookies", ""},
      {"body", "single-post", ""},
      {"div", "Kelvin-\u212A", ""},
      {"div", "flex items-center justify-between gap-4 md:px-8", ""},
      {"div", "wp-block-group has-background is-layout-flow", ""},
      {"div", "col-12 col-lg-8 article__body js-article-body", "main"},
      {"div", "\u212Aontakt Kelvin-\u212A", ""},
      {"header", "header-inner sticky-top", "masthead"},
  };
  return kElements;
}

// A fresh folder under the system temp folder, removed on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("winnow_rules_test_" + std::to_string(::getpid()) + "_" +
             std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  // Writes `contents` to `rel` below the folder; returns its path.
  std::string Write(const std::string& rel, const std::string& contents) {
    const std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << contents;
    return p.generic_string();
  }
  std::string path() const { return path_.generic_string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace rules_test
}  // namespace winnow

#endif  // WINNOW_RULES_RULES_TEST_UTIL_H_
