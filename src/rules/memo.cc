// Copyright winnow authors. Licensed under the MIT licence.

#include "rules/memo.h"

#include <functional>

namespace winnow {
namespace rules_internal {

HitMemo& HitMemo::ForThread(int kind, uint64_t owner) {
  thread_local HitMemo memo[2];
  HitMemo& m = memo[kind];
  if (m.owner_ != owner) {
    m.Clear();
    m.owner_ = owner;
  }
  return m;
}

void HitMemo::Clear() {
  slots_.assign(kFirstSlots, Slot());
  keys_.clear();
  hits_.clear();
  entries_ = 0;
}

void HitMemo::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (!s.used) continue;
    size_t i = s.hash & mask;
    while (slots_[i].used) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

// The slot that holds `subject`, or the empty slot where it would go
// (linear probing; the table is never full, see kMaxEntries).
size_t HitMemo::Probe(uint64_t hash, std::string_view subject) const {
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].used) {
    const Slot& s = slots_[i];
    if (s.hash == hash && s.key_size == subject.size() &&
        std::string_view(keys_).substr(s.key, s.key_size) == subject) {
      return i;
    }
    i = (i + 1) & mask;
  }
  return i;
}

bool HitMemo::Find(std::string_view subject, std::vector<int>* hits) const {
  if (subject.size() > kMaxSubject || entries_ == 0) return false;
  const Slot& s =
      slots_[Probe(std::hash<std::string_view>()(subject), subject)];
  if (!s.used) return false;
  hits->insert(hits->end(), hits_.begin() + s.hit,
               hits_.begin() + s.hit + s.hit_count);
  return true;
}

void HitMemo::Store(std::string_view subject, const int* first,
                    const int* last) {
  if (subject.size() > kMaxSubject) return;
  if (slots_.empty() || entries_ >= kMaxEntries ||
      keys_.size() + subject.size() > kMaxBytes ||
      hits_.size() + (last - first) > kMaxHits) {
    Clear();
  }
  if ((entries_ + 1) * 2 > slots_.size() && slots_.size() < kSlots) Grow();
  const uint64_t hash = std::hash<std::string_view>()(subject);
  Slot& s = slots_[Probe(hash, subject)];
  if (s.used) return;  // kept already
  s.used = true;
  s.hash = hash;
  s.key = static_cast<uint32_t>(keys_.size());
  s.key_size = static_cast<uint32_t>(subject.size());
  s.hit = static_cast<uint32_t>(hits_.size());
  s.hit_count = static_cast<uint32_t>(last - first);
  keys_.append(subject);
  hits_.insert(hits_.end(), first, last);
  ++entries_;
}

}  // namespace rules_internal
}  // namespace winnow
