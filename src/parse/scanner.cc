// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/scanner.h"

namespace winnow {
namespace scan {
namespace {

bool StartsWithNoCase(std::string_view s, size_t i, std::string_view lower) {
  return i <= s.size() && s.size() - i >= lower.size() &&
         EqualsNoCase(s.substr(i, lower.size()), lower);
}

// True when the '<' at s[i] begins "</name" followed by the end of a tag
// name. A name cut off by the end of input is text.
bool IsEndTagAt(std::string_view s, size_t i, std::string_view name) {
  const size_t after = i + 2 + name.size();
  return after < s.size() && s[i + 1] == '/' &&
         StartsWithNoCase(s, i + 2, name) && EndsName(s[after]);
}

// The same for "<name": the script data double-escape start.
bool IsStartTagAt(std::string_view s, size_t i, std::string_view name) {
  const size_t after = i + 1 + name.size();
  return after < s.size() && StartsWithNoCase(s, i + 1, name) &&
         EndsName(s[after]);
}

}  // namespace

size_t Find(std::string_view s, size_t from, std::string_view needle) {
  if (from >= s.size()) return kNpos;
  const void* p =
      memmem(s.data() + from, s.size() - from, needle.data(), needle.size());
  return p ? static_cast<size_t>(static_cast<const char*>(p) - s.data())
           : kNpos;
}

size_t CommentEnd(std::string_view s, size_t lt, size_t* body_end) {
  const size_t n = s.size();
  size_t p = lt + 4;
  if (p < n && s[p] == '>') {  // "<!-->"
    *body_end = p;
    return p + 1;
  }
  if (p + 1 < n && s[p] == '-' && s[p + 1] == '>') {  // "<!--->"
    *body_end = p;
    return p + 2;
  }
  for (;;) {
    const size_t d = Find(s, p, std::string_view("--"));
    if (d == kNpos) break;
    size_t e = d + 2;
    while (e < n && s[e] == '-') ++e;  // "--->" ends it too
    if (e < n && s[e] == '>') {
      *body_end = e - 2;
      return e + 1;
    }
    if (e + 1 < n && s[e] == '!' && s[e + 1] == '>') {
      *body_end = e - 2;
      return e + 2;
    }
    p = e;
  }
  *body_end = kNpos;
  return n;
}

size_t CdataEnd(std::string_view s, size_t lt) {
  if (s.compare(lt, 9, "<![CDATA[") != 0) return kNpos;
  const size_t close = Find(s, lt + 9, std::string_view("]]>"));
  return close == kNpos ? s.size() : close + 3;
}

size_t RawTextEnd(std::string_view s, size_t from, std::string_view name) {
  for (size_t i = from;; ++i) {
    i = Find(s, i, '<');
    if (i == kNpos || IsEndTagAt(s, i, name)) return i;
  }
}

size_t ScriptDataEnd(std::string_view s, size_t from) {
  enum class State { kData, kEscaped, kDoubleEscaped };
  State state = State::kData;
  size_t i = from;
  size_t arrow = 0;  // next "-->" at or after i; valid when >= i
  bool arrow_valid = false;
  for (;;) {
    const size_t lt = Find(s, i, '<');
    if (state == State::kData) {
      if (lt == kNpos || IsEndTagAt(s, lt, "script")) return lt;
      if (s.compare(lt, 4, "<!--") == 0) {
        state = State::kEscaped;
        i = lt + 2;  // the dashes of "<!--" count towards "-->"
      } else {
        i = lt + 1;
      }
      continue;
    }
    if (!arrow_valid || arrow < i) {
      arrow = Find(s, i, std::string_view("-->"));
      arrow_valid = true;
    }
    if (arrow != kNpos && (lt == kNpos || arrow < lt)) {
      state = State::kData;
      i = arrow + 3;
      continue;
    }
    if (lt == kNpos) return kNpos;
    if (state == State::kEscaped) {
      if (IsEndTagAt(s, lt, "script")) return lt;
      if (IsStartTagAt(s, lt, "script")) {
        state = State::kDoubleEscaped;
        i = lt + 7;
        continue;
      }
    } else if (IsEndTagAt(s, lt, "script")) {
      state = State::kEscaped;
      i = lt + 8;
      continue;
    }
    i = lt + 1;
  }
}

}  // namespace scan
}  // namespace winnow
