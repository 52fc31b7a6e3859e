// Copyright winnow authors. Licensed under the MIT licence.

#include "classify/model.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "embed/embedded.h"
#include "util/file.h"

namespace winnow {
namespace {

struct Field {
  const char* name;
  double Model::*member;
};

#define WINNOW_FIELD(name) {#name, &Model::name}
constexpr Field kFields[] = {
    WINNOW_FIELD(link_heavy_density), WINNOW_FIELD(link_heavy),
    WINNOW_FIELD(link_some_density), WINNOW_FIELD(link_some),
    WINNOW_FIELD(long_chars), WINNOW_FIELD(long_text),
    WINNOW_FIELD(medium_chars), WINNOW_FIELD(medium_text),
    WINNOW_FIELD(tiny_chars), WINNOW_FIELD(tiny_text),
    WINNOW_FIELD(stop_high_density), WINNOW_FIELD(stopwords_high),
    WINNOW_FIELD(stop_mid_density), WINNOW_FIELD(stopwords_mid),
    WINNOW_FIELD(stop_low_min_words), WINNOW_FIELD(stopwords_low),
    WINNOW_FIELD(cjk_min_chars), WINNOW_FIELD(cjk_punctuation),
    WINNOW_FIELD(cjk_punctuation_max), WINNOW_FIELD(sentence_end),
    WINNOW_FIELD(comma), WINNOW_FIELD(comma_max), WINNOW_FIELD(copyright),
    WINNOW_FIELD(inside_main), WINNOW_FIELD(outside_main),
    WINNOW_FIELD(outside_main_sure), WINNOW_FIELD(sure_share),
    WINNOW_FIELD(long_prose_chars), WINNOW_FIELD(strong_prose_score),
    WINNOW_FIELD(long_prose_factor), WINNOW_FIELD(json_ld_min_body),
    WINNOW_FIELD(json_ld_min_chars), WINNOW_FIELD(json_ld_probe_bytes),
    WINNOW_FIELD(json_ld_inside), WINNOW_FIELD(json_ld_outside),
    WINNOW_FIELD(container_shift_min), WINNOW_FIELD(container_shift_max),
    WINNOW_FIELD(region_bias_scale), WINNOW_FIELD(region_bias_cap),
    WINNOW_FIELD(region_min_share), WINNOW_FIELD(sibling_min_score),
    WINNOW_FIELD(sibling_share), WINNOW_FIELD(max_structural_share),
    WINNOW_FIELD(max_link_density), WINNOW_FIELD(bad_score),
    WINNOW_FIELD(short_chars), WINNOW_FIELD(good_score),
    WINNOW_FIELD(near_good_score), WINNOW_FIELD(precision_shift),
    WINNOW_FIELD(recall_shift),
    WINNOW_FIELD(anchor_min_words),
    WINNOW_FIELD(before_main), WINNOW_FIELD(after_main),
    WINNOW_FIELD(teaser_min_cards), WINNOW_FIELD(teaser_max_chars),
    WINNOW_FIELD(teaser_max_blocks), WINNOW_FIELD(teaser_card),
    WINNOW_FIELD(linked_prose_min_words),
    WINNOW_FIELD(linked_prose_min_sentences),
    WINNOW_FIELD(linked_prose_min_stop),
    WINNOW_FIELD(linked_prose_min_unlinked), WINNOW_FIELD(linked_prose),
    WINNOW_FIELD(body_line_max_chars), WINNOW_FIELD(body_line_max_link_density),
    WINNOW_FIELD(body_line_min_words), WINNOW_FIELD(body_line_max_digit_share),
    WINNOW_FIELD(body_line_min_after),
    WINNOW_FIELD(caption_max_chars), WINNOW_FIELD(caption_line_chars),
    WINNOW_FIELD(caption_page_share), WINNOW_FIELD(caption_text_chars),
};
#undef WINNOW_FIELD
constexpr size_t kFieldCount = sizeof(kFields) / sizeof(kFields[0]);
static_assert(kFieldCount * sizeof(double) == sizeof(Model),
              "every Model field has a name in kFields");

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

Status ParseModel(std::string_view text, std::string_view file, Model* out) {
  std::vector<int> seen(kFieldCount, 0);
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    const std::string where = std::string(file) + ":" + std::to_string(line_no);
    const size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return Status::InvalidArgument(where + ": expected `name = value`");
    }
    const std::string_view name = Trim(line.substr(0, eq));
    const std::string value(Trim(line.substr(eq + 1)));
    size_t k = 0;
    while (k < kFieldCount && name != kFields[k].name) ++k;
    if (k == kFieldCount) {
      return Status::InvalidArgument(where + ": unknown weight '" +
                                     std::string(name) + "'");
    }
    if (seen[k]) {
      return Status::InvalidArgument(where + ": '" + std::string(name) +
                                     "' given twice (first at line " +
                                     std::to_string(seen[k]) + ")");
    }
    char* stop = nullptr;
    const double v = std::strtod(value.c_str(), &stop);
    if (value.empty() || *stop != '\0' || !std::isfinite(v)) {
      return Status::InvalidArgument(where + ": '" + value +
                                     "' is not a number");
    }
    out->*kFields[k].member = v;
    seen[k] = line_no;
  }
  for (size_t k = 0; k < kFieldCount; ++k) {
    if (!seen[k]) {
      return Status::InvalidArgument(std::string(file) + ": weight '" +
                                     kFields[k].name + "' missing");
    }
  }
  return Status::OK();
}

Status LoadModel(const std::string& path, Model* out) {
  std::string text;
  std::string reason;
  if (!ReadFile(path, &text, &reason).ok()) {
    return Status::IOError(path + ": cannot read the weights file (" + reason +
                           ")");
  }
  return ParseModel(text, path, out);
}

const Model& DefaultModel() {
  static const Model model = [] {
    Model m;
    Status s = Status::NotFound("no embedded rules/model.weights");
    if (kEmbeddedModelCount > 0) {
      s = ParseModel(kEmbeddedModel[0].contents(), "rules/model.weights", &m);
    }
    if (!s.ok()) {
      std::fprintf(stderr, "winnow: %s\n", s.message().c_str());
      std::abort();
    }
    return m;
  }();
  return model;
}

}  // namespace winnow
