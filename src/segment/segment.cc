// Copyright winnow authors. Licensed under the MIT licence.

#include "segment/segment.h"

#include <gumbo.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "segment/collect_meta.h"
#include "segment/normalize.h"
#include "util/ascii.h"
#include "util/budget.h"
#include "util/json.h"
#include "util/utf8.h"

namespace winnow {
namespace {

enum class TagClass { kInline, kBlock, kSkip, kBreak };

TagClass Classify(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_TITLE:
    // Ruby annotations: the reading (rt, rtc) and its fallback parentheses
    // (rp) are not part of the text they annotate.
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_RTC:
      return TagClass::kSkip;
    case GUMBO_TAG_BR:
      return TagClass::kBreak;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_XMP:
      return TagClass::kBlock;
    default:
      return TagClass::kInline;
  }
}

// The kind a block gets from the element that owns its text, or kParagraph
// for generic containers (which then inherit the enclosing kind).
bool KindOf(GumboTag tag, BlockKind* kind, int* level) {
  switch (tag) {
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      *kind = BlockKind::kHeading;
      *level = 1 + (tag - GUMBO_TAG_H1);
      return true;
    case GUMBO_TAG_LI:
      *kind = BlockKind::kListItem;
      return true;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      *kind = BlockKind::kCell;
      return true;
    case GUMBO_TAG_BLOCKQUOTE:
      *kind = BlockKind::kQuote;
      return true;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
      *kind = BlockKind::kCode;
      return true;
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_CAPTION:
      *kind = BlockKind::kCaption;
      return true;
    case GUMBO_TAG_P:
      *kind = BlockKind::kParagraph;
      return true;
    default:
      return false;
  }
}

const char* Attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a ? a->value : nullptr;
}

// An attribute that the parser guard may have set aside (parse/guard.h):
// what it kept, else the tree's.
const char* AsideOrAttr(const ParsedHtml& doc, const GumboElement& el,
                        SetAsideValues::Name aside, const char* name) {
  const char* values[SetAsideValues::kNames] = {};
  if (doc.SetAsideFor(el.original_tag.data, values) && values[aside]) {
    return values[aside];
  }
  return Attr(el, name);
}

void AppendLowerAscii(const char* s, std::string* out) {
  if (!s) return;
  const size_t start = out->size();
  out->append(s);
  for (size_t i = start; i < out->size(); ++i) {
    char& c = (*out)[i];
    c = AsciiLower(c);
  }
}

bool ContainsNoSpaceLower(const char* s, const char* needle) {
  // Compares ignoring ASCII case and spaces: "Display : None" matches
  // "display:none".
  thread_local std::string folded;
  folded.clear();
  for (; *s; ++s) {
    if (*s == ' ' || *s == '\t' || *s == '\n') continue;
    folded.push_back(AsciiLower(*s));
  }
  return folded.find(needle) != std::string::npos;
}

// True when `name` equals `lower` ignoring ASCII case, as
// gumbo_get_attribute compares.
bool NameIs(const char* name, std::string_view lower) {
  for (char c : lower) {
    const char n = AsciiLower(*name++);
    if (n != c) return false;
  }
  return *name == '\0';
}

// The attributes this stage reads from most elements, found in one walk
// over the element's list; gumbo_get_attribute would walk it once per name.
// The first of duplicate names wins, as with gumbo_get_attribute.
struct ElementAttrs {
  const char* cls = nullptr;
  const char* id = nullptr;
  const char* role = nullptr;
  const char* aria_label = nullptr;
  const char* itemprop = nullptr;
  const char* style = nullptr;
  const char* type = nullptr;
  bool hidden = false;
  bool href = false;

