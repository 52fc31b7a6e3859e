// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/guard.h"

#include <gumbo.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "parse/guard_internal.h"
#include "parse/prestrip_tags.h"
#include "parse/scanner.h"
#include "util/ascii.h"
#include "util/utf8.h"

namespace winnow {
namespace guard {
namespace {

using scan::IsSpace;
using scan::Markup;

uint32_t HashBytes(std::string_view s, bool lower) {
  uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(lower ? AsciiLower(c) : c);
    h *= 16777619u;
  }
  return h;
}

// The first '&' or NUL in [p, end), or end; the bytes up to `limit`
// (>= end) may be read. Every byte of a page goes through here, mostly in
// short ranges (a tag, a few words): sixteen bytes are tested at a time
// where SSE2 is (every x86-64), and a block may run past `end` (its bits
// there are dropped) so that a short range is one test, not a byte loop.
const char* FindAmpOrNul(const char* p, const char* end, const char* limit) {
#ifdef __SSE2__
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i nul = _mm_setzero_si128();
  while (p < end && limit - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    unsigned hits = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, nul))));
    if (end - p < 16) hits &= (1u << (end - p)) - 1;
    if (hits != 0) return p + __builtin_ctz(hits);
    if (end - p <= 16) return end;
    p += 16;
  }
#endif
  while (p < end && *p != '&' && *p != '\0') ++p;
  return p;
}

constexpr int kHtmlNs = 0;
constexpr int kSvgNs = 1;
constexpr int kMathNs = 2;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Reads the digits of a numeric character reference in s[p, e), p just
// after "&#": hex after an 'x' or 'X'. Returns the index after the digits
// (p itself when there are none, or p + 1 after an 'x' without digits)
// and sets *value, saturated at 0x110000 so that it cannot overflow.
size_t ReadReferenceDigits(std::string_view s, size_t p, size_t e,
                           uint32_t* value) {
  bool hex = false;
  if (p < e && (s[p] == 'x' || s[p] == 'X')) {
    hex = true;
    ++p;
  }
  uint32_t v = 0;
  for (; p < e; ++p) {
    const char d = s[p];
    int dv;
    if (d >= '0' && d <= '9') {
      dv = d - '0';
    } else if (hex && d >= 'a' && d <= 'f') {
      dv = d - 'a' + 10;
    } else if (hex && d >= 'A' && d <= 'F') {
      dv = d - 'A' + 10;
    } else {
      break;
    }
    v = v * (hex ? 16 : 10) + static_cast<uint32_t>(dv);
    if (v > 0x10FFFF) v = 0x110000;
  }
  *value = v;
  return p;
}

// Runs of text shorter than this stay. Twice a placeholder's 4 bytes: on
// 81 corpus pages 12 gave 0.8% more instructions a process, and 6 only
// 0.2% fewer (each run set aside is a copy and a slot to expand).
constexpr size_t kMinTextAside = 8;

// True when `s` holds a code point of plane 16, where placeholders are, or
// a numeric character reference that could spell one ("&#1048576;",
// "&#x10FFFD;", with any leading zeros): then nothing is set aside, so
// that every placeholder Gumbo gives back is one of ours. `s` is valid
// UTF-8, where only plane 16 starts with the byte F4.
bool MayHoldPlaceholder(std::string_view s) {
  if (s.find(SetAsideValues::kMarkLead) != std::string_view::npos) {
    return true;
  }
  for (size_t i = s.find("&#"); i != std::string_view::npos;
       i = s.find("&#", i + 2)) {
    uint32_t v;
    ReadReferenceDigits(s, i + 2, s.size(), &v);
    if (v >= SetAsideValues::kFirstMark && v <= 0x10FFFF) return true;
  }
  return false;
}

// Attribute values shorter than this stay (as kMinTextAside; Gumbo still
// makes the attribute).
constexpr size_t kMinValueAside = 8;

// True for the attributes whose values Gumbo's tree builder reads: "type"
// (<input type=hidden> in a table) and "encoding" (<annotation-xml>).
// Their values stay in place.
bool TreeBuilderReads(std::string_view name) {
  return scan::EqualsNoCase(name, "type") ||
         scan::EqualsNoCase(name, "encoding");
}

