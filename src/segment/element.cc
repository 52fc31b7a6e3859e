// Copyright winnow authors. Licensed under the MIT licence.

#include "segment/element.h"
#include "util/ascii.h"

#include <strings.h>

#include <cstring>
#include <string>

namespace winnow {
namespace {

// True when a style hides its element: it holds "display:none" or
// "visibility:hidden", ignoring ASCII case and spaces ("Display : None").
// The style is folded once for both searches.
bool StyleHides(const char* s) {
  thread_local std::string folded;
  // Written through a pointer, a byte a step without a branch (styles run
  // long, and many elements have one): each byte is stored, and the
  // position moves past it unless it is a space.
  const size_t n = std::strlen(s);
  folded.resize(n);
  char* out = folded.data();
  size_t kept = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[i];
    out[kept] = AsciiLower(c);
    kept += !(c == ' ' || c == '\t' || c == '\n');
  }
  folded.resize(kept);
  return folded.find("display:none") != std::string::npos ||
         folded.find("visibility:hidden") != std::string::npos;
}

// True when `name` equals `lower` ignoring ASCII case, as
// DomNode::Attribute compares.
bool NameIs(const char* name, std::string_view lower) {
  for (char c : lower) {
    const char n = AsciiLower(*name++);
    if (n != c) return false;
  }
  return *name == '\0';
}

}  // namespace

TagClass Classify(Tag tag) {
  switch (tag) {
    case Tag::kScript:
    case Tag::kStyle:
    case Tag::kTemplate:
    case Tag::kNoscript:
    case Tag::kHead:
    case Tag::kButton:
    case Tag::kSelect:
    case Tag::kOption:
    case Tag::kOptgroup:
    case Tag::kDatalist:
    case Tag::kTextarea:
    case Tag::kInput:
    case Tag::kSvg:
    case Tag::kMath:
    case Tag::kIframe:
    case Tag::kObject:
    case Tag::kEmbed:
    case Tag::kCanvas:
    case Tag::kAudio:
    case Tag::kVideo:
    case Tag::kMap:
    case Tag::kFrameset:
    case Tag::kFrame:
    case Tag::kNoframes:
    case Tag::kApplet:
    case Tag::kTitle:
    // Ruby annotations: the reading (rt, rtc) and its fallback parentheses
    // (rp) are not part of the text they annotate.
    case Tag::kRt:
    case Tag::kRp:
    case Tag::kRtc:
      return TagClass::kSkip;
    case Tag::kBr:
      return TagClass::kBreak;
    case Tag::kAddress:
    case Tag::kArticle:
    case Tag::kAside:
    case Tag::kBlockquote:
    case Tag::kBody:
    case Tag::kCaption:
    case Tag::kCenter:
    case Tag::kDd:
    case Tag::kDetails:
    case Tag::kDir:
    case Tag::kDiv:
    case Tag::kDl:
    case Tag::kDt:
    case Tag::kFieldset:
    case Tag::kFigcaption:
    case Tag::kFigure:
    case Tag::kFooter:
    case Tag::kForm:
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6:
    case Tag::kHeader:
    case Tag::kHgroup:
    case Tag::kHr:
    case Tag::kHtml:
    case Tag::kLegend:
    case Tag::kLi:
    case Tag::kMain:
    case Tag::kMenu:
    case Tag::kNav:
    case Tag::kOl:
    case Tag::kP:
    case Tag::kPre:
    case Tag::kSection:
    case Tag::kSummary:
    case Tag::kTable:
    case Tag::kTbody:
    case Tag::kThead:
    case Tag::kTfoot:
    case Tag::kTr:
    case Tag::kTd:
    case Tag::kTh:
    case Tag::kUl:
    case Tag::kListing:
    case Tag::kPlaintext:
    case Tag::kXmp:
      return TagClass::kBlock;
    default:
      return TagClass::kInline;
  }
}

bool KindOf(Tag tag, BlockKind* kind, int* level) {
  switch (tag) {
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6:
      *kind = BlockKind::kHeading;
      *level = 1 + (static_cast<int>(tag) - static_cast<int>(Tag::kH1));
      return true;
    case Tag::kLi:
      *kind = BlockKind::kListItem;
      return true;
    case Tag::kTd:
    case Tag::kTh:
      *kind = BlockKind::kCell;
      return true;
    case Tag::kBlockquote:
      *kind = BlockKind::kQuote;
      return true;
    case Tag::kPre:
    case Tag::kListing:
    case Tag::kXmp:
    case Tag::kPlaintext:
      *kind = BlockKind::kCode;
      return true;
    case Tag::kFigcaption:
    case Tag::kCaption:
      *kind = BlockKind::kCaption;
      return true;
    case Tag::kP:
      *kind = BlockKind::kParagraph;
      return true;
    default:
      return false;
  }
}

void AppendLowerAscii(const char* s, std::string* out) {
  if (!s) return;
  const size_t start = out->size();
  out->append(s);
  for (size_t i = start; i < out->size(); ++i) {
    char& c = (*out)[i];
    c = AsciiLower(c);
  }
}

ElementAttrs::ElementAttrs(DomNode el) {
  // The view gives a name's first value first: the first seen wins.
  el.ForEachAttribute([this](const char* n, const char* value) {
    auto take = [value](const char** slot) {
      if (*slot == nullptr) *slot = value;
    };
    switch (n[0] | 0x20) {
      case 'c':
        if (NameIs(n, "class")) {
          take(&cls);
        } else if (NameIs(n, "content")) {
          take(&content);
        }
        break;
      case 'n':
        if (NameIs(n, "name")) take(&name);
        break;
      case 'p':
        if (NameIs(n, "property")) take(&property);
        break;
      case 'i':
        if (NameIs(n, "id")) {
          take(&id);
        } else if (NameIs(n, "itemprop")) {
          take(&itemprop);
        }
        break;
      case 'r':
        if (NameIs(n, "role")) {
          take(&role);
        } else if (NameIs(n, "rel")) {
          take(&rel);
        }
        break;
      case 'a':
        if (NameIs(n, "aria-label")) take(&aria_label);
        break;
      case 's':
        if (NameIs(n, "style")) take(&style);
        break;
      case 't':
        if (NameIs(n, "type")) take(&type);
        break;
      case 'h':
        if (NameIs(n, "hidden")) {
          hidden = true;
        } else if (NameIs(n, "href")) {
          href = true;
        }
        break;
      default:
        break;
    }
  });
}

bool IsHidden(const ElementAttrs& attrs) {
  if (attrs.hidden) return true;
  if (attrs.style && StyleHides(attrs.style)) return true;
  if (const char* type = attrs.type) {
    if (strcasecmp(type, "hidden") == 0) return true;
  }
  return false;
}

std::string_view LowerTagName(DomNode el, PageStrings* strings) {
  const Tag tag = el.tag();
  if (tag != Tag::kUnknown) return TagName(tag);
  return strings->AddLowerAscii(el.written_tag_name());
}

}  // namespace winnow
