// Copyright winnow authors. Licensed under the MIT licence.

#include "input/zstd.h"

#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <cstdint>
#include <utility>

namespace winnow {

namespace {

constexpr uint64_t kMaxDictionary = uint64_t{64} << 20;
constexpr uint32_t kDictionaryFrameMagic = 0x184D2A5D;

uint32_t Le32(const unsigned char* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 |
         uint32_t{p[3]} << 24;
}

bool IsSkippable(const unsigned char* p) {
  return (Le32(p) & 0xFFFFFFF0u) == 0x184D2A50u;
}

}  // namespace

bool HasZstdMagic(std::string_view bytes) {
  if (bytes.size() < 4) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  return Le32(p) == 0xFD2FB528u || IsSkippable(p);
}

ZstdSource::ZstdSource(std::unique_ptr<ByteSource> src, std::string name)
    : FrameSource(std::move(src), std::move(name), "zstd", "frame"),
      dctx_(ZSTD_createDCtx()),
      trial_(ZSTD_createDCtx()) {
  if (!dctx_ || !trial_) {
    Fail(Status::ResourceExhausted(this->name() + ": cannot initialise zstd"));
  }
}

ZstdSource::~ZstdSource() {
  ZSTD_freeDCtx(dctx_);
  ZSTD_freeDCtx(trial_);
  ZSTD_freeDDict(ddict_);
}

bool ZstdSource::IsFrameStart(const unsigned char* p, size_t n,
                              bool strict) const {
  return n >= 4 && Le32(p) == 0xFD2FB528u;
}

bool ZstdSource::TakeContent(uint64_t size, std::string* out) {
  while (size > 0) {
    if (!EnsureInput(1)) return false;
    size_t k = static_cast<size_t>(std::min<uint64_t>(size, in_avail()));
    if (out) out->append(reinterpret_cast<const char*>(in()), k);
    ConsumeInput(k);
    size -= k;
  }
  return true;
}

bool ZstdSource::LoadDictionary(const std::string& content) {
  std::string plain;
  const std::string* dict = &content;
  if (HasZstdMagic(content) &&
      !IsSkippable(reinterpret_cast<const unsigned char*>(content.data()))) {
    bool truncated = false;
    Status s =
        ZstdDecompressBuffer(content, kMaxDictionary, &plain, &truncated);
    if (!s.ok() || truncated) {
      Fail(Status::Corruption(name() + ": bad zstd dictionary: " +
                              (s.ok() ? "truncated" : s.message())));
      return false;
    }
    dict = &plain;
  }
  ddict_ = ZSTD_createDDict(dict->data(), dict->size());
  if (!ddict_ || ZSTD_isError(ZSTD_DCtx_refDDict(dctx_, ddict_)) ||
      ZSTD_isError(ZSTD_DCtx_refDDict(trial_, ddict_))) {
    Fail(Status::Corruption(name() + ": bad zstd dictionary"));
    return false;
  }
  return true;
}

bool ZstdSource::SkipBetweenFrames() {
  if (!EnsureInput(4) || !IsSkippable(in())) return false;
  const uint64_t at = compressed_offset();
  if (!EnsureInput(8)) {
    Fail(Status::Corruption(name() +
                            ": truncated zstd skippable frame at byte " +
                            std::to_string(at)));
    return false;
  }
  const bool dictionary =
      Le32(in()) == kDictionaryFrameMagic && frames() == 0 && !ddict_;
  const uint64_t size = Le32(in() + 4);
  ConsumeInput(8);
  std::string content;
  if (dictionary && size > kMaxDictionary) {
    Fail(Status::ResourceExhausted(name() + ": zstd dictionary larger than " +
                                   std::to_string(kMaxDictionary) + " bytes"));
    return false;
  }
  if (!TakeContent(size, dictionary ? &content : nullptr)) {
    Fail(Status::Corruption(name() +
                            ": truncated zstd skippable frame at byte " +
                            std::to_string(at)));
    return false;
  }
  if (dictionary && !LoadDictionary(content)) return false;
  return true;
}

void ZstdSource::BeginFrame() {
  ZSTD_DCtx_reset(dctx_, ZSTD_reset_session_only);
}

FrameSource::Step ZstdSource::Decode(const unsigned char* in, size_t in_size,
                                     char* out, size_t out_size) {
  Step step;
  ZSTD_inBuffer ib{in, in_size, 0};
  ZSTD_outBuffer ob{out, out_size, 0};
  size_t ret = ZSTD_decompressStream(dctx_, &ob, &ib);
  step.in = ib.pos;
  step.out = ob.pos;
  if (ZSTD_isError(ret)) {
    step.error = ZSTD_getErrorName(ret);
    step.cause = ZSTD_getErrorCode(ret) == ZSTD_error_checksum_wrong
                     ? "checksum mismatch"
                     : "bad zstd data: " + step.error;
  } else if (ret == 0) {
    step.end = true;
  }
  return step;
}

bool ZstdSource::Trial(const unsigned char* p, size_t n, bool at_eof) {
  ZSTD_DCtx_reset(trial_, ZSTD_reset_session_only);
  ZSTD_inBuffer ib{p, n, 0};
  char scratch[16384];
  for (;;) {
    ZSTD_outBuffer ob{scratch, sizeof(scratch), 0};
    size_t ret = ZSTD_decompressStream(trial_, &ob, &ib);
    // A frame that fails only its checksum is a (damaged) frame.
    if (ZSTD_isError(ret)) {
      return ZSTD_getErrorCode(ret) == ZSTD_error_checksum_wrong;
    }
    if (ret == 0) return true;
    if (ib.pos == ib.size && ob.pos < ob.size) return true;
  }
}

Status ZstdDecompressBuffer(std::string_view in, size_t max_out,
                            std::string* out, bool* truncated) {
  *truncated = false;
  ZSTD_DCtx* d = ZSTD_createDCtx();
  if (!d) return Status::ResourceExhausted("cannot initialise zstd");
  ZSTD_inBuffer ib{in.data(), in.size(), 0};
  const size_t base = out->size();
  char chunk[32768];
  Status status;
  size_t ret = 0;
  for (;;) {
    ZSTD_outBuffer ob{chunk, sizeof(chunk), 0};
    ret = ZSTD_decompressStream(d, &ob, &ib);
    if (ZSTD_isError(ret)) {
      status = Status::Corruption(ZSTD_getErrorName(ret));
      break;
    }
    if (out->size() - base + ob.pos > max_out) {
      status = Status::ResourceExhausted("decompressed payload exceeds " +
                                         std::to_string(max_out) + " bytes");
      break;
    }
    out->append(chunk, ob.pos);
    if (ib.pos == ib.size && ob.pos < ob.size) {
      *truncated = ret != 0;
      break;
    }
  }
  ZSTD_freeDCtx(d);
  return status;
}

}  // namespace winnow
