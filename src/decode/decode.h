// Copyright winnow authors. Licensed under the MIT licence.
//
// Stage 1: bytes of unknown encoding to valid UTF-8, before Gumbo (which
// accepts only UTF-8) sees them.

#ifndef WINNOW_DECODE_DECODE_H_
#define WINNOW_DECODE_DECODE_H_

#include <string>
#include <string_view>

namespace winnow {

struct Decoded {
  // The page as valid UTF-8, no BOM, NUL bytes replaced by U+FFFD. When the
  // bytes passed to DecodeToUtf8 needed no change (valid UTF-8 without NUL,
  // the common case) it is a view of them, not a copy, so they must outlive
  // this Decoded; else it is a view of `converted`. A copy or move of a
  // Decoded is as valid as the original.
  std::string_view text() const {
    return borrowed ? unchanged : std::string_view(converted);
  }
  bool borrowed = false;       // text() is `unchanged`
  std::string_view unchanged;  // the input's bytes after a BOM, when borrowed
  std::string converted;       // the converted text, when not borrowed

  std::string encoding;  // canonical name of the source encoding ("UTF-8",
                         // "windows-1252", "Shift_JIS" ...)
  // Where the encoding came from: "bom", "http", "meta", "detector",
  // "default", or "bytes" (valid UTF-8 overruled a label).
  std::string source;
  size_t replaced = 0;  // invalid sequences replaced by U+FFFD
  // Set when the bytes overrode an HTTP or <meta> label (see below): says
  // which label and why, for Extraction::warnings. Empty otherwise.
  std::string warning;
};

// Decodes `bytes` to UTF-8. The encoding is chosen, in order, from a byte
// order mark, the charset of `content_type` (an HTTP Content-Type value, may
// be empty), a <meta charset> or <meta http-equiv> in the first 1024 bytes
// when `is_html`, and uchardet; valid UTF-8 wins over a detector guess and
// windows-1252 is the last resort. A label that the bytes contradict loses
// (a warning says so): bytes that are valid UTF-8 with at least one multi-
// byte sequence are UTF-8 whatever a legacy label says, and bytes that are
// not (mostly) UTF-8 under a UTF-8 label take the <meta> charset when the
// label came from HTTP and the <meta> names another, else uchardet's
// verdict, else windows-1252. Labels are resolved as the WHATWG
// Encoding Standard says (latin1 and iso-8859-1 mean windows-1252, ...).
// Never fails: invalid or unconvertible bytes become U+FFFD and are counted.
// Linear in the input size.
Decoded DecodeToUtf8(std::string_view bytes, std::string_view content_type,
                     bool is_html);

// Replaces every invalid UTF-8 sequence in `s` (and every NUL) by U+FFFD;
// returns the number replaced. Linear time.
size_t RepairUtf8(std::string* s);

}  // namespace winnow

#endif  // WINNOW_DECODE_DECODE_H_
