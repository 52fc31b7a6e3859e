// Copyright winnow authors. Licensed under the MIT licence.
//
// libFuzzer harness: the WARC reader (plain or gzip, by magic bytes), with
// its HTTP parsing, chunked transfer coding and gzip/deflate content coding,
// read to the end.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "input/files.h"
#include "input/gzip.h"
#include "input/record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  winnow::ReaderOptions options;
  options.max_record_bytes = size_t{1} << 20;
  std::unique_ptr<winnow::RecordReader> reader;
  const winnow::Status s = winnow::OpenSourceReader(
      std::make_unique<winnow::StringSource>(
          std::string_view(reinterpret_cast<const char*>(data), size)),
      "fuzz.warc", winnow::InputFormat::kWarc, options, &reader);
  if (!s.ok()) return 0;
  winnow::Record r;
  while (reader->Next(&r)) {
  }
  (void)reader->status();
  (void)reader->skipped();
  return 0;
}
