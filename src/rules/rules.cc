// Copyright winnow authors. Licensed under the MIT licence.
//
// The rule language is documented in rules/README.md. In short:
//
//   # comment
//   @site heise.de            (scope of the following rules; "*" resets)
//   @lang German              (language scope; "*" resets)
//   @flags i                  (text rules case-insensitive; "-" resets)
//   ID  TARGET[/i]  ACTION  PATTERN...
//
// Text rules go into RE2::Sets matched against a block's text, grouped by
// how their matches start (see TextKind). Attribute rules go into one
// RE2::Set matched against a descriptor of one element, one line per field
// token and one more per part of a token after a '-' or '_':
//
//   t=div\nc=main-nav\nc-nav\nc=nav_bar\nc-bar\ni=top\nr=navigation\n...
//
// compiled with never_nl, so that no pattern can run from one token into the
// next, and each pattern wrapped so that it matches a whole run of a token
// bounded by the token's ends or by '-' / '_': it starts at a line's start
// ("X=" for the token's start, "X-" for a later part) and ends at the line's
// end or a '-' / '_'. (Patterns that searched each token for a part's start
// themselves made the Set's DFA track every rule at every character: a
// fresh process spent 0.16 s building its states on the corpus, now 0.01.)

#include "rules/rules.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "embed/embedded.h"
#include "lang/lang.h"
#include "util/utf8.h"

