// Copyright winnow authors. Licensed under the MIT licence.
//
// What the pre-parse strip (parse/prestrip.h) knows about tag and attribute
// names: a table of the tags whose handling it changes, and the attributes
// a later stage reads. Internal to src/parse.

#ifndef WINNOW_PARSE_PRESTRIP_TAGS_H_
#define WINNOW_PARSE_PRESTRIP_TAGS_H_

#include <cstdint>
#include <cstring>
#include <string_view>

#include "parse/scanner.h"

namespace winnow {
namespace prestrip {

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

// Looks up a tag name as written (any case); unknown names get an entry
// with id kOther and no bits.
const TagInfo& Identify(std::string_view raw);

// The attributes whose values a later stage or the parser itself reads.
// Any other attribute goes, name and value (href="..." becomes href="", as
// links are told by it): unread values, URLs and srcsets above all, were a
// third of what Gumbo got after the element contents were gone, and it
// copies them character by character; the names of the unread ones cost
// another 9% of its instructions. A stage that starts reading another
// attribute must add it here.
namespace keeps {

// The first N (<= 8) bytes at p as a little-endian word, every byte with
// its 0x20 bit set: ASCII letters lower-cased, each equal to a lower-case
// letter's word only when it is that letter in either case. (Only letter
// positions are compared this way; the '-' in the names is checked apart.)
template <size_t N>
inline uint64_t LowerWord(const char* p) {
  static_assert(N >= 1 && N <= 8);
  uint64_t w = 0;
  std::memcpy(&w, p, N);
  return w | (~uint64_t{0} >> (64 - 8 * N) & 0x2020202020202020ull);
}
// The same word of a lower-case literal.
constexpr uint64_t Word(std::string_view s) {
  uint64_t w = 0;
  for (size_t k = s.size(); k > 0; --k) {
    w = w << 8 | static_cast<unsigned char>(s[k - 1]);
  }
  return w;
}

}  // namespace keeps

inline bool KeepsValue(std::string_view name) {
  using keeps::LowerWord;
  using keeps::Word;
  const char* p = name.data();
  switch (name.size()) {
    case 2:
      return LowerWord<2>(p) == Word("id");
    case 3:
      return LowerWord<3>(p) == Word("rel");  // canonical, author
    case 4: {
      const uint64_t w = LowerWord<4>(p);
      return w == Word("role") || w == Word("lang") || w == Word("type") ||
             w == Word("name");
    }
    case 5: {
      const uint64_t w = LowerWord<5>(p);
      return w == Word("class") || w == Word("style");
    }
    case 6: {
      // <isindex prompt action> turn into text and a form in Gumbo.
      const uint64_t w = LowerWord<6>(p);
      return w == Word("hidden") || w == Word("prompt") || w == Word("action");
    }
    case 7: {
      const uint64_t w = LowerWord<7>(p);
      return w == Word("content") || w == Word("charset") ||
             w == Word("pubdate");
    }
    case 8: {
      // <annotation-xml encoding> decides whether MathML holds HTML.
      const uint64_t w = LowerWord<8>(p);
      return w == Word("itemprop") || w == Word("property") ||
             w == Word("encoding") || w == Word("datetime");
    }
    case 10: {
      if (p[4] != '-') return false;
      const uint64_t head = LowerWord<4>(p), tail = LowerWord<5>(p + 5);
      return (head == Word("aria") && tail == Word("label")) ||
             (head == Word("http") && tail == Word("equiv"));
    }
    default:
      return false;
  }
}

}  // namespace prestrip
}  // namespace winnow

#endif  // WINNOW_PARSE_PRESTRIP_TAGS_H_
