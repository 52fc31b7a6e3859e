// Copyright winnow authors. Licensed under the MIT licence.
//
// Stage 5: the blocks labelled body, written as clean text.

#ifndef WINNOW_RENDER_RENDER_H_
#define WINNOW_RENDER_RENDER_H_

#include <string>
#include <vector>

#include "classify/classify.h"
#include "segment/page.h"
#include "winnow/options.h"

namespace winnow {

// Appends the body blocks of `page` to *out, one block per line (a block's
// own line breaks kept), ending in '\n' unless nothing is kept. With
// TextFormat::kMarkdown, headings, list items, quotes, code and table rows
// are marked up.
void Render(const Page& page, const std::vector<Decision>& decisions,
            const Options& options, std::string* out);

}  // namespace winnow

#endif  // WINNOW_RENDER_RENDER_H_
