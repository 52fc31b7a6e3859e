// Copyright winnow authors. Licensed under the MIT licence.
//
// The language of a page's clean text as an ISO 639-1 code, by Google's
// Compact Language Detector 2 (Debian's libcld2: 83 languages, naive Bayes
// over character quadgrams and, for CJK, unigrams).

#ifndef WINNOW_META_LANGUAGE_H_
#define WINNOW_META_LANGUAGE_H_

#include <string>
#include <string_view>

namespace winnow {

// The language of `text` (the clean text; its first kMaxBytes are read):
// "en", "de", "zh" (Chinese in either script), "pt" ... `content_language`
// (an HTTP Content-Language value) and `html_lang` (<html lang>) are hints
// that tip close calls, not answers. When CLD2 finds no language it can
// vouch for (empty or very short text, unknown scripts), the primary tag of
// `html_lang` (else of `content_language`) is returned when it is two
// letters, else empty; so is an answer CLD2 calls unreliable when <html
// lang> gives one. The host's country domain is not used as a hint.
std::string DetectLanguage(std::string_view text,
                           std::string_view content_language,
                           std::string_view html_lang);

// How much text CLD2 reads: enough to decide, bounded in time.
inline constexpr size_t kLanguageMaxBytes = 64 * 1024;

// The primary subtag of a language tag, lower-cased, when it is two ASCII
// letters ("de-AT" -> "de", "en_US" -> "en", "deu" -> "").
std::string PrimaryLanguageTag(std::string_view tag);

}  // namespace winnow

#endif  // WINNOW_META_LANGUAGE_H_
