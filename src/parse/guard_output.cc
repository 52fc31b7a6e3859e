// Copyright winnow authors. Licensed under the MIT licence.
//
// The guard's output (parse/guard.h): what it copies to Gumbo's bytes and
// what it sets aside. Text is copied with NULs and out-of-range numeric
// references replaced (CopyText), or set aside in runs between character
// references (EmitText); a start tag is copied with its long values set
// aside, or with its whole attribute list moved into one placeholder
// (EmitStartTag). The byte tests they rely on are here too:
// ParserCopiesUnchanged says where Gumbo keeps bytes as they are.

#include <gumbo.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "parse/guard.h"
#include "parse/guard_internal.h"
#include "parse/scanner.h"
#include "util/ascii.h"
#include "util/utf8.h"

namespace winnow {
namespace guard {
namespace {

using scan::IsSpace;

// The first '&' or NUL in [p, end), or end; the bytes up to `limit`
// (>= end) may be read. Every byte of a page goes through here, mostly in
// short ranges (a tag, a few words): sixteen bytes are tested at a time
// where SSE2 is (every x86-64), and a block may run past `end` (its bits
// there are dropped) so that a short range is one test, not a byte loop.
const char* FindAmpOrNul(const char* p, const char* end, const char* limit) {
#ifdef __SSE2__
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i nul = _mm_setzero_si128();
  while (p < end && limit - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    unsigned hits = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, nul))));
    if (end - p < 16) hits &= (1u << (end - p)) - 1;
    if (hits != 0) return p + __builtin_ctz(hits);
    if (end - p <= 16) return end;
    p += 16;
  }
#endif
  while (p < end && *p != '&' && *p != '\0') ++p;
  return p;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Runs of text shorter than this stay. Twice a placeholder's 4 bytes: on
// 81 corpus pages 12 gave 0.8% more instructions a process, and 6 only
// 0.2% fewer (each run set aside is a copy and a slot to expand).
constexpr size_t kMinTextAside = 8;

// The first byte of raw[i, n) that ParserCopiesUnchanged must look at,
// or n. Invariant: every byte skipped is printable ASCII but '&' (0x20 to
// 0x7E), a tab, a line feed or a form feed, which Gumbo copies as they
// are; everything else stops it: '&', CR, NUL and the other controls, DEL
// and every byte >= 0x80 (whose code point has to be read). Sixteen bytes
// at a time where SSE2 is (every x86-64); the last block overlaps the one
// before, so that runs of 16 bytes or more need no byte loop.
size_t SkipCopiedAscii(std::string_view raw, size_t i) {
  const size_t n = raw.size();
#ifdef __SSE2__
  // One bit per byte of p[0, 16) that stops the skip.
  auto stops_in = [](const char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Read as signed, the bytes below 0x20 are the controls and every
    // byte >= 0x80.
    const __m128i stop =
        _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stop));
    if (mask != 0) {  // the three controls copied as they are
      const __m128i kept =
          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                       _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\f'))));
      mask &= ~static_cast<unsigned>(_mm_movemask_epi8(kept));
    }
    return mask;
  };
  for (; i + 16 <= n; i += 16) {
    const unsigned mask = stops_in(raw.data() + i);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  if (i < n && n >= 16) {
    // Bits of the bytes before i (already skipped) shift out.
    const unsigned mask = stops_in(raw.data() + n - 16) >> (i - (n - 16));
    return mask != 0 ? i + static_cast<size_t>(__builtin_ctz(mask)) : n;
  }
#endif
  for (; i < n; ++i) {
    const char c = raw[i];
    if (!((c >= 0x20 && c < 0x7F && c != '&') || c == '\t' || c == '\n' ||
          c == '\f')) {
      break;
    }
  }
  return i;
}

}  // namespace