namespace winnow {
namespace {

constexpr int64_t kSetMaxMem = int64_t{64} << 20;  // per RE2::Set
constexpr int64_t kOneMaxMem = int64_t{8} << 20;   // per single RE2

// ---- Small string helpers ---------------------------------------------------

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// 1-based column of byte offset `off` in `line`, counting code points.
int ColumnOf(std::string_view line, size_t off) {
  return 1 + static_cast<int>(CountCodePoints(line.substr(0, off)));
}

struct Field {
  std::string_view text;
  size_t offset = 0;  // byte offset in the line
};

// Splits off whitespace-separated fields; `rest` receives the remainder of
// the line after `max_fields` fields (trimmed), with its offset.
void SplitFields(std::string_view line, size_t max_fields,
                 std::vector<Field>* fields, Field* rest) {
  fields->clear();
  *rest = Field{{}, line.size()};
  size_t i = 0;
  while (true) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    if (i >= line.size()) return;
    if (fields->size() == max_fields) {
      size_t end = line.size();
      while (end > i && IsSpace(line[end - 1])) --end;
      *rest = Field{line.substr(i, end - i), i};
      return;
    }
    size_t start = i;
    while (i < line.size() && !IsSpace(line[i])) ++i;
    fields->push_back(Field{line.substr(start, i - start), start});
  }
}

bool ValidId(std::string_view id) {
  if (id.empty()) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  if (!alnum(id[0])) return false;
  for (char c : id) {
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

// "+2", "-1.5", "+.5": a sign, then digits with an optional fraction.
bool ParseShift(std::string_view s, double* out) {
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return false;
  double v = 0, scale = 0;
  bool digits = false, dot = false;
  for (size_t i = 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digits = true;
      if (dot) {
        scale /= 10;
        v += (c - '0') * scale;
      } else {
        v = v * 10 + (c - '0');
      }
    } else if (c == '.' && !dot) {
      dot = true;
      scale = 1;
    } else {
      return false;
    }
  }
  if (!digits || v > 1e6) return false;
  *out = s[0] == '-' ? -v : v;
  return true;
}

bool ParseTarget(std::string_view s, Target* target, bool* icase) {
  *icase = false;
  if (s.size() > 2 && s.substr(s.size() - 2) == "/i") {
    *icase = true;
    s.remove_suffix(2);
  }
  static const std::pair<const char*, Target> kTargets[] = {
      {"text", Target::kText},   {"tag", Target::kTag},
      {"class", Target::kClass}, {"id", Target::kId},
      {"role", Target::kRole},   {"aria", Target::kAria},
      {"attr", Target::kAttr},
  };
  for (const auto& t : kTargets) {
    if (s == t.first) {
      *target = t.second;
      return true;
    }
  }
  return false;
}

bool ParseAction(std::string_view s, Action* action, double* shift) {
  *shift = 0;
  if (s == "drop") {
    *action = Action::kDrop;
  } else if (s == "keep") {
    *action = Action::kKeep;
  } else if (s == "subtree") {
    *action = Action::kSubtree;
  } else if (s == "cut") {
    *action = Action::kCut;
  } else if (ParseShift(s, shift)) {
    *action = Action::kScore;
  } else {
    return false;
  }
  return true;
}

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

// ---- Patterns -------------------------------------------------------------

RE2::Options BaseOptions(int64_t max_mem) {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_never_capture(true);
  o.set_longest_match(false);
  o.set_log_errors(false);
  o.set_max_mem(max_mem);
  return o;
}

RE2::Options TextOptions(int64_t max_mem) { return BaseOptions(max_mem); }

RE2::Options AttrOptions(int64_t max_mem) {
  RE2::Options o = BaseOptions(max_mem);
  o.set_never_nl(true);
  return o;
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

// An attribute pattern split into its token anchors and the rest: a leading
// '^' ties the match to the start of the token, a trailing '$' to its end.
struct TokenPattern {
  bool at_start = false;
  bool at_end = false;
  std::string core;
};

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
          if (IsSpace(lc)) {
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
    if (IsSpace(c)) {
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

// The regexp that goes into a Set for `rule` (for attribute rules, see the
// descriptor at the top of this file).
std::string WrappedPattern(const Rule& rule) {
  if (rule.target == Target::kText) {
    return (rule.icase ? "(?i:" : "(?:") + rule.pattern + ")";
  }
  const TokenPattern t = SplitTokenAnchors(rule.pattern);
  if (rule.target == Target::kTag) {
    return "(?m:^t=)(?i:" + t.core + ")(?m:$)";
  }
  const char* field = "[ciarp]";
  switch (rule.target) {
    case Target::kClass:
      field = "c";
      break;
    case Target::kId:
      field = "i";
      break;
    case Target::kRole:
      field = "r";
      break;
    case Target::kAria:
      field = "a";
      break;
    default:
      break;
  }
  std::string out =
      std::string("(?m:^") + field + (t.at_start ? "=)" : "[=-])");
  out += "(?i:" + t.core + ")";
  out += t.at_end ? "(?m:$)" : "(?:[-_]|(?m:$))";
  return out;
}

// Counted repetitions at least this large are relaxed in a Set (below).
constexpr int kRelaxRepeat = 8;

// Returns `p` with every counted repetition X{m,n} whose bound reaches
// kRelaxRepeat replaced by X{m,} (X* or X+ for m = 0 or 1; X* when m itself
// reaches kRelaxRepeat), or "" when there is none. RE2 expands X{0,200}
// into 200 copies of X; in a Set, whose DFA has to track every rule at once
// and run to the end of the text (many-match), a few such rules multiply the
// DFA states until its cache thrashes: 63 of them made matching the
// corpus's blocks 20 to 40 times slower. X{m,} accepts everything X{m,n}
// does, so the relaxed pattern matches a superset, and each hit is confirmed
// with the exact pattern (ExactPattern), which keeps the result exact.
//
// *exact_up_to receives the length, in code points, up to which a hit of
// the relaxed pattern needs no confirmation: the smallest upper bound n of
// the relaxed repetitions, or 0 when a lower bound was dropped or the
// pattern has \C (which matches less than a code point). A text that long
// holds at most n iterations of X that are not empty, and empty ones can be
// left out down to m, so the exact pattern matches it too.
std::string RelaxedPattern(std::string_view p, int64_t* exact_up_to) {
  int64_t up_to = std::numeric_limits<int64_t>::max();
  std::string out;
  bool changed = false;
  bool in_class = false;
  auto digits = [&](size_t* j, int* v) {
    const size_t start = *j;
    *v = 0;
    while (*j < p.size() && p[*j] >= '0' && p[*j] <= '9' && *j - start < 6) {
      *v = *v * 10 + (p[*j] - '0');
      ++*j;
    }
    return *j > start;
  };
  for (size_t i = 0; i < p.size();) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      const char e = p[i + 1];
      size_t end = i + 2;
      if (e == 'Q') {  // \Q...\E is literal
        const size_t q = p.find("\\E", i + 2);
        end = q == std::string_view::npos ? p.size() : q + 2;
      } else if (e == 'C') {
        up_to = 0;
      } else if ((e == 'x' || e == 'p' || e == 'P') && end < p.size() &&
                 p[end] == '{') {  // \x{41}, \p{Greek}
        const size_t q = p.find('}', end);
        end = q == std::string_view::npos ? p.size() : q + 1;
      }
      out.append(p.substr(i, end - i));
      i = end;
      continue;
    }
    if (in_class) {
      if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {  // [:alpha:]
        const size_t q = p.find(":]", i + 2);
        const size_t end = q == std::string_view::npos ? i + 1 : q + 2;
        out.append(p.substr(i, end - i));
        i = end;
        continue;
      }
      if (c == ']') in_class = false;
      out.push_back(c);
      ++i;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out.push_back(c);
      ++i;
      // "[]" and "[^]" start a class containing ']'.
      if (i < p.size() && p[i] == '^') out.push_back(p[i++]);
      if (i < p.size() && p[i] == ']') out.push_back(p[i++]);
      continue;
    }
    if (c == '{') {
      size_t j = i + 1;
      int lo = 0, hi = 0;
      if (digits(&j, &lo)) {
        hi = lo;
        bool valid = true;
        if (j < p.size() && p[j] == ',') {
          ++j;
          // {m,} repeats m copies and then a loop.
          if (j < p.size() && p[j] != '}') valid = digits(&j, &hi);
        }
        if (valid && j < p.size() && p[j] == '}' && hi >= kRelaxRepeat) {
          if (lo == 0 || lo >= kRelaxRepeat) {
            out.push_back('*');
            if (lo > 0) up_to = 0;
          } else if (lo == 1) {
            out.push_back('+');
          } else {
            out += "{" + std::to_string(lo) + ",}";
          }
          up_to = std::min<int64_t>(up_to, hi);
          changed = true;
          i = j + 1;
          continue;
        }
      }
    }
    out.push_back(c);
    ++i;
  }
  if (exact_up_to != nullptr) *exact_up_to = changed ? up_to : 0;
  return changed ? out : std::string();
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

void AddDiag(std::string_view file, int line, int col, std::string msg,
             std::vector<RuleDiagnostic>* diags) {
  RuleDiagnostic d;
  d.file = std::string(file);
  d.line = line;
  d.col = col;
  d.message = std::move(msg);
  diags->push_back(std::move(d));
}

// Appends a diagnostic for every rule whose ID was seen before.
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

// Checks everything about one rule but duplicates (for Build).
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

std::string JoinDiagnostics(const std::vector<RuleDiagnostic>& diags) {
  std::string out;
  for (size_t i = 0; i < diags.size(); ++i) {
    if (i) out += '\n';
    out += diags[i].ToString();
  }
  return out;
}

// The stop-list names ("English", ...) that @lang accepts; when the binary
// has none, any name is accepted.
bool KnownLanguage(std::string_view name, std::string* canonical) {
  static const std::vector<std::string> languages = StopListLanguages();
  if (languages.empty()) {
    *canonical = std::string(name);
    return true;
  }
  for (const std::string& language : languages) {
    if (EqualsIgnoreCase(language, name)) {
      *canonical = language;
      return true;
    }
  }
  return false;
}

bool ValidHost(std::string_view h) {
  if (h.empty() || h.front() == '.' || h.back() == '.') return false;
  for (char c : h) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.')) {
      return false;
    }
  }
  return true;
}

bool ReadFile(const std::string& path, std::string* out, std::string* err) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    *err = std::strerror(errno);
    return false;
  }
  out->clear();
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  const bool bad = std::ferror(f) != 0;
  std::fclose(f);
  if (bad) {
    *err = "read error";
    return false;
  }
  return true;
}

