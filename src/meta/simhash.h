// Copyright winnow authors. Licensed under the MIT licence.
//
// A 64-bit SimHash (Charikar 2002) of a text, for near-duplicate detection:
// texts that share most of their word shingles are a small Hamming distance
// apart; unrelated texts about 32 bits.
//
// Features: the text's words (lang/words.h, as SplitWords cuts them:
// lower-cased runs of letters and digits) taken three at a time,
// overlapping ("a b c", "b c d"
// ...), each weighted 1; a text of fewer than three words has one feature,
// all its words. Hash: 64-bit FNV-1a of the shingle's words joined by a
// space, finished with splitmix64's mixer so that every bit is balanced.
// Each output bit is 1 when more features have it 1 than 0.

#ifndef WINNOW_META_SIMHASH_H_
#define WINNOW_META_SIMHASH_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow {

// The SimHash of `utf8`; 0 for a text without words. Linear.
uint64_t SimHash(std::string_view utf8);

// `hash` as 16 lower-case hex digits.
std::string HexFingerprint(uint64_t hash);

// The number of bits in which two fingerprints differ.
int HammingDistance(uint64_t a, uint64_t b);

}  // namespace winnow

#endif  // WINNOW_META_SIMHASH_H_