  ElementAttrs(const ParsedHtml& doc, const GumboElement& el) {
    // What the guard set aside (the tree no longer has it).
    const char* aside[SetAsideValues::kNames] = {};
    if (doc.SetAsideFor(el.original_tag.data, aside)) {
      cls = aside[SetAsideValues::kClass];
      id = aside[SetAsideValues::kId];
      style = aside[SetAsideValues::kStyle];
    }
    for (unsigned i = 0; i < el.attributes.length; ++i) {
      const auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
      const char* n = a->name;
      auto take = [&](const char** slot) {
        if (*slot == nullptr) *slot = a->value;
      };
      switch (n[0] | 0x20) {
        case 'c':
          if (NameIs(n, "class")) take(&cls);
          break;
        case 'i':
          if (NameIs(n, "id")) take(&id);
          else if (NameIs(n, "itemprop")) take(&itemprop);
          break;
        case 'r':
          if (NameIs(n, "role")) take(&role);
          break;
        case 'a':
          if (NameIs(n, "aria-label")) take(&aria_label);
          break;
        case 's':
          if (NameIs(n, "style")) take(&style);
          break;
        case 't':
          if (NameIs(n, "type")) take(&type);
          break;
        case 'h':
          if (NameIs(n, "hidden")) hidden = true;
          else if (NameIs(n, "href")) href = true;
          break;
        default:
          break;
      }
    }
  }
};

bool IsHidden(const ElementAttrs& attrs) {
  if (attrs.hidden) return true;
  if (const char* style = attrs.style) {
    if (ContainsNoSpaceLower(style, "display:none") ||
        ContainsNoSpaceLower(style, "visibility:hidden")) {
      return true;
    }
  }
  if (const char* type = attrs.type) {
    if (strcasecmp(type, "hidden") == 0) return true;
  }
  return false;
}

std::string TagName(const GumboElement& el) {
  if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
  GumboStringPiece piece = el.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data ? piece.data : "", piece.length);
  for (char& c : name) c = AsciiLower(c);
  return name;
}

// True for the bytes that can begin what IsSpaceAt calls a space: ASCII
// spaces and controls, and the lead bytes of U+0085, U+00A0, U+1680,
// U+2000-U+205F and U+3000.
bool MayStartSpace(char ch) {
  const unsigned char c = static_cast<unsigned char>(ch);
  return c <= 0x20 || c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3;
}

// Accumulates the own text of one block-owning element.
class TextBuffer {
 public:
  void Append(const char* s, size_t n, bool in_link, bool preformatted) {
    std::string_view text(s, n);
    for (size_t i = 0; i < text.size();) {
      size_t len = 1;
      if (!preformatted && MayStartSpace(text[i]) && IsSpaceAt(text, i, &len)) {
        if (!pending_space_) space_in_link_ = in_link;
        pending_space_ = !text_.empty() && text_.back() != '\n';
        i += len;
        continue;
      }
      if (preformatted && (text[i] == '\n' || text[i] == '\r')) {
        if (text[i] == '\n') {
          text_.push_back('\n');
        }
        pending_space_ = false;
        ++i;
        continue;
      }
      if (pending_space_) {
        text_.push_back(' ');
        if (in_link && space_in_link_) ++link_chars_;
        pending_space_ = false;
      }
      // The characters up to the next possible space (or line end) are
      // copied at once rather than byte by byte.
      size_t end = i + 1;
      if (preformatted) {
        while (end < text.size() && text[end] != '\n' && text[end] != '\r')
          ++end;
      } else {
        while (end < text.size() && !MayStartSpace(text[end])) ++end;
      }
      if (in_link) {
        link_chars_ +=
            static_cast<int>(CountCodePoints(text.substr(i, end - i)));
      }
      text_.append(text.data() + i, end - i);
      i = end;
    }
  }

  void Break() {
    // A <br>: a line break inside the block. Leading breaks are dropped.
    pending_space_ = false;
    while (!text_.empty() && text_.back() == ' ') text_.pop_back();
    if (!text_.empty() && text_.back() != '\n') text_.push_back('\n');
  }

  bool empty() const { return text_.empty(); }

