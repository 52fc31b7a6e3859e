// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/prestrip.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "util/ascii.h"

namespace winnow {
namespace {

constexpr size_t kNpos = std::string_view::npos;

// What the pass needs to know about a tag name. Names are compared lower-
// cased, as the tokenizer lower-cases them.
enum TagBits : uint16_t {
  // Raw text: the contents are text up to the matching end tag.
  kRawText = 1 << 0,
  // RCDATA (title, textarea): the same for finding the end.
  kRcdata = 1 << 1,
  // Elements the "in head" rules take, so they do not begin the body.
  kHeadElement = 1 << 2,
  // A start tag that pops HTML out of SVG (the foreign content breakout
  // list; <font> counts whatever its attributes).
  kBreakout = 1 << 3,
  // Stays inside a <noscript> in <head> (the "in head noscript" mode takes
  // them without closing the noscript).
  kNoscriptSafeInHead = 1 << 4,
  // Stays inside a <noscript> in <body> and cannot close, reopen or move
  // the elements around it.
  kNoscriptSafeInBody = 1 << 5,
  // An SVG HTML integration point: start tags inside follow HTML rules.
  kIntegration = 1 << 6,
  // A formatting element other than <a>: the parser compares these by
  // their attribute values (the "Noah's Ark" clause), so values stay.
  kFormatting = 1 << 7,
  // Whitespace inside is text as written (pre, listing).
  kPreformatted = 1 << 8,
  // A void element: it has no end tag and holds nothing.
  kVoid = 1 << 9,
};

enum class TagId : uint8_t {
  kOther,
  kScript,
  kStyle,
  kSvg,
  kTemplate,
  kNoscript,
  kPlaintext,
  kBody,
};

struct TagInfo {
  const char* name;
  TagId id;
  uint16_t bits;
};

constexpr uint16_t kSafe = kNoscriptSafeInHead | kNoscriptSafeInBody;

constexpr TagInfo kTags[] = {
    {"script", TagId::kScript, kHeadElement | kNoscriptSafeInBody},
    {"style", TagId::kStyle, kRawText | kHeadElement | kSafe},
    {"svg", TagId::kSvg, 0},
    {"template", TagId::kTemplate, kHeadElement},
    {"noscript", TagId::kNoscript, kHeadElement},
    {"plaintext", TagId::kPlaintext, 0},
    {"body", TagId::kBody, kBreakout},
    {"xmp", TagId::kOther, kRawText},
    {"iframe", TagId::kOther, kRawText | kNoscriptSafeInBody},
    {"noembed", TagId::kOther, kRawText},
    {"noframes", TagId::kOther, kRawText | kHeadElement},
    {"title", TagId::kOther, kRcdata | kHeadElement | kIntegration},
    {"textarea", TagId::kOther, kRcdata},
    {"html", TagId::kOther, kHeadElement},
    {"head", TagId::kOther, kHeadElement | kBreakout},
    {"base", TagId::kOther, kVoid | kHeadElement},
    {"basefont", TagId::kOther, kVoid | kHeadElement | kSafe},
    {"bgsound", TagId::kOther, kVoid | kHeadElement | kSafe},
    {"link", TagId::kOther, kVoid | kHeadElement | kSafe},
    {"meta", TagId::kOther, kVoid | kHeadElement | kBreakout | kSafe},
    {"img", TagId::kOther, kVoid | kBreakout | kNoscriptSafeInBody},
    {"picture", TagId::kOther, kNoscriptSafeInBody},
    {"source", TagId::kOther, kVoid | kNoscriptSafeInBody},
    {"span", TagId::kOther, kBreakout | kNoscriptSafeInBody},
    {"br", TagId::kOther, kVoid | kBreakout | kNoscriptSafeInBody},
    {"desc", TagId::kOther, kIntegration},
    {"foreignobject", TagId::kOther, kIntegration},
    {"b", TagId::kOther, kBreakout | kFormatting},
    {"big", TagId::kOther, kBreakout | kFormatting},
    {"blockquote", TagId::kOther, kBreakout},
    {"center", TagId::kOther, kBreakout},
    {"code", TagId::kOther, kBreakout | kFormatting},
    {"dd", TagId::kOther, kBreakout},
    {"div", TagId::kOther, kBreakout},
    {"dl", TagId::kOther, kBreakout},
    {"dt", TagId::kOther, kBreakout},
    {"em", TagId::kOther, kBreakout | kFormatting},
    {"embed", TagId::kOther, kVoid | kBreakout},
    {"h1", TagId::kOther, kBreakout},
    {"h2", TagId::kOther, kBreakout},
    {"h3", TagId::kOther, kBreakout},
    {"h4", TagId::kOther, kBreakout},
    {"h5", TagId::kOther, kBreakout},
    {"h6", TagId::kOther, kBreakout},
    {"hr", TagId::kOther, kVoid | kBreakout},
    {"i", TagId::kOther, kBreakout | kFormatting},
    {"li", TagId::kOther, kBreakout},
    {"listing", TagId::kOther, kBreakout | kPreformatted},
    {"menu", TagId::kOther, kBreakout},
    {"nobr", TagId::kOther, kBreakout | kFormatting},
    {"ol", TagId::kOther, kBreakout},
    {"p", TagId::kOther, kBreakout},
    {"pre", TagId::kOther, kBreakout | kPreformatted},
    {"ruby", TagId::kOther, kBreakout},
    {"s", TagId::kOther, kBreakout | kFormatting},
    {"small", TagId::kOther, kBreakout | kFormatting},
    {"strong", TagId::kOther, kBreakout | kFormatting},
    {"strike", TagId::kOther, kBreakout | kFormatting},
    {"sub", TagId::kOther, kBreakout},
    {"sup", TagId::kOther, kBreakout},
    {"table", TagId::kOther, kBreakout},
    {"tt", TagId::kOther, kBreakout | kFormatting},
    {"u", TagId::kOther, kBreakout | kFormatting},
    {"ul", TagId::kOther, kBreakout},
    {"var", TagId::kOther, kBreakout},
    {"font", TagId::kOther, kBreakout | kFormatting},
    {"area", TagId::kOther, kVoid},
    {"col", TagId::kOther, kVoid},
    {"input", TagId::kOther, kVoid},
    {"keygen", TagId::kOther, kVoid},
    {"param", TagId::kOther, kVoid},
    {"track", TagId::kOther, kVoid},
    {"wbr", TagId::kOther, kVoid},
};

constexpr TagInfo kOtherTag = {"", TagId::kOther, 0};

bool IsSpace(char c) {
  // CR counts: the input stream turns it into LF before tokenizing.
  return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
}

bool IsAlpha(char c) {
  const char l = static_cast<char>(c | 0x20);
  return l >= 'a' && l <= 'z';
}

// Ends a tag name: where the tokenizer leaves the tag name state.
bool EndsName(char c) { return IsSpace(c) || c == '/' || c == '>'; }

// A small open-addressing table from lower-case name to TagInfo, built once.
// Tags are the commonest token, so the lookup must cost a few nanoseconds.
class TagTable {
 public:
  static const TagTable& Get() {
    static const TagTable table;
    return table;
  }

