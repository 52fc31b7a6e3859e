// Copyright winnow authors. Licensed under the MIT licence.

#include "meta/simhash.h"

#include <array>
#include <cstdint>
#include <string>

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
  // One pass over the words, none of them kept: the FNV-1a states of the
  // three shingles a word belongs to (the ones that start two words back,
  // one word back and at the word) take its bytes side by side, three
  // independent chains of multiplies that the processor overlaps.
  constexpr size_t kShingle = 3;
  // The states of the shingles that started two words back (a) and one
  // word back (b); each word starts one more (c), and then they move down
  // a place (no index arithmetic a word).
  uint64_t a = 0, b = 0;
  size_t n = 0;
  BitCounts counts;
  std::string scratch;
  words::ForEachWord(utf8, &scratch, [&](std::string_view w) {
    // Before words 0 and 1, a and b belong to no shingle yet: what they
    // take is thrown away when their shingle starts.
    a = Fnv(" ", a);
    b = Fnv(" ", b);
    uint64_t c = kFnvOffset;
    for (unsigned char byte : w) {
      a = (a ^ byte) * kFnvPrime;
      b = (b ^ byte) * kFnvPrime;
      c = (c ^ byte) * kFnvPrime;
    }
    ++n;
    if (n >= kShingle) counts.Add(Mix(a));  // a holds three words now
    a = b;
    b = c;
  });
  if (n == 0) return 0;
  // Fewer words than a shingle: one feature, all of them (the state that
  // started at word 0: after one word it is b, after two a).
  if (n < kShingle) counts.Add(Mix(n == 1 ? b : a));
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
