// Copyright winnow authors. Licensed under the MIT licence.
//
// The page model that the segment stage produces and later stages read:
// a flat list of blocks in document order, and the elements above them.

#ifndef WINNOW_SEGMENT_PAGE_H_
#define WINNOW_SEGMENT_PAGE_H_

#include <cstdint>
#include <string>
#include <vector>

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
// parents-first, so a node's parent always has a smaller index.
struct Node {
  int parent = -1;   // index into Page::nodes, -1 at the root
  int depth = 0;     // root is 0
  uint16_t tag = 0;  // GumboTag value
  std::string tag_name;  // lower-case tag name
  // Raw attribute values, lower-cased, as the rules target them.
  std::string class_attr;
  std::string id_attr;
  std::string role_attr;
  std::string aria_attr;     // aria-label
  std::string itemprop_attr;
  int first_block = -1;  // first block in this subtree, -1 when none
  int end_block = -1;    // one past the last block in this subtree
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

struct Page {
  std::vector<Node> nodes;
  std::vector<Block> blocks;
  std::string title;               // <title>
  std::string og_title;            // <meta property=og:title>
  std::string lang_attr;          // <html lang>, lower-cased
  std::string meta_description;   // <meta name=description> or og:description
  std::string json_ld_body;       // JSON-LD articleBody, when present
  std::string lang;               // detected stop-list language, may be empty
  bool is_text = false;           // came from plain-text input
};

}  // namespace winnow

#endif  // WINNOW_SEGMENT_PAGE_H_