  // `lower` is the lower-cased name.
  const TagInfo& Find(std::string_view lower) const {
    if (lower.empty() || lower.size() > kMaxName) return kOtherTag;
    for (uint32_t h = Hash(lower);; h = (h + 1) & (kSlots - 1)) {
      const TagInfo* t = slots_[h];
      if (t == nullptr) return kOtherTag;
      if (lower == t->name) return *t;
    }
  }

  static constexpr size_t kMaxName = 15;

 private:
  static constexpr uint32_t kSlots = 256;

  static uint32_t Hash(std::string_view s) {
    uint32_t h = static_cast<uint32_t>(s.size()) * 0x9E3779B1u;
    h ^= static_cast<unsigned char>(s[0]) * 0x85EBCA6Bu;
    h ^= static_cast<unsigned char>(s[s.size() - 1]) * 0xC2B2AE35u;
    if (s.size() > 2) h ^= static_cast<unsigned char>(s[1]) * 0x27D4EB2Fu;
    return (h ^ (h >> 15)) & (kSlots - 1);
  }

  TagTable() {
    for (const TagInfo& t : kTags) {
      uint32_t h = Hash(t.name);
      while (slots_[h] != nullptr) h = (h + 1) & (kSlots - 1);
      slots_[h] = &t;
    }
  }

