// Copyright winnow authors. Licensed under the MIT licence.
//
// Build-time tool: writes the table of the embedded rules' analyses
// (src/rules/facts.h).
//   winnow_rule_facts OUT.cc
// reads the rules this tool was linked with (kEmbeddedRules, the build's
// embedded copy of rules/), runs MatchPrefixes, RequiredLiterals,
// KindOfText and RelaxedPattern on every input the rule set gives them when it
// loads and on its first subjects (compile.cc, match.cc), and writes their
// answers as a C++ source. It links the analysis sources, never the table it
// writes. It fails, and the build with it, on a rule file that does not parse
// or an ID defined twice, which RuleSet::Load then need not check.

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "embed/literal.h"
#include "rules/internal.h"
#include "rules/literals.h"
#include "rules/prefix.h"
#include "rules/rules.h"

namespace winnow {
namespace {

using rules_internal::TextKind;

// The table's strings: every distinct one once in a byte pool (kFactBytes),
// and the answers' lists as runs of kFactStrings.
class Writer {
 public:
  // "{offset, size}" of `s` in the pool, added when new.
  std::string Text(const std::string& s) {
    auto it = offsets_.find(s);
    if (it == offsets_.end()) {
      it = offsets_.emplace(s, bytes_.size()).first;
      bytes_ += s;
    }
    return "{" + std::to_string(it->second) + ", " + std::to_string(s.size()) +
           "}";
  }
  // "{known, first, count}" for an answer, its strings added as a run.
  std::string List(bool known, const std::vector<std::string>& list) {
    const size_t first = strings_.size();
    if (known) {
      for (const std::string& s : list) strings_.push_back(Text(s));
    }
    return "{" + std::string(known ? "true" : "false") + ", " +
           std::to_string(first) + ", " +
           std::to_string(known ? list.size() : 0) + "}";
  }
  // The definitions of kFactBytes and kFactStrings.
  std::string Pool() const {
    std::string out = "extern const char kFactBytes[] =";
    AppendStringLiteral(bytes_, &out);
    out += ";\nextern const FactText kFactStrings[] = {\n";
    for (const std::string& s : strings_) out += "  " + s + ",\n";
    if (strings_.empty()) out += "  {0, 0},\n";
    return out + "};\n";
  }

 private:
  std::string bytes_;
  std::map<std::string, size_t> offsets_;
  std::vector<std::string> strings_;
};

const char* KindName(TextKind k) {
  switch (k) {
    case TextKind::kAnchored:
      return "TextKind::kAnchored";
    case TextKind::kRunning:
      return "TextKind::kRunning";
    case TextKind::kFree:
      break;
  }
  return "TextKind::kFree";
}

int Run(const char* out_path) {
  std::vector<Rule> rules;
  std::vector<RuleDiagnostic> diags;
  rules_internal::ParseEmbeddedRules(&rules, &diags);
  // RuleSet::Load leaves duplicate IDs among the embedded rules to this.
  rules_internal::CheckDuplicates(rules, &diags);
  if (!diags.empty()) {
    std::fprintf(stderr, "winnow_rule_facts: %s\n",
                 rules_internal::JoinDiagnostics(diags).c_str());
    return 1;
  }
  // The inputs, sorted as the look-ups compare them (facts.cc), each once.
  std::map<std::pair<std::string, bool>, bool> prefix_inputs;
  std::map<std::string, bool> literal_inputs, kind_inputs, relax_inputs;
  for (const Rule& r : rules) {
    if (r.is_attribute()) {  // compile.cc and Cold::Single::Required
      const std::string core =
          rules_internal::SplitTokenAnchors(r.pattern).core;
      prefix_inputs[{core, true}] = true;
      literal_inputs[core] = true;
    } else {
      prefix_inputs[{r.pattern, r.icase}] = true;
      literal_inputs[r.pattern] = true;
      kind_inputs[r.pattern] = true;
      relax_inputs[rules_internal::WrappedPattern(r)] = true;
    }
  }
  Writer w;
  std::ostringstream facts;
  std::vector<std::string> list;
  facts << "extern const PrefixFact kPrefixFacts[] = {\n";
  for (const auto& in : prefix_inputs) {
    const bool known = MatchPrefixes(in.first.first, in.first.second, &list);
    facts << "  {" << w.Text(in.first.first) << ", "
          << (in.first.second ? "true" : "false") << ", " << w.List(known, list)
          << "},\n";
  }
  if (prefix_inputs.empty()) facts << "  {},\n";
  facts << "};\nextern const size_t kPrefixFactCount = " << prefix_inputs.size()
        << ";\n";
  facts << "extern const LiteralFact kLiteralFacts[] = {\n";
  for (const auto& in : literal_inputs) {
    const bool known = RequiredLiterals(in.first, &list);
    facts << "  {" << w.Text(in.first) << ", " << w.List(known, list) << "},\n";
  }
  if (literal_inputs.empty()) facts << "  {},\n";
  facts << "};\nextern const size_t kLiteralFactCount = "
        << literal_inputs.size() << ";\n";
  facts << "extern const KindFact kKindFacts[] = {\n";
  for (const auto& in : kind_inputs) {
    facts << "  {" << w.Text(in.first) << ", "
          << KindName(rules_internal::KindOfText(in.first)) << "},\n";
  }
  if (kind_inputs.empty()) facts << "  {},\n";
  facts << "};\nextern const size_t kKindFactCount = " << kind_inputs.size()
        << ";\n";

  facts << "extern const RelaxFact kRelaxFacts[] = {\n";
  for (const auto& in : relax_inputs) {
    int64_t up_to = 0;
    const std::string relaxed =
        rules_internal::RelaxedPattern(in.first, &up_to);
    facts << "  {" << w.Text(in.first) << ", " << w.Text(relaxed) << ", "
          << up_to << "},\n";
  }
  if (relax_inputs.empty()) facts << "  {},\n";
  facts << "};\nextern const size_t kRelaxFactCount = " << relax_inputs.size()
        << ";\n";

  std::ostringstream out;
  out << "// Generated by winnow_rule_facts from the embedded rules. Do not "
         "edit.\n#include \"rules/facts.h\"\n"
         "namespace winnow {\nnamespace rules_internal {\n"
      << w.Pool() << facts.str()
      << "}  // namespace rules_internal\n}  // namespace winnow\n";
  return WriteGeneratedFile(out_path, out.str());
}

}  // namespace
}  // namespace winnow

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: winnow_rule_facts OUT.cc\n");
    return 2;
  }
  return winnow::Run(argv[1]);
}