// Parses a file, or every *.rules file below a folder (sorted by path).
void ParsePath(const std::string& path, std::vector<Rule>* rules,
               std::vector<RuleDiagnostic>* diags) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    AddDiag(path, 0, 0, "no such file or folder", diags);
    return;
  }
  std::vector<std::string> files;
  if (fs::is_directory(st)) {
    fs::recursive_directory_iterator it(
        path, fs::directory_options::skip_permission_denied, ec);
    const fs::recursive_directory_iterator end;
    while (!ec && it != end) {
      const fs::path& p = it->path();
      std::error_code fec;
      if (p.extension() == ".rules" && fs::is_regular_file(it->status(fec))) {
        files.push_back(p.generic_string());
      }
      it.increment(ec);
    }
    if (ec) {
      AddDiag(path, 0, 0, "cannot list folder: " + ec.message(), diags);
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  std::string data, err;
  for (const std::string& f : files) {
    if (!ReadFile(f, &data, &err)) {
      AddDiag(f, 0, 0, "cannot read: " + err, diags);
      continue;
    }
    ParseRules(data, f, rules, diags);
  }
}

}  // namespace

std::string RuleDiagnostic::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
    if (col > 0) {
      out += ':';
      out += std::to_string(col);
    }
  }
  out += ": ";
  out += message;
  return out;
}

