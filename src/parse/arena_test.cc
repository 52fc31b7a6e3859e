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
  for (size_t size : {1, 15, 16, 17, 1000, 300000, 5, 2000000, 7, 129, 4097}) {
    char* p = static_cast<char*>(arena.Allocate(size));
    ASSERT_TRUE(Aligned(p)) << size;
    std::memset(p, 0xAB, size);  // the whole request is usable
    EXPECT_TRUE(seen.insert(p).second);
    total += size;
  }
  // Headers and size classes cost at most a quarter plus 32 bytes a block.
  EXPECT_GE(arena.bytes_used(), total);
  EXPECT_LE(arena.bytes_used(), total + total / 4 + 11 * 32);
  arena.Reset();
  EXPECT_EQ(arena.bytes_used(), 0u);
}

TEST(Arena, FreedBlocksAreReusedBySize) {
  Arena arena;
  void* a = arena.Allocate(100);
  void* b = arena.Allocate(3000);
  void* big = arena.Allocate(500000);
  const size_t used = arena.bytes_used();
  arena.Free(a);
  arena.Free(b);
  arena.Free(big);  // large blocks wait for Reset
  arena.Free(nullptr);
  EXPECT_EQ(arena.Allocate(97), a);  // same class as 100
  EXPECT_EQ(arena.Allocate(3000), b);
  EXPECT_EQ(arena.bytes_used(), used);
  EXPECT_NE(arena.Allocate(100), a);  // handed out once only
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
