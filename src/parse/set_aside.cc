// Copyright winnow authors. Licensed under the MIT licence.
//
// SetAsideValues (parse/guard.h): the storage of what the guard took out of
// the bytes Gumbo reads, and the check that Gumbo read them as the guard did.

#include <algorithm>
#include <string>
#include <vector>

#include "parse/guard.h"

namespace winnow {

bool SetAsideValues::Find(size_t offset, const char* values[kNames]) const {
  const auto it = std::lower_bound(tags_.begin(), tags_.end(), offset);
  if (it == tags_.end() || *it != offset) return false;
  const std::array<uint32_t, kNames>& v = values_[it - tags_.begin()];
  for (int k = 0; k < kNames; ++k) {
    values[k] = v[k] == kAbsent ? nullptr : pool_.data() + v[k];
  }
  return true;
}

void SetAsideValues::StartTag(size_t offset) {
  tags_.push_back(offset);
  values_.push_back({kAbsent, kAbsent, kAbsent, kAbsent});
}

void SetAsideValues::Add(Name name, std::string_view value) {
  values_.back()[name] = static_cast<uint32_t>(pool_.size());
  pool_.append(value);
  pool_.push_back('\0');
}

bool SetAsideValues::AddText(std::string_view run, std::string* out) {
  static constexpr char kDigits[] =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  size_t index = texts_.size();
  if (index >= size_t{62} * 62 * 62 * 62 * 62) return false;
  texts_.push_back({static_cast<uint32_t>(pool_.size()),
                    static_cast<uint32_t>(run.size()), out->size()});
  pool_.append(run);
  out->append(kTextMark);
  char digits[kTextDigits];
  for (size_t k = kTextDigits; k > 0; --k) {
    digits[k - 1] = kDigits[index % 62];
    index /= 62;
  }
  out->append(digits, kTextDigits);
  return true;
}

std::string_view SetAsideValues::ExpandText(std::string_view text,
                                            std::string* scratch) const {
  if (texts_.empty()) return text;
  size_t mark = text.find(kTextMark);
  if (mark == std::string_view::npos) return text;
  scratch->clear();
  size_t from = 0;
  for (; mark != std::string_view::npos; mark = text.find(kTextMark, mark)) {
    const size_t digits = mark + kTextMark.size();
    size_t index = 0;
    size_t k = 0;
    for (; k < kTextDigits && digits + k < text.size(); ++k) {
      const char c = text[digits + k];
      int v;
      if (c >= '0' && c <= '9') {
        v = c - '0';
      } else if (c >= 'A' && c <= 'Z') {
        v = c - 'A' + 10;
      } else if (c >= 'a' && c <= 'z') {
        v = c - 'a' + 36;
      } else {
        break;
      }
      index = index * 62 + static_cast<size_t>(v);
    }
    if (k < kTextDigits || index >= texts_.size()) {
      mark = digits;  // not one of ours: left as it is
      continue;
    }
    scratch->append(text.data() + from, mark - from);
    scratch->append(pool_, texts_[index].value, texts_[index].size);
    from = mark = digits + kTextDigits;
  }
  scratch->append(text.data() + from, text.size() - from);
  return *scratch;
}

namespace {

// Whether each of `offsets` (ascending) lies in one of `ranges`: one sweep
// over both, the ranges sorted by start with the furthest end so far.
// Calls f(i, covered) for offsets[i]; stops when f returns false.
template <typename Offsets, typename F>
bool Sweep(std::vector<SetAsideValues::Range>* ranges, const Offsets& offsets,
           F f) {
  std::vector<SetAsideValues::Range>& r = *ranges;
  if (!std::is_sorted(r.begin(), r.end())) std::sort(r.begin(), r.end());
  size_t j = 0, reach = 0;
  for (size_t i = 0; i < offsets.size(); ++i) {
    const size_t at = offsets[i];
    for (; j < r.size() && r[j].first <= at; ++j) {
      reach = std::max(reach, r[j].second);
    }
    if (!f(i, j > 0 && reach > at)) return false;
  }
  return true;
}

}  // namespace

bool SetAsideValues::HeldBy(std::vector<Range>* text,
                            std::vector<Range>* other) const {
  // Offsets of the placeholders, ascending as they were written.
  struct Marks {
    const std::vector<TextRun>& runs;
    size_t size() const { return runs.size(); }
    size_t operator[](size_t i) const { return runs[i].at; }
  } marks{texts_};
  auto outside = [](size_t, bool covered) { return !covered; };
  auto inside = [](size_t, bool covered) { return covered; };
  return Sweep(text, tags_, outside) && Sweep(other, tags_, outside) &&
         Sweep(text, marks, inside) && Sweep(other, marks, outside);
}

}  // namespace winnow