namespace {

// ParseRules, optionally without the (costly) pattern checks: the embedded
// defaults are checked by a unit test, and Set::Add still reports patterns
// that do not compile.
bool ParseRulesImpl(std::string_view source, std::string_view file_name,
                    bool check_patterns, std::vector<Rule>* rules,
                    std::vector<RuleDiagnostic>* diags) {
  const size_t diags_before = diags->size();
  if (source.size() >= 3 && source.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    source.remove_prefix(3);  // byte order mark
  }
  std::string site, lang;
  bool icase_default = false;
  std::vector<Field> fields;
  Field rest;
  int line_no = 0;
  size_t pos = 0;
  while (pos < source.size()) {
    ++line_no;
    size_t eol = source.find('\n', pos);
    if (eol == std::string_view::npos) eol = source.size();
    std::string_view line = source.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // A '#' at the start of the line or after whitespace starts a comment.
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '#' && (i == 0 || IsSpace(line[i - 1]))) {
        line = line.substr(0, i);
        break;
      }
    }
    auto diag = [&](size_t off, std::string msg) {
      AddDiag(file_name, line_no, ColumnOf(line, off), std::move(msg), diags);
    };

    SplitFields(line, 3, &fields, &rest);
    if (fields.empty()) continue;
    size_t content_end = line.size();  // where a missing field would start
    while (content_end > 0 && IsSpace(line[content_end - 1])) --content_end;

    // ---- Directives ----
    if (fields[0].text[0] == '@') {
      SplitFields(line, 64, &fields, &rest);
      const std::string_view name = fields[0].text;
      if (name != "@site" && name != "@lang" && name != "@flags") {
        diag(fields[0].offset, "unknown directive '" + std::string(name) +
                                   "' (expected @site, @lang or @flags)");
        continue;
      }
      if (fields.size() < 2) {
        diag(content_end, std::string(name) + " needs an argument");
        continue;
      }
      if (fields.size() > 2) {
        diag(fields[2].offset,
             std::string(name) + " takes one argument, got more");
        continue;
      }
      const std::string_view arg = fields[1].text;
      if (name == "@site") {
        std::string host = LowerAscii(arg);
        if (host == "*") {
          site.clear();
        } else if (!ValidHost(host)) {
          diag(fields[1].offset,
               "bad host '" + std::string(arg) +
                   "' (expected a host name like example.org, "
                   "or * to reset)");
        } else {
          site = host;
        }
      } else if (name == "@lang") {
        std::string canonical;
        if (arg == "*") {
          lang.clear();
        } else if (!KnownLanguage(arg, &canonical)) {
          diag(
              fields[1].offset,
              "unknown language '" + std::string(arg) +
                  "' (expected a stop-list name like English or German, or *)");
        } else {
          lang = canonical;
        }
      } else {  // @flags
        if (arg == "i") {
          icase_default = true;
        } else if (arg == "-") {
          icase_default = false;
        } else {
          diag(fields[1].offset, "unknown flags '" + std::string(arg) +
                                     "' (expected i, or - to reset)");
        }
      }
      continue;
    }

    // ---- Rules ----
    Rule rule;
    rule.file = std::string(file_name);
    rule.line = line_no;
    rule.col = ColumnOf(line, fields[0].offset);
    rule.id = std::string(fields[0].text);
    rule.site = site;
    rule.lang = lang;
    bool ok = true;
    if (!ValidId(rule.id)) {
      diag(fields[0].offset,
           "bad rule ID '" + rule.id + "': IDs are [a-z0-9][a-z0-9._-]*");
      ok = false;
    }
    if (fields.size() < 2) {
      diag(content_end, "missing target, action and pattern");
      continue;
    }
    bool target_ok = ParseTarget(fields[1].text, &rule.target, &rule.icase);
    if (!target_ok) {
      diag(fields[1].offset,
           "unknown target '" + std::string(fields[1].text) +
               "' (expected text, tag, class, id, role, aria or attr, "
               "optionally with /i)");
      ok = false;
    }
    if (fields.size() < 3) {
      diag(content_end, "missing action and pattern");
      continue;
    }
    if (!ParseAction(fields[2].text, &rule.action, &rule.shift)) {
      diag(fields[2].offset,
           "unknown action '" + std::string(fields[2].text) +
               "' (expected drop, keep, subtree, cut or a signed score like "
               "+2 or -1.5)");
      ok = false;
    }
    if (rest.text.empty()) {
      diag(content_end, "missing pattern");
      continue;
    }
    rule.pattern = std::string(rest.text);
    rule.pattern_col = ColumnOf(line, rest.offset);
    if (!target_ok) continue;
    if (rule.target == Target::kText) {
      rule.icase = rule.icase || icase_default;
    } else {
      rule.icase = true;  // attributes are lower-cased
    }
    std::string msg;
    // Pattern problems point at the pattern field, like every other
    // diagnostic points at its field.
    if (check_patterns && !CheckPattern(rule, &msg)) {
      diag(rest.offset, std::move(msg));
      ok = false;
    }
    if (ok) rules->push_back(std::move(rule));
  }
  return diags->size() == diags_before;
}

}  // namespace

