// Copyright winnow authors. Licensed under the MIT licence.

#include "meta/simhash.h"

#include <cstdint>

#include "lang/words.h"

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
  // One pass over the words, no copy of the text: the last three words are
  // kept as views, into `utf8` where the word is there as it is (lower-case
  // ASCII, most words), else into a copy of their own.
  constexpr size_t kShingle = 3;
  std::string scratch;
  std::string own[kShingle];
  std::string_view last[kShingle];  // word n in last[n % kShingle]
  size_t n = 0;
  // ones[b]: how many shingles have bit b set.
  uint32_t ones[64] = {};
  auto add_shingle = [&](size_t first, size_t k) {
    uint64_t h = kFnvOffset;
    for (size_t j = 0; j < k; ++j) {
      if (j) h = Fnv(" ", h);
      h = Fnv(last[(first + j) % kShingle], h);
    }
    h = Mix(h);
    for (int b = 0; b < 64; ++b) ones[b] += (h >> b) & 1;
  };
  const uintptr_t begin = reinterpret_cast<uintptr_t>(utf8.data());
  words::ForEachWord(utf8, &scratch, [&](std::string_view w) {
    const size_t slot = n % kShingle;
    const uintptr_t at = reinterpret_cast<uintptr_t>(w.data());
    if (at >= begin && at - begin < utf8.size()) {
      last[slot] = w;
    } else {
      own[slot].assign(w.data(), w.size());
      last[slot] = own[slot];
    }
    ++n;
    if (n >= kShingle) add_shingle(n - kShingle, kShingle);
  });
  if (n == 0) return 0;
  // Fewer words than a shingle: one feature, all of them.
  if (n < kShingle) add_shingle(0, n);
  const uint32_t shingles = n < kShingle ? 1 : static_cast<uint32_t>(n - kShingle + 1);
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    // More shingles with the bit 1 than with it 0.
    if (2 * ones[b] > shingles) out |= uint64_t{1} << b;
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
