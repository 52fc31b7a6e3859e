// Copyright winnow authors. Licensed under the MIT licence.
//
// The last stage: bytes to stdout (or a file) in large chunks. A closed pipe
// (`winnow ... | head`) is not an error: the sink reports it and the command
// ends quietly.

#ifndef WINNOW_CLI_SINK_H_
#define WINNOW_CLI_SINK_H_

#include <string>
#include <string_view>

namespace winnow {

class Sink {
 public:
  // Writes to `fd`, which the sink does not own.
  explicit Sink(int fd) : fd_(fd) {}
  ~Sink() { Flush(); }

  void Write(std::string_view bytes) {
    if (closed_) return;
    buffer_.append(bytes.data(), bytes.size());
    if (buffer_.size() >= kChunk) Flush();
  }
  // Writes what is buffered; false when the reader went away or the write
  // failed (then every later write is dropped).
  bool Flush();
  bool closed() const { return closed_; }
  // True when the failure was a closed pipe rather than a real error.
  bool broken_pipe() const { return broken_pipe_; }
  // The errno of the failed write (EPIPE, ENOSPC, EFBIG ...); 0 while open.
  int error() const { return error_; }

 private:
  static constexpr size_t kChunk = 1 << 16;
  int fd_;
  std::string buffer_;
  bool closed_ = false;
  bool broken_pipe_ = false;
  int error_ = 0;
};

}  // namespace winnow

#endif  // WINNOW_CLI_SINK_H_
