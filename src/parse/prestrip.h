// Copyright winnow authors. Licensed under the MIT licence.
//
// A linear pass over the page before Gumbo sees it that removes the bytes no
// later stage reads: the contents of <script>, <style>, <svg>, <template>
// and comments, and of <noscript> where that cannot move anything else.
// About half the bytes of a typical page are such contents, and Gumbo would
// otherwise tokenize them character by character for nothing.
//
// The pass follows the HTML tokenizer's rules (parse/scanner.h: tags and
// attribute values, raw-text and RCDATA elements, the escaped states of
// script data, CDATA sections; and element nesting in SVG) so that the
// tree Gumbo builds from the result is the tree it builds from the input,
// minus those contents.
// Where it cannot be sure of that (SVG that HTML breaks out of, <noscript>
// holding markup that could close or reopen elements around it), it leaves
// the bytes alone.

#ifndef WINNOW_PARSE_PRESTRIP_H_
#define WINNOW_PARSE_PRESTRIP_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow {

// Writes `html` to *out (overwritten) with these removed:
//  - the contents of <script> elements, except those of type
//    application/ld+json, which carry metadata (articleBody);
//  - the contents of <style>, <template> and <svg> elements;
//  - the text of comments ("<!--x-->" becomes "<!---->");
//  - the contents of <noscript> when they are only elements that stay
//    inside it (images, frames, styles ...) and no text (in <head>, text
//    would end the head and start the body; in the body, the segment stage
//    reads a <noscript> that holds more text than the rest of the page);
//  - the attributes that nothing reads, name and value: all but class, id,
//    role, aria-label, itemprop, style, type, lang, hidden, content, name,
//    property, charset, http-equiv (and encoding, prompt, action, which
//    steer the parser); href loses its value only (href="/a" becomes
//    href=""), as links are told by it, and so does an attribute that
//    follows a '/' rather than whitespace. Formatting elements other than
//    <a> keep all attributes, as the parser compares them. A stage that
//    reads another attribute must add it to KeepsValue in prestrip_tags.h.
// Adds one thing: before the </noscript> that ends a <noscript> in the
// body, the end tags of the elements opened and left open inside it (as
// "<noscript><div>Enable JS</noscript>"), which would otherwise keep the
// noscript open and make the rest of the page its contents.
// Tags are otherwise kept byte for byte, so the tree keeps its shape. An
// element left open at the end of the input loses everything up to the end,
// as it would have contained it.
// Returns the number of bytes removed (end tags inserted are not counted).
// Linear in html.size().
size_t PrestripHtml(std::string_view html, std::string* out);

// A raw-text or RCDATA element (script, style, title, textarea, xmp,
// iframe, noembed, noframes, plaintext) whose end tag never comes, so that
// the tokenizer reads everything after its start tag as its text.
struct UnclosedRawText {
  std::string_view name;            // lower case; empty when there is none
  size_t content_start = 0;         // index in html after its start tag
};

// As above; also sets *unclosed to the element whose contents run to the
// end of `html`, if any (parse/recover.h decides what to do about it).
size_t PrestripHtml(std::string_view html, std::string* out,
                    UnclosedRawText* unclosed);

}  // namespace winnow

#endif  // WINNOW_PARSE_PRESTRIP_H_
