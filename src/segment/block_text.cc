// Copyright winnow authors. Licensed under the MIT licence.

#include "segment/block_text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "segment/normalize.h"
#include "segment/segment.h"
#include "util/utf8.h"

namespace winnow {
namespace {

// A table of 256 flags, one per byte value, true where `pred` holds.
struct ByteSet {
  bool has[256];
};
template <typename Pred>
constexpr ByteSet MakeByteSet(Pred pred) {
  ByteSet set{};
  for (int c = 0; c < 256; ++c) set.has[c] = pred(c);
  return set;
}

// The bytes that can begin what IsSpaceAt calls a space: ASCII spaces and
// controls, and the lead bytes of U+0085, U+00A0, U+1680, U+2000-U+205F
// and U+3000. A table: the walk tests every byte of the page's text.
constexpr ByteSet kMayStartSpace = MakeByteSet([](int c) {
  return c <= 0x20 || c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3;
});
bool MayStartSpace(char ch) {
  return kMayStartSpace.has[static_cast<unsigned char>(ch)];
}

// The one-byte spaces of IsSpaceAt: ' ', \t-\r and \x1c-\x1f.
constexpr ByteSet kAsciiSpace = MakeByteSet([](int c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
});
bool IsAsciiSpace(char ch) {
  return kAsciiSpace.has[static_cast<unsigned char>(ch)];
}

// The bytes that ComputeTextFeatures looks at: sentence marks and the
// comma, and the lead bytes of the CJK ones (U+3001, U+3002, U+FF01,
// U+FF0C, U+FF1F).
constexpr ByteSet kFeatureByte = MakeByteSet([](int c) {
  return c == '.' || c == '!' || c == '?' || c == ',' || c == 0xE3 ||
         c == 0xEF;
});

// Whether the eight bytes at `p` may hold a feature byte: false only when
// they are all ASCII and none is '.', '!', '?' or ','.
bool MayHoldFeature(const char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  uint64_t v;
  std::memcpy(&v, p, 8);
  if (v & kHigh) return true;
  // A byte of x is 0 exactly where v has the mark; then (x - 1) & ~x sets
  // its high bit (the test is exact for "any byte is 0").
  auto zero_byte = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  return (zero_byte(v ^ ('.' * kOnes)) | zero_byte(v ^ ('!' * kOnes)) |
          zero_byte(v ^ ('?' * kOnes)) | zero_byte(v ^ (',' * kOnes))) != 0;
}

}  // namespace

void TextBuffer::Append(const char* s, size_t n, bool in_link,
                        bool preformatted) {
  std::string_view text(s, n);
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    if (!preformatted && MayStartSpace(text[i]) && IsSpaceAt(text, i, &len)) {
      if (!pending_space_) space_in_link_ = in_link;
      pending_space_ = !text_.empty() && text_.back() != '\n';
      i += len;
      // The rest of a run of one-byte spaces (the indentation between
      // tags, most of them) would set the same again: stepped over here.
      while (i < text.size() && IsAsciiSpace(text[i])) ++i;
      continue;
    }
    if (preformatted && (text[i] == '\n' || text[i] == '\r')) {
      if (text[i] == '\n') {
        text_.push_back('\n');
      }
      pending_space_ = false;
      ++i;
      continue;
    }
    if (pending_space_) {
      text_.push_back(' ');
      if (in_link && space_in_link_) ++link_chars_;
      pending_space_ = false;
    }
    // The characters up to the next possible space (or line end) are
    // copied at once rather than byte by byte. A lone ' ' between two
    // other characters is copied with them: folding would write the same
    // ' ' (the text ends in a character, not '\n', at that point), and a
    // sentence is then one append rather than one a word.
    size_t end = i + 1;
    if (preformatted) {
      while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    } else {
      while (end < text.size()) {
        if (!MayStartSpace(text[end])) {
          ++end;
        } else if (text[end] == ' ' && end + 1 < text.size() &&
                   !MayStartSpace(text[end + 1])) {
          end += 2;
        } else {
          break;
        }
      }
    }
    if (in_link) {
      link_chars_ += static_cast<int>(CountCodePoints(text.substr(i, end - i)));
    }
    text_.append(text.data() + i, end - i);
    i = end;
  }
}

bool TextBuffer::Take(Block* block) {
  while (!text_.empty() && (text_.back() == ' ' || text_.back() == '\n')) {
    text_.pop_back();
  }
  size_t start = 0;
  while (start < text_.size() && (text_[start] == '\n' || text_[start] == ' '))
    ++start;
  bool any = start < text_.size();
  if (any) {
    block->text.assign(text_, start, std::string::npos);
    NormalizeText(&block->text);
    any = !block->text.empty();
    block->link_chars = link_chars_;
  }
  text_.clear();
  link_chars_ = 0;
  pending_space_ = false;
  return any;
}

bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  *len = 1;
  // \x1c-\x1f are whitespace to Python's str.isspace as well.
  if (kAsciiSpace.has[c]) return true;
  if (c < 0xC2) return false;
  const unsigned char c1 = i + 1 < s.size() ? s[i + 1] : 0;
  if (c == 0xC2 && (c1 == 0xA0 || c1 == 0x85)) {
    *len = 2;
    return true;
  }
  const unsigned char c2 = i + 2 < s.size() ? s[i + 2] : 0;
  // U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+1680: what
  // Python's \s matches, which is how the corpus scorer folds text.
  if ((c == 0xE2 && c1 == 0x80 &&
       (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) && c2 >= 0x80) ||
      (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) ||
      (c == 0xE3 && c1 == 0x80 && c2 == 0x80) ||
      (c == 0xE1 && c1 == 0x9A && c2 == 0x80)) {
    *len = 3;
    return true;
  }
  return false;
}

void AppendFolded(std::string_view text, std::string* out) {
  bool space = false;
  for (size_t i = 0; i < text.size();) {
    size_t len;
    if (MayStartSpace(text[i]) && IsSpaceAt(text, i, &len)) {
      space = true;
      i += len;
      continue;
    }
    if (space && !out->empty() && out->back() != ' ') out->push_back(' ');
    space = false;
    // The bytes up to the next possible space go in one append (meta
    // values and titles are folded here, a byte at a time before).
    size_t end = i + 1;
    while (end < text.size() && !MayStartSpace(text[end])) ++end;
    out->append(text.data() + i, end - i);
    i = end;
  }
}

void ComputeTextFeatures(Block* block) {
  const std::string& t = block->text;
  const int chars = static_cast<int>(CountCodePoints(t));
  int ends = 0, commas = 0;
  size_t bytewise_end = 0;  // [i, this) are looked at a byte at a time
  for (size_t i = 0; i < t.size(); ++i) {
    if (i >= bytewise_end) {
      // Eight bytes of ASCII without a feature byte (most of a block's
      // bytes) are passed at once; the eight that may hold one are looked
      // at a byte at a time.
      while (i + 8 <= t.size() && !MayHoldFeature(t.data() + i)) i += 8;
      if (i == t.size()) break;
      bytewise_end = i + 8;
    }
    const unsigned char c = static_cast<unsigned char>(t[i]);
    if (!kFeatureByte.has[c]) continue;
    if (c == '.' || c == '!' || c == '?') {
      if (i + 1 == t.size() || t[i + 1] == ' ' || t[i + 1] == '\n' ||
          t[i + 1] == '"' || t[i + 1] == ')')
        ++ends;
    } else if (c == ',') {
      ++commas;
    } else if (c == 0xE3 && i + 2 < t.size() &&
               static_cast<unsigned char>(t[i + 1]) == 0x80) {
      const unsigned char c2 = t[i + 2];
      if (c2 == 0x82) ++ends;    // 。
      if (c2 == 0x81) ++commas;  // 、
    } else if (c == 0xEF && i + 2 < t.size() &&
               static_cast<unsigned char>(t[i + 1]) == 0xBC) {
      const unsigned char c2 = t[i + 2];
      if (c2 == 0x81 || c2 == 0x9F) ++ends;  // ！ ？
      if (c2 == 0x8C) ++commas;              // ，
    }
  }
  block->chars = chars;
  block->link_chars = std::min(block->link_chars, chars);
  block->in_link_only = chars > 0 && block->link_chars >= chars;
  block->sentence_ends = ends;
  block->commas = commas;
}

void SegmentText(std::string_view utf8, Page* page) {
  page->is_text = true;
  // Split into lines first.
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i <= utf8.size(); ++i) {
    if (i == utf8.size() || utf8[i] == '\n') {
      std::string_view line = utf8.substr(start, i - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines.push_back(line);
      start = i + 1;
    }
  }
  // Hard-wrapped text (paragraphs of several short lines between blank
  // lines) is joined per paragraph; otherwise each line is a block.
  size_t nonblank = 0, followed = 0, longest = 0;
  bool blanks = false;
  auto blank = [](std::string_view l) {
    for (char c : l) {
      if (c != ' ' && c != '\t' && c != '\f' && c != '\v') return false;
    }
    return true;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    if (blank(lines[i])) {
      blanks = true;
      continue;
    }
    ++nonblank;
    longest = std::max(longest, lines[i].size());
    if (i + 1 < lines.size() && !blank(lines[i + 1])) ++followed;
  }
  const bool wrapped =
      blanks && nonblank > 2 && followed * 2 >= nonblank && longest <= 100;
  Block block;
  auto emit = [&]() {
    NormalizeText(&block.text);
    if (block.text.empty()) return;
    block.kind = BlockKind::kLine;
    ComputeTextFeatures(&block);
    page->blocks.push_back(std::move(block));
    block = Block();
  };
  for (std::string_view line : lines) {
    if (blank(line)) {
      emit();
      continue;
    }
    if (!block.text.empty()) block.text.push_back(' ');
    AppendFolded(line, &block.text);
    while (!block.text.empty() && block.text.back() == ' ')
      block.text.pop_back();
    if (!wrapped) emit();
  }
  emit();
}

}  // namespace winnow
