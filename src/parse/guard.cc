// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/guard.h"

#include <gumbo.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/ascii.h"
#include "util/utf8.h"

namespace winnow {
namespace {

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
  TagTable() {
    auto set = [&](std::initializer_list<GumboTag> tags, uint32_t f) {
      for (GumboTag t : tags) flags[t] |= f;
    };
    set({GUMBO_TAG_AREA, GUMBO_TAG_BASE, GUMBO_TAG_BASEFONT,
         GUMBO_TAG_BGSOUND, GUMBO_TAG_BR, GUMBO_TAG_COL, GUMBO_TAG_EMBED,
         GUMBO_TAG_FRAME, GUMBO_TAG_HR, GUMBO_TAG_IMAGE, GUMBO_TAG_IMG,
         GUMBO_TAG_INPUT, GUMBO_TAG_KEYGEN, GUMBO_TAG_LINK, GUMBO_TAG_MENUITEM,
         GUMBO_TAG_META, GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK,
         GUMBO_TAG_WBR, GUMBO_TAG_ISINDEX},
        kVoid);
    set({GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_XMP, GUMBO_TAG_IFRAME,
         GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES, GUMBO_TAG_TEXTAREA,
         GUMBO_TAG_TITLE},
        kRawText);
    set({GUMBO_TAG_TEXTAREA, GUMBO_TAG_TITLE}, kRcdata);
    set({GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE,
         GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_CENTER, GUMBO_TAG_DETAILS,
         GUMBO_TAG_DIR, GUMBO_TAG_DIV, GUMBO_TAG_DL, GUMBO_TAG_FIELDSET,
         GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE, GUMBO_TAG_FOOTER,
         GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP, GUMBO_TAG_MAIN, GUMBO_TAG_MENU,
         GUMBO_TAG_NAV, GUMBO_TAG_OL, GUMBO_TAG_P, GUMBO_TAG_SECTION,
         GUMBO_TAG_SUMMARY, GUMBO_TAG_UL, GUMBO_TAG_H1, GUMBO_TAG_H2,
         GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6,
         GUMBO_TAG_PRE, GUMBO_TAG_LISTING, GUMBO_TAG_FORM, GUMBO_TAG_PLAINTEXT,
         GUMBO_TAG_TABLE, GUMBO_TAG_HR, GUMBO_TAG_XMP, GUMBO_TAG_LI,
         GUMBO_TAG_DD, GUMBO_TAG_DT},
        kClosesP);
    set({GUMBO_TAG_ADDRESS, GUMBO_TAG_APPLET, GUMBO_TAG_AREA,
         GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE, GUMBO_TAG_BASE,
         GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND, GUMBO_TAG_BLOCKQUOTE,
         GUMBO_TAG_BODY, GUMBO_TAG_BR, GUMBO_TAG_BUTTON, GUMBO_TAG_CAPTION,
         GUMBO_TAG_CENTER, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP, GUMBO_TAG_DD,
         GUMBO_TAG_DETAILS, GUMBO_TAG_DIR, GUMBO_TAG_DIV, GUMBO_TAG_DL,
         GUMBO_TAG_DT, GUMBO_TAG_EMBED, GUMBO_TAG_FIELDSET,
         GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE, GUMBO_TAG_FOOTER,
         GUMBO_TAG_FORM, GUMBO_TAG_FRAME, GUMBO_TAG_FRAMESET, GUMBO_TAG_H1,
         GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6,
         GUMBO_TAG_HEAD, GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP, GUMBO_TAG_HR,
         GUMBO_TAG_HTML, GUMBO_TAG_IFRAME, GUMBO_TAG_IMG, GUMBO_TAG_INPUT,
         GUMBO_TAG_ISINDEX, GUMBO_TAG_LI, GUMBO_TAG_LINK, GUMBO_TAG_LISTING,
         GUMBO_TAG_MAIN, GUMBO_TAG_MARQUEE, GUMBO_TAG_MENU, GUMBO_TAG_MENUITEM,
         GUMBO_TAG_META, GUMBO_TAG_NAV, GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES,
         GUMBO_TAG_NOSCRIPT, GUMBO_TAG_OBJECT, GUMBO_TAG_OL, GUMBO_TAG_P,
         GUMBO_TAG_PARAM, GUMBO_TAG_PLAINTEXT, GUMBO_TAG_PRE,
         GUMBO_TAG_SCRIPT, GUMBO_TAG_SECTION, GUMBO_TAG_SELECT,
         GUMBO_TAG_SOURCE, GUMBO_TAG_STYLE, GUMBO_TAG_SUMMARY,
         GUMBO_TAG_TABLE, GUMBO_TAG_TBODY, GUMBO_TAG_TD, GUMBO_TAG_TEMPLATE,
         GUMBO_TAG_TEXTAREA, GUMBO_TAG_TFOOT, GUMBO_TAG_TH, GUMBO_TAG_THEAD,
         GUMBO_TAG_TITLE, GUMBO_TAG_TR, GUMBO_TAG_TRACK, GUMBO_TAG_UL,
         GUMBO_TAG_WBR, GUMBO_TAG_XMP},
        kSpecial);
    set({GUMBO_TAG_APPLET, GUMBO_TAG_CAPTION, GUMBO_TAG_HTML, GUMBO_TAG_TABLE,
         GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT,
         GUMBO_TAG_TEMPLATE},
        kBoundary);
    set({GUMBO_TAG_A, GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_CODE,
         GUMBO_TAG_EM, GUMBO_TAG_FONT, GUMBO_TAG_I, GUMBO_TAG_NOBR,
         GUMBO_TAG_S, GUMBO_TAG_SMALL, GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG,
         GUMBO_TAG_TT, GUMBO_TAG_U},
        kFormatting);
    set({GUMBO_TAG_APPLET, GUMBO_TAG_OBJECT, GUMBO_TAG_MARQUEE,
         GUMBO_TAG_TEMPLATE, GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_CAPTION},
        kMarker);
    set({GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,
         GUMBO_TAG_BR, GUMBO_TAG_CENTER, GUMBO_TAG_CODE, GUMBO_TAG_DD,
         GUMBO_TAG_DIV, GUMBO_TAG_DL, GUMBO_TAG_DT, GUMBO_TAG_EM,
         GUMBO_TAG_EMBED, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3,
         GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6, GUMBO_TAG_HEAD,
         GUMBO_TAG_HR, GUMBO_TAG_I, GUMBO_TAG_IMG, GUMBO_TAG_LI,
         GUMBO_TAG_LISTING, GUMBO_TAG_MENU, GUMBO_TAG_META, GUMBO_TAG_NOBR,
         GUMBO_TAG_OL, GUMBO_TAG_P, GUMBO_TAG_PRE, GUMBO_TAG_RUBY,
         GUMBO_TAG_S, GUMBO_TAG_SMALL, GUMBO_TAG_SPAN, GUMBO_TAG_STRONG,
         GUMBO_TAG_STRIKE, GUMBO_TAG_SUB, GUMBO_TAG_SUP, GUMBO_TAG_TABLE,
         GUMBO_TAG_TT, GUMBO_TAG_U, GUMBO_TAG_UL, GUMBO_TAG_VAR},
        kBreakout);
    set({GUMBO_TAG_MI, GUMBO_TAG_MO, GUMBO_TAG_MN, GUMBO_TAG_MS,
         GUMBO_TAG_MTEXT, GUMBO_TAG_ANNOTATION_XML, GUMBO_TAG_FOREIGNOBJECT,
         GUMBO_TAG_DESC, GUMBO_TAG_TITLE},
        kIntegration);
    set({GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE,
         GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BUTTON, GUMBO_TAG_CENTER,
         GUMBO_TAG_DETAILS, GUMBO_TAG_DIR, GUMBO_TAG_DIV, GUMBO_TAG_DL,
         GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
         GUMBO_TAG_FOOTER, GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP,
         GUMBO_TAG_LISTING, GUMBO_TAG_MAIN, GUMBO_TAG_MENU, GUMBO_TAG_NAV,
         GUMBO_TAG_OL, GUMBO_TAG_PRE, GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY,
         GUMBO_TAG_UL, GUMBO_TAG_APPLET, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT,
         GUMBO_TAG_DD, GUMBO_TAG_DT},
        kScopeEnd);
    set({GUMBO_TAG_TABLE, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT,
         GUMBO_TAG_TR, GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_CAPTION,
         GUMBO_TAG_COLGROUP},
        kTablePart);
    set({GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5,
         GUMBO_TAG_H6},
        kHeading);
    set({GUMBO_TAG_HTML, GUMBO_TAG_HEAD, GUMBO_TAG_BODY, GUMBO_TAG_FRAMESET,
         GUMBO_TAG_FRAME, GUMBO_TAG_TEMPLATE, GUMBO_TAG_TABLE,
         GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP, GUMBO_TAG_COL,
         GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT, GUMBO_TAG_TR,
         GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_SELECT, GUMBO_TAG_OPTION,
         GUMBO_TAG_OPTGROUP, GUMBO_TAG_FORM, GUMBO_TAG_BUTTON,
         GUMBO_TAG_APPLET, GUMBO_TAG_OBJECT, GUMBO_TAG_MARQUEE, GUMBO_TAG_LI,
         GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_P},
        kForeignUnsafe);
  }
  uint32_t operator()(int id) const { return id < kKnownTags ? flags[id] : 0; }
};

const TagTable& Tags() {
  static const TagTable table;
  return table;
}

inline bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}
inline bool IsAlpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int TagId(std::string_view name) {
  char buf[16] = {};
  if (name.size() < sizeof buf) {
    for (size_t k = 0; k < name.size(); ++k) buf[k] = AsciiLower(name[k]);
    const GumboTag t =
        gumbo_tagn_enum(buf, static_cast<unsigned>(name.size()));
    if (t != GUMBO_TAG_UNKNOWN && t < GUMBO_TAG_LAST) return t;
  }
  uint32_t h = 2166136261u;
  for (char c : name) {
    h ^= static_cast<unsigned char>(AsciiLower(c));
    h *= 16777619u;
  }
  return kKnownTags + static_cast<int>(h % kUnknownBuckets);
}

