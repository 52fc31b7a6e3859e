// Copyright winnow authors. Licensed under the MIT licence.
//
// Zstandard (libzstd): streaming decompression of an input (.warc.zst,
// .jsonl.zst, or zstd bytes on stdin), frame by frame, surviving a damaged
// frame like gzip members do (see frames.h), and decompressing in-memory
// buffers (the "zstd" HTTP content coding).
//
// The WARC-zstd convention is followed: a skippable frame with magic
// 0x184D2A5D before the first frame holds the dictionary the frames were
// compressed with (itself zstd-compressed when it starts with the zstd
// magic). Other skippable frames are passed over.

#ifndef WINNOW_INPUT_ZSTD_H_
#define WINNOW_INPUT_ZSTD_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "input/frames.h"
#include "input/source.h"
#include "winnow/status.h"

typedef struct ZSTD_DCtx_s ZSTD_DCtx;
typedef struct ZSTD_DDict_s ZSTD_DDict;

namespace winnow {

// True when `bytes` starts with the zstd frame magic (28 b5 2f fd) or a
// skippable frame's (5? 2a 4d 18), as a WARC-zstd file does.
bool HasZstdMagic(std::string_view bytes);

// status() messages: "NAME: corrupt zstd data at byte X (frame at byte M):
// <zstd message>", "NAME: truncated zstd frame at byte M (input ends at
// byte E)", "NAME: bad zstd dictionary: ...", "NAME: trailing garbage after
// zstd data at byte X"; damage()->cause: "checksum mismatch", "bad zstd
// data: <zstd message>", "not a zstd frame header".
class ZstdSource : public FrameSource {
 public:
  ZstdSource(std::unique_ptr<ByteSource> src, std::string name);
  ~ZstdSource() override;

 private:
  void BeginFrame() override;
  Step Decode(const unsigned char* in, size_t in_size, char* out,
              size_t out_size) override;
  bool IsFrameStart(const unsigned char* p, size_t n,
                    bool strict) const override;
  bool Trial(const unsigned char* p, size_t n, bool at_eof) override;
  bool SkipBetweenFrames() override;
  // Reads the skippable frame's `size` bytes of content into *out (when
  // out is not null; else discards them). False when the input ends.
  bool TakeContent(uint64_t size, std::string* out);
  bool LoadDictionary(const std::string& content);

  ZSTD_DCtx* dctx_;
  ZSTD_DCtx* trial_;
  ZSTD_DDict* ddict_ = nullptr;
};

// Appends the decompressed `in` (one or more zstd frames) to *out. Fails
// with kCorruption on bad data, kResourceExhausted past `max_out` bytes.
// Input that ends mid-frame is accepted and *truncated set.
Status ZstdDecompressBuffer(std::string_view in, size_t max_out,
                            std::string* out, bool* truncated);

}  // namespace winnow

#endif  // WINNOW_INPUT_ZSTD_H_
