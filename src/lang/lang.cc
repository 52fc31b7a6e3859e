// Copyright winnow authors. Licensed under the MIT licence.

#include "lang/lang.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "embed/embedded.h"
#include "util/utf8.h"

namespace winnow {
namespace {

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
  if (cp == 0x2019 || cp == 0x2BC) return true;    // apostrophes
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // fullwidth punctuation
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
  if (cp == 0xFFFD) return false;
  return true;
}

}  // namespace

namespace {

// What an ASCII byte is to the word splitter.
enum AsciiClass : uint8_t { kSeparator, kWordByte, kUpper };

constexpr std::array<uint8_t, 128> MakeAsciiClasses() {
  std::array<uint8_t, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kWordByte;
  for (int c = '0'; c <= '9'; ++c) t[c] = kWordByte;
  t['\''] = kWordByte;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kUpper;
  return t;
}
constexpr std::array<uint8_t, 128> kAsciiClasses = MakeAsciiClasses();

// Calls emit(word) for every word of `text`, lower-cased, without leading
// or trailing apostrophes. A word that is lower-case ASCII already, most of
// them, is a view into `text`; any other is built in *scratch and lives
// until the next word. Every word of every block goes through here, so it
// allocates nothing per word.
template <typename Emit>
void ForEachWord(std::string_view text, std::string* scratch, Emit emit) {
  const char* const s = text.data();
  const size_t n = text.size();
  auto emit_trimmed = [&](const char* w, size_t size) {
    size_t lead = 0;
    while (lead < size && w[lead] == '\'') ++lead;
    while (size > lead && w[size - 1] == '\'') --size;
    if (lead < size) emit(std::string_view(w + lead, size - lead));
  };
  // The word code point at `i`, with *next after it, or -1 for a
  // separator. Right single quotation marks and modifier apostrophes are
  // apostrophes.
  auto word_code_point = [&](size_t i, size_t* next) -> int64_t {
    *next = i;
    uint32_t cp = NextCodePoint(text, next);
    if (cp == 0x2019 || cp == 0x2BC) cp = '\'';
    return IsWordCodePoint(cp) ? static_cast<int64_t>(cp) : -1;
  };
  size_t i = 0;
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (kAsciiClasses[c] == kSeparator) {
        ++i;
        continue;
      }
    } else {
      size_t next;
      if (word_code_point(i, &next) < 0) {
        i = next;
        continue;
      }
    }
    // A word starts at i. Lower-case ASCII needs no copy.
    const size_t start = i;
    while (i < n) {
      const unsigned char d = static_cast<unsigned char>(s[i]);
      if (d >= 0x80 || kAsciiClasses[d] != kWordByte) break;
      ++i;
    }
    if (i == n ||
        (static_cast<unsigned char>(s[i]) < 0x80 &&
         kAsciiClasses[static_cast<unsigned char>(s[i])] == kSeparator)) {
      emit_trimmed(s + start, i - start);
      continue;
    }
    std::string& word = *scratch;
    word.assign(s + start, i - start);
    while (i < n) {
      const unsigned char d = static_cast<unsigned char>(s[i]);
      if (d < 0x80) {
        const uint8_t k = kAsciiClasses[d];
        if (k == kSeparator) break;
        word.push_back(static_cast<char>(k == kUpper ? d + 32 : d));
        ++i;
        continue;
      }
      size_t next;
      const int64_t cp = word_code_point(i, &next);
      if (cp < 0) break;  // the outer loop skips it
      AppendUtf8(LowerCodePoint(static_cast<uint32_t>(cp)), &word);
      i = next;
    }
    emit_trimmed(word.data(), word.size());
  }
}

// Every stop word of every language, mapped to the languages that list it.
// Built once from the embedded lists; read-only afterwards, so threads share
// it without locks. Every word of every block is looked up, so the table is
// flat: open addressing over one array, keys in one string, the languages
// of a word as a bit mask (tested with one AND when counting a page's stop
// words).
class StopLists {
 public:
  static constexpr int kMaxLanguages = 128;

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

