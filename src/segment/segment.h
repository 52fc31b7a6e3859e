// Copyright winnow authors. Licensed under the MIT licence.
//
// Stage 3: a parsed document (or plain text) to a flat list of blocks in
// document order, each with the features the classifier reads.

#ifndef WINNOW_SEGMENT_SEGMENT_H_
#define WINNOW_SEGMENT_SEGMENT_H_

#include <string>
#include <string_view>

#include "parse/parse.h"
#include "segment/page.h"
#include "winnow/options.h"

namespace winnow {

class PageBudget;

// Walks the DOM iteratively (no recursion: depth is input-shaped) and fills
// *page (which must be empty). Skips script, style, template, form
// controls, embedded content, ruby annotations (rt, rp, rtc) and hidden
// elements, and noscript unless its text (200 bytes or more) outweighs the
// rest of the page's (then a second walk reads it as a <div>: pages that
// carry the article only there, or whose noscript an unclosed element made
// swallow the page).
// Block text is NFC without soft hyphens or zero-width spaces
// (segment/normalize.h). Linear in the tree size.
// With a budget, counts its work and the page's memory there as it goes
// (and leaves that memory held); returns false, stopping early with *page
// incomplete, once the budget is exhausted (budget->status() says which).
bool SegmentHtml(const ParsedHtml& doc, const Options& options, Page* page,
                 PageBudget* budget = nullptr);

// Splits plain text into blocks: one per line, or one per blank-line
// separated paragraph when the text is hard-wrapped. Linear.
void SegmentText(std::string_view utf8, Page* page);

// Appends `text` to *out folding whitespace (Unicode spaces included) into
// single spaces, as the scorer folds it. Exposed for tests and other stages.
void AppendFolded(std::string_view text, std::string* out);

// Fills the character-level features of `block` from its text.
void ComputeTextFeatures(Block* block);

// True when the bytes at `s[i]` start a Unicode whitespace character; sets
// *len to its length in bytes.
bool IsSpaceAt(std::string_view s, size_t i, size_t* len);

}  // namespace winnow

#endif  // WINNOW_SEGMENT_SEGMENT_H_
