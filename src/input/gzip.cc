// Copyright winnow authors. Licensed under the MIT licence.

#include "input/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <utility>

namespace winnow {

// ---------------------------------------------------------------------------
// GzipSource

bool HasGzipMagic(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

GzipSource::GzipSource(std::unique_ptr<ByteSource> src, std::string name)
    : FrameSource(std::move(src), std::move(name), "gzip", "member"),
      z_(new z_stream()),
      trial_(new z_stream()) {
  if (inflateInit2(z_.get(), 15 + 16) != Z_OK ||
      inflateInit2(trial_.get(), 15 + 16) != Z_OK) {
    Fail(Status::ResourceExhausted(this->name() + ": cannot initialise zlib"));
  }
}

GzipSource::~GzipSource() {
  inflateEnd(z_.get());
  inflateEnd(trial_.get());
}

void GzipSource::BeginFrame() { inflateReset(z_.get()); }

bool GzipSource::IsFrameStart(const unsigned char* p, size_t n,
                              bool strict) const {
  // Magic; strict: deflate and no reserved flag bits too.
  return n >= 4 && p[0] == 0x1f && p[1] == 0x8b &&
         (!strict || (p[2] == 8 && (p[3] & 0xe0) == 0));
}

bool GzipSource::SkipBetweenFrames() {
  if (frames() == 0 || in()[0] != 0) return false;
  size_t k = 0;  // zero padding after a member
  while (k < in_avail() && in()[k] == 0) ++k;
  ConsumeInput(k);
  return true;
}

FrameSource::Step GzipSource::Decode(const unsigned char* in, size_t in_size,
                                     char* out, size_t out_size) {
  Step step;
  z_->next_in = const_cast<Bytef*>(in);
  z_->avail_in = static_cast<uInt>(std::min<size_t>(in_size, UINT_MAX));
  z_->next_out = reinterpret_cast<Bytef*>(out);
  z_->avail_out = static_cast<uInt>(out_size);
  const uInt avail_in = z_->avail_in;
  int ret = inflate(z_.get(), Z_NO_FLUSH);
  step.in = avail_in - z_->avail_in;
  step.out = out_size - z_->avail_out;
  if (ret == Z_STREAM_END) {
    step.end = true;
  } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
    step.error = z_->msg ? z_->msg : "zlib error " + std::to_string(ret);
    if (step.error == "incorrect data check") {
      step.cause = "CRC-32 mismatch";
    } else if (step.error == "incorrect length check") {
      step.cause = "length mismatch (ISIZE)";
    } else if (step.error.find("header") != std::string::npos ||
               step.error == "unknown compression method") {
      step.cause = "bad gzip header: " + step.error;
    } else {
      step.cause = "bad deflate data: " + step.error;
    }
  }
  return step;
}

bool GzipSource::Trial(const unsigned char* p, size_t n, bool at_eof) {
  inflateReset(trial_.get());
  trial_->next_in = const_cast<Bytef*>(p);
  trial_->avail_in = static_cast<uInt>(std::min<size_t>(n, UINT_MAX));
  unsigned char scratch[16384];
  for (;;) {
    trial_->next_out = scratch;
    trial_->avail_out = sizeof(scratch);
    int ret = inflate(trial_.get(), Z_NO_FLUSH);
    if (ret == Z_STREAM_END) return true;
    if (ret != Z_OK && ret != Z_BUF_ERROR) {
      // A member that decoded to its end but fails its check is a member
      // (damaged: Read reports it), not a chance 1f 8b 08 in other data.
      const std::string msg = trial_->msg ? trial_->msg : "";
      return msg == "incorrect data check" || msg == "incorrect length check";
    }
    if (trial_->avail_in == 0) return true;  // no error in what is here
  }
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
