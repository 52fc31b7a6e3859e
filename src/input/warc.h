// Copyright winnow authors. Licensed under the MIT licence.
//
// WARC 1.0 / 1.1 (ISO 28500) records, streamed in constant memory: only the
// current record's headers and (bounded) payload are held.
//
// Yielded: `response` records holding an HTTP response (WARC Content-Type
// application/http) with a 2xx status and an HTML payload (Content-Type
// text/html or application/xhtml+xml, or none and the bytes sniff as HTML),
// chunked transfer coding and gzip/deflate content coding undone; and
// `resource` records (or non-HTTP `response` records) whose WARC
// Content-Type is HTML. Everything else is counted in skipped() under its
// WARC-Type ("warcinfo", "request", "metadata", "revisit", "conversion",
// "continuation", ...), "http-status" (not 2xx) or "non-html".
//
// A payload that cannot be decoded (bad chunked, gzip, brotli or zstd
// coding, a malformed HTTP head, over max_record_bytes) is an error record;
// reading goes on. A record whose framing is damaged is an error record too,
// named by its index and offset, and reading resynchronises: at the next
// gzip member or zstd frame that decodes after damaged compressed data, then
// at the next "WARC/1.0" or "WARC/1.1" line at a line start (or a frame
// start). The error messages (the record's name is added by the caller):
//   "damaged gzip member at byte M: CRC-32 mismatch; reading resumed at
//    byte N" (also "length mismatch (ISIZE)", "bad gzip header: ...", "bad
//    deflate data: ...", "not a gzip member header", and for zstd "damaged
//    zstd frame ..."; "; no gzip member follows" when none does)
//   "Content-Length L does not end the record: no WARC record follows its
//    block; reading resumed at byte N" (a Content-Length that lies)
//   "WARC header has no blank line before the next record's version line"
//   "WARC header longer than 1048576 bytes", "missing Content-Length",
//   "bad Content-Length \"...\"", "not a WARC record",
//   "unsupported WARC version \"WARC/2.0\"" (each "; reading resumed at
//    byte N" or "; no WARC record follows")
// In a per-record .warc.gz (or .warc.zst) a record is yielded only after
// its member's CRC (the frame's checksum) was checked, so a damaged record
// is never a success. N and M are compressed offsets where a frame starts
// there, else "uncompressed byte N" inside a whole-file gzip. Only an input
// that ends inside a record ends reading with kCorruption:
//   "NAME: truncated WARC record at byte S (input ends at byte E)"
// or the gzip/zstd source's "NAME: truncated gzip member at byte M (input
// ends at byte E)"; every complete record before it has been returned.

#ifndef WINNOW_INPUT_WARC_H_
#define WINNOW_INPUT_WARC_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "input/frames.h"
#include "input/record.h"
#include "input/source.h"

namespace winnow {

class WarcReader : public RecordReader {
 public:
  // Reads records from `in` (decompressed bytes). `frames` is the gzip or
  // zstd source below `in` when the input is compressed (it gives records
  // their compressed offsets and reports damage), else nullptr. `name`
  // labels records and errors.
  WarcReader(std::string name, std::unique_ptr<BufferedSource> in,
             FrameSource* frames, const ReaderOptions& options);

  bool Next(Record* r) override;
  Status status() const override { return status_; }
  const std::map<std::string, uint64_t>& skipped() const override {
    return skipped_;
  }
  bool StoppedIn(Record* r) const override;

 private:
  struct Header {
    std::string type;            // WARC-Type, lower-cased
    std::string target_uri;      // WARC-Target-URI
    std::string record_id;       // WARC-Record-ID
    std::string date;            // WARC-Date
    std::string payload_digest;  // WARC-Payload-Digest
    std::string content_type;    // Content-Type
    std::string content_length;  // Content-Length as written
  };
  // kFail: the record's framing failed (cut by damage, see InDamage).
  enum class Outcome { kYield, kSkip, kStop, kFail };

  bool SkipSeparators();  // false at the end of the input
  // Sets *cut when it fails because the data ended.
  Status ReadHeader(Header* h, bool* cut);
  Outcome ReadBlock(const Header& h, uint64_t length, Record* r);
  Outcome Skip(uint64_t n, const std::string& reason);
  Outcome ErrorRecord(Status error, uint64_t rest, Record* r);
  // The data ended inside a record: kFail at damage, else kStop.
  Outcome Cut();
  // Whether reading has reached the data of a damaged frame.
  bool InDamage() const;
  // After a block of `length` bytes: consumes the line ends that follow;
  // fails unless the input ends there, "WARC/" follows, or a frame starts.
  Status CheckRecordEnd(uint64_t length);
  // Consumes bytes up to the next version line at a line start (or at a
  // frame start); `line_start`: the current position is one. Sets *where
  // to "reading resumed at byte N" or "no WARC record follows".
  bool ScanToVersionLine(bool line_start, std::string* where);
  // Makes *r the error record of the current record (its header `h`, if
  // read; `counted`: it has its index already), with `cause` or the frame
  // damage that cut it, and resynchronises (`line_start`: the current
  // position starts a line). Returns true.
  bool FailRecord(const Header* h, bool counted, Status cause, bool line_start,
                  Record* r);
  Status Truncated() const;
  // Reading stops inside the record headed `h` (counted in count_ yet or
  // not): keep its identity for StoppedIn.
  void RememberStop(const Header& h, bool counted);
  // " at byte N" for uncompressed offset `u`: the compressed offset when a
  // frame starts there.
  std::string At(uint64_t u);
  // " at byte N" for the current record: its gzip member's offset when it
  // starts one, else its (uncompressed) data offset.
  std::string Where() const;
  void Stop(Status s);

  std::string name_;
  Record stopped_in_;  // see StoppedIn
  bool has_stopped_in_ = false;
  std::unique_ptr<BufferedSource> in_;
  FrameSource* frames_;
  ReaderOptions options_;
  Status status_;
  bool done_ = false;
  uint64_t count_ = 0;
  uint64_t record_start_ = 0;  // uncompressed
  bool record_has_member_ = false;
  uint64_t record_member_ = 0;  // compressed, when record_has_member_
  std::map<std::string, uint64_t> skipped_;
  std::string skip_reason_;
  std::string line_;
  std::string block_;
};

}  // namespace winnow

#endif  // WINNOW_INPUT_WARC_H_
