// Copyright winnow authors. Licensed under the MIT licence.
//
// The work and memory one page may take, counted once from the start of
// Extractor::Extract and shared by every stage, so that a page's fate
// depends on its bytes and the options only: never on the thread count,
// the machine's load or the clock.
//
// Work is counted in units of about one byte scanned by a stage (see the
// k*Work weights below, which give other steps their cost in those units:
// on the development machine a unit took 2 to 5 ns in the parser, up to
// 15 ns in the text stages, which max_page_bytes bounds). Memory is the bytes a
// page's stages hold at once: its decoded copies, the parse tree (counted
// by the parse arena), the blocks and their strings, and the classifier's
// and renderer's per-block data (estimated from counts). Stages count in
// coarse steps and check rarely, so that the accounting costs nothing
// measurable.

#ifndef WINNOW_UTIL_BUDGET_H_
#define WINNOW_UTIL_BUDGET_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "winnow/options.h"
#include "winnow/status.h"

namespace winnow {

// Work weights, in units (a unit is one byte read by a linear pass).
// One parser allocation: Gumbo makes one or more per token and node.
inline constexpr uint64_t kAllocWork = 150;
// One comparison of two attributes of a tag (GuardReport::attribute_pairs).
inline constexpr uint64_t kAttributePairWork = 4;
// One element turned into a Page node, with its attributes.
inline constexpr uint64_t kNodeWork = 1000;
// One block through language detection, classification and rendering.
inline constexpr uint64_t kBlockWork = 400;
// One rule ID copied into a block's decision (from its ancestors' hits).
inline constexpr uint64_t kRuleHitWork = 4;

// Memory estimates for data whose size the stages do not track exactly.
// The classifier's per-node and per-block vectors (classify.cc, content.cc).
inline constexpr size_t kClassifyNodeBytes = 96;
inline constexpr size_t kClassifyBlockBytes = 160;

class PageBudget {
 public:
  // Unlimited work when options.max_work is 0.
  explicit PageBudget(const Options& options)
      : max_work_(options.max_work == 0 ? UINT64_MAX : options.max_work),
        max_memory_(options.max_memory) {}

  // Adds `units` of work; false once the page's total is over max_work
  // (and from then on).
  bool Work(uint64_t units) {
    work_ += units;
    if (work_ > max_work_) over_ = kWork;
    return over_ == kNone;
  }
  // Adds `bytes` that the page holds until Release; false once what is
  // held is over max_memory.
  bool Hold(size_t bytes) {
    held_ += bytes;
    if (held_ > max_memory_) over_ = kMemory;
    return over_ == kNone;
  }
  void Release(size_t bytes) { held_ -= bytes < held_ ? bytes : held_; }
  // Whether `more` bytes would fit on top of what is held. False also
  // records the page as over (for status()).
  bool Fits(size_t more) {
    if (more > max_memory_ || held_ > max_memory_ - more) over_ = kMemory;
    return over_ == kNone;
  }
  // Records the page as over max_memory without a count (the parser's
  // allocation hook knows its own).
  void SetOverMemory() { over_ = kMemory; }

  bool ok() const { return over_ == kNone; }
  uint64_t work() const { return work_; }
  size_t held() const { return held_; }
  size_t max_memory() const { return max_memory_; }

  // OK, or kResourceExhausted naming the option the page went over.
  Status status() const {
    if (over_ == kWork) {
      return Status::ResourceExhausted("page exceeds --max-work (" +
                                       std::to_string(max_work_) +
                                       " units of work)");
    }
    if (over_ == kMemory) {
      return Status::ResourceExhausted("page exceeds --max-memory (" +
                                       std::to_string(max_memory_) + " bytes)");
    }
    return Status::OK();
  }

 private:
  enum Over { kNone, kWork, kMemory };
  uint64_t work_ = 0;
  uint64_t max_work_;
  size_t held_ = 0;
  size_t max_memory_;
  Over over_ = kNone;
};

}  // namespace winnow

#endif  // WINNOW_UTIL_BUDGET_H_
