// Copyright winnow authors. Licensed under the MIT licence.

#include "meta/meta.h"

#include <strings.h>

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "meta/date.h"
#include "meta/jsonld.h"
#include "meta/language.h"
#include "meta/simhash.h"
#include "meta/url.h"
#include "util/ascii.h"
#include "util/utf8.h"

namespace winnow {
namespace {

constexpr size_t kMaxListItems = 32;

// The first value collected under one of `keys` (tried in order).
std::string First(const PageMeta& meta, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    for (const PageMeta::Value& v : meta.values) {
      if (v.key == key) return v.value;
    }
  }
  return "";
}

bool IsUrl(std::string_view s) {
  return s.substr(0, 7) == "http://" || s.substr(0, 8) == "https://" ||
         s.substr(0, 2) == "//";
}

// Lower-cased ASCII letters, runs of spaces as one, for comparing names.
std::string FoldForCompare(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    out.push_back(AsciiLower(c));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void AddDistinct(std::string_view value, std::vector<std::string>* out) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty() || out->size() >= kMaxListItems) return;
  for (const std::string& have : *out) {
    if (have.size() == value.size() &&
        strncasecmp(have.data(), value.data(), value.size()) == 0)
      return;
  }
  out->emplace_back(value);
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    std::string clean = CleanAuthor(n);
    if (clean.empty()) continue;
    if (!out.empty()) out += "; ";
    out += clean;
  }
  return out;
}

std::string ResolveAuthor(const PageMeta& meta, const JsonLdFacts& ld) {
  std::string author = JoinNames(ld.authors);
  if (!author.empty()) return author;
  for (const char* key : {"author", "article:author"}) {
    for (const PageMeta::Value& v : meta.values) {
      if (v.key != key) continue;
      author = CleanAuthor(v.value);
      if (!author.empty()) return author;
    }
  }
  for (const std::string& byline : meta.bylines) {
    author = CleanAuthor(byline);
    if (!author.empty()) return author;
  }
  return "";
}

std::string ResolveDate(const PageMeta& meta, const JsonLdFacts& ld,
                        const std::string& url, const std::string& canonical) {
  std::string date = NormalizeDate(ld.date_published);
  if (!date.empty()) return date;
  for (const char* key :
       {"article:published_time", "og:published_time", "datepublished",
        "date", "pubdate", "publishdate", "dc.date.issued", "dc.date",
        "dcterms.date"}) {
    for (const PageMeta::Value& v : meta.values) {
      if (v.key != key) continue;
      date = NormalizeDate(v.value);
      if (!date.empty()) return date;
    }
  }
  date = NormalizeDate(meta.pubdate_time);
  if (date.empty()) date = NormalizeDate(meta.article_time);
  if (date.empty()) date = DateFromUrl(url);
  if (date.empty()) date = DateFromUrl(canonical);
  return date;
}

// The first of `refs` that resolves against `base` to an http(s) URL.
std::string FirstUrl(const std::string& base,
                     std::initializer_list<std::string> refs) {
  for (const std::string& ref : refs) {
    std::string url = ResolveUrl(base, ref);
    if (!url.empty()) return url;
  }
  return "";
}

}  // namespace

std::string CutSiteName(const std::string& title, const std::string& sitename) {
  if (sitename.empty()) return title;
  const std::string site = FoldForCompare(sitename);
  for (std::string_view sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
    const size_t at = title.rfind(sep);
    if (at == std::string::npos || at == 0) continue;
    if (FoldForCompare(std::string_view(title).substr(at + sep.size())) == site) {
      std::string cut = title.substr(0, at);
      while (!cut.empty() && cut.back() == ' ') cut.pop_back();
      if (!cut.empty()) return cut;
    }
  }
  return title;
}

std::string CleanAuthor(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  for (std::string_view prefix : {"by ", "von ", "par ", "por ", "di ", "door "}) {
    if (s.size() > prefix.size() &&
        strncasecmp(s.data(), prefix.data(), prefix.size()) == 0) {
      s.remove_prefix(prefix.size());
      break;
    }
  }
  while (!s.empty() && (s.front() == ' ' || s.front() == ':')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' ||
                        s.back() == ',' || s.back() == '|'))
    s.remove_suffix(1);
  if (s.empty() || s.size() > 100 || IsUrl(s)) return "";
  int words = 1;
  std::string out;
  for (char c : s) {
    if (c == '\n') c = ' ';
    if (c == ' ') ++words;
    out.push_back(c);
  }
  return words > 8 ? "" : out;
}

void ResolveMetadata(const Page& page, const Input& input, Extraction* out) {
  const PageMeta& meta = page.meta;
  JsonLdFacts ld;
  ReadJsonLd(meta.json_ld, &ld);
  const std::string& url = input.url;

  out->sitename = First(meta, {"og:site_name"});
  if (out->sitename.empty()) out->sitename = ld.publisher;
  if (out->sitename.empty()) out->sitename = ld.website_name;

  std::string title = !page.og_title.empty() ? page.og_title : page.title;
  if (title.empty()) title = meta.h1;
  out->title = CutSiteName(title, out->sitename);

  out->author = ResolveAuthor(meta, ld);
  out->description =
      First(meta, {"og:description", "description", "twitter:description"});
  if (out->description.empty()) out->description = ld.description;

  for (const PageMeta::Value& v : meta.values) {
    if (v.key == "article:section") AddDistinct(v.value, &out->categories);
  }
  for (const std::string& s : ld.sections) AddDistinct(s, &out->categories);
  for (const PageMeta::Value& v : meta.values) {
    if (v.key == "article:tag") AddDistinct(v.value, &out->tags);
  }
  for (const std::string& k : ld.keywords) AddDistinct(k, &out->tags);
  for (const PageMeta::Value& v : meta.values) {
    if (v.key != "keywords") continue;
    std::string_view s = v.value;
    while (!s.empty()) {
      const size_t comma = std::min(s.find(','), s.size());
      AddDistinct(s.substr(0, comma), &out->tags);
      s.remove_prefix(std::min(comma + 1, s.size()));
    }
  }

  out->image = FirstUrl(
      url, {First(meta, {"og:image"}), First(meta, {"og:image:url"}),
            First(meta, {"og:image:secure_url"}),
            First(meta, {"twitter:image"}),
            First(meta, {"twitter:image:src"}), ld.image});
  out->canonical_url =
      FirstUrl(url, {meta.canonical, First(meta, {"og:url"})});
  out->hostname = HostnameOf(url);
  if (out->hostname.empty()) out->hostname = HostnameOf(out->canonical_url);
  out->date = ResolveDate(meta, ld, url, out->canonical_url);

  out->language =
      DetectLanguage(out->text, input.content_language, page.lang_attr);
  out->text_length = static_cast<int64_t>(CountCodePoints(out->text));
  out->fingerprint = out->text.empty() ? "" : HexFingerprint(SimHash(out->text));
}

}  // namespace winnow