  // Moves the text out as a block when it has any visible character.
  bool Take(Block* block) {
    while (!text_.empty() && (text_.back() == ' ' || text_.back() == '\n')) {
      text_.pop_back();
    }
    size_t start = 0;
    while (start < text_.size() && (text_[start] == '\n' || text_[start] == ' '))
      ++start;
    bool any = start < text_.size();
    if (any) {
      block->text.assign(text_, start, std::string::npos);
      NormalizeText(&block->text);
      any = !block->text.empty();
      block->link_chars = link_chars_;
    }
    text_.clear();
    link_chars_ = 0;
    pending_space_ = false;
    return any;
  }

 private:
  std::string text_;
  int link_chars_ = 0;
  bool pending_space_ = false;
  bool space_in_link_ = false;  // the pending space was inside a link
};

struct Frame {
  const GumboNode* node;
  unsigned next_child;
  int node_index;   // into Page::nodes
  bool is_block;
  bool is_link;
  bool is_pre;
};

// True when an <article> element is on the walk's stack.
bool InArticle(const std::vector<Frame>& stack) {
  for (const Frame& f : stack) {
    if (f.node->v.element.tag == GUMBO_TAG_ARTICLE) return true;
  }
  return false;
}

// The context that a block-owning element gives the text it collects.
struct Owner {
  int node_index;
  BlockKind kind;
  int level;
};

// Pulls "articleBody" out of a JSON-LD script without a full JSON parse:
// the value is a JSON string (util/json.h decodes its escapes; a bad one is
// kept as the character after the backslash, an unterminated string runs
// to the end of the script).
void ExtractJsonLdBody(std::string_view json, std::string* out) {
  size_t key = json.find("\"articleBody\"");
  if (key == std::string_view::npos) return;
  size_t i = json.find(':', key + 13);
  if (i == std::string_view::npos) return;
  ++i;
  while (i < json.size() && (json[i] == ' ' || json[i] == '\n' ||
                             json[i] == '\t' || json[i] == '\r'))
    ++i;
  if (i >= json.size() || json[i] != '"') return;
  std::string raw;
  for (++i; i < json.size() && json[i] != '"'; ++i) {
    if (json[i] == '\\' && i + 1 < json.size()) {
      size_t next = i;
      if (AppendJsonEscape(json, &next, &raw) == nullptr) {
        i = next - 1;
      } else {
        raw.push_back(json[++i]);  // a bad escape: the character as it is
      }
    } else {
      raw.push_back(json[i]);
    }
  }
  out->clear();
  AppendFolded(raw, out);
}

void ReadMeta(const ParsedHtml& doc, const GumboElement& el, Page* page) {
  const char* content =
      AsideOrAttr(doc, el, SetAsideValues::kContent, "content");
  if (!content) return;
  const char* name = Attr(el, "name");
  if (!name) name = Attr(el, "property");
  if (!name) return;
  if (strcasecmp(name, "description") == 0 ||
      (strcasecmp(name, "og:description") == 0 &&
       page->meta_description.empty())) {
    page->meta_description.clear();
    AppendFolded(content, &page->meta_description);
  } else if (strcasecmp(name, "og:title") == 0 && page->og_title.empty()) {
    AppendFolded(content, &page->og_title);
  }
}

}  // namespace

bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  *len = 1;
  // \x1c-\x1f are whitespace to Python's str.isspace as well.
  if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F))
    return true;
  if (c < 0xC2) return false;
  const unsigned char c1 = i + 1 < s.size() ? s[i + 1] : 0;
  if (c == 0xC2 && (c1 == 0xA0 || c1 == 0x85)) {
    *len = 2;
    return true;
  }
  const unsigned char c2 = i + 2 < s.size() ? s[i + 2] : 0;
  // U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+1680: what
  // Python's \s matches, which is how the corpus scorer folds text.
  if ((c == 0xE2 && c1 == 0x80 &&
       (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) && c2 >= 0x80) ||
      (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) ||
      (c == 0xE3 && c1 == 0x80 && c2 == 0x80) ||
      (c == 0xE1 && c1 == 0x9A && c2 == 0x80)) {
    *len = 3;
    return true;
  }
  return false;
}

