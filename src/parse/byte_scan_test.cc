// Copyright winnow authors. Licensed under the MIT licence.
//
// The fast paths over a page's bytes in src/parse (sixteen bytes at a
// time: the guard's ParserCopiesUnchanged, the strip's whitespace runs) against
// byte-by-byte references written here: a byte that matters must be found at
// every position of buffers around the block size, including the last block,
// which overlaps the one before.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "parse/guard.h"
#include "parse/guard_internal.h"
#include "parse/guard_test_util.h"
#include "parse/prestrip.h"
#include "parse/scanner.h"
#include "util/byte_test_util.h"
#include "util/utf8.h"

namespace winnow {
namespace {

// The reference for guard::ParserCopiesUnchanged: a code point at a time.
bool SlowParserCopiesUnchanged(std::string_view raw) {
  for (size_t i = 0; i < raw.size();) {
    const uint32_t cp = NextCodePoint(raw, &i);
    if (cp == '&' || cp == 0x7F ||
        (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f') ||
        (cp >= 0x80 && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
        (cp & 0xFFFE) == 0xFFFE) {
      return false;
    }
  }
  return true;
}

// Lengths around one and two blocks of 16; positions 0 to 17 and the last
// few (in the overlapping last block).
std::vector<std::pair<size_t, size_t>> LengthsAndPositions(size_t piece) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t length : {1, 2, 7, 8, 9, 12, 15, 16, 17, 18, 20, 24, 31, 32, 33,
                        40, 47, 48, 49}) {
    if (length < piece) continue;
    for (size_t at = 0; at + piece <= length; ++at) {
      if (at < 18 || at + piece + 3 > length) out.emplace_back(length, at);
    }
  }
  return out;
}

// What Gumbo changes: a reference, CR, NUL and other controls, DEL, C1
// controls (U+0080, U+0085, U+009F) and noncharacters (U+FDD0, U+FDEF,
// U+FFFE, U+FFFF, U+1FFFF, U+10FFFE).
const std::vector<std::string>& ChangedPieces() {
  static const std::vector<std::string> pieces = {"&",
                                                  "\r",
                                                  std::string(1, '\0'),
                                                  "\x01",
                                                  "\x0B",
                                                  "\x1F",
                                                  "\x7F",
                                                  "\xC2\x80",
                                                  "\xC2\x85",
                                                  "\xC2\x9F",
                                                  "\xEF\xB7\x90",
                                                  "\xEF\xB7\xAF",
                                                  "\xEF\xBF\xBE",
                                                  "\xEF\xBF\xBF",
                                                  "\xF0\x9F\xBF\xBF",
                                                  "\xF4\x8F\xBF\xBE"};
  return pieces;
}

// What it copies: tab, LF, FF, space, '~', and code points beside the
// ones above (U+00A0, U+00E9, U+FDCF, U+FFFD, U+4E2D, U+1F600).
const std::vector<std::string>& CopiedPieces() {
  static const std::vector<std::string> pieces = {"\t",
                                                  "\n",
                                                  "\f",
                                                  " ",
                                                  "~",
                                                  "\xC2\xA0",
                                                  "\xC3\xA9",
                                                  "\xEF\xB7\x8F",
                                                  "\xEF\xBF\xBD",
                                                  "\xE4\xB8\xAD",
                                                  "\xF0\x9F\x98\x80"};
  return pieces;
}

TEST(ParserCopiesUnchangedTest, AnswersExactlyWhateverThePosition) {
  for (const bool copied : {false, true}) {
    for (const std::string& piece : copied ? CopiedPieces() : ChangedPieces()) {
      for (auto [length, at] : LengthsAndPositions(piece.size())) {
        const std::string s = WithPieceAt(length, at, piece);
        EXPECT_EQ(guard::ParserCopiesUnchanged(s), copied)
            << "length " << length << " at " << at << " byte "
            << static_cast<int>(static_cast<unsigned char>(piece[0]));
      }
    }
  }
}

TEST(ParserCopiesUnchangedTest, AChangeAfterCopiedNonAsciiIsFound) {
  // Non-ASCII runs are read a code point at a time, then the fast path
  // resumes: a change anywhere after them still counts.
  const std::string cjk = "\xE4\xB8\xAD\xE6\x96\x87";  // two characters
  for (size_t length = 20; length <= 40; ++length) {
    for (size_t at = 7; at + 1 <= length; ++at) {
      std::string s = WithPieceAt(length, 0, cjk);
      s.replace(at, 1, "\r");
      EXPECT_FALSE(guard::ParserCopiesUnchanged(s)) << length << " " << at;
      s.replace(at, 1, "\n");
      EXPECT_TRUE(guard::ParserCopiesUnchanged(s)) << length << " " << at;
    }
  }
}

TEST(ParserCopiesUnchangedTest, RandomTextMatchesTheReference) {
  std::mt19937 rng(17);
  const std::vector<std::string> alphabet = {"a",
                                             " ",
                                             "\n",
                                             "\t",
                                             "&",
                                             "\r",
                                             "\x01",
                                             "\x7F",
                                             "\xC3\xA9",
                                             "\xC2\x85",
                                             "\xEF\xBF\xBE",
                                             "\xE4\xB8\xAD",
                                             "\xF0\x9F\x98\x80"};
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const size_t length = rng() % 50;
    while (s.size() < length) {
      // Mostly letters, so that most strings are copied.
      s += rng() % 16 == 0 ? alphabet[rng() % alphabet.size()] : "x";
    }
    ASSERT_EQ(guard::ParserCopiesUnchanged(s), SlowParserCopiesUnchanged(s))
        << round;
  }
}

TEST(ParserCopiesUnchangedTest, TextWithACarriageReturnIsNotSetAside) {
  // The whole pass: a run with a CR anywhere stays; one without becomes a
  // placeholder.
  for (size_t at = 0; at < 33; ++at) {
    std::string run = WithPieceAt(33, at, "\r");
    SetAsideValues aside;
    std::string out;
    GuardReport report;
    GuardHtml("<p>" + run + "</p>", Options(), &out, &report, &aside);
    EXPECT_EQ(out, "<p>" + run + "</p>") << at;
    run[at] = '\n';
    GuardHtml("<p>" + run + "</p>", Options(), &out, &report, &aside);
    EXPECT_NE(out, "<p>" + run + "</p>") << at;
    EXPECT_NE(out.find(SetAsideValues::kMarkLead), std::string::npos) << at;
  }
}

// The guard's copy: a NUL becomes U+FFFD and a numeric reference out of
// range "&#0;" too, wherever they are in a run; the bytes after the run
// (read in the same block) are not taken for its own.
TEST(GuardCopyTextTest, ReplacesANulOrAZeroReferenceWhateverThePosition) {
  const std::string after = std::string("</p><a title='&amp;'>\0z", 23);
  const std::string after_out = "</p><a title='&amp;'>\xEF\xBF\xBDz";
  for (const std::string& piece : {std::string(1, '\0'), std::string("&#0;"),
                                   std::string("&amp;"), std::string("&#65")}) {
    const bool replaced = piece.size() == 1 || piece == "&#0;";
    for (auto [length, at] : LengthsAndPositions(piece.size())) {
      const std::string text = WithPieceAt(length, at, piece);
      std::string expected = text;
      if (replaced) expected.replace(at, piece.size(), "\xEF\xBF\xBD");
      EXPECT_EQ(testing_guard::Guarded("<p>" + text + after),
                "<p>" + expected + after_out)
          << "length " << length << " at " << at;
    }
  }
}

// The reference for the strip's whitespace runs: every run of two or more
// HTML whitespace bytes keeps its first.
std::string SlowCollapse(std::string_view text) {
  auto is_space = [](char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
  };
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && is_space(text[i]) && is_space(text[i - 1])) continue;
    out += text[i];
  }
  return out;
}

