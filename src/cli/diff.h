// Copyright winnow authors. Licensed under the MIT licence.

#ifndef WINNOW_CLI_DIFF_H_
#define WINNOW_CLI_DIFF_H_

#include <string>
#include <string_view>

namespace winnow {
namespace cli {

// A unified diff (3 lines of context) turning `a` into `b`, with the
// given file labels; empty when they are equal. Line-based LCS: quadratic,
// meant for golden files, and falls back to "all removed, all added" past
// 4000 lines a side.
std::string UnifiedDiff(std::string_view a, std::string_view b,
                        std::string_view label_a, std::string_view label_b);

}  // namespace cli
}  // namespace winnow

#endif  // WINNOW_CLI_DIFF_H_
