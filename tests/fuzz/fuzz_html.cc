// Copyright winnow authors. Licensed under the MIT licence.
//
// libFuzzer harness: one page through the whole pipeline as HTML (decode,
// prestrip, guard, Gumbo, segment, language, classify, render), with the
// default options and every output format.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "winnow/winnow.h"

namespace {

const winnow::Extractor* Make(winnow::TextFormat format, bool explain) {
  winnow::Options options;
  options.format = format;
  options.explain = explain;
  std::unique_ptr<winnow::Extractor> ex;
  if (!winnow::Extractor::Create(options, &ex).ok()) __builtin_trap();
  return ex.release();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const winnow::Extractor* plain =
      Make(winnow::TextFormat::kPlain, false);
  static const winnow::Extractor* markdown =
      Make(winnow::TextFormat::kMarkdown, true);
  winnow::Input input;
  input.bytes = std::string_view(reinterpret_cast<const char*>(data), size);
  input.url = "https://www.heise.de/news/fuzz.html";
  input.kind = winnow::ContentKind::kHtml;
  winnow::Extraction out;
  // The first byte picks the extractor, so both see every shape of input.
  const winnow::Extractor* ex = size > 0 && (data[0] & 1) ? markdown : plain;
  ex->Extract(input, &out);
  return 0;
}
