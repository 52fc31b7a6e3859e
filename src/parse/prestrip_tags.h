// Copyright winnow authors. Licensed under the MIT licence.
//
// What the pre-parse strip (parse/prestrip.h) knows about tag and attribute
// names: a table of the tags whose handling it changes, and the attributes
// a later stage reads. Internal to src/parse.

#ifndef WINNOW_PARSE_PRESTRIP_TAGS_H_
#define WINNOW_PARSE_PRESTRIP_TAGS_H_

#include <cstdint>
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
inline bool KeepsValue(std::string_view name) {
  switch (name.size()) {
    case 2:
      return scan::EqualsNoCase(name, "id");
    case 3:
      return scan::EqualsNoCase(name, "rel");  // canonical, author
    case 4:
      return scan::EqualsNoCase(name, "role") || scan::EqualsNoCase(name, "lang") ||
             scan::EqualsNoCase(name, "type") || scan::EqualsNoCase(name, "name");
    case 5:
      return scan::EqualsNoCase(name, "class") || scan::EqualsNoCase(name, "style");
    case 6:
      // <isindex prompt action> turn into text and a form in Gumbo.
      return scan::EqualsNoCase(name, "hidden") || scan::EqualsNoCase(name, "prompt") ||
             scan::EqualsNoCase(name, "action");
    case 7:
      return scan::EqualsNoCase(name, "content") || scan::EqualsNoCase(name, "charset") ||
             scan::EqualsNoCase(name, "pubdate");
    case 8:
      // <annotation-xml encoding> decides whether MathML holds HTML.
      return scan::EqualsNoCase(name, "itemprop") || scan::EqualsNoCase(name, "property") ||
             scan::EqualsNoCase(name, "encoding") || scan::EqualsNoCase(name, "datetime");
    case 10:
      return scan::EqualsNoCase(name, "aria-label") ||
             scan::EqualsNoCase(name, "http-equiv");
    default:
      return false;
  }
}


}  // namespace prestrip
}  // namespace winnow

#endif  // WINNOW_PARSE_PRESTRIP_TAGS_H_
