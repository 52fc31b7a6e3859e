// Copyright winnow authors. Licensed under the MIT licence.
//
// The parser guard: one linear pass over a page's UTF-8 bytes, the last
// thing before Gumbo sees them, that bounds the work Gumbo 0.10.1 can be
// made to do. Gumbo is quadratic in several input shapes (nesting depth,
// attributes per element, runs of formatting elements that the adoption
// agency reopens), and one page must never take a batch down.
//
// The pass follows the HTML tokenizer (tags, attribute values, comments,
// raw-text and RCDATA elements) and keeps an approximate model of the tree
// builder's stack of open elements (end tags, void elements, the implied
// closes of <p>, <li>, table parts, options, foreign content and its
// break-outs, the form pointer, misnested formatting end tags) and of its
// list of active formatting elements (markers, the Noah's Ark clause).
// With those it rewrites the bytes so that:
//  - no start tag opens an element deeper than Options::max_depth: deeper
//    start tags are dropped, and so are the end tags that would have closed
//    them (the text stays, in the deepest element kept);
//  - no more than kMaxActiveFormatting formatting elements (a, b, big, code,
//    em, font, i, nobr, s, small, strike, strong, tt, u) are active after
//    the last marker, and none opens deeper than max_depth / 8 (for every
//    character of text Gumbo looks the last one up in its stack, from the
//    bottom);
//    formatting start tags over either cap are dropped with their end tags;
//  - no tag keeps more than Options::max_attributes attributes (Gumbo checks
//    each attribute against all earlier ones); end tags lose theirs;
//  - numeric character references that are out of range (zero, surrogates,
//    over U+10FFFF; Gumbo overflows on them and truncates the text) become
//    U+FFFD, and so do NUL bytes in text;
//  - SVG and MathML elements named like HTML table parts, forms, lists and
//    the like are dropped: Gumbo 0.10.1 mistakes some of them for the HTML
//    ones and fails an assertion (abort) in its tree builder.
// Raw text (script, style, title, textarea ...) is copied unparsed where the
// model is sure the parser reads it so; inside SVG/MathML integration points
// it is parsed as markup, which can only count deeper.
// A dropped tag leaves nothing behind where the byte before it is a space or
// '>', else an empty comment "<!---->", so that the bytes around it can never
// join into a new tag or character reference.
//
// The model errs towards counting too deep, so the bound holds: the depth
// Gumbo reaches stays within a small constant factor of max_depth, whatever
// the input. Well-formed pages under the limits pass unchanged.

#ifndef WINNOW_PARSE_GUARD_H_
#define WINNOW_PARSE_GUARD_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/options.h"

namespace winnow {

// Formatting elements active at once (after the last marker) that the guard
// lets through. Gumbo clones every one of them for each run of text that
// follows a close of their parent: this is the adoption agency's factor.
inline constexpr int kMaxActiveFormatting = 24;

struct GuardReport {
  size_t start_tags_dropped = 0;   // deeper than max_depth
  size_t formatting_dropped = 0;   // over the formatting caps
  size_t end_tags_dropped = 0;     // of dropped start tags
  size_t attributes_dropped = 0;   // over max_attributes (start tags only)
  size_t references_replaced = 0;  // numeric references out of range
  size_t nuls_replaced = 0;        // NUL bytes in text
  int depth = 0;                   // deepest nesting let through (model)

  // True when the output differs from the input in more than NULs and
  // references (which every parser would have replaced as well).
  bool limited() const {
    return start_tags_dropped || formatting_dropped || attributes_dropped;
  }
  // A one-line description of what was changed for the page's warnings;
  // empty when nothing was.
  std::string Summary(const Options& options) const;
};

// Long class, id, style and content values that the guard took out of the
// bytes Gumbo reads. Gumbo copies an attribute value character by
// character, at some 175 instructions a byte, and these four were a quarter
// of what it read once the unread attributes were gone (parse/prestrip.h).
// In the output such a value is a placeholder, the decimal index of its
// entry here, and the entry is keyed by where the placeholder's opening
// quote is in the output as well: a value written in the page, which Gumbo
// reads at another offset, can never pass for one.
//
// Only values that Gumbo would copy unchanged are set aside (no character
// references, no carriage returns, no characters it replaces with U+FFFD),
// and only on elements whose attributes Gumbo never compares: the
// formatting elements other than <a> keep theirs.
class SetAsideValues {
 public:
  // The value set aside for the attribute whose value (its opening quote)
  // starts at `offset` in the guard's output and reads `placeholder` in the
  // tree; nullptr when none was, and the attribute's own value stands.
  const char* Find(size_t offset, const char* placeholder) const;

  bool empty() const { return entries_.empty(); }
  void Clear() {
    pool_.clear();
    entries_.clear();
  }

  // Keeps `value`, whose opening quote is the last byte of *out, and
  // appends its placeholder to *out.
  void SetAside(std::string_view value, std::string* out);

 private:
  struct Entry {
    size_t quote;  // offset of the opening quote in the output
    size_t value;  // offset of the NUL-terminated value in pool_
  };
  std::string pool_;
  std::vector<Entry> entries_;
};

// Writes `html` to *out (overwritten), bounded as described above. Linear
// time in html.size() and memory linear in it; never fails. With `aside`,
// long attribute values are set aside there (see SetAsideValues); without,
// attribute values reach *out unchanged.
void GuardHtml(std::string_view html, const Options& options, std::string* out,
               GuardReport* report, SetAsideValues* aside = nullptr);

}  // namespace winnow

#endif  // WINNOW_PARSE_GUARD_H_
