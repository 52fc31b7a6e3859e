// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/guard.h"

#include <gumbo.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "parse/guard_internal.h"
#include "parse/prestrip_tags.h"
#include "parse/scanner.h"
#include "util/ascii.h"

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

// True for the formatting elements whose attributes Gumbo compares: all
// but <a>. The Noah's Ark clause compares an element with those of its tag
// in the list of active formatting elements after the last marker, and an
// <a> start tag first takes any <a> out of that list (the adoption agency,
// then removal), so an <a> is never compared with another.
bool Compared(const TagTable& tags, int id) {
  return (tags(id) & kFormatting) && id != GUMBO_TAG_A;
}

// True for the start tags whose attributes may move out of the tag into
// one placeholder (EmitMovedStartTag): all but those whose attributes
// Gumbo's tree builder reads or copies attribute by attribute. Formatting
// elements other than <a> are compared by the Noah's Ark clause (clones
// copy the one placeholder attribute, which reads back as the list); a
// second <html> or <body> adds its attributes one by one to the first;
// <annotation-xml> has its encoding read, <isindex> turns into other
// elements with its attributes; <svg> and <math> have their names
// adjusted for XML. Everything else Gumbo only stores, or reads the way
// <input>'s type is read (InputTypeStays).
bool AttributesMayMove(const TagTable& tags, int id) {
  if (Compared(tags, id)) return false;
  switch (id) {
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_ANNOTATION_XML:
    case GUMBO_TAG_ISINDEX:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
      return false;
    default:
      return true;
  }
}

// True for an attribute name that may move with its tag's list: one the
// pre-parse strip keeps (prestrip::KeepsValue, and href), none of which
// Gumbo renames in SVG or MathML (viewBox, xlink:href ...). Its value must
// also be one Gumbo keeps byte for byte (ParserCopiesUnchanged).
bool NameMayMove(std::string_view name) {
  return prestrip::KeepsValue(name) || scan::EqualsNoCase(name, "href");
}

// True for the attribute type="hidden" (any case) of an <input>: the tree
// builder asks whether an <input> has it (in a table, such an input stays
// in place; in the body, any other clears the frameset-ok flag). A moved
// list answers "no type attribute", which is right for any other value;
// this one keeps the list in the tag.
bool InputTypeStays(int id, const scan::Attribute& a) {
  return id == GUMBO_TAG_INPUT && scan::EqualsNoCase(a.name, "type") &&
         scan::EqualsNoCase(a.value, "hidden");
}

}  // namespace

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
        const int id = TagId(tags_, tag.name);
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
  t->id = TagId(tags_, name);
  t->keep_end = name_end;
  t->asides = 0;
  const bool formatting = (tags_(t->id) & kFormatting) != 0;
  // Values are set aside where the guard is sure that Gumbo's tokenizer
  // reads the tag as it does (see Run), but not on the formatting elements
  // Gumbo compares: Noah's Ark compares their values as decoded, and
  // "a&#45;b" in one tag equals "a-b" in another, which a placeholder
  // would not.
  const bool may_set_aside = aside_attrs_ && !end_tag;
  const bool compared = Compared(tags_, t->id);
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
        // Whether Gumbo keeps the value byte for byte, asked once for both
        // uses below.
        int plain = -1;
        auto copied_unchanged = [&] {
          if (plain < 0) plain = ParserCopiesUnchanged(a.value) ? 1 : 0;
          return plain == 1;
        };
        if (t->moved >= 0) {
          if (t->moved == Tag::kMaxMoved || t->attrs > max_attrs_ ||
              !NameMayMove(a.name) || !copied_unchanged() ||
              InputTypeStays(t->id, a)) {
            t->moved = -1;
          } else {
            t->move[t->moved++] = {a.name, a.value};
          }
        }
        if (may_set_aside && !compared && t->attrs <= max_attrs_ &&
            a.value.size() >= kMinValueAside && t->asides < Tag::kMaxAsides &&
            !TreeBuilderReads(a.name) && copied_unchanged()) {
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
