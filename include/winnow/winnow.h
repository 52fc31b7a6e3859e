// Copyright winnow authors. Licensed under the MIT licence.
//
// winnow: strip boilerplate (navigation, consent banners, share bars,
// comments, footers ...) from web pages and keep the article text.
//
//   std::unique_ptr<winnow::Extractor> ex;
//   winnow::Status s = winnow::Extractor::Create(winnow::Options(), &ex);
//   winnow::Extraction out;
//   if (s.ok()) s = ex->Extract({html_bytes, "https://example.org/a"}, &out);
//
// The pipeline runs in one direction: decode to UTF-8 -> parse -> blocks with
// features -> classify -> render.

#ifndef WINNOW_WINNOW_H_
#define WINNOW_WINNOW_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/options.h"
#include "winnow/status.h"

namespace winnow {

// The version of the library and the command, "MAJOR.MINOR.PATCH".
const char* Version();

// One page to extract. The bytes are borrowed for the duration of Extract().
struct Input {
  std::string_view bytes;
  // The page's address; scopes site rules. May be empty.
  std::string url;
  // An HTTP Content-Type header value ("text/html; charset=..."), whose
  // charset takes precedence over <meta>. May be empty.
  std::string content_type;
  // An HTTP Content-Language header value ("de", "en-US, fr"): evidence
  // for Extraction::language. May be empty.
  std::string content_language;
  // Overrides nothing when kAuto.
  ContentKind kind = ContentKind::kAuto;
};

// One block as the classifier saw it (filled only with Options::explain).
struct BlockReport {
  // The label the classifier gave the block: kBody blocks make the text.
  // (The classifier's own type is internal: src/classify/classify.h.)
  enum class Label { kBody, kChrome };

  int position = 0;   // index in document order
  std::string tag;    // "p", "h2", "li", "td", "line" (text input) ...
  std::string text;   // whitespace-folded text
  Label label = Label::kChrome;
  double score = 0;   // > 0 leans body, < 0 leans chrome
  // The named parts of `score`, in the order they were added: the block's
  // own features ("long_text", "link_heavy" ...), where it lies
  // ("inside_main", "json_ld_inside" ...) and score rules ("rule:ID");
  // rules/model.weights documents each.
  std::vector<std::pair<std::string, double>> terms;
  int length = 0;     // characters
  double link_density = 0;      // characters inside links / characters
  double stopword_density = 0;  // stop words / words
  bool in_main = false;  // inside the main-content region the finder chose
  std::vector<std::string> rules;  // IDs of the rules that fired
  std::string reason;              // the decisive cause, for humans
};

// What Extract() returns. Metadata fields are named as trafilatura names
// them; a value the page does not give is empty (the JSON writers omit it).
// Which source wins where several give a value is in src/meta/meta.h.
struct Extraction {
  std::string text;  // the clean text, each block on its own line

  // ---- Metadata ------------------------------------------------------------
  // og:title, else <title>, else the first <h1>; a trailing " | Site",
  // " - Site" or " — Site" naming the sitename is cut.
  std::string title;
  std::string author;    // JSON-LD author, meta author, byline; "A; B"
  std::string date;      // publication date, ISO 8601 ("2024-05-14" or a
                         // full timestamp as the page gives it)
  std::string sitename;  // og:site_name, JSON-LD publisher
  std::string hostname;  // of Input::url (else canonical_url), lower-case,
                         // as written ("www.heise.de"), no port
  std::string description;              // og:description, meta description
  std::vector<std::string> categories;  // article:section, articleSection
  std::vector<std::string> tags;        // article:tag, keywords
  std::string image;          // og:image, twitter:image; absolute URL
  std::string canonical_url;  // <link rel=canonical>, og:url; absolute URL
  std::string language;  // ISO 639-1 code ("en", "de") from the text (CLD2),
                         // with <html lang> and Content-Language as hints
  std::string encoding;  // the source encoding that was decoded
  std::vector<std::string> warnings;  // limits hit, bytes replaced ...
  // 1 when the parse stopped setting values and text aside part way
  // through the page (Options::set_aside, src/parse/README.md); else 0.
  int parse_fallbacks = 0;
  int64_t text_length = 0;  // code points of `text`
  // 64-bit SimHash of `text` as 16 lower-case hex digits (meta/simhash.h);
  // near-duplicate texts are a few bits apart. Empty for an empty text.
  std::string fingerprint;

  // The stop-list language ("English", ...) that stop-word density used;
  // internal evidence, prefer `language`.
  std::string lang;
  ContentKind kind = ContentKind::kHtml;  // what the input was taken as
  std::vector<BlockReport> blocks;        // with Options::explain only
};

// Extracts clean text. Create once; Extract is const and safe to call from
// many threads at once.
class Extractor {
 public:
  // Compiles the rules that `options` names. On failure *out is untouched
  // and the status says which file and line is at fault.
  static Status Create(const Options& options,
                       std::unique_ptr<Extractor>* out);
  ~Extractor();

  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Extracts one page into *out (which is overwritten). Fails only on a
  // limit (kResourceExhausted) or unusable input; bad bytes are replaced.
  Status Extract(const Input& input, Extraction* out) const;

  const Options& options() const { return options_; }

 private:
  struct Impl;  // the compiled rules (src/extract.cc)
  Extractor(const Options& options, std::unique_ptr<Impl> impl);

  Options options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace winnow

#endif  // WINNOW_WINNOW_H_
