// Copyright winnow authors. Licensed under the MIT licence.
//
// The raw metadata (segment/page.h, PageMeta) that the segment walk hands
// over: what meta, link, time, h1, byline and JSON-LD elements say, copied
// as written (whitespace folded) and bounded; src/meta resolves it. Also
// the page's description, og:title and JSON-LD articleBody (Page).

#ifndef WINNOW_SEGMENT_COLLECT_META_H_
#define WINNOW_SEGMENT_COLLECT_META_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "parse/document.h"
#include "segment/element.h"
#include "segment/page.h"

namespace winnow {

// Appends the text below `node` to *out, whitespace folded, stopping after
// about `max_bytes` (cut at a character boundary). Iterative.
void CollectText(DomNode node, size_t max_bytes, std::string* out);

// A <meta> (its attributes `attrs`, read in one walk): its name, property
// or itemprop (the first present) and content go to meta->values while
// there is room.
void CollectMetaTag(const ElementAttrs& attrs, PageMeta* meta);

// A <meta> (its attributes `attrs`): a name (else property) of
// "description", or of "og:description" while there is none, sets
// page->meta_description to its content, folded; the first "og:title" sets
// page->og_title.
void ReadDescription(const ElementAttrs& attrs, Page* page);

// Sets *out to the "articleBody" string of a JSON-LD script, folded, when
// it has one (the first key of that name; its escapes decoded by
// util/json.h, without a full JSON parse); else leaves *out alone.
void ExtractJsonLdBody(std::string_view json, std::string* out);

// The text of an application/ld+json script, kept raw for the JSON parser
// (at most PageMeta::kMaxJsonLd blocks; a longer one is skipped, as a cut
// one would not parse).
void CollectJsonLd(std::string_view json, PageMeta* meta);

// Any other visible element that the walk enters: <link rel=canonical>,
// <h1>, <time datetime>, rel=author, itemprop=author and byline classes
// (a class token "author", "byline", or ending in "-author" / "-byline").
// `lower_cls` is the element's class, ASCII lower-cased (Node::class_attr),
// `attrs` its attributes as the walk read them (itemprop, rel, href);
// `in_article` says whether an <article> encloses it (read for <time>
// only). Cheap for every other element: a tag test and two substring
// searches in the class.
void CollectElement(DomNode el, std::string_view lower_cls,
                    const ElementAttrs& attrs, bool in_article, PageMeta* meta);

}  // namespace winnow

#endif  // WINNOW_SEGMENT_COLLECT_META_H_