  const TagInfo* slots_[kSlots] = {};
};

// Looks up a tag name as written (any case).
const TagInfo& Identify(std::string_view raw) {
  char buf[TagTable::kMaxName];
  if (raw.size() > sizeof(buf)) return kOtherTag;
  for (size_t k = 0; k < raw.size(); ++k) buf[k] = AsciiLower(raw[k]);
  return TagTable::Get().Find(std::string_view(buf, raw.size()));
}

bool EqualsNoCase(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t k = 0; k < s.size(); ++k) {
    if (AsciiLower(s[k]) != lower[k]) return false;
  }
  return true;
}

bool SameNameNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k) {
    if (AsciiLower(a[k]) != AsciiLower(b[k])) return false;
  }
  return true;
}

// True when s[i..] starts with `lower`, ignoring ASCII case.
bool StartsWithNoCase(std::string_view s, size_t i, std::string_view lower) {
  return i <= s.size() && s.size() - i >= lower.size() &&
         EqualsNoCase(s.substr(i, lower.size()), lower);
}

size_t Find(std::string_view s, size_t from, char c) {
  if (from >= s.size()) return kNpos;
  const void* p = std::memchr(s.data() + from, c, s.size() - from);
  return p ? static_cast<size_t>(static_cast<const char*>(p) - s.data())
           : kNpos;
}

size_t Find(std::string_view s, size_t from, std::string_view needle) {
  if (from >= s.size()) return kNpos;
  const void* p =
      memmem(s.data() + from, s.size() - from, needle.data(), needle.size());
  return p ? static_cast<size_t>(static_cast<const char*>(p) - s.data())
           : kNpos;
}

// True when the '<' at s[i] begins "</name" followed by the end of a tag
// name: how raw text, RCDATA and script data recognise their end tag. A
// name cut off by the end of input is text.
bool IsEndTagAt(std::string_view s, size_t i, std::string_view name) {
  const size_t after = i + 2 + name.size();
  return after < s.size() && s[i + 1] == '/' &&
         StartsWithNoCase(s, i + 2, name) && EndsName(s[after]);
}

// The same for "<name": the script data double-escape start.
bool IsStartTagAt(std::string_view s, size_t i, std::string_view name) {
  const size_t after = i + 1 + name.size();
  return after < s.size() && StartsWithNoCase(s, i + 1, name) &&
         EndsName(s[after]);
}

// The '<' of the end tag that closes raw text or RCDATA content starting at
// `from`, or kNpos when the content runs to the end of input.
size_t FindEndTag(std::string_view s, size_t from, std::string_view name) {
  for (size_t i = from;; ++i) {
    i = Find(s, i, '<');
    if (i == kNpos || IsEndTagAt(s, i, name)) return i;
  }
}

// The '<' of the </script> that ends script data starting at `from`, or
// kNpos. Follows the escaped and double-escaped states: after "<!--", a
// "<script" makes the next "</script>" part of the text, which is how
// document.write('<script>...</script>') inside an old-style comment-
// wrapped script parses.
size_t FindScriptEnd(std::string_view s, size_t from) {
  enum class State { kData, kEscaped, kDoubleEscaped };
  State state = State::kData;
  size_t i = from;
  size_t arrow = 0;  // next "-->" at or after i; valid when >= i
  bool arrow_valid = false;
  for (;;) {
    const size_t lt = Find(s, i, '<');
    if (state == State::kData) {
      if (lt == kNpos || IsEndTagAt(s, lt, "script")) return lt;
      if (s.compare(lt, 4, "<!--") == 0) {
        state = State::kEscaped;
        i = lt + 2;  // the dashes of "<!--" count towards "-->"
      } else {
        i = lt + 1;
      }
      continue;
    }
    if (!arrow_valid || arrow < i) {
      arrow = Find(s, i, "-->");
      arrow_valid = true;
    }
    if (arrow != kNpos && (lt == kNpos || arrow < lt)) {
      state = State::kData;
      i = arrow + 3;
      continue;
    }
    if (lt == kNpos) return kNpos;
    if (state == State::kEscaped) {
      if (IsEndTagAt(s, lt, "script")) return lt;
      if (IsStartTagAt(s, lt, "script")) {
        state = State::kDoubleEscaped;
        i = lt + 7;
        continue;
      }
    } else if (IsEndTagAt(s, lt, "script")) {
      state = State::kEscaped;
      i = lt + 8;
      continue;
    }
    i = lt + 1;
  }
}

