// Copyright winnow authors. Licensed under the MIT licence.

#include "lang/stop_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "embed/embedded.h"

namespace winnow {
namespace {

// Bytes at an 8-byte boundary, as the table needs.
struct Aligned {
  explicit Aligned(const std::string& bytes)
      : data(new uint64_t[bytes.size() / 8 + 1]), size(bytes.size()) {
    std::memcpy(data.get(), bytes.data(), bytes.size());
  }
  std::string_view view() const {
    return {reinterpret_cast<const char*>(data.get()), size};
  }
  std::unique_ptr<uint64_t[]> data;
  size_t size;
};

TEST(StopTable, FindsSingleWordsLowerCasedWithTheirLanguages) {
  const std::string bytes =
      StopTable::Build({{"English", "the\nOf\nin front of\nthe\n"},
                        {"German", "die\nder\n"},
                        {"Dutch", "de\ndie\n"}});
  const Aligned aligned(bytes);
  StopTable table;
  ASSERT_TRUE(table.Open(aligned.view()));
  ASSERT_EQ(table.languages(), 3);
  EXPECT_EQ(table.name(0), "English");
  EXPECT_EQ(table.name(2), "Dutch");
  EXPECT_EQ(table.list_size(0), 2u);  // "the" twice, "in front of" left out
  auto find = [&](std::string_view w) {
    return table.Find(w, StopTable::Hash(w));
  };
  EXPECT_EQ(find("front"), -1);
  EXPECT_EQ(find("Of"), -1);  // the table holds lower-cased words
  const int of = find("of");
  ASSERT_GE(of, 0);
  EXPECT_TRUE(table.MayHold(StopTable::Hash("of")));
  EXPECT_TRUE(table.languages_of(of).Has(0));
  const int die = find("die");
  ASSERT_GE(die, 0);
  EXPECT_FALSE(table.languages_of(die).Has(0));
  EXPECT_TRUE(table.languages_of(die).Has(1));
  EXPECT_TRUE(table.languages_of(die).Has(2));
}

// The hash reads a word in overlapping 8- and 4-byte loads: every byte of
// every length must reach it, or words that differ in one byte would share
// a filter bit set and a probe sequence (still told apart, but slowly).
TEST(StopTable, HashDependsOnEveryByteOfWordsOfEveryLength) {
  const std::string base = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";
  std::vector<uint64_t> lengths;
  for (size_t n = 0; n <= base.size(); ++n) {
    const std::string word = base.substr(0, n);
    const uint64_t h = StopTable::Hash(word);
    lengths.push_back(h);
    for (size_t i = 0; i < n; ++i) {
      std::string changed = word;
      changed[i] = '\xC3';
      EXPECT_NE(StopTable::Hash(changed), h) << "length " << n << " byte " << i;
    }
  }
  std::sort(lengths.begin(), lengths.end());
  EXPECT_EQ(std::unique(lengths.begin(), lengths.end()), lengths.end());
  // Only the word's bytes are read: the same word inside a longer buffer.
  const std::string padded = "xx" + base + "yy";
  for (size_t n = 0; n <= base.size(); ++n) {
    EXPECT_EQ(StopTable::Hash(std::string_view(padded).substr(2, n)),
              StopTable::Hash(base.substr(0, n)));
  }
}

// A Bloom filter may let a word through, never turn a stop word away.
TEST(StopTable, EveryStopWordOfEveryLengthPassesTheFilterAndIsFound) {
  std::string list;
  const std::string base =
      "abcdefghijklmnopqrstuvwxyz\xC3\xA9\xC3\xA0"
      "0123456789";
  for (size_t n = 1; n <= base.size(); ++n) {
    if (n < base.size() && (base[n] & 0xC0) == 0x80) continue;  // mid-letter
    list += base.substr(0, n) + "\n";
  }
  for (int i = 0; i < 2000; ++i) list += "w" + std::to_string(i * 7919) + "\n";
  const Aligned aligned(StopTable::Build({{"Test", list}}));
  StopTable table;
  ASSERT_TRUE(table.Open(aligned.view()));
  size_t found = 0, lines = 0;
  for (size_t start = 0; start < list.size(); ++lines) {
    const size_t end = list.find('\n', start);
    const std::string word = list.substr(start, end - start);
    start = end + 1;
    const uint64_t h = StopTable::Hash(word);
    EXPECT_TRUE(table.MayHold(h)) << word;
    found += table.Find(word, h) >= 0;
    // One byte more is another word.
    EXPECT_EQ(table.Find("q" + word, StopTable::Hash("q" + word)), -1);
  }
  EXPECT_EQ(found, lines);
  EXPECT_EQ(table.list_size(0), lines);
}

TEST(StopTable, RefusesBytesItDidNotBuild) {
  const std::string bytes = StopTable::Build({{"English", "the\n"}});
  StopTable table;
  EXPECT_FALSE(table.Open(Aligned(bytes.substr(0, bytes.size() - 1)).view()));
  EXPECT_FALSE(table.Open(Aligned(bytes + "x").view()));
  EXPECT_FALSE(table.Open(Aligned(std::string(200, 'x')).view()));
  EXPECT_FALSE(table.Open(""));
  EXPECT_EQ(table.languages(), 0);
  const Aligned good(bytes);
  // Misaligned bytes are refused, not read.
  std::string shifted = " " + bytes;
  const Aligned shifted_aligned(shifted);
  EXPECT_FALSE(table.Open(shifted_aligned.view().substr(1)));
  EXPECT_TRUE(table.Open(good.view()));
}

// The binary embeds the table that winnow_stoptable built at build time;
// it must be the one the lists in the repository make now.
TEST(StopTable, EmbeddedTableIsBuiltFromTheRepositoryLists) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(fs::path(WINNOW_SOURCE_DIR) /
                                              "data" / "stoplists")) {
    const std::string name = e.path().filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0 &&
        name != "README.txt") {
      files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 50u);
  std::vector<std::string> contents;
  contents.reserve(files.size());
  std::vector<std::pair<std::string, std::string_view>> lists;
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    contents.emplace_back(std::istreambuf_iterator<char>(in),
                          std::istreambuf_iterator<char>());
    std::string name = fs::path(path).stem().string();
    lists.emplace_back(name, contents.back());
  }
  ASSERT_EQ(kEmbeddedStopTableCount, 1u);
  const std::string_view embedded = kEmbeddedStopTable[0].contents();
  EXPECT_TRUE(StopTable::Build(lists) == embedded);
  StopTable table;
  ASSERT_TRUE(table.Open(embedded));
  EXPECT_EQ(static_cast<size_t>(table.languages()), files.size());
}

}  // namespace
}  // namespace winnow
