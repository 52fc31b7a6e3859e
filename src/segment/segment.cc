// Copyright winnow authors. Licensed under the MIT licence.
//
// The segment walk: one pass over the document view (parse/document.h)
// that makes the page's nodes and blocks and collects its metadata.
// What an element is to the walk is in element.h, how text is gathered in
// block_text.h, metadata in collect_meta.h.

#include "segment/segment.h"

#include <strings.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parse/document.h"
#include "parse/tags.h"
#include "segment/block_text.h"
#include "segment/collect_meta.h"
#include "segment/element.h"
#include "util/budget.h"

namespace winnow {
namespace {

struct Frame {
  Tag tag;
  DomChildren children;
  unsigned next_child;
  int node_index;  // into Page::nodes
  bool is_block;
  bool is_link;
  bool is_pre;
};

// True when an <article> element is on the walk's stack.
bool InArticle(const std::vector<Frame>& stack) {
  for (const Frame& f : stack) {
    if (f.tag == Tag::kArticle) return true;
  }
  return false;
}

// The context that a block-owning element gives the text it collects.
struct Owner {
  int node_index;
  BlockKind kind;
  int level;
};

// The heap bytes of a string (none while it fits in the object).
size_t HeapBytes(const std::string& s) {
  return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

// The bytes of text in the subtree of `node` (whitespace-only nodes left
// out, runs the guard set aside put back), leaving out script and style
// contents. Iterative.
size_t TextBytes(DomNode node) {
  size_t bytes = 0;
  std::string expanded;
  std::vector<DomNode> todo{node};
  while (!todo.empty()) {
    const DomNode n = todo.back();
    todo.pop_back();
    const NodeType type = n.type();
    if (type == NodeType::kText || type == NodeType::kCData) {
      bytes += n.Text(&expanded).size();
      continue;
    }
    if (type != NodeType::kElement) continue;
    const Tag tag = n.tag();
    if (tag == Tag::kScript || tag == Tag::kStyle) continue;
    for (DomNode kid : n.children()) todo.push_back(kid);
  }
  return bytes;
}

// One walk over the tree (SegmentHtml). With `noscript`, <noscript>
// elements are blocks like <div>; without, they are skipped and the bytes
// of text they hold are added to *noscript_bytes. *held is what the pass
// holds in *budget.
bool SegmentPass(const ParsedHtml& doc, bool noscript, Page* page,
                 PageBudget* budget, size_t* held, size_t* noscript_bytes) {
  const DomNode root = doc.root();  // <html>
  if (!root) return true;
  // The page's memory, counted into *budget every kCheckNodes elements:
  // the vectors', the nodes' strings' and the block texts' heap bytes.
  constexpr size_t kCheckNodes = 1024;
  size_t text_bytes = 0;
  size_t& counted = *held;
  bool over = false;
  auto check = [&]() {
    if (budget == nullptr) return;
    const size_t now =
        page->VectorBytes() + page->strings.bytes() + text_bytes;
    over =
        !budget->Work(kCheckNodes * kNodeWork) || !budget->Hold(now - counted);
    counted = now;
  };
  TextBuffer buffer;
  std::vector<Frame> stack;
  std::vector<Owner> owners;
  int link_depth = 0;
  int pre_depth = 0;
  std::string scratch;
  std::string expanded;  // a text node with its runs put back (guard.h)

  auto flush = [&]() {
    if (owners.empty() || buffer.empty()) return;
    Block block;
    if (!buffer.Take(&block)) return;
    const Owner& owner = owners.back();
    block.node = owner.node_index;
    block.kind = owner.kind;
    block.heading_level = owner.level;
    ComputeTextFeatures(&block);
    text_bytes += HeapBytes(block.text);
    page->blocks.push_back(std::move(block));
  };

  auto push_element = [&](DomNode el, const ElementAttrs& attrs) {
    const Tag tag = el.tag();
    const TagClass tc = Classify(tag);
    const int index = static_cast<int>(page->nodes.size());
    page->nodes.emplace_back();
    Node& n = page->nodes.back();
    n.parent = stack.empty() ? -1 : stack.back().node_index;
    n.depth = static_cast<int>(stack.size());
    n.tag = tag;
    PageStrings& strings = page->strings;
    // Most elements lack most of these: an absent or empty value is an
    // empty view without a call.
    auto lower = [&strings](const char* value) {
      return value && *value ? strings.AddLowerAscii(value)
                             : std::string_view();
    };
    n.tag_name = LowerTagName(el, &strings);
    n.class_attr = lower(attrs.cls);
    n.id_attr = lower(attrs.id);
    n.role_attr = lower(attrs.role);
    n.aria_attr = lower(attrs.aria_label);
    n.itemprop_attr = lower(attrs.itemprop);
    if (page->nodes.size() % kCheckNodes == 0) check();
    n.first_block = static_cast<int>(page->blocks.size());
    // A <noscript> is pushed only when its contents are wanted, as a block.
    Frame f{tag,
            el.children(),
            0,
            index,
            tc == TagClass::kBlock || tag == Tag::kNoscript,
            false,
            false};
    if (tag == Tag::kA && attrs.href) {
      f.is_link = true;
      ++link_depth;
    }
    if (f.is_block) {
      flush();
      BlockKind kind =
          owners.empty() ? BlockKind::kParagraph : owners.back().kind;
      int level = owners.empty() ? 0 : owners.back().level;
      // Headings do not pass their kind to generic children; list items,
      // cells and quotes do.
      if (kind == BlockKind::kHeading || kind == BlockKind::kCaption) {
        kind = BlockKind::kParagraph;
        level = 0;
      }
      KindOf(tag, &kind, &level);
      if (kind != BlockKind::kHeading) level = 0;
      owners.push_back({index, kind, level});
      if (kind == BlockKind::kCode) {
        f.is_pre = true;
        ++pre_depth;
      }
    }
    stack.push_back(f);
  };

  if (const char* lang = root.Attribute("lang")) {
    AppendLowerAscii(lang, &page->lang_attr);
  }
  push_element(root, ElementAttrs(root));
  while (!stack.empty() && !over) {
    Frame& f = stack.back();
    if (f.next_child >= f.children.size()) {
      // Leaving the element.
      if (f.is_block) {
        flush();
        owners.pop_back();
      }
      if (f.is_link) --link_depth;
      if (f.is_pre) --pre_depth;
      page->nodes[f.node_index].end_block =
          static_cast<int>(page->blocks.size());
      stack.pop_back();
      continue;
    }
    const DomNode child = f.children[f.next_child++];
    switch (child.type()) {
      case NodeType::kText:
      case NodeType::kWhitespace:
      case NodeType::kCData: {
        const std::string_view t = child.Text(&expanded);
        buffer.Append(t.data(), t.size(), link_depth > 0, pre_depth > 0);
        break;
      }
      case NodeType::kElement:
      case NodeType::kTemplate: {
        const Tag tag = child.tag();
        if (tag == Tag::kTitle) {
          if (page->title.empty()) {
            scratch.clear();
            CollectText(child, SIZE_MAX, &scratch);
            if (!scratch.empty()) page->title = scratch;
          }
          break;
        }
        if (tag == Tag::kMeta) {
          const ElementAttrs attrs(child);
          ReadDescription(attrs, page);
          CollectMetaTag(attrs, &page->meta);
          break;
        }
        if (tag == Tag::kScript) {
          const char* type = child.Attribute("type");
          const DomChildren kids = child.children();
          if (type && strcasecmp(type, "application/ld+json") == 0 &&
              !kids.empty()) {
            const DomNode t = kids[0];
            if (t.type() == NodeType::kText || t.type() == NodeType::kCData) {
              const std::string_view json = t.Text(&expanded);
              if (page->json_ld_body.empty())
                ExtractJsonLdBody(json, &page->json_ld_body);
              CollectJsonLd(json, &page->meta);
            }
          }
          break;
        }
        if (tag == Tag::kHead) {
          // Visit head for title and meta only: its text is never body.
          push_element(child, ElementAttrs(child));
          break;
        }
        const TagClass tc = Classify(tag);
        if (tag == Tag::kNoscript && !noscript) {
          *noscript_bytes += TextBytes(child);
          break;
        }
        if (tc == TagClass::kSkip && tag != Tag::kNoscript) break;
        const ElementAttrs attrs(child);
        if (IsHidden(attrs)) break;
        if (tc == TagClass::kBreak) {
          buffer.Break();
          break;
        }
        // The element's node first: its class lower-cased once serves both.
        const bool in_article = tag == Tag::kTime && InArticle(stack);
        push_element(child, attrs);
        CollectElement(child, page->nodes.back().class_attr, attrs, in_article,
                       &page->meta);
        break;
      }
      default:
        break;  // comments
    }
  }
  if (!over) check();
  return !over;
}

}  // namespace

bool SegmentHtml(const ParsedHtml& doc, const Options& options, Page* page,
                 PageBudget* budget) {
  (void)options;
  size_t held = 0, noscript_bytes = 0;
  if (!SegmentPass(doc, false, page, budget, &held, &noscript_bytes)) {
    return false;
  }
  // Some pages carry their article only inside <noscript> (the script
  // version loads it), and an element left open in a <noscript> near the
  // top takes the rest of the page into it. Either way <noscript> holds
  // more text than everything else, and more than a notice ("enable
  // JavaScript", a tracking pixel's fallback): then its contents are read.
  constexpr size_t kMinNoscriptBytes = 200;
  if (noscript_bytes < kMinNoscriptBytes) return true;
  size_t outside_bytes = 0;
  for (const Block& b : page->blocks) outside_bytes += b.text.size();
  if (noscript_bytes <= outside_bytes) return true;
  if (budget != nullptr) budget->Release(held);
  page->Clear();
  held = 0;
  return SegmentPass(doc, true, page, budget, &held, &noscript_bytes);
}

}  // namespace winnow