uint32_t HashBytes(std::string_view s, bool lower) {
  uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(lower ? AsciiLower(c) : c);
    h *= 16777619u;
  }
  return h;
}

// The first '&' or NUL in [p, end), or end. Every byte of a page goes
// through here; sixteen at a time where SSE2 is (on every x86-64).
const char* FindAmpOrNul(const char* p, const char* end) {
#ifdef __SSE2__
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i nul = _mm_setzero_si128();
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const int hits = _mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, nul)));
    if (hits != 0) return p + __builtin_ctz(static_cast<unsigned>(hits));
    p += 16;
  }
#endif
  while (p < end && *p != '&' && *p != '\0') ++p;
  return p;
}

constexpr int kHtmlNs = 0;
constexpr int kSvgNs = 1;
constexpr int kMathNs = 2;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Reads the digits of a numeric character reference in s[p, e), p just
// after "&#": hex after an 'x' or 'X'. Returns the index after the digits
// (p itself when there are none, or p + 1 after an 'x' without digits)
// and sets *value, saturated at 0x110000 so that it cannot overflow.
size_t ReadReferenceDigits(std::string_view s, size_t p, size_t e,
                           uint32_t* value) {
  bool hex = false;
  if (p < e && (s[p] == 'x' || s[p] == 'X')) {
    hex = true;
    ++p;
  }
  uint32_t v = 0;
  for (; p < e; ++p) {
    const char d = s[p];
    int dv;
    if (d >= '0' && d <= '9') {
      dv = d - '0';
    } else if (hex && d >= 'a' && d <= 'f') {
      dv = d - 'a' + 10;
    } else if (hex && d >= 'A' && d <= 'F') {
      dv = d - 'A' + 10;
    } else {
      break;
    }
    v = v * (hex ? 16 : 10) + static_cast<uint32_t>(dv);
    if (v > 0x10FFFF) v = 0x110000;
  }
  *value = v;
  return p;
}

// Runs of text shorter than this stay: a placeholder takes 8 bytes.
constexpr size_t kMinTextAside = 24;

