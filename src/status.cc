// Copyright winnow authors. Licensed under the MIT licence.

#include "winnow/status.h"

namespace winnow {

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  const char* name = "Unknown";
  switch (state_->code) {
    case Code::kOk: name = "OK"; break;
    case Code::kInvalidArgument: name = "Invalid argument"; break;
    case Code::kNotFound: name = "Not found"; break;
    case Code::kIOError: name = "I/O error"; break;
    case Code::kCorruption: name = "Corruption"; break;
    case Code::kResourceExhausted: name = "Limit reached"; break;
    case Code::kUnsupported: name = "Unsupported"; break;
  }
  return std::string(name) + ": " + state_->message;
}

}  // namespace winnow
