// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/document.h"

#include <gumbo.h>
#include <strings.h>

#include "parse/guard.h"
#include "parse/parse.h"

namespace winnow {
namespace {

static_assert(static_cast<int>(NodeType::kDocument) == GUMBO_NODE_DOCUMENT);
static_assert(static_cast<int>(NodeType::kElement) == GUMBO_NODE_ELEMENT);
static_assert(static_cast<int>(NodeType::kText) == GUMBO_NODE_TEXT);
static_assert(static_cast<int>(NodeType::kCData) == GUMBO_NODE_CDATA);
static_assert(static_cast<int>(NodeType::kComment) == GUMBO_NODE_COMMENT);
static_assert(static_cast<int>(NodeType::kWhitespace) == GUMBO_NODE_WHITESPACE);
static_assert(static_cast<int>(NodeType::kTemplate) == GUMBO_NODE_TEMPLATE);

}  // namespace

NodeType DomNode::type() const { return static_cast<NodeType>(node_->type); }

DomNode DomNode::parent() const { return DomNode(node_->parent, doc_); }

DomChildren DomNode::children() const {
  const GumboVector* kids = nullptr;
  switch (node_->type) {
    case GUMBO_NODE_DOCUMENT:
      kids = &node_->v.document.children;
      break;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      kids = &node_->v.element.children;
      break;
    default:
      return DomChildren();
  }
  return DomChildren(kids->data, kids->length, doc_);
}

Tag DomNode::tag() const { return static_cast<Tag>(node_->v.element.tag); }

std::string_view DomNode::written_tag_name() const {
  GumboStringPiece piece = node_->v.element.original_tag;
  if (piece.data == nullptr) return {};
  gumbo_tag_from_original_text(&piece);
  return std::string_view(piece.data ? piece.data : "", piece.length);
}

const char* DomNode::MovedAttributes() const {
  const GumboVector& attributes = node_->v.element.attributes;
  if (attributes.length != 1) return nullptr;
  return doc_->aside.AttributeList(
      static_cast<const GumboAttribute*>(attributes.data[0])->name);
}

const char* DomNode::Attribute(const char* name) const {
  if (const char* list = MovedAttributes()) {
    while (*list != '\0') {
      const char* value = NextString(list);
      if (strcasecmp(list, name) == 0) return value;
      list = NextString(value);
    }
    return nullptr;
  }
  const GumboAttribute* a =
      gumbo_get_attribute(&node_->v.element.attributes, name);
  return a ? doc_->aside.ExpandValue(a->value) : nullptr;
}

void DomNode::TreeAttributes(void* const** data, unsigned* size) const {
  *data = node_->v.element.attributes.data;
  *size = node_->v.element.attributes.length;
}

void DomNode::TreeAttribute(const void* attribute, const char** name,
                            const char** value) const {
  const auto* a = static_cast<const GumboAttribute*>(attribute);
  *name = a->name;
  *value = doc_->aside.ExpandValue(a->value);
}

std::string_view DomNode::Text(std::string* scratch) const {
  return doc_->aside.ExpandText(node_->v.text.text, scratch);
}

}  // namespace winnow