bool ParseRules(std::string_view source, std::string_view file_name,
                std::vector<Rule>* rules, std::vector<RuleDiagnostic>* diags) {
  return ParseRulesImpl(source, file_name, true, rules, diags);
}

// ---- RuleSet ----------------------------------------------------------------

namespace {

// The exact form of a relaxed pattern (RelaxedPattern), which confirms the
// relaxed one's hits on texts longer than it needs to, compiled when first
// needed: compiling the large counted repetitions of all of them was half
// of every process's start-up (0.58 of 1.2 billion instructions), and most
// hits are on short texts. Rules are checked before they get here
// (CheckPattern), so it compiles.
class ExactPattern {
 public:
  ExactPattern(std::string pattern, int64_t up_to)
      : pattern_(std::move(pattern)), up_to_(up_to) {}

  // True when the pattern matches somewhere in `text`, given that the
  // relaxed pattern does. Thread-safe.
  bool Confirms(std::string_view text) const {
    if (static_cast<int64_t>(text.size()) <= up_to_ ||
        static_cast<int64_t>(CountCodePoints(text)) <= up_to_) {
      return true;
    }
    std::call_once(once_, [this] {
      re_ = std::make_unique<RE2>(pattern_, TextOptions(kOneMaxMem));
    });
    return re_->ok() &&
           RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
  }

 private:
  const std::string pattern_;
  const int64_t up_to_;  // see RelaxedPattern
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
};

}  // namespace

// One RE2::Set and the rules in its slots.
struct RuleSet::Chunk {
  std::unique_ptr<RE2::Set> set;
  std::vector<int> rule;  // slot -> index into rules_
  // Slot -> the exact pattern when the Set holds a relaxed one
  // (RelaxedPattern), else null.
  std::vector<std::unique_ptr<ExactPattern>> exact;
};

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;

