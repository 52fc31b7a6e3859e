// Copyright winnow authors. Licensed under the MIT licence.

#include "cli/diff.h"

#include <algorithm>
#include <vector>

namespace winnow {
namespace cli {
namespace {

std::vector<std::string_view> Lines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    lines.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

struct Op {
  char kind;  // ' ', '-', '+'
  std::string_view line;
  int a, b;   // line numbers (0-based) in a and b
};

}  // namespace

std::string UnifiedDiff(std::string_view a, std::string_view b,
                        std::string_view label_a, std::string_view label_b) {
  if (a == b) return "";
  const auto la = Lines(a), lb = Lines(b);
  const size_t n = la.size(), m = lb.size();
  std::vector<Op> ops;
  if (n <= 4000 && m <= 4000) {
    // lcs[i][j]: LCS length of la[i..] and lb[j..].
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        lcs[i][j] = la[i] == lb[j] ? lcs[i + 1][j + 1] + 1
                                   : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && la[i] == lb[j]) {
        ops.push_back({' ', la[i], int(i), int(j)});
        ++i, ++j;
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        ops.push_back({'+', lb[j], int(i), int(j)});
        ++j;
      } else {
        ops.push_back({'-', la[i], int(i), int(j)});
        ++i;
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) ops.push_back({'-', la[i], int(i), 0});
    for (size_t j = 0; j < m; ++j) ops.push_back({'+', lb[j], int(n), int(j)});
  }
  std::string out;
  out += "--- " + std::string(label_a) + "\n+++ " + std::string(label_b) + "\n";
  const int kContext = 3;
  size_t k = 0;
  while (k < ops.size()) {
    if (ops[k].kind == ' ') {
      ++k;
      continue;
    }
    // A hunk: from kContext lines before this change to kContext lines
    // after the last change closer than 2*kContext.
    size_t start = k >= kContext ? k - kContext : 0;
    while (start < k && ops[start].kind != ' ') ++start;
    size_t end = k;
    size_t last_change = k;
    while (end < ops.size()) {
      if (ops[end].kind != ' ') last_change = end;
      if (end - last_change > 2 * kContext) break;
      ++end;
    }
    end = std::min(ops.size(), last_change + kContext + 1);
    int a_start = ops[start].a, b_start = ops[start].b, a_len = 0, b_len = 0;
    for (size_t x = start; x < end; ++x) {
      if (ops[x].kind != '+') ++a_len;
      if (ops[x].kind != '-') ++b_len;
    }
    out += "@@ -" + std::to_string(a_len ? a_start + 1 : a_start) + "," +
           std::to_string(a_len) + " +" +
           std::to_string(b_len ? b_start + 1 : b_start) + "," +
           std::to_string(b_len) + " @@\n";
    for (size_t x = start; x < end; ++x) {
      out.push_back(ops[x].kind);
      out.append(ops[x].line);
      out.push_back('\n');
    }
    k = end;
  }
  if (std::none_of(ops.begin(), ops.end(),
                   [](const Op& op) { return op.kind != ' '; })) {
    out += "(the files differ only in their final line break)\n";
  }
  return out;
}

}  // namespace cli
}  // namespace winnow
