// Copyright winnow authors. Licensed under the MIT licence.

#include "cli/record_job.h"

namespace winnow {
namespace cli {

bool IsPage(const Record& r) {
  return r.index == 0 && r.offset == 0 && r.warc_record_id.empty() &&
         r.passthrough.empty() && r.content_type.empty() &&
         (r.url == r.input || (r.input == "-" && r.url.empty()));
}

void InputErrorRecord(const std::string& name, const Status& error,
                      Record* rec) {
  rec->Clear();
  rec->input = name;
  if (name != "-") rec->url = name;
  rec->error = error;
}

Status ExtractRecord(const Extractor& extractor, const Formatter& formatter,
                     const Record& rec, const std::string& url,
                     Extraction* ex, std::string* out) {
  Status status = rec.error;
  if (status.ok()) {
    Input input;
    input.bytes = rec.body;
    input.url = url;
    input.content_type = rec.content_type;
    input.content_language = rec.content_language;
    input.kind = rec.kind;
    status = extractor.Extract(input, ex);
  }
  if (!status.ok()) {
    formatter.Failed(rec, url, StripInputPrefix(status.message(), rec.input),
                     out);
  }
  return status;
}

}  // namespace cli
}  // namespace winnow
