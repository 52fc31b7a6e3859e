// Copyright winnow authors. Licensed under the MIT licence.

#include "meta/jsonld.h"

#include <algorithm>
#include <string_view>

#include "segment/segment.h"
#include "util/json.h"

namespace winnow {
namespace {

constexpr size_t kMaxNodes = 64;
constexpr size_t kMaxNames = 16;
constexpr size_t kMaxKeywords = 32;

std::string Folded(std::string_view s) {
  std::string out;
  AppendFolded(s, &out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && out[0] == ' ') out.erase(0, 1);
  return out;
}

void AddDistinct(std::string value, size_t max, std::vector<std::string>* out) {
  if (value.empty() || out->size() >= max) return;
  if (std::find(out->begin(), out->end(), value) == out->end())
    out->push_back(std::move(value));
}

// True when the node's @type (a string or an array of them) names an
// article.
bool IsArticle(const JsonValue& node) {
  const JsonValue* type = node.Find("@type");
  if (!type) return false;
  auto article = [](const JsonValue& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.str();
    return s.find("Article") != std::string::npos ||
           s.find("Posting") != std::string::npos || s == "Report";
  };
  if (article(*type)) return true;
  for (const JsonValue& t : type->elements()) {
    if (article(t)) return true;
  }
  return false;
}

bool HasType(const JsonValue& node, std::string_view name) {
  const JsonValue* type = node.Find("@type");
  return type && type->is_string() && type->str() == name;
}

std::string StringOf(const JsonValue* v) {
  return v && v->is_string() ? Folded(v->str()) : "";
}

// Names from a string, a {name} object, or an array of either.
void NamesOf(const JsonValue* v, std::vector<std::string>* out) {
  if (!v) return;
  if (v->is_string()) {
    AddDistinct(Folded(v->str()), kMaxNames, out);
  } else if (v->is_object()) {
    AddDistinct(StringOf(v->Find("name")), kMaxNames, out);
  } else if (v->is_array()) {
    for (const JsonValue& e : v->elements()) {
      if (!e.is_array()) NamesOf(&e, out);
    }
  }
}

// Items of a string split at commas, or of an array of strings.
void ListOf(const JsonValue* v, std::vector<std::string>* out) {
  if (!v) return;
  if (v->is_string()) {
    std::string_view s = v->str();
    while (!s.empty()) {
      const size_t comma = std::min(s.find(','), s.size());
      AddDistinct(Folded(s.substr(0, comma)), kMaxKeywords, out);
      s.remove_prefix(std::min(comma + 1, s.size()));
    }
  } else if (v->is_array()) {
    for (const JsonValue& e : v->elements()) {
      if (e.is_string()) AddDistinct(Folded(e.str()), kMaxKeywords, out);
    }
  }
}

// A URL string, an ImageObject's url, or the first of an array of either.
std::string ImageOf(const JsonValue* v) {
  if (v && v->is_array()) v = v->elements().empty() ? nullptr : &v->elements()[0];
  if (!v) return "";
  if (v->is_string()) return Folded(v->str());
  if (v->is_object()) return StringOf(v->Find("url"));
  return "";
}

void AddNode(const JsonValue& v, std::vector<const JsonValue*>* nodes) {
  if (v.is_object() && nodes->size() < kMaxNodes) nodes->push_back(&v);
}

}  // namespace

void ReadJsonLd(const std::vector<std::string>& blocks, JsonLdFacts* out) {
  JsonParseOptions options;
  options.max_depth = 64;
  std::vector<JsonValue> docs(blocks.size());
  std::vector<const JsonValue*> nodes;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (!ParseJson(blocks[i], &docs[i], options).ok()) continue;
    const JsonValue& doc = docs[i];
    for (const JsonValue& e : doc.elements()) AddNode(e, &nodes);
    AddNode(doc, &nodes);
    if (const JsonValue* graph = doc.Find("@graph")) {
      for (const JsonValue& e : graph->elements()) AddNode(e, &nodes);
    }
  }
  // Articles first, the rest in document order.
  std::stable_partition(nodes.begin(), nodes.end(),
                        [](const JsonValue* n) { return IsArticle(*n); });
  for (const JsonValue* n : nodes) {
    if (out->authors.empty()) NamesOf(n->Find("author"), &out->authors);
    if (out->date_published.empty())
      out->date_published = StringOf(n->Find("datePublished"));
    if (out->publisher.empty()) {
      std::vector<std::string> names;
      NamesOf(n->Find("publisher"), &names);
      if (!names.empty()) out->publisher = names[0];
    }
    if (out->website_name.empty() && HasType(*n, "WebSite"))
      out->website_name = StringOf(n->Find("name"));
    if (out->description.empty())
      out->description = StringOf(n->Find("description"));
    if (out->keywords.empty()) ListOf(n->Find("keywords"), &out->keywords);
    if (out->sections.empty()) ListOf(n->Find("articleSection"), &out->sections);
    if (out->image.empty()) out->image = ImageOf(n->Find("image"));
  }
}

}  // namespace winnow