// True for the start tags whose attributes may move out of the tag into
// one placeholder (EmitMovedStartTag): all but those whose attributes
// Gumbo's tree builder reads or copies. Formatting elements are compared
// attribute by attribute (the Noah's Ark clause) and cloned; a second
// <html> or <body> adds its attributes one by one to the first; <input>
// has its type read, <annotation-xml> its encoding, <isindex> turns into
// other elements with its attributes; <svg> and <math> have their names
// adjusted for XML. Everything else Gumbo only stores.
bool AttributesMayMove(const TagTable& tags, int id) {
  if (tags(id) & kFormatting) return false;
  switch (id) {
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_ANNOTATION_XML:
    case GUMBO_TAG_ISINDEX:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
      return false;
    default:
      return true;
  }
}

// The first byte of raw[i, n) that ParserCopiesUnchanged must look at,
// or n. Invariant: every byte skipped is printable ASCII but '&' (0x20 to
// 0x7E), a tab, a line feed or a form feed, which Gumbo copies as they
// are; everything else stops it: '&', CR, NUL and the other controls, DEL
// and every byte >= 0x80 (whose code point has to be read). Sixteen bytes
// at a time where SSE2 is (every x86-64); the last block overlaps the one
// before, so that runs of 16 bytes or more need no byte loop.
size_t SkipCopiedAscii(std::string_view raw, size_t i) {
  const size_t n = raw.size();
#ifdef __SSE2__
  // One bit per byte of p[0, 16) that stops the skip.
  auto stops_in = [](const char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Read as signed, the bytes below 0x20 are the controls and every
    // byte >= 0x80.
    const __m128i stop =
        _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stop));
    if (mask != 0) {  // the three controls copied as they are
      const __m128i kept =
          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                       _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\f'))));
      mask &= ~static_cast<unsigned>(_mm_movemask_epi8(kept));
    }
    return mask;
  };
  for (; i + 16 <= n; i += 16) {
    const unsigned mask = stops_in(raw.data() + i);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  if (i < n && n >= 16) {
    // Bits of the bytes before i (already skipped) shift out.
    const unsigned mask = stops_in(raw.data() + n - 16) >> (i - (n - 16));
    return mask != 0 ? i + static_cast<size_t>(__builtin_ctz(mask)) : n;
  }
#endif
  for (; i < n; ++i) {
    const char c = raw[i];
    if (!((c >= 0x20 && c < 0x7F && c != '&') || c == '\t' || c == '\n' ||
          c == '\f')) {
      break;
    }
  }
  return i;
}

}  // namespace

bool ParserCopiesUnchanged(std::string_view raw) {
  for (size_t i = 0;;) {
    i = SkipCopiedAscii(raw, i);
    if (i == raw.size()) return true;
    if (static_cast<unsigned char>(raw[i]) < 0x80) return false;
    // Code point by code point up to the next ASCII byte, so that text in
    // another script is not a stop at every character.
    while (i < raw.size() && static_cast<unsigned char>(raw[i]) >= 0x80) {
      const uint32_t cp = NextCodePoint(raw, &i);
      if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
          (cp & 0xFFFE) == 0xFFFE) {
        return false;
      }
    }
  }
}

namespace {

// True for an attribute that may move with its tag's list: a name the
// pre-parse strip keeps (prestrip::KeepsValue, and href), none of which
// Gumbo renames in SVG or MathML (viewBox, xlink:href ...), and a value
// Gumbo keeps byte for byte.
bool AttributeMayMove(const scan::Attribute& a) {
  return (prestrip::KeepsValue(a.name) || scan::EqualsNoCase(a.name, "href")) &&
         ParserCopiesUnchanged(a.value);
}

constexpr std::string_view kNeutral = "<!---->";

}  // namespace

