// Copyright winnow authors. Licensed under the MIT licence.

#include "decode/decode.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "decode/decode_test_util.h"

namespace winnow {
namespace {

using std::string_literals::operator""s;

constexpr char kFffd[] = "\xEF\xBF\xBD";

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

// --- Declared encodings ------------------------------------------------------

TEST(DecodeTest, MetaCharsetWindows1252) {
  const std::string html =
      "<html><head><meta charset=\"windows-1252\"></head>"
      "<body>Stra\xdf"
      "e \x93quoted\x94 costs \x80"
      "5</body></html>";
  const Decoded d = DecodeToUtf8(html, "", true);
  EXPECT_EQ(d.text(),
            "<html><head><meta charset=\"windows-1252\"></head>"
            "<body>Straße “quoted” costs €5</body></html>");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.source, "meta");
  EXPECT_EQ(d.replaced, 0u);
}

TEST(DecodeTest, Windows1252UndefinedBytesAreC1Controls) {
  // WHATWG maps the five holes of windows-1252 to C1 controls, not errors.
  const Decoded d =
      DecodeToUtf8("\x81\x8d\x8f\x90\x9d", "text/html; charset=cp1252", true);
  EXPECT_EQ(d.text(), "\u0081\u008d\u008f\u0090\u009d");
  EXPECT_EQ(d.replaced, 0u);
}

TEST(DecodeTest, MetaHttpEquivIso88592) {
  const std::string html =
      "<meta http-equiv=\"Content-Type\" "
      "content=\"text/html; charset=iso-8859-2\">"
      "Za\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1";
  const Decoded d = DecodeToUtf8(html, "", true);
  EXPECT_EQ(d.text(),
            "<meta http-equiv=\"Content-Type\" "
            "content=\"text/html; charset=iso-8859-2\">"
            "Zażółć gęślą jaźń");
  EXPECT_EQ(d.encoding, "ISO-8859-2");
  EXPECT_EQ(d.source, "meta");
}

TEST(DecodeTest, MetaContentWithoutHttpEquivIgnored) {
  // The prescan needs http-equiv=content-type before honouring content=.
  const std::string html =
      "<meta content=\"text/html; charset=iso-8859-2\">"
      "\xb1";
  const Decoded d = DecodeToUtf8(html, "", true);
  EXPECT_NE(d.source, "meta");
}

TEST(DecodeTest, ShiftJisWithMeta) {
  const std::string html =
      "<META HTTP-EQUIV=Content-Type CONTENT='text/html;charset=x-sjis'>"
      "\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x83\x65\x83\x4c\x83\x58\x83\x67"
      " C:\\dir";
  const Decoded d = DecodeToUtf8(html, "", true);
  EXPECT_EQ(d.text(),
            "<META HTTP-EQUIV=Content-Type CONTENT='text/html;charset=x-sjis'>"
            "日本語のテキスト C:\\dir");
  EXPECT_EQ(d.encoding, "Shift_JIS");
  EXPECT_EQ(d.source, "meta");
  EXPECT_EQ(d.replaced, 0u);
}

TEST(DecodeTest, GbkWithHttpHeader) {
  const Decoded d = DecodeToUtf8("<p>\xd6\xd0\xce\xc4\xcd\xf8\xd2\xb3</p>",
                                 "text/html; charset=gb2312", true);
  EXPECT_EQ(d.text(), "<p>中文网页</p>");
  EXPECT_EQ(d.encoding, "GBK");
  EXPECT_EQ(d.source, "http");
}

TEST(DecodeTest, OtherMultiByteEncodings) {
  struct Case {
    const char* label;
    std::string bytes;
    const char* want_text;
    const char* want_encoding;
  };
  const std::vector<Case> cases = {
      {"big5", "\xc1\x63\xc5\xe9\xa4\xa4\xa4\xe5", "繁體中文", "Big5"},
      {"euc-jp", "\xc6\xfc\xcb\xdc\xb8\xec", "日本語", "EUC-JP"},
      {"ks_c_5601-1987", "\xc7\xd1\xb1\xb9\xbe\xee", "한국어", "EUC-KR"},
      {"iso-2022-jp", "a\x1b$BF|K\\8l\x1b(Bz", "a日本語z", "ISO-2022-JP"},
      {"koi8-r", "\xf0\xd2\xc9\xd7\xc5\xd4", "Привет", "KOI8-R"},
      {"gb18030", "\x81\x30\x81\x30", "\u0080", "gb18030"},
  };
  for (const Case& c : cases) {
    const Decoded d =
        DecodeToUtf8(c.bytes, "text/plain; charset="s + c.label, false);
    EXPECT_EQ(d.text(), c.want_text) << c.label;
    EXPECT_EQ(d.encoding, c.want_encoding) << c.label;
    EXPECT_EQ(d.source, "http") << c.label;
    EXPECT_EQ(d.replaced, 0u) << c.label;
  }
}

TEST(DecodeTest, SingleByteEncodingsAllOpen) {
  // 0xE0 is a letter in every one of these, so a wrong iconv name (which
  // would fall back to windows-1252) or a failing converter shows up.
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"ibm866", "р"},         {"iso-8859-2", "ŕ"},   {"iso-8859-3", "à"},
      {"iso-8859-4", "ā"},     {"iso-8859-5", "р"},   {"iso-8859-6", "ـ"},
      {"iso-8859-7", "ΰ"},     {"iso-8859-8", "א"},   {"iso-8859-8-i", "א"},
      {"iso-8859-10", "ā"},    {"iso-8859-13", "ą"},  {"iso-8859-14", "à"},
      {"iso-8859-15", "à"},    {"iso-8859-16", "à"},  {"koi8-r", "Ю"},
      {"koi8-u", "Ю"},         {"macintosh", "‡"},    {"windows-874", "เ"},
      {"windows-1250", "ŕ"},   {"windows-1251", "а"}, {"windows-1252", "à"},
      {"windows-1253", "ΰ"},   {"windows-1254", "à"}, {"windows-1255", "א"},
      {"windows-1256", "à"},   {"windows-1257", "ą"}, {"windows-1258", "à"},
      {"x-mac-cyrillic", "а"},
  };
  for (const auto& [label, want] : cases) {
    const Decoded d =
        DecodeToUtf8("x\xe0", "text/plain; charset="s + label, false);
    EXPECT_EQ(d.text(), "x"s + want) << label;
    EXPECT_EQ(d.replaced, 0u) << label;
  }
}

