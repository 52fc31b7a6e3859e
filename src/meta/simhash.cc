// Copyright winnow authors. Licensed under the MIT licence.

#include "meta/simhash.h"

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

// How many of the hashes added have each bit set. The counts are kept
// bit-sliced: plane k holds bit k of all 64 counts, so that adding a hash
// is a ripple-carry add of one bit into 64 counters at once (eight ANDs
// and XORs), not 64 additions; the planes go to the totals before they
// can overflow.
class BitCounts {
 public:
  void Add(uint64_t h) {
    uint64_t carry = h;
    for (int k = 0; k < kPlanes; ++k) {
      const uint64_t next = planes_[k] & carry;
      planes_[k] ^= carry;
      carry = next;
    }
    if (++pending_ == kMaxPending) Flush();
  }
  // [b]: the number of hashes added with bit b set, b in 0..63.
  const uint64_t* Totals() {
    Flush();
    return ones_;
  }

 private:
  static constexpr int kPlanes = 8;
  static constexpr int kMaxPending = (1 << kPlanes) - 1;

  void Flush() {
    for (int k = 0; k < kPlanes; ++k) {
      for (uint64_t bits = planes_[k]; bits != 0; bits &= bits - 1) {
        ones_[__builtin_ctzll(bits)] += uint64_t{1} << k;
      }
      planes_[k] = 0;
    }
    pending_ = 0;
  }

  uint64_t planes_[kPlanes] = {};  // bit b of planes_[k]: bit k of count b
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
