// Copyright winnow authors. Licensed under the MIT licence.

#include "cli/sink.h"

#include <errno.h>
#include <unistd.h>

namespace winnow {

bool Sink::Flush() {
  size_t done = 0;
  while (!closed_ && done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      closed_ = true;
      error_ = errno;
      broken_pipe_ = errno == EPIPE;
      break;
    }
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
  return !closed_;
}

}  // namespace winnow
