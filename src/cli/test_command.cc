// Copyright winnow authors. Licensed under the MIT licence.
//
// `winnow test [DIR...]`: golden tests. Every NAME.html / NAME.htm /
// NAME.txt beside a NAME.expected.txt is extracted (with NAME.url as its
// address when present) and compared byte for byte. A NAME.expected.json
// (an object) also checks the metadata fields it names (meta/
// metadata_format.h; null or "" expects the field absent).

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/common.h"
#include "cli/diff.h"
#include "meta/metadata_format.h"
#include "util/json.h"

namespace winnow {
namespace cli {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

struct Case {
  std::string input;     // path of the page
  std::string stem;      // path without extension
  ContentKind kind;
};

// The cases in `dir` (not recursive), sorted by name.
Status ListCases(const std::string& dir, std::vector<Case>* cases) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return Status::NotFound(dir + ": not a readable folder");
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) names.push_back(e->d_name);
  ::closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (EndsWith(name, ".expected.txt")) continue;
    std::string stem;
    ContentKind kind;
    if (EndsWith(name, ".html")) {
      stem = name.substr(0, name.size() - 5);
      kind = ContentKind::kHtml;
    } else if (EndsWith(name, ".htm")) {
      stem = name.substr(0, name.size() - 4);
      kind = ContentKind::kHtml;
    } else if (EndsWith(name, ".txt")) {
      stem = name.substr(0, name.size() - 4);
      kind = ContentKind::kText;
    } else {
      continue;
    }
    const std::string base = dir + "/" + stem;
    if (!Exists(base + ".expected.txt")) continue;
    cases->push_back({dir + "/" + name, base, kind});
  }
  return Status::OK();
}

// Compares the fields that `expected` (NAME.expected.json, an object)
// names with those of `ex`; appends a line per mismatch to *report:
// "  FIELD: expected X, got Y". An unknown field is a mismatch too.
bool MetadataMatches(const JsonValue& expected, const Extraction& ex,
                     std::string* report) {
  bool ok = true;
  for (const JsonMember& m : expected.members()) {
    JsonValue got;
    std::string want_json = ToJson(m.value);
    if (m.value.is_string() && m.value.str().empty()) want_json = "null";
    if (!MetadataField(ex, m.key, &got)) {
      *report += "  " + m.key + ": not a metadata field\n";
      ok = false;
      continue;
    }
    const std::string got_json = ToJson(got);
    if (got_json != want_json) {
      *report += "  " + m.key + ": expected " + want_json + ", got " +
                 got_json + "\n";
      ok = false;
    }
  }
  return ok;
}

}  // namespace

int RunTestCommand(int argc, char** argv) {
  po::options_description desc("winnow test [OPTIONS] [DIR...]");
  desc.add_options()
      ("help,h", "show this help")
      ("update", "write the current output as the expectation");
  AddExtractionFlags(&desc);
  po::variables_map vm;
  if (!ParseCommandLine(argc, argv, desc, "dir", "winnow test", &vm)) {
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << "Golden tests: every NAME.html, NAME.htm or NAME.txt with a\n"
                 "NAME.expected.txt (and optionally NAME.url) is extracted and\n"
                 "compared; a failure prints a unified diff. A NAME.expected.json\n"
                 "object checks the metadata fields it names (null: absent).\n"
                 "Exit 1 if any fails.\n\n"
              << desc;
    return kExitOk;
  }
  Options options;
  Status s = ExtractionOptions(vm, &options);
  if (!s.ok()) {
    Error(s.message());
    return kExitUsage;
  }
  std::unique_ptr<Extractor> extractor;
  s = Extractor::Create(options, &extractor);
  if (!s.ok()) {
    Error(s.message());
    return kExitUsage;
  }
  std::vector<std::string> dirs;
  if (vm.count("dir")) dirs = vm["dir"].as<std::vector<std::string>>();
  if (dirs.empty()) dirs.push_back("samples");
  const bool update = vm.count("update") > 0;

  int passed = 0, failed = 0, updated = 0;
  for (std::string dir : dirs) {
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    std::vector<Case> cases;
    s = ListCases(dir, &cases);
    if (!s.ok()) {
      Error(s.message());
      ++failed;
      continue;
    }
    for (const Case& c : cases) {
      std::string bytes, expected, url;
      s = ReadFile(c.input, &bytes);
      if (s.ok()) s = ReadFile(c.stem + ".expected.txt", &expected);
      if (s.ok() && Exists(c.stem + ".url")) {
        s = ReadFile(c.stem + ".url", &url);
        while (!url.empty() && (url.back() == '\n' || url.back() == '\r' ||
                                url.back() == ' '))
          url.pop_back();
      }
      Extraction ex;
      if (s.ok()) {
        Input input;
        input.bytes = bytes;
        input.url = url;
        input.kind = c.kind;
        s = extractor->Extract(input, &ex);
      }
      if (!s.ok()) {
        std::printf("FAIL %s: %s\n", c.input.c_str(), s.message().c_str());
        ++failed;
        continue;
      }
      if (Exists(c.stem + ".expected.json")) {
        std::string json, report;
        JsonValue want;
        s = ReadFile(c.stem + ".expected.json", &json);
        if (s.ok()) s = ParseJson(json, &want);
        if (s.ok() && !want.is_object())
          s = Status::InvalidArgument("not a JSON object");
        if (!s.ok()) {
          std::printf("FAIL %s.expected.json: %s\n", c.stem.c_str(),
                      s.message().c_str());
          ++failed;
          continue;
        }
        if (!MetadataMatches(want, ex, &report)) {
          std::printf("FAIL %s: metadata\n%s", c.input.c_str(),
                      report.c_str());
          ++failed;
          continue;
        }
      }
      if (ex.text == expected) {
        ++passed;
        continue;
      }
      if (update) {
        std::ofstream f(c.stem + ".expected.txt", std::ios::binary);
        f << ex.text;
        std::printf("updated %s.expected.txt\n", c.stem.c_str());
        ++updated;
        ++passed;
        continue;
      }
      ++failed;
      std::printf("FAIL %s\n%s", c.input.c_str(),
                  UnifiedDiff(expected, ex.text, c.stem + ".expected.txt",
                              c.input + " (actual)")
                      .c_str());
    }
  }
  if (update && updated) std::printf("%d expectations updated\n", updated);
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed ? kExitInputFailed : kExitOk;
}

}  // namespace cli
}  // namespace winnow
