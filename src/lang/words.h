// Copyright winnow authors. Licensed under the MIT licence.
//
// Words as the language stage counts them: runs of letters, digits and
// apostrophes, lower-cased. Shared by the stage and by the build-time tool
// that makes the stop-word table (lang/stop_table.h), so that a list's
// words and a page's words are cut and folded the same way.

#ifndef WINNOW_LANG_WORDS_H_
#define WINNOW_LANG_WORDS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/utf8.h"

namespace winnow {
namespace words {

// Appends the lower-case form of the code point `cp` for the scripts whose
// case mapping is a fixed offset (Latin-1, Latin Extended-A, Greek,
// Cyrillic); other code points are appended unchanged.
inline uint32_t LowerCodePoint(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F) {
    // Latin Extended-A pairs upper/lower as even/odd, except a few ranges
    // that are odd/even; those are left alone.
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
      return (cp % 2 == 1) ? cp + 1 : cp;
    }
    return (cp % 2 == 0 && cp != 0x138) ? cp + 1 : cp;
  }
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

inline bool IsWordCodePoint(uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9') || cp == '\'';
  }
  if (cp == 0xA0 || cp == 0xAB || cp == 0xBB || cp == 0xB7 || cp == 0xA9 ||
      cp == 0xAE || cp == 0xB0 || cp == 0xA7 || cp == 0xB6 || cp == 0xBF ||
      cp == 0xA1) {
    return false;
  }
  if (cp == 0x2019 || cp == 0x2BC) return true;    // apostrophes
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // fullwidth punctuation
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
  if (cp == 0xFFFD) return false;
  return true;
}

// What an ASCII byte is to the word splitter.
enum AsciiClass : uint8_t { kSeparator, kWordByte, kUpper };

constexpr std::array<uint8_t, 128> MakeAsciiClasses() {
  std::array<uint8_t, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kWordByte;
  for (int c = '0'; c <= '9'; ++c) t[c] = kWordByte;
  t['\''] = kWordByte;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kUpper;
  return t;
}
inline constexpr std::array<uint8_t, 128> kAsciiClasses = MakeAsciiClasses();

// A word being built by ForEachWord: in an inline buffer while it fits
// (nearly every word), else in the caller's scratch string; so a
// capitalised word costs no string append.
class WordBuffer {
 public:
  explicit WordBuffer(std::string* spill) : spill_(spill) {}
  void Clear() {
    size_ = 0;
    spilled_ = false;
  }
  // Appends [p, p + len), ASCII upper case folded to lower.
  void AppendLowerAscii(const char* p, size_t len) {
    char* out = Grow(len);
    for (size_t k = 0; k < len; ++k) {
      const unsigned char c = static_cast<unsigned char>(p[k]);
      out[k] = static_cast<char>(c < 0x80 && kAsciiClasses[c] == kUpper ? c + 32
                                                                        : c);
    }
  }
  void AppendCodePoint(uint32_t cp) {
    char bytes[4];
    const size_t len = EncodeUtf8(cp, bytes);
    char* out = Grow(len);
    for (size_t k = 0; k < len; ++k) out[k] = bytes[k];
  }
  const char* data() const { return spilled_ ? spill_->data() : inline_; }
  size_t size() const { return spilled_ ? spill_->size() : size_; }

 private:
  static constexpr size_t kInline = 64;
  // Room for `len` more bytes at the end; returns where they go.
  char* Grow(size_t len) {
    if (!spilled_) {
      if (size_ + len <= kInline) {
        char* out = inline_ + size_;
        size_ += len;
        return out;
      }
      spill_->assign(inline_, size_);
      spilled_ = true;
    }
    const size_t at = spill_->size();
    spill_->resize(at + len);
    return spill_->data() + at;
  }

  std::string* spill_;
  bool spilled_ = false;
  size_t size_ = 0;
  char inline_[kInline];
};

// Calls emit(word) for every word of `text`, lower-cased, without leading
// or trailing apostrophes. A word that is lower-case ASCII already, most of
// them, is a view into `text`; any other is built in an inline buffer (or
// *scratch, when longer) and lives until the next word. Every word of every
// block goes through here, so it allocates nothing per word.
template <typename Emit>
void ForEachWord(std::string_view text, std::string* scratch, Emit emit) {
  const char* const s = text.data();
  const size_t n = text.size();
  auto emit_trimmed = [&](const char* w, size_t size) {
    size_t lead = 0;
    while (lead < size && w[lead] == '\'') ++lead;
    while (size > lead && w[size - 1] == '\'') --size;
    if (lead < size) emit(std::string_view(w + lead, size - lead));
  };
  // The word code point at `i`, with *next after it, or -1 for a
  // separator. Right single quotation marks and modifier apostrophes are
  // apostrophes.
  auto word_code_point = [&](size_t i, size_t* next) -> int64_t {
    *next = i;
    uint32_t cp = NextCodePoint(text, next);
    if (cp == 0x2019 || cp == 0x2BC) cp = '\'';
    return IsWordCodePoint(cp) ? static_cast<int64_t>(cp) : -1;
  };
  WordBuffer word(scratch);
  size_t i = 0;
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (kAsciiClasses[c] == kSeparator) {
        ++i;
        continue;
      }
    } else {
      size_t next;
      if (word_code_point(i, &next) < 0) {
        i = next;
        continue;
      }
    }
    // A word starts at i. Lower-case ASCII needs no copy.
    const size_t start = i;
    while (i < n) {
      const unsigned char d = static_cast<unsigned char>(s[i]);
      if (d >= 0x80 || kAsciiClasses[d] != kWordByte) break;
      ++i;
    }
    if (i == n ||
        (static_cast<unsigned char>(s[i]) < 0x80 &&
         kAsciiClasses[static_cast<unsigned char>(s[i])] == kSeparator)) {
      emit_trimmed(s + start, i - start);
      continue;
    }
    // The lower-case prefix [start, i) is ASCII word bytes: the first run
    // below takes it along, one append rather than an assign and an append.
    word.Clear();
    i = start;
    while (i < n) {
      const unsigned char d = static_cast<unsigned char>(s[i]);
      if (d < 0x80) {
        if (kAsciiClasses[d] == kSeparator) break;
        // The run of ASCII word bytes from here goes in at once, lower-cased
        // on the way ("The", "Paris": most words that get here).
        size_t end = i + 1;
        while (end < n) {
          const unsigned char e = static_cast<unsigned char>(s[end]);
          if (e >= 0x80 || kAsciiClasses[e] == kSeparator) break;
          ++end;
        }
        word.AppendLowerAscii(s + i, end - i);
        i = end;
        continue;
      }
      size_t next;
      const int64_t cp = word_code_point(i, &next);
      if (cp < 0) break;  // the outer loop skips it
      word.AppendCodePoint(LowerCodePoint(static_cast<uint32_t>(cp)));
      i = next;
    }
    emit_trimmed(word.data(), word.size());
  }
}

}  // namespace words
}  // namespace winnow

#endif  // WINNOW_LANG_WORDS_H_
