// Copyright winnow authors. Licensed under the MIT licence.

#include "input/source.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <utility>

namespace winnow {

// ---------------------------------------------------------------------------
// FdSource

FdSource::FdSource(int fd, std::string name, bool owns)
    : fd_(fd), name_(std::move(name)), owns_(owns) {}

FdSource::~FdSource() {
  if (owns_ && fd_ >= 0) ::close(fd_);
}

Status FdSource::Open(const std::string& path, std::unique_ptr<FdSource>* out) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    int err = errno;
    std::string msg = path + ": " + std::strerror(err);
    if (err == ENOENT || err == ENOTDIR) return Status::NotFound(msg);
    return Status::IOError(msg);
  }
  out->reset(new FdSource(fd, path, /*owns=*/true));
  return Status::OK();
}

size_t FdSource::Read(char* buf, size_t n) {
  if (!status_.ok() || n == 0) return 0;
  for (;;) {
    ssize_t got = ::read(fd_, buf, n);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno == EINTR) continue;
    status_ = Status::IOError(name_ + ": read failed: " + std::strerror(errno));
    return 0;
  }
}

// ---------------------------------------------------------------------------
// StringSource

size_t StringSource::Read(char* buf, size_t n) {
  size_t k = std::min(n, data_.size() - pos_);
  std::memcpy(buf, data_.data() + pos_, k);
  pos_ += k;
  return k;
}

// ---------------------------------------------------------------------------
// BufferedSource

BufferedSource::BufferedSource(std::unique_ptr<ByteSource> src,
                               size_t buffer_size)
    : src_(std::move(src)),
      buf_(new char[std::max<size_t>(buffer_size, 16)]),
      cap_(std::max<size_t>(buffer_size, 16)) {}

bool BufferedSource::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.get(), buf_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == cap_) return true;  // full already
  size_t got = src_->Read(buf_.get() + end_, cap_ - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

std::string_view BufferedSource::Peek(size_t n) {
  n = std::min(n, cap_);
  while (end_ - pos_ < n && Fill()) {
  }
  return std::string_view(buf_.get() + pos_, end_ - pos_);
}

void BufferedSource::Consume(size_t n) {
  n = std::min(n, end_ - pos_);
  pos_ += n;
  offset_ += n;
}

size_t BufferedSource::Read(char* buf, size_t n) {
  if (pos_ == end_) {
    if (n >= cap_) {  // large read: straight from the source
      if (eof_) return 0;
      size_t got = src_->Read(buf, n);
      if (got == 0) eof_ = true;
      offset_ += got;
      return got;
    }
    if (!Fill()) return 0;
  }
  size_t k = std::min(n, end_ - pos_);
  std::memcpy(buf, buf_.get() + pos_, k);
  Consume(k);
  return k;
}

uint64_t BufferedSource::ReadInto(uint64_t n, std::string* out) {
  uint64_t done = 0;
  while (done < n) {
    if (pos_ == end_ && !Fill()) break;
    size_t k = static_cast<size_t>(std::min<uint64_t>(n - done, end_ - pos_));
    out->append(buf_.get() + pos_, k);
    Consume(k);
    done += k;
  }
  return done;
}

uint64_t BufferedSource::Skip(uint64_t n) {
  uint64_t done = 0;
  while (done < n) {
    if (pos_ == end_ && !Fill()) break;
    size_t k = static_cast<size_t>(std::min<uint64_t>(n - done, end_ - pos_));
    Consume(k);
    done += k;
  }
  return done;
}

bool BufferedSource::ReadLine(size_t max, std::string* out, bool* too_long,
                              bool* complete) {
  *too_long = false;
  *complete = false;
  bool any = false;
  size_t room = max;
  for (;;) {
    if (pos_ == end_ && !Fill()) return any;
    any = true;
    const char* start = buf_.get() + pos_;
    const char* nl =
        static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
    size_t len = nl ? static_cast<size_t>(nl - start) : end_ - pos_;
    size_t keep = std::min(len, room);
    out->append(start, keep);
    room -= keep;
    if (keep < len) *too_long = true;
    Consume(nl ? len + 1 : len);
    if (nl) {
      *complete = true;
      return true;
    }
  }
}

}  // namespace winnow
