// Copyright winnow authors. Licensed under the MIT licence.
//
// The HTML tokenizer's rules that both passes in front of Gumbo follow
// (parse/prestrip.h, then parse/guard.h): where markup begins, how a tag
// and its attributes end, where a comment, a bogus comment, raw text,
// RCDATA, script data (with its escaped states) and a CDATA section end.
// One copy of these rules, so that the two passes can never disagree on
// what is a tag. Neither allocates; all are linear in what they scan.
//
// Positions are byte indexes into the page; kNpos means "not before the
// end of the input".

#ifndef WINNOW_PARSE_SCANNER_H_
#define WINNOW_PARSE_SCANNER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "util/ascii.h"

namespace winnow {
namespace scan {

inline constexpr size_t kNpos = std::string_view::npos;

// Sets of bytes below 64 as bit masks, for the tests in the loops over
// names and whitespace (at every tag and attribute): one compare and one
// bit test, and the letters of a name fail at the compare. Bits() is for
// constants only (a byte of 64 or more does not compile there).
inline constexpr uint64_t Bits(std::string_view bytes) {
  uint64_t bits = 0;
  for (char c : bytes) bits |= uint64_t{1} << c;
  return bits;
}
inline constexpr bool InSet(char c, uint64_t bits) {
  const unsigned u = static_cast<unsigned char>(c);
  return u < 64 && ((bits >> u) & 1) != 0;
}
// HTML whitespace. CR counts: the input stream turns it into LF before
// tokenizing.
inline constexpr uint64_t kSpaces = Bits(" \n\t\f\r");
inline bool IsSpace(char c) { return InSet(c, kSpaces); }
inline bool IsAlpha(char c) {
  const char l = static_cast<char>(c | 0x20);
  return l >= 'a' && l <= 'z';
}
// Ends a tag or attribute name: where the tokenizer leaves the name state.
inline constexpr uint64_t kNameEnds = kSpaces | Bits("/>");
inline bool EndsName(char c) { return InSet(c, kNameEnds); }
inline constexpr uint64_t kAttributeNameEnds = kNameEnds | Bits("=");
inline constexpr uint64_t kUnquotedValueEnds = kSpaces | Bits(">");

// `s` equals `lower` (lower case), ignoring ASCII case in `s`.
inline bool EqualsNoCase(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t k = 0; k < s.size(); ++k) {
    if (AsciiLower(s[k]) != lower[k]) return false;
  }
  return true;
}

// The first `c` (or `needle`) in s at or after `from`, or kNpos.
inline size_t Find(std::string_view s, size_t from, char c) {
  if (from >= s.size()) return kNpos;
  const void* p = std::memchr(s.data() + from, c, s.size() - from);
  return p ? static_cast<size_t>(static_cast<const char*>(p) - s.data())
           : kNpos;
}
size_t Find(std::string_view s, size_t from, std::string_view needle);

// What begins at a '<' in text (the tokenizer's tag open state).
enum class Markup {
  kText,      // nothing: the '<' is text
  kComment,   // "<!--"
  kBogus,     // "<!x", "<?x", "</x" (x not a letter), DOCTYPE: to the next '>'
  kEmptyEnd,  // "</>": ignored
  kStartTag,  // '<' and a letter
  kEndTag,    // "</" and a letter
  kCutOff,    // the input ends right after "<" or "</": dropped
};
// Which markup the '<' at s[lt] begins. Inline: it runs at every '<'.
inline Markup MarkupAt(std::string_view s, size_t lt) {
  const size_t n = s.size();
  if (lt + 1 >= n) return Markup::kCutOff;
  const char c1 = s[lt + 1];
  if (c1 == '!') {
    return s.compare(lt, 4, "<!--") == 0 ? Markup::kComment : Markup::kBogus;
  }
  if (c1 == '?') return Markup::kBogus;
  if (c1 == '/') {
    if (lt + 2 >= n) return Markup::kCutOff;
    if (IsAlpha(s[lt + 2])) return Markup::kEndTag;
    return s[lt + 2] == '>' ? Markup::kEmptyEnd : Markup::kBogus;
  }
  return IsAlpha(c1) ? Markup::kStartTag : Markup::kText;
}

// Where the comment whose "<!--" is at `lt` ends, as Gumbo's comment
// states read it ("<!-->", "<!--->", "-->" after any number of dashes,
// "--!>"): returns the index after it (s.size() at end of input) and sets
// *body_end to where its text ends (kNpos when the input ends first).
size_t CommentEnd(std::string_view s, size_t lt, size_t* body_end);

// The index after the '>' of a bogus comment or DOCTYPE whose text starts
// at `from`; s.size() when none comes.
inline size_t BogusEnd(std::string_view s, size_t from) {
  const size_t gt = Find(s, from, '>');
  return gt == kNpos ? s.size() : gt + 1;
}

// When the '<' at `lt` begins "<![CDATA[" (a CDATA section, in foreign
// content), the index after its "]]>" (s.size() when none comes); else
// kNpos. In HTML content the same bytes are a bogus comment.
size_t CdataEnd(std::string_view s, size_t lt);

// The '<' of the "</name" (then whitespace, '/' or '>') that ends raw text
// or RCDATA content starting at `from`, or kNpos when the content runs to
// the end of input (a name cut off by the end is text). `name` is lower
// case.
size_t RawTextEnd(std::string_view s, size_t from, std::string_view name);

// The same for script data: follows the escaped and double-escaped states,
// so that after "<!--" a "<script" makes the next "</script>" text (how
// document.write('<script>...</script>') parses inside an old-style
// comment-wrapped script).
size_t ScriptDataEnd(std::string_view s, size_t from);

// One attribute of a tag, as the tokenizer's attribute states read it.
struct Attribute {
  size_t begin = 0;        // its name's first byte (which may be '=')
  std::string_view name;   // as written
  bool has_value = false;  // an '=' followed
  bool quoted = false;
  std::string_view value;  // without quotes; empty when missing
  size_t end = 0;          // after the value (its closing quote), or the name
};

// A start or end tag.
struct Tag {
  std::string_view name;  // as written
  size_t name_end = 0;    // index after the name
  size_t end = 0;         // index after the closing '>'
  bool self_closing = false;
};

// Reads the tag whose name starts at `i` (after "<" or "</"), calling
// on_attribute(const Attribute&) for each attribute in order. Quoted values
// may hold '>'; an '=' or a quote in a name is part of the name; a '/' not
// followed by '>' is skipped. Returns false when the input ends inside the
// tag, which the tokenizer then drops (attributes already reported are to
// be forgotten).
template <typename OnAttribute>
bool ReadAttributes(std::string_view s, size_t i, Tag* tag,
                    OnAttribute&& on_attribute);
template <typename OnAttribute>
bool ReadTag(std::string_view s, size_t i, Tag* tag,
             OnAttribute&& on_attribute) {
  const size_t name_begin = i;
  while (i < s.size() && !EndsName(s[i])) ++i;
  tag->name = s.substr(name_begin, i - name_begin);
  tag->name_end = i;
  return ReadAttributes(s, i, tag, on_attribute);
}

// The same from the end of the tag's name, `i` (tag->name and name_end
// already set): for a caller that needed the name first.
template <typename OnAttribute>
bool ReadAttributes(std::string_view s, size_t i, Tag* tag,
                    OnAttribute&& on_attribute) {
  const size_t n = s.size();
  tag->self_closing = false;
  for (;;) {
    while (i < n && IsSpace(s[i])) ++i;
    if (i >= n) return false;
    const char c = s[i];
    if (c == '>') {
      ++i;
      break;
    }
    if (c == '/') {
      ++i;
      if (i < n && s[i] == '>') {
        tag->self_closing = true;
        ++i;
        break;
      }
      continue;
    }
    Attribute a;
    a.begin = i++;
    while (i < n && !InSet(s[i], kAttributeNameEnds)) ++i;
    a.name = s.substr(a.begin, i - a.begin);
    size_t q = i;
    while (q < n && IsSpace(s[q])) ++q;
    if (q < n && s[q] == '=') {
      a.has_value = true;
      i = q + 1;
      while (i < n && IsSpace(s[i])) ++i;
      if (i >= n) return false;
      if (s[i] == '"' || s[i] == '\'') {
        const size_t close = Find(s, i + 1, s[i]);
        if (close == kNpos) return false;
        a.quoted = true;
        a.value = s.substr(i + 1, close - i - 1);
        i = close + 1;
      } else if (s[i] != '>') {
        const size_t value_begin = i;
        while (i < n && !InSet(s[i], kUnquotedValueEnds)) ++i;
        a.value = s.substr(value_begin, i - value_begin);
      } else {
        a.value = s.substr(i, 0);  // "name=>": a missing value
      }
    }
    a.end = i;
    on_attribute(static_cast<const Attribute&>(a));
  }
  tag->end = i;
  return true;
}

}  // namespace scan
}  // namespace winnow

#endif  // WINNOW_PARSE_SCANNER_H_