void Guard::CopyText(size_t b, size_t e) {
  size_t run = b;
  size_t k = b;
  while (k < e) {
    k = static_cast<size_t>(
        FindAmpOrNul(in_.data() + k, in_.data() + e, in_.data() + in_.size()) -
        in_.data());
    if (k == e) break;
    const char c = in_[k];
    out_->append(in_.data() + run, k - run);
    if (c == '\0') {
      out_->append(kReplacement);
      ++rep_->nuls_replaced;
      run = ++k;
      continue;
    }
    // "&#" digits or "&#x" hex digits, ";" optional.
    size_t p = k + 1;
    if (p >= e || in_[p] != '#') {
      run = k;
      ++k;
      continue;
    }
    ++p;
    const size_t x = p < e && (in_[p] == 'x' || in_[p] == 'X') ? p + 1 : p;
    uint32_t v;
    p = ReadReferenceDigits(in_, p, e, &v);
    if (p == x) {  // no digits: not a reference
      run = k;
      k = p;
      continue;
    }
    if (p < e && in_[p] == ';') ++p;
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
      out_->append(kReplacement);
      ++rep_->references_replaced;
      run = k = p;
    } else {
      run = k;
      k = p;
    }
  }
  out_->append(in_.data() + run, e - run);
}

namespace {

// The end of the character reference that starts with the '&' at s[amp]
// (amp < e), as far as Gumbo's tokenizer could read it: '&', an optional
// '#', the letters and digits after it, and a ';' right after them. Every
// named reference is letters and digits with an optional ';', and a
// numeric one '#', an optional 'x' and digits, so in text (data or RCDATA
// state) Gumbo never reads a byte after this end as part of the reference,
// whatever it decodes ("&amp;", "&notit;", "&#38", or nothing for "& ").
size_t ReferenceEnd(std::string_view s, size_t amp, size_t e) {
  size_t i = amp + 1;
  if (i < e && s[i] == '#') ++i;
  while (i < e && (scan::IsAlpha(s[i]) || (s[i] >= '0' && s[i] <= '9'))) ++i;
  if (i < e && s[i] == ';') ++i;
  return i;
}

}  // namespace

void Guard::EmitText(size_t b, size_t e, bool verbatim) {
  if (!aside_text_) {
    EmitRun(b, e, verbatim);
    return;
  }
  // A reference stays in place for Gumbo to decode, and the text between
  // references is set aside on its own: a placeholder after a reference is
  // read as the bytes it replaces were, as no reference reads past its
  // ReferenceEnd. (Whole runs with a reference used to stay in place, 2 of
  // the corpus's 4.4 MB of text Gumbo reads, at some 500 instructions a
  // character.)
  for (size_t from = b;;) {
    const char* amp = static_cast<const char*>(
        std::memchr(in_.data() + from, '&', e - from));
    const size_t end = amp == nullptr ? e : amp - in_.data();
    EmitRun(from, end, verbatim);
    if (end == e) return;
    from = ReferenceEnd(in_, end, e);
    Copy(end, from, verbatim);
  }
}

void Guard::Copy(size_t b, size_t e, bool verbatim) {
  if (verbatim) {
    out_->append(in_.data() + b, e - b);
  } else {
    CopyText(b, e);
  }
}

void Guard::EmitRun(size_t b, size_t e, bool verbatim) {
  if (aside_text_) {
    // Whitespace around the run stays, and so does a last '>': the last
    // byte written decides whether a dropped tag needs an EmitNeutral.
    size_t first = b, last = e;
    while (first < e && IsSpace(in_[first]) && in_[first] != '\r') ++first;
    while (last > first && IsSpace(in_[last - 1]) && in_[last - 1] != '\r') {
      --last;
    }
    if (last > first && in_[last - 1] == '>') --last;
    const std::string_view run = in_.substr(first, last - first);
    if (run.size() >= kMinTextAside && ParserCopiesUnchanged(run)) {
      const size_t before = out_->size();
      out_->append(in_.data() + b, first - b);
      if (aside_->AddText(run, out_)) {
        out_->append(in_.data() + last, e - last);
        return;
      }
      out_->resize(before);
    }
  }
  Copy(b, e, verbatim);
}

void Guard::EmitNeutral() {
  if (out_->empty()) return;
  const unsigned char c = static_cast<unsigned char>(out_->back());
  if (IsSpace(c) || c == '>') return;  // also right after a "<!---->"
  out_->append(kNeutral);
}