// Where the comment whose "<!--" is at `lt` ends: sets *body_end to the
// start of its "-->" or "--!>" (kNpos at end of input) and returns the
// index after the terminator. "<!-->" and "<!--->" are whole comments.
size_t FindCommentEnd(std::string_view s, size_t lt, size_t* body_end) {
  for (size_t k = lt + 2;; ++k) {
    k = Find(s, k, "--");
    if (k == kNpos || k + 2 >= s.size()) break;
    if (s[k + 2] == '>') {
      *body_end = k;
      return k + 3;
    }
    if (s[k + 2] == '!' && k + 3 < s.size() && s[k + 3] == '>') {
      *body_end = k;
      return k + 4;
    }
  }
  *body_end = kNpos;
  return s.size();
}

// The attributes whose values a later stage or the parser itself reads.
// Any other attribute goes, name and value (href="..." becomes href="", as
// links are told by it): unread values, URLs and srcsets above all, were a
// third of what Gumbo got after the element contents were gone, and it
// copies them character by character; the names of the unread ones cost
// another 9% of its instructions. A stage that starts reading another
// attribute must add it here.
bool KeepsValue(std::string_view name) {
  switch (name.size()) {
    case 2:
      return EqualsNoCase(name, "id");
    case 3:
      return EqualsNoCase(name, "rel");  // canonical, author
    case 4:
      return EqualsNoCase(name, "role") || EqualsNoCase(name, "lang") ||
             EqualsNoCase(name, "type") || EqualsNoCase(name, "name");
    case 5:
      return EqualsNoCase(name, "class") || EqualsNoCase(name, "style");
    case 6:
      // <isindex prompt action> turn into text and a form in Gumbo.
      return EqualsNoCase(name, "hidden") || EqualsNoCase(name, "prompt") ||
             EqualsNoCase(name, "action");
    case 7:
      return EqualsNoCase(name, "content") || EqualsNoCase(name, "charset") ||
             EqualsNoCase(name, "pubdate");
    case 8:
      // <annotation-xml encoding> decides whether MathML holds HTML.
      return EqualsNoCase(name, "itemprop") || EqualsNoCase(name, "property") ||
             EqualsNoCase(name, "encoding") || EqualsNoCase(name, "datetime");
    case 10:
      return EqualsNoCase(name, "aria-label") ||
             EqualsNoCase(name, "http-equiv");
    default:
      return false;
  }
}

// One start or end tag, as the tokenizer reads it.
struct Tag {
  std::string_view name;  // as written
  size_t end = 0;         // index after the closing '>'
  bool self_closing = false;
  std::string_view type;  // the first type="..." value, when asked for
  bool has_type = false;
};

