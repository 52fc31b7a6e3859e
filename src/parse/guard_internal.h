// Copyright winnow authors. Licensed under the MIT licence.
//
// The parser guard's internals (parse/guard.h): the Guard class, whose
// jobs are split over three files: guard.cc (the pass itself: tokens in,
// bytes out, and the set-aside decisions), guard_model.cc (the model of
// Gumbo's tree builder: the stack of open elements and the list of active
// formatting elements) and guard_tags.cc (what the model knows of each
// tag). Internal to src/parse.

#ifndef WINNOW_PARSE_GUARD_INTERNAL_H_
#define WINNOW_PARSE_GUARD_INTERNAL_H_

#include <gumbo.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "parse/guard.h"
#include "parse/scanner.h"
#include "winnow/options.h"

namespace winnow {
namespace guard {

// Tag ids: Gumbo's GumboTag for the tags it knows, then buckets of a hash
// for the others (custom elements are all ordinary elements, so a
// collision only merges the bookkeeping of two ordinary names).
constexpr int kKnownTags = GUMBO_TAG_LAST;
constexpr int kUnknownBuckets = 4096;
constexpr int kIds = kKnownTags + kUnknownBuckets;

// Properties of known tags (HTML namespace unless said otherwise).
enum : uint32_t {
  kVoid = 1u << 0,         // never pushed
  kRawText = 1u << 1,      // content up to the end tag is text
  kRcdata = 1u << 2,       // ... in which references are decoded
  kClosesP = 1u << 3,      // start tag closes a <p> in button scope
  kSpecial = 1u << 4,      // the HTML "special" category
  kBoundary = 1u << 5,     // ends the default scope
  kFormatting = 1u << 6,   // adoption-agency formatting element
  kMarker = 1u << 7,       // pushes a marker on the formatting list
  kBreakout = 1u << 8,     // start tag leaves foreign content
  kIntegration = 1u << 9,  // foreign: HTML or MathML text integration point
  kScopeEnd = 1u << 10,    // end tag pops when in (default) scope
  kTablePart = 1u << 11,   // end tag pops when in table scope
  kHeading = 1u << 12,
  kForeignUnsafe = 1u << 13,  // never as a foreign element (see StartTag)
};
struct TagTable {
  uint32_t flags[kKnownTags] = {};
  TagTable();
  uint32_t operator()(int id) const { return id < kKnownTags ? flags[id] : 0; }

  // The names Gumbo knows (gumbo_normalized_tagname, all shorter than 16
  // bytes), zero-padded, by FNV-1a hash of their bytes: open addressing,
  // at most a third full. (gumbo_tagn_enum took some 90 instructions a
  // tag, a fifth of ParseTag's cost.)
  static constexpr size_t kNameBytes = 16;
  static constexpr uint32_t kNameSlots = 512;
  struct Name {
    char bytes[kNameBytes];
    uint32_t size;
    int id;  // -1: a free slot
  };
  Name names[kNameSlots];
  // The GumboTag of the lower-case name in `padded` (`size` bytes, then
  // zeros; size < kNameBytes) whose FNV-1a hash is `hash`, or -1.
  int Known(const char* padded, size_t size, uint32_t hash) const {
    for (uint32_t i = hash % kNameSlots; names[i].id >= 0;
         i = (i + 1) % kNameSlots) {
      if (names[i].size == size &&
          std::memcmp(names[i].bytes, padded, kNameBytes) == 0) {
        return names[i].id;
      }
    }
    return -1;
  }
};

const TagTable& Tags();

// The FNV-1a hash of a tag name's lower-cased bytes.
constexpr uint32_t kFnvBasis = 2166136261u;
constexpr uint32_t kFnvPrime = 16777619u;

// The id of a tag name as written (any case): Gumbo's for the names it
// knows (as gumbo_tagn_enum finds them, ASCII case ignored), else a bucket
// of the name's hash. Inline: it runs for every tag.
inline int TagId(const TagTable& tags, std::string_view name) {
  char buf[TagTable::kNameBytes] = {};
  uint32_t h = kFnvBasis;
  const bool fits = name.size() < sizeof buf;
  for (size_t k = 0; k < name.size(); ++k) {
    const char c = AsciiLower(name[k]);
    if (fits) buf[k] = c;
    h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
  }
  if (fits) {
    const int id = tags.Known(buf, name.size(), h);
    if (id >= 0) return id;
  }
  return kKnownTags + static_cast<int>(h % kUnknownBuckets);
}

// True when Gumbo reads the text or attribute value `raw` as these very
// bytes: no character references, no carriage return (it becomes a line
// feed), no NUL or control character, C1 control or noncharacter (they
// become U+FFFD). `raw` is valid UTF-8.
bool ParserCopiesUnchanged(std::string_view raw);

// Reads the digits of a numeric character reference in s[p, e), p just
// after "&#": hex after an 'x' or 'X'. Returns the index after the digits
// (p itself when there are none, or p + 1 after an 'x' without digits)
// and sets *value, saturated at 0x110000 so that it cannot overflow.
size_t ReadReferenceDigits(std::string_view s, size_t p, size_t e,
                           uint32_t* value);

constexpr int kHtmlNs = 0;
constexpr int kSvgNs = 1;
constexpr int kMathNs = 2;

class Guard {
 public:
  Guard(std::string_view in, const Options& options, std::string* out,
        GuardReport* report, SetAsideValues* aside)
      : in_(in),
        out_(out),
        rep_(report),
        aside_(aside),
        tags_(Tags()),
        last_(kIds, -1),
        dropped_(kIds, 0) {
    max_depth_ = std::max(1, options.max_depth);
    max_attrs_ = std::max(0, options.max_attributes);
    fmt_depth_ = std::max(8, max_depth_ / 8);
  }

