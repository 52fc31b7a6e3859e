// Copyright winnow authors. Licensed under the MIT licence.
//
// Options controls an Extractor. Every field documents its default; a
// default-constructed Options is what the `winnow` command uses without flags.

#ifndef WINNOW_OPTIONS_H_
#define WINNOW_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace winnow {

// What the bytes of one page are.
enum class ContentKind {
  kAuto,  // sniff: HTML when the bytes look like markup, else plain text
  kHtml,  // an HTML document
  kText,  // already-scraped text, one paragraph per line or blank-line block
};

// How the clean text is written.
enum class TextFormat {
  kPlain,     // one block per line
  kMarkdown,  // headings, lists, quotes, code and tables marked up
};

// Which side of the precision/recall trade-off to favour.
enum class Favor {
  kBalanced,   // the default trade-off
  kPrecision,  // drop borderline blocks
  kRecall,     // keep borderline blocks
};

struct Options {
  // ---- Rules -------------------------------------------------------------
  // Use the rule set compiled into the binary. Default: true.
  bool default_rules = true;
  // Extra rule files or folders (every *.rules file below them, sorted by
  // path), loaded after the default set. Default: none.
  std::vector<std::string> rule_paths;

  // ---- Classification ------------------------------------------------------
  // Default: kBalanced.
  Favor favor = Favor::kBalanced;
  // Keep comment sections instead of dropping them. Default: false.
  bool comments = false;
  // Keep tables. Default: true.
  bool tables = true;

  // ---- Output --------------------------------------------------------------
  // Default: kPlain.
  TextFormat format = TextFormat::kPlain;
  // Fill Extraction::blocks with every block, its label, score and the rules
  // that fired. Costs a copy of every block's text. Default: false.
  bool explain = false;

  // ---- Limits (per page) ---------------------------------------------------
  // Bytes of one page; a longer page is cut at this size (on a tag boundary
  // where possible) and the cut is reported. Default: 32 MiB.
  size_t max_page_bytes = size_t{32} << 20;
  // Element nesting depth handed to the parser; deeper start tags are
  // neutralised. Default: 512.
  int max_depth = 512;
  // Attributes kept per element; the rest are dropped before parsing.
  // Default: 256.
  int max_attributes = 256;
  // Bytes the parser may allocate for one page; a page over it fails with
  // kResourceExhausted. Default: 1 GiB.
  size_t max_parse_bytes = size_t{1} << 30;
  // Wall-clock budget for one page in milliseconds, checked between stages
  // and while the parser runs; a page over it fails with kResourceExhausted.
  // 0 disables it. Default: 10000.
  int64_t max_millis = 10000;
};

}  // namespace winnow

#endif  // WINNOW_OPTIONS_H_
