// Copyright winnow authors. Licensed under the MIT licence.
//
// Stage 2: UTF-8 text to a DOM, with Gumbo. Gumbo is unmaintained upstream;
// everything defensive (NUL termination, max_errors = 0, the arena that
// replaces its recursive free) lives here.

#ifndef WINNOW_PARSE_PARSE_H_
#define WINNOW_PARSE_PARSE_H_

#include <string>
#include <string_view>
#include <vector>

#include "parse/arena.h"
#include "parse/document.h"
#include "parse/guard.h"
#include "winnow/options.h"
#include "winnow/status.h"

struct GumboInternalOutput;

namespace winnow {

class PageBudget;

// A parsed document. The tree lives in the arena passed to ParseHtml and
// dies with the arena's next Reset(); it points into the buffer passed
// there. What the guard took out of that buffer is in `aside`.
struct ParsedHtml {
  GumboInternalOutput* output = nullptr;
  // What the parser guard changed to keep the parse bounded (tags nested
  // deeper than max_depth, attributes over max_attributes ...).
  std::vector<std::string> warnings;
  // 1 when the parser guard stopped setting aside before the end of the
  // page, where it could not be sure how Gumbo's tokenizer reads the rest
  // (GuardReport::aside_stopped, parse/README.md); else 0.
  int fallbacks = 0;
  // The <html> element, as the document view (parse/document.h); null
  // when the parse failed. Its parent is the document node.
  DomNode root() const;

  // The long attribute values and runs of text that the parser guard
  // took out of the bytes Gumbo parsed (parse/guard.h); the document view
  // puts them back.
  SetAsideValues aside;
};

// Parses `utf8` (valid UTF-8, as DecodeToUtf8 produces). `buffer` receives a
// NUL-terminated copy that the tree points into, bounded by the parser guard
// (parse/guard.h); it and `arena` must outlive *out. Counts its work and
// memory in *budget: its copies of the page are held while Gumbo runs and
// released on return; the arena (Arena::bytes_used) is the caller's to count
// for as long as it keeps the tree. Fails with budget->status()
// (kResourceExhausted), stopping the parser at once, when the page goes
// over Options::max_work or max_memory.
Status ParseHtml(std::string_view utf8, const Options& options, Arena* arena,
                 PageBudget* budget, std::string* buffer, ParsedHtml* out);
// As above, with a budget of its own made from `options`.
Status ParseHtml(std::string_view utf8, const Options& options, Arena* arena,
                 std::string* buffer, ParsedHtml* out);

}  // namespace winnow

#endif  // WINNOW_PARSE_PARSE_H_