  // The languages that list a word, as bits 0..127.
  struct Mask {
    uint64_t bits[2] = {0, 0};
    bool Has(int lang) const { return (bits[lang >> 6] >> (lang & 63)) & 1; }
    void Set(int lang) { bits[lang >> 6] |= uint64_t{1} << (lang & 63); }
  };

  // The index of `word` (lower-cased, as ForEachWord gives it), or -1.
  int Lookup(std::string_view word) const {
    const uint64_t h = Hash(word);
    // Most words of a text are no stop word of any language: a bitmap of
    // the stop words' hashes (256 KiB, it stays in cache) turns nine in ten
    // of them away without touching the table.
    const uint64_t bit = h >> (64 - kFilterBits);
    if (!((filter_[bit >> 6] >> (bit & 63)) & 1)) return -1;
    // Text is mostly a few frequent words: a small per-thread cache in
    // front of the table (several MiB, a cache miss or two a word) answers
    // most lookups from L1/L2. It holds the words themselves, so a hit is
    // exact.
    struct Cached {
      uint64_t hash = 0;
      int32_t entry = -1;
      uint8_t size = 0xFF;  // no word
      char key[19];
    };
    static_assert(sizeof(Cached) == 32, "two per cache line");
    thread_local Cached cache[4096];
    Cached& c = cache[(h >> 20) & 4095];
    if (c.hash == h && c.size == word.size() &&
        std::memcmp(c.key, word.data(), word.size()) == 0) {
      return c.entry;
    }
    const int entry = Find(word, h);
    if (word.size() <= sizeof(c.key)) {
      c.hash = h;
      c.entry = entry;
      c.size = static_cast<uint8_t>(word.size());
      std::memcpy(c.key, word.data(), word.size());
    }
    return entry;
  }
  const Mask& languages(int entry) const { return entries_[entry].langs; }
  size_t list_size(int lang) const { return sizes_[lang]; }

 private:
  int Find(std::string_view word, uint64_t h) const {
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.entry < 0) return -1;
      const Entry& e = entries_[slot.entry];
      if (slot.hash == static_cast<uint32_t>(h) && e.size == word.size() &&
          std::memcmp(keys_.data() + e.offset, word.data(), word.size()) == 0)
        return slot.entry;
    }
  }

  struct Entry {
    uint32_t offset;  // into keys_
    uint32_t size;
    Mask langs;
  };
  struct Slot {
    uint32_t hash;  // low bits of the word's hash, to skip most compares
    int32_t entry;  // into entries_, -1 when empty
  };

  static uint64_t Hash(std::string_view s) {
    uint64_t h = 0xCBF29CE484222325ULL;  // FNV-1a: words are short
    for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ULL;
    return h ^ (h >> 29);
  }

  StopLists() {
    // Every single-word line of every list, in order: (key offset, size,
    // language). Built without a std::string per word, as every process
    // pays for this at start-up.
    struct Word {
      uint32_t offset, size;
      int lang;
    };
    std::vector<Word> words;
    words.reserve(1 << 18);
    std::string scratch;
    for (size_t f = 0; f < kEmbeddedStoplistsCount && f < kMaxLanguages; ++f) {
      std::string name = kEmbeddedStoplists[f].name;
      if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0) {
        name.resize(name.size() - 4);
      }
      const int lang = static_cast<int>(names_.size());
      names_.push_back(name);
      sizes_.push_back(0);
      std::string_view data = kEmbeddedStoplists[f].contents();
      size_t start = 0;
      while (start < data.size()) {
        size_t end = data.find('\n', start);
        if (end == std::string_view::npos) end = data.size();
        std::string_view w = data.substr(start, end - start);
        while (!w.empty() && (w.back() == '\r' || w.back() == ' '))
          w.remove_suffix(1);
        start = end + 1;
        if (w.empty()) continue;
        int parts = 0;
        const size_t offset = keys_.size();
        ForEachWord(w, &scratch, [&](std::string_view part) {
          if (++parts == 1) keys_.append(part);
        });
        if (parts != 1) {  // multi-word entries never match
          keys_.resize(offset);
          continue;
        }
        words.push_back({static_cast<uint32_t>(offset),
                         static_cast<uint32_t>(keys_.size() - offset), lang});
      }
    }
    size_t slots = 16;
    while (slots < words.size() * 2) slots *= 2;  // load at most 1/2
    slots_.assign(slots, Slot{0, -1});
    filter_.assign((size_t{1} << kFilterBits) / 64, 0);
    mask_ = slots - 1;
    for (const Word& w : words) {
      const std::string_view key(keys_.data() + w.offset, w.size);
      const uint64_t h = Hash(key);
      int entry = Find(key, h);
      if (entry < 0) {
        entry = static_cast<int>(entries_.size());
        entries_.push_back({w.offset, w.size, {}});
        size_t i = h & mask_;
        while (slots_[i].entry >= 0) i = (i + 1) & mask_;
        slots_[i] = {static_cast<uint32_t>(h), entry};
        const uint64_t bit = h >> (64 - kFilterBits);
        filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
      }
      Mask& langs = entries_[entry].langs;
      if (!langs.Has(w.lang)) {
        langs.Set(w.lang);
        ++sizes_[w.lang];
      }
    }
  }

  std::vector<std::string> names_;
  std::vector<size_t> sizes_;
  std::string keys_;
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  static constexpr int kFilterBits = 21;
  std::vector<uint64_t> filter_;
};

}  // namespace

