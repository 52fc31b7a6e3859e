// Copyright winnow authors. Licensed under the MIT licence.
//
// A small, strict JSON (RFC 8259) parser to a DOM, and a fast writer. The
// parser is iterative: input nesting never deepens the C++ stack, and it is
// bounded (JsonParseOptions::max_depth). Parsing is linear in the input.
//
//   JsonValue v;
//   Status s = ParseJson(line, &v);
//   if (s.ok() && v.is_object()) {
//     if (const JsonValue* html = v.Find("html"); html && html->is_string())
//       Use(html->str());
//   }
//   std::string out;
//   AppendJsonString("caf\xc3\xa9 \"x\"\n", &out);  // "café \"x\"\n"

#ifndef WINNOW_UTIL_JSON_H_
#define WINNOW_UTIL_JSON_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/status.h"

namespace winnow {

struct JsonMember;

class JsonValue {
 public:
  enum class Type : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

  JsonValue() = default;  // null
  static JsonValue Bool(bool b);
  // A number from a double; NaN and infinities are written as null.
  static JsonValue Number(double d);
  // A number kept as written (`text` must be a valid JSON number).
  static JsonValue NumberText(std::string_view text, double d);
  static JsonValue String(std::string s);
  static JsonValue Array();
  static JsonValue Object();

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  bool bool_value() const { return bool_; }
  double number() const { return number_; }
  // A number as written in the source (parsed numbers round-trip exactly);
  // empty for numbers made with Number().
  const std::string& number_text() const { return text_; }
  const std::string& str() const { return text_; }
  std::string* mutable_str() { return &text_; }

  // Array elements (empty unless an array).
  const std::vector<JsonValue>& elements() const { return elements_; }
  std::vector<JsonValue>* mutable_elements() { return &elements_; }
  // Object members in source order, duplicates kept (empty unless object).
  const std::vector<JsonMember>& members() const { return members_; }
  std::vector<JsonMember>* mutable_members() { return &members_; }

  // The value of the LAST member named `key` (as JavaScript and Python
  // resolve duplicates), or nullptr (also when not an object).
  const JsonValue* Find(std::string_view key) const;
  JsonValue* Find(std::string_view key);

  // Appends to an array / object (no-op on other types).
  void Append(JsonValue v);
  void Add(std::string key, JsonValue v);

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string text_;  // string value, or number as written
  std::vector<JsonValue> elements_;
  std::vector<JsonMember> members_;
};

struct JsonMember {
  std::string key;
  JsonValue value;
};

struct JsonParseOptions {
  // Arrays and objects nested deeper fail with kResourceExhausted.
  // Default: 256.
  int max_depth = 256;
};

// Parses exactly one JSON text (surrounding whitespace allowed) into *out.
// Strict grammar: no comments, trailing commas, single quotes, NaN, leading
// zeros or raw control characters in strings. In strings, a lone UTF-16
// surrogate escape and every invalid UTF-8 byte become U+FFFD (so strings
// are always valid UTF-8). Errors: kCorruption "JSON syntax error at byte
// N: ...", kResourceExhausted past max_depth. *out is unspecified on error.
Status ParseJson(std::string_view text, JsonValue* out,
                 const JsonParseOptions& options = JsonParseOptions());

// Decodes the escape sequence whose backslash is at in[*pos] (\" \\ \/ \b
// \f \n \r \t or \uXXXX; a \uXXXX\uXXXX surrogate pair is one code point,
// a lone surrogate U+FFFD), appends it to *out as UTF-8 and moves *pos past
// it: the one JSON unescaper, for ParseJson's strings and for readers that
// scan JSON without parsing it all. On a bad escape returns the reason
// ("bad escape", "bad \\u escape", "truncated \\u escape") and sets *pos
// to the offending byte; *out is then as it was. Returns nullptr on success.
const char* AppendJsonEscape(std::string_view in, size_t* pos,
                             std::string* out);

// Appends `s` as a quoted JSON string: escapes '"', '\\' and control
// characters (\n \t \r \b \f, else \u00XX), writes U+2028/U+2029 as \u2028/
// \u2029, keeps other non-ASCII as UTF-8 and replaces invalid UTF-8 by
// U+FFFD, so the output is always valid UTF-8 JSON. Fast on ASCII runs.
void AppendJsonString(std::string_view s, std::string* out);
// The same without the surrounding quotes.
void AppendJsonEscaped(std::string_view s, std::string* out);

// Appends `v` compactly (no spaces). Iterative; numbers parsed from text are
// written as they were written.
void WriteJson(const JsonValue& v, std::string* out);
std::string ToJson(const JsonValue& v);

}  // namespace winnow

#endif  // WINNOW_UTIL_JSON_H_
