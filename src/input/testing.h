// Copyright winnow authors. Licensed under the MIT licence.
//
// Helpers shared by the input readers' tests: compressing, chunking and
// owning the bytes a reader is given. Test code only.

#ifndef WINNOW_INPUT_TESTING_H_
#define WINNOW_INPUT_TESTING_H_

#include <zlib.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "input/gzip.h"

namespace winnow {

// Compresses `data` with zlib: window_bits 31 gzip, 15 zlib, -15 raw.
// Returns "" when zlib fails, which the callers' expectations then show.
inline std::string Deflate(std::string_view data, int window_bits = 31) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return "";
  }
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_out = reinterpret_cast<Bytef*>(&out[0]);
  z.avail_out = static_cast<uInt>(out.size());
  const bool done = deflate(&z, Z_FINISH) == Z_STREAM_END;
  out.resize(done ? z.total_out : 0);
  deflateEnd(&z);
  return out;
}

// One chunk of an HTTP chunked body: hex size, CRLF, data, CRLF.
inline std::string Chunk(std::string_view data) {
  char size[32];
  std::snprintf(size, sizeof(size), "%zx\r\n", data.size());
  return size + std::string(data) + "\r\n";
}

using Fields = std::vector<std::pair<std::string, std::string>>;

// A WARC record as a crawler writes it.
inline std::string WarcRecord(const std::string& type, const Fields& fields,
                              const std::string& block,
                              const std::string& version = "WARC/1.1") {
  std::string out = version + "\r\nWARC-Type: " + type + "\r\n";
  for (const auto& [k, v] : fields) out += k + ": " + v + "\r\n";
  out += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  return out + block + "\r\n\r\n";
}

inline std::string HttpBlock(const std::string& status_line,
                             const std::vector<std::string>& headers,
                             const std::string& body) {
  std::string out = status_line + "\r\n";
  for (const auto& h : headers) out += h + "\r\n";
  return out + "\r\n" + body;
}

// A StringSource that owns its bytes.
class OwnedSource : public ByteSource {
 public:
  explicit OwnedSource(std::string data)
      : data_(std::move(data)), src_(data_) {}
  size_t Read(char* buf, size_t n) override { return src_.Read(buf, n); }
  Status status() const override { return src_.status(); }

 private:
  std::string data_;
  StringSource src_;
};

}  // namespace winnow

#endif  // WINNOW_INPUT_TESTING_H_
