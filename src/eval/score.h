// Copyright winnow authors. Licensed under the MIT licence.
//
// Scoring extracted text against a corpus, exactly as ../shared/tools/score
// does: segments (whitespace folded, substring match) and token 4-gram
// overlap. Kept apart from the pipeline: it only reads its output.

#ifndef WINNOW_EVAL_SCORE_H_
#define WINNOW_EVAL_SCORE_H_

#include <string>
#include <string_view>
#include <vector>

namespace winnow {

// Folds runs of Unicode whitespace (what Python's \s matches) into one space
// and trims, as the scorer does before matching.
std::string FoldWhitespace(std::string_view text);

// Segment counts of one page.
struct SegmentCounts {
  int tp = 0, fn = 0, fp = 0, tn = 0;
  std::vector<int> missed;  // indexes of `with` segments not found
  std::vector<int> leaked;  // indexes of `without` segments found
  void Add(const SegmentCounts& o) {
    tp += o.tp, fn += o.fn, fp += o.fp, tn += o.tn;
  }
};

// Scores one page's output: a `with` segment found is a true positive, a
// `without` segment found a false positive.
SegmentCounts ScoreSegments(std::string_view output,
                            const std::vector<std::string>& with,
                            const std::vector<std::string>& without);

struct Metrics {
  double precision = 0, recall = 0, f1 = 0, accuracy = 0;
};
Metrics SegmentMetrics(const SegmentCounts& c);

// Token 4-gram overlap of one page; `has_precision`/`has_recall` are false
// where the scorer leaves the page out of that average (empty output, empty
// truth).
struct OverlapScore {
  double precision = 0, recall = 0;
  bool has_precision = false, has_recall = false;
  bool exact = false;  // same token sequence
};
OverlapScore ScoreOverlap(std::string_view output, std::string_view truth);

// Tokens as Python's \w+ finds them (Unicode letters, digits, underscore).
std::vector<std::string> WordTokens(std::string_view text);

}  // namespace winnow

#endif  // WINNOW_EVAL_SCORE_H_
