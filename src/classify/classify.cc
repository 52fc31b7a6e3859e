// Copyright winnow authors. Licensed under the MIT licence.

#include "classify/classify.h"

#include "classify/passes.h"
#include "util/ascii.h"
#include "util/budget.h"

namespace winnow {

std::string HostOf(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string_view host =
      url.substr(start, end == std::string_view::npos ? url.npos : end - start);
  const size_t at = host.rfind('@');
  if (at != std::string_view::npos) host.remove_prefix(at + 1);
  const size_t colon = host.find(':');
  if (colon != std::string_view::npos) host = host.substr(0, colon);
  std::string out(host);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

bool IsCommentRule(const Rule& rule) {
  std::string_view file = rule.file;
  const size_t slash = file.rfind('/');
  if (slash != std::string_view::npos) file.remove_prefix(slash + 1);
  return file == "comments.rules";
}

bool ClassifyState::Enabled(int r) const {
  if (!rules.InScope(r, host, page.lang)) return false;
  // The comments group steps aside when the user wants comments.
  if (options.comments && IsCommentRule(rules.rule(r))) return false;
  return true;
}

bool ClassifyState::TakesArticle(int first, int end) const {
  const double total = region_prose.empty() ? 0 : region_prose.back();
  if (!use_region || total <= 0) return false;
  return region_prose[end] - region_prose[first] >
         model.max_structural_share * total;
}

void ClassifyState::Force(const Range& r) {
  if (TakesArticle(r.first, r.end)) return;
  for (int b = r.first; b < r.end; ++b) {
    if (forced[b] < 0) forced[b] = r.rule;
  }
}

bool Classify(const Page& page, const RuleSet& rules, const Model& model,
              const Options& options, std::string_view host, PageBudget* budget,
              std::vector<Decision>* out) {
  out->assign(page.blocks.size(), Decision());
  rules.BeginPage();
  ClassifyState state(page, rules, options, model, host);
  MatchAttributeRules(&state);
  FindMainAndHardRules(&state);
  size_t rule_ids = 0;
  if (!ScoreBlocks(&state, budget, &rule_ids, out)) return false;
  MarkCaptions(&state, out);
  DecideByContext(state, out);
  return budget == nullptr || budget->Hold(rule_ids * sizeof(int));
}

}  // namespace winnow