// True when `s` holds U+E000, the mark of text set aside, or a numeric
// character reference that could spell it ("&#57344;", "&#xE000;", with
// any leading zeros): then no text is set aside, so that every mark Gumbo
// gives back is one of ours.
bool MayHoldTextMark(std::string_view s) {
  if (s.find(SetAsideValues::kTextMark) != std::string_view::npos) return true;
  for (size_t i = s.find("&#"); i != std::string_view::npos;
       i = s.find("&#", i + 2)) {
    uint32_t v;
    ReadReferenceDigits(s, i + 2, s.size(), &v);
    if (v == 0xE000) return true;
  }
  return false;
}

// Which SetAsideValues::Name `name` is, or -1.
int SetAsideName(std::string_view name) {
  auto is = [&](std::string_view lower) {
    if (name.size() != lower.size()) return false;
    for (size_t k = 0; k < name.size(); ++k) {
      if (AsciiLower(name[k]) != lower[k]) return false;
    }
    return true;
  };
  switch (name.size()) {
    case 2:
      return is("id") ? SetAsideValues::kId : -1;
    case 5:
      return is("class")   ? SetAsideValues::kClass
             : is("style") ? SetAsideValues::kStyle
                           : -1;
    case 7:
      return is("content") ? SetAsideValues::kContent : -1;
    default:
      return -1;
  }
}

