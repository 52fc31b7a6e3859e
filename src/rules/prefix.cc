// Copyright winnow authors. Licensed under the MIT licence.
//
// MatchPrefixes reads a pattern the way RE2's parser does, but only as far
// as its first kPrefixBytes bytes: an alternation gives the union of its
// alternatives' prefixes, a sequence their concatenations, a character
// class one prefix per byte (when it has few), a repetition that may be
// empty also the empty prefix; zero-width atoms (^ $ \A \z \b \B, flag
// settings) add nothing. What it does not read exactly (".", "[^...]", \p,
// \S, a non-ASCII character, a class of many bytes) ends the prefix there:
// it then stands for every continuation, which is never too few.

#include "rules/prefix.h"

#include <algorithm>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "util/ascii.h"
#include "util/utf8.h"

namespace winnow {
namespace {

using Bytes = std::bitset<256>;

// Groups nested deeper than this are not read (RE2 itself allows 1,000).
constexpr int kMaxDepth = 64;

bool IsLetter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The bytes of one character: what the prefixes are made of. Case is
// folded when they are made (Fold), so `icase` changes nothing for ASCII.
void AddAscii(unsigned char c, bool /*icase*/, Bytes* out) { out->set(c); }

// The bytes of a Perl class escape (\d \s \w), or false.
bool AddPerlClass(char e, Bytes* out) {
  switch (e) {
    case 'd':
      for (int c = '0'; c <= '9'; ++c) out->set(c);
      return true;
    case 's':
      for (char c : {' ', '\t', '\n', '\f', '\r', '\v'})
        out->set(static_cast<unsigned char>(c));
      return true;
    case 'w':
      for (int c = 0; c < 0x80; ++c) {
        if (IsLetter(c) || (c >= '0' && c <= '9') || c == '_') out->set(c);
      }
      return true;
    default:
      return false;
  }
}

bool IsAsciiPunct(unsigned char c) {
  return c > 0x20 && c < 0x7F && !IsLetter(c) && !(c >= '0' && c <= '9');
}

struct Reader {
  std::string_view p;
  size_t i = 0;
  bool failed = false;
  // Only reading on, to find where a group ends: no prefixes are made.
  bool skip = false;

  bool More() const { return i < p.size(); }
  unsigned char Peek() const { return static_cast<unsigned char>(p[i]); }
  void Fail() {
    failed = true;
    i = p.size();
  }
};

// The non-ASCII character at r->i, read: 0x80 marks it, and under case
// folding the two that fold to ASCII letters add them (the Kelvin sign
// "k", the long s "s"; no other non-ASCII character folds to ASCII).
void AddNonAscii(Reader* r, bool icase, Bytes* out) {
  const uint32_t cp = NextCodePoint(r->p, &r->i);
  out->set(0x80);
  if (icase && cp == 0x212A) out->set('k');
  if (icase && cp == 0x17F) out->set('s');
}

// A prefix, ASCII-lower-cased; `open` when the pattern was not read past
// it (any continuation).
struct Prefix {
  // A key of the bytes and their count; a few bytes, so no allocation.
  uint32_t bytes = 0;  // byte i in bits 8i..8i+7
  uint8_t len = 0;
  bool open = false;

