// Copyright winnow authors. Licensed under the MIT licence.
//
// Stage 6: the page's metadata (winnow.h, Extraction) from what segment
// collected (segment/page.h, PageMeta), the page's address and the clean
// text. Where several sources give a value, the first in this list wins:
//
//   title        og:title, <title>, first <h1>; then a trailing
//                " | S", " - S", " – S" or " — S" is cut when S is the
//                sitename (case and whitespace folded)
//   author       JSON-LD author (names joined by "; "), <meta name=author>
//                (not a URL), <meta property=article:author> (not a URL),
//                byline text (rel=author, itemprop=author, byline classes;
//                a leading "By", "Von", "Par", "Por", "Di", "Door" dropped)
//   date         JSON-LD datePublished, article:published_time,
//                og:published_time, itemprop datePublished (meta or time),
//                meta date / pubdate / publishdate / dc.date.issued /
//                dc.date / dcterms.date, <time pubdate datetime>, the first
//                <time datetime> in an <article>, a date in the URL's path
//                (the page's, then the canonical one); each read with
//                NormalizeDate (meta/date.h), an unreadable one passed over
//   sitename     og:site_name, JSON-LD publisher name, JSON-LD WebSite name
//   description  og:description, meta description, twitter:description,
//                JSON-LD description
//   categories   every article:section, then JSON-LD articleSection
//   tags         every article:tag, then JSON-LD keywords, then meta
//                keywords (split at commas); distinct, at most 32
//   image        og:image, og:image:url, og:image:secure_url, twitter:image,
//                twitter:image:src, JSON-LD image; resolved against the URL
//   canonical_url  <link rel=canonical>, og:url; resolved against the URL
//   hostname     of Input::url, else of canonical_url (meta/url.h)
//   language     meta/language.h; text_length, fingerprint: of the text
//
// The crawl date (a WARC-Date) is never a source of `date`.

#ifndef WINNOW_META_META_H_
#define WINNOW_META_META_H_

#include "segment/page.h"
#include "winnow/winnow.h"

namespace winnow {

// Fills out's metadata fields from `page` and `input`; reads out->text
// (already rendered), leaves text, encoding, warnings, kind and blocks
// alone. Bounded by PageMeta's limits and linear in the text.
void ResolveMetadata(const Page& page, const Input& input, Extraction* out);

// `title` without a trailing " | sitename" (or " - ", " – ", " — ");
// unchanged when the suffix is not the sitename or nothing would be left.
std::string CutSiteName(const std::string& title, const std::string& sitename);

// A byline's text as an author name: a leading "By " (and its peers in
// other languages) dropped, empty when it is too long to be a name (over
// 100 bytes or 8 words) or a URL.
std::string CleanAuthor(std::string_view byline);

}  // namespace winnow

#endif  // WINNOW_META_META_H_
