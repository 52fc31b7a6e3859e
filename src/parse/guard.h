// Copyright winnow authors. Licensed under the MIT licence.
//
// The parser guard: one linear pass over a page's UTF-8 bytes, the last
// thing before Gumbo sees them, that bounds the work Gumbo 0.10.1 can be
// made to do. Gumbo is quadratic in several input shapes (nesting depth,
// attributes per element, runs of formatting elements that the adoption
// agency reopens), and one page must never take a batch down.
//
// The pass follows the HTML tokenizer (parse/scanner.h: tags, attribute
// values, comments, raw-text and RCDATA elements) and keeps an approximate
// model of the tree builder's stack of open elements (end tags, void elements,
// the implied closes of <p>, <li>, table parts, options, foreign content and
// its break-outs, the form pointer, misnested formatting end tags) and of its
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
#include <cstdint>
#include <deque>
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
  // The guard stopped setting aside before the end of the page, where it
  // could not be sure of the tokenizer's state (parse/README.md): the rest
  // reaches Gumbo as written.
  bool aside_stopped = false;

  // True when the output differs from the input in more than NULs and
  // references (which every parser would have replaced as well).
  bool limited() const {
    return start_tags_dropped || formatting_dropped || attributes_dropped;
  }
  // A one-line description of what was changed for the page's warnings;
  // empty when nothing was.
  std::string Summary(const Options& options) const;
};

// What the guard took out of the bytes Gumbo reads: long attribute values
// and long runs of text. Gumbo copies an attribute value character by
// character, at some 175 instructions a byte, and makes a token of every
// character of text, at some 500 each. In the guard's output each such
// value or run is a placeholder: one code point of Unicode's private use
// plane 16, U+100000 plus its index here, so that Gumbo reads one character
// for it (a mark and five digits, six characters, cost it 6% more
// instructions on the corpus). Identical values share one placeholder.
// Formatting elements other than <a> keep their values, which the Noah's
// Ark clause compares as decoded (parse/README.md).
//
// A start tag whose attributes Gumbo only stores may have its whole list
// moved here too, leaving one attribute named by the list's placeholder
// (AttributeList; parse/README.md says which tags and attributes).
//
// Placeholders are in band: wherever Gumbo puts their bytes (a text node,
// an attribute value, a comment; an element whose tag it ignored, cloned or
// merged into another), the document view expands every placeholder it
// finds in a string it hands out (parse/document.h), so a reader gets the
// page's bytes back. That holds whatever the tree builder did; the guard
// only has to place them where the tokenizer reads the placeholder as it
// would have read the bytes it replaces (parse/README.md, "Invariants").
// Only pages without a plane-16 code point of their own (written or as a
// reference) have any, so that every placeholder the view finds is one of
// ours. (Icon fonts use the private use area of plane 0, U+E000 to U+F8FF,
// so a page's own characters are not taken from there.)
//
// What is set aside grows linearly with the page; bytes() is counted
// against --max-memory.
class SetAsideValues {
 public:
  // The first byte of a placeholder's UTF-8, F4 80..8F xx xx; in valid
  // UTF-8 only code points of plane 16 start with it.
  static constexpr char kMarkLead = '\xF4';
  static constexpr size_t kPlaceholderSize = 4;
  // The code point of index 0; indices run up to U+10FFFD (U+10FFFE and
  // U+10FFFF are noncharacters, which Gumbo would not copy unchanged).
  static constexpr uint32_t kFirstMark = 0x100000;
  static constexpr size_t kMaxEntries = 0x10FFFD - kFirstMark + 1;

  bool empty() const { return entries_.empty(); }
  bool has_texts() const { return texts_ > 0; }
  // The memory held, in bytes.
  size_t bytes() const;
  void Clear();

  // Appends the placeholder of the run of text `run` to *out. False,
  // appending nothing, when the page has set aside kMaxEntries values and
  // runs already.
  bool AddText(std::string_view run, std::string* out);
  // The same for an attribute value: the placeholder of an identical value
  // set aside before, if any.
  bool AddValue(std::string_view value, std::string* out);

  // `text` with every placeholder replaced by what it stands for: `text`
  // itself when it has none, else *scratch. A plane-16 code point that
  // indexes no value here (or a stray lead byte) is left as it is.
  std::string_view ExpandText(std::string_view text,
                              std::string* scratch) const;
  // The same for a NUL-terminated attribute value from the tree: `value`
  // itself when it holds no placeholder, the value set aside when it is
  // exactly one; else an expansion held here until Clear(). Not
  // thread-safe: one thread reads a page at a time.
  const char* ExpandValue(const char* value) const;
  // The attributes of an element whose only attribute in the tree is
  // named `name` (NUL-terminated), when that name is exactly a placeholder:
  // the guard moved the tag's attribute list there. Each attribute is its
  // name (lower case) and its value, both NUL-terminated, in the tag's
  // order; an empty name ends the list. Else nullptr: the element's
  // attributes are in the tree.
  const char* AttributeList(const char* name) const;

 private:
  // Appends `bytes` to the pool and its placeholder to *out.
  bool Add(std::string_view bytes, std::string* out);
  // The index of the placeholder at `p` (`size` bytes available), or -1
  // when the bytes there are not the placeholder of an index here.
  long IndexAt(const char* p, size_t size) const;

  struct Entry {
    uint32_t offset, size;  // in pool_, NUL-terminated
  };
  std::vector<Entry> entries_;
  std::string pool_;
  size_t texts_ = 0;
  // Values by their bytes: entry index + 1, 0 for a free slot; open
  // addressing, at most half full.
  std::vector<uint32_t> values_;
  size_t value_count_ = 0;
  // Attribute values with a placeholder among other bytes (ExpandValue).
  mutable std::deque<std::string> expanded_;
};

// Writes `html` to *out (overwritten), bounded as described above. Linear
// time in html.size() and memory linear in it; never fails. With `aside`,
// long values and runs of text are set aside there (see SetAsideValues);
// without, they reach *out unchanged.
void GuardHtml(std::string_view html, const Options& options, std::string* out,
               GuardReport* report, SetAsideValues* aside = nullptr);

}  // namespace winnow

#endif  // WINNOW_PARSE_GUARD_H_
