// Copyright winnow authors. Licensed under the MIT licence.
//
// Helpers the guard's tests share (guard_test.cc, set_aside_test.cc,
// placeholder_test.cc, formatting_list_test.cc).

#ifndef WINNOW_PARSE_GUARD_TEST_UTIL_H_
#define WINNOW_PARSE_GUARD_TEST_UTIL_H_

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parse/arena.h"
#include "parse/guard.h"
#include "parse/parse.h"
#include "winnow/options.h"

namespace winnow {
namespace testing_guard {

inline std::string Guarded(std::string_view html, const Options& options,
                    GuardReport* report) {
  std::string out;
  GuardHtml(html, options, &out, report);
  return out;
}

inline std::string Guarded(std::string_view html, const Options& options = {}) {
  GuardReport report;
  return Guarded(html, options, &report);
}

// GuardHtml with a SetAsideValues: the bytes Gumbo would get.
inline std::string SetAside(std::string_view html, SetAsideValues* aside) {
  std::string out;
  GuardReport report;
  GuardHtml(html, Options(), &out, &report, aside);
  return out;
}

// The placeholder of entry `index` (< 64): U+100000 + index in UTF-8.
inline std::string Mark(int index) {
  return std::string("\xF4\x80\x80") + static_cast<char>(0x80 + index);
}

inline std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

// The depth of the tree Gumbo builds (iteratively), and its node count.
struct TreeShape {
  int depth = 0;
  size_t nodes = 0;
};

inline void* TestAllocate(void* arena, size_t size) {
  return static_cast<Arena*>(arena)->Allocate(size);
}
inline void TestFree(void*, void*) {}

// Parses with Gumbo alone (no prestrip, no guard), as the guard's output
// would be parsed.
inline TreeShape ParseShape(const std::string& html) {
  Arena arena;
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.allocator = TestAllocate;
  gopts.deallocator = TestFree;
  gopts.userdata = &arena;
  gopts.max_errors = 0;
  GumboOutput* output =
      gumbo_parse_with_options(&gopts, html.c_str(), html.size());
  TreeShape shape;
  std::vector<std::pair<const GumboNode*, int>> stack{{output->document, 0}};
  while (!stack.empty()) {
    auto [n, d] = stack.back();
    stack.pop_back();
    ++shape.nodes;
    shape.depth = std::max(shape.depth, d);
    if (n->type != GUMBO_NODE_TEXT && n->type != GUMBO_NODE_WHITESPACE &&
        n->type != GUMBO_NODE_CDATA && n->type != GUMBO_NODE_COMMENT) {
      const GumboVector& kids = n->type == GUMBO_NODE_DOCUMENT
                                    ? n->v.document.children
                                    : n->v.element.children;
      for (unsigned i = 0; i < kids.length; ++i)
        stack.push_back({static_cast<const GumboNode*>(kids.data[i]), d + 1});
    }
  }
  return shape;
}


// The tree as a string, as the document view reads it: tags, every
// attribute, text and comments, with `aside` expanded (when given).
inline std::string Dump(const GumboNode* root, const SetAsideValues* aside) {
  std::string out;
  std::vector<std::pair<const GumboNode*, int>> todo{{root, 0}};
  std::string expanded;
  while (!todo.empty()) {
    const auto [n, depth] = todo.back();
    todo.pop_back();
    out += std::string(depth, ' ');
    if (n->type == GUMBO_NODE_DOCUMENT) {
      out += "#document\n";
    } else if (n->type != GUMBO_NODE_ELEMENT &&
               n->type != GUMBO_NODE_TEMPLATE) {
      const std::string_view text = n->v.text.text;
      out += n->type == GUMBO_NODE_COMMENT ? "#comment " : "";
      out += aside ? aside->ExpandText(text, &expanded) : text;
      out += '\n';
      continue;
    } else {
      const GumboElement& el = n->v.element;
      if (el.tag == GUMBO_TAG_UNKNOWN) {
        GumboStringPiece name = el.original_tag;
        gumbo_tag_from_original_text(&name);
        out += std::string(name.data, name.length);
      } else {
        out += gumbo_normalized_tagname(el.tag);
      }
      const char* list =
          aside && el.attributes.length == 1
              ? aside->AttributeList(
                    static_cast<const GumboAttribute*>(el.attributes.data[0])
                        ->name)
              : nullptr;
      for (; list != nullptr && *list != '\0'; list += std::strlen(list) + 1) {
        out += std::string(" ") + list + "=";
        list += std::strlen(list) + 1;
        out += list;
      }
      for (unsigned i = 0; list == nullptr && i < el.attributes.length; ++i) {
        const auto* a =
            static_cast<const GumboAttribute*>(el.attributes.data[i]);
        out += std::string(" ") + a->name + "=" +
               (aside ? aside->ExpandValue(a->value) : a->value);
      }
      out += '\n';
    }
    const GumboVector& kids = n->type == GUMBO_NODE_DOCUMENT
                                  ? n->v.document.children
                                  : n->v.element.children;
    for (unsigned i = kids.length; i > 0; --i) {
      todo.push_back(
          {static_cast<const GumboNode*>(kids.data[i - 1]), depth + 1});
    }
  }
  return out;
}

// Parses `page` as ParseHtml does, with or without setting aside, and
// dumps the tree as the view reads it.
struct ParseInfo {
  int fallbacks = 0;
  bool any = false;    // anything set aside
  bool texts = false;  // runs of text set aside
};
inline std::string ParsedDump(const std::string& page, bool set_aside,
                       ParseInfo* info = nullptr) {
  Options options;
  options.set_aside = set_aside;
  Arena arena;
  std::string buffer;
  ParsedHtml doc;
  if (!ParseHtml(page, options, &arena, &buffer, &doc).ok()) return "failed";
  if (info) *info = {doc.fallbacks, !doc.aside.empty(), doc.aside.has_texts()};
  return Dump(doc.output->document, &doc.aside);
}

// The list of (name, value) pairs in SetAsideValues::AttributeList.
inline std::vector<std::pair<std::string, std::string>> ListAt(
    const SetAsideValues& aside, const std::string& name) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* p = aside.AttributeList(name.c_str()); p && *p != '\0';) {
    const char* value = p + std::strlen(p) + 1;
    out.emplace_back(p, value);
    p = value + std::strlen(value) + 1;
  }
  return out;
}

// `tokens` random start tags (attributes from `attrs`), end tags and runs
// of text (one of `texts`), of the names in `tags`.
template <size_t N, typename Attrs>
std::string TagSoup(std::mt19937* rng, const char* const (&tags)[N], int tokens,
                    const std::vector<std::string>& texts, Attrs attrs) {
  std::string html;
  for (int k = 0; k < tokens; ++k) {
    const char* tag = tags[(*rng)() % N];
    const unsigned r = (*rng)() % 16;
    if (r < 9) {
      html += std::string("<") + tag;
      attrs(&html);
      html += (*rng)() % 10 == 0 ? "/>" : ">";
    } else if (r < 14) {
      html += std::string("</") + tag + ">";
    } else {
      html += texts[(*rng)() % texts.size()];
    }
  }
  return html;
}

}  // namespace testing_guard
}  // namespace winnow

#endif  // WINNOW_PARSE_GUARD_TEST_UTIL_H_
