// Copyright winnow authors. Licensed under the MIT licence.

#include "lang/stop_table.h"

#include <cstdint>
#include <cstring>

#include "lang/words.h"

namespace winnow {
namespace {

// Appends the bytes of `items` to *out.
template <typename T>
void AppendRaw(const std::vector<T>& items, std::string* out) {
  out->append(reinterpret_cast<const char*>(items.data()),
              items.size() * sizeof(T));
}

}  // namespace

namespace {

uint64_t Load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

uint64_t Load32(const unsigned char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

// The two halves of the 128-bit product, folded: every input bit reaches
// every output bit.
uint64_t Fold(uint64_t a, uint64_t b) {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

}  // namespace

uint64_t StopTable::Hash(std::string_view s) {
  // Eight bytes a step (FNV-1a's byte a step was a chain of dependent
  // multiplies, a good part of a lookup); the last step and the short
  // cases read overlapping loads inside the word, never past its end.
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  uint64_t h = 0x9E3779B97F4A7C15ULL * (n + 1);  // the length in every bit
  if (n > 8) {
    for (; n > 8; p += 8, n -= 8)
      h = Fold(h ^ Load64(p), 0xBF58476D1CE4E5B9ULL);
    h ^= Load64(p + n - 8);
  } else if (n >= 4) {
    h ^= (Load32(p) << 32) | Load32(p + n - 4);
  } else if (n > 0) {
    h ^= (uint64_t{p[0]} << 16) | (uint64_t{p[n >> 1]} << 8) | p[n - 1];
  }
  return Fold(h, 0x94D049BB133111EBULL);
}

std::string StopTable::Build(
    const std::vector<std::pair<std::string, std::string_view>>& lists) {
  // Every single-word line of every list, in order.
  struct Word {
    uint32_t offset, size;
    int lang;
  };
  std::vector<Word> words;
  std::string keys;
  std::string scratch;
  const size_t n_langs = std::min(lists.size(), size_t{kMaxLanguages});
  for (size_t lang = 0; lang < n_langs; ++lang) {
    const std::string_view data = lists[lang].second;
    size_t start = 0;
    while (start < data.size()) {
      size_t end = data.find('\n', start);
      if (end == std::string_view::npos) end = data.size();
      std::string_view w = data.substr(start, end - start);
      while (!w.empty() && (w.back() == '\r' || w.back() == ' ')) {
        w.remove_suffix(1);
      }
      start = end + 1;
      if (w.empty()) continue;
      int parts = 0;
      const size_t offset = keys.size();
      words::ForEachWord(w, &scratch, [&](std::string_view part) {
        if (++parts == 1) keys.append(part);
      });
      if (parts != 1) {  // multi-word entries never match
        keys.resize(offset);
        continue;
      }
      words.push_back({static_cast<uint32_t>(offset),
                       static_cast<uint32_t>(keys.size() - offset),
                       static_cast<int>(lang)});
    }
  }

  // The table is sized by the lines, which bounds the distinct words: load
  // at most 1/2.
  uint64_t n_slots = 16;
  while (n_slots < words.size() * 2) n_slots *= 2;
  std::vector<Slot> slots(n_slots, Slot{0, -1});
  std::vector<uint64_t> filter((uint64_t{1} << kFilterBits) / 64, 0);
  std::vector<Entry> entries;
  std::vector<uint64_t> sizes(n_langs, 0);
  const uint64_t mask = n_slots - 1;
  for (const Word& w : words) {
    const std::string_view key(keys.data() + w.offset, w.size);
    const uint64_t h = Hash(key);
    size_t i = h & mask;
    int entry = -1;
    for (;; i = (i + 1) & mask) {
      const Slot& slot = slots[i];
      if (slot.entry < 0) break;
      const Entry& e = entries[slot.entry];
      if (slot.hash == Tag(h) && e.size == key.size() &&
          std::memcmp(keys.data() + e.offset, key.data(), key.size()) == 0) {
        entry = slot.entry;
        break;
      }
    }
    if (entry < 0) {
      entry = static_cast<int>(entries.size());
      entries.push_back({w.offset, w.size, {{0, 0}}});
      slots[i] = {Tag(h), entry};
      filter[FilterWord(h)] |= FilterBits(h);
    }
    Mask& langs = entries[entry].langs;
    if (!langs.Has(w.lang)) {
      langs.bits[w.lang >> 6] |= uint64_t{1} << (w.lang & 63);
      ++sizes[w.lang];
    }
  }

  std::string names;
  std::vector<uint64_t> name_ends;
  for (size_t lang = 0; lang < n_langs; ++lang) {
    names += lists[lang].first;
    name_ends.push_back(names.size());
  }
  const Header header = {kMagic,  n_langs,     entries.size(),
                         n_slots, keys.size(), names.size()};
  std::string out(reinterpret_cast<const char*>(&header), sizeof(header));
  AppendRaw(sizes, &out);
  AppendRaw(name_ends, &out);
  AppendRaw(filter, &out);
  AppendRaw(slots, &out);
  AppendRaw(entries, &out);
  out += keys;
  out += names;
  return out;
}

bool StopTable::Open(std::string_view bytes) {
  *this = StopTable();
  Header h;
  if (bytes.size() < sizeof(h) ||
      reinterpret_cast<uintptr_t>(bytes.data()) % alignof(uint64_t) != 0) {
    return false;
  }
  std::memcpy(&h, bytes.data(), sizeof(h));
  const uint64_t filter_words = (uint64_t{1} << kFilterBits) / 64;
  if (h.magic != kMagic || h.languages > kMaxLanguages || h.slots == 0 ||
      (h.slots & (h.slots - 1)) != 0 || h.entries >= h.slots ||
      h.keys_size > bytes.size() || h.names_size > bytes.size()) {
    return false;
  }
  const uint64_t expected = sizeof(h) + 2 * 8 * h.languages + 8 * filter_words +
                            sizeof(Slot) * h.slots + sizeof(Entry) * h.entries +
                            h.keys_size + h.names_size;
  if (bytes.size() != expected) return false;
  const char* p = bytes.data() + sizeof(h);
  auto take = [&](size_t n) {
    const char* at = p;
    p += n;
    return at;
  };
  sizes_ = reinterpret_cast<const uint64_t*>(take(8 * h.languages));
  name_ends_ = reinterpret_cast<const uint64_t*>(take(8 * h.languages));
  filter_ = reinterpret_cast<const uint64_t*>(take(8 * filter_words));
  slots_ = reinterpret_cast<const Slot*>(take(sizeof(Slot) * h.slots));
  entries_ = reinterpret_cast<const Entry*>(take(sizeof(Entry) * h.entries));
  keys_ = take(h.keys_size);
  names_ = take(h.names_size);
  header_ = h;
  return true;
}

std::string_view StopTable::name(int lang) const {
  const uint64_t begin = lang == 0 ? 0 : name_ends_[lang - 1];
  return std::string_view(names_ + begin, name_ends_[lang] - begin);
}

int StopTable::Find(std::string_view word, uint64_t h) const {
  if (header_.slots == 0) return -1;
  const uint64_t mask = header_.slots - 1;
  for (uint64_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.entry < 0) return -1;
    const Entry& e = entries_[slot.entry];
    if (slot.hash == Tag(h) && e.size == word.size() &&
        std::memcmp(keys_ + e.offset, word.data(), word.size()) == 0) {
      return slot.entry;
    }
  }
}

}  // namespace winnow
