// Copyright winnow authors. Licensed under the MIT licence.
//
// language_accuracy DIR: one tab-separated line per page below DIR (name
// order): file, the stop-list language (Extraction::lang), the ISO code
// (Extraction::language) and canonical_url. bench/language_accuracy.py
// scores them against the country domain or <html lang>.

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "winnow/winnow.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: language_accuracy DIR\n");
    return 2;
  }
  namespace fs = std::filesystem;
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator(argv[1])) {
    if (e.is_regular_file()) paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  std::unique_ptr<winnow::Extractor> ex;
  if (!winnow::Extractor::Create(winnow::Options(), &ex).ok()) return 1;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
    winnow::Input input;
    input.bytes = bytes;
    winnow::Extraction out;
    if (!ex->Extract(input, &out).ok()) continue;
    std::printf("%s\t%s\t%s\t%s\n", p.filename().c_str(), out.lang.c_str(),
                out.language.c_str(), out.canonical_url.c_str());
  }
  return 0;
}
