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
  // A weights file for the classifier (the format of rules/model.weights);
  // empty: the weights built into winnow. Default: empty.
  std::string model_path;
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

  // ---- Parsing -------------------------------------------------------------
  // Replace long attribute values and runs of text in the bytes the HTML
  // parser reads by short placeholders, expanded as the tree is read
  // (src/parse/README.md): the parse is faster. Where the guard cannot be
  // sure how the parser's tokenizer reads the rest of a page, it sets
  // nothing more aside; Extraction::parse_fallbacks counts those pages
  // (`--stats`: "parse fallbacks"). Output is the same either way. Default:
  // true.
  bool set_aside = true;

  // ---- Limits (per page) ---------------------------------------------------
  // A page that goes over a limit is either changed, with a warning in
  // Extraction::warnings that names the option, or fails with
  // kResourceExhausted naming it; never silently. Limits depend on the
  // page's bytes only, never on the clock, the load or the thread count.
  //
  // Bytes of one page read; the rest is not. HTML is cut before the last
  // tag start ('<' and a letter, '/', '!' or '?') at or before the limit,
  // text after the last line break; when neither is in the last 64 KiB,
  // at a UTF-8 character boundary. Warning: "page cut at 4,090 bytes
  // (--max-page-bytes 4096); 195,910 bytes not read". Default: 32 MiB.
  size_t max_page_bytes = size_t{32} << 20;
  // Element nesting depth handed to the parser; deeper start tags are
  // dropped (their text stays), with a warning. Default: 512.
  int max_depth = 512;
  // Attributes kept per element; the rest are dropped before parsing, with
  // a warning. Default: 256.
  int max_attributes = 256;
  // Bytes one page may hold at once across all stages: its decoded copies,
  // the parse tree, the blocks and their text, the classifier's data, the
  // output. A page over it fails with kResourceExhausted
  // ("page exceeds --max-memory (N bytes)"). A thread's peak memory is
  // about this plus the input record. Default: 512 MiB (the costliest page
  // of the development corpus holds 6.5 MB).
  size_t max_memory = size_t{512} << 20;
  // Work one page may take, in units of about one byte scanned by a stage
  // (src/util/budget.h weighs parser allocations, elements and blocks in
  // those units), counted once from the start of the page. A page over it
  // fails with kResourceExhausted ("page exceeds --max-work (N units of
  // work)"), always the same pages whatever the load. 0 disables it.
  // Default: 4e9, some 10 s of work on a 2020s server core.
  uint64_t max_work = 4000000000;
};

}  // namespace winnow

#endif  // WINNOW_OPTIONS_H_
