// Copyright winnow authors. Licensed under the MIT licence.
//
// Stage 3b: the page's language from its stop words, and each block's word
// and stop-word counts (jusText's strongest single feature: prose is full
// of function words, navigation and buttons are not).

#ifndef WINNOW_LANG_LANG_H_
#define WINNOW_LANG_LANG_H_

#include <string>
#include <string_view>
#include <vector>

#include "segment/page.h"

namespace winnow {

// Sets page->lang to the stop-list language whose words are most frequent
// in the page's blocks (empty when no list fits), then fills every block's
// `words` and `stop_words`. Linear in the text.
void AnnotateLanguage(Page* page);

// Splits UTF-8 text into lower-cased words (letters and digits; apostrophes
// inside words kept). Appends to *words, which it reuses.
void SplitWords(std::string_view text, std::vector<std::string>* words);

// The names of the embedded stop lists ("English", "German", ...).
std::vector<std::string> StopListLanguages();

// True when `word` (lower-cased) is a stop word of `lang`.
bool IsStopWord(std::string_view lang, std::string_view word);

}  // namespace winnow

#endif  // WINNOW_LANG_LANG_H_
