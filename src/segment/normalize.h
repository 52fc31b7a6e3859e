// Copyright winnow authors. Licensed under the MIT licence.
//
// The text layer's last step for every block: Unicode normalisation form C
// (through utf8proc, the Unicode data of a well-kept library rather than a
// table of ours) and the removal of invisible characters that sit inside
// words. Pages compose "é" either way and break words with soft hyphens and
// zero-width spaces; without this the same word would compare unequal in the
// output, in stop-word counts and in fingerprints.

#ifndef WINNOW_SEGMENT_NORMALIZE_H_
#define WINNOW_SEGMENT_NORMALIZE_H_

#include <string>

namespace winnow {

// Rewrites `text` (valid UTF-8) in place:
//  - removes U+00AD SOFT HYPHEN, U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER
//    and U+FEFF (a BOM or zero-width no-break space inside text): they only
//    hint where a line may break or may not;
//    a space or line break that such a character stood between and another
//    one (or an end of the text) goes with it, as the text is whitespace-
//    folded already;
//  - keeps U+200C ZWNJ and U+200D ZWJ, which change how Persian and Indic
//    words are spelled and join emoji sequences;
//  - normalises to NFC.
// Cheap when there is nothing to do: pure ASCII returns after one scan, and
// utf8proc is called only when a code point that may not be NFC occurs (a
// combining mark, a composition exclusion or singleton, a Hangul vowel or
// final jamo). Returns true when the text changed. Never fails: text that
// utf8proc rejects is left as it is.
bool NormalizeText(std::string* text);

}  // namespace winnow

#endif  // WINNOW_SEGMENT_NORMALIZE_H_