  void Run();

 private:
  struct Entry {
    int id;
    int ns;     // kHtmlNs, kSvgNs or kMathNs
    bool dead;  // removed from Gumbo's stack, kept here for the indexes
    bool special, boundary, marker;
    bool text_ip;  // MathML text integration point (mi, mo, mn, ms, mtext)
    bool html_ip;  // HTML integration point
    int prev_same, prev_special, prev_boundary, prev_html;
  };
  struct Fmt {
    int id;
    uint32_t attrs;
  };
  struct Tag {
    size_t begin = 0, end = 0;  // the whole tag, '<' through '>'
    size_t name_end = 0;        // end of the tag name
    size_t keep_end = 0;        // end of the last attribute kept
    std::string_view name;
    int id = 0;
    int attrs = 0;
    uint32_t attr_hash = 0;
    bool self_closing = false;
    bool font_attr = false;  // color, face or size: <font> breaks out
    // encoding="text/html" or "application/xhtml+xml": an <annotation-xml>
    // that is an HTML integration point.
    bool html_encoding = false;
    // Attribute values to set aside (see SetAsideValues): where they are.
    static constexpr int kMaxAsides = 8;
    struct Aside {
      size_t begin, end;
    };
    int asides = 0;
    Aside aside[kMaxAsides];
    // The attributes, when the whole list may move into one placeholder
    // (see EmitMovedStartTag): each as written, its value as Gumbo keeps
    // it. -1 when the list stays in the tag.
    static constexpr int kMaxMoved = 8;
    struct Moved {
      std::string_view name, value;
    };
    int moved = -1;
    Moved move[kMaxMoved];
  };

  // --- Output ---------------------------------------------------------
  // Copies in_[b, e), replacing NULs and out-of-range numeric references.
  void CopyText(size_t b, size_t e);
  // Copies the text in_[b, e), or sets aside the runs in it between
  // character references (SetAsideValues). `verbatim`: raw text, copied
  // without replacing NULs and references.
  void EmitText(size_t b, size_t e, bool verbatim = false);
  // One run of EmitText's: set aside when long enough and Gumbo would copy
  // it unchanged, else copied.
  void EmitRun(size_t b, size_t e, bool verbatim);
  // in_[b, e) as it is (`verbatim`) or through CopyText.
  void Copy(size_t b, size_t e, bool verbatim);
  void EmitNeutral();
  void EmitStartTag(const Tag& t);
  // Writes the start tag with its attribute list set aside as one
  // placeholder attribute name (SetAsideValues::AttributeList); false,
  // writing nothing, when it cannot (duplicate names, pool full).
  bool EmitMovedStartTag(const Tag& t);
  void DropStart(const Tag& t, bool formatting);
  // Nothing more is set aside on this page (GuardReport::aside_stopped).
  void StopAside();
  // Whether Gumbo, were it to read the raw text in_[from, end) as markup
  // (a raw-text element it did not take for one), would be back in the
  // data state at `end` having read no tag that changes its tokenizer's
  // state (parse/README.md, "Invariants").
  bool MarkupMeetsAt(size_t from, size_t end) const;

