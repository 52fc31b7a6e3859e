// Copyright winnow authors. Licensed under the MIT licence.

#include "meta/simhash.h"

#include <vector>

#include "lang/lang.h"

namespace winnow {
namespace {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

uint64_t Fnv(std::string_view s, uint64_t h) {
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

uint64_t SimHash(std::string_view utf8) {
  std::vector<std::string> words;
  SplitWords(utf8, &words);
  if (words.empty()) return 0;
  const size_t k = words.size() < 3 ? words.size() : 3;
  int counts[64] = {};
  for (size_t i = 0; i + k <= words.size(); ++i) {
    uint64_t h = kFnvOffset;
    for (size_t j = 0; j < k; ++j) {
      if (j) h = Fnv(" ", h);
      h = Fnv(words[i + j], h);
    }
    h = Mix(h);
    for (int b = 0; b < 64; ++b) counts[b] += (h >> b) & 1 ? 1 : -1;
  }
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (counts[b] > 0) out |= uint64_t{1} << b;
  }
  return out;
}

std::string HexFingerprint(uint64_t hash) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) out[i] = kHex[hash & 15];
  return out;
}

int HammingDistance(uint64_t a, uint64_t b) {
  return __builtin_popcountll(a ^ b);
}

}  // namespace winnow
