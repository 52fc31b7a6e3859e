// Copyright winnow authors. Licensed under the MIT licence.
//
// Files compiled into the binary at build time (see src/embed/embed.cc and
// CMakeLists.txt): the default rule set, the scoring model and the
// stop-word table.

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

// rules/model.weights, the classifier's weights (classify/model.h).
extern const EmbeddedFile kEmbeddedModel[];
extern const size_t kEmbeddedModelCount;

// The stop-word table built from data/stoplists/*.txt (lang/stop_table.h):
// one file, "stop_table.bin", 16-byte aligned.
extern const EmbeddedFile kEmbeddedStopTable[];
extern const size_t kEmbeddedStopTableCount;

}  // namespace winnow

#endif  // WINNOW_EMBED_EMBEDDED_H_
