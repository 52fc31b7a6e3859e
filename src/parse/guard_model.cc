// Copyright winnow authors. Licensed under the MIT licence.
//
// The parser guard's model of Gumbo's tree builder (guard_internal.h): the
// stack of open elements with the indexes that answer scope questions in
// constant time, the list of active formatting elements, and what each
// start and end tag does to them.

#include <gumbo.h>

#include <algorithm>

#include "parse/guard_internal.h"

namespace winnow {
namespace guard {

void Guard::Push(int id, int ns, bool html_encoding) {
  const uint32_t f = tags_(id);
  Entry e;
  e.id = id;
  e.ns = ns;
  e.dead = false;
  e.text_ip = ns == kMathNs &&
              (id == GUMBO_TAG_MI || id == GUMBO_TAG_MO || id == GUMBO_TAG_MN ||
               id == GUMBO_TAG_MS || id == GUMBO_TAG_MTEXT);
  e.html_ip = (ns == kSvgNs && (id == GUMBO_TAG_FOREIGNOBJECT ||
                                id == GUMBO_TAG_DESC || id == GUMBO_TAG_TITLE)) ||
              (ns == kMathNs && id == GUMBO_TAG_ANNOTATION_XML && html_encoding);
  const bool foreign_special =
      (ns == kSvgNs && (f & kIntegration) && id != GUMBO_TAG_MI &&
       id != GUMBO_TAG_MO && id != GUMBO_TAG_MN && id != GUMBO_TAG_MS &&
       id != GUMBO_TAG_MTEXT && id != GUMBO_TAG_ANNOTATION_XML) ||
      (ns == kMathNs && (e.text_ip || id == GUMBO_TAG_ANNOTATION_XML));
  e.special = ns == kHtmlNs ? (f & kSpecial) != 0 : foreign_special;
  e.boundary = ns == kHtmlNs ? (f & kBoundary) != 0 : foreign_special;
  e.marker = ns == kHtmlNs && (f & kMarker);
  const int index = static_cast<int>(stack_.size());
  e.prev_same = last_[id];
  last_[id] = index;
  e.prev_special = last_special_;
  if (e.special) last_special_ = index;
  e.prev_boundary = last_boundary_;
  if (e.boundary) last_boundary_ = index;
  e.prev_html = last_html_;
  if (ns == kHtmlNs) last_html_ = index;
  if (e.marker) fmt_markers_.push_back(fmt_.size());
  stack_.push_back(e);
  ++depth_;
  rep_->depth = std::max(rep_->depth, depth_);
}

void Guard::PopForeign() {
  while (!stack_.empty() && stack_.back().ns != kHtmlNs &&
         !stack_.back().text_ip && !stack_.back().html_ip)
    PopTo(static_cast<int>(stack_.size()) - 1);
}

void Guard::PopTo(int index) {
  if (index < 0) return;
  for (;;) {
    while (static_cast<int>(stack_.size()) > index) {
      const int k = static_cast<int>(stack_.size()) - 1;
      const Entry& e = stack_.back();
      if (!e.dead) --depth_;
      if (last_[e.id] == k) last_[e.id] = e.prev_same;
      if (last_special_ == k) last_special_ = e.prev_special;
      if (last_boundary_ == k) last_boundary_ = e.prev_boundary;
      if (last_html_ == k) last_html_ = e.prev_html;
      if (e.marker) {
        fmt_.resize(fmt_markers_.back());
        fmt_markers_.pop_back();
      }
      stack_.pop_back();
    }
    // Entries Gumbo no longer has are not left on top: the top is always
    // the current node.
    if (stack_.empty() || !stack_.back().dead) return;
    index = static_cast<int>(stack_.size()) - 1;
  }
}

void Guard::Kill(int index) {
  if (index == static_cast<int>(stack_.size()) - 1) {
    PopTo(index);
    return;
  }
  Entry& e = stack_[index];
  if (e.dead) return;
  e.dead = true;
  --depth_;
  // Only the innermost entry of an id is ever killed, so the chain of
  // that id stays whole. (A killed special entry stays in the special
  // chain: scope checks then err towards keeping elements open.)
  if (last_[e.id] == index) last_[e.id] = e.prev_same;
}

void Guard::CloseListItem(int a, int b) {
  // Gumbo walks down from the current node: an <li> closes; a special
  // element other than address, div and p stops the walk.
  int steps = 0;
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 0 && steps < 64;
       --k, ++steps) {
    const Entry& e = stack_[k];
    if (e.dead) continue;
    if (e.ns == kHtmlNs && (e.id == a || e.id == b)) {
      PopTo(k);
      return;
    }
    if (e.special && !(e.id == GUMBO_TAG_ADDRESS || e.id == GUMBO_TAG_DIV ||
                       e.id == GUMBO_TAG_P))
      return;
  }
}

bool Guard::Adopt(int id) {
  const size_t start = FormattingStart();
  size_t k = fmt_.size();
  while (k > start && fmt_[k - 1].id != id) --k;
  if (k == start) return false;
  const int j = Last(id);
  if (j >= 0 && stack_[j].ns != kHtmlNs) return true;
  if (j >= 0 && !InScope(j)) return true;  // Gumbo ignores the tag
  fmt_.erase(fmt_.begin() + static_cast<long>(k - 1));
  if (j < 0) return true;  // not open: only leaves the list
  if (last_special_ > j) {
    // A furthest block: the formatting element leaves the stack, the
    // elements above it stay (reparented under a clone).
    Kill(j);
  } else {
    PopTo(j);
  }
  return true;
}

void Guard::StartTag(const Tag& t) {
  const int id = t.id;
  const uint32_t f = tags_(id);
  // Which rules Gumbo applies: the HTML ones, or those of foreign content
  // (the adjusted current node is SVG or MathML and not an integration
  // point for this tag).
  const Entry* cur = stack_.empty() ? nullptr : &stack_.back();
  bool foreign_rules = false;
  bool via_integration = false;  // HTML rules inside SVG or MathML
  if (cur && cur->ns != kHtmlNs) {
    if (cur->text_ip) {
      foreign_rules = id == GUMBO_TAG_MGLYPH || id == GUMBO_TAG_MALIGNMARK;
    } else if (cur->html_ip) {
      foreign_rules = false;
    } else if (cur->ns == kMathNs && cur->id == GUMBO_TAG_ANNOTATION_XML &&
               id == GUMBO_TAG_SVG) {
      foreign_rules = false;
    } else {
      foreign_rules = true;
    }
    via_integration = !foreign_rules;
  }
  const bool breakout =
      foreign_rules &&
      ((f & kBreakout) || (id == GUMBO_TAG_FONT && t.font_attr));
  if (foreign_rules && !breakout) {
    if (f & kForeignUnsafe) {
      // Gumbo 0.10.1 finds some elements on its stack by tag alone,
      // namespace unchecked: an SVG or MathML element named like a table
      // part is taken for one when a table context is cleared, and the tree
      // builder then fails an assertion (SIGABRT) on "<svg><tbody><desc>
      // <table><table><td><colgroup><label><template></template></body>".
      // Such elements mean nothing in SVG or MathML, whose contents winnow
      // never reads: dropped.
      DropStart(t, false);
    } else if (t.self_closing) {
      EmitStartTag(t);
    } else if (depth_ >= max_depth_) {
      DropStart(t, false);
    } else {
      EmitStartTag(t);
      Push(id, cur->ns, t.html_encoding);
    }
    return;
  }

  // HTML rules. First what the tag would do, decided on the model as it is:
  // a tag that is dropped must leave the model as it leaves the parser,
  // untouched (no implied closes, no adoption agency, no break-out).
  const int select = Last(GUMBO_TAG_SELECT);
  if (!breakout && InSelectScope(select)) {
    // "In select": most start tags are ignored, raw-text ones included.
    const bool table_part =
        id == GUMBO_TAG_CAPTION || id == GUMBO_TAG_TABLE ||
        id == GUMBO_TAG_TBODY || id == GUMBO_TAG_TFOOT ||
        id == GUMBO_TAG_THEAD || id == GUMBO_TAG_TR || id == GUMBO_TAG_TD ||
        id == GUMBO_TAG_TH;
    const bool in_table = Last(GUMBO_TAG_TABLE) >= 0 &&
                          Last(GUMBO_TAG_TABLE) < select &&
                          Last(GUMBO_TAG_TEMPLATE) < select;
    if (id == GUMBO_TAG_INPUT || id == GUMBO_TAG_KEYGEN ||
        id == GUMBO_TAG_TEXTAREA || (table_part && in_table)) {
      if (table_part && depth_ + 2 >= max_depth_) {
        DropStart(t, false);
        return;
      }
      PopTo(select);  // closes the select; then the tag as usual
    } else if (id != GUMBO_TAG_OPTION && id != GUMBO_TAG_OPTGROUP &&
               id != GUMBO_TAG_SELECT && id != GUMBO_TAG_SCRIPT &&
               id != GUMBO_TAG_TEMPLATE) {
      EmitStartTag(t);
      return;
    }
  }
  if (id == GUMBO_TAG_HTML || id == GUMBO_TAG_BODY || id == GUMBO_TAG_HEAD ||
      (f & kVoid)) {
    if (breakout) PopForeign();
    if (f & kClosesP) ClosePInButtonScope();  // <hr>
    EmitStartTag(t);
    return;
  }
  if ((f & kRawText) && !via_integration) {
    raw_path_ = true;
    // Raw text is skipped only where the model is sure of the namespace:
    // inside SVG or MathML integration points the element is counted as an
    // ordinary one and its content parsed (which can only count deeper).
    if (breakout) PopForeign();
    if (id == GUMBO_TAG_XMP) ClosePInButtonScope();
    EmitStartTag(t);
    size_t end = scan::RawTextEnd(
        in_, t.end, gumbo_normalized_tagname(static_cast<GumboTag>(id)));
    if (end == scan::kNpos) end = in_.size();
    if (aside_text_ && scan::Find(in_, t.end, '<') >= end) {
      // No '<': text to Gumbo however it reads the element (as raw text,
      // RCDATA, script data or markup), so a run may be set aside.
      EmitText(t.end, end, !(f & kRcdata));
    } else if (f & kRcdata) {
      CopyText(t.end, end);
    } else {
      out_->append(in_.data() + t.end, end - t.end);
    }
    pos_ = end;
    return;
  }
  if (id == GUMBO_TAG_PLAINTEXT && !via_integration) {
    raw_path_ = true;
    if (breakout) PopForeign();
    ClosePInButtonScope();
    EmitStartTag(t);
    out_->append(in_.data() + t.end, in_.size() - t.end);
    stop_ = true;
    return;
  }
  const bool in_table = Last(GUMBO_TAG_TABLE) >= 0;
  const int section = Max(Last(GUMBO_TAG_TBODY),
                          Max(Last(GUMBO_TAG_THEAD), Last(GUMBO_TAG_TFOOT)));
  int extra = 0;  // elements Gumbo inserts on its own (tbody, tr)
  bool ignored = false;  // Gumbo ignores the tag
  switch (id) {
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      ignored = !in_table;
      if (Last(GUMBO_TAG_TR) < Last(GUMBO_TAG_TABLE))
        extra = section < Last(GUMBO_TAG_TABLE) ? 2 : 1;
      break;
    case GUMBO_TAG_TR:
      ignored = !in_table;
      if (section < Last(GUMBO_TAG_TABLE)) extra = 1;
      break;
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_COLGROUP:
      ignored = !in_table;
      break;
    case GUMBO_TAG_FORM:
      ignored = form_pointer_ && Last(GUMBO_TAG_TEMPLATE) < 0;
      break;
    case GUMBO_TAG_SELECT:
      ignored = InSelectScope(Last(GUMBO_TAG_SELECT));  // acts as </select>
      break;
    default:
      break;
  }
  if (ignored) {
    if (breakout) PopForeign();
    if (id == GUMBO_TAG_SELECT) PopTo(Last(GUMBO_TAG_SELECT));
    EmitStartTag(t);
    return;
  }
  const bool formatting = (f & kFormatting) != 0;
  if (formatting) {
    if (fmt_.size() - FormattingStart() >=
            static_cast<size_t>(kMaxActiveFormatting) ||
        depth_ >= fmt_depth_ || depth_ >= max_depth_) {
      DropStart(t, true);
      return;
    }
  } else if (depth_ + extra >= max_depth_) {
    DropStart(t, false);
    return;
  }

  // Kept: now the tree builder's steps.
  if (breakout) PopForeign();
  if (id == GUMBO_TAG_SVG || id == GUMBO_TAG_MATH) {
    if (!t.self_closing) {
      EmitStartTag(t);
      Push(id, id == GUMBO_TAG_SVG ? kSvgNs : kMathNs, t.html_encoding);
    } else {
      EmitStartTag(t);
    }
    return;
  }
  if (formatting) {
    if (id == GUMBO_TAG_A) Adopt(GUMBO_TAG_A);
    if (id == GUMBO_TAG_NOBR && InScope(Last(GUMBO_TAG_NOBR)))
      Adopt(GUMBO_TAG_NOBR);
    // Noah's Ark: a fourth identical element pushes out the earliest.
    const size_t start = FormattingStart();
    int same = 0;
    size_t earliest = fmt_.size();
    for (size_t k = fmt_.size(); k > start; --k) {
      if (fmt_[k - 1].id == id && fmt_[k - 1].attrs == t.attr_hash) {
        ++same;
        earliest = k - 1;
      }
    }
    if (same >= 3) fmt_.erase(fmt_.begin() + static_cast<long>(earliest));
    EmitStartTag(t);
    Push(id, kHtmlNs, false);
    fmt_.push_back({id, t.attr_hash});
    return;
  }
  if (f & kClosesP) {
    if (id == GUMBO_TAG_TABLE) {
      // In a table (not in one of its cells) a new table closes it.
      const int inner = Max(Max(Last(GUMBO_TAG_TD), Last(GUMBO_TAG_TH)),
                            Last(GUMBO_TAG_CAPTION));
      if (Last(GUMBO_TAG_TABLE) > inner) PopTo(Last(GUMBO_TAG_TABLE));
    }
    ClosePInButtonScope();
  }
  switch (id) {
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      if (!stack_.empty() && stack_.back().ns == kHtmlNs &&
          (tags_(stack_.back().id) & kHeading))
        PopTo(static_cast<int>(stack_.size()) - 1);
      break;
    case GUMBO_TAG_LI:
      CloseListItem(GUMBO_TAG_LI, GUMBO_TAG_LI);
      break;
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
      CloseListItem(GUMBO_TAG_DD, GUMBO_TAG_DT);
      break;
    case GUMBO_TAG_BUTTON:
      if (InScope(Last(GUMBO_TAG_BUTTON))) PopTo(Last(GUMBO_TAG_BUTTON));
      break;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: {
      const int cell = Max(Last(GUMBO_TAG_TD), Last(GUMBO_TAG_TH));
      if (InTableScope(cell)) PopTo(cell);
      break;
    }
    case GUMBO_TAG_TR:
      if (InTableScope(Last(GUMBO_TAG_TR))) PopTo(Last(GUMBO_TAG_TR));
      break;
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
      if (InTableScope(section)) PopTo(section);
      break;
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_COLGROUP:
      if (InTableScope(Last(GUMBO_TAG_TABLE))) PopTo(Last(GUMBO_TAG_TABLE) + 1);
      break;
    case GUMBO_TAG_OPTION:
      if (TopIs(GUMBO_TAG_OPTION)) PopTo(static_cast<int>(stack_.size()) - 1);
      break;
    case GUMBO_TAG_OPTGROUP:
      if (TopIs(GUMBO_TAG_OPTION)) PopTo(static_cast<int>(stack_.size()) - 1);
      if (TopIs(GUMBO_TAG_OPTGROUP))
        PopTo(static_cast<int>(stack_.size()) - 1);
      break;
    default:
      break;
  }
  EmitStartTag(t);
  if (extra == 2) Push(GUMBO_TAG_TBODY, kHtmlNs, false);
  if (extra >= 1) {
    Push(id == GUMBO_TAG_TR ? GUMBO_TAG_TBODY : GUMBO_TAG_TR, kHtmlNs, false);
  }
  Push(id, kHtmlNs, false);
  // Inside a template the form pointer is left alone.
  if (id == GUMBO_TAG_FORM && Last(GUMBO_TAG_TEMPLATE) < 0)
    form_pointer_ = true;
}

void Guard::EndTag(const Tag& t) {
  const int id = t.id;
  if (dropped_[id] > 0) {
    --dropped_[id];
    ++rep_->end_tags_dropped;
    EmitNeutral();
    return;
  }
  // End tags keep no attributes: Gumbo would only check them for
  // duplicates, quadratically, and drop them.
  if (t.attrs > 0 || t.self_closing) {
    out_->append(in_.data() + t.begin, t.name_end - t.begin);
    out_->push_back('>');
  } else {
    out_->append(in_.data() + t.begin, t.end - t.begin);
  }
  if (!stack_.empty() && stack_.back().ns != kHtmlNs) {
    const int j = Last(id);
    if (j >= 0 && stack_[j].ns != kHtmlNs && j > last_html_) {
      PopTo(j);
      return;
    }
  }
  const uint32_t f = tags_(id);
  const int select = Last(GUMBO_TAG_SELECT);
  if (id != GUMBO_TAG_OPTION && id != GUMBO_TAG_OPTGROUP &&
      id != GUMBO_TAG_SELECT && id != GUMBO_TAG_TEMPLATE &&
      InSelectScope(select)) {
    // "In select" ignores other end tags, but for table parts ("in select
    // in table"), which close the select first.
    if (!(f & kTablePart) || Last(GUMBO_TAG_TABLE) < 0 ||
        Last(GUMBO_TAG_TABLE) > select || !InTableScope(Last(id)))
      return;
    PopTo(select);
  }
  if (f & kFormatting) {
    if (!Adopt(id)) {
      const int j = Last(id);
      if (j >= 0 && j >= last_special_) PopTo(j);
    }
    return;
  }
  if (f & kHeading) {
    int j = -1;
    for (int h = GUMBO_TAG_H1; h <= GUMBO_TAG_H6; ++h) j = Max(j, Last(h));
    if (InScope(j)) PopTo(j);
    return;
  }
  if (f & kTablePart) {
    if (InTableScope(Last(id))) PopTo(Last(id));
    return;
  }
  if (f & kScopeEnd) {
    if (InScope(Last(id))) PopTo(Last(id));
    return;
  }
  switch (id) {
    case GUMBO_TAG_P:
      ClosePInButtonScope();
      return;
    case GUMBO_TAG_LI:
      if (InListScope(Last(id))) PopTo(Last(id));
      return;
    case GUMBO_TAG_SELECT:
      if (InSelectScope(Last(id))) PopTo(Last(id));
      return;
    case GUMBO_TAG_TEMPLATE:
      PopTo(Last(id));
      return;
    case GUMBO_TAG_OPTION:
      if (TopIs(GUMBO_TAG_OPTION)) PopTo(static_cast<int>(stack_.size()) - 1);
      return;
    case GUMBO_TAG_OPTGROUP:
      if (TopIs(GUMBO_TAG_OPTION) && stack_.size() >= 2 &&
          stack_[stack_.size() - 2].id == GUMBO_TAG_OPTGROUP)
        PopTo(static_cast<int>(stack_.size()) - 1);
      if (TopIs(GUMBO_TAG_OPTGROUP))
        PopTo(static_cast<int>(stack_.size()) - 1);
      return;
    case GUMBO_TAG_FORM: {
      const int j = Last(GUMBO_TAG_FORM);
      if (Last(GUMBO_TAG_TEMPLATE) >= 0) {
        if (InScope(j)) PopTo(j);
        return;
      }
      // Removes the form pointer's element only, not what is above it.
      form_pointer_ = false;
      if (InScope(j)) Kill(j);
      return;
    }
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BR:
      return;
    default: {
      // Any other end tag: closes the innermost element of its name when
      // no special element is above it.
      const int j = Last(id);
      if (j >= 0 && j >= last_special_) PopTo(j);
      return;
    }
  }
}

}  // namespace guard
}  // namespace winnow
