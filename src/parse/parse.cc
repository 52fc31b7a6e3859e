// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/parse.h"

#include <gumbo.h>

#include <csetjmp>
#include <cstdint>

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

// Sets *offset to where `p` is in `source`; false when it is not in it.
// Compared as integers: a piece the parser made up points anywhere.
bool OffsetIn(std::string_view source, const char* p, size_t* offset) {
  const auto at = reinterpret_cast<uintptr_t>(p);
  const auto begin = reinterpret_cast<uintptr_t>(source.data());
  if (p == nullptr || at < begin || at >= begin + source.size()) return false;
  *offset = at - begin;
  return true;
}

// Whether Gumbo read the guard's output as the guard did where it set
// anything aside (SetAsideValues::HeldBy): the ranges of `source` that the
// tree made text of, and comments and attribute values of.
bool SetAsideHeld(const GumboOutput& output, std::string_view source,
                  const SetAsideValues& aside) {
  // Per thread, as every page is checked: no allocation once grown.
  thread_local std::vector<SetAsideValues::Range> text, other;
  thread_local std::vector<const GumboNode*> todo;
  text.clear();
  other.clear();
  todo.assign(1, output.document);
  auto add = [&](const GumboStringPiece& piece,
                 std::vector<SetAsideValues::Range>* to) {
    size_t first;
    if (OffsetIn(source, piece.data, &first)) {
      to->emplace_back(first, first + piece.length);
    }
  };
  while (!todo.empty()) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    const GumboVector* kids = nullptr;
    switch (n->type) {
      case GUMBO_NODE_DOCUMENT:
        kids = &n->v.document.children;
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        for (unsigned i = 0; i < n->v.element.attributes.length; ++i) {
          add(static_cast<const GumboAttribute*>(
                  n->v.element.attributes.data[i])
                  ->original_value,
              &other);
        }
        kids = &n->v.element.children;
        break;
      case GUMBO_NODE_COMMENT:
        add(n->v.text.original_text, &other);
        break;
      default:  // text, whitespace, CDATA
        add(n->v.text.original_text, &text);
        break;
    }
    if (kids == nullptr) continue;
    // Pushed last child first, so that nodes come in document order and
    // the ranges mostly sorted already.
    for (unsigned i = kids->length; i > 0; --i) {
      todo.push_back(static_cast<const GumboNode*>(kids->data[i - 1]));
    }
  }
  return aside.HeldBy(&text, &other);
}

}  // namespace

DomNode ParsedHtml::root() const {
  return output ? DomNode(output->root, this) : DomNode();
}

bool ParsedHtml::SetAsideFor(const char* original_tag,
                             const char* values[SetAsideValues::kNames]) const {
  size_t offset;
  return !aside.empty() && OffsetIn(source, original_tag, &offset) &&
         aside.Find(offset, values);
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
  out->source = *buffer;
  std::string summary = guard.Summary(options);
  if (!summary.empty()) out->warnings.push_back(std::move(summary));

  // The copies are held while Gumbo runs; the arena gets what is left.
  const size_t copies =
      stripped.capacity() + buffer->capacity() + out->aside.bytes();
  // Gumbo reads every byte of its input, and compares attributes.
  page_budget->Work(buffer->size() +
                    guard.attribute_pairs * kAttributePairWork);
  if (!page_budget->Hold(copies)) return page_budget->status();
  auto fresh_budget = [&]() {
    return Budget{arena,
                  page_budget,
                  page_budget->max_memory() - page_budget->held(),
                  0,
                  {}};
  };
  Budget budget = fresh_budget();
  if (!page_budget->ok()) return page_budget->status();
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.allocator = ArenaAllocate;
  gopts.deallocator = ArenaFree;
  gopts.userdata = &budget;
  // Every recorded parse error copies the stack of open elements: with
  // deep nesting that is quadratic memory. We never read the errors.
  gopts.max_errors = 0;
  out->output = ParseWithin(&gopts, buffer, &budget);
  if (out->output != nullptr && !out->aside.empty() &&
      !SetAsideHeld(*out->output, out->source, out->aside)) {
    // The guard misread the page somewhere (guard.h): once more, with
    // nothing set aside.
    ++out->fallbacks;
    out->aside.Clear();
    arena->Reset();
    GuardHtml(stripped, options, buffer, &guard, nullptr);
    out->source = *buffer;
    page_budget->Work(buffer->size());
    budget = fresh_budget();
    out->output = ParseWithin(&gopts, buffer, &budget);
  }
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
