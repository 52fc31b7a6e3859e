// Copyright winnow authors. Licensed under the MIT licence.

#include "eval/corpus.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace winnow {

std::string CorpusFingerprint(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  uint64_t h = 14695981039346656037ull;  // FNV-1a offset basis
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 1099511628211ull;  // FNV prime
  };
  for (const std::string& name : names) {
    for (char c : name) mix(static_cast<unsigned char>(c));
    mix('\n');
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "%zu:%016llx", names.size(),
                static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace winnow
