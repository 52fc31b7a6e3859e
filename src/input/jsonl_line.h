// Copyright winnow authors. Licensed under the MIT licence.
//
// One JSON Lines line to a Record: JsonlReader's work on each line (see
// jsonl.h for what a line holds and which records it gives).
//
// Two paths give the same Record, byte for byte:
// - the full path parses the whole line with ParseJson (util/json.h), the
//   one authority on the grammar, on invalid UTF-8 (repaired to U+FFFD), on
//   lone surrogate escapes and on error messages;
// - the fast path (simdjson's On-Demand API, about 3x faster on pages)
//   decodes the keys and the string values of the html, text and url fields
//   with simdjson, and hands every other value (the passthrough fields, a
//   content field that is not a string) to ParseJson and WriteJson, from its
//   own span of the line, so that it is written exactly as the full path
//   writes it.
// simdjson refuses what the fast path could not reproduce (invalid UTF-8, a
// lone surrogate escape, a raw control character, any syntax error); that
// refusal, or a span that ParseJson rejects, sends the whole line to the
// full path. A line is never dropped, and every message is the full path's.

#ifndef WINNOW_INPUT_JSONL_LINE_H_
#define WINNOW_INPUT_JSONL_LINE_H_

#include <cstddef>
#include <memory>
#include <string_view>

#include "input/record.h"

namespace winnow {

class JsonlLineParser {
 public:
  // Readable bytes that must follow a line given to Parse or ParseFast
  // (simdjson reads whole blocks); their values do not matter.
  static constexpr size_t kPadding = 64;

  explicit JsonlLineParser(const ReaderOptions& options);
  ~JsonlLineParser();
  JsonlLineParser(const JsonlLineParser&) = delete;
  JsonlLineParser& operator=(const JsonlLineParser&) = delete;

  // Sets r->url, body, kind, content_type, passthrough and error from
  // `line` (one line, no newline; kPadding readable bytes after it). The
  // other fields of *r are left as they are; the ones set must be empty.
  void Parse(std::string_view line, Record* r);

  // The two paths, for tests. ParseFast returns false, leaving *r as it
  // was, when the line must take the full path.
  bool ParseFast(std::string_view line, Record* r);
  void ParseFull(std::string_view line, Record* r) const;

 private:
  struct Fast;  // simdjson's parser, kept out of this header
  const ReaderOptions options_;
  std::unique_ptr<Fast> fast_;
};

}  // namespace winnow

#endif  // WINNOW_INPUT_JSONL_LINE_H_
