// Copyright winnow authors. Licensed under the MIT licence.

#include "meta/simhash.h"

#include <array>
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

// kSpread[x]: byte i is bit i of x (0 or 1).
constexpr std::array<uint64_t, 256> MakeSpread() {
  std::array<uint64_t, 256> t{};
  for (int x = 0; x < 256; ++x) {
    for (int i = 0; i < 8; ++i) t[x] |= uint64_t((x >> i) & 1) << (8 * i);
  }
  return t;
}
constexpr std::array<uint64_t, 256> kSpread = MakeSpread();

// How many of the hashes added have each bit set. Eight bit counts share a
// 64-bit word, a byte each, so that a hash is eight additions, not 64; the
// bytes go to the totals before they can overflow.
class BitCounts {
 public:
  void Add(uint64_t h) {
    for (int j = 0; j < 8; ++j) packed_[j] += kSpread[(h >> (8 * j)) & 0xFF];
    if (++pending_ == 255) Flush();
  }
  // [b]: the number of hashes added with bit b set, b in 0..63.
  const uint64_t* Totals() {
    Flush();
    return ones_;
  }

 private:
  void Flush() {
    for (int j = 0; j < 8; ++j) {
      for (int i = 0; i < 8; ++i)
        ones_[8 * j + i] += (packed_[j] >> (8 * i)) & 0xFF;
      packed_[j] = 0;
    }
    pending_ = 0;
  }

  uint64_t packed_[8] = {};  // byte i of packed_[j]: bit 8j+i
  int pending_ = 0;
  uint64_t ones_[64] = {};
};

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
  BitCounts counts;
  auto add_shingle = [&](size_t first, size_t k) {
    uint64_t h = kFnvOffset;
    for (size_t j = 0; j < k; ++j) {
      if (j) h = Fnv(" ", h);
      h = Fnv(last[(first + j) % kShingle], h);
    }
    counts.Add(Mix(h));
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
  const uint64_t shingles = n < kShingle ? 1 : n - kShingle + 1;
  const uint64_t* ones = counts.Totals();
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
