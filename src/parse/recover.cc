// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/recover.h"

#include <cstring>
#include <initializer_list>

#include "util/ascii.h"

namespace winnow {
namespace {

constexpr size_t kNpos = std::string_view::npos;

// True when html[i..] starts with `lower` ignoring ASCII case.
bool At(std::string_view html, size_t i, std::string_view lower) {
  if (html.size() - i < lower.size()) return false;
  for (size_t k = 0; k < lower.size(); ++k) {
    if (AsciiLower(html[i + k]) != lower[k]) return false;
  }
  return true;
}

// True when the tag name that `prefix` (after its '<') begins at html[i]
// ends right after it: "<p>" and "<p class" but not "<pre".
bool TagAt(std::string_view html, size_t i, std::string_view prefix) {
  if (!At(html, i, prefix)) return false;
  const size_t after = i + prefix.size();
  if (after >= html.size()) return false;
  const char c = html[after];
  return c == '>' || c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
         c == '/' || c == '\f';
}

// The '<' of the first tag from `from` on that starts with one of `tags`.
size_t FindTag(std::string_view html, size_t from,
               std::initializer_list<std::string_view> tags) {
  for (size_t i = from; i < html.size(); ++i) {
    const void* p = std::memchr(html.data() + i, '<', html.size() - i);
    if (p == nullptr) return kNpos;
    i = static_cast<size_t>(static_cast<const char*>(p) - html.data());
    for (std::string_view t : tags) {
      if (TagAt(html, i, t)) return i;
    }
  }
  return kNpos;
}

}  // namespace

bool CloseUnclosedRawText(std::string_view html, const UnclosedRawText& u,
                          std::string* repaired, size_t* at) {
  if (u.name.empty() || u.content_start >= html.size()) return false;
  if ((html.size() - u.content_start) * 2 <= html.size()) return false;
  if (FindTag(html, u.content_start, {"</body", "</html"}) == kNpos) {
    return false;
  }
  const size_t resume = FindTag(
      html, u.content_start,
      {"</head", "<body", "<p", "<div", "<h1", "<h2", "<h3", "<h4", "<h5",
       "<h6", "<article", "<main", "<section", "<header", "<table", "<ul",
       "<ol"});
  if (resume == kNpos) return false;
  repaired->clear();
  repaired->reserve(html.size() + u.name.size() + 3);
  repaired->append(html.data(), resume);
  repaired->append("</");
  repaired->append(u.name.data(), u.name.size());
  repaired->append(">");
  repaired->append(html.data() + resume, html.size() - resume);
  *at = resume;
  return true;
}

}  // namespace winnow