void Guard::EmitStartTag(const Tag& t) {
  // Gumbo compares every attribute it reads with all earlier ones.
  const uint64_t kept = static_cast<uint64_t>(std::min(t.attrs, max_attrs_));
  rep_->attribute_pairs += kept > 1 ? kept * (kept - 1) / 2 : 0;
  if (t.moved > 0 && EmitMovedStartTag(t)) return;
  size_t from = t.begin;
  for (int k = 0; k < t.asides; ++k) {
    const Tag::Aside& a = t.aside[k];
    CopyText(from, a.begin);
    if (!aside_->AddValue(in_.substr(a.begin, a.end - a.begin), out_)) {
      CopyText(a.begin, a.end);
    }
    from = a.end;
  }
  if (t.attrs <= max_attrs_) {
    CopyText(from, t.end);
    return;
  }
  CopyText(from, t.keep_end);
  out_->append(t.self_closing ? " />" : ">");
  rep_->attributes_dropped += static_cast<size_t>(t.attrs - max_attrs_);
}

bool Guard::EmitMovedStartTag(const Tag& t) {
  // The list: each name lower-cased (as Gumbo does), its value, both
  // NUL-terminated, in the tag's order. A list holds NULs and a value set
  // aside never does (ParserCopiesUnchanged), so the two cannot share an
  // entry.
  list_.clear();
  for (int k = 0; k < t.moved; ++k) {
    for (int j = 0; j < k; ++j) {
      // Gumbo keeps the first of duplicate names; such tags stay as they
      // are.
      if (EqualsIgnoreCase(t.move[j].name, t.move[k].name)) return false;
    }
    for (const char c : t.move[k].name) list_.push_back(AsciiLower(c));
    list_.push_back('\0');
    list_.append(t.move[k].value);
    list_.push_back('\0');
  }
  const size_t before = out_->size();
  out_->append(in_.data() + t.begin, t.name_end - t.begin);  // "<name"
  out_->push_back(' ');
  if (!aside_->AddValue(list_, out_)) {
    out_->resize(before);
    return false;
  }
  out_->append(t.self_closing ? "/>" : ">");
  return true;
}

void Guard::StopAside() {
  if (aside_text_ || aside_attrs_) rep_->aside_stopped = true;
  aside_text_ = aside_attrs_ = false;
}

bool Guard::MarkupMeetsAt(size_t from, size_t end) const {
  size_t i = from;
  for (;;) {
    const size_t lt = scan::Find(in_, i, '<');
    if (lt == scan::kNpos || lt >= end) return lt == end;
    switch (scan::MarkupAt(in_, lt)) {
      case Markup::kText:
        i = lt + 1;
        break;
      case Markup::kComment: {
        size_t body_end;
        i = scan::CommentEnd(in_, lt, &body_end);
        break;
      }
      case Markup::kBogus:
        // A CDATA section in foreign content, else a bogus comment.
        if (scan::CdataEnd(in_, lt) != scan::kNpos) return false;
        i = scan::BogusEnd(in_, lt + 1);
        break;
      case Markup::kEmptyEnd:
        i = lt + 3;
        break;
      case Markup::kStartTag:
      case Markup::kEndTag: {
        const bool end_tag = in_[lt + 1] == '/';
        scan::Tag tag;
        if (!scan::ReadTag(in_, lt + (end_tag ? 2 : 1), &tag,
                           [](const scan::Attribute&) {})) {
          return false;
        }
        const int id = TagId(tag.name);
        if (!end_tag && ((tags_(id) & kRawText) || id == GUMBO_TAG_PLAINTEXT ||
                         id == GUMBO_TAG_FRAMESET)) {
          return false;
        }
        i = tag.end;
        break;
      }
      case Markup::kCutOff:
        return false;
    }
    if (i > end) return false;
  }
}

void Guard::DropStart(const Tag& t, bool formatting) {
  ++dropped_[t.id];
  if (formatting) {
    ++rep_->formatting_dropped;
  } else {
    ++rep_->start_tags_dropped;
  }
  EmitNeutral();
}

