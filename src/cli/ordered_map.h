// Copyright winnow authors. Licensed under the MIT licence.
//
// OrderedMap: the one parallel loop of the command line (the main command,
// `eval` and `test` all run through it).
//
//   producer thread --> window of slots --> N workers --> consumer (caller)
//
// The producer fills slots in input order; workers claim filled slots in the
// same order and process them without holding any lock; the consumer sees
// slots strictly in input order, on the calling thread, and frees them for
// the producer. The window has a fixed number of slots, so memory holds at
// most that many items, never the whole input; and since the consumer sees
// items in input order whatever the thread count or timing, output never
// depends on either.
//
// Invariants (sequence numbers; slot k lives in slots[k % size]):
//   consumed <= claimed <= produced <= consumed + size
// A slot is touched by exactly one thread at a time: the producer between
// Acquire and Publish, one worker between claim and done, the consumer
// between ready and free; the mutex only guards the counters and flags.

#ifndef WINNOW_CLI_ORDERED_MAP_H_
#define WINNOW_CLI_ORDERED_MAP_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace winnow {
namespace cli {

template <typename Item>
class OrderedMap {
 public:
  // Called on the producer thread: fills *item (a reused slot, holding the
  // item consumed from it last time) and returns true, or returns false
  // when the input is exhausted. Called again only after it returned true.
  using Produce = std::function<bool(Item*)>;
  // Processes one item; called on a worker thread, so it must be safe to
  // call concurrently on different items.
  using Work = std::function<void(Item*)>;
  // Makes one worker's Work (called once per worker thread, on it): per
  // worker state, such as a reused Extraction, lives in the closure.
  using MakeWork = std::function<Work()>;
  // Called on the calling thread, in input order. Returning false stops
  // the run: no further item is consumed.
  using Consume = std::function<bool(Item*)>;
  // Called on the calling thread at least every `tick_every` while it
  // waits, and after each item: progress lines. May be empty.
  using Tick = std::function<void()>;

  // A Produce that numbers items 0 .. n-1 (into Item::index): for work
  // over a list the caller holds, such as the pages of a corpus.
  static Produce Indexes(size_t n) {
    auto next = std::make_shared<size_t>(0);
    return [next, n](Item* item) {
      if (*next >= n) return false;
      item->index = (*next)++;
      return true;
    };
  }

  struct Config {
    int jobs = 1;                 // worker threads, >= 1
    size_t slots_per_worker = 4;  // window = jobs * slots_per_worker
    std::chrono::milliseconds tick_every{250};
  };

  // Runs to the end of the input, or until `consume` returns false. Returns
  // true when every produced item was consumed. When stopped, a producer
  // blocked in `produce` (reading an input that never ends: `tail -f x |
  // winnow | head`) is left behind, detached: it holds its own reference to
  // the shared state and to `produce`, whose captures it must own (shared
  // pointers), since the caller's stack may be gone when it wakes.
  static bool Run(const Config& config, Produce produce, MakeWork make_work,
                  const Consume& consume, const Tick& tick) {
    auto state = std::make_shared<State>(config);
    state->produce = std::move(produce);
    std::thread producer([state] { state->ProduceAll(); });
    std::vector<std::thread> workers;
    const int jobs = config.jobs > 0 ? config.jobs : 1;
    workers.reserve(jobs);
    for (int i = 0; i < jobs; ++i) {
      workers.emplace_back([&state, &make_work] {
        Work work = make_work();
        state->WorkAll(work);
      });
    }
    const bool complete = state->ConsumeAll(consume, tick, config.tick_every);
    if (!complete) state->Stop();
    for (std::thread& t : workers) t.join();
    if (complete) {
      producer.join();
    } else {
      producer.detach();
    }
    return complete;
  }

 private:
  struct Slot {
    Item item;
    bool done = false;  // processed; guarded by mu
  };

  struct State {
    explicit State(const Config& c)
        : slots(static_cast<size_t>(c.jobs > 0 ? c.jobs : 1) *
                (c.slots_per_worker > 0 ? c.slots_per_worker : 1)) {}

    // The producer refills the window in batches: once it is full, it
    // sleeps until `refill` slots are free, so that it (the reader) is
    // woken once per batch rather than once per item. Items left in the
    // window keep the workers busy meanwhile.
    size_t refill() const { return slots.size() > 1 ? slots.size() / 2 : 1; }

    Slot* Acquire() {
      std::unique_lock<std::mutex> lock(mu);
      if (produced - consumed == slots.size()) {
        freed.wait(lock, [this] {
          return stop || produced - consumed <= slots.size() - refill();
        });
      }
      return stop ? nullptr : &slots[produced % slots.size()];
    }

    void ProduceAll() {
      for (;;) {
        Slot* slot = Acquire();
        if (!slot || !produce(&slot->item)) break;
        {
          std::lock_guard<std::mutex> lock(mu);
          slot->done = false;
          ++produced;
        }
        filled.notify_one();
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        producer_done = true;
      }
      filled.notify_all();
      ready.notify_all();
    }

    void WorkAll(const Work& work) {
      for (;;) {
        Slot* slot;
        uint64_t seq;
        {
          std::unique_lock<std::mutex> lock(mu);
          filled.wait(lock, [this] {
            return stop || claimed < produced || producer_done;
          });
          if (stop || claimed == produced) return;
          seq = claimed++;
          slot = &slots[seq % slots.size()];
        }
        work(&slot->item);
        bool next;  // the item the consumer waits for, in input order
        {
          std::lock_guard<std::mutex> lock(mu);
          slot->done = true;
          next = seq == consumed;
        }
        if (next) ready.notify_one();
      }
    }

    bool ConsumeAll(const Consume& consume, const Tick& tick,
                    std::chrono::milliseconds tick_every) {
      for (;;) {
        Slot* slot;
        {
          std::unique_lock<std::mutex> lock(mu);
          auto next_ready = [this] {
            return (consumed < produced &&
                    slots[consumed % slots.size()].done) ||
                   (producer_done && consumed == produced);
          };
          while (!next_ready()) {
            if (!tick) {
              ready.wait(lock);
              continue;
            }
            ready.wait_for(lock, tick_every);
            lock.unlock();
            tick();
            lock.lock();
          }
          if (consumed == produced) return true;
          slot = &slots[consumed % slots.size()];
        }
        const bool go_on = consume(&slot->item);
        if (tick) tick();
        bool wake;  // the producer may go on: see Acquire
        {
          std::lock_guard<std::mutex> lock(mu);
          slot->done = false;
          ++consumed;
          wake = produced - consumed <= slots.size() - refill();
        }
        if (wake) freed.notify_one();
        if (!go_on) return false;
      }
    }

    void Stop() {
      {
        std::lock_guard<std::mutex> lock(mu);
        stop = true;
      }
      freed.notify_all();
      filled.notify_all();
      ready.notify_all();
    }

    Produce produce;
    std::vector<Slot> slots;
    std::mutex mu;
    std::condition_variable freed;   // a slot was consumed
    std::condition_variable filled;  // a slot was produced
    std::condition_variable ready;   // a slot was processed
    uint64_t produced = 0;
    uint64_t claimed = 0;
    uint64_t consumed = 0;
    bool producer_done = false;
    bool stop = false;
  };
};

}  // namespace cli
}  // namespace winnow

#endif  // WINNOW_CLI_ORDERED_MAP_H_