  static Prefix Of(char c, bool open) {
    return Prefix{static_cast<unsigned char>(c), 1, open};
  }
  // This prefix followed by `o`, cut at kPrefixBytes bytes (then open).
  Prefix Then(const Prefix& o) const {
    Prefix p = *this;
    for (uint8_t i = 0; i < o.len && p.len < kPrefixBytes; ++i) {
      p.bytes |= ((o.bytes >> (8 * i)) & 0xFF) << (8 * p.len);
      ++p.len;
    }
    p.open = o.open || len + o.len >= kPrefixBytes;
    return p;
  }
  std::string str() const {
    std::string s;
    for (uint8_t i = 0; i < len; ++i) s += static_cast<char>(bytes >> (8 * i));
    return s;
  }
  bool operator==(const Prefix& o) const {
    return bytes == o.bytes && len == o.len && open == o.open;
  }
  bool operator<(const Prefix& o) const {
    if (bytes != o.bytes) return bytes < o.bytes;
    if (len != o.len) return len < o.len;
    return open < o.open;
  }
};
static_assert(kPrefixBytes <= 4, "Prefix holds four bytes");

// The prefixes of a part of the pattern. {("", closed)} is the empty
// string, which concatenation continues; {("", open)} is "anything".
struct Piece {
  std::vector<Prefix> prefixes;
};

Piece Empty() { return Piece{{Prefix{0, 0, false}}}; }
Piece Anything() { return Piece{{Prefix{0, 0, true}}}; }

void Dedupe(Piece* p) {
  auto& v = p->prefixes;
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  if (v.size() > kMaxPrefixes) *p = Anything();
}

// One prefix per ASCII byte of `bytes`, case folded, or "anything" for
// more than kMaxClassBytes of them. Bytes >= 0x80 (non-ASCII characters)
// give no prefix: a text that begins with one within kPrefixBytes bytes is
// not judged by prefixes (match.cc), and no other text can match there.
Piece FromBytes(const Bytes& bytes) {
  Bytes folded;
  for (size_t b = bytes._Find_first(); b < 0x80; b = bytes._Find_next(b)) {
    folded.set(static_cast<unsigned char>(AsciiLower(static_cast<char>(b))));
  }
  if (folded.count() > kMaxClassBytes) return Anything();
  Piece out;
  for (int b = 0; b < 0x80; ++b) {
    if (folded.test(b))
      out.prefixes.push_back(Prefix::Of(static_cast<char>(b), false));
  }
  return out;
}

// Every string of `a` followed by every string of `b`, cut at kPrefixBytes.
Piece Concat(const Piece& a, const Piece& b) {
  Piece out;
  for (const Prefix& x : a.prefixes) {
    if (x.open || x.len >= kPrefixBytes) {
      Prefix p = x;
      p.open = true;
      out.prefixes.push_back(p);
      continue;
    }
    for (const Prefix& y : b.prefixes) {
      out.prefixes.push_back(x.Then(y));
    }
  }
  Dedupe(&out);
  return out;
}

// The same prefixes, each standing for any continuation.
Piece Opened(Piece p) {
  for (Prefix& x : p.prefixes) x.open = true;
  Dedupe(&p);
  return p;
}

Piece Union(Piece a, const Piece& b) {
  a.prefixes.insert(a.prefixes.end(), b.prefixes.begin(), b.prefixes.end());
  Dedupe(&a);
  return a;
}

constexpr int kZeroWidth = -2;  // \A \z \b \B
constexpr int kNotOneByte = -1;

// Reads the escape at r->i ('\\'): returns its byte when it stands for one
// ASCII character, kZeroWidth for an assertion, else kNotOneByte after
// adding what it matches (or every byte) to *out.
int Escape(Reader* r, Bytes* out) {
  if (r->i + 1 >= r->p.size()) {
    r->Fail();
    return kNotOneByte;
  }
  const unsigned char e = static_cast<unsigned char>(r->p[r->i + 1]);
  r->i += 2;
  switch (e) {
    case 'A':
    case 'z':
    case 'b':
    case 'B':
      return kZeroWidth;
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'f':
      return '\f';
    case 'v':
      return '\v';
    default:
      break;
  }
  if (AddPerlClass(static_cast<char>(e), out)) return kNotOneByte;
  if (IsAsciiPunct(e)) return e;
  out->set();
  if ((e == 'p' || e == 'P' || e == 'x') && r->More() && r->Peek() == '{') {
    const size_t close = r->p.find('}', r->i);  // \p{Greek}, \x{41}
    if (close == std::string_view::npos) {
      r->Fail();
    } else {
      r->i = close + 1;
    }
  } else if (e == 'p' || e == 'P') {
    if (r->More()) ++r->i;  // \pL
  } else if (e == 'x') {
    r->i = std::min(r->p.size(), r->i + 2);  // \x41
  } else if (e == 'Q') {
    const size_t close = r->p.find("\\E", r->i);  // \Q...\E
    r->i = close == std::string_view::npos ? r->p.size() : close + 2;
  } else if (e >= '0' && e <= '7') {
    while (r->More() && r->Peek() >= '0' && r->Peek() <= '7') ++r->i;
  }
  return kNotOneByte;
}

// Skips the rest of a UTF-8 sequence whose lead byte was just read.
void SkipContinuation(Reader* r) {
  while (r->More() && (r->Peek() & 0xC0) == 0x80) ++r->i;
}

Piece Alternation(Reader* r, bool icase, int depth);

// A character class "[...]", r->i just after the '['.
Bytes Class(Reader* r, bool icase) {
  Bytes out;
  if (r->More() && r->Peek() == '^') {
    out.set();  // a negated class: nearly everything
    ++r->i;
  }
  bool first = true;
  while (r->More() && (first || r->Peek() != ']')) {
    first = false;
    const unsigned char c = r->Peek();
    int lo = kNotOneByte;  // an ASCII character, which may start a range
    if (c == '[' && r->i + 1 < r->p.size() && r->p[r->i + 1] == ':') {
      const size_t close = r->p.find(":]", r->i + 2);  // [:alpha:]
      if (close == std::string_view::npos) {
        r->Fail();
        return out;
      }
      out.set();
      r->i = close + 2;
      continue;
    }
    if (c == '\\') {
      lo = Escape(r, &out);
      if (lo == kZeroWidth) out.set();
    } else if (c >= 0x80) {
      AddNonAscii(r, icase, &out);
    } else {
      lo = c;
      ++r->i;
    }
    if (r->failed) return out;
    // A range lo-hi?
    if (r->More() && r->Peek() == '-' && r->i + 1 < r->p.size() &&
        r->p[r->i + 1] != ']') {
      ++r->i;
      int hi = r->Peek();
      if (hi == '\\') {
        hi = Escape(r, &out);
      } else {
        ++r->i;
        if (hi >= 0x80) {
          SkipContinuation(r);
          hi = kNotOneByte;
        }
      }
      if (lo < 0 || hi < lo) {
        out.set();  // not read: a range out of ASCII, say
      } else {
        for (int b = lo; b <= hi; ++b) AddAscii(b, icase, &out);
      }
      continue;
    }
    if (lo >= 0) AddAscii(lo, icase, &out);
  }
  if (!r->More()) {
    r->Fail();  // no closing ']'
    return out;
  }
  ++r->i;  // ']'
  return out;
}

// Reads a group's "(?flags:" or "(?flags)" after "(?"; returns false for a
// flag setting (no group follows) and sets *icase when the flags turn case
// folding on ("(?-i)" is read as nothing, which is never too few).
bool Flags(Reader* r, bool* icase) {
  bool negated = false;
  while (r->More()) {
    const char c = static_cast<char>(r->Peek());
    ++r->i;
    if (c == ':') return true;
    if (c == ')') return false;
    if (c == '-') {
      negated = true;
    } else if (c == 'i') {
      if (!negated) *icase = true;
    } else if (c != 's' && c != 'm' && c != 'U') {
      break;
    }
  }
  r->Fail();
  return false;
}

// One atom and its repetitions; *icase may be turned on by a flag setting,
// for the rest of the enclosing group.
Piece Atom(Reader* r, bool* icase, int depth) {
  Piece out;
  Bytes bytes;
  const unsigned char c = r->Peek();
  if (c == '(') {
    ++r->i;
    bool inner = *icase;
    if (r->More() && r->Peek() == '?') {
      ++r->i;
      if (r->More() && (r->Peek() == 'P' || r->Peek() == '<')) {
        const size_t close = r->p.find('>', r->i);
        if (close == std::string_view::npos) {
          r->Fail();
          return out;
        }
        r->i = close + 1;
      } else if (!Flags(r, &inner)) {
        *icase = inner;  // a flag setting: nothing to match
        return Empty();
      }
    }
    if (depth >= kMaxDepth) {
      r->Fail();
      return out;
    }
    out = Alternation(r, inner, depth + 1);
    if (!r->More() || r->Peek() != ')') {
      r->Fail();
      return out;
    }
    ++r->i;
  } else if (c == '[') {
    ++r->i;
    const Bytes b = Class(r, *icase);
    if (!r->skip) out = FromBytes(b);
  } else if (c == '^' || c == '$') {
    ++r->i;
    out = Empty();
  } else if (c == '\\') {
    const int b = Escape(r, &bytes);
    if (b == kZeroWidth) {
      out = Empty();
    } else {
      if (b >= 0) bytes.set(b);
      if (!r->skip) out = FromBytes(bytes);
    }
  } else if (c >= 0x80) {
    AddNonAscii(r, *icase, &bytes);
    if (!r->skip) out = FromBytes(bytes);
  } else if (c == '.') {
    ++r->i;
    if (!r->skip) out = Anything();
  } else if (c == '*' || c == '+' || c == '?' || c == '{') {
    r->Fail();  // a repetition of nothing: RE2 refuses it
    return out;
  } else {
    if (!r->skip)
      out = Piece{{Prefix::Of(AsciiLower(static_cast<char>(c)), false)}};
    ++r->i;
  }
  // Repetitions: ? * and {0,...} may repeat nothing; X+ and X{n,...} begin
  // with X, then anything.
  while (r->More()) {
    const unsigned char q = r->Peek();
    if (q == '?') {
      if (!r->skip) out = Union(std::move(out), Empty());
      ++r->i;
    } else if (q == '*') {
      if (!r->skip) out = Union(Opened(std::move(out)), Empty());
      ++r->i;
    } else if (q == '+') {
      if (!r->skip) out = Opened(std::move(out));
      ++r->i;
    } else if (q == '{') {
      size_t j = r->i + 1;
      size_t digits = 0;
      int lo = 0;
      while (j < r->p.size() && r->p[j] >= '0' && r->p[j] <= '9') {
        if (digits++ < 6) lo = lo * 10 + (r->p[j] - '0');
        ++j;
      }
      const size_t close = r->p.find('}', j);
      if (digits == 0 || close == std::string_view::npos) {
        r->Fail();  // RE2 would read a literal '{'; not read here
        return out;
      }
      for (size_t k = j; k < close; ++k) {
        if (r->p[k] != ',' && !(r->p[k] >= '0' && r->p[k] <= '9')) {
          r->Fail();
          return out;
        }
      }
      if (!r->skip) {
        out = Opened(std::move(out));
        if (lo == 0) out = Union(std::move(out), Empty());
      }
      r->i = close + 1;
    } else {
      break;
    }
  }
  return out;
}

// True when r->Peek() is a character that Atom reads as itself, with no
// repetition after it: ASCII, not NUL, and none of ( ) [ \ ^ $ . | * + ?
// { (Atom reads ']' and '}' as themselves).
bool PlainCharacter(const Reader& r) {
  const unsigned char c = r.Peek();
  if (c == 0 || c >= 0x80 || std::strchr("()[\\^$.|*+?{", c) != nullptr) {
    return false;
  }
  if (r.i + 1 >= r.p.size()) return true;
  const char q = r.p[r.i + 1];
  return q != '*' && q != '+' && q != '?' && q != '{';
}

// *seq followed by the one-byte prefix `c`: Concat(*seq, {c}) in place.
void AppendInPlace(char c, Piece* seq) {
  const Prefix b = Prefix::Of(c, false);
  for (Prefix& x : seq->prefixes) {
    if (x.open || x.len >= kPrefixBytes) {
      x.open = true;
    } else {
      x = x.Then(b);
    }
  }
  Dedupe(seq);
}

// Alternatives up to the enclosing ')' or the end.
Piece Alternation(Reader* r, bool icase, int depth) {
  Piece out;
  while (true) {
    bool seq_icase = icase;
    Piece seq = Empty();
    bool closed = true;  // some prefix of seq can still grow
    while (r->More() && r->Peek() != '|' && r->Peek() != ')') {
      if (closed && !r->skip && PlainCharacter(*r)) {
        // Most of a rule is words: each letter is appended in place, as
        // Concat(seq, the letter) would, without a Piece of its own (the
        // allocations were most of a fresh rule set's 19 million
        // instructions here).
        AppendInPlace(AsciiLower(static_cast<char>(r->Peek())), &seq);
        ++r->i;
        closed = false;
        for (const Prefix& x : seq.prefixes) closed = closed || !x.open;
        continue;
      }
      const bool was_skipping = r->skip;
      r->skip = was_skipping || !closed;  // only to find the group's end
      Piece a = Atom(r, &seq_icase, depth);
      r->skip = was_skipping;
      if (r->failed) return out;
      if (!closed || r->skip) continue;
      seq = Concat(seq, a);
      closed = false;
      for (const Prefix& x : seq.prefixes) closed = closed || !x.open;
    }
    // A flag setting lasts to the end of the group, over '|'.
    icase = seq_icase;
    if (!r->skip) {
      out.prefixes.insert(out.prefixes.end(), seq.prefixes.begin(),
                          seq.prefixes.end());
    }
    if (!r->More() || r->Peek() != '|') {
      Dedupe(&out);
      return out;
    }
    ++r->i;
  }
}

}  // namespace

bool MatchPrefixes(std::string_view pattern, bool icase,
                   std::vector<std::string>* out) {
  out->clear();
  Reader r{pattern};
  const Piece all = Alternation(&r, icase, 0);
  if (r.failed || r.More()) return false;
  for (const Prefix& p : all.prefixes) {
    if (p.len == 0) return false;  // may match the empty text or anything
    out->push_back(p.str());
  }
  return true;
}

}  // namespace winnow
