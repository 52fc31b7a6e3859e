// Copyright winnow authors. Licensed under the MIT licence.
//
// libFuzzer harness: the rule-file parser and the rule-set compiler, then
// matching with what compiled.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "rules/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  std::vector<winnow::Rule> rules;
  std::vector<winnow::RuleDiagnostic> diags;
  winnow::ParseRules(source, "fuzz.rules", &rules, &diags);
  for (const winnow::RuleDiagnostic& d : diags) (void)d.ToString();
  std::unique_ptr<winnow::RuleSet> set;
  if (!winnow::RuleSet::Build(std::move(rules), &set).ok()) return 0;
  std::vector<int> hits;
  set->MatchText("We use cookies to improve your experience. Accept all",
                 &hits);
  set->MatchText(source.substr(0, 256), &hits);
  set->MatchElement("div", "cookie-banner nav main-nav", "share-bar",
                    "navigation", "Cookie settings", "articleBody", &hits);
  for (size_t i = 0; i < set->size(); ++i)
    (void)set->InScope(static_cast<int>(i), "www.heise.de", "German");
  return 0;
}