void SplitWords(std::string_view text, std::vector<std::string>* words) {
  words->clear();
  std::string scratch;
  ForEachWord(text, &scratch,
              [&](std::string_view w) { words->emplace_back(w); });
}

std::vector<std::string> StopListLanguages() {
  return StopLists::Get().names();
}

bool IsStopWord(std::string_view lang, std::string_view word) {
  const StopLists& lists = StopLists::Get();
  const int id = lists.Find(lang);
  if (id < 0) return false;
  const int entry = lists.Lookup(word);
  return entry >= 0 && lists.languages(entry).Has(id);
}

void AnnotateLanguage(Page* page) {
  const StopLists& lists = StopLists::Get();
  const size_t n = lists.names().size();
  std::vector<uint32_t> hits(n, 0);
  // One pass splits every block once: the stop words it finds (table
  // entries, in order) are kept for the count below, once the page's
  // language is known.
  thread_local std::string scratch;
  thread_local std::vector<int> stops;
  thread_local std::vector<size_t> first_stop;
  stops.clear();
  first_stop.clear();
  // Detection looks at the longer blocks first-come, up to a word budget:
  // enough to separate languages, bounded for huge pages.
  size_t budget = 5000;
  for (Block& b : page->blocks) {
    first_stop.push_back(stops.size());
    int words = 0;
    ForEachWord(b.text, &scratch, [&](std::string_view w) {
      ++words;
      const int entry = lists.Lookup(w);
      if (entry >= 0) stops.push_back(entry);
    });
    b.words = words;
    if (budget == 0 || b.chars < 40 || b.link_chars * 2 > b.chars) continue;
    for (size_t k = first_stop.back(); k < stops.size(); ++k) {
      const StopLists::Mask& langs = lists.languages(stops[k]);
      for (int half = 0; half < 2; ++half) {
        for (uint64_t bits = langs.bits[half]; bits != 0; bits &= bits - 1) {
          ++hits[half * 64 + __builtin_ctzll(bits)];
        }
      }
    }
    budget -= std::min(budget, static_cast<size_t>(words));
  }
  first_stop.push_back(stops.size());
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
  for (size_t i = 0; i < page->blocks.size(); ++i) {
    int count = 0;
    if (!page->lang.empty()) {
      for (size_t k = first_stop[i]; k < first_stop[i + 1]; ++k) {
        count += lists.languages(stops[k]).Has(best);
      }
    }
    page->blocks[i].stop_words = count;
  }
}

}  // namespace winnow