// True when Gumbo's attribute value is `raw` byte for byte: no character
// references, no carriage return (it becomes a line feed), no NUL or
// control character, C1 control or noncharacter (they become U+FFFD).
// `raw` is valid UTF-8.
bool ParserCopiesUnchanged(std::string_view raw) {
  for (size_t i = 0; i < raw.size();) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c < 0x80) {
      if (c == '&' || c == 0x7F ||
          (c < 0x20 && c != '\t' && c != '\n' && c != '\f')) {
        return false;
      }
      ++i;
      continue;
    }
    const uint32_t cp = NextCodePoint(raw, &i);
    if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
        (cp & 0xFFFE) == 0xFFFE) {
      return false;
    }
  }
  return true;
}
constexpr std::string_view kNeutral = "<!---->";

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
    int ns;        // kHtmlNs, kSvgNs or kMathNs
    bool dead;     // removed from Gumbo's stack, kept here for the indexes
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
    // Attributes to set aside (see SetAsideValues): the bytes they take,
    // name through value, and the value.
    struct Aside {
      SetAsideValues::Name name;
      size_t begin, end;
      std::string_view value;
    };
    int asides = 0;
    Aside aside[SetAsideValues::kNames];
  };

  // --- Output ---------------------------------------------------------
  // Copies in_[b, e), replacing NULs and out-of-range numeric references.
  void CopyText(size_t b, size_t e);
  // Copies the text run in_[b, e), or sets it aside (SetAsideValues).
  void EmitText(size_t b, size_t e);
  void EmitNeutral();
  void EmitStartTag(const Tag& t);
  void DropStart(const Tag& t, bool formatting);

  // --- Tokenizer --------------------------------------------------------
  // Parses the tag at in_[i] ('<' then a letter, or "</" then a letter).
  // Returns false when the input ends inside it.
  bool ParseTag(size_t i, bool end_tag, Tag* t);
  size_t SkipComment(size_t i) const;  // at "<!--"; returns the end
  size_t SkipBogus(size_t i) const;    // to the next '>'
  size_t FindEndTag(size_t i, std::string_view name) const;

  // --- Tree-builder model -----------------------------------------------
  void StartTag(const Tag& t);
  void EndTag(const Tag& t);
  void Push(int id, int ns, bool html_encoding);
  void PopForeign();  // a break-out: pops SVG and MathML to HTML or a point
  void PopTo(int index);  // pops entries index.. (closing stack_[index])
  void Kill(int index);   // removes stack_[index] without popping above it
  int Last(int id) const { return last_[id]; }
  int Max(int a, int b) const { return a > b ? a : b; }
  bool InScope(int j) const { return j >= 0 && j >= last_boundary_; }
  bool InButtonScope(int j) const {
    return j >= 0 && j >= Max(last_boundary_, Last(GUMBO_TAG_BUTTON));
  }
  bool InListScope(int j) const {
    return j >= 0 && j >= Max(last_boundary_, Max(Last(GUMBO_TAG_OL),
                                                  Last(GUMBO_TAG_UL)));
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
  bool InForeign() const {
    return !stack_.empty() && stack_.back().ns != kHtmlNs;
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
  GuardReport* rep_;
  SetAsideValues* aside_;  // nullptr: values stay where they are
  bool aside_text_ = false;  // text runs may be set aside
  bool aside_attrs_ = true;  // attributes may be set aside
  bool raw_path_ = false;    // StartTag copied a raw-text element's text
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

void Guard::CopyText(size_t b, size_t e) {
  size_t run = b;
  size_t k = b;
  while (k < e) {
    k = static_cast<size_t>(FindAmpOrNul(in_.data() + k, in_.data() + e) -
                            in_.data());
    if (k == e) break;
    const char c = in_[k];
    out_->append(in_.data() + run, k - run);
    if (c == '\0') {
      out_->append(kReplacement);
      ++rep_->nuls_replaced;
      run = ++k;
      continue;
    }
    // "&#" digits or "&#x" hex digits, ";" optional.
    size_t p = k + 1;
    if (p >= e || in_[p] != '#') {
      run = k;
      ++k;
      continue;
    }
    ++p;
    const size_t x = p < e && (in_[p] == 'x' || in_[p] == 'X') ? p + 1 : p;
    uint32_t v;
    p = ReadReferenceDigits(in_, p, e, &v);
    if (p == x) {  // no digits: not a reference
      run = k;
      k = p;
      continue;
    }
    if (p < e && in_[p] == ';') ++p;
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
      out_->append(kReplacement);
      ++rep_->references_replaced;
      run = k = p;
    } else {
      run = k;
      k = p;
    }
  }
  out_->append(in_.data() + run, e - run);
}

void Guard::EmitText(size_t b, size_t e) {
  if (aside_text_ && !InForeign()) {
    // Whitespace around the run stays, and so does a last '>': the last
    // byte written decides whether a dropped tag needs an EmitNeutral.
    size_t first = b, last = e;
    while (first < e && IsSpace(in_[first]) && in_[first] != '\r') ++first;
    while (last > first && IsSpace(in_[last - 1]) && in_[last - 1] != '\r') {
      --last;
    }
    if (last > first && in_[last - 1] == '>') --last;
    const std::string_view run = in_.substr(first, last - first);
    if (run.size() >= kMinTextAside && ParserCopiesUnchanged(run)) {
      const size_t before = out_->size();
      out_->append(in_.data() + b, first - b);
      if (aside_->AddText(run, out_)) {
        out_->append(in_.data() + last, e - last);
        return;
      }
      out_->resize(before);
    }
  }
  CopyText(b, e);
}

void Guard::EmitNeutral() {
  if (out_->empty()) return;
  const unsigned char c = static_cast<unsigned char>(out_->back());
  if (IsSpace(c) || c == '>') return;  // also right after a "<!---->"
  out_->append(kNeutral);
}

void Guard::EmitStartTag(const Tag& t) {
  size_t from = t.begin;
  if (t.asides > 0) aside_->StartTag(out_->size());
  for (int k = 0; k < t.asides; ++k) {
    CopyText(from, t.aside[k].begin);
    aside_->Add(t.aside[k].name, t.aside[k].value);
    from = t.aside[k].end;
  }
  // Gumbo compares every attribute it reads with all earlier ones.
  const uint64_t kept = static_cast<uint64_t>(std::min(t.attrs, max_attrs_));
  rep_->attribute_pairs += kept > 1 ? kept * (kept - 1) / 2 : 0;
  if (t.attrs <= max_attrs_) {
    CopyText(from, t.end);
    return;
  }
  CopyText(from, t.keep_end);
  out_->append(t.self_closing ? " />" : ">");
  rep_->attributes_dropped += static_cast<size_t>(t.attrs - max_attrs_);
}

void Guard::DropStart(const Tag& t, bool formatting) {
  ++dropped_[t.id];
  if (formatting) {
    ++rep_->formatting_dropped;
  } else {
    ++rep_->start_tags_dropped;
  }
  EmitNeutral();
}

bool Guard::ParseTag(size_t i, bool end_tag, Tag* t) {
  const size_t n = in_.size();
  t->begin = i;
  size_t p = i + (end_tag ? 2 : 1);
  const size_t name_begin = p;
  while (p < n && !IsSpace(in_[p]) && in_[p] != '/' && in_[p] != '>') ++p;
  t->name = in_.substr(name_begin, p - name_begin);
  t->name_end = t->keep_end = p;
  t->id = TagId(t->name);
  t->asides = 0;
  // Gumbo compares the attributes of formatting elements (the Noah's Ark
  // clause), except those of <a>, of which only one is ever active.
  const bool formatting = (tags_(t->id) & kFormatting) != 0;
  // Inside SVG or MathML the model is least sure which tags Gumbo reads as
  // text (svg:title is markup, an HTML <title> is not): nothing there is
  // set aside. (The pre-parse strip empties most SVG.)
  bool may_set_aside = aside_ != nullptr && aside_attrs_ && !InForeign() &&
                       !end_tag && (t->id == GUMBO_TAG_A || !formatting) &&
                       t->id != GUMBO_TAG_HTML && t->id != GUMBO_TAG_BODY &&
                       t->id != GUMBO_TAG_ISINDEX;
  unsigned aside_seen = 0;  // a bit per SetAsideValues::Name
  // Only <font> and <annotation-xml> are read for their attributes' names.
  const bool reads_names =
      t->id == GUMBO_TAG_FONT || t->id == GUMBO_TAG_ANNOTATION_XML;
  uint32_t hash = 0;
  for (;;) {
    while (p < n && IsSpace(in_[p])) ++p;
    if (p >= n) return false;
    char c = in_[p];
    if (c == '>') {
      ++p;
      break;
    }
    if (c == '/') {
      ++p;
      if (p < n && in_[p] == '>') {
        t->self_closing = true;
        ++p;
        break;
      }
      continue;
    }
    // An attribute name: its first character may be anything ('=' too).
    const size_t an = p++;
    while (p < n && !IsSpace(in_[p]) && in_[p] != '/' && in_[p] != '>' &&
           in_[p] != '=')
      ++p;
    const std::string_view name = in_.substr(an, p - an);
    size_t q = p;
    while (q < n && IsSpace(in_[q])) ++q;
    std::string_view value;
    if (q < n && in_[q] == '=') {
      p = q + 1;
      while (p < n && IsSpace(in_[p])) ++p;
      if (p >= n) return false;
      if (in_[p] == '"' || in_[p] == '\'') {
        const size_t close = in_.find(in_[p], p + 1);
        if (close == std::string_view::npos) return false;
        value = in_.substr(p + 1, close - p - 1);
        p = close + 1;
      } else if (in_[p] != '>') {
        const size_t vb = p;
        while (p < n && !IsSpace(in_[p]) && in_[p] != '>') ++p;
        value = in_.substr(vb, p - vb);
      }
    }
    ++t->attrs;
    if (may_set_aside) {
      const int which = SetAsideName(name);
      if (which >= 0 && (aside_seen & (1u << which))) {
        // A duplicate name: Gumbo 0.10.1 drops it, but a duplicate without
        // a value can make it run the next attribute's name into this one
        // ("class style=x" reads as "classstyle"); taking the first away
        // would change that. The tag stays as it is.
        may_set_aside = false;
        t->asides = 0;
      } else if (which >= 0) {
        aside_seen |= 1u << which;
        if (t->attrs <= max_attrs_ && IsSpace(in_[an - 1]) &&
            ParserCopiesUnchanged(value)) {
          t->aside[t->asides++] = {static_cast<SetAsideValues::Name>(which), an,
                                   p, value};
        }
      }
    }
    if (t->attrs <= max_attrs_) {
      t->keep_end = p;
      if (!end_tag) {
        // Order-independent, as Gumbo compares attribute lists.
        if (formatting) {
          hash += HashBytes(name, true) * 31u ^ HashBytes(value, false);
        }
        if (reads_names && name.size() >= 4 && name.size() <= 8) {
          char lower[8];
          for (size_t k = 0; k < name.size(); ++k)
            lower[k] = AsciiLower(name[k]);
          const std::string_view ln(lower, name.size());
          if (ln == "color" || ln == "face" || ln == "size")
            t->font_attr = true;
          if (ln == "encoding" && value.size() <= 21) {
            char lv[21];
            for (size_t k = 0; k < value.size(); ++k)
              lv[k] = AsciiLower(value[k]);
            const std::string_view v(lv, value.size());
            if (v == "text/html" || v == "application/xhtml+xml")
              t->html_encoding = true;
          }
        }
      }
    }
  }
  t->end = p;
  t->attr_hash = hash;
  return true;
}

size_t Guard::SkipComment(size_t i) const {
  const size_t n = in_.size();
  size_t p = i + 4;
  if (p < n && in_[p] == '>') return p + 1;  // <!-->
  if (p + 1 < n && in_[p] == '-' && in_[p + 1] == '>') return p + 2;
  while (true) {
    const size_t d = in_.find("--", p);
    if (d == std::string_view::npos) return n;
    size_t e = d + 2;
    while (e < n && in_[e] == '-') ++e;  // "--->" ends it too
    if (e < n && in_[e] == '>') return e + 1;
    if (e + 1 < n && in_[e] == '!' && in_[e + 1] == '>') return e + 2;
    p = e;
  }
}

size_t Guard::SkipBogus(size_t i) const {
  const size_t e = in_.find('>', i);
  return e == std::string_view::npos ? in_.size() : e + 1;
}

size_t Guard::FindEndTag(size_t i, std::string_view name) const {
  const size_t n = in_.size();
  for (size_t p = i;; ++p) {
    p = in_.find("</", p);
    if (p == std::string_view::npos || n - p - 2 < name.size()) return n;
    size_t k = 0;
    while (k < name.size() && AsciiLower(in_[p + 2 + k]) == AsciiLower(name[k]))
      ++k;
    if (k < name.size()) continue;
    const size_t after = p + 2 + name.size();
    if (after == n || IsSpace(in_[after]) || in_[after] == '/' ||
        in_[after] == '>')
      return p;
  }
}

void Guard::Push(int id, int ns, bool html_encoding) {
  const uint32_t f = tags_(id);
  Entry e;
  e.id = id;
  e.ns = ns;
  e.dead = false;
  e.text_ip = ns == kMathNs &&
              (id == GUMBO_TAG_MI || id == GUMBO_TAG_MO || id == GUMBO_TAG_MN ||
               id == GUMBO_TAG_MS || id == GUMBO_TAG_MTEXT);
  e.html_ip = (ns == kSvgNs && (id == GUMBO_TAG_FOREIGNOBJECT ||
                                id == GUMBO_TAG_DESC || id == GUMBO_TAG_TITLE)) ||
              (ns == kMathNs && id == GUMBO_TAG_ANNOTATION_XML && html_encoding);
  const bool foreign_special =
      (ns == kSvgNs && (f & kIntegration) && id != GUMBO_TAG_MI &&
       id != GUMBO_TAG_MO && id != GUMBO_TAG_MN && id != GUMBO_TAG_MS &&
       id != GUMBO_TAG_MTEXT && id != GUMBO_TAG_ANNOTATION_XML) ||
      (ns == kMathNs && (e.text_ip || id == GUMBO_TAG_ANNOTATION_XML));
  e.special = ns == kHtmlNs ? (f & kSpecial) != 0 : foreign_special;
  e.boundary = ns == kHtmlNs ? (f & kBoundary) != 0 : foreign_special;
  e.marker = ns == kHtmlNs && (f & kMarker);
  const int index = static_cast<int>(stack_.size());
  e.prev_same = last_[id];
  last_[id] = index;
  e.prev_special = last_special_;
  if (e.special) last_special_ = index;
  e.prev_boundary = last_boundary_;
  if (e.boundary) last_boundary_ = index;
  e.prev_html = last_html_;
  if (ns == kHtmlNs) last_html_ = index;
  if (e.marker) fmt_markers_.push_back(fmt_.size());
  stack_.push_back(e);
  ++depth_;
  rep_->depth = std::max(rep_->depth, depth_);
}

void Guard::PopForeign() {
  while (!stack_.empty() && stack_.back().ns != kHtmlNs &&
         !stack_.back().text_ip && !stack_.back().html_ip)
    PopTo(static_cast<int>(stack_.size()) - 1);
}

void Guard::PopTo(int index) {
  if (index < 0) return;
  for (;;) {
    while (static_cast<int>(stack_.size()) > index) {
      const int k = static_cast<int>(stack_.size()) - 1;
      const Entry& e = stack_.back();
      if (!e.dead) --depth_;
      if (last_[e.id] == k) last_[e.id] = e.prev_same;
      if (last_special_ == k) last_special_ = e.prev_special;
      if (last_boundary_ == k) last_boundary_ = e.prev_boundary;
      if (last_html_ == k) last_html_ = e.prev_html;
      if (e.marker) {
        fmt_.resize(fmt_markers_.back());
        fmt_markers_.pop_back();
      }
      stack_.pop_back();
    }
    // Entries Gumbo no longer has are not left on top: the top is always
    // the current node.
    if (stack_.empty() || !stack_.back().dead) return;
    index = static_cast<int>(stack_.size()) - 1;
  }
}

void Guard::Kill(int index) {
  if (index == static_cast<int>(stack_.size()) - 1) {
    PopTo(index);
    return;
  }
  Entry& e = stack_[index];
  if (e.dead) return;
  e.dead = true;
  --depth_;
  // Only the innermost entry of an id is ever killed, so the chain of
  // that id stays whole. (A killed special entry stays in the special
  // chain: scope checks then err towards keeping elements open.)
  if (last_[e.id] == index) last_[e.id] = e.prev_same;
}

void Guard::CloseListItem(int a, int b) {
  // Gumbo walks down from the current node: an <li> closes; a special
  // element other than address, div and p stops the walk.
  int steps = 0;
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 0 && steps < 64;
       --k, ++steps) {
    const Entry& e = stack_[k];
    if (e.dead) continue;
    if (e.ns == kHtmlNs && (e.id == a || e.id == b)) {
      PopTo(k);
      return;
    }
    if (e.special && !(e.id == GUMBO_TAG_ADDRESS || e.id == GUMBO_TAG_DIV ||
                       e.id == GUMBO_TAG_P))
      return;
  }
}