TEST(DecodeTest, LabelsResolveLikeWhatwg) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"latin1", "windows-1252"},
      {"ISO-8859-1", "windows-1252"},
      {"us-ascii", "windows-1252"},
      {"ascii", "windows-1252"},
      {"iso-8859-9", "windows-1254"},
      {"tis-620", "windows-874"},
      {"utf8", "UTF-8"},
      {"UTF-8", "UTF-8"},
      {"x-sjis", "Shift_JIS"},
      {"shift-jis", "Shift_JIS"},
      {"sjis", "Shift_JIS"},
      {"gb2312", "GBK"},
      {"gbk", "GBK"},
      {"x-gbk", "GBK"},
      {"ks_c_5601-1987", "EUC-KR"},
      {"euc-kr", "EUC-KR"},
      {"koi8-u", "KOI8-U"},
      {"big5-hkscs", "Big5"},
      {"utf-16", "UTF-16LE"},
      {"utf-16be", "UTF-16BE"},
      {"  LATIN1\t", "windows-1252"},
      {"\"iso-8859-2\"", "ISO-8859-2"},
  };
  for (const auto& [label, want] : cases) {
    const Decoded d = DecodeToUtf8("ab", "text/html; charset="s + label, false);
    EXPECT_EQ(d.encoding, want) << label;
    EXPECT_EQ(d.source, "http") << label;
  }
}

