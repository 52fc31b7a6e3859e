// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/parse.h"

#include <gumbo.h>

#include <csetjmp>

#include "parse/guard.h"
#include "parse/prestrip.h"
#include "parse/recover.h"
#include "util/budget.h"

namespace winnow {
namespace {

// The parser's allocations, counted against the page's budget. Gumbo cannot
// fail an allocation, so going over the budget leaves the parser by
// longjmp. That is safe: every byte the parser holds is in the arena (no
// leak), Gumbo keeps no global state, and the frames skipped (Gumbo's C
// code and ArenaAllocate's) own nothing with a destructor.
struct Budget {
  Arena* arena;
  PageBudget* page;
  size_t max_bytes;  // for the arena: what the page's budget leaves it
  unsigned calls;
  std::jmp_buf env;
};

// Work is counted every kAllocBatch allocations, which keeps the count
// cheap; a parse may thus go kAllocBatch * kAllocWork units over its budget
// before it stops.
constexpr unsigned kAllocBatch = 1024;

void* ArenaAllocate(void* userdata, size_t size) {
  Budget* b = static_cast<Budget*>(userdata);
  const size_t used = b->arena->bytes_used();
  if (used >= b->max_bytes || size > b->max_bytes - used) {
    b->page->SetOverMemory();
    std::longjmp(b->env, 1);
  }
  if ((++b->calls % kAllocBatch) == 0 &&
      !b->page->Work(kAllocBatch * kAllocWork)) {
    std::longjmp(b->env, 1);
  }
  return b->arena->Allocate(size);
}

// Freed blocks are reused by later allocations of their size; the rest goes
// all at once with Arena::Reset.
void ArenaFree(void* userdata, void* ptr) {
  static_cast<Budget*>(userdata)->arena->Free(ptr);
}

// Returns nullptr when the parse went over its budget. Kept apart so that
// no object with a destructor lives in the frame that setjmp returns to.
__attribute__((noinline)) GumboOutput* ParseWithin(const GumboOptions* gopts,
                                                   const std::string* buffer,
                                                   Budget* budget) {
  if (setjmp(budget->env) != 0) return nullptr;
  return gumbo_parse_with_options(gopts, buffer->c_str(), buffer->size());
}

}  // namespace

DomNode ParsedHtml::root() const {
  return output ? DomNode(output->root, this) : DomNode();
}

Status ParseHtml(std::string_view utf8, const Options& options, Arena* arena,
                 PageBudget* page_budget, std::string* buffer,
                 ParsedHtml* out) {
  // Gumbo reads one byte past a truncated character reference; a string's
  // terminating NUL makes that read safe. The copy leaves out script, style
  // and SVG contents, which Gumbo would tokenize for nothing.
  // The guard comes last, so that its bounds hold for what Gumbo gets.
  std::string stripped;
  page_budget->Work(utf8.size());
  UnclosedRawText unclosed;
  PrestripHtml(utf8, &stripped, &unclosed);
  // An unclosed <title>, <script> ... that took the page: closed where the
  // markup resumes, and stripped once more (at most once: the repaired
  // page is not checked again).
  std::string repaired;
  size_t closed_at = 0;
  if (!unclosed.name.empty() &&
      CloseUnclosedRawText(utf8, unclosed, &repaired, &closed_at)) {
    out->warnings.push_back("markup recovered: unclosed <" +
                            std::string(unclosed.name) + "> closed at byte " +
                            std::to_string(closed_at));
    page_budget->Work(repaired.size());
    PrestripHtml(repaired, &stripped);
    std::string().swap(repaired);
  }
  page_budget->Work(stripped.size());
  GuardReport guard;
  GuardHtml(stripped, options, buffer, &guard,
            options.set_aside ? &out->aside : nullptr);
  out->fallbacks = guard.aside_stopped ? 1 : 0;
  std::string summary = guard.Summary(options);
  if (!summary.empty()) out->warnings.push_back(std::move(summary));

  // The copies are held while Gumbo runs; the arena gets what is left.
  const size_t copies =
      stripped.capacity() + buffer->capacity() + out->aside.bytes();
  // Gumbo reads every byte of its input, and compares attributes.
  page_budget->Work(buffer->size() +
                    guard.attribute_pairs * kAttributePairWork);
  if (!page_budget->Hold(copies)) return page_budget->status();
  Budget budget{arena,
                page_budget,
                page_budget->max_memory() - page_budget->held(),
                0,
                {}};
  if (!page_budget->ok()) return page_budget->status();
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.allocator = ArenaAllocate;
  gopts.deallocator = ArenaFree;
  gopts.userdata = &budget;
  // Every recorded parse error copies the stack of open elements: with
  // deep nesting that is quadratic memory. We never read the errors.
  gopts.max_errors = 0;
  out->output = ParseWithin(&gopts, buffer, &budget);
  page_budget->Release(copies);
  if (out->output == nullptr) return page_budget->status();
  return Status::OK();
}

Status ParseHtml(std::string_view utf8, const Options& options, Arena* arena,
                 std::string* buffer, ParsedHtml* out) {
  PageBudget budget(options);
  return ParseHtml(utf8, options, arena, &budget, buffer, out);
}

}  // namespace winnow
