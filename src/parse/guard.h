// Copyright winnow authors. Licensed under the MIT licence.
//
// The parser guard: one linear pass over a page's UTF-8 bytes, the last
// thing before Gumbo sees them, that bounds the work Gumbo 0.10.1 can be
// made to do. Gumbo is quadratic in several input shapes (nesting depth,
// attributes per element, runs of formatting elements that the adoption
// agency reopens), and one page must never take a batch down.
//
// The pass follows the HTML tokenizer (parse/scanner.h: tags, attribute
// values, comments, raw-text and RCDATA elements) and keeps an approximate model of the tree
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

#include <array>
#include <cstddef>
#include <cstdint>
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
  // Sum over start tags let through of k (k - 1) / 2, k their attributes:
  // the comparisons Gumbo makes to find duplicates (counted as work).
  uint64_t attribute_pairs = 0;

  // True when the output differs from the input in more than NULs and
  // references (which every parser would have replaced as well).
  bool limited() const {
    return start_tags_dropped || formatting_dropped || attributes_dropped;
  }
  // A one-line description of what was changed for the page's warnings;
  // empty when nothing was.
  std::string Summary(const Options& options) const;
};

// The class, id, style and content attributes that the guard took out of
// the bytes Gumbo reads. Gumbo copies an attribute character by character,
// at some 175 instructions a byte, and allocates it, its name and a place in
// the element's list: these four were a third of what it read once the
// unread attributes were gone (parse/prestrip.h). Their values are kept
// here instead, keyed by where their start tag's '<' is in the guard's
// output, which is where the element's original_tag points.
//
// Only attributes whose value Gumbo would keep byte for byte are set aside
// (no character references, no carriage returns, no characters it replaces
// with U+FFFD), only the first of a name in a tag, only one preceded by
// whitespace (after a '/', its removal could make a tag self-closing), and
// only on elements whose attributes Gumbo never reads: not on formatting
// elements other than <a> (compared by the Noah's Ark clause; only one <a>
// is ever active), <html> and <body> (whose later tags add attributes to
// the first) or <isindex> (whose attributes go to other elements).
//
// What is set aside grows linearly with the page (its bytes, and 24 bytes
// per tag with values set aside); bytes() is counted against --max-memory.
class SetAsideValues {
 public:
  enum Name { kClass, kId, kStyle, kContent };
  static constexpr int kNames = 4;

  // Fills values[Name] with what was set aside from the start tag at
  // `offset` in the guard's output (nullptr for a name that was not) and
  // returns true; returns false, leaving `values` alone, when nothing was.
  bool Find(size_t offset, const char* values[kNames]) const;

  bool empty() const { return tags_.empty() && texts_.empty(); }
  // The memory held, in bytes.
  size_t bytes() const {
    return tags_.capacity() * sizeof(size_t) +
           values_.capacity() * sizeof(values_[0]) +
           texts_.capacity() * sizeof(TextRun) + pool_.capacity();
  }
  void Clear() {
    tags_.clear();
    values_.clear();
    texts_.clear();
    pool_.clear();
  }

  // Starts the values of the start tag at `offset`, after all earlier ones.
  void StartTag(size_t offset);
  // Sets aside the value of attribute `name` of that tag.
  void Add(Name name, std::string_view value);

  // Runs of text are set aside too, from their first character that is not
  // whitespace to their end: Gumbo makes a token of every character of
  // text, at some 500 instructions each. In the output such a run is a
  // placeholder: U+E000 and five base-62 digits, its index here. Gumbo
  // keeps the placeholder's characters together wherever it puts text
  // (they are not whitespace, as the run's first was not), so a text node
  // holds whole placeholders; ExpandText puts the runs back. Only pages
  // without U+E000 of their own (written or as a reference) have any.
  static constexpr std::string_view kTextMark = "\xEE\x80\x80";
  static constexpr size_t kTextDigits = 5;
  // Appends the placeholder of `run` to *out. False, appending nothing,
  // when the page has set aside as many runs as five digits can count.
  bool AddText(std::string_view run, std::string* out);
  bool has_texts() const { return !texts_.empty(); }
  // `text` from a text node with every placeholder replaced by its run:
  // `text` itself when it has none, else *scratch.
  std::string_view ExpandText(std::string_view text,
                              std::string* scratch) const;

  // The guard's model of the tokenizer is approximate (misnested SVG, raw
  // text in a select ...): where it is wrong, a tag it set attributes aside
  // from may be text to Gumbo, or a placeholder inside a comment. After the
  // parse, given the byte ranges of the output that Gumbo made text nodes
  // of (`text`) and comments and attribute values of (`other`), this says
  // whether every such tag stayed out of both and every placeholder is in
  // `text`; when not, the page is parsed again with nothing set aside.
  // Sorts both vectors.
  using Range = std::pair<size_t, size_t>;  // [first, second)
  bool HeldBy(std::vector<Range>* text, std::vector<Range>* other) const;

 private:
  static constexpr uint32_t kAbsent = 0xFFFFFFFF;
  std::vector<size_t> tags_;  // ascending
  // Per tag, per name: the offset of the NUL-terminated value in pool_.
  std::vector<std::array<uint32_t, kNames>> values_;
  struct TextRun {
    uint32_t value, size;  // in pool_
    size_t at;             // offset of its placeholder in the output
  };
  std::vector<TextRun> texts_;
  std::string pool_;
};

// Writes `html` to *out (overwritten), bounded as described above. Linear
// time in html.size() and memory linear in it; never fails. With `aside`,
// attributes are set aside there (see SetAsideValues); without, they reach
// *out unchanged.
void GuardHtml(std::string_view html, const Options& options, std::string* out,
               GuardReport* report, SetAsideValues* aside = nullptr);

}  // namespace winnow

#endif  // WINNOW_PARSE_GUARD_H_