TEST(DecodeTest, HttpCharsetParameterParsing) {
  const std::string bytes = "\xb1";  // '±' in windows-1252, 'ą' in latin2
  EXPECT_EQ(
      DecodeToUtf8(bytes, "text/html;foo=bar;CharSet=ISO-8859-2", false).text(),
      "ą");
  EXPECT_EQ(DecodeToUtf8(bytes, "text/html; charset = \"latin2\" ; x=y", false)
                .text(),
            "ą");
  // No parameter at all, or a charset-like token in the type, is no charset.
  EXPECT_NE(DecodeToUtf8(bytes, "text/html", false).source, "http");
  EXPECT_NE(DecodeToUtf8(bytes, "charset=latin2", false).source, "http");
}

TEST(DecodeTest, HttpHeaderBeatsMeta) {
  const std::string html = "<meta charset=iso-8859-2><p>\xb1</p>";
  const Decoded d = DecodeToUtf8(html, "text/html; charset=windows-1252", true);
  EXPECT_EQ(d.text(), "<meta charset=iso-8859-2><p>±</p>");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.source, "http");
}

TEST(DecodeTest, BomBeatsHttpHeader) {
  const Decoded d =
      DecodeToUtf8("\xef\xbb\xbfh\xc3\xa9", "text/html; charset=latin2", true);
  EXPECT_EQ(d.text(), "hé");
  EXPECT_EQ(d.source, "bom");
}

TEST(DecodeTest, UnknownLabelsFallThrough) {
  const std::string html = "<meta charset=bogus><meta charset=iso-8859-2>\xb1";
  // An unknown http charset falls to the meta; an unknown meta charset makes
  // the prescan look further.
  const Decoded d = DecodeToUtf8(html, "text/html; charset=x-nonsense", true);
  EXPECT_EQ(d.encoding, "ISO-8859-2");
  EXPECT_EQ(d.source, "meta");
  EXPECT_EQ(d.text(), "<meta charset=bogus><meta charset=iso-8859-2>ą");
}

TEST(DecodeTest, ReplacementLabelsAreIgnored) {
  const Decoded d = DecodeToUtf8("abc", "text/html; charset=iso-2022-kr", true);
  EXPECT_EQ(d.text(), "abc");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, "default");
}

TEST(DecodeTest, MetaUtf16MeansUtf8) {
  const std::string html = "<meta charset=\"UTF-16\"><p>caf\xc3\xa9</p>";
  const Decoded d = DecodeToUtf8(html, "", true);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, "meta");
  EXPECT_EQ(d.text(), html);
}

TEST(DecodeTest, MetaIgnoredWhenNotHtml) {
  const Decoded d = DecodeToUtf8("<meta charset=iso-8859-2>ok", "", false);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, "default");
}

TEST(DecodeTest, MetaAfter1024BytesIgnored) {
  const std::string head =
      "<html><head><title>" + std::string(1100, 'x') + "</title>";
  const std::string tail = "<meta charset=iso-8859-2></head><p>\xb1</p>";
  const Decoded late = DecodeToUtf8(head + tail, "", true);
  EXPECT_NE(late.source, "meta");
  EXPECT_NE(late.encoding, "ISO-8859-2");

  // The same page with the meta early is honoured.
  const Decoded early = DecodeToUtf8("<html><head>" + tail, "", true);
  EXPECT_EQ(early.source, "meta");
  EXPECT_EQ(early.text(), "<html><head><meta charset=iso-8859-2></head><p>ą</p>");
}

TEST(DecodeTest, MetaCutByThe1024ByteLimitIgnored) {
  // "<meta charset=iso-8859-2>" straddles byte 1024: its value is unfinished.
  const std::string html =
      std::string(1010, ' ') + "<meta charset=iso-8859-2>\xb1";
  EXPECT_NE(DecodeToUtf8(html, "", true).source, "meta");
}

