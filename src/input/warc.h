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
// A payload that cannot be decoded (bad chunked or gzip coding, a malformed
// HTTP head, over max_record_bytes) is an error record; reading goes on.
// Damage to the WARC framing itself (truncation, a missing or bad
// Content-Length, a line that is not a WARC version line where a record
// should start) ends reading with kCorruption:
//   "NAME: truncated WARC record at byte S (input ends at byte E)"
//   "NAME: not a WARC record at byte S"
// (for gzip input S is the compressed offset of the record's gzip member,
// or "at uncompressed byte S" inside a whole-file gzip), and for damaged
// gzip data the GzipSource's message (see gzip.h), which names the member.

#ifndef WINNOW_INPUT_WARC_H_
#define WINNOW_INPUT_WARC_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "input/gzip.h"
#include "input/record.h"

namespace winnow {

class WarcReader : public RecordReader {
 public:
  // Reads records from `in` (decompressed bytes). `gzip` is the GzipSource
  // below `in` when the input is gzip-compressed (it gives records their
  // compressed offsets), else nullptr. `name` labels records and errors.
  WarcReader(std::string name, std::unique_ptr<BufferedSource> in,
             GzipSource* gzip, const ReaderOptions& options);

  bool Next(Record* r) override;
  Status status() const override { return status_; }
  const std::map<std::string, uint64_t>& skipped() const override {
    return skipped_;
  }

 private:
  struct Header {
    std::string type;            // WARC-Type, lower-cased
    std::string target_uri;      // WARC-Target-URI
    std::string record_id;       // WARC-Record-ID
    std::string date;            // WARC-Date
    std::string content_type;    // Content-Type
    std::string content_length;  // Content-Length as written
  };
  enum class Outcome { kYield, kSkip, kStop };

  bool SkipSeparators();  // false at the end of the input
  Status ReadHeader(Header* h);
  Outcome ReadBlock(const Header& h, uint64_t length, Record* r);
  Outcome Skip(uint64_t n, const std::string& reason);
  Outcome ErrorRecord(Status error, uint64_t rest, Record* r);
  Status Truncated() const;
  // " at byte N" for the current record: its gzip member's offset when it
  // starts one, else its (uncompressed) data offset.
  std::string Where() const;
  void Stop(Status s);

  std::string name_;
  std::unique_ptr<BufferedSource> in_;
  GzipSource* gzip_;
  ReaderOptions options_;
  Status status_;
  bool done_ = false;
  uint64_t count_ = 0;
  uint64_t record_start_ = 0;  // uncompressed
  bool record_has_member_ = false;
  uint64_t record_member_ = 0;  // compressed, when record_has_member_
  std::map<std::string, uint64_t> skipped_;
  std::string line_;
  std::string block_;
};

}  // namespace winnow

#endif  // WINNOW_INPUT_WARC_H_
