// Copyright winnow authors. Licensed under the MIT licence.
//
// RequiredLiterals reads a pattern once, bottom up: each part is either
// exact (the few strings it can match, all of them) or not, and then has a
// list of which every match contains one, or none. Whatever is not read
// exactly (classes of many bytes, \s, '.', bytes >= 0x80, unknown escapes)
// is a part with no list, which is always safe: it only weakens the result.

#include "rules/literals.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "util/ascii.h"

namespace winnow {
namespace {

constexpr size_t kMaxExact = 16;      // strings of an exact part
constexpr size_t kLongEnough = 8;     // a run this long ends (Sequence)
constexpr size_t kMaxRequired = 256;  // strings of a list
constexpr int kMaxDepth = 64;         // nested groups
constexpr size_t kMaxClass = 16;      // bytes of a class read exactly

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return AsciiLower(c) >= 'a' && AsciiLower(c) <= 'z'; }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }

struct Part {
  bool exact = false;
  std::vector<std::string> strings;  // exact: all it matches; else the list
  bool has_list = false;             // not exact: whether `strings` is one
};

Part Exact(std::vector<std::string> s) {
  Part p;
  p.exact = true;
  p.strings = std::move(s);
  return p;
}

Part Unknown() { return Part(); }

// The part's list of required strings, if it has one.
bool ListOf(const Part& p, std::vector<std::string>* out) {
  if (p.exact) {
    for (const std::string& s : p.strings) {
      if (s.empty()) return false;
    }
    if (p.strings.empty()) return false;
    *out = p.strings;
    return true;
  }
  if (!p.has_list) return false;
  *out = p.strings;
  return true;
}

// Whether list `a` filters better than `b`: longer shortest string, then
// fewer strings.
bool Better(const std::vector<std::string>& a,
            const std::vector<std::string>& b) {
  auto shortest = [](const std::vector<std::string>& v) {
    size_t m = std::string::npos;
    for (const std::string& s : v) m = std::min(m, s.size());
    return m;
  };
  const size_t sa = shortest(a), sb = shortest(b);
  if (sa != sb) return sa > sb;
  return a.size() < b.size();
}

class Reader {
 public:
  explicit Reader(std::string_view p) : p_(p) {}

  bool Read(Part* out) {
    *out = Alternation(0);
    return ok_ && i_ == p_.size();
  }

 private:
  bool More() const { return i_ < p_.size(); }

  // Branches up to a ')' (not taken) or the end.
  Part Alternation(int depth) {
    if (depth > kMaxDepth) {
      ok_ = false;
      return Unknown();
    }
    std::vector<Part> branches;
    branches.push_back(Sequence(depth));
    while (ok_ && More() && p_[i_] == '|') {
      ++i_;
      branches.push_back(Sequence(depth));
    }
    if (branches.size() == 1) return std::move(branches[0]);
    bool all_exact = true;
    size_t total = 0;
    for (const Part& b : branches) {
      all_exact = all_exact && b.exact;
      total += b.strings.size();
    }
    if (all_exact && total <= kMaxExact) {
      std::vector<std::string> u;
      for (Part& b : branches) {
        for (std::string& s : b.strings) u.push_back(std::move(s));
      }
      std::sort(u.begin(), u.end());
      u.erase(std::unique(u.begin(), u.end()), u.end());
      return Exact(std::move(u));
    }
    Part out;
    out.has_list = true;
    for (const Part& b : branches) {
      std::vector<std::string> list;
      if (!ListOf(b, &list)) return Unknown();
      out.strings.insert(out.strings.end(), list.begin(), list.end());
    }
    std::sort(out.strings.begin(), out.strings.end());
    out.strings.erase(std::unique(out.strings.begin(), out.strings.end()),
                      out.strings.end());
    if (out.strings.size() > kMaxRequired) return Unknown();
    return out;
  }

  // Items up to a '|' or ')' (not taken) or the end: runs of exact items
  // are multiplied out, and the best list of a run or item is kept.
  Part Sequence(int depth) {
    std::vector<std::string> run{""};
    bool all_exact = true;
    bool have_best = false;
    std::vector<std::string> best;
    auto consider = [&](const std::vector<std::string>& list) {
      if (!have_best || Better(list, best)) {
        best = list;
        have_best = true;
      }
    };
    auto finish_run = [&] {
      // As ListOf(Exact(run)), without copying the run.
      if (run.empty()) return;
      for (const std::string& s : run) {
        if (s.empty()) return;
      }
      consider(run);
    };
    // Longer literals filter little better, and multiplying out costs.
    auto end_long_run = [&] {
      for (const std::string& r : run) {
        if (r.size() < kLongEnough) return;
      }
      all_exact = false;
      finish_run();
      run = {""};
    };
    while (ok_ && More() && p_[i_] != '|' && p_[i_] != ')') {
      // Most of a pattern is plain letters: each is appended to the run in
      // place, as multiplying the run by the one string Atom would read
      // (no repetition follows it) would do, without making that string.
      if (PlainByte(i_) && !(i_ + 1 < p_.size() && IsRepeat(p_[i_ + 1]))) {
        const char c = AsciiLower(p_[i_++]);
        for (std::string& a : run) a.push_back(c);
        end_long_run();
        continue;
      }
      Part item = Quantified(Atom(depth));
      if (!ok_) break;
      if (item.exact && run.size() * item.strings.size() <= kMaxExact) {
        std::vector<std::string> product;
        for (const std::string& a : run) {
          for (const std::string& b : item.strings) product.push_back(a + b);
        }
        run = std::move(product);
        end_long_run();
        continue;
      }
      all_exact = false;
      finish_run();
      if (item.exact) {
        run = std::move(item.strings);
      } else {
        run = {""};
        std::vector<std::string> list;
        if (ListOf(item, &list)) consider(list);
      }
    }
    if (all_exact) return Exact(std::move(run));
    finish_run();
    Part out;
    out.has_list = have_best;
    out.strings = std::move(best);
    return out;
  }

