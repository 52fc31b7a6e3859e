// Copyright winnow authors. Licensed under the MIT licence.
//
// The `winnow` command: a thin layer over the library. Reading inputs,
// extracting, and writing are separate steps with one direction of flow.

#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/batch.h"
#include "cli/common.h"
#include "input/record.h"
#include "util/ascii.h"
#include "winnow/winnow.h"

namespace winnow {
namespace cli {
namespace {

constexpr char kSynopsis[] =
    "usage: winnow [OPTIONS] [INPUT...]\n"
    "       winnow explain [OPTIONS] [INPUT...]\n"
    "       winnow test [--update] [DIR...]\n"
    "       winnow eval [OPTIONS] CORPUS\n"
    "       winnow rules check|list ...\n";

constexpr char kAbout[] =
    "\n"
    "Strips boilerplate (navigation, banners, share bars, comments, footers)\n"
    "from web pages and prints the article text. An INPUT is a page (.gz\n"
    "too), a folder (read recursively), a WARC file (.warc, .warc.gz) or a\n"
    "JSONL file; with no INPUT, or '-', reads standard input.\n"
    "\n"
    "Examples:\n"
    "  curl -s https://example.org/a | winnow | wc -w\n"
    "  winnow --to jsonl --stats crawl.warc.gz > pages.jsonl\n"
    "  winnow -o clean/ saved-pages/\n"
    "\n"
    "JSON fields (--to jsonl|json; absent ones left out): url,\n"
    "  warc_record_id, warc_date, warc_payload_digest, offset (WARC), title,\n"
    "  author, date\n"
    "  (published), sitename, hostname, description, categories, tags, image,\n"
    "  canonical_url, language (ISO 639-1), encoding, warnings, text_length,\n"
    "  fingerprint (SimHash, 16 hex digits), text; failed: url, input, error.\n"
    "\n"
    "Exit status:\n"
    "  0  every record was extracted or skipped (e.g. a WARC request record)\n"
    "  1  an input or a record failed, or an output could not be written\n"
    "     (each named on stderr; the others are still processed)\n"
    "  2  usage error, an -o that is not a usable folder, or rules that do\n"
    "     not compile (nothing is read)\n"
    "A closed stdout (winnow big.html | head -1) ends winnow quietly with 0.\n";

constexpr char kExplainAbout[] =
    "\n"
    "Prints every block of each page and how it was judged: two lines per\n"
    "block under a header, or one JSON object per block with --to jsonl.\n"
    "  pos    position of the block in the page (JSON: position)\n"
    "  label  body (in the text) or chrome (left out)\n"
    "  score  the classifier's score, the sum of the terms: above 0 leans\n"
    "         body, below 0 chrome\n"
    "  len    characters; link: share inside links; stop: share of stop\n"
    "         words (JSON: length, link_density, stopword_density)\n"
    "  tag    the element (p, h2, li, td ...; line for text input)\n"
    "  rules  IDs of the rules that fired (winnow rules list shows them)\n"
    "  text   the block's text, cut to 70 characters (JSON: whole)\n"
    "  why    reason (the decisive cause: text rule, element rule,\n"
    "         structural rule, prose, link-dense or no prose, context ...;\n"
    "         a rule's ID when a rule decided)\n"
    "  terms  the named parts of the score: own features (long_text,\n"
    "         link_heavy, stopwords_high, sentence_end, commas ...), place\n"
    "         (inside_main, outside_main, json_ld_inside ...) and score\n"
    "         rules (rule:ID); rules/model.weights documents each (JSON:\n"
    "         an object of name: value)\n"
    "JSON only: main (inside the main-content region the finder chose).\n"
    "Exit status as for winnow (see winnow --help).\n";

// Whether the reader meant to give input: with no INPUT and a terminal on
// stdin, winnow would wait silently for typed HTML (as `jq` would not).
bool WaitsOnTerminal(bool inputs_named) {
  return !inputs_named && ::isatty(STDIN_FILENO) == 1;
}

int RunExtract(int argc, char** argv, bool explain_command) {
  po::options_description desc("Options");
  desc.add_options()
      ("help,h", "show this help")
      ("version,V", "print the version")
      ("from", po::value<std::string>()->default_value("auto"),
       "input: auto|html|text|warc|jsonl (auto: by name, then by content)")
      ("to", po::value<std::string>()->default_value("text"),
       "output: text|markdown|jsonl|json (with --explain: text|jsonl)")
      ("url", po::value<std::string>()->default_value(""),
       "the page's address (scopes site rules); for page inputs only, "
       "WARC and JSONL records keep their own")
      ("explain", "print every block with its label, score and rules")
      ("output-dir,o", po::value<std::string>(),
       "write one file per record below DIR instead of to stdout")
      ("jobs,j", po::value<int>()->default_value(0),
       "extraction threads (0: one per processor this process may use: "
       "its CPU affinity and cgroup quota)")
      ("stats", "print counts, bytes and time on stderr at the end")
      ("metadata", "text and Markdown: a header of `key: value` metadata "
       "lines and a blank line before each record's text")
      ("min-length", po::value<size_t>()->default_value(0),
       "skip records with fewer characters of clean text (counted in --stats "
       "as too-short)")
      ("lang", po::value<std::string>(),
       "keep only records in these languages, ISO 639-1 codes separated by "
       "commas (en,de); the others are counted in --stats as language")
      ("dedupe", "skip records whose clean text equals an earlier record's "
       "(counted in --stats as duplicate; about 40 bytes per record)")
      ("quiet,q", "leave out warnings (pages cut at a limit ...) on stderr; "
       "errors are still printed")
      ("html-field", po::value<std::string>()->default_value("html"),
       "JSONL: the field holding a page's HTML")
      ("text-field", po::value<std::string>()->default_value("text"),
       "JSONL: the field holding already-scraped text")
      ("url-field", po::value<std::string>()->default_value("url"),
       "JSONL: the field holding the page's URL")
      ("max-record-bytes", po::value<size_t>(),
       "skip (as failed) records larger than this (default 67108864)");
  AddExtractionFlags(&desc);
  po::variables_map vm;
  const char* command = explain_command ? "winnow explain" : "winnow";
  if (!ParseCommandLine(argc, argv, desc, "input", command, &vm)) {
    return kExitUsage;
  }
  if (vm.count("help")) {
    if (explain_command) {
      std::cout << "usage: winnow explain [OPTIONS] [INPUT...]\n"
                << kExplainAbout << "\n" << desc;
    } else {
      std::cout << kSynopsis << kAbout << "\n" << desc;
    }
    return kExitOk;
  }
  if (vm.count("version")) {
    std::cout << "winnow " << Version() << "\n";
    return kExitOk;
  }
  Options options;
  Status s = ExtractionOptions(vm, &options);
  if (!s.ok()) {
    Error(s.message());
    return kExitUsage;
  }
  BatchOptions batch;
  const std::string from = vm["from"].as<std::string>();
  if (!ParseInputFormat(from, &batch.format)) {
    Error("--from must be auto, html, text, warc or jsonl, not '" + from + "'");
    return kExitUsage;
  }
  batch.explain = explain_command || vm.count("explain");
  const std::string to = vm["to"].as<std::string>();
  if (to == "text") {
    batch.output = OutputFormat::kText;
  } else if (to == "markdown") {
    batch.output = OutputFormat::kMarkdown;
    options.format = TextFormat::kMarkdown;
  } else if (to == "jsonl") {
    batch.output = OutputFormat::kJsonl;
  } else if (to == "json" && !batch.explain) {
    batch.output = OutputFormat::kJson;
  } else {
    Error("--to must be " +
          std::string(batch.explain ? "text or jsonl with --explain"
                                    : "text, markdown, jsonl or json") +
          ", not '" + to + "'");
    return kExitUsage;
  }
  options.explain = batch.explain;
  batch.jobs = vm["jobs"].as<int>();
  if (batch.jobs < 0) {
    Error("--jobs must be 0 (one per core) or more");
    return kExitUsage;
  }
  batch.url = vm["url"].as<std::string>();
  batch.stats = vm.count("stats") > 0;
  batch.quiet = vm.count("quiet") > 0;
  batch.metadata = vm.count("metadata") > 0;
  batch.min_length = vm["min-length"].as<size_t>();
  batch.dedupe = vm.count("dedupe") > 0;
  if (vm.count("lang")) {
    std::string list = vm["lang"].as<std::string>();
    for (size_t at = 0; at <= list.size();) {
      size_t comma = list.find(',', at);
      if (comma == std::string::npos) comma = list.size();
      std::string code = list.substr(at, comma - at);
      for (char& c : code) c = AsciiLower(c);
      if (code.size() < 2 || code.size() > 3 ||
          code.find_first_not_of("abcdefghijklmnopqrstuvwxyz") !=
              std::string::npos) {
        Error("--lang takes ISO 639-1 codes separated by commas (en,de), "
              "not '" + code + "'");
        return kExitUsage;
      }
      batch.languages.push_back(code);
      at = comma + 1;
    }
  }
  if (vm.count("output-dir")) {
    batch.out_dir = vm["output-dir"].as<std::string>();
    if (batch.out_dir.empty()) {
      Error("--output-dir must name a folder");
      return kExitUsage;
    }
  }
  if (vm.count("input")) {
    batch.inputs = vm["input"].as<std::vector<std::string>>();
  }
  if (WaitsOnTerminal(!batch.inputs.empty())) {
    std::fprintf(stderr,
                 "usage: %s [OPTIONS] [INPUT...]\n"
                 "No INPUT, and standard input is a terminal: name a file or "
                 "pipe a page in.\nSee %s --help.\n",
                 command, command);
    return kExitUsage;
  }
  batch.reader.html_field = vm["html-field"].as<std::string>();
  batch.reader.text_field = vm["text-field"].as<std::string>();
  batch.reader.url_field = vm["url-field"].as<std::string>();
  if (vm.count("max-record-bytes")) {
    batch.reader.max_record_bytes = vm["max-record-bytes"].as<size_t>();
  }
  if (batch.inputs.empty()) batch.inputs.push_back("-");

  std::unique_ptr<Extractor> extractor;
  s = Extractor::Create(options, &extractor);
  if (!s.ok()) {
    Error(s.message());
    return kExitUsage;
  }
  // After the rules compiled and before any input is read: an unusable -o
  // fails once here, not once per record.
  if (!batch.out_dir.empty()) {
    s = PrepareOutputDir(batch.out_dir);
    if (!s.ok()) {
      Error("-o " + s.message());
      return kExitUsage;
    }
  }
  // The process ends with the batch: the extractor is left to the exit
  // rather than freed (1.3 million instructions, 7% of cleaning one small
  // page), but kept reachable, so that LeakSanitizer sees no leak
  // (volatile: the optimiser dropped the store to a pointer never read).
  static Extractor* volatile kept;
  kept = extractor.release();
  return RunBatch(*kept, batch);
}

}  // namespace
}  // namespace cli
}  // namespace winnow

int main(int argc, char** argv) {
  // A closed stdout shows up as EPIPE from write(), which the sink handles.
  signal(SIGPIPE, SIG_IGN);
  // Past `ulimit -f` a write fails with EFBIG, which names the record,
  // instead of the process dying of SIGXFSZ without a word.
  signal(SIGXFSZ, SIG_IGN);
  using namespace winnow::cli;
  if (argc >= 2) {
    const std::string cmd = argv[1];
    if (cmd == "rules") return RunRulesCommand(argc - 1, argv + 1);
    if (cmd == "test") return RunTestCommand(argc - 1, argv + 1);
    if (cmd == "eval") return RunEvalCommand(argc - 1, argv + 1);
    if (cmd == "explain") return RunExtract(argc - 1, argv + 1, true);
  }
  return RunExtract(argc, argv, false);
}
