// Copyright winnow authors. Licensed under the MIT licence.
//
// See narrow.h.

#include "rules/narrow.h"

#include <cstdio>

namespace winnow {
namespace rules_internal {
namespace {

// Decodes the UTF-8 sequence at s[*i] strictly (shortest form, no
// surrogates, at most U+10FFFF) and advances *i past it; false on a
// sequence that is not UTF-8.
bool DecodeStrict(std::string_view s, size_t* i, uint32_t* cp) {
  const auto at = [&s](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = at(*i);
  int extra;
  uint32_t min;
  if (c < 0x80) {
    *cp = c;
    ++*i;
    return true;
  } else if (c >= 0xC2 && c <= 0xDF) {
    extra = 1, min = 0x80, *cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    extra = 2, min = 0x800, *cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    extra = 3, min = 0x10000, *cp = c & 0x07;
  } else {
    return false;
  }
  if (s.size() - *i <= static_cast<size_t>(extra)) return false;
  for (int k = 1; k <= extra; ++k) {
    const unsigned char b = at(*i + k);
    if ((b & 0xC0) != 0x80) return false;
    *cp = (*cp << 6) | (b & 0x3F);
  }
  if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) {
    return false;
  }
  *i += extra + 1;
  return true;
}

bool FoldsIntoCode(uint32_t cp) {
  for (uint32_t f : kFoldsIntoCode) {
    if (cp == f) return true;
  }
  return false;
}

}  // namespace

int NarrowByte(uint32_t cp) {
  if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFE)) return static_cast<int>(cp);
  if (cp < 0x2000) return -1;  // no extra below U+2000
  for (size_t k = 0; k < sizeof(kExtra) / sizeof(kExtra[0]); ++k) {
    if (kExtra[k] == cp) return static_cast<int>(0x80 + k);
  }
  return -1;
}

bool NarrowPattern(std::string_view p, std::string* out) {
  out->clear();
  bool in_class = false;
  size_t class_begin = 0;  // where the open class's members begin in `p`
  for (size_t i = 0; i < p.size();) {
    const char c = p[i];
    if (c == '\\') {
      if (i + 1 >= p.size()) return false;
      const char e = p[i + 1];
      // A character by number or property, \C (one byte of UTF-8) and
      // \Q...\E (literal text that may hold any character) are not
      // narrowed; nor is '\' before a character outside ASCII.
      if (static_cast<unsigned char>(e) >= 0x80 ||
          (e >= '0' && e <= '9') || e == 'x' || e == 'p' || e == 'P' ||
          e == 'C' || e == 'Q') {
        return false;
      }
      out->append(p.substr(i, 2));
      i += 2;
      continue;
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      const size_t start = i;
      uint32_t cp;
      if (!DecodeStrict(p, &i, &cp) || FoldsIntoCode(cp)) return false;
      // A range with this character as an end would span other bytes in
      // the narrow code than in Unicode. A '-' first in a class or last is
      // itself (RE2), else it makes a range.
      if (in_class && ((start > class_begin + 1 && p[start - 1] == '-') ||
                       (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']'))) {
        return false;
      }
      const int b = NarrowByte(cp);
      char esc[16];
      std::snprintf(esc, sizeof(esc), "\\x{%02X}", b < 0 ? 0xFF : b);
      out->append(esc);
      continue;
    }
    if (in_class) {
      if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {  // [:alpha:]
        const size_t q = p.find(":]", i + 2);
        if (q == std::string_view::npos) return false;
        out->append(p.substr(i, q + 2 - i));
        i = q + 2;
        continue;
      }
      if (c == ']') in_class = false;
      out->push_back(c);
      ++i;
      continue;
    }
    out->push_back(c);
    ++i;
    if (c == '[') {
      in_class = true;
      if (i < p.size() && p[i] == '^') out->push_back(p[i++]);
      class_begin = i;
      // "[]" and "[^]" start a class containing ']'.
      if (i < p.size() && p[i] == ']') out->push_back(p[i++]);
    }
  }
  return true;
}

bool NarrowText(std::string_view text, std::string* buf,
                std::string_view* out) {
  size_t i = 0;
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  if (i == text.size()) {
    *out = text;
    return true;
  }
  buf->assign(text.data(), i);
  while (i < text.size()) {
    uint32_t cp;
    if (!DecodeStrict(text, &i, &cp)) return false;
    const int b = NarrowByte(cp);
    if (b < 0) return false;
    buf->push_back(static_cast<char>(b));
  }
  *out = *buf;
  return true;
}

}  // namespace rules_internal
}  // namespace winnow
