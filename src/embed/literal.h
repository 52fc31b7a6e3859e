// Copyright winnow authors. Licensed under the MIT licence.
//
// What the build-time tools (embed.cc, rule_facts_main.cc) share: bytes
// written as C++ string literals.

#ifndef WINNOW_EMBED_LITERAL_H_
#define WINNOW_EMBED_LITERAL_H_

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace winnow {

// Appends `data` to *out as adjacent string literals of 64 bytes a line,
// each on a line of its own (or " \"\"" when `data` is empty), with its
// exact bytes: a string literal, which compilers read ten times faster
// than a brace list of numbers.
inline void AppendStringLiteral(std::string_view data, std::string* out) {
  for (size_t k = 0; k < data.size(); ++k) {
    if (k % 64 == 0) *out += "\n\"";
    const unsigned char c = static_cast<unsigned char>(data[k]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?') {
      *out += static_cast<char>(c);
    } else {
      // Always three digits, so that a digit after it stays a character.
      char escape[8];
      std::snprintf(escape, sizeof(escape), "\\%03o", c);
      *out += escape;
    }
    if (k % 64 == 63 || k + 1 == data.size()) *out += '"';
  }
  if (data.empty()) *out += " \"\"";
}

}  // namespace winnow

#endif  // WINNOW_EMBED_LITERAL_H_
