// Copyright winnow authors. Licensed under the MIT licence.

#include "lang/lang.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "embed/embedded.h"
#include "lang/stop_table.h"
#include "lang/words.h"

namespace winnow {
namespace {

using words::ForEachWord;

// The embedded stop-word table (lang/stop_table.h), opened once; read-only
// afterwards, so threads share it without locks.
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

  // The entry of `word` (lower-cased, as ForEachWord gives it), or -1.
  int Lookup(std::string_view word) const {
    if (names_.empty()) return -1;
    const uint64_t h = StopTable::Hash(word);
    if (!table_.MayHold(h)) return -1;
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
    const int entry = table_.Find(word, h);
    if (word.size() <= sizeof(c.key)) {
      c.hash = h;
      c.entry = entry;
      c.size = static_cast<uint8_t>(word.size());
      std::memcpy(c.key, word.data(), word.size());
    }
    return entry;
  }
  const StopTable::Mask& languages(int entry) const {
    return table_.languages_of(entry);
  }
  size_t entries() const { return table_.entries(); }
  size_t list_size(int lang) const { return table_.list_size(lang); }

 private:
  StopLists() {
    // The table comes from this build (CMakeLists.txt); a binary that
    // cannot open its own has no languages rather than a crash.
    if (kEmbeddedStopTableCount == 1 &&
        table_.Open(kEmbeddedStopTable[0].contents())) {
      for (int l = 0; l < table_.languages(); ++l) {
        names_.emplace_back(table_.name(l));
      }
    }
  }

  StopTable table_;
  std::vector<std::string> names_;
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
  // The detection's stop words, counted per table entry: a frequent word
  // ("a", "de") is listed by dozens of languages, and its mask is then
  // walked once per distinct word rather than once per occurrence.
  thread_local std::vector<uint32_t> seen;  // per entry, 0 between pages
  thread_local std::vector<int> distinct;
  if (seen.size() != lists.entries()) seen.assign(lists.entries(), 0);
  stops.clear();
  first_stop.clear();
  distinct.clear();
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
      if (seen[stops[k]]++ == 0) distinct.push_back(stops[k]);
    }
    budget -= std::min(budget, static_cast<size_t>(words));
  }
  first_stop.push_back(stops.size());
  for (const int entry : distinct) {
    const StopTable::Mask& langs = lists.languages(entry);
    for (int half = 0; half < 2; ++half) {
      for (uint64_t bits = langs.bits[half]; bits != 0; bits &= bits - 1) {
        hits[half * 64 + __builtin_ctzll(bits)] += seen[entry];
      }
    }
    seen[entry] = 0;
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
