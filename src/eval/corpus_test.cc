// Copyright winnow authors. Licensed under the MIT licence.

#include "eval/corpus.h"

#include <gtest/gtest.h>

namespace winnow {
namespace {

TEST(CorpusFingerprint, CountAndHashOfTheSortedNames) {
  // FNV-1a 64 of "a.html\nb.html\n".
  EXPECT_EQ(CorpusFingerprint({"b.html", "a.html"}), "2:dbf8133fe872f490");
  EXPECT_EQ(CorpusFingerprint({"a.html", "b.html"}), "2:dbf8133fe872f490");
  EXPECT_EQ(CorpusFingerprint({}), "0:cbf29ce484222325");
  EXPECT_EQ(CorpusFingerprint({"a"}).substr(0, 2), "1:");
}

TEST(CorpusFingerprint, AnotherPageSetDiffers) {
  const std::string base = CorpusFingerprint({"a.html", "b.html"});
  EXPECT_NE(CorpusFingerprint({"a.html", "c.html"}), base);
  EXPECT_NE(CorpusFingerprint({"a.html"}), base);
  // The newline after each name keeps "ab" + "c" apart from "a" + "bc".
  EXPECT_NE(CorpusFingerprint({"ab", "c"}), CorpusFingerprint({"a", "bc"}));
}

}  // namespace
}  // namespace winnow
