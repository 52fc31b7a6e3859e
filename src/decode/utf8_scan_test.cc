// Copyright winnow authors. Licensed under the MIT licence.
//
// The fast paths of the UTF-8 scans (sixteen bytes at a time) against
// byte-by-byte references written here: a stop byte at every position of
// buffers around the block size must be found exactly where it is.

#include "decode/utf8_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "decode/decode.h"
#include "decode/decode_test_util.h"
#include "util/byte_test_util.h"

namespace winnow {
namespace decode_internal {
namespace {

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// The reference for SkipAscii: one byte at a time. (ReferenceCleanEnd is
// that of SkipValidUtf8 and Utf8Scan::clean_end.)
size_t SlowSkipAscii(std::string_view s, size_t pos, bool stop_at_nul) {
  for (; pos < s.size(); ++pos) {
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c >= 0x80 || (stop_at_nul && c == 0)) break;
  }
  return pos;
}

bool SlowIsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Lengths around one and two blocks of 16 (and words of 8).
const std::vector<size_t>& Lengths() {
  static const std::vector<size_t> lengths = {1,  2,  7,  8,  9,  15, 16, 17,
                                              18, 23, 24, 31, 32, 33, 47, 48};
  return lengths;
}

// What stops the scans: a stray continuation byte, the highest byte, NUL,
// the lead byte of 'é', of '€' and of a four-byte sequence, and a C1
// control (U+0085, valid UTF-8).
const std::vector<std::string>& StopPieces() {
  static const std::vector<std::string> pieces = {
      "\x80",     "\xFF",         std::string(1, '\0'),
      "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
      "\xC2\x85"};
  return pieces;
}

TEST(Utf8ScanTest, SkipAsciiStopsAtEveryPosition) {
  for (size_t length : Lengths()) {
    for (size_t at = 0; at < length && at < 18; ++at) {
      for (const std::string& piece : StopPieces()) {
        const std::string s = WithPieceAt(length, at, piece);
        for (size_t from = 0; from <= at; from += 3) {
          for (bool nul : {false, true}) {
            EXPECT_EQ(SkipAscii(Bytes(s), from, s.size(), nul),
                      SlowSkipAscii(s, from, nul))
                << "length " << length << " at " << at << " from " << from
                << " stop_at_nul " << nul;
          }
        }
      }
    }
  }
}

TEST(Utf8ScanTest, SkipAsciiFindsAStopAtTheLastByte) {
  for (size_t length : Lengths()) {
    std::string s(length, 'x');
    s.back() = '\xE9';
    EXPECT_EQ(SkipAscii(Bytes(s), 0, s.size(), false), length - 1);
    s.back() = '\0';
    EXPECT_EQ(SkipAscii(Bytes(s), 0, s.size(), true), length - 1);
    EXPECT_EQ(SkipAscii(Bytes(s), 0, s.size(), false), length);
  }
}

TEST(Utf8ScanTest, SkipValidUtf8StopsAtEveryNulAndError) {
  // Valid pieces are skipped, invalid ones and NUL found where they start;
  // "\xE2\x82" is '€' cut off, and "\xED\xA0\x80" a surrogate.
  const std::vector<std::string> pieces = {
      std::string(1, '\0'), "\x80",         "\xFF",
      "\xE2\x82",           "\xED\xA0\x80", "\xC0\xAF",
      "\xC3\xA9",           "\xE2\x82\xAC", "\xC2\x85"};
  for (size_t length : Lengths()) {
    for (size_t at = 0; at < length && at < 18; ++at) {
      for (const std::string& piece : pieces) {
        const std::string s = WithPieceAt(length, at, piece);
        EXPECT_EQ(SkipValidUtf8(Bytes(s), 0, s.size()), ReferenceCleanEnd(s))
            << "length " << length << " at " << at;
      }
    }
  }
}

TEST(Utf8ScanTest, OneScanFindsWhatTheRepairPassWould) {
  const std::vector<std::string> pieces = {
      std::string(1, '\0'), "\x80", "\xFF", "\xE2\x82", "\xED\xA0\x80",
      "\xC3\xA9", "\xC2\x85", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
      // Sequences one after another, then a NUL, an error or a cut.
      std::string("\xC3\xA9\0\x80", 4), "\xE4\xB8\xAD\xE6\x96\x87\x80",
      std::string("\xE4\xB8\xAD\0", 4), "\xE4\xB8\xAD\xE6\x96"};
  for (size_t length : Lengths()) {
    for (size_t at = 0; at < length && at < 18; ++at) {
      for (const std::string& piece : pieces) {
        const std::string s = WithPieceAt(length, at, piece);
        const Utf8Scan scan = ScanUtf8(s);
        EXPECT_EQ(scan.clean_end, ReferenceCleanEnd(s))
            << "length " << length << " at " << at;
        EXPECT_EQ(scan.ascii, SlowIsAscii(s))
            << "length " << length << " at " << at;
      }
    }
  }
}

TEST(Utf8ScanTest, CleanEndIsTheFirstOfANulAndAnError) {
  // The NUL first: later errors do not move clean_end.
  std::string s = std::string(20, 'a') + '\0' + std::string(20, 'b') + "\x80";
  EXPECT_EQ(ScanUtf8(s).clean_end, 20u);
  EXPECT_EQ(ScanUtf8(s).errors, 1u);
  // The error first: a NUL after it does not move it either.
  s = std::string(20, 'a') + "\x80" + std::string(20, 'b') + '\0';
  EXPECT_EQ(ScanUtf8(s).clean_end, 20u);
  // A cut-off tail is not an error but is still to repair.
  s = std::string(20, 'a') + "\xE2\x82";
  EXPECT_EQ(ScanUtf8(s).errors, 0u);
  EXPECT_EQ(ScanUtf8(s).clean_end, 20u);
  EXPECT_FALSE(ScanUtf8(s).ascii);
}

TEST(Utf8ScanTest, CleanEndAndAsciiExactWhenTheScanGivesUp) {
  // Windows-1252 text: the scan stops early, at the first bytes.
  const std::string s =
      std::string(5, 'a') + std::string(1, '\0') + "\xE9t\xE9 \xE0 la plage";
  const Utf8Scan scan = ScanUtf8(s);
  EXPECT_TRUE(scan.gave_up);
  EXPECT_EQ(scan.clean_end, 5u);
  EXPECT_FALSE(scan.ascii);
}

TEST(Utf8ScanTest, RandomBytesMatchTheReferences) {
  std::mt19937 rng(17);
  const std::string alphabet("ab\0\x80\xA9\xBF\xC3\xE2\x82\xAC\xED\xF0\x9F",
                             13);
  for (int round = 0; round < 2000; ++round) {
    std::string s(rng() % 40, 'a');
    // Mostly ASCII, so that the scan rarely gives up.
    for (char& c : s) {
      if (rng() % 8 == 0) c = alphabet[rng() % alphabet.size()];
    }
    const Utf8Scan scan = ScanUtf8(s);
    ASSERT_EQ(scan.clean_end, ReferenceCleanEnd(s)) << round;
    ASSERT_EQ(scan.ascii, SlowIsAscii(s)) << round;
    ASSERT_EQ(SkipValidUtf8(Bytes(s), 0, s.size()), ReferenceCleanEnd(s))
        << round;
  }
}

TEST(Utf8ScanTest, DecodeReplacesANulOrStrayByteAtEveryPosition) {
  for (size_t length : Lengths()) {
    for (size_t at = 0; at < length && at < 18; ++at) {
      for (const std::string& piece :
           {std::string(1, '\0'), std::string("\x80")}) {
        const std::string s = WithPieceAt(length, at, piece);
        const Decoded d = DecodeToUtf8(s, "text/html; charset=utf-8", true);
        std::string expected = s;
        expected.replace(at, 1, "\xEF\xBF\xBD");
        EXPECT_FALSE(d.borrowed);
        EXPECT_EQ(d.text(), expected) << "length " << length << " at " << at;
        EXPECT_EQ(d.replaced, 1u);
      }
    }
  }
}

TEST(Utf8ScanTest, DecodeUsesValidUtf8InPlaceWhereverItsNonAsciiIs) {
  for (size_t length : Lengths()) {
    for (size_t at = 0; at + 2 <= length && at < 18; ++at) {
      const std::string s = WithPieceAt(length, at, "\xC3\xA9");
      const Decoded d = DecodeToUtf8(s, "", true);
      EXPECT_TRUE(d.borrowed) << "length " << length << " at " << at;
      EXPECT_EQ(d.text(), s);
      EXPECT_EQ(d.encoding, "UTF-8");
    }
  }
}

TEST(Utf8ScanTest, AsciiUnderALegacyLabelIsUsedInPlace) {
  // Under windows-1250 (iconv, maps ASCII to itself) pure ASCII is a view;
  // one high byte anywhere makes it a conversion.
  const std::string ascii(33, 'q');
  EXPECT_TRUE(
      DecodeToUtf8(ascii, "text/html; charset=windows-1250", true).borrowed);
  for (size_t at = 0; at < 18; ++at) {
    const std::string s = WithPieceAt(33, at, "\xE9");
    const Decoded d = DecodeToUtf8(s, "text/html; charset=windows-1250", true);
    EXPECT_FALSE(d.borrowed) << at;
    std::string expected = s;
    expected.replace(at, 1, "\xC3\xA9");
    EXPECT_EQ(d.text(), expected) << at;
  }
}

}  // namespace
}  // namespace decode_internal
}  // namespace winnow
