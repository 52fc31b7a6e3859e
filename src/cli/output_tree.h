// Copyright winnow authors. Licensed under the MIT licence.
//
// `-o DIR`: one file per record below DIR, named after its input, written
// so that a file under its final name is always whole.
//
// Naming. A page file keeps its path relative to the folder it was found
// in (a page named on the command line, its path as given; absolute paths
// and paths that climb with ".." keep only the file name), with its
// extension replaced (`a/b/page.html` -> `DIR/a/b/page.txt`). A WARC or
// JSONL input becomes a folder of its records named by their index in the
// file (`crawl.warc.gz` -> `DIR/crawl/000003.txt`). No two records of one
// run get the same name: when the short name is taken (by another record,
// another input, or a folder of records), the full name is used
// (`page.url.txt`, `DIR/crawl.warc.gz/`), then a number (`page.html-2.txt`,
// `DIR/crawl.warc.gz-2/`). Names are claimed in input order, so they do not
// depend on thread count or timing.
//
// Memory: one 64-bit hash per page file written and per folder holding
// output (about 40 bytes each); records of WARC and JSONL inputs cost
// nothing per record.
//
// Writing. A record's bytes go to a hidden temporary file beside the final
// one (".NAME.winnow-PID.tmp"), which is renamed over the final name once
// complete, so a killed run leaves either the previous file or the new one,
// never half of one (at worst a stray temporary file). A record that fails
// removes an existing file of that name left by an earlier run, so the
// folder never shows stale text for it.

#ifndef WINNOW_CLI_OUTPUT_TREE_H_
#define WINNOW_CLI_OUTPUT_TREE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "winnow/status.h"

namespace winnow {
namespace cli {

class OutputTree {
 public:
  // `dir`: the output folder (created when missing); `extension`: ".txt"
  // and the like; `inputs`: the command line's inputs, indexed by `root`
  // below.
  OutputTree(std::string dir, std::string extension,
             std::vector<std::string> inputs);

  // Where a record goes, claiming the name. `root` indexes the inputs;
  // `root_is_dir` says that input is a folder; `input` is the file the
  // record came from; `page` is true for a page file (one record), false
  // for a record of a WARC or JSONL file, whose `index` names it.
  std::string PathFor(size_t root, bool root_is_dir, const std::string& input,
                      bool page, uint64_t index);

  // Writes `data` to `path` through a temporary file and a rename. On
  // failure nothing is left under either name, and the message names
  // `path` and the cause; *disk_full is set when the cause was a full disk
  // or quota (ENOSPC, EDQUOT), after which the caller should stop.
  Status Write(const std::string& path, std::string_view data, bool* disk_full);

  // Removes a file an earlier run left at `path` (for a failed record).
  // A missing file is fine; other failures are returned.
  Status Remove(const std::string& path);

 private:
  bool Claimed(const std::string& path) const;
  void ClaimFile(const std::string& path);
  std::string ClaimRecordFolder(const std::string& base);
  std::string ClaimPage(const std::string& base);
  Status MakeParent(const std::string& path);

  std::string dir_;
  std::string ext_;
  std::vector<std::string> inputs_;
  std::unordered_set<uint64_t> files_;        // page files written
  std::unordered_set<uint64_t> dirs_;         // folders holding pages
  std::unordered_set<uint64_t> record_dirs_;  // folders of records
  // The record folder of the input being read (records come in runs).
  size_t folder_root_ = SIZE_MAX;
  std::string folder_input_;
  std::string folder_;
  std::string last_parent_;  // the last folder made
};

}  // namespace cli
}  // namespace winnow

#endif  // WINNOW_CLI_OUTPUT_TREE_H_
