// Copyright winnow authors. Licensed under the MIT licence.
//
// Pass 4 of the classifier (passes.h): uncertain blocks take their
// neighbours' side.

#include "classify/passes.h"
#include "classify/prose_shape.h"
#include "classify/sibling_kinds.h"

namespace winnow {
namespace {

// Plain text has no <h1>: a short line without a sentence end that
// introduces prose is read as a heading.
bool IsHeadingLike(const Page& page, const Block& b) {
  return b.kind == BlockKind::kHeading ||
         (page.is_text && b.chars <= 150 && b.sentence_ends == 0 &&
          b.words >= 2);
}

}  // namespace

void DecideByContext(const ClassifyState& s, std::vector<Decision>* out) {
  const Page& page = s.page;
  const size_t nblocks = page.blocks.size();
  // A decided block anchors its neighbourhood as good or bad.
  auto anchor = [&](size_t i) -> int {
    // A caption is an aside: it says nothing about the text around it.
    if (s.caption[i]) return 0;
    if (s.final_state[i] != 0) return s.final_state[i];
    if (s.cls[i] == Cls::kGood) return 1;
    if (s.cls[i] == Cls::kBad) return -1;
    return 0;
  };
  std::vector<int> anchors(nblocks);
  for (size_t i = 0; i < nblocks; ++i) anchors[i] = anchor(i);
  // Where each block stands among the article's blocks of its kind.
  // The sibling kinds are those the region finder numbered (it always runs
  // before this pass); numbered here when it did not.
  SiblingCounts siblings;
  std::vector<int> own_kind;
  const std::vector<int>* kind = &s.region.sibling_kind;
  int kinds = s.region.sibling_kinds;
  if (kinds < 0) {
    kinds = NumberSiblingKinds(page, &own_kind);
    kind = &own_kind;
  }
  CountBodySiblings(page, anchors, *kind, kinds, &siblings);
  // The nearest anchor before and after each block (-1 at the page's ends).
  std::vector<int> prev(nblocks, 0), next(nblocks, 0);
  int last = -1;
  for (size_t i = 0; i < nblocks; ++i) {
    prev[i] = last;
    const int a = anchors[i];
    if (a != 0) last = a;
  }
  last = -1;
  for (size_t i = nblocks; i-- > 0;) {
    next[i] = last;
    const int a = anchors[i];
    if (a != 0) {
      last = a;
    } else if (page.is_text && IsHeadingLike(page, page.blocks[i])) {
      // In plain text, where no markup says where the article starts, a
      // heading opens what follows it: the text after it does not vouch
      // for the blocks before it (a site tagline above the headline).
      last = -1;
    }
  }
  for (size_t i = 0; i < nblocks; ++i) {
    Decision& d = (*out)[i];
    if (s.final_state[i] != 0) {
      d.label = s.final_state[i] > 0 ? Label::kBody : Label::kChrome;
      continue;
    }
    switch (s.cls[i]) {
      case Cls::kGood:
        d.label = Label::kBody;
        d.reason = "prose";
        break;
      case Cls::kBad:
        d.label = Label::kChrome;
        d.reason = "link-dense or no prose";
        break;
      case Cls::kNearGood:
      case Cls::kShort: {
        bool body;
        if (prev[i] > 0 && next[i] > 0) {
          body = true;
          d.reason = "context: between body blocks";
        } else if (prev[i] < 0 && next[i] < 0) {
          body = false;
          d.reason = "context: among chrome";
        } else if (IsHeadingLike(page, page.blocks[i])) {
          // A heading belongs to the text right after it.
          body = i + 1 < nblocks && anchors[i + 1] > 0;
          d.reason = body ? "context: heading of body" : "context: heading of chrome";
        } else {
          // Between a body and a chrome side: a near-good block is body.
          body = s.cls[i] == Cls::kNearGood;
          d.reason = body ? "context: near-good beside body"
                          : "context: short beside chrome";
        }
        if (!body) {
          // Its neighbours say chrome; its siblings may say it is a line
          // of the article (a one-sentence paragraph, a sign-off).
          const char* line =
              BodyLineReason(page, siblings, anchors, i, s.model);
          if (line != nullptr) {
            body = true;
            d.reason = line;
          }
        }
        d.label = body ? Label::kBody : Label::kChrome;
        break;
      }
    }
  }
}

}  // namespace winnow
