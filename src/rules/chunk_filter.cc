// Copyright winnow authors. Licensed under the MIT licence.
//
// See chunk_filter.h. A text is judged in two steps, the cheap one first:
// the rules whose prefixes its first bytes allow (and those without
// prefixes) are its candidates; each candidate is then asked for its
// required literals. Most texts have no candidate in a Set, or only a few.

#include "rules/chunk_filter.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "rules/literals.h"
#include "util/ascii.h"

namespace winnow {
namespace rules_internal {

void ChunkFilter::Add(std::unique_ptr<std::vector<std::string>> prefixes,
                      const RuleSet::Cold::Single* single, const Rule* rule) {
  const uint32_t index = static_cast<uint32_t>(rules_.size());
  rules_.push_back({single, rule});
  if (prefixes == nullptr) {
    anywhere_.push_back(index);
    return;
  }
  for (const std::string& p : *prefixes) {
    if (!PrefixTable::Usable(p)) {
      anywhere_.push_back(index);
      return;
    }
  }
  pending_.push_back(std::move(prefixes));
}

void PrefixTable::Add(std::string_view p) {
  // Usable: p[0] < 0x80; the bytes after it are ASCII too (MatchPrefixes
  // ends a prefix at a byte >= 0x80), but a table is no place to trust it.
  const auto b = [&p](size_t i) { return static_cast<unsigned char>(p[i]); };
  first_.set(b(0));
  if (p.size() == 1) {
    one_.set(b(0));
  } else if (b(1) >= 0x80) {
    return;  // no ASCII head begins with it
  } else if (p.size() == 2) {
    two_.set(Pair(b(0), b(1)));
  } else {
    two_of_three_.set(Pair(b(0), b(1)));
    three_.Insert(Triple(p.data()));
  }
}

void ChunkFilter::LiteralScan::Add(const std::string& s) {
  if (s.size() < 3) {
    short_.push_back(s);
    return;
  }
  const uint32_t start = static_cast<unsigned char>(s[0]) |
                         static_cast<unsigned char>(s[1]) << 8 |
                         static_cast<unsigned char>(s[2]) << 16;
  hashes_[Hash(start)] = true;
  by_start_[start].push_back(s);
}

namespace {

// Every byte, ASCII-lower-cased: a load per byte of a scanned text, where
// AsciiLower compares twice.
constexpr std::array<unsigned char, 256> FoldedBytes() {
  std::array<unsigned char, 256> t{};
  for (int b = 0; b < 256; ++b) {
    t[b] = static_cast<unsigned char>(AsciiLower(static_cast<char>(b)));
  }
  return t;
}
constexpr std::array<unsigned char, 256> kFoldedByte = FoldedBytes();

// Whether `text` at `at`, ASCII-lower-cased, begins with `s`.
bool StartsFolded(std::string_view text, size_t at, std::string_view s) {
  if (text.size() - at < s.size()) return false;
  for (size_t k = 0; k < s.size(); ++k) {
    if (AsciiLower(text[at + k]) != s[k]) return false;
  }
  return true;
}

}  // namespace

bool ChunkFilter::LiteralScan::AnyIn(std::string_view text) const {
  for (const std::string& s : short_) {
    for (size_t i = 0; i < text.size(); ++i) {
      if (StartsFolded(text, i, s)) return true;
    }
  }
  if (text.size() < 3) return false;
  const auto* t = reinterpret_cast<const unsigned char*>(text.data());
  auto byte = [t](size_t i) -> uint32_t { return kFoldedByte[t[i]]; };
  uint32_t window = byte(0) | byte(1) << 8;
  for (size_t i = 2; i < text.size(); ++i) {
    window |= byte(i) << 16;  // bytes i-2..i
    if (hashes_[Hash(window)]) {
      auto it = by_start_.find(window);
      if (it != by_start_.end()) {
        for (const std::string& s : it->second) {
          if (StartsFolded(text, i - 2, s)) return true;
        }
      }
    }
    window >>= 8;
  }
  return false;
}

const ChunkFilter::Literals& ChunkFilter::Ready() const {
  std::call_once(literals_once_, [this] {
    for (const auto& list : pending_) {
      for (const std::string& p : *list) prefixes_.Add(p);
    }
    pending_.clear();
    for (uint32_t r : anywhere_) {
      const std::vector<std::string>& required =
          rules_[r].single->Required(*rules_[r].rule);
      if (required.empty()) literals_.opaque = true;
      for (const std::string& s : required) literals_.scan.Add(s);
    }
  });
  return literals_;
}

bool ChunkFilter::MayMatch(std::string_view t) const {
  const Literals& lits = Ready();
  if (lits.opaque) return true;
  // A rule with prefixes may match when the text's first bytes, folded as
  // the prefixes are, begin with one of them (or are not judged by them).
  if (prefixes_.MayBegin(t)) return true;
  // A rule without prefixes may match when the text has one of its
  // literals, or letters that fold to ASCII ones (FoldsToAscii), which
  // literals do not judge.
  if (anywhere_.empty()) return false;
  return lits.scan.AnyIn(t) || FoldsToAscii(t);
}

void LineFilter::Add(std::string_view fields, bool parts,
                     const std::vector<std::string>* prefixes) {
  bool usable = prefixes != nullptr;
  if (usable) {
    for (const std::string& p : *prefixes) usable = usable && PrefixTable::Usable(p);
  }
  auto add = [&](Lines* l) {
    if (!usable) {
      l->any = true;
      return;
    }
    for (const std::string& p : *prefixes) l->table.Add(p);
  };
  for (char f : fields) {
    add(&lines_[Slot(f, '=')]);
    if (parts) add(&lines_[Slot(f, '-')]);
  }
  lines_[kSlots].any = true;
}

}  // namespace rules_internal
}  // namespace winnow