bool Guard::ParseTag(size_t i, bool end_tag, Tag* t) {
  t->begin = i;
  size_t name_end = i + (end_tag ? 2 : 1);
  while (name_end < in_.size() && !scan::EndsName(in_[name_end])) ++name_end;
  const std::string_view name =
      in_.substr(i + (end_tag ? 2 : 1), name_end - i - (end_tag ? 2 : 1));
  t->id = TagId(name);
  t->keep_end = name_end;
  t->asides = 0;
  const bool formatting = (tags_(t->id) & kFormatting) != 0;
  // Values are set aside where the guard is sure that Gumbo's tokenizer
  // reads the tag as it does (see Run), but not on formatting elements:
  // Noah's Ark compares their values as decoded, and "a&#45;b" in one tag
  // equals "a-b" in another, which a placeholder would not.
  const bool may_set_aside = aside_attrs_ && !end_tag;
  // Only <font> and <annotation-xml> are read for their attributes' names.
  const bool reads_names =
      t->id == GUMBO_TAG_FONT || t->id == GUMBO_TAG_ANNOTATION_XML;
  t->moved = may_set_aside && AttributesMayMove(tags_, t->id) ? 0 : -1;
  uint32_t hash = 0;
  scan::Tag tag;
  tag.name = name;
  tag.name_end = name_end;
  const bool ok =
      scan::ReadAttributes(in_, name_end, &tag, [&](const scan::Attribute& a) {
        ++t->attrs;
        if (t->moved >= 0) {
          if (t->moved == Tag::kMaxMoved || t->attrs > max_attrs_ ||
              !AttributeMayMove(a)) {
            t->moved = -1;
          } else {
            t->move[t->moved++] = {a.name, a.value};
          }
        }
        if (may_set_aside && !formatting && t->attrs <= max_attrs_ &&
            a.value.size() >= kMinValueAside && t->asides < Tag::kMaxAsides &&
            !TreeBuilderReads(a.name) && ParserCopiesUnchanged(a.value)) {
          const size_t begin = static_cast<size_t>(a.value.data() - in_.data());
          t->aside[t->asides++] = {begin, begin + a.value.size()};
        }
        if (t->attrs > max_attrs_) return;
        t->keep_end = a.end;
        if (end_tag) return;
        // Order-independent, as Gumbo compares attribute lists.
        if (formatting) {
          hash += HashBytes(a.name, true) * 31u ^ HashBytes(a.value, false);
        }
        if (reads_names) ReadNameAttribute(a, t);
      });
  t->name = tag.name;
  t->name_end = tag.name_end;
  t->self_closing = tag.self_closing;
  t->end = tag.end;
  t->attr_hash = hash;
  return ok;
}

void Guard::ReadNameAttribute(const scan::Attribute& a, Tag* t) {
  const std::string_view name = a.name, value = a.value;
  if (name.size() < 4 || name.size() > 8) return;
  char lower[8];
  for (size_t k = 0; k < name.size(); ++k) lower[k] = AsciiLower(name[k]);
  const std::string_view ln(lower, name.size());
  if (ln == "color" || ln == "face" || ln == "size") t->font_attr = true;
  if (ln == "encoding" && value.size() <= 21) {
    char lv[21];
    for (size_t k = 0; k < value.size(); ++k) lv[k] = AsciiLower(value[k]);
    const std::string_view v(lv, value.size());
    if (v == "text/html" || v == "application/xhtml+xml") {
      t->html_encoding = true;
    }
  }
}

