// Copyright winnow authors. Licensed under the MIT licence.

#include "classify/prose_shape.h"

#include <string_view>

namespace winnow {
namespace {

// The last byte of the text that is not a space or a closing quote or
// bracket; fullwidth ：and ？ read as their ASCII forms.
char LastMark(std::string_view t) {
  while (!t.empty()) {
    const unsigned char c = t.back();
    if (c == ' ' || c == '\n' || c == '"' || c == '\'' || c == ')') {
      t.remove_suffix(1);
      continue;
    }
    if (t.size() >= 3 && static_cast<unsigned char>(t[t.size() - 3]) == 0xEF &&
        static_cast<unsigned char>(t[t.size() - 2]) == 0xBC) {
      if (c == 0x9A) return ':';  // U+FF1A
      if (c == 0x9F) return '?';  // U+FF1F
    }
    return static_cast<char>(c);
  }
  return '\0';
}

// The typography of a line of text rather than of a label, a date or a
// source credit: short, no links, words, few digits, not all in capitals.
bool LooksLikeTextLine(const Block& b, const Model& m) {
  if (b.kind == BlockKind::kHeading || b.kind == BlockKind::kCaption) {
    return false;
  }
  if (b.chars >= m.body_line_max_chars) return false;
  if (b.LinkDensity() > m.body_line_max_link_density) return false;
  // Words as the reader sees them, between spaces: "abc/XYZ" is one.
  int digits = 0, upper = 0, lower = 0, words = 0;
  bool in_word = false;
  for (const char ch : b.text) {
    const bool space = ch == ' ' || ch == '\n';
    if (!space && !in_word) ++words;
    in_word = !space;
    if (ch >= '0' && ch <= '9') ++digits;
    if (ch >= 'A' && ch <= 'Z') ++upper;
    if (ch >= 'a' && ch <= 'z') ++lower;
  }
  if (words < m.body_line_min_words) return false;
  if (digits > m.body_line_max_digit_share * b.chars) return false;
  // "AGENCY/XYZ", "SITENAME.COM": a credit, not a sentence.
  if (lower == 0 && upper >= 2) return false;
  return true;
}

}  // namespace

bool IsLinkedProse(const Block& b, bool has_lang, const Model& m) {
  if (!has_lang || b.link_chars == 0) return false;
  return b.words >= m.linked_prose_min_words &&
         b.sentence_ends >= m.linked_prose_min_sentences &&
         b.StopDensity() >= m.linked_prose_min_stop &&
         1 - b.LinkDensity() >= m.linked_prose_min_unlinked;
}

void CountBodySiblings(const Page& page, const std::vector<int>& anchor,
                       const std::vector<int>& kind, int kinds,
                       SiblingCounts* out) {
  const size_t n = page.blocks.size();
  out->body_before.assign(n, 0);
  out->body_after.assign(n, 0);
  // Per kind of sibling (sibling_kinds.h): body blocks seen so far, then
  // in all. keys[i] is the kind of block i's element, 0 for none.
  std::vector<int> seen(kinds + 1, 0);
  std::vector<int> keys(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const int node = page.blocks[i].node;
    if (node < 0) continue;
    if (page.nodes[node].parent < 0) continue;
    keys[i] = kind[node];
    int& count = seen[keys[i]];
    out->body_before[i] = count;
    if (anchor[i] > 0) ++count;
  }
  for (size_t i = 0; i < n; ++i) {
    if (keys[i] == 0) continue;
    out->body_after[i] =
        seen[keys[i]] - out->body_before[i] - (anchor[i] > 0 ? 1 : 0);
  }
}

const char* BodyLineReason(const Page& page, const SiblingCounts& siblings,
                           const std::vector<int>& anchor, size_t i,
                           const Model& m) {
  const Block& b = page.blocks[i];
  if (b.node < 0 || !LooksLikeTextLine(b, m)) return nullptr;
  const int before = siblings.body_before[i], after = siblings.body_after[i];
  if (before == 0 && after == 0) return nullptr;
  const char last = LastMark(b.text);
  // A lead-in ("More on this:") belongs to what follows it.
  if (last == ':' && !(i + 1 < anchor.size() && anchor[i + 1] > 0)) {
    return nullptr;
  }
  if (before > 0 && after > 0) return "context: line among body siblings";
  // At the article's edges a line that opens with a number is a date or a
  // count ("3 March", "12 comments"), not a greeting or a sign-off.
  if (b.text[0] >= '0' && b.text[0] <= '9') return nullptr;
  // At the end of the article a question ("Read this?") opens what comes
  // next; a sign-off ("Thanks for reading.", "- Jane") closes the text.
  if (after == 0) {
    return last == '?' ? nullptr : "context: sign-off after body siblings";
  }
  return after >= m.body_line_min_after ? "context: lead before body siblings"
                                        : nullptr;
}

}  // namespace winnow
