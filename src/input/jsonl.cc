// Copyright winnow authors. Licensed under the MIT licence.

#include "input/jsonl.h"

#include <utility>

#include "util/json.h"

namespace winnow {

namespace {

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace

bool ScanJsonStringField(std::string_view text, std::string_view key,
                         std::string* value) {
  std::string needle;
  AppendJsonString(key, &needle);
  size_t from = 0;
  for (;;) {
    size_t at = text.find(needle, from);
    if (at == std::string_view::npos) return false;
    from = at + 1;
    size_t i = at + needle.size();
    auto skip_ws = [&] {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    };
    skip_ws();
    if (i >= text.size() || text[i] != ':') continue;
    ++i;
    skip_ws();
    if (i >= text.size() || text[i] != '"') continue;
    size_t j = i + 1;
    while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
    if (j >= text.size()) return false;
    JsonValue v;
    if (ParseJson(text.substr(i, j + 1 - i), &v).ok() && v.is_string()) {
      *value = v.str();
      return true;
    }
  }
}

JsonlReader::JsonlReader(std::string name, std::unique_ptr<BufferedSource> in,
                         FrameSource* frames, const ReaderOptions& options)
    : name_(std::move(name)),
      in_(std::move(in)),
      frames_(frames),
      options_(options),
      line_parser_(options) {}

bool JsonlReader::Next(Record* r) {
  const size_t max = options_.max_record_bytes;
  while (!done_) {
    const uint64_t start = in_->offset();
    bool too_long = false, complete = false;
    line_.clear();
    const bool any = in_->ReadLine(max, &line_, &too_long, &complete);
    if (frames_ && any) CheckIntact(frames_, in_.get(), in_->offset());
    const FrameSource::Damage* d = frames_ ? frames_->damage() : nullptr;
    if (d && (!any || d->data < in_->offset())) {  // a line cut by damage
      r->Clear();
      r->input = name_;
      r->offset = start;
      r->index = lines_++;
      bool resumed = false;
      r->error =
          Status::Corruption(ResyncAfterDamage(frames_, in_.get(), &resumed));
      if (!resumed) {
        done_ = true;
        status_ = frames_->status();
      }
      return true;
    }
    if (!any) {
      done_ = true;
      status_ = in_->status();
      return false;
    }
    const uint64_t line_no = lines_++;
    if (!complete && !in_->status().ok()) {
      // The last line was cut off by damage below (a truncated gzip): it is
      // not a record, and the damage is the reader's status.
      done_ = true;
      status_ = in_->status();
      return false;
    }
    // The padding JsonlLineParser reads past the line, before `line` points
    // into line_.
    const size_t size = line_.size();
    line_.append(JsonlLineParser::kPadding, ' ');
    line_.resize(size);
    std::string_view line = line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 0 && line.substr(0, 3) == "\xEF\xBB\xBF") {
      line.remove_prefix(3);
    }
    if (!too_long && IsBlank(line)) continue;

    r->Clear();
    r->input = name_;
    r->offset = start;
    r->index = line_no;
    if (too_long) {
      ScanJsonStringField(line, options_.url_field, &r->url);
      r->error = Status::ResourceExhausted("line longer than " +
                                           std::to_string(max) + " bytes");
      return true;
    }
    line_parser_.Parse(line, r);
    return true;
  }
  return false;
}

}  // namespace winnow
