// Copyright winnow authors. Licensed under the MIT licence.

#include "parse/prestrip_tags.h"

#include "parse/scanner.h"

namespace winnow {
namespace prestrip {
namespace {


constexpr uint16_t kSafe = kNoscriptSafeInHead | kNoscriptSafeInBody;

constexpr TagInfo kTags[] = {
    {"script", TagId::kScript, kHeadElement | kNoscriptSafeInBody},
    {"style", TagId::kStyle, kRawText | kHeadElement | kSafe},
    {"svg", TagId::kSvg, 0},
    {"template", TagId::kTemplate, kHeadElement},
    {"noscript", TagId::kNoscript, kHeadElement},
    {"plaintext", TagId::kPlaintext, 0},
    {"body", TagId::kBody, kBreakout},
    {"xmp", TagId::kOther, kRawText},
    {"iframe", TagId::kOther, kRawText | kNoscriptSafeInBody},
    {"noembed", TagId::kOther, kRawText},
    {"noframes", TagId::kOther, kRawText | kHeadElement},
    {"title", TagId::kOther, kRcdata | kHeadElement | kIntegration},
    {"textarea", TagId::kOther, kRcdata},
    {"html", TagId::kOther, kHeadElement},
    {"head", TagId::kOther, kHeadElement | kBreakout},
    {"base", TagId::kOther, kVoid | kHeadElement},
    {"basefont", TagId::kOther, kVoid | kHeadElement | kSafe},
    {"bgsound", TagId::kOther, kVoid | kHeadElement | kSafe},
    {"link", TagId::kOther, kVoid | kHeadElement | kSafe},
    {"meta", TagId::kOther, kVoid | kHeadElement | kBreakout | kSafe},
    {"img", TagId::kOther, kVoid | kBreakout | kNoscriptSafeInBody},
    {"picture", TagId::kOther, kNoscriptSafeInBody},
    {"source", TagId::kOther, kVoid | kNoscriptSafeInBody},
    {"span", TagId::kOther, kBreakout | kNoscriptSafeInBody},
    {"br", TagId::kOther, kVoid | kBreakout | kNoscriptSafeInBody},
    {"desc", TagId::kOther, kIntegration},
    {"foreignobject", TagId::kOther, kIntegration},
    {"b", TagId::kOther, kBreakout | kFormatting},
    {"big", TagId::kOther, kBreakout | kFormatting},
    {"blockquote", TagId::kOther, kBreakout},
    {"center", TagId::kOther, kBreakout},
    {"code", TagId::kOther, kBreakout | kFormatting},
    {"dd", TagId::kOther, kBreakout},
    {"div", TagId::kOther, kBreakout},
    {"dl", TagId::kOther, kBreakout},
    {"dt", TagId::kOther, kBreakout},
    {"em", TagId::kOther, kBreakout | kFormatting},
    {"embed", TagId::kOther, kVoid | kBreakout},
    {"h1", TagId::kOther, kBreakout},
    {"h2", TagId::kOther, kBreakout},
    {"h3", TagId::kOther, kBreakout},
    {"h4", TagId::kOther, kBreakout},
    {"h5", TagId::kOther, kBreakout},
    {"h6", TagId::kOther, kBreakout},
    {"hr", TagId::kOther, kVoid | kBreakout},
    {"i", TagId::kOther, kBreakout | kFormatting},
    {"li", TagId::kOther, kBreakout},
    {"listing", TagId::kOther, kBreakout | kPreformatted},
    {"menu", TagId::kOther, kBreakout},
    {"nobr", TagId::kOther, kBreakout | kFormatting},
    {"ol", TagId::kOther, kBreakout},
    {"p", TagId::kOther, kBreakout},
    {"pre", TagId::kOther, kBreakout | kPreformatted},
    {"ruby", TagId::kOther, kBreakout},
    {"s", TagId::kOther, kBreakout | kFormatting},
    {"small", TagId::kOther, kBreakout | kFormatting},
    {"strong", TagId::kOther, kBreakout | kFormatting},
    {"strike", TagId::kOther, kBreakout | kFormatting},
    {"sub", TagId::kOther, kBreakout},
    {"sup", TagId::kOther, kBreakout},
    {"table", TagId::kOther, kBreakout},
    {"tt", TagId::kOther, kBreakout | kFormatting},
    {"u", TagId::kOther, kBreakout | kFormatting},
    {"ul", TagId::kOther, kBreakout},
    {"var", TagId::kOther, kBreakout},
    {"font", TagId::kOther, kBreakout | kFormatting},
    {"area", TagId::kOther, kVoid},
    {"col", TagId::kOther, kVoid},
    {"input", TagId::kOther, kVoid},
    {"keygen", TagId::kOther, kVoid},
    {"param", TagId::kOther, kVoid},
    {"track", TagId::kOther, kVoid},
    {"wbr", TagId::kOther, kVoid},
};

constexpr TagInfo kOtherTag = {"", TagId::kOther, 0};

// A small open-addressing table from lower-case name to TagInfo, built once.
// Tags are the commonest token, so the lookup must cost a few nanoseconds.
class TagTable {
 public:
  static const TagTable& Get() {
    static const TagTable table;
    return table;
  }

  // `lower` is the lower-cased name.
  const TagInfo& Find(std::string_view lower) const {
    if (lower.empty() || lower.size() > kMaxName) return kOtherTag;
    for (uint32_t h = Hash(lower);; h = (h + 1) & (kSlots - 1)) {
      const TagInfo* t = slots_[h];
      if (t == nullptr) return kOtherTag;
      if (lower == t->name) return *t;
    }
  }

  static constexpr size_t kMaxName = 15;

 private:
  static constexpr uint32_t kSlots = 256;

  static uint32_t Hash(std::string_view s) {
    uint32_t h = static_cast<uint32_t>(s.size()) * 0x9E3779B1u;
    h ^= static_cast<unsigned char>(s[0]) * 0x85EBCA6Bu;
    h ^= static_cast<unsigned char>(s[s.size() - 1]) * 0xC2B2AE35u;
    if (s.size() > 2) h ^= static_cast<unsigned char>(s[1]) * 0x27D4EB2Fu;
    return (h ^ (h >> 15)) & (kSlots - 1);
  }

  TagTable() {
    for (const TagInfo& t : kTags) {
      uint32_t h = Hash(t.name);
      while (slots_[h] != nullptr) h = (h + 1) & (kSlots - 1);
      slots_[h] = &t;
    }
  }

  const TagInfo* slots_[kSlots] = {};
};

}  // namespace

// Looks up a tag name as written (any case).
const TagInfo& Identify(std::string_view raw) {
  char buf[TagTable::kMaxName];
  if (raw.size() > sizeof(buf)) return kOtherTag;
  for (size_t k = 0; k < raw.size(); ++k) buf[k] = AsciiLower(raw[k]);
  return TagTable::Get().Find(std::string_view(buf, raw.size()));
}

}  // namespace prestrip
}  // namespace winnow