TEST(DecodeTest, MetaInsideCommentIgnored) {
  const std::string html = "<!-- <meta charset=iso-8859-2> --><p>\xb1</p>";
  const Decoded d = DecodeToUtf8(html, "", true);
  EXPECT_NE(d.source, "meta");
  EXPECT_NE(d.encoding, "ISO-8859-2");

  const std::string with_real =
      "<!-- <meta charset=iso-8859-2> --><meta charset=windows-1251><p>"
      "\xcf\xf0\xe8\xe2\xe5\xf2</p>";
  const Decoded r = DecodeToUtf8(with_real, "", true);
  EXPECT_EQ(r.encoding, "windows-1251");
  EXPECT_EQ(r.source, "meta");
  EXPECT_EQ(r.text(),
            "<!-- <meta charset=iso-8859-2> --><meta charset=windows-1251><p>"
            "Привет</p>");
}

TEST(DecodeTest, MetaInsideAttributeValueIgnored) {
  const std::string html = "<div title='<meta charset=iso-8859-2>'>\xb1</div>";
  EXPECT_NE(DecodeToUtf8(html, "", true).source, "meta");
}

TEST(DecodeTest, MetaPrescanTolerance) {
  // Unquoted, mixed case, slash-separated attributes, and spaces around "=".
  const std::vector<std::string> pages = {
      "<META CHARSET=ISO-8859-2>",
      "<meta/charset='iso-8859-2'/>",
      "<meta charset = \"iso-8859-2\">",
      "<!doctype html><html lang=pl><meta name=x charset=latin2>",
      "<meta content='text/html; charset=\"latin2\"' http-equiv=content-type>",
      "<?xml version='1.0'?><!--><meta charset=latin2>",
  };
  for (const std::string& page : pages) {
    const Decoded d = DecodeToUtf8(page + "\xb1", "", true);
    EXPECT_EQ(d.source, "meta") << page;
    EXPECT_EQ(d.encoding, "ISO-8859-2") << page;
  }
}

// --- Byte order marks
// ----------------------------------------------------------

TEST(DecodeTest, Utf8BomStripped) {
  const Decoded d = DecodeToUtf8("\xef\xbb\xbf<p>caf\xc3\xa9</p>", "", true);
  EXPECT_EQ(d.text(), "<p>café</p>");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, "bom");
}

TEST(DecodeTest, Utf16LeBom) {
  const std::string bytes = "\xff\xfe<\0p\0>\0H\0i\0 \0\xac\x20"s;
  const Decoded d = DecodeToUtf8(bytes, "text/html; charset=iso-8859-2", true);
  EXPECT_EQ(d.text(), "<p>Hi €");
  EXPECT_EQ(d.encoding, "UTF-16LE");
  EXPECT_EQ(d.source, "bom");
  EXPECT_EQ(d.replaced, 0u);
}

TEST(DecodeTest, Utf16BeBom) {
  const std::string bytes = "\xfe\xff\0H\0i\x20\xac\xd8\x3d\xde\x00"s;
  const Decoded d = DecodeToUtf8(bytes, "", true);
  EXPECT_EQ(d.text(), "Hi€\U0001F600");
  EXPECT_EQ(d.encoding, "UTF-16BE");
}

TEST(DecodeTest, Utf16LoneSurrogateAndOddByte) {
  // A lone high surrogate, then 'A', then half a code unit.
  const std::string bytes = "\xff\xfe\x00\xd8\x41\x00\x42"s;
  const Decoded d = DecodeToUtf8(bytes, "", true);
  EXPECT_EQ(d.text(), std::string(kFffd) + "A" + kFffd);
  EXPECT_EQ(d.replaced, 2u);
}

// --- Undeclared input
// ----------------------------------------------------------

TEST(DecodeTest, UndeclaredValidUtf8IsDefaultUtf8) {
  const Decoded d = DecodeToUtf8(
      "<p>Gr\xc3\xbc\xc3\x9f"
      "e</p>",
      "", true);
  EXPECT_EQ(d.text(), "<p>Grüße</p>");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, "default");
  EXPECT_EQ(d.replaced, 0u);
}

