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

constexpr char kDigits[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr size_t kMaxEntries = size_t{62} * 62 * 62 * 62 * 62;

int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  if (c >= 'a' && c <= 'z') return c - 'a' + 36;
  return -1;
}

// U+E000 and the five digits of `index`.
void AppendPlaceholder(size_t index, std::string* out) {
  char placeholder[SetAsideValues::kPlaceholderSize];
  const size_t mark = SetAsideValues::kTextMark.size();
  std::memcpy(placeholder, SetAsideValues::kTextMark.data(), mark);
  for (size_t k = sizeof placeholder; k > mark; --k) {
    placeholder[k - 1] = kDigits[index % 62];
    index /= 62;
  }
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

long SetAsideValues::IndexAt(const char* digits, size_t size) const {
  if (size < kTextDigits) return -1;
  size_t index = 0;
  for (size_t k = 0; k < kTextDigits; ++k) {
    const int v = DigitValue(digits[k]);
    if (v < 0) return -1;
    index = index * 62 + static_cast<size_t>(v);
  }
  return index < entries_.size() ? static_cast<long>(index) : -1;
}

std::string_view SetAsideValues::ExpandText(std::string_view text,
                                            std::string* scratch) const {
  if (entries_.empty()) return text;
  size_t mark = text.find(kTextMark);
  if (mark == std::string_view::npos) return text;
  scratch->clear();
  size_t from = 0;
  for (; mark != std::string_view::npos; mark = text.find(kTextMark, mark)) {
    const size_t digits = mark + kTextMark.size();
    const long index = IndexAt(text.data() + digits, text.size() - digits);
    if (index < 0) {
      mark = digits;  // not one of ours: left as it is
      continue;
    }
    const Entry& e = entries_[static_cast<size_t>(index)];
    scratch->append(text.data() + from, mark - from);
    scratch->append(pool_, e.offset, e.size);
    from = mark = digits + kTextDigits;
  }
  scratch->append(text.data() + from, text.size() - from);
  return *scratch;
}

const char* SetAsideValues::ExpandValue(const char* value) const {
  if (entries_.empty()) return value;
  const char* lead = std::strchr(value, kTextMark[0]);
  if (lead == nullptr) return value;
  if (lead == value &&
      std::memcmp(value, kTextMark.data(), kTextMark.size()) == 0) {
    const char* digits = value + kTextMark.size();
    const long index = IndexAt(digits, std::strlen(digits));
    if (index >= 0 && digits[kTextDigits] == '\0') {
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

}  // namespace winnow
