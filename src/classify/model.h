// Copyright winnow authors. Licensed under the MIT licence.
//
// The classifier's scoring model: every weight, threshold and cap, read from
// a weights file (rules/model.weights, embedded in the binary; `--model
// FILE` names another). The file documents what each value does.

#ifndef WINNOW_CLASSIFY_MODEL_H_
#define WINNOW_CLASSIFY_MODEL_H_

#include <string>
#include <string_view>

#include "winnow/status.h"

namespace winnow {

struct Model {
  // Own features (terms link_heavy ... copyright).
  double link_heavy_density, link_heavy, link_some_density, link_some;
  double long_chars, long_text, medium_chars, medium_text, tiny_chars,
      tiny_text;
  double stop_high_density, stopwords_high, stop_mid_density, stopwords_mid,
      stop_low_min_words, stopwords_low;
  double cjk_min_chars, cjk_punctuation, cjk_punctuation_max;
  double sentence_end, comma, comma_max, copyright;
  // Where the block lies.
  double inside_main, outside_main, outside_main_sure, sure_share;
  double long_prose_chars, strong_prose_score, long_prose_factor;
  double json_ld_min_body, json_ld_min_chars, json_ld_probe_bytes;
  double json_ld_inside, json_ld_outside;
  // Score rules.
  double container_shift_min, container_shift_max;
  // The main-content region.
  double region_bias_scale, region_bias_cap, region_min_share;
  double sibling_min_score, sibling_share, max_structural_share;
  // Classes.
  double max_link_density, bad_score, short_chars, good_score,
      near_good_score;
  // --precision / --recall.
  double precision_shift, recall_shift;
  // The rules' guard (guard.cc): a heading anchor id has this many words.
  double anchor_min_words;
  // The region's two ends, and teaser lists (teasers.h).
  double before_main, after_main;
  double teaser_min_cards, teaser_max_chars, teaser_max_blocks;
  double teaser_card;
  // Prose by shape (prose_shape.h): linked prose and lines of the body.
  double linked_prose_min_words, linked_prose_min_sentences,
      linked_prose_min_stop, linked_prose_min_unlinked, linked_prose;
  double body_line_max_chars, body_line_max_link_density, body_line_min_words,
      body_line_max_digit_share, body_line_min_after;
  // Captions and credits (captions.cc).
  double caption_max_chars, caption_line_chars, caption_page_share,
      caption_text_chars;
};

// Parses a weights file: `name = value  # comment` lines. Every field of
// Model must be given exactly once; an unknown name, a repeated one, a
// missing one or a value that is not a finite number is an error naming
// "FILE:LINE". On error *out is unspecified.
Status ParseModel(std::string_view text, std::string_view file, Model* out);

// Reads and parses the weights file at `path`.
Status LoadModel(const std::string& path, Model* out);

// The model embedded in the binary (rules/model.weights), parsed once.
// Aborts the process if the embedded file does not parse (a unit test
// guards it).
const Model& DefaultModel();

}  // namespace winnow

#endif  // WINNOW_CLASSIFY_MODEL_H_
