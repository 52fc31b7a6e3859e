// Copyright winnow authors. Licensed under the MIT licence.

#include "util/json.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <utility>

#include "util/utf8.h"

namespace winnow {

// ---------------------------------------------------------------------------
// JsonValue

JsonValue JsonValue::Bool(bool b) {
  JsonValue v;
  v.type_ = Type::kBool;
  v.bool_ = b;
  return v;
}

JsonValue JsonValue::Number(double d) {
  JsonValue v;
  v.type_ = Type::kNumber;
  v.number_ = d;
  return v;
}

JsonValue JsonValue::NumberText(std::string_view text, double d) {
  JsonValue v;
  v.type_ = Type::kNumber;
  v.number_ = d;
  v.text_.assign(text.data(), text.size());
  return v;
}

JsonValue JsonValue::String(std::string s) {
  JsonValue v;
  v.type_ = Type::kString;
  v.text_ = std::move(s);
  return v;
}

JsonValue JsonValue::Array() {
  JsonValue v;
  v.type_ = Type::kArray;
  return v;
}

JsonValue JsonValue::Object() {
  JsonValue v;
  v.type_ = Type::kObject;
  return v;
}

const JsonValue* JsonValue::Find(std::string_view key) const {
  for (size_t i = members_.size(); i-- > 0;) {
    if (members_[i].key == key) return &members_[i].value;
  }
  return nullptr;
}

JsonValue* JsonValue::Find(std::string_view key) {
  return const_cast<JsonValue*>(static_cast<const JsonValue*>(this)->Find(key));
}

void JsonValue::Append(JsonValue v) {
  if (type_ == Type::kArray) elements_.push_back(std::move(v));
}

void JsonValue::Add(std::string key, JsonValue v) {
  if (type_ == Type::kObject) {
    members_.push_back(JsonMember{std::move(key), std::move(v)});
  }
}

// ---------------------------------------------------------------------------
// UTF-8

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence at p (1-4), or 0 when invalid; then
// *skip is the length of the maximal invalid subpart (at least 1), which
// becomes one U+FFFD.
inline size_t Utf8Sequence(const unsigned char* p, size_t n, size_t* skip) {
  unsigned char c = p[0];
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *skip = 1;
    return 0;
  }
  size_t i = 1;
  for (; i < len; ++i) {
    if (i >= n) break;
    unsigned char b = p[i];
    if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) break;
  }
  if (i == len) return len;
  *skip = i;
  return 0;
}

// Bytes that a string body copies as they are: printable ASCII but '"' and
// '\\'. The same table serves parser and writer.
struct PlainTable {
  bool plain[256];
  constexpr PlainTable() : plain() {
    for (int c = 0; c < 256; ++c) {
      plain[c] = c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
    }
  }
};
constexpr PlainTable kPlain;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Four hex digits at in[*pos] into *v; false (nothing moved) if not.
bool ReadHex4(std::string_view in, size_t pos, uint32_t* v) {
  if (in.size() - pos < 4) return false;
  uint32_t x = 0;
  for (int i = 0; i < 4; ++i) {
    const int h = HexValue(in[pos + i]);
    if (h < 0) return false;
    x = x << 4 | static_cast<uint32_t>(h);
  }
  *v = x;
  return true;
}

// ---------------------------------------------------------------------------
// Parser

class Parser {
 public:
  Parser(std::string_view in, const JsonParseOptions& options)
      : in_(in), options_(options) {}

  Status Parse(JsonValue* out);

 private:
  struct Frame {
    JsonValue value;  // the open array or object
    std::string key;  // its key in the parent object
  };

  Status Error(const char* what) const {
    return Status::Corruption("JSON syntax error at byte " +
                              std::to_string(pos_) + ": " + what);
  }
  void SkipWs() {
    while (pos_ < in_.size()) {
      char c = in_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
      ++pos_;
    }
  }
  bool Peek(char c) const { return pos_ < in_.size() && in_[pos_] == c; }
  Status ParseString(std::string* out);
  Status ParseNumber(JsonValue* v);
  Status ParseLiteral(JsonValue* v);
  // After '{' or ',' in an object: a key and its ':'.
  Status ParseKey(std::string* key);

  std::string_view in_;
  const JsonParseOptions& options_;
  size_t pos_ = 0;
};

Status Parser::ParseString(std::string* out) {
  ++pos_;  // the opening quote
  const auto* p = reinterpret_cast<const unsigned char*>(in_.data());
  const size_t n = in_.size();
  for (;;) {
    size_t start = pos_;
    while (pos_ < n && kPlain.plain[p[pos_]]) ++pos_;
    out->append(in_.data() + start, pos_ - start);
    if (pos_ >= n) return Error("unterminated string");
    unsigned char c = p[pos_];
    if (c == '"') {
      ++pos_;
      return Status::OK();
    }
    if (c == '\\') {
      if (pos_ + 1 >= n) {
        ++pos_;
        return Error("unterminated string");
      }
      if (const char* bad = AppendJsonEscape(in_, &pos_, out)) {
        return Error(bad);
      }
      continue;
    }
    if (c < 0x20) return Error("control character in string");
    size_t skip = 1;
    size_t len = Utf8Sequence(p + pos_, n - pos_, &skip);
    if (len) {
      out->append(in_.data() + pos_, len);
      pos_ += len;
    } else {
      out->append(kReplacement);
      pos_ += skip;
    }
  }
}

