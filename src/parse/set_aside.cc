// Copyright winnow authors. Licensed under the MIT licence.
//
// SetAsideValues (parse/guard.h): the storage of what the guard took out of
// the bytes Gumbo reads, its placeholders, and their expansion.

#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "parse/guard.h"

namespace winnow {
namespace {

// The UTF-8 of U+100000 + `index` (< kMaxEntries): F4 80..8F 80..BF 80..BF.
void AppendPlaceholder(size_t index, std::string* out) {
  const uint32_t cp = SetAsideValues::kFirstMark + static_cast<uint32_t>(index);
  const char placeholder[SetAsideValues::kPlaceholderSize] = {
      SetAsideValues::kMarkLead, static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
      static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
      static_cast<char>(0x80 | (cp & 0x3F))};
  out->append(placeholder, sizeof placeholder);
}

}  // namespace

size_t SetAsideValues::bytes() const {
  size_t expanded = 0;
  for (const std::string& s : expanded_) expanded += s.capacity();
  return entries_.capacity() * sizeof(Entry) + pool_.capacity() +
         values_.capacity() * sizeof(uint32_t) + expanded;
}

void SetAsideValues::Clear() {
  entries_.clear();
  pool_.clear();
  texts_ = 0;
  values_.clear();
  value_count_ = 0;
  expanded_.clear();
}

bool SetAsideValues::Add(std::string_view bytes, std::string* out) {
  if (entries_.size() >= kMaxEntries) return false;
  AppendPlaceholder(entries_.size(), out);
  entries_.push_back({static_cast<uint32_t>(pool_.size()),
                      static_cast<uint32_t>(bytes.size())});
  pool_.append(bytes);
  pool_.push_back('\0');
  return true;
}

bool SetAsideValues::AddText(std::string_view run, std::string* out) {
  if (!Add(run, out)) return false;
  ++texts_;
  return true;
}

bool SetAsideValues::AddValue(std::string_view value, std::string* out) {
  if (2 * (value_count_ + 1) > values_.size()) {
    // Grown (and rehashed) to keep the table at most half full.
    std::vector<uint32_t> old;
    old.swap(values_);
    values_.assign(old.empty() ? 256 : 2 * old.size(), 0);
    for (const uint32_t slot : old) {
      if (slot == 0) continue;
      const Entry& e = entries_[slot - 1];
      size_t h = std::hash<std::string_view>()(
                     std::string_view(pool_.data() + e.offset, e.size)) &
                 (values_.size() - 1);
      while (values_[h] != 0) h = (h + 1) & (values_.size() - 1);
      values_[h] = slot;
    }
  }
  size_t h = std::hash<std::string_view>()(value) & (values_.size() - 1);
  for (; values_[h] != 0; h = (h + 1) & (values_.size() - 1)) {
    const Entry& e = entries_[values_[h] - 1];
    if (std::string_view(pool_.data() + e.offset, e.size) == value) {
      AppendPlaceholder(values_[h] - 1, out);  // the same one again
      return true;
    }
  }
  if (!Add(value, out)) return false;
  values_[h] = static_cast<uint32_t>(entries_.size());
  ++value_count_;
  return true;
}

long SetAsideValues::IndexAt(const char* p, size_t size) const {
  if (size < kPlaceholderSize || p[0] != kMarkLead) return -1;
  const auto b = [p](int k) { return static_cast<unsigned char>(p[k]); };
  // F4 then 80..8F: plane 16 (kMarkLead alone would also start U+110000
  // and above, which are not UTF-8).
  if (b(1) < 0x80 || b(1) > 0x8F || (b(2) & 0xC0) != 0x80 ||
      (b(3) & 0xC0) != 0x80) {
    return -1;
  }
  const uint32_t cp =
      0x100000u | (b(1) & 0x0Fu) << 12 | (b(2) & 0x3Fu) << 6 | (b(3) & 0x3Fu);
  const size_t index = cp - kFirstMark;
  return index < entries_.size() ? static_cast<long>(index) : -1;
}

std::string_view SetAsideValues::ExpandText(std::string_view text,
                                            std::string* scratch) const {
  if (entries_.empty()) return text;
  size_t mark = text.find(kMarkLead);
  if (mark == std::string_view::npos) return text;
  scratch->clear();
  size_t from = 0;
  for (; mark != std::string_view::npos; mark = text.find(kMarkLead, mark)) {
    const long index = IndexAt(text.data() + mark, text.size() - mark);
    if (index < 0) {
      ++mark;  // not one of ours: left as it is
      continue;
    }
    const Entry& e = entries_[static_cast<size_t>(index)];
    scratch->append(text.data() + from, mark - from);
    scratch->append(pool_, e.offset, e.size);
    from = mark = mark + kPlaceholderSize;
  }
  scratch->append(text.data() + from, text.size() - from);
  return *scratch;
}

const char* SetAsideValues::ExpandValue(const char* value) const {
  if (entries_.empty()) return value;
  const char* lead = std::strchr(value, kMarkLead);
  if (lead == nullptr) return value;
  if (lead == value) {
    const size_t size = std::strlen(value);
    const long index = IndexAt(value, size);
    if (index >= 0 && size == kPlaceholderSize) {
      return pool_.data() + entries_[static_cast<size_t>(index)].offset;
    }
  }
  // Among other bytes (Gumbo read a placeholder of text into a value), or
  // not ours at all.
  std::string scratch;
  const std::string_view whole(value);
  const std::string_view expanded = ExpandText(whole, &scratch);
  if (expanded.data() == whole.data()) return value;
  expanded_.push_back(std::move(scratch));
  return expanded_.back().c_str();
}

const char* SetAsideValues::AttributeList(const char* name) const {
  if (entries_.empty() || name[0] != kMarkLead) return nullptr;
  const long index = IndexAt(name, std::strlen(name));
  if (index < 0 || name[kPlaceholderSize] != '\0') return nullptr;
  return pool_.data() + entries_[static_cast<size_t>(index)].offset;
}

}  // namespace winnow
