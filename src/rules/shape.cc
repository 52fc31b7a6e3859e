// Copyright winnow authors. Licensed under the MIT licence.
//
// What a rule's pattern text says before RE2 reads it: the RE2 options of
// its target, the pattern that goes into a Set (WrappedPattern,
// RelaxedPattern) and how a text rule's matches can start (KindOfText).
// compile.cc uses them, and so does the build-time analysis of the
// embedded rules (src/embed/rule_facts_main.cc, facts.h), which links this
// file but not compile.cc.

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

#include "rules/internal.h"

namespace winnow {
namespace rules_internal {

namespace {

RE2::Options BaseOptions(int64_t max_mem) {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_never_capture(true);
  o.set_longest_match(false);
  o.set_log_errors(false);
  o.set_max_mem(max_mem);
  return o;
}

}  // namespace

RE2::Options TextOptions(int64_t max_mem) { return BaseOptions(max_mem); }

RE2::Options AttrOptions(int64_t max_mem) {
  RE2::Options o = BaseOptions(max_mem);
  o.set_never_nl(true);
  return o;
}

std::string_view AttrFields(Target target) {
  switch (target) {
    case Target::kTag:
      return "t";
    case Target::kClass:
      return "c";
    case Target::kId:
      return "i";
    case Target::kRole:
      return "r";
    case Target::kAria:
      return "a";
    default:
      return "ciarp";
  }
}

// The regexp that goes into a Set for `rule` (for attribute rules, see the
// descriptor in match.cc).
std::string WrappedPattern(const Rule& rule) {
  if (rule.target == Target::kText) {
    return (rule.icase ? "(?i:" : "(?:") + rule.pattern + ")";
  }
  const TokenPattern t = SplitTokenAnchors(rule.pattern);
  if (rule.target == Target::kTag) {
    return "(?m:^t=)(?i:" + t.core + ")(?m:$)";
  }
  const std::string_view fields = AttrFields(rule.target);
  const std::string field = fields.size() == 1
                                ? std::string(fields)
                                : "[" + std::string(fields) + "]";
  std::string out = "(?m:^" + field + (t.at_start ? "=)" : "[=-])");
  out += "(?i:" + t.core + ")";
  out += t.at_end ? "(?m:$)" : "(?:[-_]|(?m:$))";
  return out;
}

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
  // `out` holds the relaxed form of p[0, copied); the rest of p joins it at
  // the next change or the end. Most patterns have nothing to relax and are
  // only read.
  std::string out;
  size_t copied = 0;
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
      i = end;
      continue;
    }
    if (in_class) {
      if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {  // [:alpha:]
        const size_t q = p.find(":]", i + 2);
        i = q == std::string_view::npos ? i + 1 : q + 2;
        continue;
      }
      if (c == ']') in_class = false;
      ++i;
      continue;
    }
    if (c == '[') {
      in_class = true;
      ++i;
      // "[]" and "[^]" start a class containing ']'.
      if (i < p.size() && p[i] == '^') ++i;
      if (i < p.size() && p[i] == ']') ++i;
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
          out.append(p.substr(copied, i - copied));
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
          copied = i;
          continue;
        }
      }
    }
    ++i;
  }
  if (exact_up_to != nullptr) *exact_up_to = changed ? up_to : 0;
  if (!changed) return std::string();
  out.append(p.substr(copied));
  return out;
}

namespace {

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

}  // namespace

// The kind of text pattern `p` (internal.h).
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

}  // namespace rules_internal
}  // namespace winnow
