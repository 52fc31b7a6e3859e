// Copyright winnow authors. Licensed under the MIT licence.
//
// HTTP/1.x responses as WARC response records store them: the status line,
// the header fields, and the body with its transfer coding (chunked) and
// content coding (gzip, x-gzip, deflate, br, zstd) still applied. Everything works on
// in-memory bytes bounded by the caller.

#ifndef WINNOW_INPUT_HTTP_H_
#define WINNOW_INPUT_HTTP_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/status.h"
#include "util/ascii.h"  // EqualsIgnoreCase, for header names

namespace winnow {

struct HttpResponse {
  std::string version;  // "HTTP/1.1"
  int status = 0;       // 200
  std::string reason;   // "OK"
  // Header fields in order, names as sent, values trimmed, continuation
  // lines joined with a space.
  std::vector<std::pair<std::string, std::string>> headers;

  // The last value of the field `name` (ASCII case-insensitive), or nullptr.
  const std::string* Find(std::string_view name) const;
  // Every value of `name`, comma-joined, as RFC 9110 combines list fields.
  std::string FindAll(std::string_view name) const;
  // The Content-Type value: the last one carrying a charset parameter when
  // there are several, else the last one; empty when absent.
  std::string ContentType() const;
};

// Parses the status line and header fields at the start of `data`. Lines
// may end in CRLF or a bare LF. An interim 1xx response (100 Continue)
// before the final one is skipped. On success *head_size is the number of
// bytes up to and including the blank line that ends the head. Fails with
// kCorruption: "not an HTTP response" (bad status line), "incomplete HTTP
// head" (no blank line in `data`), "bad HTTP header line".
Status ParseHttpResponseHead(std::string_view data, HttpResponse* out,
                             size_t* head_size);

// Appends the decoded body of chunked transfer coding `in` to *out. Chunk
// extensions and trailer fields are ignored. Data cut off inside a chunk or
// before the last chunk (a truncated capture) is accepted: what came is
// kept. Fails with kCorruption on a bad chunk-size line or a chunk not
// followed by CRLF, kResourceExhausted past `max_out` bytes.
Status DecodeChunked(std::string_view in, size_t max_out, std::string* out);

// Appends `in` with one content coding undone to *out: "gzip"/"x-gzip"
// (every member; data without the gzip magic is taken as already decoded,
// as some crawlers store it), "deflate" (zlib-wrapped, else raw), "br"
// (brotli), "zstd", "identity". Others fail with kUnsupported ("content
// coding 'compress' is not supported by winnow"); bad data with
// kCorruption; more than `max_out` bytes with kResourceExhausted. A cut-off
// stream is accepted.
Status DecodeContentCoding(std::string_view coding, std::string_view in,
                           size_t max_out, std::string* out);

// Undoes the response's Transfer-Encoding (chunked, and any coding listed
// before it) and Content-Encoding (in reverse order of application) on
// `body`, into *out (overwritten). A body declared chunked that does not
// start with a chunk-size line but with markup ('<') is taken as already
// de-chunked, as some crawlers store it. Errors name the step: "bad chunked
// transfer coding: ...", "bad gzip content coding: ..."; a coding winnow
// cannot decode is kUnsupported, worded as DecodeContentCoding says.
Status DecodeHttpBody(const HttpResponse& response, std::string_view body,
                      size_t max_out, std::string* out);

// True when DecodeHttpBody would give `response`'s body back unchanged:
// every transfer and content coding it names is "identity", or it names
// none. The caller may then use the body bytes as they are.
bool HttpBodyIsIdentity(const HttpResponse& response);

// The media type of a Content-Type value, lower-cased and trimmed
// ("text/html" for "Text/HTML; charset=UTF-8").
std::string MediaType(std::string_view content_type);
// text/html or application/xhtml+xml.
bool IsHtmlMediaType(std::string_view content_type);
// The WHATWG MIME sniffing rule for HTML: after an optional UTF-8 BOM and
// whitespace, one of <!DOCTYPE HTML, <html, <head, <script, <iframe, <h1,
// <div, <font, <table, <a, <style, <title, <b, <body, <br, <p, <!-- (ASCII
// case-insensitive) followed by a space or '>' (any char after <!--).
bool SniffHtml(std::string_view bytes);

}  // namespace winnow

#endif  // WINNOW_INPUT_HTTP_H_
