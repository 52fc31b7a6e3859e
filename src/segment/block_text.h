// Copyright winnow authors. Licensed under the MIT licence.
//
// The text of blocks: how the segment walk gathers an element's own text
// (whitespace folded, <br> as a line break, characters in links counted),
// and the folding and features that every block's text goes through
// (declared in segment/segment.h).

#ifndef WINNOW_SEGMENT_BLOCK_TEXT_H_
#define WINNOW_SEGMENT_BLOCK_TEXT_H_

#include <cstddef>
#include <string>

#include "segment/page.h"

namespace winnow {

// Accumulates the own text of one block-owning element.
class TextBuffer {
 public:
  // Appends n bytes of text at s; `in_link` counts its characters as link
  // text, `preformatted` keeps its line breaks and spaces.
  void Append(const char* s, size_t n, bool in_link, bool preformatted);

  // A <br>: a line break inside the block. Leading breaks are dropped.
  void Break() {
    pending_space_ = false;
    while (!text_.empty() && text_.back() == ' ') text_.pop_back();
    if (!text_.empty() && text_.back() != '\n') text_.push_back('\n');
  }

  bool empty() const { return text_.empty(); }

  // Moves the text out as *block's text (NFC, segment/normalize.h) and
  // its link characters, and empties the buffer; true when the text has
  // any visible character (else *block is left without text).
  bool Take(Block* block);

 private:
  std::string text_;
  int link_chars_ = 0;
  bool pending_space_ = false;
  bool space_in_link_ = false;  // the pending space was inside a link
};

}  // namespace winnow

#endif  // WINNOW_SEGMENT_BLOCK_TEXT_H_
