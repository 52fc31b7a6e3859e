// Copyright winnow authors. Licensed under the MIT licence.
//
// Recovery from one kind of damaged markup: a raw-text or RCDATA element
// (an unclosed <title>, <script>, <textarea> ...) whose end tag never comes,
// so that an HTML5 parser reads the rest of the page as its text and the
// page has no blocks. Lenient parsers (and people) see where the markup
// resumes; this closes the element there.

#ifndef WINNOW_PARSE_RECOVER_H_
#define WINNOW_PARSE_RECOVER_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "parse/prestrip.h"

namespace winnow {

// Given `html` and the element PrestripHtml found unclosed in it: when that
// element's text is most of the page (over half of its bytes) and holds the
// document's end ("</body" or "</html"), which a page cut short does not,
// writes to *repaired the page with "</NAME>" inserted where markup resumes
// (the first "</head", "<body", "<p", "<div", "<h1".."<h6", "<article",
// "<main", "<section", "<header", "<table", "<ul" or "<ol" tag after its
// start), sets *at to that byte offset and returns true. Otherwise returns
// false and leaves both alone. Linear in html.size().
bool CloseUnclosedRawText(std::string_view html, const UnclosedRawText& u,
                          std::string* repaired, size_t* at);

}  // namespace winnow

#endif  // WINNOW_PARSE_RECOVER_H_