std::string Stripped(std::string_view html) {
  std::string out;
  PrestripHtml(html, &out);
  return out;
}

TEST(PrestripSpaceTest, CollapsesAPairOfSpacesWhateverThePosition) {
  // Each pair once in words joined by single spaces, once in letters.
  for (const std::string pair : {"  ", "\n\t", "\r\n", " \f", "\t\t\t"}) {
    for (auto [length, at] : LengthsAndPositions(pair.size())) {
      for (const bool words : {false, true}) {
        std::string text = WithPieceAt(length, 0, "");
        if (words) {
          for (size_t k = 3; k < length; k += 4) text[k] = ' ';
        }
        text.replace(at, pair.size(), pair);
        EXPECT_EQ(Stripped("<p>" + text + "</p>"),
                  "<p>" + SlowCollapse(text) + "</p>")
            << "length " << length << " at " << at;
        EXPECT_LT(SlowCollapse(text).size(), text.size());
      }
    }
  }
}

TEST(PrestripSpaceTest, KeepsSingleSpacesAndOtherBytes) {
  // A space beside a byte that is not HTML whitespace (vertical tab, NBSP,
  // NUL) is not a run.
  for (const std::string& pair : {std::string(" \v"), std::string("\xA0 "),
                                  std::string("\0 ", 2), std::string(" a ")}) {
    for (auto [length, at] : LengthsAndPositions(pair.size())) {
      const std::string text = WithPieceAt(length, at, pair);
      EXPECT_EQ(Stripped("<p>" + text + "</p>"), "<p>" + text + "</p>")
          << "length " << length << " at " << at;
    }
  }
}

TEST(PrestripSpaceTest, RandomTextMatchesTheReference) {
  std::mt19937 rng(17);
  const std::string alphabet("ab \n\t\f\r\v\xA0", 9);
  for (int round = 0; round < 3000; ++round) {
    std::string text(rng() % 50, 'x');
    for (char& c : text) c = alphabet[rng() % alphabet.size()];
    ASSERT_EQ(Stripped("<p>" + text + "</p>"),
              "<p>" + SlowCollapse(text) + "</p>")
        << round;
  }
}

TEST(ScannerBytesTest, SetsHoldExactlyTheirBytes) {
  // Every byte value, the high ones too (a mask only covers bytes below 64).
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const bool space =
        c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    EXPECT_EQ(scan::IsSpace(c), space) << b;
    EXPECT_EQ(scan::EndsName(c), space || c == '/' || c == '>') << b;
    EXPECT_EQ(scan::InSet(c, scan::kAttributeNameEnds),
              space || c == '/' || c == '>' || c == '=')
        << b;
    EXPECT_EQ(scan::InSet(c, scan::kUnquotedValueEnds), space || c == '>') << b;
  }
}

}  // namespace
}  // namespace winnow