// (guard_internal.h)
size_t ReadReferenceDigits(std::string_view s, size_t p, size_t e,
                           uint32_t* value) {
  bool hex = false;
  if (p < e && (s[p] == 'x' || s[p] == 'X')) {
    hex = true;
    ++p;
  }
  uint32_t v = 0;
  for (; p < e; ++p) {
    const char d = s[p];
    int dv;
    if (d >= '0' && d <= '9') {
      dv = d - '0';
    } else if (hex && d >= 'a' && d <= 'f') {
      dv = d - 'a' + 10;
    } else if (hex && d >= 'A' && d <= 'F') {
      dv = d - 'A' + 10;
    } else {
      break;
    }
    v = v * (hex ? 16 : 10) + static_cast<uint32_t>(dv);
    if (v > 0x10FFFF) v = 0x110000;
  }
  *value = v;
  return p;
}

bool ParserCopiesUnchanged(std::string_view raw) {
  for (size_t i = 0;;) {
    i = SkipCopiedAscii(raw, i);
    if (i == raw.size()) return true;
    if (static_cast<unsigned char>(raw[i]) < 0x80) return false;
    // Code point by code point up to the next ASCII byte, so that text in
    // another script is not a stop at every character.
    while (i < raw.size() && static_cast<unsigned char>(raw[i]) >= 0x80) {
      const uint32_t cp = NextCodePoint(raw, &i);
      if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
          (cp & 0xFFFE) == 0xFFFE) {
        return false;
      }
    }
  }
}

namespace {

constexpr std::string_view kNeutral = "<!---->";

// The end of the character reference that starts with the '&' at s[amp]
// (amp < e), as far as Gumbo's tokenizer could read it: '&', an optional
// '#', the letters and digits after it, and a ';' right after them. Every
// named reference is letters and digits with an optional ';', and a
// numeric one '#', an optional 'x' and digits, so in text (data or RCDATA
// state) Gumbo never reads a byte after this end as part of the reference,
// whatever it decodes ("&amp;", "&notit;", "&#38", or nothing for "& ").
size_t ReferenceEnd(std::string_view s, size_t amp, size_t e) {
  size_t i = amp + 1;
  if (i < e && s[i] == '#') ++i;
  while (i < e && (scan::IsAlpha(s[i]) || (s[i] >= '0' && s[i] <= '9'))) ++i;
  if (i < e && s[i] == ';') ++i;
  return i;
}

}  // namespace

void Guard::CopyText(size_t b, size_t e) {
  size_t run = b;
  size_t k = b;
  while (k < e) {
    k = static_cast<size_t>(
        FindAmpOrNul(in_.data() + k, in_.data() + e, in_.data() + in_.size()) -
        in_.data());
    if (k == e) break;
    const char c = in_[k];
    out_->append(in_.data() + run, k - run);
    if (c == '\0') {
      out_->append(kReplacement);
      ++rep_->nuls_replaced;
      run = ++k;
      continue;
    }
    // "&#" digits or "&#x" hex digits, ";" optional.
    size_t p = k + 1;
    if (p >= e || in_[p] != '#') {
      run = k;
      ++k;
      continue;
    }
    ++p;
    const size_t x = p < e && (in_[p] == 'x' || in_[p] == 'X') ? p + 1 : p;
    uint32_t v;
    p = ReadReferenceDigits(in_, p, e, &v);
    if (p == x) {  // no digits: not a reference
      run = k;
      k = p;
      continue;
    }
    if (p < e && in_[p] == ';') ++p;
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
      out_->append(kReplacement);
      ++rep_->references_replaced;
      run = k = p;
    } else {
      run = k;
      k = p;
    }
  }
  out_->append(in_.data() + run, e - run);
}

void Guard::EmitText(size_t b, size_t e, bool verbatim) {
  if (!aside_text_) {
    EmitRun(b, e, verbatim);
    return;
  }
  // A reference stays in place for Gumbo to decode, and the text between
  // references is set aside on its own: a placeholder after a reference is
  // read as the bytes it replaces were, as no reference reads past its
  // ReferenceEnd. (Whole runs with a reference used to stay in place, 2 of
  // the corpus's 4.4 MB of text Gumbo reads, at some 500 instructions a
  // character.)
  for (size_t from = b;;) {
    const char* amp =
        static_cast<const char*>(std::memchr(in_.data() + from, '&', e - from));
    const size_t end = amp == nullptr ? e : amp - in_.data();
    EmitRun(from, end, verbatim);
    if (end == e) return;
    from = ReferenceEnd(in_, end, e);
    Copy(end, from, verbatim);
  }
}

