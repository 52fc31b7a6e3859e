// Copyright winnow authors. Licensed under the MIT licence.
//
// Pass 3b of the classifier (passes.h): image captions and credits are a
// kind of block, decided by structure rather than by score shifts that an
// article container's bonus cancels out. Evaluators and extractors count a
// caption as not part of the article, so a caption is chrome whatever its
// score, the main-content region and the context pass say; only a page
// whose prose is mostly captions (a slideshow, a gallery, a video page)
// keeps them, scored like any block.

#include <vector>

#include "classify/passes.h"
#include "parse/tags.h"

namespace winnow {
namespace {

// What made a block a caption.
enum class CaptionKind : char { kNone, kRule, kBesideImage, kBeforeCredit };

// Whether node `n` is an image: <img>, <picture>, an AMP image.
bool IsImage(const Node& n) {
  return n.tag == Tag::kImg || n.tag_name == "picture" ||
         n.tag_name == "amp-img";
}

// Per node: whether an image sits in it outside every block, i.e. in a
// child (or deeper) that holds no text: <figure><a><img></a><p>..</p>.
std::vector<char> ImageWrappers(const Page& page) {
  // An image's wrapper is at most this many elements above it (img in a
  // picture in a link in a div).
  constexpr int kMaxImageDepth = 4;
  std::vector<char> wraps(page.nodes.size(), 0);
  for (const Node& img : page.nodes) {
    if (!IsImage(img)) continue;
    int n = img.parent;
    for (int up = 0; n >= 0 && up < kMaxImageDepth; ++up) {
      const Node& p = page.nodes[n];
      if (p.end_block > p.first_block) {
        wraps[n] = 1;
        break;
      }
      n = p.parent;
    }
  }
  return wraps;
}

// The text rule of kind caption (a credit line) among a block's rules, or -1.
int CreditRule(const RuleSet& rules, const Decision& d) {
  for (int r : d.rules) {
    const Rule& rule = rules.rule(r);
    if (rule.action == Action::kCaption && !rule.is_attribute()) return r;
  }
  return -1;
}

// The caption rule of the nearest element above block `b` (or its own)
// that one matched, when that element is caption-sized; else -1.
int CaptionElementRule(const ClassifyState& s, const Block& b,
                       const std::vector<int>& chars_before) {
  if (b.node < 0) return -1;
  for (int hn = s.nodes[b.node].hit_node; hn >= 0;) {
    if (s.own_caption[hn] >= 0) {
      const Node& n = s.page.nodes[hn];
      const int chars = chars_before[n.end_block] - chars_before[n.first_block];
      return chars <= s.model.caption_max_chars ? s.own_caption[hn] : -1;
    }
    const int parent = s.page.nodes[hn].parent;
    hn = parent >= 0 ? s.nodes[parent].hit_node : -1;
  }
  return -1;
}

// Whether block `b` is a short line (no sentence end) in a small <figure>
// that also holds an image: <figure><img><p>Name, place</p></figure>.
// Only <figure>: a short line beside an image in any wrapper is as often a
// teaser's headline or a paragraph around an inline picture.
bool BesideImage(const ClassifyState& s, const Block& b,
                 const std::vector<char>& wraps,
                 const std::vector<int>& chars_before) {
  // The wrapper is the block's element or at most this many levels above.
  constexpr int kMaxWrapperLevels = 2;
  if (b.node < 0 || b.sentence_ends > 0 ||
      b.chars > s.model.caption_line_chars) {
    return false;
  }
  // List items, cells and headings next to icons are content of their own.
  if (b.kind != BlockKind::kParagraph && b.kind != BlockKind::kCaption) {
    return false;
  }
  int n = b.node;
  for (int up = 0; n >= 0 && up <= kMaxWrapperLevels; ++up) {
    const Node& w = s.page.nodes[n];
    const int chars = chars_before[w.end_block] - chars_before[w.first_block];
    if (chars > s.model.caption_max_chars) return false;
    if (wraps[n] && w.tag == Tag::kFigure) {
      // A figure with a heading is a header or a teaser card: its short
      // lines are a standfirst or a summary.
      for (int i = w.first_block; i < w.end_block; ++i) {
        if (s.page.blocks[i].kind == BlockKind::kHeading) return false;
      }
      return true;
    }
    n = w.parent;
  }
  return false;
}

}  // namespace

void MarkCaptions(ClassifyState* s, std::vector<Decision>* out) {
  const Page& page = s->page;
  const size_t nblocks = page.blocks.size();
  s->caption.assign(nblocks, 0);
  std::vector<CaptionKind> kind(nblocks, CaptionKind::kNone);
  std::vector<int> rule(nblocks, -1);
  // Characters of the blocks before each block, for element sizes.
  std::vector<int> chars_before(nblocks + 1, 0);
  for (size_t b = 0; b < nblocks; ++b) {
    chars_before[b + 1] = chars_before[b] + page.blocks[b].chars;
  }
  const std::vector<char> wraps =
      page.is_text ? std::vector<char>() : ImageWrappers(page);
  for (size_t bi = 0; bi < nblocks; ++bi) {
    const Block& b = page.blocks[bi];
    if (page.is_text) {
      // Scraped text keeps the caption as the line before its credit
      // ("(Image: ...)", "Foto: ..."), which a credit rule dropped. The
      // first line is the headline, whatever follows it.
      const int credit = bi > 1 ? CreditRule(s->rules, (*out)[bi]) : -1;
      if (credit >= 0 &&
          page.blocks[bi - 1].chars <= s->model.caption_text_chars) {
        kind[bi - 1] = CaptionKind::kBeforeCredit;
        rule[bi - 1] = credit;
      }
      continue;
    }
    const int r = CaptionElementRule(*s, b, chars_before);
    if (r >= 0) {
      kind[bi] = CaptionKind::kRule;
      rule[bi] = r;
    } else if (BesideImage(*s, b, wraps, chars_before)) {
      kind[bi] = CaptionKind::kBesideImage;
    }
  }
  // A page whose prose is mostly captions is a slideshow or gallery: there
  // the captions are the content. Prose: the blocks the scores call good
  // or near-good that no rule dropped.
  double caption_chars = 0, prose_chars = 0;
  for (size_t bi = 0; bi < nblocks; ++bi) {
    const Block& b = page.blocks[bi];
    if (kind[bi] != CaptionKind::kNone) {
      caption_chars += b.chars;
    } else if (s->final_state[bi] >= 0 &&
               (s->cls[bi] == Cls::kGood || s->cls[bi] == Cls::kNearGood)) {
      prose_chars += b.chars;
    }
  }
  if (!page.is_text && caption_chars > 0 &&
      caption_chars >= s->model.caption_page_share * (caption_chars + prose_chars)) {
    return;
  }
  for (size_t bi = 0; bi < nblocks; ++bi) {
    if (kind[bi] == CaptionKind::kNone) continue;
    s->caption[bi] = 1;
    if (s->final_state[bi] != 0) continue;  // a rule decided already
    s->final_state[bi] = -1;
    Decision& d = (*out)[bi];
    d.rule = rule[bi];
    d.reason = kind[bi] == CaptionKind::kRule          ? "caption"
               : kind[bi] == CaptionKind::kBesideImage ? "caption: beside an image"
                                                       : "caption: before a credit";
  }
}

}  // namespace winnow
