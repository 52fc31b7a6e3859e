// Copyright winnow authors. Licensed under the MIT licence.

#include "cli/format.h"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "cli/common.h"
#include "util/json.h"

namespace winnow {
namespace cli {
namespace {

// Output keys that a passed-through JSONL field must not repeat: with two
// values under one key most consumers silently keep the last.
constexpr std::string_view kOwnKeys[] = {
    "url",  "title", "text",  "warc_record_id",
    "date", "input", "error", "warnings"};

void AppendPassthrough(const std::string& passthrough, std::string* out) {
  if (passthrough.empty()) return;
  bool clash = false;
  for (std::string_view key : kOwnKeys) {
    std::string quoted = "\"" + std::string(key) + "\":";
    if (passthrough.find(quoted) != std::string::npos) clash = true;
  }
  if (!clash) {
    out->append(passthrough);
    out->push_back(',');
    return;
  }
  // Rare: rebuild without the clashing members (the substring may also have
  // matched inside a nested object, which the rebuild keeps).
  JsonValue v;
  if (!ParseJson("{" + passthrough + "}", &v).ok()) return;
  for (const JsonMember& m : v.members()) {
    if (std::find(std::begin(kOwnKeys), std::end(kOwnKeys), m.key) !=
        std::end(kOwnKeys)) {
      continue;
    }
    AppendJsonString(m.key, out);
    out->push_back(':');
    WriteJson(m.value, out);
    out->push_back(',');
  }
}

void AppendField(const char* key, std::string_view value, std::string* out) {
  out->push_back(',');
  out->push_back('"');
  out->append(key);
  out->append("\":");
  AppendJsonString(value, out);
}

// The members every record object starts with: passed-through fields, the
// address, the input and where in it the record is.
void OpenRecordObject(const Record& rec, const std::string& url,
                      std::string* out) {
  out->push_back('{');
  AppendPassthrough(rec.passthrough, out);
  out->append("\"url\":");
  AppendJsonString(url, out);
}

class TextFormatter : public Formatter {
 public:
  explicit TextFormatter(bool markdown) : markdown_(markdown) {}
  void Extracted(const Record&, const std::string&, Extraction* ex,
                 std::string* out) const override {
    if (out->empty()) {
      out->swap(ex->text);
    } else {
      out->append(ex->text);
    }
  }
  void Failed(const Record&, const std::string&, const std::string&,
              std::string*) const override {}
  const char* extension() const override { return markdown_ ? ".md" : ".txt"; }

 private:
  bool markdown_;
};

class JsonFormatter : public Formatter {
 public:
  explicit JsonFormatter(bool lines) : lines_(lines) {}
  void Extracted(const Record& rec, const std::string& url, Extraction* ex,
                 std::string* out) const override {
    out->reserve(out->size() + ex->text.size() + ex->title.size() + url.size() +
                 128);
    OpenRecordObject(rec, url, out);
    if (!rec.warc_record_id.empty()) {
      AppendField("warc_record_id", rec.warc_record_id, out);
      AppendField("date", rec.date, out);
    }
    AppendField("title", ex->title, out);
    AppendField("text", ex->text, out);
    if (!ex->warnings.empty()) {
      out->append(",\"warnings\":[");
      for (size_t i = 0; i < ex->warnings.size(); ++i) {
        if (i) out->push_back(',');
        AppendJsonString(ex->warnings[i], out);
      }
      out->push_back(']');
    }
    Close(out);
  }
  void Failed(const Record& rec, const std::string& url,
              const std::string& message, std::string* out) const override {
    OpenRecordObject(rec, url, out);
    AppendField("input", rec.input, out);
    if (!rec.warc_record_id.empty()) {
      AppendField("warc_record_id", rec.warc_record_id, out);
    }
    AppendField("error", message, out);
    Close(out);
  }
  const char* extension() const override { return ".json"; }

 private:
  void Close(std::string* out) const {
    out->push_back('}');
    if (lines_) out->push_back('\n');
  }
  bool lines_;
};

class ExplainFormatter : public Formatter {
 public:
  explicit ExplainFormatter(bool jsonl) : jsonl_(jsonl) {}
  void Extracted(const Record&, const std::string&, Extraction* ex,
                 std::string* out) const override {
    AppendExplain(*ex, jsonl_, out);
  }
  void Failed(const Record&, const std::string&, const std::string&,
              std::string*) const override {}
  const char* extension() const override { return jsonl_ ? ".jsonl" : ".txt"; }

 private:
  bool jsonl_;
};

}  // namespace

std::unique_ptr<Formatter> MakeFormatter(OutputFormat format, bool explain) {
  if (explain) {
    return std::make_unique<ExplainFormatter>(format == OutputFormat::kJsonl);
  }
  switch (format) {
    case OutputFormat::kText:
      return std::make_unique<TextFormatter>(false);
    case OutputFormat::kMarkdown:
      return std::make_unique<TextFormatter>(true);
    case OutputFormat::kJsonl:
      return std::make_unique<JsonFormatter>(true);
    case OutputFormat::kJson:
      return std::make_unique<JsonFormatter>(false);
  }
  return nullptr;
}

std::string DescribeRecord(const Record& rec, bool page,
                           const std::string& url) {
  std::string d = rec.input == "-" ? "<stdin>" : rec.input;
  if (!page) {
    d += "#" + std::to_string(rec.index) + "@" + std::to_string(rec.offset);
  }
  const std::string& u = url.empty() ? rec.url : url;
  if (!u.empty() && u != rec.input) d += " (" + u + ")";
  return d;
}

std::string StripInputPrefix(const std::string& message,
                             const std::string& input) {
  if (message.size() > input.size() + 2 &&
      message.compare(0, input.size(), input) == 0 &&
      message.compare(input.size(), 2, ": ") == 0) {
    return message.substr(input.size() + 2);
  }
  return message;
}

}  // namespace cli
}  // namespace winnow