void Guard::Copy(size_t b, size_t e, bool verbatim) {
  if (verbatim) {
    out_->append(in_.data() + b, e - b);
  } else {
    CopyText(b, e);
  }
}

void Guard::EmitRun(size_t b, size_t e, bool verbatim) {
  if (aside_text_) {
    // Whitespace around the run stays, and so does a last '>': the last
    // byte written decides whether a dropped tag needs an EmitNeutral.
    size_t first = b, last = e;
    while (first < e && IsSpace(in_[first]) && in_[first] != '\r') ++first;
    while (last > first && IsSpace(in_[last - 1]) && in_[last - 1] != '\r') {
      --last;
    }
    if (last > first && in_[last - 1] == '>') --last;
    const std::string_view run = in_.substr(first, last - first);
    if (run.size() >= kMinTextAside && ParserCopiesUnchanged(run)) {
      const size_t before = out_->size();
      out_->append(in_.data() + b, first - b);
      if (aside_->AddText(run, out_)) {
        out_->append(in_.data() + last, e - last);
        return;
      }
      out_->resize(before);
    }
  }
  Copy(b, e, verbatim);
}

void Guard::EmitNeutral() {
  if (out_->empty()) return;
  const unsigned char c = static_cast<unsigned char>(out_->back());
  if (IsSpace(c) || c == '>') return;  // also right after a "<!---->"
  out_->append(kNeutral);
}

void Guard::EmitStartTag(const Tag& t) {
  // Gumbo compares every attribute it reads with all earlier ones.
  const uint64_t kept = static_cast<uint64_t>(std::min(t.attrs, max_attrs_));
  rep_->attribute_pairs += kept > 1 ? kept * (kept - 1) / 2 : 0;
  if (t.moved > 0 && EmitMovedStartTag(t)) return;
  size_t from = t.begin;
  for (int k = 0; k < t.asides; ++k) {
    const Tag::Aside& a = t.aside[k];
    CopyText(from, a.begin);
    if (!aside_->AddValue(in_.substr(a.begin, a.end - a.begin), out_)) {
      CopyText(a.begin, a.end);
    }
    from = a.end;
  }
  if (t.attrs <= max_attrs_) {
    CopyText(from, t.end);
    return;
  }
  CopyText(from, t.keep_end);
  out_->append(t.self_closing ? " />" : ">");
  rep_->attributes_dropped += static_cast<size_t>(t.attrs - max_attrs_);
}

bool Guard::EmitMovedStartTag(const Tag& t) {
  // The list: each name lower-cased (as Gumbo does), its value, both
  // NUL-terminated, in the tag's order. A list holds NULs and a value set
  // aside never does (ParserCopiesUnchanged), so the two cannot share an
  // entry.
  list_.clear();
  for (int k = 0; k < t.moved; ++k) {
    for (int j = 0; j < k; ++j) {
      // Gumbo keeps the first of duplicate names; such tags stay as they
      // are.
      if (EqualsIgnoreCase(t.move[j].name, t.move[k].name)) return false;
    }
    for (const char c : t.move[k].name) list_.push_back(AsciiLower(c));
    list_.push_back('\0');
    list_.append(t.move[k].value);
    list_.push_back('\0');
  }
  const size_t before = out_->size();
  CopyText(t.begin, t.name_end);  // "<name", as the tag would be copied
  out_->push_back(' ');
  if (!aside_->AddValue(list_, out_)) {
    out_->resize(before);
    return false;
  }
  out_->append(t.self_closing ? "/>" : ">");
  return true;
}

}  // namespace guard
}  // namespace winnow
