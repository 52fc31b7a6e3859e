// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/tags.h"

#include <gumbo.h>

namespace winnow {
namespace {

// Tag ids are GumboTag values (tags.h): a conversion is a cast.
constexpr bool Same(Tag tag, GumboTag gumbo) {
  return static_cast<int>(tag) == static_cast<int>(gumbo);
}

static_assert(Same(Tag::kHtml, GUMBO_TAG_HTML));
static_assert(Same(Tag::kHead, GUMBO_TAG_HEAD));
static_assert(Same(Tag::kTitle, GUMBO_TAG_TITLE));
static_assert(Same(Tag::kBase, GUMBO_TAG_BASE));
static_assert(Same(Tag::kLink, GUMBO_TAG_LINK));
static_assert(Same(Tag::kMeta, GUMBO_TAG_META));
static_assert(Same(Tag::kStyle, GUMBO_TAG_STYLE));
static_assert(Same(Tag::kScript, GUMBO_TAG_SCRIPT));
static_assert(Same(Tag::kNoscript, GUMBO_TAG_NOSCRIPT));
static_assert(Same(Tag::kTemplate, GUMBO_TAG_TEMPLATE));
static_assert(Same(Tag::kBody, GUMBO_TAG_BODY));
static_assert(Same(Tag::kArticle, GUMBO_TAG_ARTICLE));
static_assert(Same(Tag::kSection, GUMBO_TAG_SECTION));
static_assert(Same(Tag::kNav, GUMBO_TAG_NAV));
static_assert(Same(Tag::kAside, GUMBO_TAG_ASIDE));
static_assert(Same(Tag::kH1, GUMBO_TAG_H1));
static_assert(Same(Tag::kH2, GUMBO_TAG_H2));
static_assert(Same(Tag::kH3, GUMBO_TAG_H3));
static_assert(Same(Tag::kH4, GUMBO_TAG_H4));
static_assert(Same(Tag::kH5, GUMBO_TAG_H5));
static_assert(Same(Tag::kH6, GUMBO_TAG_H6));
static_assert(Same(Tag::kHgroup, GUMBO_TAG_HGROUP));
static_assert(Same(Tag::kHeader, GUMBO_TAG_HEADER));
static_assert(Same(Tag::kFooter, GUMBO_TAG_FOOTER));
static_assert(Same(Tag::kAddress, GUMBO_TAG_ADDRESS));
static_assert(Same(Tag::kP, GUMBO_TAG_P));
static_assert(Same(Tag::kHr, GUMBO_TAG_HR));
static_assert(Same(Tag::kPre, GUMBO_TAG_PRE));
static_assert(Same(Tag::kBlockquote, GUMBO_TAG_BLOCKQUOTE));
static_assert(Same(Tag::kOl, GUMBO_TAG_OL));
static_assert(Same(Tag::kUl, GUMBO_TAG_UL));
static_assert(Same(Tag::kLi, GUMBO_TAG_LI));
static_assert(Same(Tag::kDl, GUMBO_TAG_DL));
static_assert(Same(Tag::kDt, GUMBO_TAG_DT));
static_assert(Same(Tag::kDd, GUMBO_TAG_DD));
static_assert(Same(Tag::kFigure, GUMBO_TAG_FIGURE));
static_assert(Same(Tag::kFigcaption, GUMBO_TAG_FIGCAPTION));
static_assert(Same(Tag::kMain, GUMBO_TAG_MAIN));
static_assert(Same(Tag::kDiv, GUMBO_TAG_DIV));
static_assert(Same(Tag::kA, GUMBO_TAG_A));
static_assert(Same(Tag::kEm, GUMBO_TAG_EM));
static_assert(Same(Tag::kStrong, GUMBO_TAG_STRONG));
static_assert(Same(Tag::kSmall, GUMBO_TAG_SMALL));
static_assert(Same(Tag::kS, GUMBO_TAG_S));
static_assert(Same(Tag::kCite, GUMBO_TAG_CITE));
static_assert(Same(Tag::kQ, GUMBO_TAG_Q));
static_assert(Same(Tag::kDfn, GUMBO_TAG_DFN));
static_assert(Same(Tag::kAbbr, GUMBO_TAG_ABBR));
static_assert(Same(Tag::kData, GUMBO_TAG_DATA));
static_assert(Same(Tag::kTime, GUMBO_TAG_TIME));
static_assert(Same(Tag::kCode, GUMBO_TAG_CODE));
static_assert(Same(Tag::kVar, GUMBO_TAG_VAR));
static_assert(Same(Tag::kSamp, GUMBO_TAG_SAMP));
static_assert(Same(Tag::kKbd, GUMBO_TAG_KBD));
static_assert(Same(Tag::kSub, GUMBO_TAG_SUB));
static_assert(Same(Tag::kSup, GUMBO_TAG_SUP));
static_assert(Same(Tag::kI, GUMBO_TAG_I));
static_assert(Same(Tag::kB, GUMBO_TAG_B));
static_assert(Same(Tag::kU, GUMBO_TAG_U));
static_assert(Same(Tag::kMark, GUMBO_TAG_MARK));
static_assert(Same(Tag::kRuby, GUMBO_TAG_RUBY));
static_assert(Same(Tag::kRt, GUMBO_TAG_RT));
static_assert(Same(Tag::kRp, GUMBO_TAG_RP));
static_assert(Same(Tag::kBdi, GUMBO_TAG_BDI));
static_assert(Same(Tag::kBdo, GUMBO_TAG_BDO));
static_assert(Same(Tag::kSpan, GUMBO_TAG_SPAN));
static_assert(Same(Tag::kBr, GUMBO_TAG_BR));
static_assert(Same(Tag::kWbr, GUMBO_TAG_WBR));
static_assert(Same(Tag::kIns, GUMBO_TAG_INS));
static_assert(Same(Tag::kDel, GUMBO_TAG_DEL));
static_assert(Same(Tag::kImage, GUMBO_TAG_IMAGE));
static_assert(Same(Tag::kImg, GUMBO_TAG_IMG));
static_assert(Same(Tag::kIframe, GUMBO_TAG_IFRAME));
static_assert(Same(Tag::kEmbed, GUMBO_TAG_EMBED));
static_assert(Same(Tag::kObject, GUMBO_TAG_OBJECT));
static_assert(Same(Tag::kParam, GUMBO_TAG_PARAM));
static_assert(Same(Tag::kVideo, GUMBO_TAG_VIDEO));
static_assert(Same(Tag::kAudio, GUMBO_TAG_AUDIO));
static_assert(Same(Tag::kSource, GUMBO_TAG_SOURCE));
static_assert(Same(Tag::kTrack, GUMBO_TAG_TRACK));
static_assert(Same(Tag::kCanvas, GUMBO_TAG_CANVAS));
static_assert(Same(Tag::kMap, GUMBO_TAG_MAP));
static_assert(Same(Tag::kArea, GUMBO_TAG_AREA));
static_assert(Same(Tag::kMath, GUMBO_TAG_MATH));
static_assert(Same(Tag::kMi, GUMBO_TAG_MI));
static_assert(Same(Tag::kMo, GUMBO_TAG_MO));
static_assert(Same(Tag::kMn, GUMBO_TAG_MN));
static_assert(Same(Tag::kMs, GUMBO_TAG_MS));
static_assert(Same(Tag::kMtext, GUMBO_TAG_MTEXT));
static_assert(Same(Tag::kMglyph, GUMBO_TAG_MGLYPH));
static_assert(Same(Tag::kMalignmark, GUMBO_TAG_MALIGNMARK));
static_assert(Same(Tag::kAnnotationXml, GUMBO_TAG_ANNOTATION_XML));
static_assert(Same(Tag::kSvg, GUMBO_TAG_SVG));
static_assert(Same(Tag::kForeignobject, GUMBO_TAG_FOREIGNOBJECT));
static_assert(Same(Tag::kDesc, GUMBO_TAG_DESC));
static_assert(Same(Tag::kTable, GUMBO_TAG_TABLE));
static_assert(Same(Tag::kCaption, GUMBO_TAG_CAPTION));
static_assert(Same(Tag::kColgroup, GUMBO_TAG_COLGROUP));
static_assert(Same(Tag::kCol, GUMBO_TAG_COL));
static_assert(Same(Tag::kTbody, GUMBO_TAG_TBODY));
static_assert(Same(Tag::kThead, GUMBO_TAG_THEAD));
static_assert(Same(Tag::kTfoot, GUMBO_TAG_TFOOT));
static_assert(Same(Tag::kTr, GUMBO_TAG_TR));
static_assert(Same(Tag::kTd, GUMBO_TAG_TD));
static_assert(Same(Tag::kTh, GUMBO_TAG_TH));
static_assert(Same(Tag::kForm, GUMBO_TAG_FORM));
static_assert(Same(Tag::kFieldset, GUMBO_TAG_FIELDSET));
static_assert(Same(Tag::kLegend, GUMBO_TAG_LEGEND));
static_assert(Same(Tag::kLabel, GUMBO_TAG_LABEL));
static_assert(Same(Tag::kInput, GUMBO_TAG_INPUT));
static_assert(Same(Tag::kButton, GUMBO_TAG_BUTTON));
static_assert(Same(Tag::kSelect, GUMBO_TAG_SELECT));
static_assert(Same(Tag::kDatalist, GUMBO_TAG_DATALIST));
static_assert(Same(Tag::kOptgroup, GUMBO_TAG_OPTGROUP));
static_assert(Same(Tag::kOption, GUMBO_TAG_OPTION));
static_assert(Same(Tag::kTextarea, GUMBO_TAG_TEXTAREA));
static_assert(Same(Tag::kKeygen, GUMBO_TAG_KEYGEN));
static_assert(Same(Tag::kOutput, GUMBO_TAG_OUTPUT));
static_assert(Same(Tag::kProgress, GUMBO_TAG_PROGRESS));
static_assert(Same(Tag::kMeter, GUMBO_TAG_METER));
static_assert(Same(Tag::kDetails, GUMBO_TAG_DETAILS));
static_assert(Same(Tag::kSummary, GUMBO_TAG_SUMMARY));
static_assert(Same(Tag::kMenu, GUMBO_TAG_MENU));
static_assert(Same(Tag::kMenuitem, GUMBO_TAG_MENUITEM));
static_assert(Same(Tag::kApplet, GUMBO_TAG_APPLET));
static_assert(Same(Tag::kAcronym, GUMBO_TAG_ACRONYM));
static_assert(Same(Tag::kBgsound, GUMBO_TAG_BGSOUND));
static_assert(Same(Tag::kDir, GUMBO_TAG_DIR));
static_assert(Same(Tag::kFrame, GUMBO_TAG_FRAME));
static_assert(Same(Tag::kFrameset, GUMBO_TAG_FRAMESET));
static_assert(Same(Tag::kNoframes, GUMBO_TAG_NOFRAMES));
static_assert(Same(Tag::kIsindex, GUMBO_TAG_ISINDEX));
static_assert(Same(Tag::kListing, GUMBO_TAG_LISTING));
static_assert(Same(Tag::kXmp, GUMBO_TAG_XMP));
static_assert(Same(Tag::kNextid, GUMBO_TAG_NEXTID));
static_assert(Same(Tag::kNoembed, GUMBO_TAG_NOEMBED));
static_assert(Same(Tag::kPlaintext, GUMBO_TAG_PLAINTEXT));
static_assert(Same(Tag::kRb, GUMBO_TAG_RB));
static_assert(Same(Tag::kStrike, GUMBO_TAG_STRIKE));
static_assert(Same(Tag::kBasefont, GUMBO_TAG_BASEFONT));
static_assert(Same(Tag::kBig, GUMBO_TAG_BIG));
static_assert(Same(Tag::kBlink, GUMBO_TAG_BLINK));
static_assert(Same(Tag::kCenter, GUMBO_TAG_CENTER));
static_assert(Same(Tag::kFont, GUMBO_TAG_FONT));
static_assert(Same(Tag::kMarquee, GUMBO_TAG_MARQUEE));
static_assert(Same(Tag::kMulticol, GUMBO_TAG_MULTICOL));
static_assert(Same(Tag::kNobr, GUMBO_TAG_NOBR));
static_assert(Same(Tag::kSpacer, GUMBO_TAG_SPACER));
static_assert(Same(Tag::kTt, GUMBO_TAG_TT));
static_assert(Same(Tag::kRtc, GUMBO_TAG_RTC));
static_assert(Same(Tag::kUnknown, GUMBO_TAG_UNKNOWN));

}  // namespace

std::string_view TagName(Tag tag) {
  if (static_cast<int>(tag) >= static_cast<int>(GUMBO_TAG_UNKNOWN)) return {};
  return gumbo_normalized_tagname(static_cast<GumboTag>(tag));
}

}  // namespace winnow
