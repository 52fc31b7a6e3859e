// Copyright winnow authors. Licensed under the MIT licence.
//
// One record through extraction and a formatter: what the batch's workers
// do, and what the Python binding does for `Extractor.extract(record)`, so
// that both give the same bytes for the same record.

#ifndef WINNOW_CLI_RECORD_JOB_H_
#define WINNOW_CLI_RECORD_JOB_H_

#include <string>

#include "cli/format.h"
#include "input/record.h"
#include "winnow/winnow.h"

namespace winnow {
namespace cli {

// Whether `r` is a whole page file (or stdin page) rather than one record of
// a WARC or JSONL input. Record does not carry its format, but the readers
// give page records a shape no other record has: the url is the path (empty
// on stdin) and no position, id, content type or extra fields are set.
bool IsPage(const Record& r);

// Makes *rec the record that stands for input `name` when it could not be
// opened or its reading stopped on damage: no body, `error` set, url the
// name (none for stdin "-").
void InputErrorRecord(const std::string& name, const Status& error,
                      Record* rec);

// Extracts `rec` (unless it carries a read error) under the address `url`
// into *ex. When reading or extraction failed, appends the error object
// that `formatter` makes of the record to *out; what an extracted record
// becomes is the caller's to append (formatter.Extracted), after its
// filters. Returns that read or extraction status; its message may start
// with "INPUT: " (see StripInputPrefix), the error object's never does.
Status ExtractRecord(const Extractor& extractor, const Formatter& formatter,
                     const Record& rec, const std::string& url,
                     Extraction* ex, std::string* out);

}  // namespace cli
}  // namespace winnow

#endif  // WINNOW_CLI_RECORD_JOB_H_
