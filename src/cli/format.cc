// Copyright winnow authors. Licensed under the MIT licence.

#include "cli/format.h"

#include <string_view>

#include "cli/common.h"
#include "meta/metadata_format.h"
#include "util/json.h"

namespace winnow {
namespace cli {
namespace {

// Whether a passed-through JSONL field is named like one winnow writes:
// with two values under one key most consumers silently keep the last, so
// such fields are left out.
bool IsOwnKey(std::string_view key) {
  static constexpr std::string_view kRecordKeys[] = {
      "url",    "text",  "warc_record_id", "warc_date", "warc_payload_digest",
      "offset", "input", "error"};
  for (std::string_view k : kRecordKeys) {
    if (k == key) return true;
  }
  for (const std::string& k : MetadataFieldNames()) {
    if (k == key) return true;
  }
  return false;
}

void AppendPassthrough(const std::string& passthrough, std::string* out) {
  if (passthrough.empty()) return;
  // A quick look for any own key before parsing.
  bool clash = false;
  for (size_t q = passthrough.find('"'); !clash && q != std::string::npos;) {
    const size_t end = passthrough.find("\":", q + 1);
    if (end == std::string::npos) break;
    clash = IsOwnKey(std::string_view(passthrough).substr(q + 1, end - q - 1));
    q = passthrough.find('"', end + 2);
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
    if (IsOwnKey(m.key)) continue;
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

// A WARC record's own members: its id, capture date, where it starts in
// its file and the payload digest it declares.
void AppendWarcFields(const Record& rec, std::string* out) {
  if (rec.warc_record_id.empty()) return;
  AppendField("warc_record_id", rec.warc_record_id, out);
  if (!rec.date.empty()) AppendField("warc_date", rec.date, out);
  if (!rec.payload_digest.empty()) {
    AppendField("warc_payload_digest", rec.payload_digest, out);
  }
  out->append(",\"offset\":");
  out->append(std::to_string(rec.offset));
}

class TextFormatter : public Formatter {
 public:
  TextFormatter(bool markdown, bool metadata)
      : markdown_(markdown), metadata_(metadata) {}
  void Extracted(const Record&, const std::string&, Extraction* ex,
                 std::string* out) const override {
    if (metadata_) {
      // A header of `key: value` lines and a blank line, as in mail.
      AppendMetadataLines(*ex, out);
      out->push_back('\n');
    }
    if (markdown_ && !ex->title.empty()) {
      out->append("# ");
      AppendOneLine(ex->title, out);
      out->append("\n\n");
    }
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
  static void AppendOneLine(const std::string& s, std::string* out) {
    for (char c : s) out->push_back(c == '\n' || c == '\r' ? ' ' : c);
  }
  bool markdown_;
  bool metadata_;
};

class JsonFormatter : public Formatter {
 public:
  explicit JsonFormatter(bool lines) : lines_(lines) {}
  void Extracted(const Record& rec, const std::string& url, Extraction* ex,
                 std::string* out) const override {
    out->reserve(out->size() + ex->text.size() + ex->title.size() + url.size() +
                 128);
    OpenRecordObject(rec, url, out);
    AppendWarcFields(rec, out);
    if (!ex->title.empty()) AppendField("title", ex->title, out);
    AppendMetadataJson(*ex, out);
    AppendField("text", ex->text, out);
    Close(out);
  }
  void Failed(const Record& rec, const std::string& url,
              const std::string& message, std::string* out) const override {
    OpenRecordObject(rec, url, out);
    AppendField("input", rec.input, out);
    AppendWarcFields(rec, out);
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

std::unique_ptr<Formatter> MakeFormatter(OutputFormat format, bool explain,
                                         bool metadata) {
  if (explain) {
    return std::make_unique<ExplainFormatter>(format == OutputFormat::kJsonl);
  }
  switch (format) {
    case OutputFormat::kText:
      return std::make_unique<TextFormatter>(false, metadata);
    case OutputFormat::kMarkdown:
      return std::make_unique<TextFormatter>(true, metadata);
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
