// Copyright winnow authors. Licensed under the MIT licence.

#include "decode/utf8_scan.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "decode/decode.h"

namespace winnow {
namespace decode_internal {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

bool IsLeadByte(unsigned char c) { return c >= 0xC2 && c <= 0xF4; }

}  // namespace

size_t SkipAscii(const unsigned char* p, size_t pos, size_t n,
                 bool stop_at_nul) {
#ifdef __SSE2__
  // Read as signed, the bytes >= 0x80 are those below 0; NUL is the one
  // more below 1. One compare finds either kind of stop.
  const __m128i limit = _mm_set1_epi8(stop_at_nul ? 1 : 0);
  while (pos + 16 <= n) {
    const __m128i v =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos));
    const int stops = _mm_movemask_epi8(_mm_cmplt_epi8(v, limit));
    if (stops != 0) return pos + static_cast<size_t>(__builtin_ctz(stops));
    pos += 16;
  }
#else
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  constexpr uint64_t kLowBits = 0x0101010101010101ULL;
  while (pos + 8 <= n) {
    uint64_t v;
    std::memcpy(&v, p + pos, 8);
    uint64_t stops = v & kHighBits;
    // Nonzero exactly when some byte is NUL (its exact place is found
    // byte by byte below).
    if (stop_at_nul) stops |= (v - kLowBits) & ~v & kHighBits;
    if (stops != 0) break;
    pos += 8;
  }
#endif
  while (pos < n && p[pos] < 0x80 && !(stop_at_nul && p[pos] == 0)) ++pos;
  return pos;
}

int CheckSequence(const unsigned char* p, size_t avail) {
  const unsigned char c = p[0];
  int need;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return -1;
  }
  for (int i = 1; i <= need; ++i) {
    if (static_cast<size_t>(i) >= avail) return -i;
    const unsigned char b = p[i];
    if (b < lo || b > hi) return -i;
    lo = 0x80;
    hi = 0xBF;
  }
  return need + 1;
}

size_t SkipValidUtf8(const unsigned char* p, size_t pos, size_t n) {
  for (;;) {
    pos = SkipAscii(p, pos, n, /*stop_at_nul=*/true);
    if (pos >= n || p[pos] == 0) return pos;
    const int len = CheckSequence(p + pos, n - pos);
    if (len < 0) return pos;
    pos += static_cast<size_t>(len);
  }
}

Utf8Scan ScanUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  Utf8Scan scan;
  scan.clean_end = n;
  size_t pos = 0;
  for (;;) {
    // Runs of ASCII are skipped in blocks (a NUL matters only before the
    // first thing to repair); text in another script goes straight from
    // one sequence to the next.
    if (pos < n && p[pos] < 0x80) {
      pos = SkipAscii(p, pos, n, /*stop_at_nul=*/scan.clean_end == n);
    }
    if (pos >= n) break;
    if (p[pos] == 0) {
      scan.clean_end = pos++;
      continue;
    }
    scan.ascii = false;
    const int len = CheckSequence(p + pos, n - pos);
    if (len > 0) {
      ++scan.multibyte;
      pos += static_cast<size_t>(len);
      continue;
    }
    scan.clean_end = std::min(scan.clean_end, pos);
    const size_t end = pos + static_cast<size_t>(-len);
    // A character cut off by the end of input is what a size limit or a
    // truncated download produces; it says nothing against UTF-8.
    if (end == n && IsLeadByte(p[pos])) break;
    ++scan.errors;
    pos = end;
    // Even if every remaining byte pair were a valid sequence, the mostly-
    // UTF-8 ratio could not be reached: stop scanning random or legacy bytes.
    if (scan.errors * 20 > scan.multibyte + (n - pos) / 2) {
      scan.gave_up = true;
      break;
    }
  }
  return scan;
}

bool LooksLikeUtf8(const Utf8Scan& scan) {
  if (scan.gave_up) return false;
  if (scan.errors == 0) return true;
  return scan.multibyte >= 8 && scan.errors * 20 <= scan.multibyte;
}

size_t RepairUtf8Into(std::string_view in, size_t clean_end, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  out->clear();
  out->reserve(n + 16);
  out->append(in.data(), clean_end);
  size_t pos = clean_end;
  size_t replaced = 0;
  while (pos < n) {
    const unsigned char c = p[pos];
    pos += c == 0 ? 1 : static_cast<size_t>(-CheckSequence(p + pos, n - pos));
    out->append(kReplacement);
    ++replaced;
    const size_t good_end = SkipValidUtf8(p, pos, n);
    out->append(in.data() + pos, good_end - pos);
    pos = good_end;
  }
  return replaced;
}

}  // namespace decode_internal

size_t RepairUtf8(std::string* s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s->data());
  const size_t clean_end = decode_internal::SkipValidUtf8(p, 0, s->size());
  if (clean_end == s->size()) return 0;  // the common case: no copy
  std::string out;
  const size_t replaced = decode_internal::RepairUtf8Into(*s, clean_end, &out);
  s->swap(out);
  return replaced;
}

}  // namespace winnow
