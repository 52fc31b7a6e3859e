// Copyright winnow authors. Licensed under the MIT licence.
//
// The input stage of the batch pipeline: records read from an input (a page
// file, a folder, a WARC or JSONL file, gzip-compressed or not, or stdin).
// Records flow one way, one at a time, in constant memory: a reader never
// holds more than one record (bounded by ReaderOptions::max_record_bytes)
// plus a fixed read-ahead buffer.

#ifndef WINNOW_INPUT_RECORD_H_
#define WINNOW_INPUT_RECORD_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "winnow/options.h"
#include "winnow/status.h"

namespace winnow {

// What an input holds. Compression (gzip, zstd) is always recognised by its
// magic bytes, whatever the format.
enum class InputFormat {
  kAuto,   // by file name, then by sniffing the first bytes
  kHtml,   // one HTML page per file
  kText,   // one plain-text page per file
  kWarc,   // WARC 1.0/1.1 records
  kJsonl,  // one JSON object per line
};

// "auto", "html", "text", "warc", "jsonl".
const char* InputFormatName(InputFormat format);
// Parses the names above (and "ndjson" for kJsonl, "txt" for kText);
// returns false for anything else.
bool ParseInputFormat(std::string_view name, InputFormat* format);

struct ReaderOptions {
  // JSONL: the field holding a page's HTML. Default: "html".
  std::string html_field = "html";
  // JSONL: the field holding already-scraped text, used when the HTML field
  // is absent or not a string. Default: "text".
  std::string text_field = "text";
  // JSONL: the field holding the page's URL. Default: "url".
  std::string url_field = "url";
  // Bytes of one record: a WARC record's payload both as stored and once
  // its transfer and content codings are undone, one JSONL line, one page
  // file. A larger record becomes an error record (kResourceExhausted) and
  // is skipped without being held in memory. Default: 64 MiB.
  size_t max_record_bytes = size_t{64} << 20;
};

struct Record {
  // The input name as given ("-" for stdin, else the path; inside a folder,
  // the path of the file the record came from).
  std::string input;
  // Byte offset of the record's start in `input`. When compressed_offset is
  // true it counts compressed bytes: the start of the gzip member the record
  // begins (a per-record .warc.gz, as CDX indexes give it). Otherwise it
  // counts uncompressed bytes (plain files, JSONL lines, and records inside a
  // whole-file gzip).
  uint64_t offset = 0;
  bool compressed_offset = false;
  // 0-based ordinal in `input`: WARC: among all WARC records, skipped ones
  // included; JSONL: the line number (blank lines counted); pages: 0.
  uint64_t index = 0;
  // WARC-Target-URI, the JSONL url field, or the file path for page files
  // (empty for a page read from stdin).
  std::string url;
  std::string warc_record_id;  // WARC only: WARC-Record-ID
  std::string date;            // WARC only: WARC-Date
  std::string payload_digest;  // WARC only: WARC-Payload-Digest, as written
  // The HTTP Content-Language of a WARC response, when it has one.
  std::string content_language;
  // The Content-Type of the payload when known: the HTTP header for WARC
  // responses (the one carrying a charset when there are several), the WARC
  // Content-Type for resource records, "text/html; charset=utf-8" or
  // "text/plain; charset=utf-8" for JSONL (JSON strings are Unicode, so this
  // overrides a stale <meta charset>); empty for page files.
  std::string content_type;
  // The payload, transfer and content codings undone.
  std::string body;
  // kHtml or kText when the input says so, else kAuto (sniff).
  ContentKind kind = ContentKind::kAuto;
  // JSONL only: the line's other fields (all but the html, text and url
  // fields), re-serialised compactly as an object body `"k":v,...` ready to
  // splice into an output object; empty when there are none.
  std::string passthrough;
  // Non-OK: the record exists but its payload could not be read (bad chunked
  // or gzip coding, JSON syntax error, over max_record_bytes ...). The other
  // fields hold what could be read; body is empty. Reading goes on.
  Status error;

  // Empties every field, keeping string capacity.
  void Clear() {
    input.clear();
    offset = 0;
    compressed_offset = false;
    index = 0;
    url.clear();
    warc_record_id.clear();
    date.clear();
    payload_digest.clear();
    content_language.clear();
    content_type.clear();
    body.clear();
    kind = ContentKind::kAuto;
    passthrough.clear();
    error = Status::OK();
  }
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;

  // Reads the next record into *r (which is overwritten). Damage inside
  // the input (a damaged gzip member or zstd frame, a WARC record whose
  // framing lies) is an error record, and reading goes on after it.
  // Returns false at the end of the input or where it is cut off; status()
  // then says which: OK at a clean end, kCorruption ("NAME: truncated gzip
  // member at byte OFFSET ...", "NAME: truncated WARC record at byte OFFSET
  // ...") or kIOError. Every complete record before the cut was returned.
  virtual bool Next(Record* r) = 0;

  virtual Status status() const = 0;

  // Records passed over, by reason: "warcinfo", "request", "metadata",
  // "revisit", "conversion", "continuation", other WARC-Type values,
  // "non-html" (payload not HTML), "http-status" (not 2xx), "binary" (a
  // binary file, in a folder or not), "not-a-file" (a FIFO, socket or
  // device in a folder). Complete once Next has returned false.
  virtual const std::map<std::string, uint64_t>& skipped() const = 0;

  // When reading stopped on damage (Next returned false, status() is not
  // OK) inside a record whose header was read, fills *r with that record's
  // identity (input, index, offset, url, WARC id, date, digest; no body)
  // and returns true, so that the failure is reported under the record's
  // own name and address. Otherwise returns false.
  virtual bool StoppedIn(Record* r) const { return false; }
};

}  // namespace winnow

#endif  // WINNOW_INPUT_RECORD_H_
