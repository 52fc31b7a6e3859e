// Copyright winnow authors. Licensed under the MIT licence.
//
// JSON Lines: one JSON object per line, holding a page's HTML (field
// ReaderOptions::html_field, default "html") or its already-scraped text
// (text_field, default "text", used when the HTML field is absent or not a
// string), and optionally its URL (url_field, default "url"). The other
// fields are carried to the output in Record::passthrough. Each line is
// parsed by JsonlLineParser (jsonl_line.h: simdjson, and winnow's own JSON
// parser for any line simdjson refuses).
//
// A line that is not valid JSON, not an object, lacks a string content
// field, or is longer than max_record_bytes yields an error record (with
// the url when it could be read); the next line is read as usual. Blank
// lines are skipped. A UTF-8 BOM before the first line is ignored, and so
// is a CR before a line's LF. Lines are read in constant memory: a longer
// one is discarded as it streams by.
//
// In a .jsonl.gz or .jsonl.zst, a line is yielded only once the gzip member
// (zstd frame) holding its end passed its check, or is known to go on past
// the read-ahead (a whole-file gzip). The line that damaged compressed data
// cuts is an error record ("damaged gzip member at byte M: CRC-32 mismatch;
// reading resumed at byte N", see frames.h), the rest of the damaged member
// is lost, and reading resumes at the next member that decodes; line
// numbers after that count on from the damaged line.

#ifndef WINNOW_INPUT_JSONL_H_
#define WINNOW_INPUT_JSONL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "input/frames.h"
#include "input/jsonl_line.h"
#include "input/record.h"
#include "input/source.h"

namespace winnow {

class JsonlReader : public RecordReader {
 public:
  // Reads lines from `in` (decompressed bytes); `name` labels records.
  // `frames` is the gzip or zstd source below `in`, if any.
  JsonlReader(std::string name, std::unique_ptr<BufferedSource> in,
              FrameSource* frames, const ReaderOptions& options);

  bool Next(Record* r) override;
  Status status() const override { return status_; }
  const std::map<std::string, uint64_t>& skipped() const override {
    return skipped_;
  }

 private:
  std::string name_;
  std::unique_ptr<BufferedSource> in_;
  FrameSource* frames_;
  ReaderOptions options_;
  Status status_;
  bool done_ = false;
  uint64_t lines_ = 0;
  std::map<std::string, uint64_t> skipped_;
  std::string line_;
  JsonlLineParser line_parser_;
};

// Best effort for a line that does not parse: the string value of the
// first `"key": "..."` in `text`, if one can be read. Exposed for tests.
bool ScanJsonStringField(std::string_view text, std::string_view key,
                         std::string* value);

}  // namespace winnow

#endif  // WINNOW_INPUT_JSONL_H_
