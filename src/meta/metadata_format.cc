// Copyright winnow authors. Licensed under the MIT licence.

#include "meta/metadata_format.h"

namespace winnow {
namespace {

JsonValue List(const std::vector<std::string>& items) {
  if (items.empty()) return JsonValue();
  JsonValue a = JsonValue::Array();
  for (const std::string& s : items) a.Append(JsonValue::String(s));
  return a;
}

JsonValue Text(const std::string& s) {
  return s.empty() ? JsonValue() : JsonValue::String(s);
}

void AppendOneLine(std::string_view s, std::string* out) {
  for (char c : s) out->push_back(c == '\n' || c == '\r' ? ' ' : c);
}

}  // namespace

const std::vector<std::string>& MetadataFieldNames() {
  static const std::vector<std::string> kNames = {
      "title",      "author",        "date",     "sitename", "hostname",
      "description", "categories",   "tags",     "image",    "canonical_url",
      "language",   "encoding",      "warnings", "text_length",
      "fingerprint"};
  return kNames;
}

bool MetadataField(const Extraction& ex, std::string_view name,
                   JsonValue* out) {
  if (name == "title") *out = Text(ex.title);
  else if (name == "author") *out = Text(ex.author);
  else if (name == "date") *out = Text(ex.date);
  else if (name == "sitename") *out = Text(ex.sitename);
  else if (name == "hostname") *out = Text(ex.hostname);
  else if (name == "description") *out = Text(ex.description);
  else if (name == "categories") *out = List(ex.categories);
  else if (name == "tags") *out = List(ex.tags);
  else if (name == "image") *out = Text(ex.image);
  else if (name == "canonical_url") *out = Text(ex.canonical_url);
  else if (name == "language") *out = Text(ex.language);
  else if (name == "encoding") *out = Text(ex.encoding);
  else if (name == "warnings") *out = List(ex.warnings);
  else if (name == "fingerprint") *out = Text(ex.fingerprint);
  else if (name == "text_length") {
    const std::string n = std::to_string(ex.text_length);
    *out = JsonValue::NumberText(n, static_cast<double>(ex.text_length));
  } else {
    return false;
  }
  return true;
}

void AppendMetadataJson(const Extraction& ex, std::string* out) {
  JsonValue v;
  for (const std::string& name : MetadataFieldNames()) {
    if (name == "title" || !MetadataField(ex, name, &v) || v.is_null()) continue;
    out->push_back(',');
    AppendJsonString(name, out);
    out->push_back(':');
    WriteJson(v, out);
  }
}

void AppendMetadataLines(const Extraction& ex, std::string* out) {
  JsonValue v;
  for (const std::string& name : MetadataFieldNames()) {
    if (!MetadataField(ex, name, &v) || v.is_null()) continue;
    out->append(name);
    out->append(": ");
    if (v.is_array()) {
      const char* sep = name == "warnings" ? "; " : ", ";
      for (size_t i = 0; i < v.elements().size(); ++i) {
        if (i) out->append(sep);
        AppendOneLine(v.elements()[i].str(), out);
      }
    } else {
      AppendOneLine(v.is_number() ? v.number_text() : v.str(), out);
    }
    out->push_back('\n');
  }
}

}  // namespace winnow
