// Copyright winnow authors. Licensed under the MIT licence.

#include "lang/lang.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "embed/embedded.h"

namespace winnow {
namespace {

// Every stop word of every language, mapped to the languages that list it.
// Built once from the embedded lists; read-only afterwards, so threads share
// it without locks.
class StopLists {
 public:
  static const StopLists& Get() {
    static const StopLists* lists = new StopLists();
    return *lists;
  }

  const std::vector<std::string>& names() const { return names_; }
  int Find(std::string_view name) const {
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
  // The languages listing `word`, or null.
  const std::vector<uint8_t>* Lookup(const std::string& word) const {
    auto it = words_.find(word);
    return it == words_.end() ? nullptr : &it->second;
  }
  size_t list_size(int lang) const { return sizes_[lang]; }

 private:
  StopLists() {
    for (size_t f = 0; f < kEmbeddedStoplistsCount && f < 255; ++f) {
      std::string name = kEmbeddedStoplists[f].name;
      if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0) {
        name.resize(name.size() - 4);
      }
      const uint8_t lang = static_cast<uint8_t>(names_.size());
      names_.push_back(name);
      sizes_.push_back(0);
      std::string_view data = kEmbeddedStoplists[f].contents();
      size_t start = 0;
      while (start < data.size()) {
        size_t end = data.find('\n', start);
        if (end == std::string_view::npos) end = data.size();
        std::string_view w = data.substr(start, end - start);
        while (!w.empty() && (w.back() == '\r' || w.back() == ' ')) w.remove_suffix(1);
        start = end + 1;
        if (w.empty()) continue;
        std::vector<std::string> parts;
        SplitWords(w, &parts);
        if (parts.size() != 1) continue;  // multi-word entries never match
        auto& langs = words_[parts[0]];
        if (langs.empty() || langs.back() != lang) {
          langs.push_back(lang);
          ++sizes_.back();
        }
      }
    }
  }

  std::vector<std::string> names_;
  std::vector<size_t> sizes_;
  std::unordered_map<std::string, std::vector<uint8_t>> words_;
};

// Appends the lower-case form of the code point `cp` for the scripts whose
// case mapping is a fixed offset (Latin-1, Latin Extended-A, Greek,
// Cyrillic); other code points are appended unchanged.
uint32_t LowerCodePoint(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F) {
    // Latin Extended-A pairs upper/lower as even/odd, except a few ranges
    // that are odd/even; those are left alone.
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
      return (cp % 2 == 1) ? cp + 1 : cp;
    }
    return (cp % 2 == 0 && cp != 0x138) ? cp + 1 : cp;
  }
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes one code point at s[*i] (input is valid UTF-8) and advances.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  const unsigned char c = s[*i];
  uint32_t cp;
  int extra;
  if (c < 0x80) { cp = c; extra = 0; }
  else if (c < 0xE0) { cp = c & 0x1F; extra = 1; }
  else if (c < 0xF0) { cp = c & 0x0F; extra = 2; }
  else { cp = c & 0x07; extra = 3; }
  ++*i;
  for (int k = 0; k < extra && *i < s.size(); ++k, ++*i) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i]) & 0x3F);
  }
  return cp;
}

bool IsWordCodePoint(uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9') || cp == '\'';
  }
  if (cp == 0xA0 || cp == 0xAB || cp == 0xBB || cp == 0xB7 || cp == 0xA9 ||
      cp == 0xAE || cp == 0xB0 || cp == 0xA7 || cp == 0xB6 || cp == 0xBF ||
      cp == 0xA1) {
    return false;
  }
  if (cp == 0x2019 || cp == 0x2BC) return true;  // apostrophes
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // fullwidth punctuation
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
  if (cp == 0xFFFD) return false;
  return true;
}

}  // namespace

void SplitWords(std::string_view text, std::vector<std::string>* words) {
  words->clear();
  std::string word;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = NextCodePoint(text, &i);
    if (cp == 0x2019 || cp == 0x2BC) cp = '\'';
    if (IsWordCodePoint(cp)) {
      AppendUtf8(LowerCodePoint(cp), &word);
    } else if (!word.empty()) {
      while (!word.empty() && word.back() == '\'') word.pop_back();
      size_t lead = 0;
      while (lead < word.size() && word[lead] == '\'') ++lead;
      if (lead < word.size()) words->push_back(word.substr(lead));
      word.clear();
    }
  }
  while (!word.empty() && word.back() == '\'') word.pop_back();
  size_t lead = 0;
  while (lead < word.size() && word[lead] == '\'') ++lead;
  if (lead < word.size()) words->push_back(word.substr(lead));
}

std::vector<std::string> StopListLanguages() { return StopLists::Get().names(); }

bool IsStopWord(std::string_view lang, std::string_view word) {
  const StopLists& lists = StopLists::Get();
  const int id = lists.Find(lang);
  if (id < 0) return false;
  const std::vector<uint8_t>* langs = lists.Lookup(std::string(word));
  return langs && std::find(langs->begin(), langs->end(), id) != langs->end();
}

void AnnotateLanguage(Page* page) {
  const StopLists& lists = StopLists::Get();
  const size_t n = lists.names().size();
  std::vector<uint32_t> hits(n, 0);
  std::vector<std::string> words;
  // Detection looks at the longer blocks first-come, up to a word budget:
  // enough to separate languages, bounded for huge pages.
  size_t budget = 5000;
  for (const Block& b : page->blocks) {
    if (budget == 0) break;
    if (b.chars < 40 || b.link_chars * 2 > b.chars) continue;
    SplitWords(b.text, &words);
    for (const std::string& w : words) {
      if (const std::vector<uint8_t>* langs = lists.Lookup(w)) {
        for (uint8_t l : *langs) ++hits[l];
      }
      if (budget) --budget;
    }
  }
  int best = -1;
  for (size_t l = 0; l < n; ++l) {
    if (hits[l] == 0) continue;
    // Among equal counts, the shorter list is the more specific evidence.
    if (best < 0 || hits[l] > hits[best] ||
        (hits[l] == hits[best] && lists.list_size(l) < lists.list_size(best))) {
      best = static_cast<int>(l);
    }
  }
  if (best >= 0 && hits[best] >= 3) page->lang = lists.names()[best];
  for (Block& b : page->blocks) {
    SplitWords(b.text, &words);
    b.words = static_cast<int>(words.size());
    int stops = 0;
    if (!page->lang.empty()) {
      for (const std::string& w : words) {
        const std::vector<uint8_t>* langs = lists.Lookup(w);
        if (langs && std::find(langs->begin(), langs->end(),
                               static_cast<uint8_t>(best)) != langs->end())
          ++stops;
      }
    }
    b.stop_words = stops;
  }
}

}  // namespace winnow