namespace {

using Chunk = RuleSet::Chunk;

// How a text rule's matches can start, which decides the Set it goes into.
// An unanchored Set runs its DFA over the whole of every block; a Set
// matched ANCHOR_START stops as soon as no rule in it can match any more, a
// few bytes into most blocks. And a Set of rules that all die early stays
// small as a DFA, while one rule that runs on ("^[\s\S]{8,250}\(photo:")
// multiplies the states of every rule beside it, which a fresh process pays
// for in building them.
enum class TextKind {
  kAnchored,  // ^ or \A first, and no | outside a group
  kRunning,   // anchored, but begins with an open-ended run (.* [^x]{0,200})
  kFree,      // anything else: matches may start anywhere
};

// Text rules per Set, by kind. A Set's DFA tracks every rule in it at once,
// so its states multiply with the rules; past some size they no longer fit
// its memory and the DFA thrashes (the 242 default text rules in one
// unanchored Set ran 5 to 8 times slower than in four). Each Set costs a
// pass per block, so Sets are not made smaller than needed. Running rules
// stay alive over the whole block, so their partial matches combine: with
// the 18 default ones in one Set, a fresh process matched the corpus's
// blocks against all text rules in 0.41 s, with Sets of 12 in 0.30 s (and
// 0.02 s slower once warm; Sets of 4 to 9 were no better). Measured with
// corpus_throughput --rules.
constexpr size_t kTextRulesPerSet[] = {128, 12, 64};
// Regexp memory per text Set. A Set of 64 default rules runs as fast with
// 16 MiB as with 64, and thrashes with 8; threads share them.
constexpr int64_t kTextSetMaxMem = int64_t{16} << 20;

// True when `p` at `i` starts a character class, '.', or a class escape
// (\S \s \w \W \d \D \pL ...), followed by a repetition that is open-ended
// or at least kRelaxRepeat long.
bool RunAt(std::string_view p, size_t i) {
  if (i >= p.size()) return false;
  if (p[i] == '.') {
    ++i;
  } else if (p[i] == '\\' && i + 1 < p.size() &&
             std::strchr("sSwWdDpP", p[i + 1]) != nullptr) {
    i += 2;
    if (p[i - 1] == 'p' || p[i - 1] == 'P') {
      if (i < p.size() && p[i] == '{') {
        const size_t q = p.find('}', i);
        if (q == std::string_view::npos) return false;
        i = q + 1;
      } else {
        ++i;
      }
    }
  } else if (p[i] == '[') {
    ++i;
    if (i < p.size() && p[i] == '^') ++i;
    if (i < p.size() && p[i] == ']') ++i;
    while (i < p.size() && p[i] != ']') i += p[i] == '\\' ? 2 : 1;
    ++i;
  } else {
    return false;
  }
  if (i >= p.size()) return false;
  if (p[i] == '*' || p[i] == '+') return true;
  if (p[i] != '{') return false;
  const size_t close = p.find('}', i);
  if (close == std::string_view::npos) return false;
  const std::string_view bounds = p.substr(i + 1, close - i - 1);
  const size_t comma = bounds.find(',');
  if (comma == std::string_view::npos) return false;
  if (comma + 1 == bounds.size()) return true;  // {m,}
  return std::atoi(std::string(bounds.substr(comma + 1)).c_str()) >=
         kRelaxRepeat;
}

TextKind KindOfText(std::string_view p) {
  size_t i = 0;
  while (p.compare(i, 2, "(?") == 0) {
    size_t j = i + 2;
    while (j < p.size() &&
           (std::isalpha(static_cast<unsigned char>(p[j])) || p[j] == '-')) {
      if (p[j] == 'm') return TextKind::kFree;  // ^ matches at every line
      ++j;
    }
    if (j >= p.size() || p[j] != ')') break;  // a group, not a flag setting
    i = j + 1;
  }
  if (p.compare(i, 1, "^") == 0) {
    i += 1;
  } else if (p.compare(i, 2, "\\A") == 0) {
    i += 2;
  } else {
    return TextKind::kFree;
  }
  if (HasTopLevelAlternation(p.substr(i))) return TextKind::kFree;
  size_t first = i;  // the first atom after the anchor, inside any "(?:"
  while (p.compare(first, 3, "(?:") == 0) first += 3;
  return RunAt(p, first) ? TextKind::kRunning : TextKind::kAnchored;
}

// Checked rules compiled into Sets.
struct Compiled {
  std::vector<Rule> rules;
  std::vector<Chunk> text, attr;  // empty when there is no rule of a kind
};

Status Compile(std::vector<Rule> rules, Compiled* out) {
  // Text rules fill chunks of each TextKind; attribute rules fill one
  // unanchored chunk (their subjects are short).
  std::vector<Chunk> text, attr;
  text.reserve(rules.size());  // keeps the open_text pointers valid
  Chunk* open_text[3] = {};
  std::string err;
  std::vector<RuleDiagnostic> diags;
  for (size_t i = 0; i < rules.size(); ++i) {
    const Rule& r = rules[i];
    const bool is_attr = r.is_attribute();
    std::string pattern = WrappedPattern(r);
    std::unique_ptr<ExactPattern> exact;
    if (!is_attr) {
      int64_t up_to = 0;
      std::string relaxed = RelaxedPattern(pattern, &up_to);
      if (!relaxed.empty()) {
        exact = std::make_unique<ExactPattern>(std::move(pattern), up_to);
        pattern = std::move(relaxed);
      }
    }
    Chunk* chunk = nullptr;
    if (is_attr) {
      if (attr.empty()) {
        attr.push_back({std::make_unique<RE2::Set>(AttrOptions(kSetMaxMem),
                                                   RE2::UNANCHORED),
                        {},
                        {}});
      }
      chunk = &attr.back();
    } else {
      const TextKind kind = KindOfText(r.pattern);
      const int k = static_cast<int>(kind);
      Chunk*& open = open_text[k];
      if (open == nullptr || open->rule.size() == kTextRulesPerSet[k]) {
        text.push_back(
            {std::make_unique<RE2::Set>(
                 TextOptions(kTextSetMaxMem),
                 kind == TextKind::kFree ? RE2::UNANCHORED : RE2::ANCHOR_START),
             {},
             {}});
        open = &text.back();
      }
      chunk = open;
    }
    err.clear();
    if (chunk->set->Add(pattern, &err) < 0) {
      AddDiag(r.file, r.line, r.pattern_col > 0 ? r.pattern_col : 1,
              "pattern does not compile: " + err, &diags);
      continue;
    }
    chunk->rule.push_back(static_cast<int>(i));
    chunk->exact.push_back(std::move(exact));
  }
  if (!diags.empty()) return Status::InvalidArgument(JoinDiagnostics(diags));
  for (Chunk& c : text) {
    if (!c.set->Compile()) {
      return Status::InvalidArgument(
          "rules: a Set of " + std::to_string(c.rule.size()) +
          " text rules needs more than 16 MiB of regexp memory; split or "
          "simplify them");
    }
  }
  for (Chunk& c : attr) {
    if (!c.set->Compile()) {
      return Status::InvalidArgument(
          "rules: the attribute rules need more than 64 MiB of regexp memory; "
          "split or simplify them");
    }
  }
  out->rules = std::move(rules);
  out->text = std::move(text);
  out->attr = std::move(attr);
  return Status::OK();
}

// Matches `subject` against every chunk of a kind; when a Set's DFA gives
// up (out of memory), falls back to one regexp per rule of that Set.
void MatchChunks(const std::vector<Chunk>& chunks,
                 const std::vector<Rule>& rules, bool attr,
                 std::string_view subject, std::vector<int>* hits) {
  thread_local std::vector<int> slots;
  const re2::StringPiece text(subject.data(), subject.size());
  for (const Chunk& c : chunks) {
    // Most subjects match no rule of a Set. Asked only whether any rule
    // matches, the DFA stops at the first match and RE2 allocates nothing;
    // the slots are asked for when there is a match.
    RE2::Set::ErrorInfo info;
    if (!c.set->Match(text, nullptr, &info) &&
        info.kind == RE2::Set::kNoError) {
      continue;
    }
    slots.clear();
    if (c.set->Match(text, &slots, &info)) {
      for (int s : slots) {
        // A relaxed pattern's hit stands only if the exact one agrees.
        const ExactPattern* re = c.exact[s].get();
        if (re == nullptr || re->Confirms(subject)) {
          hits->push_back(c.rule[s]);
        }
      }
      continue;
    }
    if (info.kind == RE2::Set::kNoError) continue;  // no match
    const RE2::Options opts =
        attr ? AttrOptions(kOneMaxMem) : TextOptions(kOneMaxMem);
    for (int index : c.rule) {
      RE2 re(WrappedPattern(rules[index]), opts);
      if (re.ok() && RE2::PartialMatch(text, re)) hits->push_back(index);
    }
  }
}

// WordPress and friends put the post's taxonomy into class names
// ("tag-cookies", "category-social-media", "format-video"): they say what the
// article is about, not what the element is, so rules do not see them.
// Layout names that merely start like one ("tag-cloud") stay.
bool IsTaxonomyToken(std::string_view tok) {
  static const std::string_view kPrefixes[] = {
      "tag-",  "tag_",    "category-", "category_", "post_tag-",
      "term-", "format-", "status-",   "type-",     "postid-",
  };
  static const std::string_view kLayout[] = {
      "list",      "links", "cloud", "box", "widget", "wrapper",
      "container", "title", "label", "nav", "menu",
  };
  // Every prefix has a '-' or '_' within its first nine bytes, and the
  // first such byte of the token must be the prefix's: most tokens are
  // turned away here, without a comparison.
  const size_t sep = tok.find_first_of("-_");
  if (sep == std::string_view::npos || sep > 8) return false;
  for (std::string_view p : kPrefixes) {
    if (tok.size() <= p.size() || sep >= p.size() || p[sep] != tok[sep] ||
        !EqualsIgnoreCase(tok.substr(0, p.size()), p))
      continue;
    const std::string_view rest = tok.substr(p.size());
    for (std::string_view l : kLayout) {
      if (EqualsIgnoreCase(rest, l)) return false;
    }
    return true;
  }
  return false;
}

// Appends the descriptor line "<field><mark><part, lower-cased>\n".
void AppendLine(char field, char mark, std::string_view part,
                std::string* out) {
  const size_t start = out->size();
  out->resize(start + part.size() + 3);
  char* p = &(*out)[start];
  *p++ = field;
  *p++ = mark;
  for (char c : part) *p++ = Lower(c);
  *p = '\n';
}

// Appends "X=token\n" for every whitespace-separated token of `value`, and
// "X-part\n" for every part of it that follows a '-' or '_'.
void AppendTokens(char field, std::string_view value, bool skip_taxonomy,
                  std::string* out) {
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && IsSpace(value[i])) ++i;
    size_t start = i;
    while (i < value.size() && !IsSpace(value[i])) ++i;
    if (i == start) break;
    std::string_view tok = value.substr(start, i - start);
    if (skip_taxonomy && IsTaxonomyToken(tok)) continue;
    AppendLine(field, '=', tok, out);
    // Then every part of the token that follows a '-' or '_', marked "X-":
    // patterns not tied to the token's start match there (WrappedPattern).
    for (size_t k = 0; k + 1 < tok.size(); ++k) {
      if (tok[k] != '-' && tok[k] != '_') continue;
      AppendLine(field, '-', tok.substr(k + 1), out);
    }
  }
}

}  // namespace

