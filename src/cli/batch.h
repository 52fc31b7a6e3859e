// Copyright winnow authors. Licensed under the MIT licence.
//
// The batch run of the `winnow` command: records flow one way from the
// inputs (page files, folders, WARC, JSONL, stdin) through extraction
// workers (cli/ordered_map.h) and a formatter (cli/format.h) to stdout or
// an output folder (cli/output_tree.h), in input order.

#ifndef WINNOW_CLI_BATCH_H_
#define WINNOW_CLI_BATCH_H_

#include <string>
#include <vector>

#include "cli/format.h"
#include "input/record.h"
#include "winnow/winnow.h"

namespace winnow {
namespace cli {

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
  // Write one file per record below this folder instead of to stdout. The
  // caller has checked that it is a folder or can be made one.
  std::string out_dir;
  // Extraction threads; 0 means DefaultJobs() (cli/cpus.h).
  int jobs = 0;
  // Print counts, bytes and time on stderr at the end.
  bool stats = false;
  // Leave out warnings (pages cut at a limit ...) on stderr; errors are
  // still printed.
  bool quiet = false;
  // Text and Markdown: a `key: value` header of the metadata before each
  // record's text.
  bool metadata = false;

  // ---- Filters: a record that fails one is skipped, counted in --stats
  // under the reason in quotes, and writes nothing (no text frame, no file).
  // "too-short": records with fewer characters of clean text. 0: off.
  size_t min_length = 0;
  // "language": records whose detected language (ISO 639-1) is not one of
  // these (an undetected language is not). Empty: off.
  std::vector<std::string> languages;
  // "duplicate": records whose clean text is byte for byte that of an
  // earlier record of the run. Costs about 40 bytes per distinct record.
  bool dedupe = false;
};

// Runs the batch with `extractor` and returns the exit status: 0, or 1 when
// a record, an input or an output write failed (each reported on stderr).
// A reader that went away (EPIPE on stdout) stops the run quietly with the
// status so far.
int RunBatch(const Extractor& extractor, const BatchOptions& options);

}  // namespace cli
}  // namespace winnow

#endif  // WINNOW_CLI_BATCH_H_
