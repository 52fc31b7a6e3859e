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
#include "parse/guard.h"
#include "winnow/options.h"
#include "winnow/status.h"

struct GumboInternalOutput;
struct GumboInternalNode;

namespace winnow {

// A parsed document. The tree lives in the arena passed to ParseHtml and
// dies with the arena's next Reset(); it points into the buffer passed
// there, and into `aside`.
struct ParsedHtml {
  GumboInternalOutput* output = nullptr;
  // What the parser guard changed to keep the parse bounded (tags nested
  // deeper than max_depth, attributes over max_attributes ...).
  std::vector<std::string> warnings;
  const GumboInternalNode* root() const;

  // The value of an attribute of this tree, given Gumbo's `value` and
  // `original_value.data` for it: the value itself, or the one the parser
  // guard set aside (parse/guard.h). Every read of an attribute value goes
  // through here.
  const char* AttrValue(const char* value, const char* original) const;

  // The bytes Gumbo parsed (the guard's output) and the values set aside
  // from them.
  std::string_view source;
  SetAsideValues aside;
};

// Parses `utf8` (valid UTF-8, as DecodeToUtf8 produces). `buffer` receives a
// NUL-terminated copy that the tree points into, bounded by the parser guard
// (parse/guard.h); it and `arena` must outlive *out. Fails with
// kResourceExhausted, stopping the parser at once, when it allocates more
// than options.max_parse_bytes or runs longer than options.max_millis.
Status ParseHtml(std::string_view utf8, const Options& options, Arena* arena,
                 std::string* buffer, ParsedHtml* out);

}  // namespace winnow

#endif  // WINNOW_PARSE_PARSE_H_