  // --- Tokenizer --------------------------------------------------------
  // Parses the tag at in_[i] ('<' then a letter, or "</" then a letter).
  // Returns false when the input ends inside it.
  bool ParseTag(size_t i, bool end_tag, Tag* t);
  // What <font> (color, face, size) and <annotation-xml> (encoding) say
  // to the tree builder through attribute `a`.
  void ReadNameAttribute(const scan::Attribute& a, Tag* t);

  // --- Tree-builder model -----------------------------------------------
  void StartTag(const Tag& t);
  void EndTag(const Tag& t);
  void Push(int id, int ns, bool html_encoding);
  void PopForeign();      // a break-out: pops SVG and MathML to HTML or a point
  void PopTo(int index);  // pops entries index.. (closing stack_[index])
  void Kill(int index);   // removes stack_[index] without popping above it
  int Last(int id) const { return last_[id]; }
  int Max(int a, int b) const { return a > b ? a : b; }
  bool InScope(int j) const { return j >= 0 && j >= last_boundary_; }
  bool InButtonScope(int j) const {
    return j >= 0 && j >= Max(last_boundary_, Last(GUMBO_TAG_BUTTON));
  }
  bool InListScope(int j) const {
    return j >= 0 && j >= Max(last_boundary_,
                              Max(Last(GUMBO_TAG_OL), Last(GUMBO_TAG_UL)));
  }
  bool InTableScope(int j) const {
    return j >= 0 &&
           j >= Max(Last(GUMBO_TAG_HTML),
                    Max(Last(GUMBO_TAG_TABLE), Last(GUMBO_TAG_TEMPLATE)));
  }
  // Select scope: only <option> and <optgroup> may be above the element.
  bool InSelectScope(int j) const {
    if (j < 0) return false;
    for (int k = static_cast<int>(stack_.size()) - 1; k > j; --k) {
      const Entry& e = stack_[k];
      if (e.ns != kHtmlNs ||
          (e.id != GUMBO_TAG_OPTION && e.id != GUMBO_TAG_OPTGROUP))
        return false;
    }
    return true;
  }
  void ClosePInButtonScope() {
    if (InButtonScope(Last(GUMBO_TAG_P))) PopTo(Last(GUMBO_TAG_P));
  }
  bool TopIs(int id) const {
    return !stack_.empty() && stack_.back().id == id &&
           stack_.back().ns == kHtmlNs;
  }
  // Closes the innermost <li> (or <dd>/<dt>) the way their start tags do.
  void CloseListItem(int a, int b);
  // The adoption agency, for the stack's depth: the formatting element of
  // this tag is removed from the list and from the stack (popping what is
  // above it when no special element is). False when none is in the list.
  bool Adopt(int id);
  size_t FormattingStart() const {
    return fmt_markers_.empty() ? 0 : fmt_markers_.back();
  }

  std::string_view in_;
  std::string* out_;
  std::string list_;  // EmitMovedStartTag's scratch
  GuardReport* rep_;
  SetAsideValues* aside_;     // nullptr: values stay where they are
  bool aside_text_ = false;   // text runs may be set aside
  bool aside_attrs_ = false;  // attribute values may be set aside
  bool raw_path_ = false;     // StartTag copied a raw-text element's text
  const TagTable& tags_;
  int max_depth_ = 0, max_attrs_ = 0, fmt_depth_ = 0;

  std::vector<Entry> stack_;
  std::vector<int> last_;     // innermost live entry per id, or -1
  std::vector<int> dropped_;  // start tags dropped per id, end tags owed
  int last_special_ = -1, last_boundary_ = -1, last_html_ = -1;
  int depth_ = 0;  // live entries
  bool form_pointer_ = false;
  std::vector<Fmt> fmt_;
  std::vector<size_t> fmt_markers_;  // fmt_.size() at each marker
  bool stop_ = false;                // <plaintext>: the rest is text
  size_t pos_ = 0;                   // scanning position
};

}  // namespace guard
}  // namespace winnow

#endif  // WINNOW_PARSE_GUARD_INTERNAL_H_
