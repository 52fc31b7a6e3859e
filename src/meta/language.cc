// Copyright winnow authors. Licensed under the MIT licence.

#include "meta/language.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <cstring>

namespace winnow {
namespace {

// CLD2's code for a language ("en", "zh", "zh-Hant", "xx-Qaai" ...) as ISO
// 639-1, or empty when it has none.
std::string IsoCode(CLD2::Language lang) {
  if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE)
    return "";
  const char* code = CLD2::LanguageCode(lang);
  if (!code) return "";
  std::string s(code);
  if (s == "iw") return "he";  // CLD2 keeps the withdrawn codes
  if (s == "in") return "id";
  if (s == "jw") return "jv";
  return PrimaryLanguageTag(s);
}

// Cuts `text` to at most `max` bytes at a character boundary.
std::string_view CutUtf8(std::string_view text, size_t max) {
  if (text.size() <= max) return text;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

}  // namespace

std::string PrimaryLanguageTag(std::string_view tag) {
  while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
  size_t end = 0;
  while (end < tag.size() && ((tag[end] >= 'a' && tag[end] <= 'z') ||
                              (tag[end] >= 'A' && tag[end] <= 'Z')))
    ++end;
  if (end != 2) return "";
  if (end < tag.size() && tag[end] != '-' && tag[end] != '_' &&
      tag[end] != ',' && tag[end] != ' ' && tag[end] != ';')
    return "";
  std::string out(tag.substr(0, 2));
  for (char& c : out) c = static_cast<char>(c | 0x20);
  return out;
}

std::string DetectLanguage(std::string_view text,
                           std::string_view content_language,
                           std::string_view html_lang) {
  const std::string hint_content(content_language.substr(0, 64));
  const std::string html = PrimaryLanguageTag(html_lang);
  CLD2::CLDHints hints = {
      hint_content.empty() ? nullptr : hint_content.c_str(), nullptr,
      CLD2::UNKNOWN_ENCODING,
      html.empty() ? CLD2::UNKNOWN_LANGUAGE
                   : CLD2::GetLanguageFromName(html.c_str())};
  const std::string_view sample = CutUtf8(text, kLanguageMaxBytes);
  std::string code;
  if (!sample.empty()) {
    CLD2::Language language3[3];
    int percent3[3];
    double scores3[3];
    int text_bytes = 0;
    bool reliable = false;
    int valid_prefix = 0;
    const CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        sample.data(), static_cast<int>(sample.size()), /*is_plain_text=*/true,
        &hints, /*flags=*/0, language3, percent3, scores3, nullptr,
        &text_bytes, &reliable, &valid_prefix);
    code = IsoCode(lang);
    // A guess CLD2 does not vouch for (short text) yields to <html lang>.
    if (!reliable && !html.empty()) code = html;
  }
  if (code.empty()) code = html;
  if (code.empty()) code = PrimaryLanguageTag(content_language);
  return code;
}

}  // namespace winnow
