// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/document.h"

#include <gumbo.h>

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
// ForEachAttribute's names, in SetAsideValues::Name order.
static_assert(SetAsideValues::kNames == 4 && SetAsideValues::kClass == 0 &&
              SetAsideValues::kId == 1 && SetAsideValues::kStyle == 2 &&
              SetAsideValues::kContent == 3);

// The SetAsideValues::Name of an attribute the guard may set aside, or -1.
// `name` is lower case, as callers of Attribute pass it.
int SetAsideName(const char* name) {
  switch (name[0]) {
    case 'c':
      if (std::string_view(name) == "class") return SetAsideValues::kClass;
      if (std::string_view(name) == "content") return SetAsideValues::kContent;
      return -1;
    case 'i':
      return std::string_view(name) == "id" ? SetAsideValues::kId : -1;
    case 's':
      return std::string_view(name) == "style" ? SetAsideValues::kStyle : -1;
    default:
      return -1;
  }
}

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

bool DomNode::SetAside(const char* values[4]) const {
  return doc_->SetAsideFor(node_->v.element.original_tag.data, values);
}

const char* DomNode::Attribute(const char* name) const {
  if (!doc_->aside.empty()) {
    const int k = SetAsideName(name);
    const char* aside[SetAsideValues::kNames] = {};
    if (k >= 0 && SetAside(aside) && aside[k] != nullptr) return aside[k];
  }
  const GumboAttribute* a =
      gumbo_get_attribute(&node_->v.element.attributes, name);
  return a ? a->value : nullptr;
}

void DomNode::TreeAttributes(void* const** data, unsigned* size) const {
  *data = node_->v.element.attributes.data;
  *size = node_->v.element.attributes.length;
}

void DomNode::TreeAttribute(const void* attribute, const char** name,
                            const char** value) {
  const auto* a = static_cast<const GumboAttribute*>(attribute);
  *name = a->name;
  *value = a->value;
}

std::string_view DomNode::Text(std::string* scratch) const {
  return doc_->aside.ExpandText(node_->v.text.text, scratch);
}

}  // namespace winnow