bool Guard::Adopt(int id) {
  const size_t start = FormattingStart();
  size_t k = fmt_.size();
  while (k > start && fmt_[k - 1].id != id) --k;
  if (k == start) return false;
  const int j = Last(id);
  if (j >= 0 && stack_[j].ns != kHtmlNs) return true;
  if (j >= 0 && !InScope(j)) return true;  // Gumbo ignores the tag
  fmt_.erase(fmt_.begin() + static_cast<long>(k - 1));
  if (j < 0) return true;  // not open: only leaves the list
  if (last_special_ > j) {
    // A furthest block: the formatting element leaves the stack, the
    // elements above it stay (reparented under a clone).
    Kill(j);
  } else {
    PopTo(j);
  }
  return true;
}

void Guard::StartTag(const Tag& t) {
  const int id = t.id;
  const uint32_t f = tags_(id);
  // Which rules Gumbo applies: the HTML ones, or those of foreign content
  // (the adjusted current node is SVG or MathML and not an integration
  // point for this tag).
  const Entry* cur = stack_.empty() ? nullptr : &stack_.back();
  bool foreign_rules = false;
  bool via_integration = false;  // HTML rules inside SVG or MathML
  if (cur && cur->ns != kHtmlNs) {
    if (cur->text_ip) {
      foreign_rules = id == GUMBO_TAG_MGLYPH || id == GUMBO_TAG_MALIGNMARK;
    } else if (cur->html_ip) {
      foreign_rules = false;
    } else if (cur->ns == kMathNs && cur->id == GUMBO_TAG_ANNOTATION_XML &&
               id == GUMBO_TAG_SVG) {
      foreign_rules = false;
    } else {
      foreign_rules = true;
    }
    via_integration = !foreign_rules;
  }
  const bool breakout =
      foreign_rules &&
      ((f & kBreakout) || (id == GUMBO_TAG_FONT && t.font_attr));
  if (foreign_rules && !breakout) {
    if (f & kForeignUnsafe) {
      // Gumbo 0.10.1 finds some elements on its stack by tag alone,
      // namespace unchecked: an SVG or MathML element named like a table
      // part is taken for one when a table context is cleared, and the tree
      // builder then fails an assertion (SIGABRT) on "<svg><tbody><desc>
      // <table><table><td><colgroup><label><template></template></body>".
      // Such elements mean nothing in SVG or MathML, whose contents winnow
      // never reads: dropped.
      DropStart(t, false);
    } else if (t.self_closing) {
      EmitStartTag(t);
    } else if (depth_ >= max_depth_) {
      DropStart(t, false);
    } else {
      EmitStartTag(t);
      Push(id, cur->ns, t.html_encoding);
    }
    return;
  }

  // HTML rules. First what the tag would do, decided on the model as it is:
  // a tag that is dropped must leave the model as it leaves the parser,
  // untouched (no implied closes, no adoption agency, no break-out).
  const int select = Last(GUMBO_TAG_SELECT);
  if (!breakout && InSelectScope(select)) {
    // "In select": most start tags are ignored, raw-text ones included.
    const bool table_part =
        id == GUMBO_TAG_CAPTION || id == GUMBO_TAG_TABLE ||
        id == GUMBO_TAG_TBODY || id == GUMBO_TAG_TFOOT ||
        id == GUMBO_TAG_THEAD || id == GUMBO_TAG_TR || id == GUMBO_TAG_TD ||
        id == GUMBO_TAG_TH;
    const bool in_table = Last(GUMBO_TAG_TABLE) >= 0 &&
                          Last(GUMBO_TAG_TABLE) < select &&
                          Last(GUMBO_TAG_TEMPLATE) < select;
    if (id == GUMBO_TAG_INPUT || id == GUMBO_TAG_KEYGEN ||
        id == GUMBO_TAG_TEXTAREA || (table_part && in_table)) {
      if (table_part && depth_ + 2 >= max_depth_) {
        DropStart(t, false);
        return;
      }
      PopTo(select);  // closes the select; then the tag as usual
    } else if (id != GUMBO_TAG_OPTION && id != GUMBO_TAG_OPTGROUP &&
               id != GUMBO_TAG_SELECT && id != GUMBO_TAG_SCRIPT &&
               id != GUMBO_TAG_TEMPLATE) {
      EmitStartTag(t);
      return;
    }
  }
  if (id == GUMBO_TAG_HTML || id == GUMBO_TAG_BODY || id == GUMBO_TAG_HEAD ||
      (f & kVoid)) {
    if (breakout) PopForeign();
    if (f & kClosesP) ClosePInButtonScope();  // <hr>
    EmitStartTag(t);
    return;
  }
  if (id == GUMBO_TAG_FRAMESET) {
    // Gumbo drops the text of a frameset but its whitespace: a run set
    // aside would lose the whitespace inside it.
    aside_text_ = false;
  }
  if ((f & kRawText) && !via_integration) {
    raw_path_ = true;
    // Raw text is skipped only where the model is sure of the namespace:
    // inside SVG or MathML integration points the element is counted as an
    // ordinary one and its content parsed (which can only count deeper).
    if (breakout) PopForeign();
    if (id == GUMBO_TAG_XMP) ClosePInButtonScope();
    EmitStartTag(t);
    const size_t end = FindEndTag(t.end, t.name);
    if (f & kRcdata) {
      CopyText(t.end, end);
    } else {
      out_->append(in_.data() + t.end, end - t.end);
    }
    pos_ = end;
    return;
  }
  if (id == GUMBO_TAG_PLAINTEXT && !via_integration) {
    raw_path_ = true;
    if (breakout) PopForeign();
    ClosePInButtonScope();
    EmitStartTag(t);
    out_->append(in_.data() + t.end, in_.size() - t.end);
    stop_ = true;
    return;
  }
  const bool in_table = Last(GUMBO_TAG_TABLE) >= 0;
  const int section = Max(Last(GUMBO_TAG_TBODY),
                          Max(Last(GUMBO_TAG_THEAD), Last(GUMBO_TAG_TFOOT)));
  int extra = 0;  // elements Gumbo inserts on its own (tbody, tr)
  bool ignored = false;  // Gumbo ignores the tag
  switch (id) {
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      ignored = !in_table;
      if (Last(GUMBO_TAG_TR) < Last(GUMBO_TAG_TABLE))
        extra = section < Last(GUMBO_TAG_TABLE) ? 2 : 1;
      break;
    case GUMBO_TAG_TR:
      ignored = !in_table;
      if (section < Last(GUMBO_TAG_TABLE)) extra = 1;
      break;
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_COLGROUP:
      ignored = !in_table;
      break;
    case GUMBO_TAG_FORM:
      ignored = form_pointer_ && Last(GUMBO_TAG_TEMPLATE) < 0;
      break;
    case GUMBO_TAG_SELECT:
      ignored = InSelectScope(Last(GUMBO_TAG_SELECT));  // acts as </select>
      break;
    default:
      break;
  }
  if (ignored) {
    if (breakout) PopForeign();
    if (id == GUMBO_TAG_SELECT) PopTo(Last(GUMBO_TAG_SELECT));
    EmitStartTag(t);
    return;
  }
  const bool formatting = (f & kFormatting) != 0;
  if (formatting) {
    if (fmt_.size() - FormattingStart() >=
            static_cast<size_t>(kMaxActiveFormatting) ||
        depth_ >= fmt_depth_ || depth_ >= max_depth_) {
      DropStart(t, true);
      return;
    }
  } else if (depth_ + extra >= max_depth_) {
    DropStart(t, false);
    return;
  }

  // Kept: now the tree builder's steps.
  if (breakout) PopForeign();
  if (id == GUMBO_TAG_SVG || id == GUMBO_TAG_MATH) {
    if (!t.self_closing) {
      EmitStartTag(t);
      Push(id, id == GUMBO_TAG_SVG ? kSvgNs : kMathNs, t.html_encoding);
    } else {
      EmitStartTag(t);
    }
    return;
  }
  if (formatting) {
    if (id == GUMBO_TAG_A) Adopt(GUMBO_TAG_A);
    if (id == GUMBO_TAG_NOBR && InScope(Last(GUMBO_TAG_NOBR)))
      Adopt(GUMBO_TAG_NOBR);
    // Noah's Ark: a fourth identical element pushes out the earliest.
    const size_t start = FormattingStart();
    int same = 0;
    size_t earliest = fmt_.size();
    for (size_t k = fmt_.size(); k > start; --k) {
      if (fmt_[k - 1].id == id && fmt_[k - 1].attrs == t.attr_hash) {
        ++same;
        earliest = k - 1;
      }
    }
    if (same >= 3) fmt_.erase(fmt_.begin() + static_cast<long>(earliest));
    EmitStartTag(t);
    Push(id, kHtmlNs, false);
    fmt_.push_back({id, t.attr_hash});
    return;
  }
  if (f & kClosesP) {
    if (id == GUMBO_TAG_TABLE) {
      // In a table (not in one of its cells) a new table closes it.
      const int inner = Max(Max(Last(GUMBO_TAG_TD), Last(GUMBO_TAG_TH)),
                            Last(GUMBO_TAG_CAPTION));
      if (Last(GUMBO_TAG_TABLE) > inner) PopTo(Last(GUMBO_TAG_TABLE));
    }
    ClosePInButtonScope();
  }
  switch (id) {
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      if (!stack_.empty() && stack_.back().ns == kHtmlNs &&
          (tags_(stack_.back().id) & kHeading))
        PopTo(static_cast<int>(stack_.size()) - 1);
      break;
    case GUMBO_TAG_LI:
      CloseListItem(GUMBO_TAG_LI, GUMBO_TAG_LI);
      break;
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
      CloseListItem(GUMBO_TAG_DD, GUMBO_TAG_DT);
      break;
    case GUMBO_TAG_BUTTON:
      if (InScope(Last(GUMBO_TAG_BUTTON))) PopTo(Last(GUMBO_TAG_BUTTON));
      break;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: {
      const int cell = Max(Last(GUMBO_TAG_TD), Last(GUMBO_TAG_TH));
      if (InTableScope(cell)) PopTo(cell);
      break;
    }
    case GUMBO_TAG_TR:
      if (InTableScope(Last(GUMBO_TAG_TR))) PopTo(Last(GUMBO_TAG_TR));
      break;
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
      if (InTableScope(section)) PopTo(section);
      break;
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_COLGROUP:
      if (InTableScope(Last(GUMBO_TAG_TABLE))) PopTo(Last(GUMBO_TAG_TABLE) + 1);
      break;
    case GUMBO_TAG_OPTION:
      if (TopIs(GUMBO_TAG_OPTION)) PopTo(static_cast<int>(stack_.size()) - 1);
      break;
    case GUMBO_TAG_OPTGROUP:
      if (TopIs(GUMBO_TAG_OPTION)) PopTo(static_cast<int>(stack_.size()) - 1);
      if (TopIs(GUMBO_TAG_OPTGROUP))
        PopTo(static_cast<int>(stack_.size()) - 1);
      break;
    default:
      break;
  }
  EmitStartTag(t);
  if (extra == 2) Push(GUMBO_TAG_TBODY, kHtmlNs, false);
  if (extra >= 1) {
    Push(id == GUMBO_TAG_TR ? GUMBO_TAG_TBODY : GUMBO_TAG_TR, kHtmlNs, false);
  }
  Push(id, kHtmlNs, false);
  // Inside a template the form pointer is left alone.
  if (id == GUMBO_TAG_FORM && Last(GUMBO_TAG_TEMPLATE) < 0)
    form_pointer_ = true;
}

