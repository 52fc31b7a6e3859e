// Copyright winnow authors. Licensed under the MIT licence.

#include "input/jsonl_line.h"

#include <simdjson.h>

#include <string>
#include <utility>

#include "input/jsonl.h"
#include "util/json.h"

namespace winnow {

namespace {

namespace od = simdjson::ondemand;

static_assert(JsonlLineParser::kPadding >= simdjson::SIMDJSON_PADDING,
              "simdjson reads past the end of its input");

// A parser that grew past this for one long line is dropped after it, so
// that one huge record does not pin its memory for the rest of the run.
constexpr size_t kKeepParserBytes = size_t{16} << 20;

bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// `text` without the JSON whitespace at its end.
std::string_view TrimEnd(std::string_view text) {
  while (!text.empty() && IsJsonSpace(text.back())) text.remove_suffix(1);
  return text;
}

// Appends `"key":value` to an object body (`passthrough`), after a comma
// unless it is the first member.
void AppendMember(std::string_view key, const JsonValue& value,
                  std::string* out) {
  if (!out->empty()) out->push_back(',');
  AppendJsonString(key, out);
  out->push_back(':');
  WriteJson(value, out);
}

// The record's kind and content type for a body from the html field
// (kHtml) or the text field (kText); kAuto: neither holds a string, which
// fails the record.
void SetKind(const ReaderOptions& options, ContentKind kind, Record* r) {
  if (kind == ContentKind::kHtml) {
    r->kind = kind;
    r->content_type = "text/html; charset=utf-8";
  } else if (kind == ContentKind::kText) {
    r->kind = kind;
    r->content_type = "text/plain; charset=utf-8";
  } else {
    r->error = Status::NotFound("no string \"" + options.html_field +
                                "\" or \"" + options.text_field + "\" field");
  }
}

// The last member named like one of the content fields: its string value,
// or none when that member's value is not a string (JsonValue::Find's "the
// LAST member named key").
struct LastMember {
  bool is_string = false;
  std::string_view value;  // in simdjson's string buffer
};

}  // namespace

struct JsonlLineParser::Fast {
  od::parser parser;
};

JsonlLineParser::JsonlLineParser(const ReaderOptions& options)
    : options_(options), fast_(std::make_unique<Fast>()) {}

JsonlLineParser::~JsonlLineParser() = default;

void JsonlLineParser::Parse(std::string_view line, Record* r) {
  if (!ParseFast(line, r)) ParseFull(line, r);
  if (fast_->parser.capacity() > kKeepParserBytes) {
    fast_ = std::make_unique<Fast>();
  }
}

bool JsonlLineParser::ParseFast(std::string_view line, Record* r) {
  od::document doc;
  od::object object;
  if (fast_->parser
          .iterate(simdjson::padded_string_view(line.data(), line.size(),
                                                line.size() + kPadding))
          .get(doc) ||
      doc.get_object().get(object)) {
    return false;
  }
  LastMember url, html, text;
  std::string passthrough;
  // A value that ParseJson re-reads from its span of the line, once the
  // span's end is known (the next key, or the object's closing brace).
  const char* span_start = nullptr;
  std::string_view span_key;
  bool span_passes_through = false;
  auto end_span = [&](std::string_view rest) {
    // `rest`: from the value to the next key's quote or the closing brace,
    // both excluded; the separating comma (if any) and spaces go.
    rest = TrimEnd(rest);
    if (!rest.empty() && rest.back() == ',') rest.remove_suffix(1);
    JsonParseOptions options;
    // The value is one level below the line's object: the same bound on
    // nesting as the full path's.
    options.max_depth -= 1;
    JsonValue v;
    if (!ParseJson(rest, &v, options).ok()) return false;
    if (span_passes_through) AppendMember(span_key, v, &passthrough);
    span_start = nullptr;
    return true;
  };

  for (auto result : object) {
    od::field field;
    if (std::move(result).get(field)) return false;
    const char* key_quote = field.key().raw() - 1;
    if (span_start &&
        !end_span(std::string_view(span_start, key_quote - span_start))) {
      return false;
    }
    std::string_view key;
    od::json_type type;
    if (field.unescaped_key().get(key) || field.value().type().get(type)) {
      return false;
    }
    const bool is_html = key == options_.html_field;
    const bool is_text = key == options_.text_field;
    const bool is_url = key == options_.url_field;
    const bool content = is_html || is_text || is_url;
    LastMember member;
    if (content && type == od::json_type::string) {
      member.is_string = true;
      if (field.value().get_string().get(member.value)) return false;
    } else {
      span_start = field.value().raw_json_token().data();
      span_key = key;
      span_passes_through = !content;
    }
    if (is_html) html = member;
    if (is_text) text = member;
    if (is_url) url = member;
  }
  // Trailing characters after the object: simdjson leaves them unread.
  const char* trailing;
  if (doc.current_location().get(trailing) == simdjson::SUCCESS) return false;
  if (span_start) {
    // The line ends with the object's closing brace (and spaces).
    std::string_view rest(span_start, line.data() + line.size() - span_start);
    rest = TrimEnd(rest);
    if (rest.empty() || rest.back() != '}') return false;
    rest.remove_suffix(1);
    if (!end_span(rest)) return false;
  }

  if (url.is_string) r->url.assign(url.value);
  const ContentKind kind = html.is_string   ? ContentKind::kHtml
                           : text.is_string ? ContentKind::kText
                                            : ContentKind::kAuto;
  if (kind != ContentKind::kAuto) {
    // A new string, as the full path moves one in: the record's old buffer
    // goes, so that slots in flight do not each keep the largest page's.
    r->body = std::string(kind == ContentKind::kHtml ? html.value : text.value);
  }
  SetKind(options_, kind, r);
  r->passthrough = std::move(passthrough);
  return true;
}

void JsonlLineParser::ParseFull(std::string_view line, Record* r) const {
  JsonValue v;
  Status s = ParseJson(line, &v);
  if (!s.ok()) {
    ScanJsonStringField(line, options_.url_field, &r->url);
    r->error = s;
    return;
  }
  if (!v.is_object()) {
    r->error = Status::Corruption("line is not a JSON object");
    return;
  }
  if (const JsonValue* u = v.Find(options_.url_field); u && u->is_string()) {
    r->url = u->str();
  }
  JsonValue* html = v.Find(options_.html_field);
  JsonValue* text = v.Find(options_.text_field);
  ContentKind kind = ContentKind::kAuto;
  if (html && html->is_string()) {
    r->body = std::move(*html->mutable_str());
    kind = ContentKind::kHtml;
  } else if (text && text->is_string()) {
    r->body = std::move(*text->mutable_str());
    kind = ContentKind::kText;
  }
  SetKind(options_, kind, r);
  for (const JsonMember& m : v.members()) {
    if (m.key != options_.html_field && m.key != options_.text_field &&
        m.key != options_.url_field) {
      AppendMember(m.key, m.value, &r->passthrough);
    }
  }
}

}  // namespace winnow
