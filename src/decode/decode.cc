// Copyright winnow authors. Licensed under the MIT licence.

#include "decode/decode.h"

#include <errno.h>
#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "decode/utf8_scan.h"
#include "util/ascii.h"
#include "util/utf8.h"

namespace winnow {
namespace {

using decode_internal::LooksLikeUtf8;
using decode_internal::RepairUtf8Into;
using decode_internal::ScanUtf8;
using decode_internal::SkipAscii;
using decode_internal::Utf8Scan;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// The HTML standard's prescan looks at no more than this; a meta further in
// is ignored by browsers too, so honouring it would decode differently.
constexpr size_t kPrescanBytes = 1024;

// uchardet is by far the slowest step (a few MB/s, under 2 MB/s on binary
// junk) and its verdict rarely changes after some kilobytes of text, so it
// sees at most this much: about 10 ms per undeclared legacy page.
constexpr size_t kDetectorMaxBytes = 64 << 10;
// Pages are often kilobytes of ASCII markup before the first non-ASCII byte.
// Starting the detector a little before that byte spends its budget on text.
constexpr size_t kDetectorLeadIn = 4096;

// A UTF-8 label is overruled by the detector only on this many invalid
// sequences: on a handful of stray bytes its verdict is a guess, and a
// wrong guess garbles every other character of the page.
constexpr size_t kMinErrorsAgainstUtf8Label = 4;

// ---------------------------------------------------------------------------
// Encodings and their labels.

enum class Kind {
  kUtf8,         // used in place, or copied and repaired; never iconv
  kWindows1252,  // table below: the commonest legacy encoding, and glibc's
                 // CP1252 rejects five bytes that WHATWG maps to C1 controls
  kIconv,
};

struct Encoding {
  const char* name;   // WHATWG name, reported in Decoded::encoding
  const char* iconv;  // glibc name actually used to decode
  Kind kind;
  // EILSEQ skips this many bytes: UTF-16 must stay aligned on code units.
  size_t unit;
  // Every byte below 0x80 decodes to itself, so pure ASCII is a copy.
  bool ascii_identity;
  const char* labels;  // WHATWG labels, space separated, lower case
};

// The WHATWG Encoding Standard's table. Deliberate departures:
//  * Shift_JIS decodes through CP932 and EUC-KR through CP949 because those
//    (windows-31j and UHC) are what the standard's indexes describe; glibc's
//    SHIFT_JIS turns 0x5C into a yen sign.
//  * GBK decodes as GB18030 (a superset), as browsers do.
//  * ISO-2022-JP decodes through ISO-2022-JP-2, whose decoder accepts the
//    half-width katakana escape that the standard allows; glibc's
//    ISO-2022-JP passes it through as raw ESC bytes.
//  * x-user-defined maps to windows-1252: its real mapping sends every high
//    byte to the private use area, which is useless as extracted text.
//  * The "replacement" labels (iso-2022-kr, hz-gb-2312, ...) are unknown
//    here: browsers discard such documents for XSS safety, which buys an
//    extractor nothing, so they fall through to the detector instead.
constexpr Encoding kEncodings[] = {
    {"UTF-8", "UTF-8", Kind::kUtf8, 1, true,
     "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 "
     "x-unicode20utf8"},
    {"IBM866", "IBM866", Kind::kIconv, 1, true, "866 cp866 csibm866 ibm866"},
    {"ISO-8859-2", "ISO-8859-2", Kind::kIconv, 1, true,
     "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
     "iso_8859-2:1987 l2 latin2"},
    {"ISO-8859-3", "ISO-8859-3", Kind::kIconv, 1, true,
     "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
     "iso_8859-3:1988 l3 latin3"},
    {"ISO-8859-4", "ISO-8859-4", Kind::kIconv, 1, true,
     "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
     "iso_8859-4:1988 l4 latin4"},
    {"ISO-8859-5", "ISO-8859-5", Kind::kIconv, 1, true,
     "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
     "iso_8859-5 iso_8859-5:1988"},
    {"ISO-8859-6", "ISO-8859-6", Kind::kIconv, 1, true,
     "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
     "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 "
     "iso_8859-6 iso_8859-6:1987"},
    {"ISO-8859-7", "ISO-8859-7", Kind::kIconv, 1, true,
     "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
     "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"},
    {"ISO-8859-8", "ISO-8859-8", Kind::kIconv, 1, true,
     "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e "
     "iso-ir-138 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual"},
    {"ISO-8859-8-I", "ISO-8859-8", Kind::kIconv, 1, true,
     "csiso88598i iso-8859-8-i logical"},
    {"ISO-8859-10", "ISO-8859-10", Kind::kIconv, 1, true,
     "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
    {"ISO-8859-13", "ISO-8859-13", Kind::kIconv, 1, true,
     "iso-8859-13 iso8859-13 iso885913"},
    {"ISO-8859-14", "ISO-8859-14", Kind::kIconv, 1, true,
     "iso-8859-14 iso8859-14 iso885914"},
    {"ISO-8859-15", "ISO-8859-15", Kind::kIconv, 1, true,
     "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
    {"ISO-8859-16", "ISO-8859-16", Kind::kIconv, 1, true, "iso-8859-16"},
    {"KOI8-R", "KOI8-R", Kind::kIconv, 1, true,
     "cskoi8r koi koi8 koi8-r koi8_r"},
    {"KOI8-U", "KOI8-U", Kind::kIconv, 1, true, "koi8-ru koi8-u"},
    {"macintosh", "MACINTOSH", Kind::kIconv, 1, true,
     "csmacintosh mac macintosh x-mac-roman"},
    {"windows-874", "WINDOWS-874", Kind::kIconv, 1, true,
     "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
    {"windows-1250", "CP1250", Kind::kIconv, 1, true,
     "cp1250 windows-1250 x-cp1250"},
    {"windows-1251", "CP1251", Kind::kIconv, 1, true,
     "cp1251 windows-1251 x-cp1251"},
    {"windows-1252", "CP1252", Kind::kWindows1252, 1, true,
     "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 "
     "iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 "
     "us-ascii windows-1252 x-cp1252 x-user-defined"},
    {"windows-1253", "CP1253", Kind::kIconv, 1, true,
     "cp1253 windows-1253 x-cp1253"},
    {"windows-1254", "CP1254", Kind::kIconv, 1, true,
     "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 "
     "iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"},
    {"windows-1255", "CP1255", Kind::kIconv, 1, true,
     "cp1255 windows-1255 x-cp1255"},
    {"windows-1256", "CP1256", Kind::kIconv, 1, true,
     "cp1256 windows-1256 x-cp1256"},
    {"windows-1257", "CP1257", Kind::kIconv, 1, true,
     "cp1257 windows-1257 x-cp1257"},
    {"windows-1258", "CP1258", Kind::kIconv, 1, true,
     "cp1258 windows-1258 x-cp1258"},
    {"x-mac-cyrillic", "MAC-CYRILLIC", Kind::kIconv, 1, true,
     "x-mac-cyrillic x-mac-ukrainian"},
    {"GBK", "GB18030", Kind::kIconv, 1, true,
     "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk "
     "iso-ir-58 x-gbk"},
    {"gb18030", "GB18030", Kind::kIconv, 1, true, "gb18030"},
    {"Big5", "BIG5-HKSCS", Kind::kIconv, 1, true,
     "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
    {"EUC-JP", "EUC-JP", Kind::kIconv, 1, true,
     "cseucpkdfmtjapanese euc-jp x-euc-jp"},
    {"ISO-2022-JP", "ISO-2022-JP-2", Kind::kIconv, 1, false,
     "csiso2022jp iso-2022-jp"},
    {"Shift_JIS", "CP932", Kind::kIconv, 1, true,
     "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j "
     "x-sjis"},
    {"EUC-KR", "CP949", Kind::kIconv, 1, true,
     "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 "
     "ks_c_5601-1989 ksc5601 ksc_5601 windows-949"},
    {"UTF-16BE", "UTF-16BE", Kind::kIconv, 2, false, "unicodefffe utf-16be"},
    {"UTF-16LE", "UTF-16LE", Kind::kIconv, 2, false,
     "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"},
};

const Encoding* FindByName(std::string_view name) {
  for (const Encoding& e : kEncodings) {
    if (name == e.name) return &e;
  }
  return nullptr;
}

const Encoding& Utf8Encoding() {
  static const Encoding* const e = FindByName("UTF-8");
  return *e;
}
const Encoding& Windows1252Encoding() {
  static const Encoding* const e = FindByName("windows-1252");
  return *e;
}

bool IsAsciiWhitespace(unsigned char c) {
  return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string_view TrimAsciiWhitespace(std::string_view s) {
  while (!s.empty() && IsAsciiWhitespace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiWhitespace(s.back())) s.remove_suffix(1);
  return s;
}

// "Get an encoding" from the Encoding Standard: trims, folds case, looks up.
// Returns nullptr for an unknown label.
const Encoding* ResolveLabel(std::string_view label) {
  using Map = std::unordered_map<std::string_view, const Encoding*>;
  static const Map* const kMap = [] {
    auto* map = new Map;
    for (const Encoding& e : kEncodings) {
      std::string_view rest = e.labels;
      while (!rest.empty()) {
        size_t space = rest.find(' ');
        std::string_view one = rest.substr(0, space);
        if (!one.empty()) map->emplace(one, &e);
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
      }
    }
    return map;
  }();
  label = TrimAsciiWhitespace(label);
  // The longest label is 19 bytes; anything much longer is junk, and the
  // bound keeps the lower-casing buffer on the stack.
  char lower[48];
  if (label.empty() || label.size() > sizeof(lower)) return nullptr;
  for (size_t i = 0; i < label.size(); ++i) lower[i] = AsciiLower(label[i]);
  auto it = kMap->find(std::string_view(lower, label.size()));
  return it == kMap->end() ? nullptr : it->second;
}

// ---------------------------------------------------------------------------
// The windows-1252 decoder.

// 0x80..0x9F; 0xA0..0xFF equal their code points. Undefined bytes map to
// the C1 control of the same value, as the Encoding Standard's index does.
constexpr uint16_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void DecodeWindows1252(std::string_view in, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  out->clear();
  out->reserve(n + n / 4 + 16);
  size_t pos = 0;
  while (pos < n) {
    const size_t run_end = SkipAscii(p, pos, n, /*stop_at_nul=*/false);
    out->append(in.data() + pos, run_end - pos);
    pos = run_end;
    if (pos >= n) break;
    const unsigned char c = p[pos++];
    AppendUtf8(c < 0xA0 ? kWindows1252High[c - 0x80] : c, out);
  }
}

// ---------------------------------------------------------------------------
// iconv.

// iconv_open's failure value; a function because the cast is not constexpr.
iconv_t BadIconv() { return reinterpret_cast<iconv_t>(-1); }

// iconv_open loads and initialises a gconv module each time, which costs
// more than decoding a typical page; a few converters per thread cover
// nearly every crawl.
class IconvCache {
 public:
  IconvCache() = default;
  IconvCache(const IconvCache&) = delete;
  IconvCache& operator=(const IconvCache&) = delete;
  ~IconvCache() {
    for (Entry& e : entries_) {
      if (e.cd != BadIconv()) iconv_close(e.cd);
    }
  }

  // Returns a converter from `from` to UTF-8 in its initial state, or
  // BadIconv() if glibc does not know the encoding.
  iconv_t Get(const char* from) {
    for (Entry& e : entries_) {
      if (e.cd != BadIconv() && e.name == from) {
        iconv(e.cd, nullptr, nullptr, nullptr, nullptr);
        return e.cd;
      }
    }
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == BadIconv()) return cd;
    Entry& slot = entries_[next_];
    next_ = (next_ + 1) % kSlots;
    if (slot.cd != BadIconv()) iconv_close(slot.cd);
    slot.name = from;
    slot.cd = cd;
    return cd;
  }

 private:
  static constexpr size_t kSlots = 6;
  struct Entry {
    std::string name;
    iconv_t cd = BadIconv();
  };
  Entry entries_[kSlots];
  size_t next_ = 0;
};

IconvCache& ThreadIconvCache() {
  thread_local IconvCache cache;
  return cache;
}

// Converts `in` from `from` to UTF-8 into `out`, replacing each invalid or
// unconvertible sequence by U+FFFD and resuming after it; `unit` is how many
// bytes an invalid sequence skips. Returns false only if glibc cannot open
// the converter at all.
bool ConvertWithIconv(const char* from, size_t unit, std::string_view in,
                      std::string* out, size_t* replaced) {
  iconv_t cd = ThreadIconvCache().Get(from);
  if (cd == BadIconv()) return false;

  std::string& o = *out;
  o.resize(std::max<size_t>(64, in.size() + in.size() / 2));
  size_t written = 0;
  // Room for a U+FFFD or a shift-state flush without another round trip.
  auto reserve = [&](size_t need) {
    if (o.size() - written < need)
      o.resize(std::max(o.size() * 2, written + need));
  };

  char* src = const_cast<char*>(in.data());  // iconv's API is not const
  size_t src_left = in.size();
  while (src_left > 0) {
    char* dst = o.data() + written;
    size_t dst_left = o.size() - written;
    const size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    const int err = errno;
    written = static_cast<size_t>(dst - o.data());
    if (rc != static_cast<size_t>(-1)) break;
    if (err == E2BIG) {
      // Doubling keeps the total copying linear.
      o.resize(o.size() * 2);
      continue;
    }
    reserve(kReplacement.size());
    std::memcpy(o.data() + written, kReplacement.data(), kReplacement.size());
    written += kReplacement.size();
    ++*replaced;
    // EINVAL is an incomplete sequence at the very end: one U+FFFD for it.
    // Anything else (EILSEQ) skips one unit and lets the decoder resync, so
    // an ASCII byte after a bad lead byte survives, as in browsers.
    const size_t skip = err == EINVAL ? src_left : std::min(unit, src_left);
    src += skip;
    src_left -= skip;
  }
  // Stateful decoders (ISO-2022-JP) may hold output until told the input
  // has ended.
  for (;;) {
    reserve(64);
    char* dst = o.data() + written;
    size_t dst_left = o.size() - written;
    const size_t rc = iconv(cd, nullptr, nullptr, &dst, &dst_left);
    written = static_cast<size_t>(dst - o.data());
    if (rc != static_cast<size_t>(-1) || errno != E2BIG) break;
    o.resize(o.size() * 2);
  }
  o.resize(written);
  return true;
}

// ---------------------------------------------------------------------------
// Evidence: HTTP charset parameter.

bool IsHttpWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Returns the value of the first charset parameter of a Content-Type value,
// or "" if there is none. Quoted values are unescaped into `storage`.
std::string_view HttpCharset(std::string_view content_type,
                             std::string* storage) {
  const size_t n = content_type.size();
  size_t pos = content_type.find(';');
  if (pos == std::string_view::npos) return {};
  ++pos;
  while (pos < n) {
    while (pos < n &&
           (IsHttpWhitespace(content_type[pos]) || content_type[pos] == ';')) {
      ++pos;
    }
    const size_t name_start = pos;
    while (pos < n && content_type[pos] != '=' && content_type[pos] != ';') {
      ++pos;
    }
    std::string_view name = content_type.substr(name_start, pos - name_start);
    while (!name.empty() && IsHttpWhitespace(name.back())) {
      name.remove_suffix(1);
    }
    if (pos >= n || content_type[pos] == ';') continue;
    ++pos;  // '='
    while (pos < n && IsHttpWhitespace(content_type[pos])) ++pos;
    std::string_view value;
    if (pos < n && content_type[pos] == '"') {
      storage->clear();
      ++pos;
      while (pos < n && content_type[pos] != '"') {
        if (content_type[pos] == '\\' && pos + 1 < n) ++pos;
        storage->push_back(content_type[pos++]);
      }
      value = *storage;
      while (pos < n && content_type[pos] != ';') ++pos;
    } else {
      const size_t value_start = pos;
      while (pos < n && content_type[pos] != ';') ++pos;
      value = content_type.substr(value_start, pos - value_start);
    }
    bool is_charset = name.size() == 7;
    for (size_t i = 0; is_charset && i < 7; ++i) {
      is_charset = AsciiLower(name[i]) == "charset"[i];
    }
    if (is_charset) return value;
  }
  return {};
}

// ---------------------------------------------------------------------------
// Evidence: the HTML standard's prescan for <meta>.

bool StartsWithAt(std::string_view s, size_t pos, std::string_view prefix) {
  if (s.size() - pos < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[pos + i]) != prefix[i]) return false;
  }
  return true;
}

enum class AttrResult { kAttribute, kNone, kEndOfInput };

// "Get an attribute" from the prescan algorithm: names and values come back
// lower-cased; `*pos` is left after the attribute.
AttrResult GetAttribute(std::string_view s, size_t* pos, std::string* name,
                        std::string* value) {
  const size_t n = s.size();
  size_t p = *pos;
  name->clear();
  value->clear();
  while (p < n && (IsAsciiWhitespace(s[p]) || s[p] == '/')) ++p;
  *pos = p;
  if (p >= n) return AttrResult::kEndOfInput;
  if (s[p] == '>') return AttrResult::kNone;

  bool has_value = false;
  for (;;) {
    if (p >= n) return AttrResult::kEndOfInput;
    const char c = s[p];
    if (c == '=' && !name->empty()) {
      ++p;
      has_value = true;
      break;
    }
    if (IsAsciiWhitespace(c)) break;
    if (c == '/' || c == '>') {
      *pos = p;
      return AttrResult::kAttribute;
    }
    name->push_back(AsciiLower(c));
    ++p;
  }
  if (!has_value) {
    while (p < n && IsAsciiWhitespace(s[p])) ++p;
    if (p >= n) return AttrResult::kEndOfInput;
    if (s[p] != '=') {
      *pos = p;
      return AttrResult::kAttribute;
    }
    ++p;
  }
  while (p < n && IsAsciiWhitespace(s[p])) ++p;
  if (p >= n) return AttrResult::kEndOfInput;
  if (s[p] == '"' || s[p] == '\'') {
    const char quote = s[p++];
    while (p < n && s[p] != quote) value->push_back(AsciiLower(s[p++]));
    if (p >= n) return AttrResult::kEndOfInput;
    *pos = p + 1;
    return AttrResult::kAttribute;
  }
  while (p < n && !IsAsciiWhitespace(s[p]) && s[p] != '>') {
    value->push_back(AsciiLower(s[p++]));
  }
  if (p >= n) return AttrResult::kEndOfInput;
  *pos = p;
  return AttrResult::kAttribute;
}

// "Extract a character encoding from a meta element" for a content value
// such as "text/html; charset=Shift_JIS".
const Encoding* CharsetFromContent(std::string_view v) {
  const size_t n = v.size();
  size_t p = 0;
  for (;;) {
    const size_t found = v.find("charset", p);
    if (found == std::string_view::npos) return nullptr;
    p = found + 7;
    while (p < n && IsAsciiWhitespace(v[p])) ++p;
    if (p >= n || v[p] != '=') continue;
    ++p;
    while (p < n && IsAsciiWhitespace(v[p])) ++p;
    if (p >= n) return nullptr;
    if (v[p] == '"' || v[p] == '\'') {
      const size_t close = v.find(v[p], p + 1);
      if (close == std::string_view::npos) return nullptr;
      return ResolveLabel(v.substr(p + 1, close - p - 1));
    }
    size_t end = p;
    while (end < n && !IsAsciiWhitespace(v[end]) && v[end] != ';') ++end;
    return ResolveLabel(v.substr(p, end - p));
  }
}

// Handles one <meta ...> whose attributes start at `*pos`. Returns the
// declared encoding, or nullptr if this meta declares none usable. Sets
// `*eof` when the input ran out mid-tag, which ends the prescan.
const Encoding* ProcessMeta(std::string_view s, size_t* pos, bool* eof) {
  enum class Pragma { kNull, kFalse, kTrue };
  std::vector<std::string> seen;
  std::string name;
  std::string value;
  bool got_pragma = false;
  Pragma need_pragma = Pragma::kNull;
  bool charset_set = false;  // "charset is not null" (may still be failure)
  const Encoding* charset = nullptr;
  for (;;) {
    const AttrResult r = GetAttribute(s, pos, &name, &value);
    if (r == AttrResult::kEndOfInput) {
      *eof = true;
      return nullptr;
    }
    if (r == AttrResult::kNone) break;
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
    seen.push_back(name);
    if (name == "http-equiv") {
      if (value == "content-type") got_pragma = true;
    } else if (name == "content") {
      const Encoding* e = CharsetFromContent(value);
      if (e != nullptr && !charset_set) {
        charset = e;
        charset_set = true;
        need_pragma = Pragma::kTrue;
      }
    } else if (name == "charset") {
      if (!charset_set) {
        charset = ResolveLabel(value);
        charset_set = true;
        need_pragma = Pragma::kFalse;
      }
    }
  }
  if (need_pragma == Pragma::kNull) return nullptr;
  if (need_pragma == Pragma::kTrue && !got_pragma) return nullptr;
  if (charset == nullptr) return nullptr;
  // A document whose bytes reached the prescan as ASCII cannot be UTF-16.
  if (charset->unit == 2) return &Utf8Encoding();
  return charset;
}

const Encoding* PrescanMeta(std::string_view s) {
  s = s.substr(0, std::min(s.size(), kPrescanBytes));
  const size_t n = s.size();
  size_t p = 0;
  std::string scratch_name;
  std::string scratch_value;
  while (p < n) {
    if (s[p] != '<') {
      ++p;
      continue;
    }
    if (StartsWithAt(s, p, "<!--")) {
      // The comment ends at the first "-->" whose '>' follows the "<!", so
      // "<!-->" is a whole comment.
      const size_t end = s.find("-->", p + 2);
      if (end == std::string_view::npos) return nullptr;
      p = end + 3;
      continue;
    }
    if (StartsWithAt(s, p, "<meta") && p + 5 < n &&
        (IsAsciiWhitespace(s[p + 5]) || s[p + 5] == '/')) {
      p += 5;
      bool eof = false;
      const Encoding* e = ProcessMeta(s, &p, &eof);
      if (e != nullptr) return e;
      if (eof) return nullptr;
      ++p;
      continue;
    }
    if (p + 1 < n && (IsAsciiAlpha(s[p + 1]) || (s[p + 1] == '/' && p + 2 < n &&
                                                 IsAsciiAlpha(s[p + 2])))) {
      // Skip another tag with its attributes, so that "<meta" inside an
      // attribute value is not mistaken for a tag.
      while (p < n && !IsAsciiWhitespace(s[p]) && s[p] != '>') ++p;
      AttrResult r;
      do {
        r = GetAttribute(s, &p, &scratch_name, &scratch_value);
      } while (r == AttrResult::kAttribute);
      if (r == AttrResult::kEndOfInput) return nullptr;
      ++p;
      continue;
    }
    if (p + 1 < n && (s[p + 1] == '!' || s[p + 1] == '/' || s[p + 1] == '?')) {
      const size_t end = s.find('>', p + 2);
      if (end == std::string_view::npos) return nullptr;
      p = end + 1;
      continue;
    }
    ++p;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// Evidence: uchardet.

// Runs uchardet over (a window of) `bytes`; returns its verdict, possibly "".
std::string DetectCharset(std::string_view bytes) {
  // A fresh detector allocates dozens of probers; reuse one per thread.
  struct Holder {
    uchardet_t ud = nullptr;
    ~Holder() {
      if (ud != nullptr) uchardet_delete(ud);
    }
  };
  thread_local Holder holder;
  if (holder.ud == nullptr) {
    holder.ud = uchardet_new();
    if (holder.ud == nullptr) return "";
  } else {
    uchardet_reset(holder.ud);
  }
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t first = SkipAscii(p, 0, bytes.size(), /*stop_at_nul=*/false);
  if (first == bytes.size()) first = 0;  // 7-bit: ISO-2022 escapes
  const size_t start = first > kDetectorLeadIn ? first - kDetectorLeadIn : 0;
  const size_t len = std::min(bytes.size() - start, kDetectorMaxBytes);
  uchardet_handle_data(holder.ud, bytes.data() + start, len);
  uchardet_data_end(holder.ud);
  const char* name = uchardet_get_charset(holder.ud);
  return name == nullptr ? std::string() : std::string(name);
}

// Maps a uchardet name to an encoding. uchardet speaks iconv-style names,
// not WHATWG labels, and knows a few encodings WHATWG lacks; those are
// decoded by iconv under uchardet's own name, described in `*scratch`.
// Returns nullptr for no usable verdict ("" or "ASCII").
const Encoding* FromDetector(const std::string& detected, Encoding* scratch) {
  std::string lower(detected);
  for (char& c : lower) c = AsciiLower(c);
  if (lower.empty() || lower == "ascii") return nullptr;
  if (lower == "uhc") return FindByName("EUC-KR");
  if (lower == "mac-cyrillic") return FindByName("x-mac-cyrillic");
  if (const Encoding* e = ResolveLabel(lower)) return e;
  if (ThreadIconvCache().Get(detected.c_str()) == BadIconv()) return nullptr;
  *scratch =
      Encoding{detected.c_str(), detected.c_str(), Kind::kIconv, 1, false, ""};
  return scratch;
}

// The evidence against a label (DecodeToUtf8): returns the encoding to use
// for `bytes` labelled `label` (from d->source, "http" or "meta"), setting
// d->source and d->warning when the bytes overrule it. `meta` is the <meta>
// charset, when the page has one; `scan` is ScanUtf8 of `bytes` (unused
// when the label does not map ASCII to itself). Runs the detector only for
// a UTF-8 label on bytes that are not UTF-8.
const Encoding* CheckLabel(std::string_view bytes, const Utf8Scan& scan,
                           const Encoding* label, const Encoding* meta,
                           Decoded* d, std::string* detected_name,
                           Encoding* scratch) {
  if (!label->ascii_identity) return label;  // UTF-16: nothing to compare
  const std::string said = std::string(label->name) + " (" + d->source + ")";
  if (label->kind != Kind::kUtf8) {
    // Legacy text almost never forms a valid UTF-8 sequence by accident,
    // let alone with no invalid one beside it; UTF-8 text under a legacy
    // label is the commonest lie (a template converted, the header not).
    if (scan.gave_up || scan.errors > 0 || scan.multibyte == 0) return label;
    d->source = "bytes";
    d->warning = "charset label " + said +
                 " overridden: the bytes are valid UTF-8";
    return &Utf8Encoding();
  }
  if (LooksLikeUtf8(scan)) return label;
  const Encoding* enc = nullptr;
  if (meta != nullptr && meta != label && d->source == "http") {
    enc = meta;
    d->source = "meta";
  } else if (scan.errors < kMinErrorsAgainstUtf8Label) {
    return label;  // too little for the detector: repaired as UTF-8
  } else {
    *detected_name = DetectCharset(bytes);
    enc = FromDetector(*detected_name, scratch);
    d->source = "detector";
    if (enc == nullptr || enc->kind == Kind::kUtf8) {
      enc = &Windows1252Encoding();
      d->source = "default";
    }
  }
  d->warning = "charset label " + said + " overridden: the bytes are not " +
               "UTF-8; decoded as " + enc->name + " (" + d->source + ")";
  return enc;
}

}  // namespace

Decoded DecodeToUtf8(std::string_view bytes, std::string_view content_type,
                     bool is_html) {
  Decoded d;
  const Encoding* enc = nullptr;
  Encoding detected_scratch{};
  std::string detected_name;  // backs detected_scratch's strings

  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
    enc = &Utf8Encoding();
    bytes.remove_prefix(3);
  } else if (bytes.size() >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
    enc = FindByName("UTF-16BE");
    bytes.remove_prefix(2);
  } else if (bytes.size() >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
    enc = FindByName("UTF-16LE");
    bytes.remove_prefix(2);
  }
  if (enc != nullptr) d.source = "bom";

  if (enc == nullptr && !content_type.empty()) {
    std::string storage;
    const std::string_view label = HttpCharset(content_type, &storage);
    if (!label.empty()) enc = ResolveLabel(label);
    if (enc != nullptr) d.source = "http";
  }

  const Encoding* meta = nullptr;
  if (is_html && (enc == nullptr || d.source == "http")) {
    meta = PrescanMeta(bytes);
  }
  if (enc == nullptr && meta != nullptr) {
    enc = meta;
    d.source = "meta";
  }
  // One scan of the bytes serves the label check, the choice of an encoding
  // and the test for use in place. Bytes under an encoding that does not map
  // ASCII to itself (UTF-16, ISO-2022-JP) are never used in place.
  const Utf8Scan scan =
      enc == nullptr || enc->ascii_identity ? ScanUtf8(bytes) : Utf8Scan();
  if (enc != nullptr && d.source != "bom") {
    enc = CheckLabel(bytes, scan, enc, meta, &d, &detected_name,
                     &detected_scratch);
  }

  if (enc == nullptr) {
    if (LooksLikeUtf8(scan)) {
      enc = &Utf8Encoding();
      d.source = "default";
      // 7-bit text with escapes may be ISO-2022-JP (old mail, old pages);
      // as UTF-8 it would keep the raw escape sequences.
      if (scan.multibyte == 0 && scan.errors == 0 && !bytes.empty() &&
          std::memchr(bytes.data(), 0x1B, bytes.size()) != nullptr) {
        detected_name = DetectCharset(bytes);
        if (detected_name.size() > 8 &&
            StartsWithAt(detected_name, 0, "iso-2022")) {
          if (const Encoding* e =
                  FromDetector(detected_name, &detected_scratch)) {
            enc = e;
            d.source = "detector";
          }
        }
      }
    } else {
      detected_name = DetectCharset(bytes);
      enc = FromDetector(detected_name, &detected_scratch);
      if (enc != nullptr) {
        d.source = "detector";
      } else {
        enc = &Windows1252Encoding();
        d.source = "default";
      }
    }
  }

  d.encoding = enc->name;
  // UTF-8 that needs no repair, or ASCII under an encoding that maps ASCII
  // to itself, is used in place: most pages are, and a copy of every page
  // cost 2% of a batch run (the memcpy and its page faults).
  // (The scan was made: these encodings map ASCII to themselves.)
  const bool in_place =
      enc->kind == Kind::kUtf8 ||
      (enc->kind == Kind::kIconv && enc->ascii_identity && scan.ascii);
  if (in_place) {
    if (scan.clean_end == bytes.size()) {
      d.borrowed = true;
      d.unchanged = bytes;
    } else {
      d.replaced = RepairUtf8Into(bytes, scan.clean_end, &d.converted);
    }
    return d;
  }
  if (enc->kind == Kind::kWindows1252) {
    DecodeWindows1252(bytes, &d.converted);
  } else if (!ConvertWithIconv(enc->iconv, enc->unit, bytes, &d.converted,
                               &d.replaced)) {
    // Only a glibc without gconv modules (a static build) gets here;
    // windows-1252 at least keeps every ASCII byte and never fails.
    enc = &Windows1252Encoding();
    d.encoding = enc->name;
    DecodeWindows1252(bytes, &d.converted);
  }
  // Also covers iconv output, which passes NULs through.
  d.replaced += RepairUtf8(&d.converted);
  return d;
}

}  // namespace winnow