void Guard::EndTag(const Tag& t) {
  const int id = t.id;
  if (dropped_[id] > 0) {
    --dropped_[id];
    ++rep_->end_tags_dropped;
    EmitNeutral();
    return;
  }
  // End tags keep no attributes: Gumbo would only check them for
  // duplicates, quadratically, and drop them.
  if (t.attrs > 0 || t.self_closing) {
    out_->append(in_.data() + t.begin, t.name_end - t.begin);
    out_->push_back('>');
  } else {
    out_->append(in_.data() + t.begin, t.end - t.begin);
  }
  if (!stack_.empty() && stack_.back().ns != kHtmlNs) {
    const int j = Last(id);
    if (j >= 0 && stack_[j].ns != kHtmlNs && j > last_html_) {
      PopTo(j);
      return;
    }
  }
  const uint32_t f = tags_(id);
  const int select = Last(GUMBO_TAG_SELECT);
  if (id != GUMBO_TAG_OPTION && id != GUMBO_TAG_OPTGROUP &&
      id != GUMBO_TAG_SELECT && id != GUMBO_TAG_TEMPLATE &&
      InSelectScope(select)) {
    // "In select" ignores other end tags, but for table parts ("in select
    // in table"), which close the select first.
    if (!(f & kTablePart) || Last(GUMBO_TAG_TABLE) < 0 ||
        Last(GUMBO_TAG_TABLE) > select || !InTableScope(Last(id)))
      return;
    PopTo(select);
  }
  if (f & kFormatting) {
    if (!Adopt(id)) {
      const int j = Last(id);
      if (j >= 0 && j >= last_special_) PopTo(j);
    }
    return;
  }
  if (f & kHeading) {
    int j = -1;
    for (int h = GUMBO_TAG_H1; h <= GUMBO_TAG_H6; ++h) j = Max(j, Last(h));
    if (InScope(j)) PopTo(j);
    return;
  }
  if (f & kTablePart) {
    if (InTableScope(Last(id))) PopTo(Last(id));
    return;
  }
  if (f & kScopeEnd) {
    if (InScope(Last(id))) PopTo(Last(id));
    return;
  }
  switch (id) {
    case GUMBO_TAG_P:
      ClosePInButtonScope();
      return;
    case GUMBO_TAG_LI:
      if (InListScope(Last(id))) PopTo(Last(id));
      return;
    case GUMBO_TAG_SELECT:
      if (InSelectScope(Last(id))) PopTo(Last(id));
      return;
    case GUMBO_TAG_TEMPLATE:
      PopTo(Last(id));
      return;
    case GUMBO_TAG_OPTION:
      if (TopIs(GUMBO_TAG_OPTION)) PopTo(static_cast<int>(stack_.size()) - 1);
      return;
    case GUMBO_TAG_OPTGROUP:
      if (TopIs(GUMBO_TAG_OPTION) && stack_.size() >= 2 &&
          stack_[stack_.size() - 2].id == GUMBO_TAG_OPTGROUP)
        PopTo(static_cast<int>(stack_.size()) - 1);
      if (TopIs(GUMBO_TAG_OPTGROUP))
        PopTo(static_cast<int>(stack_.size()) - 1);
      return;
    case GUMBO_TAG_FORM: {
      const int j = Last(GUMBO_TAG_FORM);
      if (Last(GUMBO_TAG_TEMPLATE) >= 0) {
        if (InScope(j)) PopTo(j);
        return;
      }
      // Removes the form pointer's element only, not what is above it.
      form_pointer_ = false;
      if (InScope(j)) Kill(j);
      return;
    }
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BR:
      return;
    default: {
      // Any other end tag: closes the innermost element of its name when
      // no special element is above it.
      const int j = Last(id);
      if (j >= 0 && j >= last_special_) PopTo(j);
      return;
    }
  }
}