Status Parser::ParseNumber(JsonValue* v) {
  const size_t start = pos_;
  const size_t n = in_.size();
  auto digit = [&](size_t i) {
    return i < n && in_[i] >= '0' && in_[i] <= '9';
  };
  if (Peek('-')) ++pos_;
  if (Peek('0')) {
    ++pos_;
  } else if (digit(pos_)) {
    while (digit(pos_)) ++pos_;
  } else {
    return Error(pos_ == start ? "unexpected character" : "bad number");
  }
  if (Peek('.')) {
    ++pos_;
    if (!digit(pos_)) return Error("bad number");
    while (digit(pos_)) ++pos_;
  }
  if (Peek('e') || Peek('E')) {
    ++pos_;
    if (Peek('+') || Peek('-')) ++pos_;
    if (!digit(pos_)) return Error("bad number");
    while (digit(pos_)) ++pos_;
  }
  std::string_view text = in_.substr(start, pos_ - start);
  double d = 0;
  auto res = std::from_chars(text.data(), text.data() + text.size(), d);
  if (res.ec == std::errc::result_out_of_range) {
    // Too large: +-inf; too small: 0. The text keeps the exact value.
    bool big = false;
    size_t e = text.find_first_of("eE");
    if (e == std::string_view::npos) {
      big = true;
    } else {
      big = text[e + 1] != '-';
    }
    d = big ? HUGE_VAL : 0.0;
    if (text[0] == '-') d = -d;
  }
  *v = JsonValue::NumberText(text, d);
  return Status::OK();
}

Status Parser::ParseLiteral(JsonValue* v) {
  std::string_view rest = in_.substr(pos_);
  if (rest.substr(0, 4) == "true") {
    *v = JsonValue::Bool(true);
    pos_ += 4;
  } else if (rest.substr(0, 5) == "false") {
    *v = JsonValue::Bool(false);
    pos_ += 5;
  } else if (rest.substr(0, 4) == "null") {
    *v = JsonValue();
    pos_ += 4;
  } else {
    return Error("unexpected character");
  }
  return Status::OK();
}

Status Parser::ParseKey(std::string* key) {
  SkipWs();
  if (!Peek('"')) {
    return Error(pos_ >= in_.size() ? "unexpected end" : "expected a key");
  }
  key->clear();
  Status s = ParseString(key);
  if (!s.ok()) return s;
  SkipWs();
  if (!Peek(':')) return Error("expected ':'");
  ++pos_;
  return Status::OK();
}

Status Parser::Parse(JsonValue* out) {
  std::vector<Frame> stack;
  std::string key;  // the key of the next value when the top is an object
  const size_t max_depth = options_.max_depth > 0 ? options_.max_depth : 0;
  for (;;) {
    // Expecting a value.
    SkipWs();
    if (pos_ >= in_.size()) return Error("unexpected end");
    JsonValue v;
    std::string v_key;
    char c = in_[pos_];
    if (c == '{' || c == '[') {
      if (stack.size() >= max_depth) {
        return Status::ResourceExhausted("JSON nested deeper than " +
                                         std::to_string(max_depth) +
                                         " at byte " + std::to_string(pos_));
      }
      ++pos_;
      stack.push_back(Frame{c == '{' ? JsonValue::Object() : JsonValue::Array(),
                            std::move(key)});
      key.clear();
      SkipWs();
      if (Peek(c == '{' ? '}' : ']')) {  // empty
        ++pos_;
        v = std::move(stack.back().value);
        v_key = std::move(stack.back().key);
        stack.pop_back();
      } else {
        if (c == '{') {
          Status s = ParseKey(&key);
          if (!s.ok()) return s;
        }
        continue;
      }
    } else {
      Status s;
      if (c == '"') {
        v = JsonValue::String(std::string());
        s = ParseString(v.mutable_str());
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        s = ParseNumber(&v);
      } else {
        s = ParseLiteral(&v);
      }
      if (!s.ok()) return s;
      v_key = std::move(key);
      key.clear();
    }
    // A complete value: attach it, then close what closes.
    for (;;) {
      if (stack.empty()) {
        SkipWs();
        if (pos_ != in_.size()) return Error("trailing characters");
        *out = std::move(v);
        return Status::OK();
      }
      Frame& top = stack.back();
      const bool is_object = top.value.is_object();
      if (is_object) {
        top.value.Add(std::move(v_key), std::move(v));
      } else {
        top.value.Append(std::move(v));
      }
      SkipWs();
      if (Peek(',')) {
        ++pos_;
        if (is_object) {
          Status s = ParseKey(&key);
          if (!s.ok()) return s;
        }
        break;  // the next value
      }
      if (Peek(is_object ? '}' : ']')) {
        ++pos_;
        v = std::move(top.value);
        v_key = std::move(top.key);
        stack.pop_back();
        continue;
      }
      if (pos_ >= in_.size()) return Error("unexpected end");
      return Error(is_object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
  }
}

void AppendNumber(const JsonValue& v, std::string* out) {
  if (!v.number_text().empty()) {
    out->append(v.number_text());
    return;
  }
  double d = v.number();
  if (!std::isfinite(d)) {
    out->append("null");
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), d);
  out->append(buf, res.ptr - buf);
}

void AppendScalar(const JsonValue& v, std::string* out) {
  switch (v.type()) {
    case JsonValue::Type::kNull:
      out->append("null");
      break;
    case JsonValue::Type::kBool:
      out->append(v.bool_value() ? "true" : "false");
      break;
    case JsonValue::Type::kNumber:
      AppendNumber(v, out);
      break;
    case JsonValue::Type::kString:
      AppendJsonString(v.str(), out);
      break;
    default:
      break;
  }
}

}  // namespace

