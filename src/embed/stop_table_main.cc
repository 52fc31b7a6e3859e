// Copyright winnow authors. Licensed under the MIT licence.
//
// Build-time tool: writes the stop-word table (lang/stop_table.h) for the
// given lists, which winnow_embed then compiles into the binary.
//   winnow_stoptable OUT.bin LIST.txt...
// A language is named by its file ("English.txt" is "English"); languages
// are numbered in the order of their names.

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "embed/literal.h"
#include "lang/stop_table.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: winnow_stoptable OUT.bin LIST.txt...\n");
    return 2;
  }
  std::vector<std::string> files(argv + 2, argv + argc);
  std::sort(files.begin(), files.end());
  std::vector<std::string> contents;
  std::vector<std::pair<std::string, std::string_view>> lists;
  contents.reserve(files.size());
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "winnow_stoptable: cannot read %s\n", path.c_str());
      return 1;
    }
    contents.emplace_back(std::istreambuf_iterator<char>(in),
                          std::istreambuf_iterator<char>());
    std::string name = path.substr(path.find_last_of('/') + 1);
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0) {
      name.resize(name.size() - 4);
    }
    lists.emplace_back(name, contents.back());
  }
  if (lists.size() > static_cast<size_t>(winnow::StopTable::kMaxLanguages)) {
    std::fprintf(stderr, "winnow_stoptable: more than %d lists\n",
                 winnow::StopTable::kMaxLanguages);
    return 1;
  }
  const std::string table = winnow::StopTable::Build(lists);
  return winnow::WriteGeneratedFile(argv[1], table);
}
