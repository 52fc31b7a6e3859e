// Copyright winnow authors. Licensed under the MIT licence.
//
// Checks of a rule that parsing alone cannot make: a pattern that does not
// compile, matches the empty text or can never match (an attribute pattern
// that needs whitespace, say), anchors where attribute patterns cannot
// have them, and IDs defined twice. `winnow rules check` runs them over
// files; RuleSet::Build (compile.cc) over rules made in code.

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rules/internal.h"
#include "rules/rules.h"
#include "util/ascii.h"

namespace winnow {
namespace rules_internal {
namespace {

const char* TargetNoun(Target t) {
  switch (t) {
    case Target::kText:
      return "block text";
    case Target::kTag:
      return "tag names";
    case Target::kClass:
      return "class tokens";
    case Target::kId:
      return "id tokens";
    case Target::kRole:
      return "role tokens";
    case Target::kAria:
      return "aria-label words";
    case Target::kAttr:
      return "attribute tokens";
  }
  return "tokens";
}

// Walks the syntax of pattern `p`: calls visit(i, c, escaped) for each
// character outside character classes and \Q...\E quotes, where `escaped`
// marks the letter after a backslash (i is then the backslash's index).
// Returns the first i for which visit returns true, or npos.
template <typename Visit>
size_t ScanPattern(std::string_view p, Visit visit) {
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      if (i + 1 >= p.size()) break;
      const char n = p[i + 1];
      if (n == 'Q') {  // \Q...\E is literal
        const size_t e = p.find("\\E", i + 2);
        if (e == std::string_view::npos) break;
        i = e + 1;
        continue;
      }
      if (!in_class && visit(i, n, true)) return i;
      ++i;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      continue;
    }
    if (c == '[') {
      in_class = true;
      // "[]" and "[^]" start a class containing ']'. "[[:alpha:]]" inside a
      // class is skipped by the ']' rule; the inner ':]' closes nothing
      // because ':' precedes it.
      if (i + 1 < p.size() && p[i + 1] == '^') ++i;
      if (i + 1 < p.size() && p[i + 1] == ']') ++i;
      continue;
    }
    if (visit(i, c, false)) return i;
  }
  return std::string_view::npos;
}

// The byte offset of the first anchor (^ $ \A \z outside a character class)
// in `p`, or npos. Attribute patterns are matched at token edges, where
// anchors would silently never match.
size_t FindAnchor(std::string_view p) {
  return ScanPattern(p, [](size_t, char c, bool escaped) {
    return escaped ? c == 'A' || c == 'z' : c == '^' || c == '$';
  });
}

bool HexWhitespace(std::string_view hex) {
  unsigned v = 0;
  if (hex.empty() || hex.size() > 6) return false;
  for (char c : hex) {
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= unsigned(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= unsigned(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= unsigned(c - 'A' + 10);
    else
      return false;
  }
  return v == 0x20 || (v >= 0x09 && v <= 0x0D);
}

// Rewrites every construct of `p` that matches only ASCII whitespace into
// "\n", which a never_nl regexp cannot match. If the rewritten pattern can
// never match, every match of `p` needs whitespace.
std::string WhitespaceToNewline(std::string_view p) {
  std::string out;
  out.reserve(p.size() + 8);
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      const char n = p[i + 1];
      if (n == 's' || n == 't' || n == 'r' || n == 'f' || n == 'v' ||
          n == 'n') {
        out += "\\n";
        ++i;
        continue;
      }
      if (n == 'x') {
        size_t j = i + 2;
        std::string_view hex;
        size_t end = j;
        if (j < p.size() && p[j] == '{') {
          size_t close = p.find('}', j);
          if (close != std::string_view::npos) {
            hex = p.substr(j + 1, close - j - 1);
            end = close + 1;
          }
        } else if (j + 2 <= p.size()) {
          hex = p.substr(j, 2);
          end = j + 2;
        }
        if (HexWhitespace(hex)) {
          out += "\\n";
          i = end - 1;
          continue;
        }
      }
      if (n == 'Q') {
        size_t e = p.find("\\E", i + 2);
        std::string_view lit =
            p.substr(i + 2, e == std::string_view::npos ? p.npos : e - i - 2);
        out += "\\Q";
        for (char lc : lit) {
          if (IsAsciiSpace(lc)) {
            out += "\\E\\n\\Q";
          } else {
            out += lc;
          }
        }
        out += "\\E";
        i = e == std::string_view::npos ? p.size() : e + 1;
        continue;
      }
      out += c;
      out += n;
      ++i;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      if (p.compare(i, 9, "[:space:]") == 0 ||
          p.compare(i, 9, "[:blank:]") == 0) {
        out += "\\n";
        i += 8;
        continue;
      }
    } else if (c == '[') {
      in_class = true;
      out += c;
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
      continue;
    }
    if (IsAsciiSpace(c)) {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

bool HasWordBoundary(std::string_view p) {
  for (size_t i = 0; i + 1 < p.size(); ++i) {
    if (p[i] == '\\') {
      if (p[i + 1] == 'b' || p[i + 1] == 'B') return true;
      ++i;
    }
  }
  return false;
}

// True when RE2 proves that `re` matches no string (and it does not match
// the empty string, which the caller checked).
bool ProvablyDead(const RE2& re) {
  std::string min, max;
  return re.PossibleMatchRange(&min, &max, 8) && max.empty();
}

// True when RE2 proves that `re` (compiled from `pattern` with `opts`)
// matches nothing. \b and \B depend on the text before the match, which
// PossibleMatchRange takes to be the start of the text, so patterns with
// them must also be dead after one arbitrary character.
bool NeverMatches(const std::string& pattern, const RE2& re,
                  const RE2::Options& opts) {
  if (!ProvablyDead(re)) return false;
  if (!HasWordBoundary(pattern)) return true;
  RE2 shifted("(?s:.)(?:" + pattern + ")", opts);
  return shifted.ok() && ProvablyDead(shifted);
}

}  // namespace

// True when `p` has a '|' outside every group and class.
bool HasTopLevelAlternation(std::string_view p) {
  int depth = 0;
  return ScanPattern(p, [&depth](size_t, char c, bool escaped) {
           if (escaped) return false;
           if (c == '(') ++depth;
           if (c == ')') --depth;
           return c == '|' && depth == 0;
         }) != std::string_view::npos;
}

TokenPattern SplitTokenAnchors(std::string_view p) {
  TokenPattern t;
  if (!p.empty() && p.front() == '^') {
    t.at_start = true;
    p.remove_prefix(1);
  }
  if (!p.empty() && p.back() == '$') {
    size_t slashes = 0;
    for (size_t i = p.size() - 1; i > 0 && p[i - 1] == '\\'; --i) ++slashes;
    if (slashes % 2 == 0) {
      t.at_end = true;
      p.remove_suffix(1);
    }
  }
  t.core = std::string(p);
  return t;
}

// Checks a rule's pattern; on a problem returns false with *msg.
bool CheckPattern(const Rule& rule, std::string* msg) {
  if (rule.pattern.empty()) {
    *msg = "missing pattern";
    return false;
  }
  const bool attr = rule.is_attribute();
  RE2::Options opts = attr ? AttrOptions(kOneMaxMem) : TextOptions(kOneMaxMem);
  opts.set_case_sensitive(!(attr || rule.icase));
  RE2 re(rule.pattern, opts);
  if (!re.ok()) {
    *msg = "pattern does not compile: " + re.error();
    return false;
  }
  // Attribute patterns are checked without their token anchors.
  TokenPattern tp;
  std::unique_ptr<RE2> core_re;
  const RE2* check = &re;
  std::string_view check_pattern = rule.pattern;
  if (attr) {
    tp = SplitTokenAnchors(rule.pattern);
    if (FindAnchor(tp.core) != std::string_view::npos) {
      *msg =
          "anchors are allowed in attribute patterns only as a leading ^ "
          "(start of the token) and a trailing $ (end of the token)";
      return false;
    }
    if ((tp.at_start || tp.at_end) && HasTopLevelAlternation(tp.core)) {
      *msg =
          "an anchored attribute pattern with alternatives needs a group, "
          "like ^(?:a|b)$";
      return false;
    }
    core_re = std::make_unique<RE2>(tp.core, opts);
    if (!core_re->ok()) {
      *msg = "pattern does not compile: " + core_re->error();
      return false;
    }
    check = core_re.get();
    check_pattern = tp.core;
  }
  if (RE2::PartialMatch("", *check)) {
    *msg = "pattern matches empty text (it would match everything)";
    return false;
  }
  if (NeverMatches(std::string(check_pattern), *check, opts)) {
    *msg = "pattern can never match";
    return false;
  }
  if (attr) {
    const std::string nows_pattern = WhitespaceToNewline(check_pattern);
    RE2 nows(nows_pattern, opts);
    if (nows.ok() && !RE2::PartialMatch("", nows) &&
        NeverMatches(nows_pattern, nows, opts)) {
      *msg = std::string("pattern can never match: it needs whitespace, and ") +
             TargetNoun(rule.target) + " never contain whitespace";
      return false;
    }
  }
  return true;
}

void CheckDuplicates(const std::vector<Rule>& rules,
                     std::vector<RuleDiagnostic>* diags) {
  std::unordered_map<std::string_view, size_t> first;
  first.reserve(rules.size() * 2);
  for (size_t i = 0; i < rules.size(); ++i) {
    auto ins = first.emplace(rules[i].id, i);
    if (ins.second) continue;
    const Rule& a = rules[ins.first->second];
    const Rule& b = rules[i];
    AddDiag(b.file, b.line, b.col > 0 ? b.col : 1,
            "duplicate rule ID '" + b.id + "' (first defined at " + a.file +
                ":" + std::to_string(a.line) + ")",
            diags);
  }
}

void CheckRule(const Rule& r, std::vector<RuleDiagnostic>* diags) {
  const int id_col = r.col > 0 ? r.col : 1;
  if (!ValidId(r.id)) {
    AddDiag(r.file, r.line, id_col,
            "bad rule ID '" + r.id + "': IDs are [a-z0-9][a-z0-9._-]*", diags);
  }
  std::string msg;
  if (!CheckPattern(r, &msg)) {
    const int pcol = r.pattern_col > 0 ? r.pattern_col : id_col;
    AddDiag(r.file, r.line, pcol, std::move(msg), diags);
  }
}

}  // namespace rules_internal

void RuleSet::Check(const std::vector<std::string>& paths, bool with_defaults,
                    std::vector<RuleDiagnostic>* diags) {
  std::vector<Rule> rules;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    for (std::string& f : rules_internal::ListRuleFiles(path, diags)) {
      files.push_back(std::move(f));
    }
  }
  // The built-in rules come first, as in Load, so that a clash is reported
  // at the checked file's line; but not the built-in copies of the files
  // checked (`winnow rules check rules/` in the source tree).
  if (with_defaults) rules_internal::ParseEmbeddedRules(&rules, diags, files);
  for (const std::string& f : files)
    rules_internal::ParsePath(f, &rules, diags);
  rules_internal::CheckDuplicates(rules, diags);
}

}  // namespace winnow
