// Copyright winnow authors. Licensed under the MIT licence.
//
// winnow's own element tag ids, so that the stages after parse never see
// Gumbo's types. Every tag Gumbo 0.10.1 knows (its tag_enum.h, in its
// order) with the same numeric value as its GumboTag, so that a tag id
// passes from the tree to the document view (parse/document.h) without a
// table; tags.cc checks each value at compile time. Any other element
// (custom elements, misspellings) is kUnknown: its name is
// DomNode::written_tag_name().

#ifndef WINNOW_PARSE_TAGS_H_
#define WINNOW_PARSE_TAGS_H_

#include <cstdint>
#include <string_view>

namespace winnow {

// clang-format off
enum class Tag : uint16_t {
  kHtml, kHead, kTitle, kBase, kLink, kMeta, kStyle, kScript, kNoscript,
  kTemplate, kBody, kArticle, kSection, kNav, kAside, kH1, kH2, kH3, kH4, kH5,
  kH6, kHgroup, kHeader, kFooter, kAddress, kP, kHr, kPre, kBlockquote, kOl,
  kUl, kLi, kDl, kDt, kDd, kFigure, kFigcaption, kMain, kDiv, kA, kEm, kStrong,
  kSmall, kS, kCite, kQ, kDfn, kAbbr, kData, kTime, kCode, kVar, kSamp, kKbd,
  kSub, kSup, kI, kB, kU, kMark, kRuby, kRt, kRp, kBdi, kBdo, kSpan, kBr, kWbr,
  kIns, kDel, kImage, kImg, kIframe, kEmbed, kObject, kParam, kVideo, kAudio,
  kSource, kTrack, kCanvas, kMap, kArea, kMath, kMi, kMo, kMn, kMs, kMtext,
  kMglyph, kMalignmark, kAnnotationXml, kSvg, kForeignobject, kDesc, kTable,
  kCaption, kColgroup, kCol, kTbody, kThead, kTfoot, kTr, kTd, kTh, kForm,
  kFieldset, kLegend, kLabel, kInput, kButton, kSelect, kDatalist, kOptgroup,
  kOption, kTextarea, kKeygen, kOutput, kProgress, kMeter, kDetails, kSummary,
  kMenu, kMenuitem, kApplet, kAcronym, kBgsound, kDir, kFrame, kFrameset,
  kNoframes, kIsindex, kListing, kXmp, kNextid, kNoembed, kPlaintext, kRb,
  kStrike, kBasefont, kBig, kBlink, kCenter, kFont, kMarquee, kMulticol, kNobr,
  kSpacer, kTt, kRtc,
  kUnknown,
};
// clang-format on

// The name of `tag` as Gumbo normalises it (lower case: "h1",
// "blockquote"); empty for kUnknown and values outside the enum. Static
// storage.
std::string_view TagName(Tag tag);

}  // namespace winnow

#endif  // WINNOW_PARSE_TAGS_H_
