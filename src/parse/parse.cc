// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/parse.h"

#include <gumbo.h>

namespace winnow {
namespace {

void* ArenaAllocate(void* userdata, size_t size) {
  return static_cast<Arena*>(userdata)->Allocate(size);
}

// Memory is released all at once by Arena::Reset.
void ArenaFree(void*, void*) {}

}  // namespace

const GumboInternalNode* ParsedHtml::root() const {
  return output ? output->root : nullptr;
}

Status ParseHtml(std::string_view utf8, const Options& options, Arena* arena,
                 std::string* buffer, ParsedHtml* out) {
  // Gumbo reads one byte past a truncated character reference; a string's
  // terminating NUL makes that read safe.
  buffer->assign(utf8.data(), utf8.size());
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.allocator = ArenaAllocate;
  gopts.deallocator = ArenaFree;
  gopts.userdata = arena;
  // Every recorded parse error copies the stack of open elements: with
  // deep nesting that is quadratic memory. We never read the errors.
  gopts.max_errors = 0;
  out->output = gumbo_parse_with_options(&gopts, buffer->c_str(),
                                         buffer->size());
  if (arena->bytes_used() > options.max_parse_bytes) {
    out->output = nullptr;
    return Status::ResourceExhausted(
        "parse tree exceeds --max-parse-bytes (" +
        std::to_string(arena->bytes_used() >> 20) + " MiB)");
  }
  return Status::OK();
}

}  // namespace winnow
