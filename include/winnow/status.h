// Copyright winnow authors. Licensed under the MIT licence.
//
// Status is how every fallible winnow call reports its outcome: no exception
// crosses the public API. A Status is cheap to copy when OK (no allocation).

#ifndef WINNOW_STATUS_H_
#define WINNOW_STATUS_H_

#include <memory>
#include <string>
#include <string_view>

namespace winnow {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,    // the caller asked for something malformed
    kNotFound,           // a named file or field does not exist
    kIOError,            // the operating system refused a read or write
    kCorruption,         // input bytes are damaged (truncated gzip, bad WARC)
    kResourceExhausted,  // a documented limit was reached
    kUnsupported,        // well-formed input that winnow does not handle
  };

  // Creates an OK status.
  Status() = default;

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string_view msg) {
    return Status(Code::kInvalidArgument, msg);
  }
  static Status NotFound(std::string_view msg) {
    return Status(Code::kNotFound, msg);
  }
  static Status IOError(std::string_view msg) {
    return Status(Code::kIOError, msg);
  }
  static Status Corruption(std::string_view msg) {
    return Status(Code::kCorruption, msg);
  }
  static Status ResourceExhausted(std::string_view msg) {
    return Status(Code::kResourceExhausted, msg);
  }
  static Status Unsupported(std::string_view msg) {
    return Status(Code::kUnsupported, msg);
  }

  bool ok() const { return state_ == nullptr; }
  Code code() const { return state_ ? state_->code : Code::kOk; }
  // The human-readable reason; empty when ok().
  const std::string& message() const;
  // "OK" or "<code name>: <message>".
  std::string ToString() const;

 private:
  struct State {
    Code code;
    std::string message;
  };
  Status(Code code, std::string_view msg)
      : state_(std::make_shared<const State>(State{code, std::string(msg)})) {}

  std::shared_ptr<const State> state_;
};

}  // namespace winnow

#endif  // WINNOW_STATUS_H_