// Reads the tag whose name starts at `i` (after "<" or "</"), attributes
// and all, as the tokenizer's tag states do: quoted values may hold '>',
// and an '=' or a quote in a name is part of the name. Returns false when
// the input ends inside the tag, which the tokenizer then drops. With
// `cuts`, appends the attributes that nothing reads (see KeepsValue), name,
// value and all, where whitespace precedes them; an href keeps its name, and
// an attribute after a '/' only loses a quoted value (so that no "/>" can
// form).
bool ReadTag(std::string_view s, size_t i, bool want_type, Tag* tag,
             std::vector<std::pair<size_t, size_t>>* cuts = nullptr) {
  const size_t n = s.size();
  const size_t name_start = i;
  while (i < n && !EndsName(s[i])) ++i;
  tag->name = s.substr(name_start, i - name_start);
  tag->has_type = false;
  bool slash = false;
  for (;;) {
    // Before attribute name ('/' is the self-closing state, which goes
    // back here unless a '>' follows).
    while (i < n && (IsSpace(s[i]) || s[i] == '/')) {
      slash = s[i] == '/';
      ++i;
    }
    if (i >= n) return false;
    if (s[i] == '>') break;
    slash = false;
    const size_t attr_start = i++;  // the first character, even '='
    while (i < n && !EndsName(s[i]) && s[i] != '=') ++i;
    const std::string_view attr = s.substr(attr_start, i - attr_start);
    // The href of a <link> is read (rel=canonical: meta/meta.h).
    const bool unread = cuts != nullptr && !KeepsValue(attr) &&
                        !(EqualsNoCase(attr, "href") &&
                          EqualsNoCase(tag->name, "link"));
    const bool drop =
        unread && IsSpace(s[attr_start - 1]) && !EqualsNoCase(attr, "href");
    const size_t name_end = i;
    // After attribute name.
    while (i < n && IsSpace(s[i])) ++i;
    if (i >= n) return false;
    if (s[i] != '=') {
      if (drop) cuts->emplace_back(attr_start, name_end);
      continue;
    }
    ++i;
    while (i < n && IsSpace(s[i])) ++i;
    if (i >= n) return false;
    if (s[i] == '>') {  // a missing value
      if (drop) cuts->emplace_back(attr_start, i);
      break;
    }
    size_t value_start, value_end;
    if (s[i] == '"' || s[i] == '\'') {
      value_start = i + 1;
      value_end = Find(s, value_start, s[i]);
      if (value_end == kNpos) return false;
      i = value_end + 1;
      if (drop) {
        cuts->emplace_back(attr_start, i);
      } else if (unread && value_end > value_start) {
        cuts->emplace_back(value_start, value_end);
      }
    } else {
      value_start = i;
      while (i < n && !IsSpace(s[i]) && s[i] != '>') ++i;
      value_end = i;
      if (drop) cuts->emplace_back(attr_start, value_end);
    }
    if (want_type && !tag->has_type && EqualsNoCase(attr, "type")) {
      tag->type = s.substr(value_start, value_end - value_start);
      tag->has_type = true;
    }
  }
  tag->self_closing = slash;
  tag->end = i + 1;
  return true;
}

// Metadata that the segment stage reads from script contents.
bool KeepScript(const Tag& tag) {
  if (!tag.has_type) return false;
  // A character reference could spell anything: keep what we cannot read.
  if (tag.type.find('&') != std::string_view::npos) return true;
  return EqualsNoCase(tag.type, "application/ld+json");
}

