// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <set>

namespace winnow {
namespace {

bool Aligned(void* p) { return (reinterpret_cast<uintptr_t>(p) & 15) == 0; }

TEST(Arena, AlignedDistinctAndCounted) {
  Arena arena;
  std::set<char*> seen;
  size_t total = 0;
  for (size_t size : {1, 15, 16, 17, 1000, 300000, 5, 2000000, 7}) {
    char* p = static_cast<char*>(arena.Allocate(size));
    ASSERT_TRUE(Aligned(p)) << size;
    std::memset(p, 0xAB, size);  // the whole request is usable
    EXPECT_TRUE(seen.insert(p).second);
    total += (size + 15) & ~size_t{15};
  }
  EXPECT_EQ(arena.bytes_used(), total);
  arena.Reset();
  EXPECT_EQ(arena.bytes_used(), 0u);
}

TEST(Arena, ReusesChunksAfterReset) {
  Arena arena;
  char* first = static_cast<char*>(arena.Allocate(64));
  for (int i = 0; i < 40000; ++i) arena.Allocate(64);  // a few chunks
  arena.Reset();
  // The next page starts in the same memory.
  EXPECT_EQ(static_cast<char*>(arena.Allocate(64)), first);
  for (int i = 0; i < 100000; ++i) {
    ASSERT_TRUE(Aligned(arena.Allocate(48)));
  }
  arena.Reset();
  EXPECT_EQ(static_cast<char*>(arena.Allocate(16)), first);
}

}  // namespace
}  // namespace winnow
