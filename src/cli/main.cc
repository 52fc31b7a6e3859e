// Copyright winnow authors. Licensed under the MIT licence.
//
// The `winnow` command: a thin layer over the library. Reading inputs,
// extracting, and writing are separate steps with one direction of flow.

#include <signal.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/common.h"
#include "cli/sink.h"
#include "winnow/winnow.h"

namespace winnow {
namespace cli {
namespace {

constexpr char kUsage[] =
    "usage: winnow [OPTIONS] [INPUT...]\n"
    "       winnow explain [OPTIONS] [INPUT...]\n"
    "       winnow test [--update] [DIR...]\n"
    "       winnow eval [OPTIONS] CORPUS\n"
    "       winnow rules check PATH...\n"
    "\n"
    "Strips boilerplate (navigation, banners, share bars, comments, footers)\n"
    "from web pages and prints the article text. With no INPUT, or '-',\n"
    "reads standard input.\n"
    "\n"
    "Exit status: 0 success, 1 an input failed (the others are still\n"
    "processed), 2 usage error or a rule file that does not compile.\n";

int RunExtract(int argc, char** argv, bool explain_command) {
  po::options_description desc("Options");
  desc.add_options()
      ("help,h", "show this help")
      ("version,V", "print the version")
      ("from", po::value<std::string>()->default_value("auto"),
       "input kind: auto|html|text")
      ("to", po::value<std::string>()->default_value("text"),
       "output: text|markdown (with --explain: text|jsonl)")
      ("url", po::value<std::string>()->default_value(""),
       "the page's address (scopes site rules)")
      ("explain", "print every block with its label, score and rules");
  AddExtractionFlags(&desc);
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(), "");
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("input", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv)
                  .options(all)
                  .positional(pos)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    Error(std::string(e.what()) + " (see winnow --help)");
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << kUsage << "\n" << desc;
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
  const std::string from = vm["from"].as<std::string>();
  ContentKind kind;
  if (from == "auto") {
    kind = ContentKind::kAuto;
  } else if (from == "html") {
    kind = ContentKind::kHtml;
  } else if (from == "text") {
    kind = ContentKind::kText;
  } else {
    Error("--from must be auto, html or text, not '" + from + "'");
    return kExitUsage;
  }
  const bool explain = explain_command || vm.count("explain");
  const std::string to = vm["to"].as<std::string>();
  bool jsonl = false;
  if (to == "markdown") {
    options.format = TextFormat::kMarkdown;
  } else if (to == "jsonl" && explain) {
    jsonl = true;
  } else if (to != "text") {
    Error("--to must be text or markdown" +
          std::string(explain ? " (or jsonl with --explain)" : "") +
          ", not '" + to + "'");
    return kExitUsage;
  }
  options.explain = explain;

  std::unique_ptr<Extractor> extractor;
  s = Extractor::Create(options, &extractor);
  if (!s.ok()) {
    Error(s.message());
    return kExitUsage;
  }

  std::vector<std::string> inputs;
  if (vm.count("input")) inputs = vm["input"].as<std::vector<std::string>>();
  if (inputs.empty()) inputs.push_back("-");

  Sink out(1);
  int status = kExitOk;
  std::string bytes, text;
  Extraction ex;
  for (size_t i = 0; i < inputs.size() && !out.closed(); ++i) {
    const std::string& name = inputs[i];
    s = ReadFile(name, &bytes);
    if (s.ok()) {
      Input input;
      input.bytes = bytes;
      input.url = vm["url"].as<std::string>();
      input.kind = kind;
      s = extractor->Extract(input, &ex);
    }
    if (!s.ok()) {
      Error((name == "-" ? std::string("<stdin>") : name) + ": " + s.message());
      status = kExitInputFailed;
      continue;
    }
    text.clear();
    if (explain) {
      if (inputs.size() > 1 && !jsonl) text += "==> " + name + " <==\n";
      AppendExplain(ex, jsonl, &text);
    } else {
      // Several inputs: records end with a form-feed line, so that a reader
      // can split them without guessing.
      text = ex.text;
      if (inputs.size() > 1) text += "\f\n";
    }
    out.Write(text);
  }
  out.Flush();
  if (out.closed() && !out.broken_pipe()) {
    Error("cannot write output");
    return kExitInputFailed;
  }
  return status;
}

}  // namespace
}  // namespace cli
}  // namespace winnow

int main(int argc, char** argv) {
  // A closed stdout shows up as EPIPE from write(), which the sink handles.
  signal(SIGPIPE, SIG_IGN);
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