void Guard::Run() {
  const size_t n = in_.size();
  aside_text_ = aside_ != nullptr && !MayHoldTextMark(in_);
  out_->clear();
  out_->reserve(n + n / 64 + 16);
  size_t text = 0;  // start of the pending text run
  pos_ = 0;
  while (pos_ < n && !stop_) {
    const size_t lt = in_.find('<', pos_);
    if (lt == std::string_view::npos || lt + 1 >= n) break;
    const unsigned char c = static_cast<unsigned char>(in_[lt + 1]);
    size_t next;
    if (c == '!') {
      next = in_.compare(lt, 4, "<!--") == 0 ? SkipComment(lt) : SkipBogus(lt);
    } else if (c == '?') {
      next = SkipBogus(lt);
    } else if (c == '/') {
      if (lt + 2 >= n) break;
      const unsigned char c2 = static_cast<unsigned char>(in_[lt + 2]);
      if (c2 == '>') {
        next = lt + 3;  // "</>" is ignored
      } else if (!IsAlpha(c2)) {
        next = SkipBogus(lt);
      } else {
        Tag t;
        if (!ParseTag(lt, true, &t)) break;  // cut inside: Gumbo drops it
        EmitText(text, lt);
        EndTag(t);
        text = pos_ = t.end;
        continue;
      }
    } else if (IsAlpha(c)) {
      Tag t;
      if (!ParseTag(lt, false, &t)) break;
      EmitText(text, lt);
      pos_ = t.end;
      raw_path_ = false;
      StartTag(t);  // may move pos_ past raw text
      if (!raw_path_ &&
          ((tags_(t.id) & kRawText) || t.id == GUMBO_TAG_PLAINTEXT)) {
        // A raw-text element the model did not read as one (in foreign
        // content, in a select, dropped ...): Gumbo may read as text what
        // follows, which the model reads as markup. Nothing more is set
        // aside, lest a tag in that text lose an attribute or text turn
        // into a placeholder inside it.
        aside_attrs_ = aside_text_ = false;
      }
      text = pos_;
      continue;
    } else {
      pos_ = lt + 1;  // a '<' that is text
      continue;
    }
    // A comment or bogus comment: copied as it is.
    EmitText(text, lt);
    out_->append(in_.data() + lt, next - lt);
    text = pos_ = next;
  }
  if (stop_) return;
  // A tag cut off by the end is dropped by Gumbo: such a rest is copied.
  if (in_.find('<', text) == std::string_view::npos) {
    EmitText(text, n);
  } else {
    CopyText(text, n);
  }
}

}  // namespace

std::string GuardReport::Summary(const Options& options) const {
  std::string s;
  auto add = [&](std::string part) {
    if (!s.empty()) s += "; ";
    s += part;
  };
  if (start_tags_dropped) {
    add(std::to_string(start_tags_dropped) +
        " start tags nested deeper than --max-depth (" +
        std::to_string(options.max_depth) + ") dropped");
  }
  if (formatting_dropped) {
    add(std::to_string(formatting_dropped) +
        " formatting tags over the open-formatting cap dropped");
  }
  if (attributes_dropped) {
    add(std::to_string(attributes_dropped) +
        " attributes over --max-attributes (" +
        std::to_string(options.max_attributes) + ") dropped");
  }
  if (references_replaced) {
    add(std::to_string(references_replaced) +
        " out-of-range character references replaced");
  }
  return s;
}

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

void GuardHtml(std::string_view html, const Options& options, std::string* out,
               GuardReport* report, SetAsideValues* aside) {
  *report = GuardReport();
  if (aside != nullptr) aside->Clear();
  Guard guard(html, options, out, report, aside);
  guard.Run();
}

}  // namespace winnow
