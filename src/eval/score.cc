// Copyright winnow authors. Licensed under the MIT licence.

#include "eval/score.h"

#include <algorithm>
#include <map>

#include "segment/segment.h"
#include "util/utf8.h"

namespace winnow {
namespace {


// An approximation of Python's \w outside ASCII: letters, marks and digits
// of every script, i.e. everything but the punctuation, symbol and space
// blocks.
bool IsWord(uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9') || cp == '_';
  }
  if (cp < 0xC0) {
    return cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB2 ||
           cp == 0xB3 || cp == 0xB9 || cp == 0xBC || cp == 0xBD || cp == 0xBE;
  }
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;
  if (cp >= 0xFF1A && cp <= 0xFF20) return false;
  if (cp == 0xFFFD) return false;
  if (cp >= 0x1F000) return false;  // emoji
  return true;
}

}  // namespace

std::string FoldWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendFolded(text, &out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

SegmentCounts ScoreSegments(std::string_view output,
                            const std::vector<std::string>& with,
                            const std::vector<std::string>& without) {
  const std::string text = FoldWhitespace(output);
  SegmentCounts c;
  for (size_t i = 0; i < with.size(); ++i) {
    if (text.find(FoldWhitespace(with[i])) != std::string::npos) {
      ++c.tp;
    } else {
      ++c.fn;
      c.missed.push_back(static_cast<int>(i));
    }
  }
  for (size_t i = 0; i < without.size(); ++i) {
    if (text.find(FoldWhitespace(without[i])) != std::string::npos) {
      ++c.fp;
      c.leaked.push_back(static_cast<int>(i));
    } else {
      ++c.tn;
    }
  }
  return c;
}

Metrics SegmentMetrics(const SegmentCounts& c) {
  Metrics m;
  m.precision = c.tp + c.fp ? double(c.tp) / (c.tp + c.fp) : 0;
  m.recall = c.tp + c.fn ? double(c.tp) / (c.tp + c.fn) : 0;
  const int all = c.tp + c.fp + c.fn + c.tn;
  m.accuracy = all ? double(c.tp + c.tn) / all : 0;
  m.f1 = m.precision + m.recall > 0
             ? 2 * m.precision * m.recall / (m.precision + m.recall)
             : 0;
  return m;
}

std::vector<std::string> WordTokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::string cur;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const uint32_t cp = NextCodePoint(text, &i);
    if (IsWord(cp)) {
      cur.append(text.substr(start, i - start));
    } else if (!cur.empty()) {
      tokens.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) tokens.push_back(std::move(cur));
  return tokens;
}

OverlapScore ScoreOverlap(std::string_view output, std::string_view truth) {
  const auto pred_tokens = WordTokens(output);
  const auto gold_tokens = WordTokens(truth);
  auto shingles = [](const std::vector<std::string>& t) {
    std::map<std::vector<std::string>, int> out;
    const size_t n = 4;
    const size_t count = t.size() >= n ? t.size() - n + 1 : 1;
    for (size_t i = 0; i < count && i < t.size(); ++i) {
      std::vector<std::string> g(t.begin() + i,
                                 t.begin() + std::min(t.size(), i + n));
      ++out[g];
    }
    return out;
  };
  const auto gold = shingles(gold_tokens), pred = shingles(pred_tokens);
  double tp = 0, fp = 0, fn = 0;
  for (const auto& [g, c] : pred) {
    auto it = gold.find(g);
    const int gc = it == gold.end() ? 0 : it->second;
    tp += std::min(c, gc);
    fp += std::max(0, c - gc);
  }
  for (const auto& [g, c] : gold) {
    auto it = pred.find(g);
    const int pc = it == pred.end() ? 0 : it->second;
    fn += std::max(0, c - pc);
  }
  OverlapScore s;
  const double total = tp + fp + fn;
  if (total > 0) tp /= total, fp /= total, fn /= total;
  if (fp == 0 && fn == 0) {
    s.precision = s.recall = 1;
    s.has_precision = s.has_recall = true;
  } else {
    if (tp + fp > 0) {
      s.precision = tp / (tp + fp);
      s.has_precision = true;
    }
    if (tp + fn > 0) {
      s.recall = tp / (tp + fn);
      s.has_recall = true;
    }
  }
  s.exact = pred_tokens == gold_tokens;
  return s;
}

}  // namespace winnow
