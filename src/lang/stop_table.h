// Copyright winnow authors. Licensed under the MIT licence.
//
// The stop-word table: every single word of every stop list, lower-cased as
// lang/words.h cuts words, mapped to the languages that list it. Every word
// of every block is looked up here, so it is flat: open addressing over one
// array, keys in one string, the languages of a word as a bit mask.
//
// Building it from the 188,000 lines of the lists took 45 ms, half the
// start-up of a process that cleans one page. So it is built once, at build
// time, by the winnow_stoptable tool (src/embed/stop_table_main.cc), and
// the binary embeds its bytes, which the stage reads in place.
//
// The bytes: a Header, then the languages' list sizes and name ends, the
// filter, the slots, the entries (all 8-byte aligned), the keys and the
// names. Integers are in the byte order of the machine that built them,
// which is the machine that runs them.

#ifndef WINNOW_LANG_STOP_TABLE_H_
#define WINNOW_LANG_STOP_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow {

class StopTable {
 public:
  static constexpr int kMaxLanguages = 128;

  // The languages that list a word, as bits 0..127.
  struct Mask {
    uint64_t bits[2];
    bool Has(int lang) const { return (bits[lang >> 6] >> (lang & 63)) & 1; }
  };

  // The table's bytes for stop lists given as (language name, contents):
  // one entry per line; lines of more than one word (as words.h cuts them)
  // are left out, since a page's words are looked up one at a time. At
  // most kMaxLanguages lists.
  static std::string Build(
      const std::vector<std::pair<std::string, std::string_view>>& lists);

  // Reads bytes that Build made. They must outlive the table and start at
  // an 8-byte boundary. Returns false (and the table stays empty) when
  // they are not such bytes.
  bool Open(std::string_view bytes);

  int languages() const { return static_cast<int>(header_.languages); }
  // Distinct words of all lists: entries are 0..entries()-1.
  size_t entries() const { return static_cast<size_t>(header_.entries); }
  std::string_view name(int lang) const;
  // Distinct words of a language's list.
  uint64_t list_size(int lang) const { return sizes_[lang]; }

  static uint64_t Hash(std::string_view word);
  // False when `word` (of hash `h`) is surely no stop word: a Bloom
  // filter of the stop words' hashes turns most words away before the
  // table is touched. Its three bits for a word lie in one 64-bit word (one
  // cache miss at most); one bit a word let 8% of the other words through
  // to the table, three let about 1%.
  bool MayHold(uint64_t h) const {
    const uint64_t bits = FilterBits(h);
    return (filter_[FilterWord(h)] & bits) == bits;
  }
  // The entry of `word` (of hash `h`), or -1.
  int Find(std::string_view word, uint64_t h) const;
  const Mask& languages_of(int entry) const { return entries_[entry].langs; }

 private:
  static constexpr int kFilterBits = 21;
  static uint64_t FilterWord(uint64_t h) { return h >> (64 - kFilterBits + 6); }
  static uint64_t FilterBits(uint64_t h) {
    return (uint64_t{1} << (h & 63)) | (uint64_t{1} << ((h >> 6) & 63)) |
           (uint64_t{1} << ((h >> 12) & 63));
  }
  // The slot's check on a hash: bits the slot's index does not use.
  static uint32_t Tag(uint64_t h) { return static_cast<uint32_t>(h >> 32); }
  static constexpr uint64_t kMagic = 0x3230504f5453574eULL;  // "NWSTOP02"

  struct Header {
    uint64_t magic;
    uint64_t languages;
    uint64_t entries;
    uint64_t slots;  // a power of two
    uint64_t keys_size;
    uint64_t names_size;
  };
  struct Slot {
    uint32_t hash;  // Tag(): the high bits of the word's hash, to skip most
                    // compares
    int32_t entry;  // -1 when empty
  };
  struct Entry {
    uint32_t offset;  // into keys_
    uint32_t size;
    Mask langs;
  };

  Header header_ = {};
  const uint64_t* sizes_ = nullptr;
  const uint64_t* name_ends_ = nullptr;  // into names_
  const uint64_t* filter_ = nullptr;
  const Slot* slots_ = nullptr;
  const Entry* entries_ = nullptr;
  const char* keys_ = nullptr;
  const char* names_ = nullptr;
};

}  // namespace winnow

#endif  // WINNOW_LANG_STOP_TABLE_H_
