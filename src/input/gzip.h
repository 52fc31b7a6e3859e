// Copyright winnow authors. Licensed under the MIT licence.
//
// Gzip: streaming gunzip of an input (multi-member, surviving a damaged
// member, reporting compressed offsets) and inflating in-memory buffers
// (HTTP content coding).

#ifndef WINNOW_INPUT_GZIP_H_
#define WINNOW_INPUT_GZIP_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "input/frames.h"
#include "input/source.h"
#include "winnow/status.h"

typedef struct z_stream_s z_stream;

namespace winnow {

// True when `bytes` starts with the gzip magic (1f 8b).
bool HasGzipMagic(std::string_view bytes);

// Inflates gzip data read from another source, every member in turn (a
// per-record .warc.gz or a whole-file gzip alike), as a FrameSource: a
// damaged member stops reading until Resync() finds the next one. Zero
// bytes after a member are ignored. status() messages name the input and
// the compressed offset:
//   "NAME: truncated gzip member at byte M (input ends at byte E)"
//   "NAME: corrupt gzip data at byte X (member at byte M): <zlib message>"
//   "NAME: trailing garbage after gzip data at byte X"
//   "NAME: not gzip data at byte 0", "NAME: empty gzip data"
// and damage()->cause words it for a record: "CRC-32 mismatch", "length
// mismatch", "bad gzip header: ...", "bad deflate data: ...", "not a gzip
// member header".
class GzipSource : public FrameSource {
 public:
  GzipSource(std::unique_ptr<ByteSource> src, std::string name);
  ~GzipSource() override;

  // Gzip members begun so far.
  uint64_t members() const { return frames(); }
  // FrameAt under its gzip name.
  bool MemberAt(uint64_t u, uint64_t* compressed) {
    return FrameAt(u, compressed);
  }

 private:
  void BeginFrame() override;
  Step Decode(const unsigned char* in, size_t in_size, char* out,
              size_t out_size) override;
  bool IsFrameStart(const unsigned char* p, size_t n,
                    bool strict) const override;
  bool Trial(const unsigned char* p, size_t n, bool at_eof) override;
  bool SkipBetweenFrames() override;

  std::unique_ptr<z_stream> z_;
  std::unique_ptr<z_stream> trial_;
  bool started_ = false;
};

// Inflates a whole in-memory buffer. `window_bits` as zlib's inflateInit2:
// 15 + 16 gzip (every member), 15 zlib, -15 raw deflate. Fails with
// kResourceExhausted past `max_out` output bytes and kCorruption on bad
// data. Input that ends mid-stream is accepted (what was inflated is kept)
// and *truncated set, so a crawler's cut-off page is still usable.
Status InflateBuffer(std::string_view in, int window_bits, size_t max_out,
                     std::string* out, bool* truncated);

}  // namespace winnow

#endif  // WINNOW_INPUT_GZIP_H_