TEST(DecodeTest, UndeclaredWindows1252German) {
  const std::string bytes =
      "<html><body><p>Gr\xfc\xdf"
      "e aus M\xfcnchen! Die Stra\xdf"
      "e ist sch\xf6n, und die B\xe4ume bl\xfchen \xfc"
      "ber den Fl\xfcssen. \xc4pfel und \xd6l kosten 5 \x80. "
      "Sch\xf6ne Gr\xfc\xdf"
      "e an die Familie, wir w\xfcnschen euch fr\xf6hliche Feiertage.</p>"
      "</body></html>";
  const Decoded d = DecodeToUtf8(bytes, "", true);
  EXPECT_EQ(d.text(),
            "<html><body><p>Grüße aus München! Die Straße ist schön, und die "
            "Bäume blühen über den Flüssen. Äpfel und Öl kosten 5 €. "
            "Schöne Grüße an die Familie, wir wünschen euch fröhliche "
            "Feiertage.</p></body></html>");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_TRUE(d.source == "detector" || d.source == "default") << d.source;
  EXPECT_EQ(d.replaced, 0u);
}

TEST(DecodeTest, MostlyUtf8WithStrayByteStaysUtf8) {
  // A Latin-1 byte pasted into a UTF-8 page must not turn the whole page
  // into mojibake.
  std::string bytes;
  for (int i = 0; i < 10; ++i)
    bytes +=
        "M\xc3\xbcnchen Stra\xc3\x9f"
        "e ";
  bytes += "caf\xe9.";
  const Decoded d = DecodeToUtf8(bytes, "", false);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.replaced, 1u);
  EXPECT_EQ(d.text().substr(0, 16), "München Straße");
  EXPECT_EQ(d.text().substr(d.text().size() - 7), "caf" + std::string(kFffd) + ".");
}

TEST(DecodeTest, TruncatedUtf8TailStillUtf8) {
  // A size limit that cuts the last character is not evidence of Latin-1.
  const Decoded d = DecodeToUtf8("caf\xc3\xa9 \xe2\x82", "", false);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.text(), "café "s + kFffd);
  EXPECT_EQ(d.replaced, 1u);
}

TEST(DecodeTest, UndeclaredIso2022Jp) {
  const std::string bytes =
      "\x1b$B$3$l$OF|K\\8l$NJ8>O$G$9!#\x1b(B "
      "\x1b$B;d$OEl5~$K=;$s$G$$$^$9!#\x1b(B";
  const Decoded d = DecodeToUtf8(bytes, "", false);
  EXPECT_EQ(d.encoding, "ISO-2022-JP");
  EXPECT_EQ(d.source, "detector");
  EXPECT_EQ(d.text(), "これは日本語の文章です。 私は東京に住んでいます。");
}

// --- Repair ------------------------------------------------------------------

TEST(DecodeTest, InvalidUtf8Repaired) {
  const Decoded d = DecodeToUtf8(
      "a\xff"
      "b\xc3(c\xe2\x82",
      "text/html; charset=utf-8", true);
  EXPECT_EQ(d.text(), "a"s + kFffd + "b" + kFffd + "(c" + kFffd);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, "http");
  EXPECT_EQ(d.replaced, 3u);
}

TEST(DecodeTest, NulReplaced) {
  const Decoded utf8 = DecodeToUtf8("a\0b"s, "", true);
  EXPECT_EQ(utf8.text(), "a"s + kFffd + "b");
  EXPECT_EQ(utf8.replaced, 1u);

  // NULs that come out of iconv are caught too.
  const Decoded sjis =
      DecodeToUtf8("\x93\xfa\0"s, "text/html; charset=shift_jis", true);
  EXPECT_EQ(sjis.text(), "日"s + kFffd);
  EXPECT_EQ(sjis.replaced, 1u);

  const Decoded cp1252 =
      DecodeToUtf8("\xe9\0"s, "text/html; charset=latin1", true);
  EXPECT_EQ(cp1252.text(), "é"s + kFffd);
}

