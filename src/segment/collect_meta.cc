// Copyright winnow authors. Licensed under the MIT licence.

#include "segment/collect_meta.h"

#include <strings.h>

#include <cstring>
#include <vector>

#include "segment/segment.h"
#include "util/ascii.h"

namespace winnow {
namespace {

const char* Attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a ? a->value : nullptr;
}

// Cuts *s to at most `max` bytes, backing up to a character boundary.
void CutAt(size_t max, std::string* s) {
  if (s->size() <= max) return;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>((*s)[n]) & 0xC0) == 0x80) --n;
  s->resize(n);
}

// Appends `text` folded and bounded to PageMeta::kMaxValueBytes.
std::string Folded(std::string_view text) {
  std::string out;
  AppendFolded(text.substr(0, PageMeta::kMaxValueBytes + 4), &out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && out[0] == ' ') out.erase(0, 1);
  CutAt(PageMeta::kMaxValueBytes, &out);
  return out;
}

void AddValue(std::string_view key, std::string_view value, PageMeta* meta) {
  if (meta->values.size() >= PageMeta::kMaxValues) return;
  std::string v = Folded(value);
  if (v.empty()) return;
  PageMeta::Value entry;
  entry.key = Folded(key);
  for (char& c : entry.key) c = AsciiLower(c);
  entry.value = std::move(v);
  meta->values.push_back(std::move(entry));
}

// True when `pred` holds for a token of the whitespace-separated list
// `list` (a class or rel attribute; null is an empty list).
template <typename Pred>
bool AnyToken(const char* list, Pred pred) {
  if (!list) return false;
  std::string_view s(list);
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
    size_t end = i;
    while (end < s.size() && s[end] != ' ' && s[end] != '\t' && s[end] != '\n')
      ++end;
    if (end > i && pred(s.substr(i, end - i))) return true;
    i = end;
  }
  return false;
}

// True when the token list `list` holds `word`, case-insensitively.
bool HasToken(const char* list, std::string_view word) {
  return AnyToken(list, [word](std::string_view t) {
    return t.size() == word.size() &&
           strncasecmp(t.data(), word.data(), word.size()) == 0;
  });
}

// A class token that names a byline: "author", "byline", "*-author",
// "*-byline", "author-name", "byline-*".
bool BylineToken(std::string_view t) {
  auto ends = [&](std::string_view w) {
    return t.size() > w.size() &&
           strncasecmp(t.data() + t.size() - w.size(), w.data(), w.size()) ==
               0 &&
           (t[t.size() - w.size() - 1] == '-' ||
            t[t.size() - w.size() - 1] == '_');
  };
  auto is = [&](std::string_view w) {
    return t.size() == w.size() && strncasecmp(t.data(), w.data(), w.size()) == 0;
  };
  return is("author") || is("byline") || is("author-name") ||
         is("author_name") || is("authorname") || ends("author") ||
         ends("byline");
}

bool IsBylineElement(const GumboElement& el, const char* cls,
                     const char* itemprop) {
  if (itemprop && strcasecmp(itemprop, "author") == 0) return true;
  if (el.tag == GUMBO_TAG_A && HasToken(Attr(el, "rel"), "author")) return true;
  return AnyToken(cls, BylineToken);
}

}  // namespace

void CollectText(const ParsedHtml& doc, const GumboNode* node,
                 size_t max_bytes, std::string* out) {
  std::string expanded;
  std::string raw;
  // Iterative: titles are shallow but input-shaped all the same.
  std::vector<const GumboNode*> stack{node};
  while (!stack.empty() && raw.size() <= max_bytes) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      AppendFolded(doc.aside.ExpandText(n->v.text.text, &expanded), &raw);
      raw.push_back(' ');
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& kids = n->v.element.children;
      for (unsigned i = kids.length; i > 0; --i) {
        stack.push_back(static_cast<const GumboNode*>(kids.data[i - 1]));
      }
    }
  }
  std::string folded;
  AppendFolded(raw, &folded);
  CutAt(max_bytes, &folded);
  *out = std::move(folded);
}

void CollectMetaTag(const ParsedHtml& doc, const GumboElement& el,
                    PageMeta* meta) {
  if (meta->values.size() >= PageMeta::kMaxValues) return;
  const char* content = nullptr;
  const char* aside[SetAsideValues::kNames] = {};
  if (doc.SetAsideFor(el.original_tag.data, aside))
    content = aside[SetAsideValues::kContent];
  if (!content) content = Attr(el, "content");
  if (!content) return;
  const char* key = Attr(el, "name");
  if (!key) key = Attr(el, "property");
  if (!key) key = Attr(el, "itemprop");
  if (key) AddValue(key, content, meta);
}

void CollectJsonLd(std::string_view json, PageMeta* meta) {
  if (meta->json_ld.size() >= PageMeta::kMaxJsonLd ||
      json.size() > PageMeta::kMaxJsonLdBytes)
    return;
  meta->json_ld.emplace_back(json);
}

void CollectElement(const ParsedHtml& doc, const GumboNode* node,
                    const char* cls, const char* itemprop, bool in_article,
                    PageMeta* meta) {
  const GumboElement& el = node->v.element;
  switch (el.tag) {
    case GUMBO_TAG_LINK:
      if (meta->canonical.empty() && HasToken(Attr(el, "rel"), "canonical")) {
        if (const char* href = Attr(el, "href")) meta->canonical = Folded(href);
      }
      return;
    case GUMBO_TAG_H1:
      if (meta->h1.empty()) {
        CollectText(doc, node, PageMeta::kMaxValueBytes, &meta->h1);
      }
      break;
    case GUMBO_TAG_TIME:
      if (const char* dt = Attr(el, "datetime")) {
        std::string v = Folded(dt);
        if (v.empty()) break;
        if (itemprop) AddValue(itemprop, v, meta);
        if (meta->pubdate_time.empty() && Attr(el, "pubdate"))
          meta->pubdate_time = v;
        if (meta->article_time.empty() && in_article) meta->article_time = v;
        if (meta->times.size() < PageMeta::kMaxTimes)
          meta->times.push_back(std::move(v));
      }
      break;
    default:
      break;
  }
  if (meta->bylines.size() < PageMeta::kMaxBylines &&
      IsBylineElement(el, cls, itemprop)) {
    std::string text;
    CollectText(doc, node, PageMeta::kMaxValueBytes, &text);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (!text.empty()) meta->bylines.push_back(std::move(text));
  }
}

}  // namespace winnow
