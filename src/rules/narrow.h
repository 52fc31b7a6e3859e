// Copyright winnow authors. Licensed under the MIT licence.
//
// A one-byte-per-character form of text patterns and texts, in which RE2
// compiles a pattern with large counted repetitions tens of times faster
// than in UTF-8: the exact form of "^[\s\S]{8,250}(?:...)" cost RE2 about
// 9 million instructions to compile as UTF-8 (250 copies of an automaton
// for every code point), and the 31 that the development corpus needed were
// 2% of a whole run. As Latin-1 the same pattern compiles in a few
// hundred thousand.
//
// The narrow code: ASCII and U+00A0..U+00FE are their own byte; kExtra's
// caseless characters (dashes, quotes, the euro sign, ...) take the bytes
// 0x80..0x9F (C1 controls, which texts do not have); the byte 0xFF stands
// for every other character of a pattern and is in no narrowed text. A
// text with a character outside the code is not narrowed.
//
// Why a narrowed pattern matches a narrowed text exactly where the pattern
// matches the text (RE2, UTF-8 vs Latin-1): every character of such a text
// is one byte, so counts, '.', negated classes and anchors agree; \s \w \d
// \b are ASCII-only in both; a pattern character outside the code becomes
// \x{FF}, which matches no narrowed text, as it matched no such text
// unless case folding takes it to a character inside the code: the six
// that do (kFoldsIntoCode) keep a pattern from being narrowed. Ranges with
// a character >= 0x80 as an end, escapes that name characters by number or
// property (\x \p \P \0-\9 \C \Q) and a character after '\' do too.

#ifndef WINNOW_RULES_NARROW_H_
#define WINNOW_RULES_NARROW_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow {
namespace rules_internal {

// The characters outside U+0000..U+00FE whose case folding (RE2's) meets
// one inside: the long s, Greek capital and small mu, the capital sharp s,
// the Kelvin and the Angstrom sign.
constexpr uint32_t kFoldsIntoCode[] = {0x17F, 0x39C, 0x3BC,
                                       0x1E9E, 0x212A, 0x212B};

// The caseless characters that take the bytes 0x80 + their index.
constexpr uint32_t kExtra[] = {
    0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E,
    0x2022, 0x2026, 0x20AC, 0x2020, 0x2021, 0x2030, 0x2039, 0x203A,
    0x2122, 0x2032, 0x2033, 0x200B, 0x2009, 0x202F, 0x2010, 0x2011,
    0x2012, 0x2015, 0x2212, 0x2192, 0x2190, 0x2060, 0xFEFF, 0x200A,
};
static_assert(sizeof(kExtra) / sizeof(kExtra[0]) <= 32, "0x80..0x9F");

// The byte of code point `cp` in the narrow code, or -1 when it has none.
int NarrowByte(uint32_t cp);

// Writes the narrow form of `pattern` (RE2 syntax, UTF-8) to *out, to be
// compiled with RE2::Options::EncodingLatin1; false when it has none (see
// above).
bool NarrowPattern(std::string_view pattern, std::string* out);

// The narrow form of `text`: `text` itself when it is ASCII, else a copy in
// *buf; false when a character of it (or a byte that is not UTF-8) has no
// byte.
bool NarrowText(std::string_view text, std::string* buf,
                std::string_view* out);

}  // namespace rules_internal
}  // namespace winnow

#endif  // WINNOW_RULES_NARROW_H_
