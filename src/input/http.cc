// Copyright winnow authors. Licensed under the MIT licence.

#include "input/http.h"

#include <brotli/decode.h>

#include <algorithm>
#include <cstdint>

#include "input/gzip.h"
#include "input/zstd.h"
#include "util/ascii.h"

namespace winnow {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The comma-separated tokens of a list field, lower-cased, in order.
std::vector<std::string> Tokens(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view t = Trim(list.substr(0, comma));
    if (!t.empty()) {
      std::string s(t);
      for (char& c : s) c = AsciiLower(c);
      out.push_back(std::move(s));
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

Status Wrap(const Status& s, const std::string& prefix) {
  if (s.ok()) return s;
  std::string msg = prefix + s.message();
  switch (s.code()) {
    case Status::Code::kResourceExhausted:
      return Status::ResourceExhausted(msg);
    case Status::Code::kUnsupported:
      return Status::Unsupported(msg);
    default:
      return Status::Corruption(msg);
  }
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = AsciiLower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Parses a chunk-size line (without its line end): hex digits, then
// optional whitespace and ";extensions".
bool ParseChunkSize(std::string_view line, uint64_t* size) {
  size_t semi = line.find(';');
  std::string_view digits = Trim(line.substr(0, semi));
  if (digits.empty() || digits.size() > 15) return false;
  uint64_t v = 0;
  for (char c : digits) {
    int h = HexDigit(c);
    if (h < 0) return false;
    v = v << 4 | static_cast<uint64_t>(h);
  }
  *size = v;
  return true;
}

// Brotli (RFC 7932) from memory; a cut-off stream is accepted.
Status BrotliDecompressBuffer(std::string_view in, size_t max_out,
                              std::string* out) {
  BrotliDecoderState* d =
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (!d) return Status::ResourceExhausted("cannot initialise brotli");
  size_t avail_in = in.size();
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(in.data());
  const size_t base = out->size();
  uint8_t chunk[32768];
  Status status;
  for (;;) {
    size_t avail_out = sizeof(chunk);
    uint8_t* next_out = chunk;
    BrotliDecoderResult r = BrotliDecoderDecompressStream(
        d, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    const size_t got = sizeof(chunk) - avail_out;
    if (out->size() - base + got > max_out) {
      status = Status::ResourceExhausted("decompressed payload exceeds " +
                                         std::to_string(max_out) + " bytes");
      break;
    }
    out->append(reinterpret_cast<const char*>(chunk), got);
    if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) continue;
    if (r == BROTLI_DECODER_RESULT_ERROR) {
      status = Status::Corruption(
          BrotliDecoderErrorString(BrotliDecoderGetErrorCode(d)));
    }
    break;  // done, or cut off (needs more input)
  }
  BrotliDecoderDestroyInstance(d);
  return status;
}

}  // namespace

const std::string* HttpResponse::Find(std::string_view name) const {
  for (size_t i = headers.size(); i-- > 0;) {
    if (EqualsIgnoreCase(headers[i].first, name)) return &headers[i].second;
  }
  return nullptr;
}

std::string HttpResponse::FindAll(std::string_view name) const {
  std::string out;
  for (const auto& h : headers) {
    if (!EqualsIgnoreCase(h.first, name)) continue;
    if (!out.empty()) out.append(", ");
    out.append(h.second);
  }
  return out;
}

std::string HttpResponse::ContentType() const {
  const std::string* last = nullptr;
  const std::string* with_charset = nullptr;
  for (const auto& h : headers) {
    if (!EqualsIgnoreCase(h.first, "Content-Type")) continue;
    last = &h.second;
    std::string lower(h.second);
    for (char& c : lower) c = AsciiLower(c);
    if (lower.find("charset=") != std::string::npos) with_charset = &h.second;
  }
  if (with_charset) return *with_charset;
  return last ? *last : std::string();
}

Status ParseHttpResponseHead(std::string_view data, HttpResponse* out,
                             size_t* head_size) {
  size_t pos = 0;
  for (;;) {
    *out = HttpResponse();
    // Status line: HTTP-version SP status-code [SP reason-phrase].
    size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) {
      return Status::Corruption("incomplete HTTP head");
    }
    std::string_view line = Trim(data.substr(pos, eol - pos));
    if (!StartsWithIgnoreCase(line, "HTTP/")) {
      return Status::Corruption("not an HTTP response");
    }
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) {
      return Status::Corruption("not an HTTP response");
    }
    out->version.assign(line.data(), sp);
    std::string_view rest = Trim(line.substr(sp + 1));
    if (rest.size() < 3 || rest[0] < '1' || rest[0] > '9' || rest[1] < '0' ||
        rest[1] > '9' || rest[2] < '0' || rest[2] > '9' ||
        (rest.size() > 3 && rest[3] != ' ' && rest[3] != '\t')) {
      return Status::Corruption("not an HTTP response: bad status code");
    }
    out->status =
        (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
    out->reason = std::string(Trim(rest.substr(3)));
    pos = eol + 1;
    // Header fields up to an empty line. Lines without a colon are ignored,
    // as browsers do.
    for (;;) {
      eol = data.find('\n', pos);
      if (eol == std::string_view::npos) {
        return Status::Corruption("incomplete HTTP head");
      }
      std::string_view raw = data.substr(pos, eol - pos);
      pos = eol + 1;
      if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
      if (raw.empty()) break;
      if (raw[0] == ' ' || raw[0] == '\t') {  // obsolete line folding
        std::string_view more = Trim(raw);
        if (!out->headers.empty() && !more.empty()) {
          std::string& v = out->headers.back().second;
          if (!v.empty()) v.push_back(' ');
          v.append(more.data(), more.size());
        }
        continue;
      }
      size_t colon = raw.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view name = Trim(raw.substr(0, colon));
      if (name.empty()) continue;
      out->headers.emplace_back(std::string(name),
                                std::string(Trim(raw.substr(colon + 1))));
    }
    // An interim response (100 Continue, 103 Early Hints) may precede the
    // final one in the same capture.
    if (out->status >= 100 && out->status < 200 && out->status != 101 &&
        StartsWithIgnoreCase(data.substr(pos), "HTTP/")) {
      continue;
    }
    *head_size = pos;
    return Status::OK();
  }
}

Status DecodeChunked(std::string_view in, size_t max_out, std::string* out) {
  size_t pos = 0;
  size_t produced = 0;
  const size_t n = in.size();
  for (;;) {
    if (pos >= n) return Status::OK();  // cut off before the last chunk
    size_t eol = in.find('\n', pos);
    std::string_view line =
        in.substr(pos, eol == std::string_view::npos ? n - pos : eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    uint64_t size = 0;
    if (eol == std::string_view::npos) {
      // Cut off inside a chunk-size line: fine if what came could be one.
      if (line.empty() || ParseChunkSize(line, &size)) return Status::OK();
      return Status::Corruption("bad chunk size at byte " +
                                std::to_string(pos));
    }
    if (!ParseChunkSize(line, &size)) {
      return Status::Corruption("bad chunk size at byte " +
                                std::to_string(pos));
    }
    pos = eol + 1;
    if (size == 0) return Status::OK();  // the last chunk; trailers ignored
    size_t take = static_cast<size_t>(std::min<uint64_t>(size, n - pos));
    if (produced + take > max_out) {
      return Status::ResourceExhausted("payload exceeds " +
                                       std::to_string(max_out) + " bytes");
    }
    out->append(in.data() + pos, take);
    produced += take;
    pos += take;
    if (take < size || pos == n) return Status::OK();  // cut off
    if (in[pos] == '\r') {
      if (++pos == n) return Status::OK();
    }
    if (in[pos] != '\n') {
      return Status::Corruption("missing CRLF after chunk data at byte " +
                                std::to_string(pos));
    }
    ++pos;
  }
}

Status DecodeContentCoding(std::string_view coding, std::string_view in,
                           size_t max_out, std::string* out) {
  const size_t base = out->size();
  bool truncated = false;
  if (coding.empty() || EqualsIgnoreCase(coding, "identity")) {
    if (in.size() > max_out) {
      return Status::ResourceExhausted("payload exceeds " +
                                       std::to_string(max_out) + " bytes");
    }
    out->append(in.data(), in.size());
    return Status::OK();
  }
  if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
    if (!HasGzipMagic(in)) {  // stored decoded, the header left as it was
      return DecodeContentCoding("identity", in, max_out, out);
    }
    return InflateBuffer(in, 15 + 16, max_out, out, &truncated);
  }
  if (EqualsIgnoreCase(coding, "deflate")) {
    Status s = InflateBuffer(in, 15, max_out, out, &truncated);
    if (s.code() != Status::Code::kCorruption) return s;
    out->resize(base);  // not zlib-wrapped: raw deflate, as some servers send
    return InflateBuffer(in, -15, max_out, out, &truncated);
  }
  if (EqualsIgnoreCase(coding, "br")) {
    return BrotliDecompressBuffer(in, max_out, out);
  }
  if (EqualsIgnoreCase(coding, "zstd")) {
    return ZstdDecompressBuffer(in, max_out, out, &truncated);
  }
  return Status::Unsupported("content coding '" + std::string(coding) +
                             "' is not supported by winnow");
}

bool HttpBodyIsIdentity(const HttpResponse& response) {
  for (const char* field : {"Transfer-Encoding", "Content-Encoding"}) {
    for (const std::string& coding : Tokens(response.FindAll(field))) {
      if (coding != "identity") return false;
    }
  }
  return true;
}

Status DecodeHttpBody(const HttpResponse& response, std::string_view body,
                      size_t max_out, std::string* out) {
  std::vector<std::string> te = Tokens(response.FindAll("Transfer-Encoding"));
  std::vector<std::string> ce = Tokens(response.FindAll("Content-Encoding"));
  // Codings in the order they must be undone.
  std::vector<std::pair<std::string, bool>> steps;  // (coding, transfer?)
  for (size_t i = te.size(); i-- > 0;) steps.emplace_back(te[i], true);
  for (size_t i = ce.size(); i-- > 0;) steps.emplace_back(ce[i], false);

  std::string a, b;
  std::string_view cur = body;
  std::string* next = &a;
  for (const auto& [coding, transfer] : steps) {
    if (coding == "identity") continue;
    next->clear();
    Status s;
    if (coding == "chunked") {
      size_t eol = cur.find('\n');
      std::string_view first =
          cur.substr(0, eol == std::string_view::npos ? cur.size() : eol);
      if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
      uint64_t size;
      size_t lead = cur.find_first_not_of(" \t\r\n");
      if (!ParseChunkSize(first, &size) && lead != std::string_view::npos &&
          cur[lead] == '<') {
        continue;  // stored de-chunked
      }
      s = Wrap(DecodeChunked(cur, max_out, next),
               "bad chunked transfer coding: ");
    } else {
      s = DecodeContentCoding(coding, cur, max_out, next);
      // A coding winnow does not know is its limit, not bad data.
      if (s.code() != Status::Code::kUnsupported) {
        s = Wrap(s, "bad " + coding + (transfer ? " transfer" : " content") +
                        " coding: ");
      }
    }
    if (!s.ok()) return s;
    cur = *next;
    next = next == &a ? &b : &a;
  }
  if (cur.size() > max_out) {
    return Status::ResourceExhausted("payload exceeds " +
                                     std::to_string(max_out) + " bytes");
  }
  if (cur.data() == body.data()) {
    out->assign(body.data(), body.size());
  } else {
    // cur is a or b; the other one is `next`.
    out->swap(next == &a ? b : a);
  }
  return Status::OK();
}

std::string MediaType(std::string_view content_type) {
  std::string_view t = Trim(content_type.substr(0, content_type.find(';')));
  std::string out(t);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

bool IsHtmlMediaType(std::string_view content_type) {
  std::string t = MediaType(content_type);
  return t == "text/html" || t == "application/xhtml+xml";
}

bool SniffHtml(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  size_t i = 0;
  while (i < bytes.size() &&
         (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' ||
          bytes[i] == '\r' || bytes[i] == '\f')) {
    ++i;
  }
  std::string_view s = bytes.substr(i);
  if (s.substr(0, 4) == "<!--") return true;
  static const char* const kTags[] = {"<!doctype html",
                                      "<html",
                                      "<head",
                                      "<script",
                                      "<iframe",
                                      "<h1",
                                      "<div",
                                      "<font",
                                      "<table",
                                      "<a",
                                      "<style",
                                      "<title",
                                      "<b",
                                      "<body",
                                      "<br",
                                      "<p"};
  for (const char* tag : kTags) {
    std::string_view t(tag);
    if (s.size() > t.size() && StartsWithIgnoreCase(s, t) &&
        (s[t.size()] == ' ' || s[t.size()] == '>')) {
      return true;
    }
  }
  return false;
}

}  // namespace winnow