const char* AppendJsonEscape(std::string_view in, size_t* pos,
                             std::string* out) {
  size_t p = *pos + 1;  // after the backslash
  if (p >= in.size()) return "bad escape";
  const char e = in[p++];
  if (e != 'u') {
    static constexpr std::string_view kEscaped = "\"\\/bfnrt";
    static constexpr std::string_view kMeant = "\"\\/\b\f\n\r\t";
    const size_t k = kEscaped.find(e);
    if (k == std::string_view::npos) return "bad escape";  // *pos unmoved
    out->push_back(kMeant[k]);
    *pos = p;
    return nullptr;
  }
  uint32_t cp;
  if (in.size() - p < 4) {
    *pos = p;
    return "truncated \\u escape";
  }
  if (!ReadHex4(in, p, &cp)) {
    *pos = p;
    return "bad \\u escape";
  }
  p += 4;
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    // A high surrogate: a low one must follow to make a pair.
    if (in.size() - p >= 6 && in[p] == '\\' && in[p + 1] == 'u') {
      uint32_t lo;
      if (!ReadHex4(in, p + 2, &lo)) {
        *pos = p + 2;
        return "bad \\u escape";
      }
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        AppendUtf8(0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00), out);
        *pos = p + 6;
        return nullptr;
      }
      // Not a pair: the next escape stands alone.
    }
    out->append(kReplacement);
  } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
    out->append(kReplacement);  // a lone low surrogate
  } else {
    AppendUtf8(cp, out);
  }
  *pos = p;
  return nullptr;
}

Status ParseJson(std::string_view text, JsonValue* out,
                 const JsonParseOptions& options) {
  Parser parser(text, options);
  return parser.Parse(out);
}

// ---------------------------------------------------------------------------
// Writer

void AppendJsonEscaped(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  out->reserve(out->size() + n + 2);
  while (i < n) {
    size_t start = i;
    while (i < n && kPlain.plain[p[i]]) ++i;
    out->append(s.data() + start, i - start);
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      switch (c) {
        case '"':
          out->append("\\\"");
          break;
        case '\\':
          out->append("\\\\");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\t':
          out->append("\\t");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\b':
          out->append("\\b");
          break;
        case '\f':
          out->append("\\f");
          break;
        default: {
          char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out->append(esc, 6);
        }
      }
      ++i;
      continue;
    }
    size_t skip = 1;
    size_t len = Utf8Sequence(p + i, n - i, &skip);
    if (len == 0) {
      out->append(kReplacement);
      i += skip;
    } else if (len == 3 && c == 0xE2 && p[i + 1] == 0x80 &&
               (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
      out->append(p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
      i += 3;
    } else {
      out->append(s.data() + i, len);
      i += len;
    }
  }
}

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  AppendJsonEscaped(s, out);
  out->push_back('"');
}

void WriteJson(const JsonValue& root, std::string* out) {
  struct Item {
    const JsonValue* v;
    size_t next;
  };
  std::vector<Item> stack;
  auto open = [&](const JsonValue* v) {
    if (v->is_array()) {
      out->push_back('[');
      stack.push_back({v, 0});
    } else if (v->is_object()) {
      out->push_back('{');
      stack.push_back({v, 0});
    } else {
      AppendScalar(*v, out);
    }
  };
  open(&root);
  while (!stack.empty()) {
    Item& top = stack.back();
    const JsonValue* v = top.v;
    if (v->is_array()) {
      if (top.next == v->elements().size()) {
        out->push_back(']');
        stack.pop_back();
        continue;
      }
      if (top.next > 0) out->push_back(',');
      const JsonValue* child = &v->elements()[top.next++];
      open(child);  // may reallocate the stack: `top` is not used after
    } else {
      if (top.next == v->members().size()) {
        out->push_back('}');
        stack.pop_back();
        continue;
      }
      if (top.next > 0) out->push_back(',');
      const JsonMember& m = v->members()[top.next++];
      AppendJsonString(m.key, out);
      out->push_back(':');
      open(&m.value);
    }
  }
}

std::string ToJson(const JsonValue& v) {
  std::string out;
  WriteJson(v, &out);
  return out;
}

}  // namespace winnow
