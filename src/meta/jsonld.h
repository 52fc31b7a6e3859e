// Copyright winnow authors. Licensed under the MIT licence.
//
// What a page's JSON-LD (schema.org) blocks say about the article.

#ifndef WINNOW_META_JSONLD_H_
#define WINNOW_META_JSONLD_H_

#include <string>
#include <vector>

namespace winnow {

struct JsonLdFacts {
  std::vector<std::string> authors;   // author names, in order, distinct
  std::string date_published;         // datePublished, as written
  std::string publisher;              // publisher's name
  std::string website_name;           // name of a WebSite node
  std::string description;
  std::vector<std::string> keywords;  // keywords, split at commas
  std::vector<std::string> sections;  // articleSection
  std::string image;                  // image (a URL, or its url member)
};

// Parses each block (JSON that does not parse is passed over) and reads
// the nodes at its top, in an array at its top, or in its "@graph". An
// article-like node (an @type naming *Article, *Posting or Report) is read
// before any other; for each fact the first node that has it gives it.
// Bounded: JSON nesting 64, 64 nodes, 16 authors, 32 keywords/sections.
void ReadJsonLd(const std::vector<std::string>& blocks, JsonLdFacts* out);

}  // namespace winnow

#endif  // WINNOW_META_JSONLD_H_