bool AllSpace(std::string_view s) {
  for (char c : s) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

class Stripper {
 public:
  explicit Stripper(std::string_view s) : s_(s) {}

  // Fills cuts_ with the byte ranges to remove, in order and disjoint.
  void Run();

  const std::vector<std::pair<size_t, size_t>>& cuts() const { return cuts_; }
  // End tags to insert, each before the byte at its index, in order.
  const std::vector<std::pair<size_t, std::string>>& inserts() const {
    return inserts_;
  }
  const UnclosedRawText& unclosed() const { return unclosed_; }

 private:
  enum class Region { kNone, kTemplate, kNoscript };

  void Cut(size_t from, size_t to) {
    if (to > from) cuts_.emplace_back(from, to);
  }
  // Cuts every run of whitespace in the text s_[from, to) to its first
  // character. Outside <pre>, the segment stage folds such a run into one
  // space, and the parser only asks whether text is whitespace; but Gumbo
  // makes a token of every character, and indentation is a seventh of a
  // page once scripts and unread attribute values are gone.
  void CollapseSpace(size_t from, size_t to);
  void StartRegion(Region region, size_t content_start);
  void EndRegion(size_t content_end);
  // Handles a start tag; returns where scanning resumes.
  size_t StartTag(const Tag& tag, const TagInfo& info);
  // Handles an end tag whose '<' is at `lt`.
  void EndTag(const Tag& tag, const TagInfo& info, size_t lt);
  // Scans SVG content from `from`: true with *end at the '<' of the
  // matching </svg> (kNpos: end of input), or false with *end at the tag
  // where HTML breaks out of the SVG.
  bool ScanSvg(size_t from, size_t* end) const;

  std::string_view s_;
  std::vector<std::pair<size_t, size_t>> cuts_;
  // Runs of whitespace in text shrink to their first character (below).
  bool collapse_space_ = true;
  bool body_started_ = false;
  Region region_ = Region::kNone;
  int region_depth_ = 0;
  size_t region_start_ = 0;      // first byte of the region's contents
  size_t region_cuts_ = 0;       // cuts_.size() when the region began
  bool region_safe_ = true;      // the region's contents may go
  size_t svg_unsafe_until_ = 0;  // SVG that HTML broke out of, up to here
  UnclosedRawText unclosed_;
  // The elements opened and not yet closed inside a <noscript> in the
  // body, names as written; and the end tags that close them.
  std::vector<std::string_view> noscript_open_;
  std::vector<std::pair<size_t, std::string>> inserts_;
};

void Stripper::CollapseSpace(size_t from, size_t to) {
  const char* p = s_.data();
  for (size_t i = from; i + 1 < to; ++i) {
    if (!IsSpace(p[i]) || !IsSpace(p[i + 1])) continue;
    size_t end = i + 2;
    while (end < to && IsSpace(p[end])) ++end;
    Cut(i + 1, end);
    i = end;
  }
}

void Stripper::StartRegion(Region region, size_t content_start) {
  region_ = region;
  region_depth_ = 1;
  region_start_ = content_start;
  region_cuts_ = cuts_.size();
  region_safe_ = true;
}

void Stripper::EndRegion(size_t content_end) {
  // An element left open inside a body <noscript> keeps it open: the
  // parser ignores a </noscript> while a <div> or <p> inside is open, and
  // the rest of the page becomes the noscript's (which the segment stage
  // skips). Their end tags go before the </noscript>, unless the contents
  // go anyway; not at the end of input, where nothing follows.
  if (!region_safe_ && content_end < s_.size()) {
    for (size_t k = noscript_open_.size(); k > 0; --k) {
      inserts_.emplace_back(content_end,
                            "</" + std::string(noscript_open_[k - 1]) + ">");
    }
  }
  noscript_open_.clear();
  if (region_safe_ && content_end > region_start_) {
    // The region's cut covers the ones inside it.
    cuts_.resize(region_cuts_);
    Cut(region_start_, content_end);
  }
  region_ = Region::kNone;
}

size_t Stripper::StartTag(const Tag& tag, const TagInfo& info) {
  // Knowing where a <pre> ends would take the parser's scope rules, so
  // whitespace stays as it is from the first one on.
  if (info.bits & kPreformatted) collapse_space_ = false;
  if (region_ == Region::kNone && !body_started_ &&
      (info.id == TagId::kBody || !(info.bits & kHeadElement))) {
    body_started_ = true;
  }
  if (region_ == Region::kNoscript) {
    const uint16_t safe =
        body_started_ ? kNoscriptSafeInBody : kNoscriptSafeInHead;
    if (info.id == TagId::kNoscript) {
      ++region_depth_;
      if (!body_started_) region_safe_ = false;  // ignored in head: be sure
    } else if (!(info.bits & safe)) {
      region_safe_ = false;
    }
    if (body_started_ && info.id != TagId::kNoscript && !tag.self_closing &&
        !(info.bits & kVoid)) {
      noscript_open_.push_back(tag.name);
    }
  } else if (region_ == Region::kTemplate && info.id == TagId::kTemplate) {
    ++region_depth_;
  }

  switch (info.id) {
    case TagId::kScript: {
      const size_t end = FindScriptEnd(s_, tag.end);
      if (end == kNpos) unclosed_ = {"script", tag.end};
      if (!KeepScript(tag)) Cut(tag.end, end == kNpos ? s_.size() : end);
      return end == kNpos ? s_.size() : end;
    }
    case TagId::kStyle: {
      const size_t end = FindEndTag(s_, tag.end, "style");
      if (end == kNpos) unclosed_ = {"style", tag.end};
      Cut(tag.end, end == kNpos ? s_.size() : end);
      return end == kNpos ? s_.size() : end;
    }
    case TagId::kPlaintext:
      unclosed_ = {"plaintext", tag.end};
      return s_.size();  // the rest is text
    case TagId::kSvg: {
      if (region_ != Region::kNone || tag.self_closing ||
          tag.end <= svg_unsafe_until_) {
        break;
      }
      size_t end;
      if (ScanSvg(tag.end, &end)) {
        Cut(tag.end, end == kNpos ? s_.size() : end);
        return end == kNpos ? s_.size() : end;
      }
      // Scan what follows as HTML, which is what it partly is.
      svg_unsafe_until_ = end;
      break;
    }
    case TagId::kTemplate:
      if (region_ == Region::kNone) StartRegion(Region::kTemplate, tag.end);
      break;
    case TagId::kNoscript:
      if (region_ == Region::kNone) StartRegion(Region::kNoscript, tag.end);
      break;
    default:
      if (info.bits & (kRawText | kRcdata)) {
        // Copied as is; only the end has to be found.
        const size_t end = FindEndTag(s_, tag.end, info.name);
        if (end == kNpos) unclosed_ = {info.name, tag.end};
        return end == kNpos ? s_.size() : end;
      }
      break;
  }
  return tag.end;
}

void Stripper::EndTag(const Tag& tag, const TagInfo& info, size_t lt) {
  if (region_ == Region::kNoscript) {
    if (info.id == TagId::kNoscript) {
      if (--region_depth_ == 0) EndRegion(lt);
      return;
    }
    // An end tag closes the nearest open element of its name.
    for (size_t k = noscript_open_.size(); k > 0; --k) {
      if (SameNameNoCase(tag.name, noscript_open_[k - 1])) {
        noscript_open_.resize(k - 1);
        break;
      }
    }
    if (!(info.bits &
                 (body_started_ ? kNoscriptSafeInBody : kNoscriptSafeInHead))) {
      region_safe_ = false;
    }
  } else if (region_ == Region::kTemplate && info.id == TagId::kTemplate) {
    if (--region_depth_ == 0) EndRegion(lt);
  }
}

bool Stripper::ScanSvg(size_t from, size_t* end) const {
  const std::string_view s = s_;
  // The names of the open foreign elements, the <svg> first: an end tag
  // closes the nearest of its name, and one that names none of them is
  // handed to the HTML rules (which may close elements outside the SVG).
  std::vector<std::string_view> open{"svg"};
  Tag tag;
  for (size_t i = from;;) {
    const size_t lt = Find(s, i, '<');
    if (lt == kNpos || lt + 1 >= s.size()) break;
    const char c1 = s[lt + 1];
    if (c1 == '!') {
      if (s.compare(lt, 4, "<!--") == 0) {
        size_t body_end;
        i = FindCommentEnd(s, lt, &body_end);
      } else if (s.compare(lt, 9, "<![CDATA[") == 0) {
        const size_t close = Find(s, lt + 9, "]]>");
        if (close == kNpos) break;
        i = close + 3;
      } else {
        const size_t gt = Find(s, lt + 2, '>');
        if (gt == kNpos) break;
        i = gt + 1;
      }
      continue;
    }
    if (c1 == '/' && lt + 2 < s.size() && IsAlpha(s[lt + 2])) {
      if (!ReadTag(s, lt + 2, false, &tag)) break;
      size_t k = open.size();
      while (k > 0 && !EqualsNoCase(tag.name, open[k - 1])) --k;
      if (k == 0) {
        *end = lt;
        return false;
      }
      if (k == 1) {
        *end = lt;
        return true;
      }
      open.resize(k - 1);
      i = tag.end;
      continue;
    }
    if (IsAlpha(c1)) {
      if (!ReadTag(s, lt + 1, false, &tag)) break;
      const TagInfo& info = Identify(tag.name);
      // Under an integration point (<title>, <desc>, <foreignObject>) a
      // start tag is HTML; a breakout tag ends the SVG. Either way the
      // SVG holds more than SVG.
      if ((info.bits & kBreakout) ||
          (Identify(open.back()).bits & kIntegration)) {
        *end = lt;
        return false;
      }
      if (!tag.self_closing) open.push_back(tag.name);
      i = tag.end;
      continue;
    }
    if (c1 == '?' || c1 == '/') {
      if (lt + 2 >= s.size()) break;
      if (c1 == '/' && s[lt + 2] == '>') {
        i = lt + 3;
        continue;
      }
      const size_t gt = Find(s, lt + 2, '>');
      if (gt == kNpos) break;
      i = gt + 1;
      continue;
    }
    i = lt + 1;
  }
  *end = kNpos;  // the SVG runs to the end of input
  return true;
}

void Stripper::Run() {
  const std::string_view s = s_;
  const size_t n = s.size();
  Tag tag;
  size_t i = 0;
  while (i < n) {
    const size_t lt = Find(s, i, '<');
    if (region_ == Region::kNoscript &&
        !AllSpace(s.substr(i, (lt == kNpos ? n : lt) - i))) {
      // Text in a head <noscript> starts the body; in the body, it may be
      // the page's only text (segment/segment.h reads it then).
      region_safe_ = false;
    }
    if (collapse_space_) CollapseSpace(i, lt == kNpos ? n : lt);
    if (lt == kNpos || lt + 1 >= n) break;
    const char c1 = s[lt + 1];
    if (c1 == '!') {
      if (s.compare(lt, 4, "<!--") == 0) {
        size_t body_end;
        i = FindCommentEnd(s, lt, &body_end);
        Cut(lt + 4, body_end == kNpos ? n : body_end);
      } else {
        // DOCTYPE or a bogus comment: both end at the first '>'.
        const size_t gt = Find(s, lt + 2, '>');
        i = gt == kNpos ? n : gt + 1;
      }
      continue;
    }
    if (c1 == '?') {
      const size_t gt = Find(s, lt + 2, '>');
      i = gt == kNpos ? n : gt + 1;
      continue;
    }
    if (c1 == '/') {
      if (lt + 2 >= n) break;
      if (IsAlpha(s[lt + 2])) {
        if (!ReadTag(s, lt + 2, false, &tag)) break;
        if (region_ != Region::kNone) EndTag(tag, Identify(tag.name), lt);
        i = tag.end;
      } else if (s[lt + 2] == '>') {
        i = lt + 3;
      } else {
        const size_t gt = Find(s, lt + 2, '>');
        i = gt == kNpos ? n : gt + 1;
      }
      continue;
    }
    if (IsAlpha(c1)) {
      const size_t name_end = [&] {
        size_t k = lt + 1;
        while (k < n && !EndsName(s[k])) ++k;
        return k;
      }();
      const TagInfo& info = Identify(s.substr(lt + 1, name_end - lt - 1));
      const size_t cuts_before = cuts_.size();
      if (!ReadTag(s, lt + 1, info.id == TagId::kScript, &tag,
                   (info.bits & kFormatting) ? nullptr : &cuts_)) {
        cuts_.resize(cuts_before);  // the tokenizer drops the whole tag
        break;
      }
      i = StartTag(tag, info);
      continue;
    }
    i = lt + 1;  // a '<' that starts no tag is text
  }
  // An element open at the end of input holds everything up to it.
  if (region_ != Region::kNone) EndRegion(n);
}

}  // namespace

