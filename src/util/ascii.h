// Copyright winnow authors. Licensed under the MIT licence.
//
// ASCII case and space helpers, the one copy for every stage: HTML tag and
// attribute names, HTTP and WARC header names, hosts and rule-file words
// are ASCII-case-insensitive, and lower-casing them must never touch a
// byte of a UTF-8 sequence (>= 0x80).

#ifndef WINNOW_UTIL_ASCII_H_
#define WINNOW_UTIL_ASCII_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow {

// 'A'-'Z' to 'a'-'z'; every other byte as it is.
constexpr char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

// Space, tab, line feed, carriage return, form feed, vertical tab.
constexpr bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// A copy of `s` with its ASCII letters lower-cased.
inline std::string AsciiLowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// True when `a` and `b` are equal but for the case of ASCII letters.
inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

// True when `s` begins with `prefix`, ASCII case ignored.
inline bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

// True when `s` ends with `suffix`, ASCII case ignored.
inline bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

}  // namespace winnow

#endif  // WINNOW_UTIL_ASCII_H_