Status RuleSet::Adopt(std::vector<Rule> rules, std::unique_ptr<RuleSet>* out) {
  Compiled c;
  Status s = Compile(std::move(rules), &c);
  if (!s.ok()) return s;
  std::unique_ptr<RuleSet> set(new RuleSet());
  set->rules_ = std::move(c.rules);
  set->text_ = std::move(c.text);
  set->attr_ = std::move(c.attr);
  *out = std::move(set);
  return Status::OK();
}

Status RuleSet::Build(std::vector<Rule> rules, std::unique_ptr<RuleSet>* out) {
  std::vector<RuleDiagnostic> diags;
  for (Rule& r : rules) {
    if (r.is_attribute()) r.icase = true;
    CheckRule(r, &diags);
  }
  CheckDuplicates(rules, &diags);
  if (!diags.empty()) return Status::InvalidArgument(JoinDiagnostics(diags));
  return Adopt(std::move(rules), out);
}

namespace {

// Parses the rules built into the binary, named "rules/FILE"; their patterns
// were checked when they were built (the rules_check test).
void ParseEmbeddedRules(std::vector<Rule>* rules,
                        std::vector<RuleDiagnostic>* diags) {
  for (size_t i = 0; i < kEmbeddedRulesCount; ++i) {
    const EmbeddedFile& f = kEmbeddedRules[i];
    if (f.name == nullptr || f.name[0] == '\0') continue;
    ParseRulesImpl(f.contents(), std::string("rules/") + f.name,
                   /*check_patterns=*/false, rules, diags);
  }
}

}  // namespace

