// Copyright winnow authors. Licensed under the MIT licence.
//
// What compile.cc and the build-time analysis of the embedded rules
// (src/embed/rule_facts_main.cc, facts.h) both need, apart from prefix.cc
// and literals.cc: the RE2 options of a rule, and how a text rule's
// matches can start (TextKind, internal.h).

#include <cctype>
#include <cstdlib>
#include <cstring>
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