TEST(DecodeTest, InvalidMultiByteSequencesReplacedAndResumed) {
  // A lead byte followed by an ASCII byte: the ASCII byte survives.
  const Decoded d = DecodeToUtf8("a\x81 b\x93\xfa\x93"s,
                                 "text/html; charset=shift_jis", true);
  EXPECT_EQ(d.text(), "a"s + kFffd + " b日" + kFffd);
  EXPECT_EQ(d.replaced, 2u);
}

TEST(DecodeTest, EmptyInput) {
  for (bool is_html : {true, false}) {
    const Decoded d = DecodeToUtf8("", "", is_html);
    EXPECT_EQ(d.text(), "");
    EXPECT_EQ(d.encoding, "UTF-8");
    EXPECT_EQ(d.source, "default");
    EXPECT_EQ(d.replaced, 0u);
  }
  EXPECT_EQ(DecodeToUtf8("", "text/html; charset=shift_jis", true).text(), "");
  EXPECT_EQ(DecodeToUtf8("\xef\xbb\xbf", "", true).text(), "");
  EXPECT_EQ(DecodeToUtf8("\xff\xfe", "", true).text(), "");
}

TEST(DecodeTest, RandomBytesDoNotCrash) {
  const std::string bytes = RandomBytes(3 << 20, 12345);
  const std::vector<const char*> content_types = {
      "",
      "text/html; charset=utf-8",
      "text/html; charset=shift_jis",
      "text/html; charset=gbk",
      "text/html; charset=big5",
      "text/html; charset=euc-jp",
      "text/html; charset=euc-kr",
      "text/html; charset=iso-2022-jp",
      "text/html; charset=utf-16be",
      "text/html; charset=iso-8859-6",
  };
  for (const char* ct : content_types) {
    const Decoded d = DecodeToUtf8(bytes, ct, true);
    EXPECT_TRUE(IsCleanUtf8(d.text())) << ct;
    EXPECT_FALSE(d.text().empty()) << ct;
    EXPECT_FALSE(d.encoding.empty()) << ct;
  }
}

TEST(DecodeTest, RandomSmallInputsDoNotCrash) {
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::string bytes = RandomBytes(rng() % 64, rng());
    // Salt some with prescan syntax to reach its corners.
    if (i % 3 == 0) bytes = "<meta charset=" + bytes;
    if (i % 5 == 0) bytes = "<!--" + bytes;
    const Decoded d =
        DecodeToUtf8(bytes, i % 2 ? "text/html; charset=" : "", true);
    ASSERT_TRUE(IsCleanUtf8(d.text())) << i;
  }
}

TEST(DecodeTest, LargeInputIsLinear) {
  // 30 MB of mostly-ASCII windows-1252 and of UTF-8; a quadratic step
  // would take minutes here.
  std::string latin;
  while (latin.size() < (30u << 20))
    latin +=
        "Stra\xdf"
        "e und Gr\xfc\xdf"
        "e. ";
  std::string utf8;
  while (utf8.size() < (30u << 20))
    utf8 +=
        "Stra\xc3\x9f"
        "e und \xe6\x97\xa5. ";
  const auto start = std::chrono::steady_clock::now();
  const Decoded a = DecodeToUtf8(latin, "", true);
  const Decoded b = DecodeToUtf8(utf8, "", true);
  const Decoded c = DecodeToUtf8(latin, "text/html; charset=iso-8859-15", true);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  EXPECT_EQ(a.encoding, "windows-1252");
  EXPECT_EQ(b.encoding, "UTF-8");
  EXPECT_EQ(b.text(), utf8);
  EXPECT_EQ(c.text(), a.text());
  EXPECT_LT(seconds, 10.0);
}

TEST(DecodeRepairUtf8Test, ValidInputUntouched) {
  std::string s = "plain ASCII, é, 日本, \U0001F600";
  const std::string before = s;
  EXPECT_EQ(RepairUtf8(&s), 0u);
  EXPECT_EQ(s, before);
  std::string empty;
  EXPECT_EQ(RepairUtf8(&empty), 0u);
  EXPECT_EQ(empty, "");
}

