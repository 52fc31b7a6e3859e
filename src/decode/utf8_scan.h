// Copyright winnow authors. Licensed under the MIT licence.
//
// The decode stage's scans of a page's bytes as UTF-8 (internal to
// src/decode): one pass tells DecodeToUtf8 whether the bytes are UTF-8,
// mostly UTF-8 or something else, whether they are ASCII, and where the
// first byte to repair is, so that no second pass is needed.

#ifndef WINNOW_DECODE_UTF8_SCAN_H_
#define WINNOW_DECODE_UTF8_SCAN_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow {
namespace decode_internal {

// The first byte of p[pos, n) that is >= 0x80 (with `stop_at_nul`, also
// the first NUL), or `n`. Pages are mostly long runs of ASCII markup:
// sixteen bytes are tested at a time where SSE2 is (every x86-64), eight
// elsewhere.
size_t SkipAscii(const unsigned char* p, size_t pos, size_t n,
                 bool stop_at_nul);

// For a byte >= 0x80 at p[0], with `avail` bytes from p[0] on: the length
// of the well-formed sequence it starts, or minus the length of the
// maximal ill-formed subpart (so that each subpart becomes one U+FFFD, as
// the Encoding Standard's decoder does).
int CheckSequence(const unsigned char* p, size_t avail);

// The first NUL or ill-formed sequence (a sequence cut off by `n` too) in
// p[pos, n), or `n`.
size_t SkipValidUtf8(const unsigned char* p, size_t pos, size_t n);

struct Utf8Scan {
  size_t errors = 0;     // ill-formed subparts, not counting a cut-off tail
  size_t multibyte = 0;  // well-formed sequences of two to four bytes
  bool gave_up = false;  // stopped early: cannot be (mostly) UTF-8
  bool ascii = true;     // no byte >= 0x80
  // What SkipValidUtf8 returns from the start: the first NUL or ill-formed
  // sequence (a cut-off tail too), or the input's size when there is none,
  // i.e. when the bytes are usable as UTF-8 as they are. Exact even when
  // the scan gave up (it does only after finding one), as is `ascii`.
  size_t clean_end = 0;
};

// Counts the sequences of `bytes` in one pass; stops early (gave_up) once
// the errors rule out "mostly UTF-8" (LooksLikeUtf8), whatever follows.
Utf8Scan ScanUtf8(std::string_view bytes);

// A page whose non-ASCII text is overwhelmingly well-formed UTF-8 with a
// few stray bytes (a Latin-1 snippet pasted into a UTF-8 template) is
// UTF-8; a detector would call it windows-1252 and garble every real
// character. Legacy text almost never forms valid UTF-8 pairs by accident.
bool LooksLikeUtf8(const Utf8Scan& scan);

// Sets *out to `in` with every NUL and ill-formed sequence replaced by
// U+FFFD; `clean_end` is SkipValidUtf8 of `in` from 0 (so less than its
// size: there is something to replace). Returns the number replaced.
size_t RepairUtf8Into(std::string_view in, size_t clean_end, std::string* out);

}  // namespace decode_internal
}  // namespace winnow

#endif  // WINNOW_DECODE_UTF8_SCAN_H_