size_t PrestripHtml(std::string_view html, std::string* out) {
  return PrestripHtml(html, out, nullptr);
}

size_t PrestripHtml(std::string_view html, std::string* out,
                    UnclosedRawText* unclosed) {
  Stripper stripper(html);
  stripper.Run();
  if (unclosed != nullptr) *unclosed = stripper.unclosed();
  size_t removed = 0, added = 0;
  for (const auto& cut : stripper.cuts()) removed += cut.second - cut.first;
  for (const auto& insert : stripper.inserts()) added += insert.second.size();
  out->clear();
  out->reserve(html.size() - removed + added + 1);
  // Cuts and inserts, both in order; an insert goes where no cut is (its
  // index is a '<' that stays).
  const auto& inserts = stripper.inserts();
  size_t pos = 0, next = 0;
  auto copy_to = [&](size_t end) {
    for (; next < inserts.size() && inserts[next].first <= end; ++next) {
      const size_t at = std::max(inserts[next].first, pos);
      out->append(html.data() + pos, at - pos);
      out->append(inserts[next].second);
      pos = at;
    }
    out->append(html.data() + pos, end - pos);
  };
  for (const auto& cut : stripper.cuts()) {
    copy_to(cut.first);
    pos = cut.second;
  }
  copy_to(html.size());
  return removed;
}

}  // namespace winnow