TEST(DecodeRepairUtf8Test, MaximalSubpartsBecomeOneReplacementEach) {
  const std::string f = kFffd;
  struct Case {
    std::string in;
    std::string want;
    size_t replaced;
  };
  const std::vector<Case> cases = {
      {"\xc0\x80", f + f, 2},                  // overlong NUL
      {"\xe0\x80\x80", f + f + f, 3},          // overlong, bad second byte
      {"\xe0\xa0", f, 1},                      // truncated at end
      {"\xe2\x82x", f + "x", 1},               // truncated before ASCII
      {"\xed\xa0\x80", f + f + f, 3},          // surrogate
      {"\xf4\x90\x80\x80", f + f + f + f, 4},  // above U+10FFFF
      {"\xf5\xbf", f + f, 2},                  // invalid lead byte
      {"\xf0\x9f\x98", f, 1},                  // truncated 4-byte
      {"\x80\xbf", f + f, 2},                  // lone continuations
      {"a\0\0b"s, "a" + f + f + "b", 2},       // NULs
      {"ok\xff", "ok" + f, 1},
  };
  for (const Case& c : cases) {
    std::string s = c.in;
    EXPECT_EQ(RepairUtf8(&s), c.replaced) << c.want;
    EXPECT_EQ(s, c.want);
    EXPECT_TRUE(IsCleanUtf8(s));
  }
}

TEST(DecodeRepairUtf8Test, RandomBytesBecomeClean) {
  for (uint32_t seed = 1; seed <= 50; ++seed) {
    std::string s = RandomBytes(4096 + seed, seed);
    RepairUtf8(&s);
    ASSERT_TRUE(IsCleanUtf8(s)) << seed;
    std::string again = s;
    EXPECT_EQ(RepairUtf8(&again), 0u);
  }
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// A UTF-8 page (a template converted to UTF-8) still labelled windows-1252:
// decoded as the label says, every "ü" came out as "Ã¼".
TEST(DecodeLyingLabelTest, ValidUtf8BeatsSingleByteMetaLabel) {
  const std::string html =
      "<meta charset=\"windows-1252\"><p>Gr\xc3\xbc\xc3\x9f"
      "e aus M\xc3\xbcnchen \xe2\x80\x93 sch\xc3\xb6n</p>";
  const Decoded d = DecodeToUtf8(html, "", true);
  EXPECT_EQ(d.text(), html);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, "bytes");
  EXPECT_EQ(d.warning,
            "charset label windows-1252 (meta) overridden: the bytes are "
            "valid UTF-8");
}

TEST(DecodeLyingLabelTest, ValidUtf8BeatsSingleByteHttpLabel) {
  const std::string html = "<p>\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82</p>";
  const Decoded d = DecodeToUtf8(html, "text/html; charset=koi8-r", true);
  EXPECT_EQ(d.text(), "<p>Привет</p>");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, "bytes");
  EXPECT_NE(d.warning.find("KOI8-R (http) overridden"), std::string::npos)
      << d.warning;
}

// Legacy bytes that are not valid UTF-8 keep their (true) label, and pure
// ASCII has nothing to say against one.
TEST(DecodeLyingLabelTest, TrueSingleByteLabelKept) {
  const Decoded latin = DecodeToUtf8(
      "<meta charset=windows-1252><p>Gr\xfc\xdf"
      "e</p>",
      "", true);
  EXPECT_EQ(latin.encoding, "windows-1252");
  EXPECT_EQ(latin.source, "meta");
  EXPECT_EQ(latin.warning, "");
  const Decoded ascii =
      DecodeToUtf8("<meta charset=iso-8859-2><p>plain</p>", "", true);
  EXPECT_EQ(ascii.encoding, "ISO-8859-2");
  EXPECT_EQ(ascii.warning, "");
}

