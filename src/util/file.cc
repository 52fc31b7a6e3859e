// Copyright winnow authors. Licensed under the MIT licence.

#include "util/file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace winnow {

Status ReadFile(const std::string& path, std::string* out,
                std::string* reason) {
  out->clear();
  const bool is_stdin = path == "-";
  const std::string name = is_stdin ? std::string("<stdin>") : path;
  auto fail = [&](int err) {
    if (reason != nullptr) *reason = std::strerror(err);
    return Status::IOError(name + ": " + std::strerror(err));
  };
  const int fd = is_stdin ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(errno);
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      if (!is_stdin) ::close(fd);
      return fail(err);
    }
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
  }
  if (!is_stdin) ::close(fd);
  return Status::OK();
}

}  // namespace winnow
