// Copyright winnow authors. Licensed under the MIT licence.
//
// One formatter per `--to` (and per explain view): what one record becomes
// on output. A formatter sees a record, the address it was extracted under
// and its Extraction (or its error), and appends bytes; framing between
// records (form feeds, the JSON array) is the writer's, not the
// formatter's, so the same bytes go to stdout or to one file per record.

#ifndef WINNOW_CLI_FORMAT_H_
#define WINNOW_CLI_FORMAT_H_

#include <memory>
#include <string>

#include "input/record.h"
#include "winnow/winnow.h"

namespace winnow {
namespace cli {

enum class OutputFormat {
  kText,      // the clean text of each record
  kMarkdown,  // the same, as Markdown
  kJsonl,     // one JSON object per record
  kJson,      // one JSON array of those objects
};

class Formatter {
 public:
  virtual ~Formatter() = default;

  // Appends what the extracted record becomes. May take strings out of *ex
  // (Extract overwrites it next time anyway) instead of copying them.
  virtual void Extracted(const Record& rec, const std::string& url,
                         Extraction* ex, std::string* out) const = 0;
  // Appends what a failed record becomes: an error object in the JSON
  // formats, nothing in text formats (the message goes to stderr).
  virtual void Failed(const Record& rec, const std::string& url,
                      const std::string& message, std::string* out) const = 0;
  // File name extension under `-o DIR`: ".txt", ".md", ".json", ".jsonl".
  virtual const char* extension() const = 0;
};

// The formatter for `--to` `format`, or for explain's views (text or
// JSON lines) when `explain`.
//
// JSON objects hold, in order: a JSONL input's other fields (less any named
// like winnow's own), `url`, for WARC records `warc_record_id`, `warc_date`
// (the capture date), `offset` (where the record starts in its file, as
// in messages), then `title`, the metadata fields of meta/metadata_format.h
// (absent ones left out), and `text`; a failed record has `url`, `input`,
// the WARC members and `error`. Text output is the clean text; with
// `metadata`, after a header of `key: value` lines and a blank line.
// Markdown starts with the title as `# Title` and a blank line.
std::unique_ptr<Formatter> MakeFormatter(OutputFormat format, bool explain,
                                         bool metadata = false);

// How messages name a record: "INPUT#INDEX@OFFSET (URL)"; a page file is
// just "INPUT" (stdin is "<stdin>"), and the URL is left out when it is
// empty or the input itself.
std::string DescribeRecord(const Record& rec, bool page,
                           const std::string& url);

// `message` without a leading "INPUT: ", which DescribeRecord gives.
std::string StripInputPrefix(const std::string& message,
                             const std::string& input);

}  // namespace cli
}  // namespace winnow

#endif  // WINNOW_CLI_FORMAT_H_
