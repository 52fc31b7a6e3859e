// Copyright winnow authors. Licensed under the MIT licence.

#include "input/frames.h"

#include <algorithm>
#include <climits>
#include <cstring>

namespace winnow {

namespace {

constexpr size_t kBufferSize = size_t{1} << 20;
constexpr size_t kKeepBack = size_t{768} << 10;
constexpr size_t kReadChunk = size_t{64} << 10;
constexpr size_t kTrialBytes = size_t{64} << 10;
constexpr size_t kMaxRememberedFrames = size_t{1} << 16;

std::string AtByte(uint64_t offset) {
  return " at byte " + std::to_string(offset);
}

}  // namespace

FrameSource::FrameSource(std::unique_ptr<ByteSource> src, std::string name,
                         std::string format, std::string frame)
    : src_(std::move(src)),
      name_(std::move(name)),
      format_(std::move(format)),
      frame_(std::move(frame)),
      frame_word_(format_ + " " + frame_),
      buf_(new unsigned char[kBufferSize]) {}

bool FrameSource::EnsureInput(size_t k) {
  while (in_end_ - in_pos_ < k) {
    if (src_eof_) return false;
    if (kBufferSize - in_end_ < kReadChunk) {
      // Compact, keeping the current frame's bytes when they are near.
      const uint64_t pos = base_ + in_pos_;
      uint64_t keep = std::min(std::max(keep_from_, base_), pos);
      if (pos - keep > kKeepBack) keep = pos;
      const size_t from = static_cast<size_t>(keep - base_);
      std::memmove(buf_.get(), buf_.get() + from, in_end_ - from);
      base_ += from;
      in_pos_ -= from;
      in_end_ -= from;
    }
    size_t got = src_->Read(reinterpret_cast<char*>(buf_.get()) + in_end_,
                            std::min(kReadChunk, kBufferSize - in_end_));
    if (got == 0) {
      src_eof_ = true;
      if (!src_->status().ok()) Fail(src_->status());
      return false;
    }
    in_end_ += got;
  }
  return true;
}

void FrameSource::SetDamage(const std::string& error,
                            const std::string& cause) {
  Fail(Status::Corruption(name_ + ": corrupt " + format_ + " data" +
                          AtByte(compressed_offset()) + " (" + frame_ +
                          AtByte(frame_start_) + "): " + error));
  damage_ = Damage{frame_start_, frame_data_, cause};
}

void FrameSource::SetDamageAt(uint64_t at, const std::string& error,
                              const std::string& cause) {
  Fail(Status::Corruption(name_ + ": " + error + AtByte(at)));
  damage_ = Damage{at, produced_, cause};
}

bool FrameSource::StartFrame() {
  for (;;) {
    if (!EnsureInput(1)) {
      if (status_.ok()) {
        if (frames_ == 0) {
          status_ = Status::Corruption(name_ + ": empty " + format_ + " data");
        } else {
          done_ = true;
        }
      }
      return false;
    }
    keep_from_ = compressed_offset();
    if (SkipBetweenFrames()) continue;
    if (damage_ || !status_.ok()) return false;
    if (EnsureInput(4) && IsFrameStart(in(), in_avail(), /*strict=*/false)) {
      break;
    }
    if (!status_.ok()) return false;
    if (in_avail() < 4 && at_eof()) {
      status_ = Status::Corruption(
          name_ + ": truncated " + frame_word_ + AtByte(compressed_offset()) +
          " (input ends at byte " + std::to_string(base_ + in_end_) + ")");
      return false;
    }
    SetDamageAt(compressed_offset(),
                frames_ == 0 ? "not " + format_ + " data"
                             : "trailing garbage after " + format_ + " data",
                "not a " + frame_word_ + " header");
    return false;
  }
  frame_start_ = compressed_offset();
  frame_data_ = produced_;
  BeginFrame();
  ++frames_;
  at_boundary_ = false;
  if (boundaries_.size() >= kMaxRememberedFrames) boundaries_.pop_front();
  boundaries_.emplace_back(produced_, frame_start_);
  return true;
}

bool FrameSource::FrameAt(uint64_t u, uint64_t* compressed) {
  while (!boundaries_.empty() && boundaries_.front().first < u) {
    boundaries_.pop_front();
  }
  // Empty frames may share a start; the last of them holds the data.
  bool found = false;
  for (const auto& b : boundaries_) {
    if (b.first != u) break;
    *compressed = b.second;
    found = true;
  }
  return found;
}

size_t FrameSource::Read(char* buf, size_t n) {
  if (done_ || damage_ || !status_.ok() || n == 0) return 0;
  n = std::min<size_t>(n, UINT_MAX);
  size_t got = 0;
  while (got < n) {
    // Hand over what is ready rather than block on more input.
    if (in_avail() == 0 && got > 0) break;
    if (at_boundary_ && !StartFrame()) break;
    if (in_avail() == 0 && !EnsureInput(1)) {
      Fail(Status::Corruption(name_ + ": truncated " + frame_word_ +
                              AtByte(frame_start_) + " (input ends at byte " +
                              std::to_string(base_ + in_end_) + ")"));
      break;
    }
    Step step = Decode(in(), in_avail(), buf + got, n - got);
    in_pos_ += step.in;
    got += step.out;
    produced_ += step.out;
    if (!step.error.empty()) {
      SetDamage(step.error, step.cause);
      break;
    }
    if (step.end) {
      verified_ = produced_;
      at_boundary_ = true;
    }
  }
  return got;
}

bool FrameSource::Resync(uint64_t* resumed) {
  if (!damage_) return false;
  // Look again from just after the damaged frame's start when its bytes
  // are still here, else from where decoding stopped.
  const uint64_t from = std::max(damage_->frame + 1, base_);
  if (from <= base_ + in_end_) in_pos_ = static_cast<size_t>(from - base_);
  damage_.reset();
  status_ = Status::OK();
  for (;;) {
    keep_from_ = compressed_offset();
    EnsureInput(kTrialBytes);
    if (!status_.ok()) return false;
    const size_t avail = in_avail();
    size_t i = 0;
    while (i + 4 <= avail && !IsFrameStart(in() + i, avail - i, true)) ++i;
    if (i + 4 > avail) {  // no frame header in what is here
      if (at_eof()) {
        in_pos_ = in_end_;
        done_ = true;
        return false;
      }
      in_pos_ += i;  // the last 3 bytes may begin one
      continue;
    }
    in_pos_ += i;
    keep_from_ = compressed_offset();
    EnsureInput(kTrialBytes);
    if (!status_.ok()) return false;
    if (Trial(in(), in_avail(), at_eof())) {
      *resumed = compressed_offset();
      at_boundary_ = true;
      return true;
    }
    ++in_pos_;
  }
}

Intact CheckIntact(FrameSource* frames, BufferedSource* in, uint64_t end) {
  auto known = [&] {
    return frames->verified() >= end ||
           (frames->damage() && frames->damage()->data < end);
  };
  // Not known: a frame that goes on, or a truncated last frame (whose
  // data came out; status() tells the truncation).
  if (!in->ReadAheadUntil(known)) return Intact::kUnknown;
  return frames->verified() >= end ? Intact::kYes : Intact::kNo;
}

std::string ResyncAfterDamage(FrameSource* frames, BufferedSource* in,
                              bool* resumed) {
  const FrameSource::Damage* d = frames->damage();
  std::string msg =
      "damaged " + frames->frame_word() + AtByte(d->frame) + ": " + d->cause;
  uint64_t at = 0;
  *resumed = frames->Resync(&at);
  in->DropBuffered();
  if (*resumed) return msg + "; reading resumed" + AtByte(at);
  return msg + "; no " + frames->frame_word() + " follows";
}

}  // namespace winnow
