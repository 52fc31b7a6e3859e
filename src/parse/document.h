// Copyright winnow authors. Licensed under the MIT licence.
//
// The document view: what the stages after parse read of a parsed page, in
// winnow's own types. A DomNode is a handle on one node of the tree that
// ParseHtml built (parse/parse.h): two pointers, copied freely, no copy of
// the tree. Gumbo's types never appear here; the node is held as an
// incomplete type that only src/parse/document.cc dereferences (a release
// build's link-time optimisation inlines those accessors).
//
// The view answers for the parse stage's own tricks: an attribute value or
// a run of text that the parser guard set aside (parse/guard.h) reads as
// if Gumbo had parsed it in place: every text and attribute value it hands
// out has its placeholders expanded. A caller never sees a placeholder.
//
// A handle is valid while its ParsedHtml is (the arena and buffer that
// ParseHtml was given are not Reset or changed).

#ifndef WINNOW_PARSE_DOCUMENT_H_
#define WINNOW_PARSE_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "parse/tags.h"

struct GumboInternalNode;

namespace winnow {

struct ParsedHtml;
class DomChildren;

// The kinds of node. Numerically equal to GumboNodeType (checked in
// document.cc).
enum class NodeType : uint8_t {
  kDocument,
  kElement,
  kText,
  kCData,
  kComment,
  kWhitespace,  // a text node of whitespace only
  kTemplate,    // a <template> element: an element to every accessor
};

class DomNode {
 public:
  // A null handle: false, and no accessor may be called on it.
  DomNode() = default;
  DomNode(const GumboInternalNode* node, const ParsedHtml* doc)
      : node_(node), doc_(doc) {}
  explicit operator bool() const { return node_ != nullptr; }

  NodeType type() const;
  // An element or a <template>.
  bool is_element() const {
    const NodeType t = type();
    return t == NodeType::kElement || t == NodeType::kTemplate;
  }
  // Text, whitespace or CDATA: what Text() reads as page text.
  bool is_text() const {
    const NodeType t = type();
    return t == NodeType::kText || t == NodeType::kWhitespace ||
           t == NodeType::kCData;
  }

  // The parent; null for the document node.
  DomNode parent() const;
  // The children of an element or of the document node, in document order;
  // empty for every other node.
  DomChildren children() const;

  // Elements only. The tag id (kUnknown for a tag Gumbo does not know).
  Tag tag() const;
  // Elements only. The name as written in the start tag ("my-Widget"),
  // not lower-cased; empty for an element the parser made up (an implied
  // <html>, <head>, <body>, <tbody> ...). Points into the parsed bytes.
  std::string_view written_tag_name() const;

  // Elements only. The value of the attribute `name` (lower case), matched
  // ignoring ASCII case; the first of duplicates wins; nullptr when the
  // element has none. NUL-terminated, valid with the handle.
  const char* Attribute(const char* name) const;
  // Elements only. Calls f(const char* name, const char* value) for every
  // attribute of the element, in the start tag's order (Gumbo keeps the
  // first of duplicate names only).
  template <typename F>
  void ForEachAttribute(F f) const;

  // Text, whitespace, CDATA and comment nodes only. The node's text,
  // character references decoded, with whatever the guard set aside put
  // back: a view of the tree when nothing was, else of *scratch
  // (overwritten). Valid until *scratch changes.
  std::string_view Text(std::string* scratch) const;

  friend bool operator==(DomNode a, DomNode b) { return a.node_ == b.node_; }
  friend bool operator!=(DomNode a, DomNode b) { return a.node_ != b.node_; }

 private:
  // One attribute of the tree's list (`attribute` is an element of it),
  // its value expanded.
  void TreeAttribute(const void* attribute, const char** name,
                     const char** value) const;
  // The tree's attribute list.
  void TreeAttributes(void* const** data, unsigned* size) const;
  // The attributes the guard moved out of the element's start tag
  // (SetAsideValues::AttributeList), or nullptr when they are in the tree.
  const char* MovedAttributes() const;
  // The string after the NUL-terminated one at `s`.
  static const char* NextString(const char* s) {
    while (*s != '\0') ++s;
    return s + 1;
  }

  const GumboInternalNode* node_ = nullptr;
  const ParsedHtml* doc_ = nullptr;
};

// The children of a node: an array of handles, indexed in O(1).
class DomChildren {
 public:
  DomChildren() = default;
  DomChildren(void* const* data, unsigned size, const ParsedHtml* doc)
      : data_(data), size_(size), doc_(doc) {}

  unsigned size() const { return size_; }
  bool empty() const { return size_ == 0; }
  DomNode operator[](unsigned i) const {
    return DomNode(static_cast<const GumboInternalNode*>(data_[i]), doc_);
  }

  class Iterator {
   public:
    Iterator(const DomChildren* list, unsigned i) : list_(list), i_(i) {}
    DomNode operator*() const { return (*list_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const DomChildren* list_;
    unsigned i_;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size_); }

 private:
  void* const* data_ = nullptr;
  unsigned size_ = 0;
  const ParsedHtml* doc_ = nullptr;
};

template <typename F>
void DomNode::ForEachAttribute(F f) const {
  if (const char* list = MovedAttributes()) {
    while (*list != '\0') {
      const char* value = NextString(list);
      f(list, value);
      list = NextString(value);
    }
    return;
  }
  void* const* data;
  unsigned size;
  TreeAttributes(&data, &size);
  for (unsigned i = 0; i < size; ++i) {
    const char* name;
    const char* value;
    TreeAttribute(data[i], &name, &value);
    f(name, value);
  }
}

}  // namespace winnow

#endif  // WINNOW_PARSE_DOCUMENT_H_
