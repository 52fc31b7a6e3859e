// Copyright winnow authors. Licensed under the MIT licence.

#include "input/gzip.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstring>

namespace winnow {

namespace {

constexpr size_t kGzipInputBuffer = size_t{64} << 10;
constexpr size_t kMaxRememberedMembers = size_t{1} << 16;

std::string AtByte(uint64_t offset) {
  return " at byte " + std::to_string(offset);
}

}  // namespace

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

// ---------------------------------------------------------------------------
// GzipSource

bool HasGzipMagic(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

GzipSource::GzipSource(std::unique_ptr<ByteSource> src, std::string name)
    : src_(std::move(src)),
      name_(std::move(name)),
      z_(new z_stream()),
      in_(new unsigned char[kGzipInputBuffer]),
      in_cap_(kGzipInputBuffer) {
  z_->next_in = in_.get();
  z_->avail_in = 0;
  if (inflateInit2(z_.get(), 15 + 16) != Z_OK) {
    status_ = Status::ResourceExhausted(name_ + ": cannot initialise zlib");
  }
}

GzipSource::~GzipSource() { inflateEnd(z_.get()); }

uint64_t GzipSource::compressed_offset() const {
  return read_total_ - z_->avail_in;
}

bool GzipSource::EnsureInput(size_t k) {
  while (z_->avail_in < k) {
    if (src_eof_) return false;
    if (z_->next_in != in_.get()) {
      std::memmove(in_.get(), z_->next_in, z_->avail_in);
      z_->next_in = in_.get();
    }
    size_t got = src_->Read(reinterpret_cast<char*>(in_.get()) + z_->avail_in,
                            in_cap_ - z_->avail_in);
    if (got == 0) {
      src_eof_ = true;
      if (!src_->status().ok() && status_.ok()) status_ = src_->status();
      return false;
    }
    read_total_ += got;
    z_->avail_in += static_cast<uInt>(got);
  }
  return true;
}

bool GzipSource::StartMember() {
  for (;;) {
    if (!EnsureInput(1)) {
      if (status_.ok()) {
        if (members_ == 0) {
          status_ = Status::Corruption(name_ + ": empty gzip data");
        } else {
          done_ = true;
        }
      }
      return false;
    }
    if (members_ > 0 && z_->next_in[0] == 0) {  // zero padding after a member
      while (z_->avail_in > 0 && z_->next_in[0] == 0) {
        ++z_->next_in;
        --z_->avail_in;
      }
      continue;
    }
    if (EnsureInput(2) && z_->next_in[0] == 0x1f && z_->next_in[1] == 0x8b) {
      break;
    }
    if (status_.ok()) {
      status_ = Status::Corruption(
          name_ +
          (members_ == 0 ? ": not gzip data"
                         : ": trailing garbage after gzip data") +
          AtByte(compressed_offset()));
    }
    return false;
  }
  member_start_ = compressed_offset();
  if (members_ > 0) inflateReset(z_.get());
  ++members_;
  at_boundary_ = false;
  if (boundaries_.size() >= kMaxRememberedMembers) boundaries_.pop_front();
  boundaries_.emplace_back(produced_, member_start_);
  return true;
}

bool GzipSource::MemberAt(uint64_t u, uint64_t* compressed) {
  while (!boundaries_.empty() && boundaries_.front().first < u) {
    boundaries_.pop_front();
  }
  // Empty members may share a start; the last of them holds the data.
  bool found = false;
  for (const auto& b : boundaries_) {
    if (b.first != u) break;
    *compressed = b.second;
    found = true;
  }
  return found;
}

size_t GzipSource::Read(char* buf, size_t n) {
  if (done_ || !status_.ok() || n == 0) return 0;
  n = std::min<size_t>(n, UINT_MAX);
  z_->next_out = reinterpret_cast<Bytef*>(buf);
  z_->avail_out = static_cast<uInt>(n);
  while (z_->avail_out > 0) {
    // Hand over what is ready rather than block on more input.
    if (z_->avail_in == 0 && z_->avail_out < n) break;
    if (at_boundary_ && !StartMember()) break;
    if (z_->avail_in == 0 && !EnsureInput(1)) {
      if (status_.ok()) {
        status_ = Status::Corruption(
            name_ + ": truncated gzip member" + AtByte(member_start_) +
            " (input ends at byte " + std::to_string(read_total_) + ")");
      }
      break;
    }
    uInt before = z_->avail_out;
    int ret = inflate(z_.get(), Z_NO_FLUSH);
    produced_ += before - z_->avail_out;
    if (ret == Z_STREAM_END) {
      at_boundary_ = true;
    } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
      std::string why = z_->msg ? z_->msg : "zlib error " + std::to_string(ret);
      status_ = Status::Corruption(
          name_ + ": corrupt gzip data" + AtByte(compressed_offset()) +
          " (member at byte " + std::to_string(member_start_) + "): " + why);
      break;
    }
  }
  return n - z_->avail_out;
}

// ---------------------------------------------------------------------------
// InflateBuffer

Status InflateBuffer(std::string_view in, int window_bits, size_t max_out,
                     std::string* out, bool* truncated) {
  *truncated = false;
  if (in.size() > UINT_MAX) {
    return Status::ResourceExhausted("compressed payload too large");
  }
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) {
    return Status::ResourceExhausted("cannot initialise zlib");
  }
  const bool gzip = window_bits > 15;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  const size_t base = out->size();
  char chunk[32768];
  Status status;
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof(chunk);
    int ret = inflate(&z, Z_NO_FLUSH);
    size_t got = sizeof(chunk) - z.avail_out;
    if (out->size() - base + got > max_out) {
      status = Status::ResourceExhausted("inflated payload exceeds " +
                                         std::to_string(max_out) + " bytes");
      break;
    }
    out->append(chunk, got);
    if (ret == Z_STREAM_END) {
      // Another gzip member may follow; anything else after is ignored.
      if (gzip && z.avail_in >= 2 && z.next_in[0] == 0x1f &&
          z.next_in[1] == 0x8b) {
        inflateReset(&z);
        continue;
      }
      break;
    }
    if (ret == Z_OK || ret == Z_BUF_ERROR) {
      if (z.avail_in == 0 && z.avail_out != 0) {  // wants more input
        *truncated = true;
        break;
      }
      continue;
    }
    status = Status::Corruption(z.msg ? z.msg : "bad compressed data");
    break;
  }
  inflateEnd(&z);
  return status;
}

}  // namespace winnow
