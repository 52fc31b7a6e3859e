// Copyright winnow authors. Licensed under the MIT licence.
//
// libFuzzer harness: one page through the pipeline as plain text
// (--from text): decode, line segmentation, language, classify, render.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "winnow/winnow.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const winnow::Extractor* ex = [] {
    winnow::Options options;
    options.explain = true;
    std::unique_ptr<winnow::Extractor> e;
    if (!winnow::Extractor::Create(options, &e).ok()) __builtin_trap();
    return e.release();
  }();
  winnow::Input input;
  input.bytes = std::string_view(reinterpret_cast<const char*>(data), size);
  input.kind = winnow::ContentKind::kText;
  winnow::Extraction out;
  ex->Extract(input, &out);
  // And sniffing: kAuto decides between the two.
  input.kind = winnow::ContentKind::kAuto;
  ex->Extract(input, &out);
  return 0;
}
