// Copyright winnow authors. Licensed under the MIT licence.
//
// For unit tests: a page's blocks from HTML written in the test.

#ifndef WINNOW_SEGMENT_TESTING_H_
#define WINNOW_SEGMENT_TESTING_H_

#include <gtest/gtest.h>

#include <string>

#include "parse/arena.h"
#include "parse/parse.h"
#include "segment/segment.h"

namespace winnow {

// Parses and segments `html` with `options` (the parse must succeed).
inline Page SegmentForTest(const std::string& html,
                           const Options& options = Options()) {
  Arena arena;
  std::string buffer;
  ParsedHtml doc;
  EXPECT_TRUE(ParseHtml(html, options, &arena, &buffer, &doc).ok());
  Page page;
  SegmentHtml(doc, options, &page);
  return page;
}

}  // namespace winnow

#endif  // WINNOW_SEGMENT_TESTING_H_
