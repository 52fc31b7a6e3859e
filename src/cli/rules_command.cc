// Copyright winnow authors. Licensed under the MIT licence.
//
// `winnow rules check PATH...` lints rule files; `winnow rules list` prints
// the rules that would be loaded.

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/common.h"
#include "rules/rules.h"

namespace winnow {
namespace cli {
namespace {

const char* TargetName(Target t) {
  switch (t) {
    case Target::kText: return "text";
    case Target::kTag: return "tag";
    case Target::kClass: return "class";
    case Target::kId: return "id";
    case Target::kRole: return "role";
    case Target::kAria: return "aria";
    case Target::kAttr: return "attr";
  }
  return "?";
}

std::string ActionName(const Rule& r) {
  switch (r.action) {
    case Action::kDrop: return "drop";
    case Action::kKeep: return "keep";
    case Action::kSubtree: return "subtree";
    case Action::kCut: return "cut";
    case Action::kCaption: return "caption";
    case Action::kScore: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%+g", r.shift);
      return buf;
    }
  }
  return "?";
}

constexpr char kRulesUsage[] =
    "usage: winnow rules check [--no-default-rules] PATH...\n"
    "           lint rule files and folders, together with the rules built\n"
    "           into winnow (an ID one of them has is a duplicate)\n"
    "       winnow rules list [--rules PATH] [--no-default-rules]\n"
    "           print the rules that would load\n"
    "Problems are printed as FILE:LINE:COL: message; exit 2 if any.\n";

// `rules check`: lints `paths`, with the built-in rules when `with_defaults`.
int RunCheck(const std::vector<std::string>& paths, bool with_defaults) {
  if (paths.empty()) {
    Error("rules check needs at least one file or folder");
    return kExitUsage;
  }
  std::vector<RuleDiagnostic> diags;
  RuleSet::Check(paths, with_defaults, &diags);
  for (const RuleDiagnostic& d : diags) {
    std::fprintf(stderr, "%s\n", d.ToString().c_str());
  }
  if (!diags.empty()) {
    std::fprintf(stderr, "%zu problem%s\n", diags.size(),
                 diags.size() == 1 ? "" : "s");
    return kExitUsage;
  }
  return kExitOk;
}

// `rules list`: the rules that `options` would load.
int RunList(const Options& options) {
  std::unique_ptr<RuleSet> rules;
  Status s = RuleSet::Load(options, &rules);
  if (!s.ok()) {
    Error(s.message());
    return kExitUsage;
  }
  for (size_t i = 0; i < rules->size(); ++i) {
    const Rule& r = rules->rule(static_cast<int>(i));
    std::printf("%-40s %-6s %-8s %s:%d%s%s\n", r.id.c_str(),
                TargetName(r.target), ActionName(r).c_str(), r.file.c_str(),
                r.line, r.site.empty() ? "" : "  site=", r.site.c_str());
  }
  return kExitOk;
}

}  // namespace

int RunRulesCommand(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" ||
      std::string(argv[1]) == "-h") {
    std::fputs(kRulesUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? kExitUsage : kExitOk;
  }
  const std::string verb = argv[1];
  if (verb != "check" && verb != "list") {
    Error("unknown rules command '" + verb + "'\n" + kRulesUsage);
    return kExitUsage;
  }
  // argv without "rules": the verb stands where Boost expects the program.
  po::options_description desc;
  desc.add_options()
      ("rules", po::value<std::vector<std::string>>()->composing(), "")
      ("no-default-rules", "")("help,h", "");
  po::variables_map vm;
  if (!ParseCommandLine(argc - 1, argv + 1, desc, "path", "winnow rules",
                        &vm)) {
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::fputs(kRulesUsage, stdout);
    return kExitOk;
  }
  std::vector<std::string> paths;
  if (vm.count("path")) paths = vm["path"].as<std::vector<std::string>>();
  Options options;
  if (vm.count("rules")) {
    options.rule_paths = vm["rules"].as<std::vector<std::string>>();
  }
  options.default_rules = vm.count("no-default-rules") == 0;
  if (verb == "check") {
    // --rules PATH is one more PATH to check.
    paths.insert(paths.end(), options.rule_paths.begin(),
                 options.rule_paths.end());
    return RunCheck(paths, options.default_rules);
  }
  if (!paths.empty()) {
    Error("rules list takes no PATH (use --rules PATH)");
    return kExitUsage;
  }
  return RunList(options);
}

}  // namespace cli
}  // namespace winnow
