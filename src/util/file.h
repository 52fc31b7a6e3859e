// Copyright winnow authors. Licensed under the MIT licence.
//
// Reading a whole file into memory: the one reader for rule files, golden
// test files, corpus annotations and the command's own small inputs.
// (Pages, WARC and JSONL files go through src/input, which streams and
// enforces --max-record-bytes.)

#ifndef WINNOW_UTIL_FILE_H_
#define WINNOW_UTIL_FILE_H_

#include <string>

#include "winnow/status.h"

namespace winnow {

// Replaces *out with the bytes of the file at `path` ("-" is standard
// input). On failure returns kIOError whose message is "PATH: reason"
// ("<stdin>: reason" for "-") and, when `reason` is not null, stores the
// reason alone (strerror's text) in *reason.
Status ReadFile(const std::string& path, std::string* out,
                std::string* reason = nullptr);

}  // namespace winnow

#endif  // WINNOW_UTIL_FILE_H_