void AppendFolded(std::string_view text, std::string* out) {
  bool space = false;
  for (size_t i = 0; i < text.size();) {
    size_t len;
    if (IsSpaceAt(text, i, &len)) {
      space = true;
      i += len;
      continue;
    }
    if (space && !out->empty() && out->back() != ' ') out->push_back(' ');
    space = false;
    out->push_back(text[i]);
    ++i;
  }
}

void ComputeTextFeatures(Block* block) {
  const std::string& t = block->text;
  int chars = 0, ends = 0, commas = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    if ((c & 0xC0) != 0x80) ++chars;
    if (c == '.' || c == '!' || c == '?') {
      if (i + 1 == t.size() || t[i + 1] == ' ' || t[i + 1] == '\n' ||
          t[i + 1] == '"' || t[i + 1] == ')')
        ++ends;
    } else if (c == ',') {
      ++commas;
    } else if (c == 0xE3 && i + 2 < t.size() &&
               static_cast<unsigned char>(t[i + 1]) == 0x80) {
      const unsigned char c2 = t[i + 2];
      if (c2 == 0x82) ++ends;                      // 。
      if (c2 == 0x81) ++commas;                    // 、
    } else if (c == 0xEF && i + 2 < t.size() &&
               static_cast<unsigned char>(t[i + 1]) == 0xBC) {
      const unsigned char c2 = t[i + 2];
      if (c2 == 0x81 || c2 == 0x9F) ++ends;        // ！ ？
      if (c2 == 0x8C) ++commas;                    // ，
    }
  }
  block->chars = chars;
  block->link_chars = std::min(block->link_chars, chars);
  block->in_link_only = chars > 0 && block->link_chars >= chars;
  block->sentence_ends = ends;
  block->commas = commas;
}

namespace {

// The heap bytes of a string (none while it fits in the object).
size_t HeapBytes(const std::string& s) {
  return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

// The bytes of text in the subtree of `node` (whitespace-only nodes left
// out, runs the guard set aside put back), leaving out script and style
// contents. Iterative.
size_t TextBytes(const ParsedHtml& doc, const GumboNode* node) {
  size_t bytes = 0;
  std::string expanded;
  std::vector<const GumboNode*> todo{node};
  while (!todo.empty()) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      bytes += doc.aside.ExpandText(n->v.text.text, &expanded).size();
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) continue;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      todo.push_back(static_cast<const GumboNode*>(kids.data[i]));
    }
  }
  return bytes;
}