  // A repetition operator after `atom`, if any.
  Part Quantified(Part atom) {
    if (!More()) return atom;
    const char c = p_[i_];
    size_t min = 1;
    bool once = false;  // exactly one repetition
    if (c == '*' || c == '+' || c == '?') {
      ++i_;
      min = c == '+' ? 1 : 0;
      if (c == '?') {
        if (More() && p_[i_] == '?') ++i_;
        if (atom.exact && atom.strings.size() < kMaxExact) {
          atom.strings.push_back("");
          return atom;
        }
        return Unknown();
      }
    } else if (c == '{') {
      // {n}, {n,} or {n,m}; anything else is a literal '{' (as in RE2).
      size_t j = i_ + 1, n = 0, digits = 0;
      while (j < p_.size() && IsDigit(p_[j])) {
        n = std::min<size_t>(n * 10 + (p_[j] - '0'), 100000);
        ++j, ++digits;
      }
      if (digits == 0) return atom;
      bool range = false;
      if (j < p_.size() && p_[j] == ',') {
        range = true;
        ++j;
        while (j < p_.size() && IsDigit(p_[j])) ++j;
      }
      if (j >= p_.size() || p_[j] != '}') return atom;
      i_ = j + 1;
      min = n;
      once = !range && n == 1;
    } else {
      return atom;
    }
    if (More() && p_[i_] == '?') ++i_;  // non-greedy
    if (once) return atom;
    if (min == 0) return Unknown();
    Part out;
    out.has_list = ListOf(atom, &out.strings);
    return out;
  }

  // Whether the byte at `i` is one that Atom reads as itself (an ASCII
  // byte with no meaning of its own in a pattern).
  bool PlainByte(size_t i) const {
    const char c = p_[i];
    return static_cast<unsigned char>(c) < 0x80 &&
           std::strchr("([\\^$.*+?|)", c) == nullptr;
  }

  // Whether `c` starts a repetition operator (Quantified).
  static bool IsRepeat(char c) {
    return c == '*' || c == '+' || c == '?' || c == '{';
  }

  Part Atom(int depth) {
    const char c = p_[i_];
    if (c == '(') return Group(depth);
    if (c == '[') return Class();
    if (c == '\\') return Escape();
    ++i_;
    if (c == '^' || c == '$') return Exact({""});
    if (c == '.' || static_cast<unsigned char>(c) >= 0x80) return Unknown();
    if (c == '*' || c == '+' || c == '?') {  // RE2 refuses these
      ok_ = false;
      return Unknown();
    }
    return Exact({std::string(1, AsciiLower(c))});
  }

  Part Group(int depth) {
    ++i_;  // '('
    if (More() && p_[i_] == '?') {
      ++i_;
      if (More() && (p_[i_] == 'P' || p_[i_] == '<')) {  // a named group
        const size_t close = p_.find('>', i_);
        if (close == std::string_view::npos) {
          ok_ = false;
          return Unknown();
        }
        i_ = close + 1;
      } else {
        // Flags: "(?i)" sets them for the rest (case does not matter
        // here: all is lower-cased), "(?i:" opens a group.
        while (More() && (IsAlpha(p_[i_]) || p_[i_] == '-')) ++i_;
        if (!More()) {
          ok_ = false;
          return Unknown();
        }
        if (p_[i_] == ')') {
          ++i_;
          return Exact({""});
        }
        if (p_[i_] != ':') {
          ok_ = false;
          return Unknown();
        }
        ++i_;
      }
    }
    Part inner = Alternation(depth + 1);
    if (!ok_ || !More() || p_[i_] != ')') {
      ok_ = false;
      return Unknown();
    }
    ++i_;
    return inner;
  }

