// Copyright winnow authors. Licensed under the MIT licence.
//
// What gzip and zstd input share: compressed data made of independent
// frames (gzip members, zstd frames), decoded on the fly, that survives
// damage to one frame. A per-record .warc.gz holds one record per member, so
// a flipped bit must cost that record only:
//
//   - Read() hands out decoded bytes of every frame in turn. At damage (a
//     CRC or checksum mismatch, bad compressed data, bytes that are not a
//     frame header where one should start) it stops: Read() returns 0,
//     damage() says where and why, and status() is kCorruption with a
//     message naming the input and the compressed offset (for readers that
//     do not resynchronise, this ends the input as before).
//   - Resync() then scans the compressed bytes after the damaged frame's
//     start for the next frame header whose data decodes without error (a
//     trial decode of up to 64 KiB of input, or to the frame's end) and
//     resumes there; Read() goes on, status() is OK again.
//   - verified() tells how far the data is known good: frames whose check
//     (CRC-32, zstd checksum) passed. A reader yields a record only once the
//     frame holding its end is verified, or is known to hold more records.
//
// Uncompressed offsets count every byte Read() returned, including those of
// a damaged frame, so offsets before and after a resync stay comparable.
// The compressed bytes of the current frame are kept (up to 768 KiB back) so
// that a resync can look for a frame header inside a damaged frame whose
// decoding ran past its real end.

#ifndef WINNOW_INPUT_FRAMES_H_
#define WINNOW_INPUT_FRAMES_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "input/source.h"

namespace winnow {

class FrameSource : public ByteSource {
 public:
  struct Damage {
    uint64_t frame = 0;  // compressed offset where the damaged frame begins
    uint64_t data = 0;   // uncompressed offset where its data began
    std::string cause;   // "CRC-32 mismatch", "bad deflate data: ...", ...
  };

  ~FrameSource() override = default;
  FrameSource(const FrameSource&) = delete;
  FrameSource& operator=(const FrameSource&) = delete;

  size_t Read(char* buf, size_t n) override;
  Status status() const override { return status_; }

  // Compressed bytes consumed so far.
  uint64_t compressed_offset() const { return base_ + in_pos_; }
  // Frames begun so far (a resync does not count the damaged one twice).
  uint64_t frames() const { return frames_; }
  // When a frame begins at uncompressed offset `u`, sets *compressed to its
  // compressed offset and returns true. Queries must come in non-decreasing
  // order of `u`: frames before `u` are forgotten. (Only the frames of the
  // read-ahead are remembered, at most 65536.)
  bool FrameAt(uint64_t u, uint64_t* compressed);
  // The uncompressed offset where the last frame whose check passed ended.
  uint64_t verified() const { return verified_; }
  // The damage Read() stopped at, until Resync(); else nullptr.
  const Damage* damage() const { return damage_ ? &*damage_ : nullptr; }
  // After damage: resumes at the next frame that decodes, sets *resumed to
  // its compressed offset and returns true; false when no frame follows
  // (the input then ends cleanly) or on a read failure (status()).
  bool Resync(uint64_t* resumed);
  // "gzip member" or "zstd frame", for messages.
  const std::string& frame_word() const { return frame_word_; }

 protected:
  // `format` ("gzip") and `frame` ("member") word the messages.
  FrameSource(std::unique_ptr<ByteSource> src, std::string name,
              std::string format, std::string frame);

  // The outcome of one decoding step.
  struct Step {
    size_t in = 0;      // compressed bytes consumed
    size_t out = 0;     // bytes written
    bool end = false;   // the frame ended and its check passed
    std::string error;  // the decoder's message, on damage
    std::string cause;  // the same for a record's error message
  };
  // Starts decoding a new frame (the first, or after one ended or a resync).
  virtual void BeginFrame() = 0;
  // Continues the current frame.
  virtual Step Decode(const unsigned char* in, size_t in_size, char* out,
                      size_t out_size) = 0;
  // Whether `p` (`n` bytes) starts a frame header: its magic, and when
  // `strict` (a resync's scan) also the fields that must hold.
  virtual bool IsFrameStart(const unsigned char* p, size_t n,
                            bool strict) const = 0;
  // Whether a frame that starts at `p` decodes from its `n` available bytes
  // without error (`at_eof`: nothing follows them).
  virtual bool Trial(const unsigned char* p, size_t n, bool at_eof) = 0;
  // At a frame boundary: consumes what may stand between frames (gzip's
  // zero padding, zstd's skippable frames) and returns true, or returns
  // false when there is nothing to consume. Damage here: SetDamage.
  virtual bool SkipBetweenFrames() = 0;

  // At least k bytes of unconsumed input, unless the input ends first.
  bool EnsureInput(size_t k);
  const unsigned char* in() const { return buf_.get() + in_pos_; }
  size_t in_avail() const { return in_end_ - in_pos_; }
  void ConsumeInput(size_t k) { in_pos_ += k; }
  bool at_eof() const { return src_eof_; }
  // Stops reading at damage in the current frame (or at `at`, a frame
  // start that is not one).
  void SetDamage(const std::string& error, const std::string& cause);
  void SetDamageAt(uint64_t at, const std::string& error,
                   const std::string& cause);
  const std::string& name() const { return name_; }
  void Fail(Status s) {
    if (status_.ok()) status_ = std::move(s);
  }

 private:
  bool StartFrame();  // at a boundary: false at a clean end or damage

  std::unique_ptr<ByteSource> src_;
  std::string name_;
  std::string format_;
  std::string frame_;
  std::string frame_word_;
  std::unique_ptr<unsigned char[]> buf_;
  uint64_t base_ = 0;  // compressed offset of buf_[0]
  size_t in_pos_ = 0;
  size_t in_end_ = 0;
  uint64_t keep_from_ = 0;  // compressed offset kept in the buffer if near
  uint64_t produced_ = 0;   // uncompressed bytes returned
  uint64_t frame_start_ = 0;
  uint64_t frame_data_ = 0;
  uint64_t frames_ = 0;
  uint64_t verified_ = 0;
  bool at_boundary_ = true;
  bool done_ = false;
  bool src_eof_ = false;
  Status status_;
  std::optional<Damage> damage_;
  std::deque<std::pair<uint64_t, uint64_t>> boundaries_;  // (uncomp, comp)
};

// Whether the decoded bytes of `in` before uncompressed offset `end` (all
// consumed) came from frames whose check passed: kYes, kNo (a damaged frame
// began before `end`), or kUnknown (the frame holding `end` goes on past
// the read-ahead: it holds more records, as a whole-file gzip does). Reads
// ahead as needed. `frames` is the source below `in`.
enum class Intact { kYes, kNo, kUnknown };
Intact CheckIntact(FrameSource* frames, BufferedSource* in, uint64_t end);

// After damage: resumes `frames` at the next frame, drops what `in` read
// ahead, and returns the damage as a record's error message: "damaged gzip
// member at byte M: CAUSE; reading resumed at byte N" (or "...; no gzip
// member follows"). Sets *resumed when a frame follows.
std::string ResyncAfterDamage(FrameSource* frames, BufferedSource* in,
                              bool* resumed);

}  // namespace winnow

#endif  // WINNOW_INPUT_FRAMES_H_