// One walk over the tree (SegmentHtml). With `noscript`, <noscript>
// elements are blocks like <div>; without, they are skipped and the bytes
// of text they hold are added to *noscript_bytes. *held is what the pass
// holds in *budget.
bool SegmentPass(const ParsedHtml& doc, bool noscript, Page* page,
                 PageBudget* budget, size_t* held, size_t* noscript_bytes) {
  const GumboNode* root = reinterpret_cast<const GumboNode*>(doc.root());
  if (!root) return true;
  // The page's memory, counted into *budget every kCheckNodes elements:
  // the vectors' capacity and the strings' heap bytes.
  constexpr size_t kCheckNodes = 1024;
  size_t string_bytes = 0;
  size_t& counted = *held;
  bool over = false;
  auto check = [&]() {
    if (budget == nullptr) return;
    const size_t now = page->nodes.capacity() * sizeof(Node) +
                       page->blocks.capacity() * sizeof(Block) + string_bytes;
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
    string_bytes += HeapBytes(block.text);
    page->blocks.push_back(std::move(block));
  };

  auto push_element = [&](const GumboNode* node, const ElementAttrs& attrs) {
    const GumboElement& el = node->v.element;
    const TagClass tc = Classify(el.tag);
    const int index = static_cast<int>(page->nodes.size());
    page->nodes.emplace_back();
    Node& n = page->nodes.back();
    n.parent = stack.empty() ? -1 : stack.back().node_index;
    n.depth = static_cast<int>(stack.size());
    n.tag = static_cast<uint16_t>(el.tag);
    n.tag_name = TagName(el);
    AppendLowerAscii(attrs.cls, &n.class_attr);
    AppendLowerAscii(attrs.id, &n.id_attr);
    AppendLowerAscii(attrs.role, &n.role_attr);
    AppendLowerAscii(attrs.aria_label, &n.aria_attr);
    AppendLowerAscii(attrs.itemprop, &n.itemprop_attr);
    string_bytes += HeapBytes(n.tag_name) + HeapBytes(n.class_attr) +
                    HeapBytes(n.id_attr) + HeapBytes(n.role_attr) +
                    HeapBytes(n.aria_attr) + HeapBytes(n.itemprop_attr);
    if (page->nodes.size() % kCheckNodes == 0) check();
    n.first_block = static_cast<int>(page->blocks.size());
    // A <noscript> is pushed only when its contents are wanted, as a block.
    Frame f{node,  0,    index, tc == TagClass::kBlock || el.tag == GUMBO_TAG_NOSCRIPT,
            false, false};
    if (el.tag == GUMBO_TAG_A && attrs.href) {
      f.is_link = true;
      ++link_depth;
    }
    if (f.is_block) {
      flush();
      BlockKind kind = owners.empty() ? BlockKind::kParagraph : owners.back().kind;
      int level = owners.empty() ? 0 : owners.back().level;
      // Headings do not pass their kind to generic children; list items,
      // cells and quotes do.
      if (kind == BlockKind::kHeading || kind == BlockKind::kCaption) {
        kind = BlockKind::kParagraph;
        level = 0;
      }
      KindOf(el.tag, &kind, &level);
      if (kind != BlockKind::kHeading) level = 0;
      owners.push_back({index, kind, level});
      if (kind == BlockKind::kCode) {
        f.is_pre = true;
        ++pre_depth;
      }
    }
    stack.push_back(f);
  };

  // The document node's children: doctype, comments, <html>.
  const GumboVector& top = root->type == GUMBO_NODE_DOCUMENT
                               ? root->v.document.children
                               : root->v.element.children;
  if (root->type == GUMBO_NODE_ELEMENT) {
    if (const char* lang = Attr(root->v.element, "lang")) {
      AppendLowerAscii(lang, &page->lang_attr);
    }
  }
  std::vector<const GumboNode*> roots;
  if (root->type == GUMBO_NODE_DOCUMENT) {
    for (unsigned i = 0; i < top.length; ++i)
      roots.push_back(static_cast<const GumboNode*>(top.data[i]));
  } else {
    roots.push_back(root);
  }

  for (const GumboNode* r : roots) {
    if (over) break;
    if (r->type != GUMBO_NODE_ELEMENT) continue;
    if (r->v.element.tag == GUMBO_TAG_HTML) {
      if (const char* lang = Attr(r->v.element, "lang")) {
        page->lang_attr.clear();
        AppendLowerAscii(lang, &page->lang_attr);
      }
    }
    push_element(r, ElementAttrs(doc, r->v.element));
    while (!stack.empty() && !over) {
      Frame& f = stack.back();
      const GumboElement& el = f.node->v.element;
      if (f.next_child >= el.children.length) {
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
      const GumboNode* child =
          static_cast<const GumboNode*>(el.children.data[f.next_child++]);
      switch (child->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
        case GUMBO_NODE_CDATA: {
          const std::string_view t =
              doc.aside.ExpandText(child->v.text.text, &expanded);
          buffer.Append(t.data(), t.size(), link_depth > 0, pre_depth > 0);
          break;
        }
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: {
          const GumboElement& cel = child->v.element;
          if (cel.tag == GUMBO_TAG_TITLE) {
            if (page->title.empty()) {
              scratch.clear();
              CollectText(doc, child, SIZE_MAX, &scratch);
              if (!scratch.empty()) page->title = scratch;
            }
            break;
          }
          if (cel.tag == GUMBO_TAG_META) {
            ReadMeta(doc, cel, page);
            CollectMetaTag(doc, cel, &page->meta);
            break;
          }
          if (cel.tag == GUMBO_TAG_SCRIPT) {
            const char* type = Attr(cel, "type");
            if (type && strcasecmp(type, "application/ld+json") == 0 &&
                cel.children.length > 0) {
              const GumboNode* t =
                  static_cast<const GumboNode*>(cel.children.data[0]);
              if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_CDATA) {
                const std::string_view json =
                    doc.aside.ExpandText(t->v.text.text, &expanded);
                if (page->json_ld_body.empty())
                  ExtractJsonLdBody(json, &page->json_ld_body);
                CollectJsonLd(json, &page->meta);
              }
            }
            break;
          }
          if (cel.tag == GUMBO_TAG_HEAD) {
            // Visit head for title and meta only: its text is never body.
            push_element(child, ElementAttrs(doc, cel));
            break;
          }
          const TagClass tc = Classify(cel.tag);
          if (cel.tag == GUMBO_TAG_NOSCRIPT && !noscript) {
            *noscript_bytes += TextBytes(doc, child);
            break;
          }
          if (tc == TagClass::kSkip && cel.tag != GUMBO_TAG_NOSCRIPT) break;
          const ElementAttrs attrs(doc, cel);
          if (IsHidden(attrs)) break;
          if (tc == TagClass::kBreak) {
            buffer.Break();
            break;
          }
          CollectElement(doc, child, attrs.cls, attrs.itemprop,
                         cel.tag == GUMBO_TAG_TIME && InArticle(stack),
                         &page->meta);
          push_element(child, attrs);
          break;
        }
        default:
          break;  // comments, doctype
      }
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
  *page = Page();
  held = 0;
  return SegmentPass(doc, true, page, budget, &held, &noscript_bytes);
}

void SegmentText(std::string_view utf8, Page* page) {
  page->is_text = true;
  // Split into lines first.
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i <= utf8.size(); ++i) {
    if (i == utf8.size() || utf8[i] == '\n') {
      std::string_view line = utf8.substr(start, i - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines.push_back(line);
      start = i + 1;
    }
  }
  // Hard-wrapped text (paragraphs of several short lines between blank
  // lines) is joined per paragraph; otherwise each line is a block.
  size_t nonblank = 0, followed = 0, longest = 0;
  bool blanks = false;
  auto blank = [](std::string_view l) {
    for (char c : l) {
      if (c != ' ' && c != '\t' && c != '\f' && c != '\v') return false;
    }
    return true;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    if (blank(lines[i])) {
      blanks = true;
      continue;
    }
    ++nonblank;
    longest = std::max(longest, lines[i].size());
    if (i + 1 < lines.size() && !blank(lines[i + 1])) ++followed;
  }
  const bool wrapped =
      blanks && nonblank > 2 && followed * 2 >= nonblank && longest <= 100;
  Block block;
  auto emit = [&]() {
    NormalizeText(&block.text);
    if (block.text.empty()) return;
    block.kind = BlockKind::kLine;
    ComputeTextFeatures(&block);
    page->blocks.push_back(std::move(block));
    block = Block();
  };
  for (std::string_view line : lines) {
    if (blank(line)) {
      emit();
      continue;
    }
    if (!block.text.empty()) block.text.push_back(' ');
    AppendFolded(line, &block.text);
    while (!block.text.empty() && block.text.back() == ' ') block.text.pop_back();
    if (!wrapped) emit();
  }
  emit();
}

}  // namespace winnow
