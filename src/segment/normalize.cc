// Copyright winnow authors. Licensed under the MIT licence.

#include "segment/normalize.h"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace winnow {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// The end of the run of ASCII bytes of s[0, n) that starts at i, eight
// bytes at a time.
size_t AsciiRunEnd(const char* s, size_t n, size_t i) {
  for (; i + 8 <= n; i += 8) {
    uint64_t v;
    std::memcpy(&v, s + i, 8);
    if (v & kHighBits) break;
  }
  while (i < n && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

// Decodes the (valid) UTF-8 sequence at s[i]; sets *len to its length.
int32_t DecodeAt(const std::string& s, size_t i, size_t* len) {
  // Two bytes, C2-DF and a continuation byte, are always valid (U+0080 -
  // U+07FF): decoded here, without a library call, as utf8proc would.
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c >= 0xC2 && c <= 0xDF && i + 1 < s.size() &&
      (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
    *len = 2;
    return ((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
  }
  utf8proc_int32_t cp = 0;
  const utf8proc_ssize_t n = utf8proc_iterate(
      reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
      static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) {  // not valid UTF-8 after all: step over one byte
    *len = 1;
    return -1;
  }
  *len = static_cast<size_t>(n);
  return cp;
}

bool IsSeparator(char c) { return c == ' ' || c == '\n'; }

bool IsInvisible(int32_t cp) {
  return cp == 0x00AD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
}

// The NFC quick check, conservatively: false only for a code point whose
// NFC_Quick_Check is Yes. Below U+0300 every code point is. Above, the No
// and Maybe ones are combining marks, Hangul vowel and final jamo (which
// compose with what precedes them), composition exclusions, and singletons
// (a canonical decomposition to one other code point, such as U+212B
// ANGSTROM SIGN).
bool MayNotBeNfc(int32_t cp) {
  if (cp < 0x300) return false;
  if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2)) {
    return true;
  }
  const utf8proc_property_t* p = utf8proc_get_property(cp);
  if (p->combining_class != 0 || p->comp_exclusion) return true;
  if (p->category == UTF8PROC_CATEGORY_MN ||
      p->category == UTF8PROC_CATEGORY_MC ||
      p->category == UTF8PROC_CATEGORY_ME) {
    return true;
  }
  if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {
    // A canonical decomposition: a precomposed letter (NFC) unless it is a
    // singleton.
    utf8proc_int32_t out[4];
    int boundclass = 0;
    const utf8proc_ssize_t n =
        utf8proc_decompose_char(cp, out, 4, UTF8PROC_DECOMPOSE, &boundclass);
    return n == 1 && out[0] != cp;
  }
  return false;
}

}  // namespace

bool NormalizeText(std::string* text) {
  if (AsciiRunEnd(text->data(), text->size(), 0) == text->size()) {
    return false;
  }
  // One pass: drop the invisible characters, and see whether NFC can
  // change anything.
  bool removed = false, needs_nfc = false;
  size_t out = 0;
  for (size_t i = 0; i < text->size();) {
    // A run of ASCII bytes is kept as it is (moved only once something
    // before it was dropped).
    const size_t run = AsciiRunEnd(text->data(), text->size(), i);
    if (run > i) {
      if (out != i) std::memmove(&(*text)[out], &(*text)[i], run - i);
      out += run - i;
      i = run;
      continue;
    }
    size_t len = 1;
    const int32_t cp = DecodeAt(*text, i, &len);
    if (IsInvisible(cp)) {
      removed = true;
      i += len;
      // A separator the character stood between another and (or an end
      // of the text) goes with it: "a \u200B b" is "a b", and a line
      // that held only a U+200B leaves no empty line.
      const bool after_sep = out == 0 || IsSeparator((*text)[out - 1]);
      if (after_sep && i < text->size() && IsSeparator((*text)[i])) {
        // Of a space and a line break, the line break stays.
        if (out > 0 && (*text)[out - 1] == ' ' && (*text)[i] == '\n') {
          --out;
        } else {
          ++i;
        }
      } else if (after_sep && out > 0 && i == text->size()) {
        --out;
      }
      continue;
    }
    if (!needs_nfc && cp >= 0) needs_nfc = MayNotBeNfc(cp);
    if (out != i) std::memmove(&(*text)[out], &(*text)[i], len);
    out += len;
    i += len;
  }
  text->resize(out);
  if (!needs_nfc) return removed;
  utf8proc_uint8_t* nfc = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text->data()),
      static_cast<utf8proc_ssize_t>(text->size()), &nfc,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  bool changed = removed;
  if (n >= 0 && nfc != nullptr &&
      (static_cast<size_t>(n) != text->size() ||
       std::memcmp(nfc, text->data(), text->size()) != 0)) {
    text->assign(reinterpret_cast<const char*>(nfc), static_cast<size_t>(n));
    changed = true;
  }
  std::free(nfc);
  return changed;
}

}  // namespace winnow
