// Copyright winnow authors. Licensed under the MIT licence.
//
// Byte streams for the input stage: a file descriptor, a string, a bounded
// read-ahead buffer, and streaming gunzip (multi-member, reporting the
// compressed offset of damage). They chain one way:
//
//   FdSource -> BufferedSource (peek the magic) -> GzipSource
//            -> BufferedSource (lines, exact reads) -> a RecordReader
//
// Nothing here seeks, so stdin and pipes work like files.

#ifndef WINNOW_INPUT_GZIP_H_
#define WINNOW_INPUT_GZIP_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "winnow/status.h"

typedef struct z_stream_s z_stream;

namespace winnow {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n > 0 bytes into buf and returns how many. Returns 0 only at
  // the end of the stream or on failure; status() tells the two apart. After
  // a failure every call returns 0.
  virtual size_t Read(char* buf, size_t n) = 0;
  virtual Status status() const = 0;
};

// Reads a file descriptor (a file, a pipe, stdin). Retries EINTR.
class FdSource : public ByteSource {
 public:
  // `name` labels errors. Closes fd on destruction when `owns`.
  FdSource(int fd, std::string name, bool owns);
  ~FdSource() override;
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  // Opens `path` for reading: kNotFound or kIOError on failure.
  static Status Open(const std::string& path, std::unique_ptr<FdSource>* out);

  size_t Read(char* buf, size_t n) override;
  Status status() const override { return status_; }

 private:
  int fd_;
  std::string name_;
  bool owns_;
  Status status_;
};

// Reads a string the caller keeps alive.
class StringSource : public ByteSource {
 public:
  explicit StringSource(std::string_view data) : data_(data) {}
  size_t Read(char* buf, size_t n) override;
  Status status() const override { return Status::OK(); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

// A fixed-size read-ahead buffer over another source, with peeking, line
// and exact-length reads, and a count of the bytes consumed.
class BufferedSource : public ByteSource {
 public:
  static constexpr size_t kDefaultBufferSize = size_t{64} << 10;

  explicit BufferedSource(std::unique_ptr<ByteSource> src,
                          size_t buffer_size = kDefaultBufferSize);

  // The next bytes, without consuming them: at least min(n, buffer size)
  // of them unless the stream ends first (or fails) — possibly more.
  std::string_view Peek(size_t n);
  // Consumes n bytes previously returned by Peek (n <= Peek().size()).
  void Consume(size_t n);

  size_t Read(char* buf, size_t n) override;
  Status status() const override { return src_->status(); }

  // Appends the next n bytes to *out; returns how many were appended (fewer
  // only at the end of the stream or on failure).
  uint64_t ReadInto(uint64_t n, std::string* out);
  // Discards the next n bytes; returns how many were discarded.
  uint64_t Skip(uint64_t n);
  // Consumes one line, through its '\n' or to the end of the stream, and
  // appends it without the '\n' to *out, but never more than `max` bytes in
  // all: the rest of a longer line is discarded and *too_long set. Sets
  // *complete when the line ended with '\n'. Returns false, consuming
  // nothing, at the end of the stream.
  bool ReadLine(size_t max, std::string* out, bool* too_long, bool* complete);

  // Bytes consumed so far.
  uint64_t offset() const { return offset_; }
  ByteSource* source() const { return src_.get(); }

 private:
  bool Fill();  // reads more; false when nothing more came

  std::unique_ptr<ByteSource> src_;
  std::unique_ptr<char[]> buf_;
  size_t cap_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  uint64_t offset_ = 0;
};

// True when `bytes` starts with the gzip magic (1f 8b).
bool HasGzipMagic(std::string_view bytes);

// Inflates gzip data read from another source, every member in turn (a
// per-record .warc.gz or a whole-file gzip alike). Zero bytes after the last
// member are ignored. Errors name the input and the compressed offset:
//   "NAME: truncated gzip member at byte M (input ends at byte E)"
//   "NAME: corrupt gzip data at byte X (member at byte M): <zlib message>"
//   "NAME: trailing garbage after gzip data at byte X"
class GzipSource : public ByteSource {
 public:
  GzipSource(std::unique_ptr<ByteSource> src, std::string name);
  ~GzipSource() override;
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  size_t Read(char* buf, size_t n) override;
  Status status() const override { return status_; }

  // Compressed bytes consumed so far.
  uint64_t compressed_offset() const;
  // Gzip members begun so far.
  uint64_t members() const { return members_; }
  // When a gzip member begins at uncompressed offset `u`, sets *compressed
  // to its compressed offset and returns true. Queries must come in
  // non-decreasing order of `u`: members before `u` are forgotten. (Only the
  // members of the read-ahead are remembered, at most 65536.)
  bool MemberAt(uint64_t u, uint64_t* compressed);

 private:
  bool EnsureInput(size_t k);  // at least k bytes in the input buffer
  bool StartMember();          // at a member boundary: false at a clean end

  std::unique_ptr<ByteSource> src_;
  std::string name_;
  std::unique_ptr<z_stream> z_;
  std::unique_ptr<unsigned char[]> in_;
  size_t in_cap_;
  uint64_t read_total_ = 0;  // compressed bytes read from src_
  uint64_t produced_ = 0;    // uncompressed bytes returned
  uint64_t member_start_ = 0;
  uint64_t members_ = 0;
  bool at_boundary_ = true;
  bool done_ = false;
  bool src_eof_ = false;
  Status status_;
  std::deque<std::pair<uint64_t, uint64_t>> boundaries_;  // (uncomp, comp)
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