// An HTTP header that says UTF-8 over a page whose <meta> (and bytes) say
// windows-1252: the <meta> knew better.
TEST(DecodeLyingLabelTest, InvalidUtf8UnderHttpUtf8LabelTakesMeta) {
  const std::string html =
      "<meta charset=windows-1252><p>Gr\xfc\xdf"
      "e aus M\xfcnchen, sch\xf6n und \x93gut\x94</p>";
  const Decoded d = DecodeToUtf8(html, "text/html; charset=utf-8", true);
  EXPECT_EQ(d.text(),
            "<meta charset=windows-1252><p>Grüße aus München, schön und "
            "“gut”</p>");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_EQ(d.source, "meta");
  EXPECT_EQ(d.replaced, 0u);
  EXPECT_EQ(d.warning,
            "charset label UTF-8 (http) overridden: the bytes are not UTF-8; "
            "decoded as windows-1252 (meta)");
}

// A <meta> UTF-8 label on legacy bytes: the detector decides.
TEST(DecodeLyingLabelTest, InvalidUtf8UnderMetaUtf8LabelTakesDetector) {
  std::string body;
  for (int i = 0; i < 20; ++i) {
    body += "Die Stra\xdf"
            "e f\xfchrt \xfc"
            "ber die Br\xfc"
            "cke zum sch\xf6nen M\xe4rchenschlo\xdf. ";
  }
  const std::string html = "<meta charset=utf-8><p>" + body + "</p>";
  const Decoded d = DecodeToUtf8(html, "", true);
  EXPECT_EQ(d.replaced, 0u);
  EXPECT_EQ(d.source, "detector");
  EXPECT_NE(d.text().find("Die Straße führt über die Brücke zum schönen "
                        "Märchenschloß."),
            std::string::npos);
  EXPECT_EQ(d.warning.rfind("charset label UTF-8 (meta) overridden", 0), 0u)
      << d.warning;
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// A few stray bytes under a UTF-8 label are repaired, not handed to the
// detector (whose guess on three bytes garbled the rest: InvalidUtf8Repaired).
TEST(DecodeLyingLabelTest, FewInvalidBytesUnderUtf8LabelRepaired) {
  const Decoded d = DecodeToUtf8("<p>caf\xe9 and \xfc</p>",
                                 "text/html; charset=utf-8", true);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, "http");
  EXPECT_EQ(d.replaced, 2u);
  EXPECT_EQ(d.warning, "");
}

// Every page used to be copied here once more, valid or not: 2% of a batch
// run. Valid UTF-8 is now a view of the input; what is repaired is a copy.
TEST(DecodeTest, ValidUtf8IsAViewOfTheInputNotACopy) {
  const std::string page = "\xef\xbb\xbf<p>h\xc3\xa9llo</p>";
  const Decoded d = DecodeToUtf8(page, "text/html; charset=utf-8", true);
  EXPECT_TRUE(d.borrowed);
  EXPECT_EQ(d.text().data(), page.data() + 3);  // after the BOM
  EXPECT_EQ(d.text(), "<p>h\xc3\xa9llo</p>");
  EXPECT_TRUE(d.converted.empty());

  const std::string ascii = "<p>plain</p>";
  const Decoded a = DecodeToUtf8(ascii, "text/html; charset=latin2", true);
  EXPECT_EQ(a.text().data(), ascii.data());
}

TEST(DecodeTest, RepairedOrConvertedTextSurvivesAMove) {
  // A NUL needs repair, and windows-1252 conversion: both are copies, and
  // short ones sit in the string's own buffer, which a move relocates.
  const std::string bytes("a\0\xe9", 3);
  Decoded repaired = DecodeToUtf8(bytes, "text/plain; charset=utf-8", false);
  Decoded converted = DecodeToUtf8(bytes, "text/plain; charset=cp1252", false);
  EXPECT_FALSE(repaired.borrowed);
  EXPECT_FALSE(converted.borrowed);
  const Decoded moved_repaired = std::move(repaired);
  const Decoded moved_converted = std::move(converted);
  EXPECT_EQ(moved_repaired.text(), "a"s + kFffd + kFffd);
  EXPECT_EQ(moved_converted.text(), "a"s + kFffd + "\xc3\xa9");
}

}  // namespace
}  // namespace winnow
