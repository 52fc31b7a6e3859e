// Copyright winnow authors. Licensed under the MIT licence.
//
// JSON Lines: one JSON object per line, holding a page's HTML (field
// ReaderOptions::html_field, default "html") or its already-scraped text
// (text_field, default "text", used when the HTML field is absent or not a
// string), and optionally its URL (url_field, default "url"). The other
// fields are carried to the output in Record::passthrough.
//
// A line that is not valid JSON, not an object, lacks a string content
// field, or is longer than max_record_bytes yields an error record (with
// the url when it could be read); the next line is read as usual. Blank
// lines are skipped. A UTF-8 BOM before the first line is ignored, and so
// is a CR before a line's LF. Lines are read in constant memory: a longer
// one is discarded as it streams by.

#ifndef WINNOW_INPUT_JSONL_H_
#define WINNOW_INPUT_JSONL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "input/gzip.h"
#include "input/record.h"

namespace winnow {

class JsonlReader : public RecordReader {
 public:
  // Reads lines from `in` (decompressed bytes); `name` labels records.
  JsonlReader(std::string name, std::unique_ptr<BufferedSource> in,
              const ReaderOptions& options);

  bool Next(Record* r) override;
  Status status() const override { return status_; }
  const std::map<std::string, uint64_t>& skipped() const override {
    return skipped_;
  }

 private:
  void Fill(uint64_t offset, uint64_t line_no, Record* r);

  std::string name_;
  std::unique_ptr<BufferedSource> in_;
  ReaderOptions options_;
  Status status_;
  bool done_ = false;
  uint64_t lines_ = 0;
  std::map<std::string, uint64_t> skipped_;
  std::string line_;
};

// Best effort for a line that does not parse: the string value of the
// first `"key": "..."` in `text`, if one can be read. Exposed for tests.
bool ScanJsonStringField(std::string_view text, std::string_view key,
                         std::string* value);

}  // namespace winnow

#endif  // WINNOW_INPUT_JSONL_H_
