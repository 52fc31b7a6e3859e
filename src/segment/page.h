// Copyright winnow authors. Licensed under the MIT licence.
//
// The page model that the segment stage produces and later stages read:
// a flat list of blocks in document order, and the elements above them.

#ifndef WINNOW_SEGMENT_PAGE_H_
#define WINNOW_SEGMENT_PAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parse/tags.h"
#include "segment/page_strings.h"

namespace winnow {

// What kind of block-level box produced a block.
enum class BlockKind : uint8_t {
  kParagraph,  // p, div with own text, address, dd/dt ...
  kHeading,    // h1-h6
  kListItem,   // li
  kCell,       // td, th
  kQuote,      // blockquote
  kCode,       // pre
  kCaption,    // figcaption, caption
  kLine,       // a line or paragraph of plain-text input
};

// An element that is an ancestor of (or produced) a block. Nodes are stored
// parents-first, so a node's parent always has a smaller index. The views
// point into the Page's strings (or, for a known tag's name, into static
// storage): valid while the Page is, moved with it.
struct Node {
  int parent = -1;   // index into Page::nodes, -1 at the root
  int depth = 0;     // root is 0
  Tag tag = Tag::kHtml;
  std::string_view tag_name;  // lower-case tag name
  // Raw attribute values, lower-cased, as the rules target them.
  std::string_view class_attr;
  std::string_view id_attr;
  std::string_view role_attr;
  std::string_view aria_attr;     // aria-label
  std::string_view itemprop_attr;
  int first_block = -1;  // first block in this subtree, -1 when none
  int end_block = -1;    // one past the last block in this subtree
  // Siblings of one kind (the same parent and tag) share this key; never 0.
  uint64_t SiblingKindKey() const {
    return (static_cast<uint64_t>(parent + 1) << 16) |
           static_cast<uint64_t>(tag);
  }
};

struct Block {
  int node = -1;  // the element whose own text this is (-1 for text input)
  BlockKind kind = BlockKind::kParagraph;
  int heading_level = 0;  // 1-6 for headings
  std::string text;       // whitespace-folded; '\n' where a <br> stood
  // Features, in characters (Unicode code points) and words.
  int chars = 0;
  int link_chars = 0;   // characters inside <a href>
  int words = 0;
  int stop_words = 0;   // filled by the lang stage
  int sentence_ends = 0;  // . ! ? and their CJK forms ending a word
  int commas = 0;
  bool in_link_only = false;  // every character is inside a link
  double LinkDensity() const { return chars ? double(link_chars) / chars : 0; }
  double StopDensity() const { return words ? double(stop_words) / words : 0; }
};

// Raw metadata that segment collects in its one walk, for src/meta to
// resolve (meta/meta.h). Bounded, so that a page of a million meta tags
// costs little: at most kMaxValues values, kMaxJsonLd JSON-LD blocks of
// kMaxJsonLdBytes each, kMaxValueBytes per value or text (longer ones are
// cut at a character boundary), kMaxBylines byline texts, kMaxTimes times.
struct PageMeta {
  static constexpr size_t kMaxValues = 256;
  static constexpr size_t kMaxValueBytes = 2048;
  static constexpr size_t kMaxJsonLd = 8;
  static constexpr size_t kMaxJsonLdBytes = 256 * 1024;
  static constexpr size_t kMaxBylines = 4;
  static constexpr size_t kMaxTimes = 4;

  struct Value {
    std::string key;    // meta name, property or itemprop, lower-cased
    std::string value;  // its content (itemprop elements: text), folded
  };
  std::vector<Value> values;         // in document order
  std::vector<std::string> json_ld;  // raw text of ld+json scripts
  std::string canonical;             // <link rel=canonical href>
  std::string h1;                    // text of the first <h1>
  std::vector<std::string> bylines;  // rel=author, class *author*/byline
  std::vector<std::string> times;    // <time datetime>, document order
  std::string pubdate_time;          // <time pubdate datetime>
  std::string article_time;          // first <time datetime> in <article>
};

// Move-only: the nodes' views point into `strings`.
struct Page {
  std::vector<Node> nodes;
  std::vector<Block> blocks;
  PageStrings strings;             // what the nodes' views point into
  std::string title;               // <title>
  std::string og_title;            // <meta property=og:title>
  std::string lang_attr;          // <html lang>, lower-cased
  std::string meta_description;   // <meta name=description> or og:description
  std::string json_ld_body;       // JSON-LD articleBody, when present
  std::string lang;               // detected stop-list language, may be empty
  PageMeta meta;                  // raw metadata for src/meta
  bool is_text = false;           // came from plain-text input

  // Makes the page empty, as a new Page, but keeps (up to a bound) the
  // capacity of its vectors and strings for the next page a thread
  // segments: a page's fresh vectors grew by reallocating (and faulting in
  // new memory) a dozen times.
  void Clear();

  // The bytes that the node and block vectors hold, counted as vectors
  // grown from empty one element at a time hold them (capacity doubling),
  // whatever capacity an earlier page left them: the page's budget never
  // depends on the pages before it.
  size_t VectorBytes() const;
};

}  // namespace winnow

#endif  // WINNOW_SEGMENT_PAGE_H_
