// Copyright winnow authors. Licensed under the MIT licence.

#include "segment/collect_meta.h"

#include <strings.h>

#include <cstring>
#include <vector>

#include "segment/segment.h"
#include "util/ascii.h"
#include "util/json.h"

namespace winnow {
namespace {

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
// `s` (a class or rel attribute).
template <typename Pred>
bool AnyToken(std::string_view s, Pred pred) {
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
  if (!list) return false;
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
    return t.size() == w.size() &&
           strncasecmp(t.data(), w.data(), w.size()) == 0;
  };
  return is("author") || is("byline") || is("author-name") ||
         is("author_name") || is("authorname") || ends("author") ||
         ends("byline");
}

bool IsBylineElement(DomNode el, std::string_view lower_cls,
                     const ElementAttrs& attrs) {
  const char* itemprop = attrs.itemprop;
  if (itemprop && strcasecmp(itemprop, "author") == 0) return true;
  if (el.tag() == Tag::kA && HasToken(attrs.rel, "author")) {
    return true;
  }
  // Every byline token holds "author" or "byline": most classes, which
  // hold neither, are turned away by two memchr-speed searches rather
  // than cut into tokens.
  if (lower_cls.find("author") == std::string_view::npos &&
      lower_cls.find("byline") == std::string_view::npos) {
    return false;
  }
  return AnyToken(lower_cls, BylineToken);
}

}  // namespace

void CollectText(DomNode node, size_t max_bytes, std::string* out) {
  std::string expanded;
  std::string raw;
  // Iterative: titles are shallow but input-shaped all the same.
  std::vector<DomNode> stack{node};
  while (!stack.empty() && raw.size() <= max_bytes) {
    const DomNode n = stack.back();
    stack.pop_back();
    const NodeType type = n.type();
    if (type == NodeType::kText || type == NodeType::kWhitespace ||
        type == NodeType::kCData) {
      AppendFolded(n.Text(&expanded), &raw);
      raw.push_back(' ');
    } else if (type == NodeType::kElement) {
      const DomChildren kids = n.children();
      for (unsigned i = kids.size(); i > 0; --i) stack.push_back(kids[i - 1]);
    }
  }
  std::string folded;
  AppendFolded(raw, &folded);
  CutAt(max_bytes, &folded);
  *out = std::move(folded);
}

void CollectMetaTag(const ElementAttrs& attrs, PageMeta* meta) {
  if (meta->values.size() >= PageMeta::kMaxValues) return;
  const char* content = attrs.content;
  if (!content) return;
  const char* key = attrs.name;
  if (!key) key = attrs.property;
  if (!key) key = attrs.itemprop;
  if (key) AddValue(key, content, meta);
}

void ReadDescription(const ElementAttrs& attrs, Page* page) {
  const char* content = attrs.content;
  if (!content) return;
  const char* name = attrs.name;
  if (!name) name = attrs.property;
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

void CollectJsonLd(std::string_view json, PageMeta* meta) {
  if (meta->json_ld.size() >= PageMeta::kMaxJsonLd ||
      json.size() > PageMeta::kMaxJsonLdBytes)
    return;
  meta->json_ld.emplace_back(json);
}

void CollectElement(DomNode el, std::string_view lower_cls,
                    const ElementAttrs& attrs, bool in_article,
                    PageMeta* meta) {
  const char* itemprop = attrs.itemprop;
  switch (el.tag()) {
    case Tag::kLink:
      if (meta->canonical.empty() && HasToken(attrs.rel, "canonical")) {
        if (const char* href = el.Attribute("href")) {
          meta->canonical = Folded(href);
        }
      }
      return;
    case Tag::kH1:
      if (meta->h1.empty()) {
        CollectText(el, PageMeta::kMaxValueBytes, &meta->h1);
      }
      break;
    case Tag::kTime:
      if (const char* dt = el.Attribute("datetime")) {
        std::string v = Folded(dt);
        if (v.empty()) break;
        if (itemprop) AddValue(itemprop, v, meta);
        if (meta->pubdate_time.empty() && el.Attribute("pubdate"))
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
      IsBylineElement(el, lower_cls, attrs)) {
    std::string text;
    CollectText(el, PageMeta::kMaxValueBytes, &text);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (!text.empty()) meta->bylines.push_back(std::move(text));
  }
}

}  // namespace winnow