void Guard::Run() {
  const size_t n = in_.size();
  // A page that could spell a placeholder itself sets nothing aside, so
  // that every placeholder the document view finds is one of ours.
  aside_text_ = aside_attrs_ = aside_ != nullptr && !MayHoldPlaceholder(in_);
  out_->clear();
  out_->reserve(n + n / 64 + 16);
  size_t text = 0;  // start of the pending text run
  pos_ = 0;
  while (pos_ < n && !stop_) {
    const size_t lt = scan::Find(in_, pos_, '<');
    if (lt == scan::kNpos) break;
    size_t next = scan::kNpos;
    switch (scan::MarkupAt(in_, lt)) {
      case Markup::kCutOff:
        next = scan::kNpos;
        break;
      case Markup::kComment: {
        size_t body_end;
        next = scan::CommentEnd(in_, lt, &body_end);
        break;
      }
      case Markup::kBogus:
        next = scan::BogusEnd(in_, lt + 1);
        // "<![CDATA[" is a CDATA section to Gumbo in SVG or MathML, a bogus
        // comment elsewhere: unless both end at the same '>', the guard
        // cannot know where Gumbo's tokenizer is after it.
        // (Checked only while setting aside: each check either ends at
        // the first '>' or stops, so the checks stay linear.)
        if (aside_text_ || aside_attrs_) {
          const size_t cdata = scan::CdataEnd(in_, lt);
          if (cdata != scan::kNpos && cdata != next) StopAside();
        }
        break;
      case Markup::kEmptyEnd:
        next = lt + 3;  // "</>": Gumbo ignores it
        break;
      case Markup::kText:
        pos_ = lt + 1;  // a '<' that is text
        continue;
      case Markup::kEndTag: {
        Tag t;
        if (!ParseTag(lt, true, &t)) {  // cut inside: Gumbo drops it
          next = scan::kNpos;
          break;
        }
        EmitText(text, lt);
        EndTag(t);
        text = pos_ = t.end;
        continue;
      }
      case Markup::kStartTag: {
        Tag t;
        if (!ParseTag(lt, false, &t)) {
          next = scan::kNpos;
          break;
        }
        EmitText(text, lt);
        // Gumbo drops the text of a frameset but its whitespace: a run set
        // aside would lose the whitespace inside it. (Only this tag leads
        // to the frameset modes.)
        if (t.id == GUMBO_TAG_FRAMESET) aside_text_ = false;
        pos_ = t.end;
        raw_path_ = false;
        StartTag(t);  // may move pos_ past raw text
        const bool raw =
            (tags_(t.id) & kRawText) || t.id == GUMBO_TAG_PLAINTEXT;
        if (raw && !raw_path_) {
          // A raw-text element the model did not read as one (in foreign
          // content, in a select, dropped ...): Gumbo may read as text what
          // follows, up to an end tag the guard cannot place. Nothing more
          // is set aside.
          StopAside();
        } else if (raw && (aside_text_ || aside_attrs_) && !stop_ && pos_ < n &&
                   (!MarkupMeetsAt(t.end, pos_) ||
                    (t.id == GUMBO_TAG_SCRIPT &&
                     scan::ScriptDataEnd(in_, t.end) != pos_))) {
          // Raw text that Gumbo may read otherwise than the guard did: as
          // markup (the model took a tag for raw text) that runs past the
          // end tag, or as script data that ends elsewhere.
          StopAside();
        }
        text = pos_;
        continue;
      }
    }
    if (next == scan::kNpos) break;
    // A comment or bogus comment: copied as it is.
    EmitText(text, lt);
    out_->append(in_.data() + lt, next - lt);
    text = pos_ = next;
  }
  if (stop_) return;
  // A tag cut off by the end is dropped by Gumbo: such a rest is copied.
  if (in_.find('<', text) == std::string_view::npos) {
    EmitText(text, n);
  } else {
    CopyText(text, n);
  }
}

}  // namespace guard

std::string GuardReport::Summary(const Options& options) const {
  std::string s;
  auto add = [&](std::string part) {
    if (!s.empty()) s += "; ";
    s += part;
  };
  if (start_tags_dropped) {
    add(std::to_string(start_tags_dropped) +
        " start tags nested deeper than --max-depth (" +
        std::to_string(options.max_depth) + ") dropped");
  }
  if (formatting_dropped) {
    add(std::to_string(formatting_dropped) +
        " formatting tags over the open-formatting cap dropped");
  }
  if (attributes_dropped) {
    add(std::to_string(attributes_dropped) +
        " attributes over --max-attributes (" +
        std::to_string(options.max_attributes) + ") dropped");
  }
  if (references_replaced) {
    add(std::to_string(references_replaced) +
        " out-of-range character references replaced");
  }
  return s;
}

void GuardHtml(std::string_view html, const Options& options, std::string* out,
               GuardReport* report, SetAsideValues* aside) {
  *report = GuardReport();
  if (aside != nullptr) aside->Clear();
  guard::Guard guard(html, options, out, report, aside);
  guard.Run();
}

}  // namespace winnow
