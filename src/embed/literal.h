// Copyright winnow authors. Licensed under the MIT licence.
//
// What the build-time tools (embed.cc, rule_facts_main.cc,
// stop_table_main.cc) share: bytes written as C++ string literals, and
// their output written whole.

#ifndef WINNOW_EMBED_LITERAL_H_
#define WINNOW_EMBED_LITERAL_H_

#include <cstddef>
#include <cstdio>
#include <fstream>
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

// Writes `bytes` to `path` through a temporary file renamed over it, so
// that an interrupted tool never leaves a half-written file for the build
// to compile (a stop-word table cut short once compiled and silently
// changed the output). Returns 0, or 1 on failure (the tool's exit code).
inline int WriteGeneratedFile(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream file(tmp, std::ios::binary);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!file) return 1;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0 ? 0 : 1;
}

}  // namespace winnow

#endif  // WINNOW_EMBED_LITERAL_H_