  // A class of a few ASCII bytes is exact; any other is unknown.
  Part Class() {
    ++i_;  // '['
    bool negated = false, known = true;
    if (More() && p_[i_] == '^') {
      negated = true;
      ++i_;
    }
    std::vector<std::string> bytes;
    bool first = true;
    while (More() && (p_[i_] != ']' || first)) {
      first = false;
      char lo = p_[i_];
      if (lo == '[' && i_ + 1 < p_.size() && p_[i_ + 1] == ':') {
        const size_t close = p_.find(":]", i_ + 2);
        if (close == std::string_view::npos) break;
        i_ = close + 2;
        known = false;
        continue;
      }
      if (lo == '\\') {
        if (i_ + 1 >= p_.size()) break;
        lo = p_[i_ + 1];
        i_ += 2;
        if (IsAlnum(lo)) {  // \d, \s, \pL, \x41 ...: not read
          known = false;
          if ((lo == 'p' || lo == 'P' || lo == 'x') && More() &&
              p_[i_] == '{') {
            const size_t close = p_.find('}', i_);
            if (close == std::string_view::npos) break;
            i_ = close + 1;
          }
          continue;
        }
      } else {
        ++i_;
      }
      char hi = lo;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        hi = p_[i_ + 1];
        i_ += 2;
        if (hi == '\\') {
          known = false;
          if (More()) ++i_;
          continue;
        }
      }
      if (static_cast<unsigned char>(lo) >= 0x80 ||
          static_cast<unsigned char>(hi) >= 0x80 || hi < lo ||
          static_cast<size_t>(hi - lo) >= kMaxClass) {
        known = false;
        continue;
      }
      for (int b = lo; b <= hi; ++b) {
        bytes.push_back(std::string(1, AsciiLower(static_cast<char>(b))));
      }
    }
    if (!More()) {
      ok_ = false;
      return Unknown();
    }
    ++i_;  // ']'
    if (negated || !known) return Unknown();
    std::sort(bytes.begin(), bytes.end());
    bytes.erase(std::unique(bytes.begin(), bytes.end()), bytes.end());
    if (bytes.empty() || bytes.size() > kMaxClass) return Unknown();
    return Exact(std::move(bytes));
  }

  Part Escape() {
    if (i_ + 1 >= p_.size()) {
      ok_ = false;
      return Unknown();
    }
    const char c = p_[i_ + 1];
    i_ += 2;
    if (c == 'b' || c == 'B' || c == 'A' || c == 'z') return Exact({""});
    if (c == 'Q') {
      const size_t end = p_.find("\\E", i_);
      const std::string_view lit =
          p_.substr(i_, end == std::string_view::npos ? end : end - i_);
      i_ = end == std::string_view::npos ? p_.size() : end + 2;
      // Only the last byte of \Q...\E is what a repetition applies to:
      // keep it simple and read the whole as unknown when it is repeated.
      std::string s;
      for (char b : lit) {
        if (static_cast<unsigned char>(b) >= 0x80) return Unknown();
        s.push_back(AsciiLower(b));
      }
      if (More() &&
          (p_[i_] == '*' || p_[i_] == '+' || p_[i_] == '?' || p_[i_] == '{'))
        return Unknown();
      return Exact({s});
    }
    if (IsAlnum(c)) {  // classes, \x41, \pL, \n ...: not read
      if ((c == 'p' || c == 'P' || c == 'x') && More() && p_[i_] == '{') {
        const size_t close = p_.find('}', i_);
        if (close == std::string_view::npos) {
          ok_ = false;
          return Unknown();
        }
        i_ = close + 1;
      } else if ((c == 'p' || c == 'P') && More()) {
        ++i_;
      } else if (c == 'x') {
        i_ = std::min(p_.size(), i_ + 2);
      }
      return Unknown();
    }
    if (static_cast<unsigned char>(c) >= 0x80) return Unknown();
    return Exact({std::string(1, c)});  // escaped punctuation
  }

  std::string_view p_;
  size_t i_ = 0;
  bool ok_ = true;
};

}  // namespace

bool RequiredLiterals(std::string_view pattern, std::vector<std::string>* out) {
  out->clear();
  Part whole;
  if (!Reader(pattern).Read(&whole)) return false;
  std::vector<std::string> list;
  if (!ListOf(whole, &list)) return false;
  *out = std::move(list);
  return true;
}

bool FoldsToAscii(std::string_view text) {
  static const std::string_view kFoldToAscii[] = {"\xE2\x84\xAA", "\xC5\xBF",
                                                  "\xC4\xB0", "\xC4\xB1"};
  // An ASCII text has none of them, which eight bytes at a time tell
  // before four searches for the strings.
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    if ((w & 0x8080808080808080ull) != 0) break;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  if (i == text.size()) return false;
  for (std::string_view f : kFoldToAscii) {
    if (text.find(f) != std::string_view::npos) return true;
  }
  return false;
}

bool MayContain(const std::vector<std::string>& required,
                std::string_view lowered) {
  for (const std::string& s : required) {
    if (lowered.find(s) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace winnow
