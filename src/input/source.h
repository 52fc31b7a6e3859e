// Copyright winnow authors. Licensed under the MIT licence.
//
// Byte streams for the input stage: a file descriptor, a string, and a
// bounded read-ahead buffer. With the decompressing sources (gzip.h,
// zstd.h) they chain one way:
//
//   FdSource -> BufferedSource (peek the magic) -> GzipSource or ZstdSource
//            -> BufferedSource (lines, exact reads) -> a RecordReader
//
// Nothing here seeks, so stdin and pipes work like files.

#ifndef WINNOW_INPUT_SOURCE_H_
#define WINNOW_INPUT_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "winnow/status.h"

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

  // Bytes read ahead and not yet consumed.
  size_t buffered() const { return end_ - pos_; }
  // Reads ahead until `done()` holds or nothing more comes (the end of the
  // stream, a failure, or half a buffer read ahead); returns done().
  template <typename Done>
  bool ReadAheadUntil(Done done) {
    while (!done()) {
      if ((end_ == cap_ && pos_ < cap_ / 2) || !Fill()) return done();
    }
    return true;
  }
  // Discards what was read ahead (counting it as consumed) and forgets the
  // end of the stream, so that reading goes on from the source, which has
  // skipped damage (see FrameSource::Resync).
  void DropBuffered() {
    Consume(end_ - pos_);
    eof_ = false;
  }

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

}  // namespace winnow

#endif  // WINNOW_INPUT_SOURCE_H_
