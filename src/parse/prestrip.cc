// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/prestrip.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "parse/prestrip_tags.h"
#include "parse/scanner.h"

namespace winnow {
namespace prestrip {
namespace {

using scan::EqualsNoCase;
using scan::Find;
using scan::IsSpace;
using scan::kNpos;
using scan::Markup;

// One start or end tag, as the tokenizer reads it.
struct Tag {
  std::string_view name;  // as written
  size_t end = 0;         // index after the closing '>'
  bool self_closing = false;
  std::string_view type;  // the first type="..." value, when asked for
  bool has_type = false;
};

// Reads the tag whose name starts at `i` (after "<" or "</"), as
// scan::ReadTag does. Returns false when the input ends inside the tag,
// which the tokenizer then drops. With `cuts`, appends the attributes that
// nothing reads (see KeepsValue), name, value and all, where whitespace
// precedes them; an href keeps its name, and an attribute after a '/' only
// loses a quoted value (so that no "/>" can form).
bool ReadTag(std::string_view s, size_t i, bool want_type, Tag* tag,
             std::vector<std::pair<size_t, size_t>>* cuts = nullptr) {
  scan::Tag t;
  tag->has_type = false;
  const bool ok = scan::ReadTag(s, i, &t, [&](const scan::Attribute& a) {
    // The href of a <link> is read (rel=canonical: meta/meta.h).
    const bool unread =
        cuts != nullptr && !KeepsValue(a.name) &&
        !(EqualsNoCase(a.name, "href") && EqualsNoCase(t.name, "link"));
    if (unread && IsSpace(s[a.begin - 1]) && !EqualsNoCase(a.name, "href")) {
      cuts->emplace_back(a.begin, a.end);
    } else if (unread && a.quoted && !a.value.empty()) {
      const size_t value_begin = static_cast<size_t>(a.value.data() - s.data());
      cuts->emplace_back(value_begin, value_begin + a.value.size());
    }
    if (want_type && !tag->has_type && a.has_value &&
        EqualsNoCase(a.name, "type")) {
      tag->type = a.value;
      tag->has_type = true;
    }
  });
  tag->name = t.name;
  tag->self_closing = t.self_closing;
  tag->end = t.end;
  return ok;
}

// Metadata that the segment stage reads from script contents.
bool KeepScript(const Tag& tag) {
  if (!tag.has_type) return false;
  // A character reference could spell anything: keep what we cannot read.
  if (tag.type.find('&') != std::string_view::npos) return true;
  return EqualsNoCase(tag.type, "application/ld+json");
}

bool AllSpace(std::string_view s) {
  for (char c : s) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

class Stripper {
 public:
  explicit Stripper(std::string_view s) : s_(s) {}

  // Fills cuts_ with the byte ranges to remove, in order and disjoint.
  void Run();

  const std::vector<std::pair<size_t, size_t>>& cuts() const { return cuts_; }
  // End tags to insert, each before the byte at its index, in order.
  const std::vector<std::pair<size_t, std::string>>& inserts() const {
    return inserts_;
  }
  const UnclosedRawText& unclosed() const { return unclosed_; }

 private:
  enum class Region { kNone, kTemplate, kNoscript };

  void Cut(size_t from, size_t to) {
    if (to > from) cuts_.emplace_back(from, to);
  }
  // Cuts every run of whitespace in the text s_[from, to) to its first
  // character. Outside <pre>, the segment stage folds such a run into one
  // space, and the parser only asks whether text is whitespace; but Gumbo
  // makes a token of every character, and indentation is a seventh of a
  // page once scripts and unread attribute values are gone.
  void CollapseSpace(size_t from, size_t to);
  void StartRegion(Region region, size_t content_start);
  void EndRegion(size_t content_end);
  // Handles a start tag; returns where scanning resumes.
  size_t StartTag(const Tag& tag, const TagInfo& info);
  // Handles an end tag whose '<' is at `lt`.
  void EndTag(const Tag& tag, const TagInfo& info, size_t lt);
  // Scans SVG content from `from`: true with *end at the '<' of the
  // matching </svg> (kNpos: end of input), or false with *end at the tag
  // where HTML breaks out of the SVG.
  bool ScanSvg(size_t from, size_t* end) const;

  std::string_view s_;
  std::vector<std::pair<size_t, size_t>> cuts_;
  // Runs of whitespace in text shrink to their first character (below).
  bool collapse_space_ = true;
  bool body_started_ = false;
  Region region_ = Region::kNone;
  int region_depth_ = 0;
  size_t region_start_ = 0;      // first byte of the region's contents
  size_t region_cuts_ = 0;       // cuts_.size() when the region began
  bool region_safe_ = true;      // the region's contents may go
  size_t svg_unsafe_until_ = 0;  // SVG that HTML broke out of, up to here
  UnclosedRawText unclosed_;
  // The elements opened and not yet closed inside a <noscript> in the
  // body, names as written; and the end tags that close them.
  std::vector<std::string_view> noscript_open_;
  std::vector<std::pair<size_t, std::string>> inserts_;
};

// The first i in [from, to - 1) where p[i] and p[i + 1] are both
// whitespace, or `to`. Text is mostly words between single spaces: sixteen
// pairs are tested at a time where SSE2 is (every x86-64).
size_t FindSpacePair(const char* p, size_t from, size_t to) {
  size_t i = from;
#ifdef __SSE2__
  // One bit per byte of q[0, 16) that is whitespace (scan::IsSpace).
  auto spaces = [](const char* q) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    __m128i m = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
    for (char c : {'\n', '\t', '\f', '\r'}) {
      m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
    }
    return static_cast<unsigned>(_mm_movemask_epi8(m));
  };
  for (; i + 17 <= to; i += 16) {
    const unsigned pairs = spaces(p + i) & spaces(p + i + 1);
    if (pairs != 0) return i + static_cast<size_t>(__builtin_ctz(pairs));
  }
#endif
  for (; i + 1 < to; ++i) {
    if (IsSpace(p[i]) && IsSpace(p[i + 1])) return i;
  }
  return to;
}

void Stripper::CollapseSpace(size_t from, size_t to) {
  const char* p = s_.data();
  for (size_t i = from; i + 1 < to; ++i) {
    i = FindSpacePair(p, i, to);
    if (i == to) break;
    size_t end = i + 2;
    while (end < to && IsSpace(p[end])) ++end;
    Cut(i + 1, end);
    i = end;
  }
}

void Stripper::StartRegion(Region region, size_t content_start) {
  region_ = region;
  region_depth_ = 1;
  region_start_ = content_start;
  region_cuts_ = cuts_.size();
  region_safe_ = true;
}

void Stripper::EndRegion(size_t content_end) {
  // An element left open inside a body <noscript> keeps it open: the
  // parser ignores a </noscript> while a <div> or <p> inside is open, and
  // the rest of the page becomes the noscript's (which the segment stage
  // skips). Their end tags go before the </noscript>, unless the contents
  // go anyway; not at the end of input, where nothing follows.
  if (!region_safe_ && content_end < s_.size()) {
    for (size_t k = noscript_open_.size(); k > 0; --k) {
      inserts_.emplace_back(content_end,
                            "</" + std::string(noscript_open_[k - 1]) + ">");
    }
  }
  noscript_open_.clear();
  if (region_safe_ && content_end > region_start_) {
    // The region's cut covers the ones inside it.
    cuts_.resize(region_cuts_);
    Cut(region_start_, content_end);
  }
  region_ = Region::kNone;
}

size_t Stripper::StartTag(const Tag& tag, const TagInfo& info) {
  // Knowing where a <pre> ends would take the parser's scope rules, so
  // whitespace stays as it is from the first one on.
  if (info.bits & kPreformatted) collapse_space_ = false;
  if (region_ == Region::kNone && !body_started_ &&
      (info.id == TagId::kBody || !(info.bits & kHeadElement))) {
    body_started_ = true;
  }
  if (region_ == Region::kNoscript) {
    const uint16_t safe =
        body_started_ ? kNoscriptSafeInBody : kNoscriptSafeInHead;
    if (info.id == TagId::kNoscript) {
      ++region_depth_;
      if (!body_started_) region_safe_ = false;  // ignored in head: be sure
    } else if (!(info.bits & safe)) {
      region_safe_ = false;
    }
    if (body_started_ && info.id != TagId::kNoscript && !tag.self_closing &&
        !(info.bits & kVoid)) {
      noscript_open_.push_back(tag.name);
    }
  } else if (region_ == Region::kTemplate && info.id == TagId::kTemplate) {
    ++region_depth_;
  }

  switch (info.id) {
    case TagId::kScript: {
      const size_t end = scan::ScriptDataEnd(s_, tag.end);
      if (end == kNpos) unclosed_ = {"script", tag.end};
      if (!KeepScript(tag)) Cut(tag.end, end == kNpos ? s_.size() : end);
      return end == kNpos ? s_.size() : end;
    }
    case TagId::kStyle: {
      const size_t end = scan::RawTextEnd(s_, tag.end, "style");
      if (end == kNpos) unclosed_ = {"style", tag.end};
      Cut(tag.end, end == kNpos ? s_.size() : end);
      return end == kNpos ? s_.size() : end;
    }
    case TagId::kPlaintext:
      unclosed_ = {"plaintext", tag.end};
      return s_.size();  // the rest is text
    case TagId::kSvg: {
      if (region_ != Region::kNone || tag.self_closing ||
          tag.end <= svg_unsafe_until_) {
        break;
      }
      size_t end;
      if (ScanSvg(tag.end, &end)) {
        Cut(tag.end, end == kNpos ? s_.size() : end);
        return end == kNpos ? s_.size() : end;
      }
      // Scan what follows as HTML, which is what it partly is.
      svg_unsafe_until_ = end;
      break;
    }
    case TagId::kTemplate:
      if (region_ == Region::kNone) StartRegion(Region::kTemplate, tag.end);
      break;
    case TagId::kNoscript:
      if (region_ == Region::kNone) StartRegion(Region::kNoscript, tag.end);
      break;
    default:
      if (info.bits & (kRawText | kRcdata)) {
        // Copied as is; only the end has to be found.
        const size_t end = scan::RawTextEnd(s_, tag.end, info.name);
        if (end == kNpos) unclosed_ = {info.name, tag.end};
        return end == kNpos ? s_.size() : end;
      }
      break;
  }
  return tag.end;
}

void Stripper::EndTag(const Tag& tag, const TagInfo& info, size_t lt) {
  if (region_ == Region::kNoscript) {
    if (info.id == TagId::kNoscript) {
      if (--region_depth_ == 0) EndRegion(lt);
      return;
    }
    // An end tag closes the nearest open element of its name.
    for (size_t k = noscript_open_.size(); k > 0; --k) {
      if (EqualsIgnoreCase(tag.name, noscript_open_[k - 1])) {
        noscript_open_.resize(k - 1);
        break;
      }
    }
    if (!(info.bits &
          (body_started_ ? kNoscriptSafeInBody : kNoscriptSafeInHead))) {
      region_safe_ = false;
    }
  } else if (region_ == Region::kTemplate && info.id == TagId::kTemplate) {
    if (--region_depth_ == 0) EndRegion(lt);
  }
}

bool Stripper::ScanSvg(size_t from, size_t* end) const {
  const std::string_view s = s_;
  // The names of the open foreign elements, the <svg> first: an end tag
  // closes the nearest of its name, and one that names none of them is
  // handed to the HTML rules (which may close elements outside the SVG).
  std::vector<std::string_view> open{"svg"};
  Tag tag;
  for (size_t i = from;;) {
    const size_t lt = Find(s, i, '<');
    if (lt == kNpos) break;
    const Markup markup = scan::MarkupAt(s, lt);
    if (markup == Markup::kCutOff) break;
    if (markup == Markup::kEndTag) {
      if (!ReadTag(s, lt + 2, false, &tag)) break;
      size_t k = open.size();
      while (k > 0 && !EqualsNoCase(tag.name, open[k - 1])) --k;
      if (k == 0) {
        *end = lt;
        return false;
      }
      if (k == 1) {
        *end = lt;
        return true;
      }
      open.resize(k - 1);
      i = tag.end;
      continue;
    }
    if (markup == Markup::kStartTag) {
      if (!ReadTag(s, lt + 1, false, &tag)) break;
      const TagInfo& info = Identify(tag.name);
      // Under an integration point (<title>, <desc>, <foreignObject>) a
      // start tag is HTML; a breakout tag ends the SVG. Either way the
      // SVG holds more than SVG.
      if ((info.bits & kBreakout) ||
          (Identify(open.back()).bits & kIntegration)) {
        *end = lt;
        return false;
      }
      if (!tag.self_closing) open.push_back(tag.name);
      i = tag.end;
      continue;
    }
    size_t body_end;
    switch (markup) {
      case Markup::kComment:
        i = scan::CommentEnd(s, lt, &body_end);
        break;
      case Markup::kBogus:
        // In foreign content "<![CDATA[" begins a CDATA section.
        i = scan::CdataEnd(s, lt);
        if (i == kNpos) i = scan::BogusEnd(s, lt + 2);
        break;
      case Markup::kEmptyEnd:
        i = lt + 3;
        break;
      default:  // text
        i = lt + 1;
        break;
    }
  }
  *end = kNpos;  // the SVG runs to the end of input
  return true;
}

void Stripper::Run() {
  const std::string_view s = s_;
  const size_t n = s.size();
  Tag tag;
  size_t i = 0;
  while (i < n) {
    const size_t lt = Find(s, i, '<');
    if (region_ == Region::kNoscript &&
        !AllSpace(s.substr(i, (lt == kNpos ? n : lt) - i))) {
      // Text in a head <noscript> starts the body; in the body, it may be
      // the page's only text (segment/segment.h reads it then).
      region_safe_ = false;
    }
    if (collapse_space_) CollapseSpace(i, lt == kNpos ? n : lt);
    if (lt == kNpos) break;
    switch (scan::MarkupAt(s, lt)) {
      case Markup::kCutOff:
        i = n;
        break;
      case Markup::kComment: {
        size_t body_end;
        i = scan::CommentEnd(s, lt, &body_end);
        Cut(lt + 4, body_end == kNpos ? n : body_end);
        break;
      }
      case Markup::kBogus:  // DOCTYPE or a bogus comment
        i = scan::BogusEnd(s, lt + 2);
        break;
      case Markup::kEmptyEnd:
        i = lt + 3;
        break;
      case Markup::kEndTag:
        if (!ReadTag(s, lt + 2, false, &tag)) {
          i = n;
          break;
        }
        if (region_ != Region::kNone) EndTag(tag, Identify(tag.name), lt);
        i = tag.end;
        break;
      case Markup::kStartTag: {
        size_t name_end = lt + 1;
        while (name_end < n && !scan::EndsName(s[name_end])) ++name_end;
        const TagInfo& info = Identify(s.substr(lt + 1, name_end - lt - 1));
        const size_t cuts_before = cuts_.size();
        if (!ReadTag(s, lt + 1, info.id == TagId::kScript, &tag,
                     (info.bits & kFormatting) ? nullptr : &cuts_)) {
          cuts_.resize(cuts_before);  // the tokenizer drops the whole tag
          i = n;
          break;
        }
        i = StartTag(tag, info);
        break;
      }
      case Markup::kText:
        i = lt + 1;  // a '<' that starts no tag is text
        break;
    }
  }
  // An element open at the end of input holds everything up to it.
  if (region_ != Region::kNone) EndRegion(n);
}

}  // namespace
}  // namespace prestrip

size_t PrestripHtml(std::string_view html, std::string* out) {
  return PrestripHtml(html, out, nullptr);
}

size_t PrestripHtml(std::string_view html, std::string* out,
                    UnclosedRawText* unclosed) {
  prestrip::Stripper stripper(html);
  stripper.Run();
  if (unclosed != nullptr) *unclosed = stripper.unclosed();
  size_t removed = 0, added = 0;
  for (const auto& cut : stripper.cuts()) removed += cut.second - cut.first;
  for (const auto& insert : stripper.inserts()) added += insert.second.size();
  out->clear();
  out->reserve(html.size() - removed + added + 1);
  // Cuts and inserts, both in order; an insert goes where no cut is (its
  // index is a '<' that stays).
  const auto& inserts = stripper.inserts();
  size_t pos = 0, next = 0;
  auto copy_to = [&](size_t end) {
    for (; next < inserts.size() && inserts[next].first <= end; ++next) {
      const size_t at = std::max(inserts[next].first, pos);
      out->append(html.data() + pos, at - pos);
      out->append(inserts[next].second);
      pos = at;
    }
    out->append(html.data() + pos, end - pos);
  };
  for (const auto& cut : stripper.cuts()) {
    copy_to(cut.first);
    pos = cut.second;
  }
  copy_to(html.size());
  return removed;
}

}  // namespace winnow