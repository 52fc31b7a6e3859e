// Copyright winnow authors. Licensed under the MIT licence.
//
// libFuzzer harness: the JSONL reader (plain or gzip), its JSON parsing and
// the passthrough of other fields, read to the end.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "input/files.h"
#include "input/gzip.h"
#include "input/jsonl.h"
#include "input/record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  winnow::ReaderOptions options;
  options.max_record_bytes = size_t{1} << 20;
  std::unique_ptr<winnow::RecordReader> reader;
  const winnow::Status s = winnow::OpenSourceReader(
      std::make_unique<winnow::StringSource>(bytes), "fuzz.jsonl",
      winnow::InputFormat::kJsonl, options, &reader);
  if (!s.ok()) return 0;
  winnow::Record r;
  while (reader->Next(&r)) {
  }
  (void)reader->status();
  // The fallback scanner for lines that do not parse.
  std::string value;
  winnow::ScanJsonStringField(bytes, "url", &value);
  return 0;
}
