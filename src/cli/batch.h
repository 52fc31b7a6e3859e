// Copyright winnow authors. Licensed under the MIT licence.
//
// The batch pipeline of the `winnow` command: records flow one way from the
// inputs (page files, folders, WARC, JSONL, stdin) through a pool of
// extraction workers to stdout or an output folder.
//
//   reader thread --> window of slots --> N workers --> writer (caller)
//
// The reader fills slots in input order; workers claim filled slots in the
// same order and extract without holding any lock; the writer emits slots
// strictly in input order and frees them for the reader. The window has a
// fixed number of slots, so memory holds at most that many records and
// their outputs, never the whole input.

#ifndef WINNOW_CLI_BATCH_H_
#define WINNOW_CLI_BATCH_H_

#include <string>
#include <vector>

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

struct BatchOptions {
  // Paths, folders or "-" (stdin); at least one.
  std::vector<std::string> inputs;
  // Forced reader format, or kAuto (by name, then by content).
  InputFormat format = InputFormat::kAuto;
  ReaderOptions reader;
  OutputFormat output = OutputFormat::kText;
  // Print every block with its label instead of the text (text or JSONL).
  bool explain = false;
  // Address for the page of a page file or stdin; WARC and JSONL records,
  // and pages found in folders, keep their own. Empty: none.
  std::string url;
  // Write one file per record below this folder instead of to stdout.
  std::string out_dir;
  // Extraction threads; 0 means one per hardware thread.
  int jobs = 0;
  // Print counts, bytes and time on stderr at the end.
  bool stats = false;
};

// Runs the pipeline with `extractor` and returns the exit status: 0, or 1
// when a record, an input or an output write failed (each reported on
// stderr). A reader that went away (EPIPE on stdout) stops reading and ends
// with the status so far.
int RunBatch(const Extractor& extractor, const BatchOptions& options);

}  // namespace cli
}  // namespace winnow

#endif  // WINNOW_CLI_BATCH_H_
