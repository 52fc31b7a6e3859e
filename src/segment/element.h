// Copyright winnow authors. Licensed under the MIT licence.
//
// What one element is to the segment walk (segment.cc): its class of box,
// the kind of block it owns, the attributes the walk reads, whether it is
// hidden, its name. Read through the document view (parse/document.h).

#ifndef WINNOW_SEGMENT_ELEMENT_H_
#define WINNOW_SEGMENT_ELEMENT_H_

#include <string>
#include <string_view>

#include "parse/document.h"
#include "parse/tags.h"
#include "segment/page.h"

namespace winnow {

// How the walk treats an element: text flows through inline ones, a block
// one owns the text below it, a skipped one is not entered, a break is a
// line break inside the block.
enum class TagClass { kInline, kBlock, kSkip, kBreak };
TagClass Classify(Tag tag);

// The kind a block gets from the element that owns its text: sets *kind
// (and *level, 1-6, for headings) and returns true; false, leaving both
// alone, for generic containers (which then inherit the enclosing kind).
bool KindOf(Tag tag, BlockKind* kind, int* level);

// The attributes this stage reads from most elements, found in one walk
// over the element's list (Attribute would walk it once per name). The
// first of duplicate names wins, as with DomNode::Attribute. Values are
// as written (not lower-cased) and live as long as the view.
struct ElementAttrs {
  explicit ElementAttrs(DomNode el);

  const char* cls = nullptr;
  const char* id = nullptr;
  const char* role = nullptr;
  const char* aria_label = nullptr;
  const char* itemprop = nullptr;
  const char* style = nullptr;
  const char* type = nullptr;
  const char* rel = nullptr;  // read for <a> and <link> (collect_meta.h)
  // Read for <meta> (collect_meta.h).
  const char* content = nullptr;
  const char* name = nullptr;
  const char* property = nullptr;
  bool hidden = false;
  bool href = false;
};

// True for a hidden attribute, a style with display:none or
// visibility:hidden (ASCII case and spaces ignored), and type="hidden".
bool IsHidden(const ElementAttrs& attrs);

// The element's lower-case tag name ("div", static; a custom element's as
// written, lower-cased, copied into *strings).
std::string_view LowerTagName(DomNode el, PageStrings* strings);

// Appends `s` (may be null) lower-cased (ASCII only) to *out.
void AppendLowerAscii(const char* s, std::string* out);

}  // namespace winnow

#endif  // WINNOW_SEGMENT_ELEMENT_H_
