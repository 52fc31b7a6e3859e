// Copyright winnow authors. Licensed under the MIT licence.

#include "cli/ordered_map.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <thread>
#include <vector>

namespace winnow {
namespace cli {
namespace {

struct Item {
  size_t index = 0;
  size_t squared = 0;
};

// Items whose work takes uneven time (later ones often finish first) come
// out in input order, each once, whatever the thread count and window.
TEST(OrderedMapTest, ConsumesEveryItemInInputOrder) {
  for (int jobs : {1, 2, 3, 4}) {
    for (size_t per_worker : {size_t{1}, size_t{2}, size_t{4}}) {
      OrderedMap<Item>::Config config;
      config.jobs = jobs;
      config.slots_per_worker = per_worker;
      const size_t n = 200;
      std::vector<size_t> seen;
      const bool complete = OrderedMap<Item>::Run(
          config, OrderedMap<Item>::Indexes(n),
          [] {
            return [](Item* item) {
              if (item->index % 7 == 0) {
                std::this_thread::sleep_for(std::chrono::microseconds(300));
              }
              item->squared = item->index * item->index;
            };
          },
          [&seen](Item* item) {
            EXPECT_EQ(item->squared, item->index * item->index);
            seen.push_back(item->index);
            return true;
          },
          nullptr);
      EXPECT_TRUE(complete);
      ASSERT_EQ(seen.size(), n) << jobs << " " << per_worker;
      for (size_t i = 0; i < n; ++i) {
        ASSERT_EQ(seen[i], i) << jobs << " " << per_worker;
      }
    }
  }
}

// The producer never runs more than a window ahead of the consumer, even
// though it refills the window in batches.
TEST(OrderedMapTest, ProducerStaysWithinTheWindow) {
  OrderedMap<Item>::Config config;
  config.jobs = 2;
  config.slots_per_worker = 3;  // a window of 6
  auto produced = std::make_shared<std::atomic<size_t>>(0);
  auto next = OrderedMap<Item>::Indexes(100);
  size_t consumed = 0;
  size_t most_ahead = 0;
  OrderedMap<Item>::Run(
      config,
      [produced, next](Item* item) {
        if (!next(item)) return false;
        ++*produced;
        return true;
      },
      [] { return [](Item*) {}; },
      [&](Item* item) {
        ++consumed;
        const size_t ahead = produced->load() - consumed;
        if (ahead > most_ahead) most_ahead = ahead;
        std::this_thread::sleep_for(std::chrono::microseconds(100));
        return true;
      },
      nullptr);
  EXPECT_EQ(consumed, 100u);
  EXPECT_LE(most_ahead, 6u);
}

// A consumer that stops the run sees nothing after the item it stopped at.
TEST(OrderedMapTest, StopsWhereConsumeSaysSo) {
  OrderedMap<Item>::Config config;
  config.jobs = 2;
  std::vector<size_t> seen;
  const bool complete = OrderedMap<Item>::Run(
      config, OrderedMap<Item>::Indexes(1000),
      [] { return [](Item*) {}; },
      [&seen](Item* item) {
        seen.push_back(item->index);
        return item->index < 41;
      },
      nullptr);
  EXPECT_FALSE(complete);
  ASSERT_EQ(seen.size(), 42u);
  EXPECT_EQ(seen.back(), 41u);
}

}  // namespace
}  // namespace cli
}  // namespace winnow