Status RuleSet::Load(const Options& options, std::unique_ptr<RuleSet>* out) {
  std::vector<Rule> rules;
  std::vector<RuleDiagnostic> diags;
  if (options.default_rules) ParseEmbeddedRules(&rules, &diags);
  for (const std::string& path : options.rule_paths) {
    ParsePath(path, &rules, &diags);
  }
  CheckDuplicates(rules, &diags);
  if (!diags.empty()) return Status::InvalidArgument(JoinDiagnostics(diags));
  // Every pattern was checked by ParseRules: compile without re-checking.
  return Adopt(std::move(rules), out);
}

void RuleSet::Check(const std::vector<std::string>& paths,
                    bool with_defaults, std::vector<RuleDiagnostic>* diags) {
  std::vector<Rule> rules;
  // The built-in rules come first, as in Load, so that a clash is reported
  // at the checked file's line.
  if (with_defaults) ParseEmbeddedRules(&rules, diags);
  for (const std::string& path : paths) ParsePath(path, &rules, diags);
  CheckDuplicates(rules, diags);
}

void RuleSet::MatchText(std::string_view text, std::vector<int>* hits) const {
  MatchChunks(text_, rules_, false, text, hits);
}

void RuleSet::MatchElement(std::string_view tag, std::string_view class_attr,
                           std::string_view id_attr, std::string_view role_attr,
                           std::string_view aria_attr,
                           std::string_view itemprop_attr,
                           std::vector<int>* hits) const {
  if (attr_.empty()) return;
  thread_local std::string desc;
  desc.clear();
  if (!tag.empty()) {
    desc += "t=";
    for (char c : tag) desc.push_back(IsSpace(c) ? '_' : Lower(c));
    desc += '\n';
  }
  // The classes and ids of <html> and <body> describe the page ("no-sidebar",
  // "comments-open", "single-post"), not a part of it: only tag rules see
  // those two elements.
  const bool page_level =
      EqualsIgnoreCase(tag, "html") || EqualsIgnoreCase(tag, "body");
  if (!page_level) {
    AppendTokens('c', class_attr, true, &desc);
    AppendTokens('i', id_attr, false, &desc);
    AppendTokens('r', role_attr, false, &desc);
    AppendTokens('a', aria_attr, false, &desc);
    AppendTokens('p', itemprop_attr, false, &desc);
  }
  if (desc.empty()) return;
  MatchChunks(attr_, rules_, true, desc, hits);
}

bool RuleSet::InScope(int index, std::string_view host,
                      std::string_view lang) const {
  if (index < 0 || static_cast<size_t>(index) >= rules_.size()) return false;
  const Rule& r = rules_[index];
  if (!r.lang.empty() && !EqualsIgnoreCase(r.lang, lang)) return false;
  if (r.site.empty()) return true;
  // Normalise the host: no port, no trailing dot, lower case.
  size_t colon = host.rfind(':');
  if (colon != std::string_view::npos &&
      host.find(':') == colon) {  // not an IPv6 literal
    host = host.substr(0, colon);
  }
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  const std::string_view site = r.site;
  if (host.size() < site.size()) return false;
  const std::string_view tail = host.substr(host.size() - site.size());
  if (!EqualsIgnoreCase(tail, site)) return false;
  return host.size() == site.size() ||
         host[host.size() - site.size() - 1] == '.';
}

}  // namespace winnow
