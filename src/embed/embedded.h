// Copyright winnow authors. Licensed under the MIT licence.
//
// Files compiled into the binary at build time (see src/embed/embed.cc and
// CMakeLists.txt): the default rule set and the stop-word lists.

#ifndef WINNOW_EMBED_EMBEDDED_H_
#define WINNOW_EMBED_EMBEDDED_H_

#include <cstddef>
#include <string_view>

namespace winnow {

struct EmbeddedFile {
  const char* name;  // path relative to the embedded folder, '/'-separated
  const char* data;
  size_t size;
  std::string_view contents() const { return {data, size}; }
};

// rules/**/*.rules, sorted by name.
extern const EmbeddedFile kEmbeddedRules[];
extern const size_t kEmbeddedRulesCount;

// data/stoplists/*.txt, sorted by name ("English.txt" ...).
extern const EmbeddedFile kEmbeddedStoplists[];
extern const size_t kEmbeddedStoplistsCount;

}  // namespace winnow

#endif  // WINNOW_EMBED_EMBEDDED_H_
