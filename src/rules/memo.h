// Copyright winnow authors. Licensed under the MIT licence.
//
// A memo of recent subjects and the rules they matched. Pages repeat
// themselves: the development corpus's 220,816 elements that hold blocks
// have far fewer distinct (tag, class, id, role, aria-label, itemprop)
// tuples, and a fifth of its 129,728 block texts ("Reply", "Share", a date)
// occur more than once on their page. A match costs a DFA pass per Set
// (about half a microsecond each on a short subject); a memo hit costs a
// hash of the subject and a comparison.
//
// A match is a pure function of the rule set and the subject, so the memo
// changes no output: only how often the Sets run. It belongs to one thread
// (no locks) and is bounded: when it holds kMaxEntries subjects,
// kMaxBytes of them or kMaxHits hits, it starts over empty.

#ifndef WINNOW_RULES_MEMO_H_
#define WINNOW_RULES_MEMO_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {
namespace rules_internal {

class HitMemo {
 public:
  // Subjects longer than this are not kept: long texts seldom repeat, and
  // one would take the room of many short ones.
  static constexpr size_t kMaxSubject = 256;
  static constexpr size_t kMaxEntries = 6144;
  static constexpr size_t kMaxBytes = size_t{1} << 20;
  static constexpr size_t kMaxHits = size_t{1} << 16;

  // The memo of the calling thread for subjects of one kind (`kind` 0 or
  // 1: text, element) of the rule set numbered `owner`. Asking for another
  // owner than last time empties it.
  static HitMemo& ForThread(int kind, uint64_t owner);

  // If `subject` is kept, appends its hits to *hits and returns true.
  bool Find(std::string_view subject, std::vector<int>* hits) const;

  // Keeps `subject` with hits [first, last) (the caller matched it and got
  // them); ignored when the subject is longer than kMaxSubject.
  void Store(std::string_view subject, const int* first, const int* last);

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t key = 0, key_size = 0;   // in keys_
    uint32_t hit = 0, hit_count = 0;  // in hits_
    bool used = false;
  };
  // The table starts small and doubles when half full, up to kSlots (a
  // power of two > kMaxEntries): a process that cleans one small page
  // touches a few KB, not the whole table.
  static constexpr size_t kFirstSlots = 256;
  static constexpr size_t kSlots = 8192;

  void Clear();
  void Grow();
  size_t Probe(uint64_t hash, std::string_view subject) const;

  uint64_t owner_ = 0;
  size_t entries_ = 0;
  std::vector<Slot> slots_;
  std::string keys_;
  std::vector<int> hits_;
};

}  // namespace rules_internal
}  // namespace winnow

#endif  // WINNOW_RULES_MEMO_H_
