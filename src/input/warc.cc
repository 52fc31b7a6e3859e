// Copyright winnow authors. Licensed under the MIT licence.

#include "input/warc.h"

#include <algorithm>
#include <utility>

#include "input/frames.h"
#include "input/http.h"
#include "util/ascii.h"

namespace winnow {

namespace {

// What names a record whatever becomes of it: its address (WARC 1.0
// writers bracket it: "<http://...>"), id, capture date and the digest of
// its payload as the WARC header states them.
template <typename Header>
void SetIdentity(const Header& h, Record* r) {
  std::string_view uri = h.target_uri;
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
    uri = uri.substr(1, uri.size() - 2);
  }
  r->url.assign(uri.data(), uri.size());
  r->warc_record_id = h.record_id;
  r->date = h.date;
  r->payload_digest = h.payload_digest;
}

constexpr size_t kMaxHeaderLine = size_t{64} << 10;
constexpr size_t kMaxHeaderBytes = size_t{1} << 20;
// The HTTP head is parsed from this many first bytes of a response block,
// so a large non-HTML payload is skipped without being read into memory.
constexpr size_t kMaxHttpHead = size_t{64} << 10;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The same code with another message.
Status WithMessage(const Status& s, const std::string& msg) {
  switch (s.code()) {
    case Status::Code::kIOError:
      return Status::IOError(msg);
    case Status::Code::kResourceExhausted:
      return Status::ResourceExhausted(msg);
    default:
      return Status::Corruption(msg);
  }
}

// "WARC/1.0" or "WARC/1.1" and a line end at the start of `s`.
bool IsVersionLine(std::string_view s) {
  return s.size() >= 9 && s.substr(0, 7) == "WARC/1." &&
         (s[7] == '0' || s[7] == '1') && (s[8] == '\r' || s[8] == '\n');
}

bool ParseLength(std::string_view s, uint64_t* out) {
  if (s.empty() || s.size() > 19) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

WarcReader::WarcReader(std::string name, std::unique_ptr<BufferedSource> in,
                       FrameSource* frames, const ReaderOptions& options)
    : name_(std::move(name)),
      in_(std::move(in)),
      frames_(frames),
      options_(options) {}

void WarcReader::Stop(Status s) {
  done_ = true;
  status_ = std::move(s);
}

bool WarcReader::SkipSeparators() {
  for (;;) {
    std::string_view sv = in_->Peek(64);
    if (sv.empty()) return false;
    size_t k = 0;
    while (k < sv.size() && (sv[k] == '\r' || sv[k] == '\n')) ++k;
    in_->Consume(k);
    if (k < sv.size()) return true;
  }
}

Status WarcReader::Truncated() const {
  Status src = in_->status();
  if (!src.ok()) {
    // The gzip message names the member where the damage is; when the
    // record does not start a member, say where in the data it began.
    if (record_has_member_ || !frames_) return src;
    return WithMessage(
        src, src.message() + " (incomplete WARC record at uncompressed byte " +
                 std::to_string(record_start_) + ")");
  }
  return Status::Corruption(
      name_ + ": truncated WARC record" + Where() + " (" +
      (frames_ ? "data ends at uncompressed" : "input ends at") + " byte " +
      std::to_string(in_->offset()) + ")");
}

std::string WarcReader::At(uint64_t u) {
  uint64_t compressed = 0;
  if (frames_ && frames_->FrameAt(u, &compressed)) {
    return " at byte " + std::to_string(compressed);
  }
  return std::string(frames_ ? " at uncompressed byte " : " at byte ") +
         std::to_string(u);
}

std::string WarcReader::Where() const {
  if (record_has_member_) return " at byte " + std::to_string(record_member_);
  return std::string(frames_ ? " at uncompressed byte " : " at byte ") +
         std::to_string(record_start_);
}

Status WarcReader::ReadHeader(Header* h, bool* cut) {
  *cut = true;
  bool too_long = false, complete = false;
  line_.clear();
  if (!in_->ReadLine(kMaxHeaderLine, &line_, &too_long, &complete)) {
    return Truncated();
  }
  std::string_view version = Trim(line_);
  if (!complete) {
    // Cut off in the version line, or not a WARC at all.
    std::string_view w = "WARC/1.";
    if (version.substr(0, w.size()) == w.substr(0, version.size())) {
      return Truncated();
    }
    *cut = false;
    return Status::Corruption("not a WARC record");
  }
  if (version != "WARC/1.0" && version != "WARC/1.1") {
    std::string what = version.substr(0, 5) == "WARC/"
                           ? "unsupported WARC version \"" +
                                 std::string(version.substr(0, 16)) + "\""
                           : "not a WARC record";
    *cut = false;
    return Status::Corruption(what);
  }
  size_t total = line_.size();
  std::string* last = nullptr;  // the field a continuation line extends
  for (;;) {
    if (IsVersionLine(in_->Peek(10))) {
      *cut = false;
      return Status::Corruption(
          "WARC header has no blank line before the "
          "next record's version line");
    }
    line_.clear();
    if (!in_->ReadLine(kMaxHeaderLine, &line_, &too_long, &complete) ||
        !complete) {
      return Truncated();
    }
    total += line_.size() + 1;
    if (too_long || total > kMaxHeaderBytes) {
      *cut = false;
      return Status::Corruption("WARC header longer than " +
                                std::to_string(kMaxHeaderBytes) + " bytes");
    }
    std::string_view raw = line_;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (raw.empty()) return Status::OK();
    if (raw[0] == ' ' || raw[0] == '\t') {  // continuation
      std::string_view more = Trim(raw);
      if (last && !more.empty()) {
        if (!last->empty()) last->push_back(' ');
        last->append(more.data(), more.size());
      }
      continue;
    }
    size_t colon = raw.find(':');
    last = nullptr;
    if (colon == std::string_view::npos) continue;  // tolerated
    std::string name = AsciiLowerCopy(Trim(raw.substr(0, colon)));
    std::string_view value = Trim(raw.substr(colon + 1));
    if (name == "warc-type") {
      last = &h->type;
    } else if (name == "warc-target-uri") {
      last = &h->target_uri;
    } else if (name == "warc-record-id") {
      last = &h->record_id;
    } else if (name == "warc-date") {
      last = &h->date;
    } else if (name == "warc-payload-digest") {
      last = &h->payload_digest;
    } else if (name == "content-type") {
      last = &h->content_type;
    } else if (name == "content-length") {
      last = &h->content_length;
    }
    if (last) last->assign(value.data(), value.size());
  }
}

WarcReader::Outcome WarcReader::Skip(uint64_t n, const std::string& reason) {
  if (in_->Skip(n) < n) return Cut();
  skip_reason_ = reason;
  return Outcome::kSkip;
}

WarcReader::Outcome WarcReader::ErrorRecord(Status error, uint64_t rest,
                                            Record* r) {
  if (in_->Skip(rest) < rest) return Cut();
  r->body.clear();
  r->error = std::move(error);
  return Outcome::kYield;
}

WarcReader::Outcome WarcReader::ReadBlock(const Header& h, uint64_t length,
                                          Record* r) {
  const std::string type = AsciiLowerCopy(h.type);
  if (type != "response" && type != "resource") {
    std::string reason = type.empty() ? "untyped" : type.substr(0, 40);
    return Skip(length, reason);
  }
  const size_t max = options_.max_record_bytes;
  r->Clear();
  r->input = name_;
  r->index = count_ - 1;
  SetIdentity(h, r);
  r->kind = ContentKind::kHtml;

  std::string warc_type = MediaType(h.content_type);
  bool http = false;
  if (type == "response") {
    if (warc_type == "application/http") {
      http = true;
    } else if (warc_type.empty()) {
      std::string_view head = in_->Peek(5);
      http = head.size() >= 5 && head.substr(0, 5) == "HTTP/" && length >= 5;
    }
  }

  if (!http) {
    if (!IsHtmlMediaType(h.content_type)) return Skip(length, "non-html");
    if (length > max) {
      return ErrorRecord(
          Status::ResourceExhausted("record of " + std::to_string(length) +
                                    " bytes exceeds the limit of " +
                                    std::to_string(max)),
          length, r);
    }
    if (in_->ReadInto(length, &r->body) < length) return Cut();
    r->content_type = h.content_type;
    return Outcome::kYield;
  }

  // An HTTP response: its head first, from a bounded prefix.
  block_.clear();
  const uint64_t head_len = std::min<uint64_t>(length, kMaxHttpHead);
  if (in_->ReadInto(head_len, &block_) < head_len) return Cut();
  HttpResponse response;
  size_t head_size = 0;
  Status s = ParseHttpResponseHead(block_, &response, &head_size);
  if (!s.ok()) {
    if (block_.size() < length && s.message() == "incomplete HTTP head") {
      s = Status::Corruption("HTTP head longer than " +
                             std::to_string(kMaxHttpHead) + " bytes");
    }
    return ErrorRecord(s, length - block_.size(), r);
  }
  if (response.status < 200 || response.status > 299) {
    return Skip(length - block_.size(), "http-status");
  }
  std::string content_type = response.ContentType();
  if (!content_type.empty() && !IsHtmlMediaType(content_type)) {
    return Skip(length - block_.size(), "non-html");
  }
  if (length - head_size > max) {
    return ErrorRecord(
        Status::ResourceExhausted(
            "payload of " + std::to_string(length - head_size) +
            " bytes exceeds the limit of " + std::to_string(max)),
        length - block_.size(), r);
  }
  const uint64_t rest = length - block_.size();
  if (HttpBodyIsIdentity(response)) {  // the body as it is: no second copy
    r->body.assign(block_, head_size, std::string::npos);
    if (in_->ReadInto(rest, &r->body) < rest) return Cut();
  } else {
    if (in_->ReadInto(rest, &block_) < rest) return Cut();
    s = DecodeHttpBody(response, std::string_view(block_).substr(head_size),
                       max, &r->body);
    if (!s.ok()) return ErrorRecord(s, 0, r);
  }
  if (content_type.empty() && !SniffHtml(r->body)) {
    skip_reason_ = "non-html";
    return Outcome::kSkip;
  }
  r->content_type = std::move(content_type);
  if (const std::string* lang = response.Find("content-language")) {
    r->content_language = *lang;
  }
  return Outcome::kYield;
}

WarcReader::Outcome WarcReader::Cut() {
  if (InDamage()) return Outcome::kFail;
  Stop(Truncated());
  return Outcome::kStop;
}

bool WarcReader::InDamage() const {
  return frames_ && frames_->damage() &&
         frames_->damage()->data <= in_->offset();
}

Status WarcReader::CheckRecordEnd(uint64_t length) {
  size_t k = 0;
  for (;;) {
    std::string_view sv = in_->Peek(k + 5);
    while (k < sv.size() && (sv[k] == '\r' || sv[k] == '\n')) ++k;
    if (k < sv.size() || sv.size() < k + 5) break;
  }
  std::string_view next = in_->Peek(k + 5).substr(k);
  uint64_t ignored;
  // The end of the input, a record (of any version: its own error), or
  // the start of a frame, which ends the record's frame.
  if (next.empty() || next.substr(0, 5) == "WARC/" ||
      (frames_ && frames_->FrameAt(in_->offset() + k, &ignored))) {
    in_->Consume(k);
    return Status::OK();
  }
  return Status::Corruption("Content-Length " + std::to_string(length) +
                            " does not end the record: no WARC record "
                            "follows its block");
}

bool WarcReader::ScanToVersionLine(bool line_start, std::string* where) {
  for (;;) {
    std::string_view sv = in_->Peek(BufferedSource::kDefaultBufferSize);
    if (sv.size() < 10) {
      if (IsVersionLine(sv) && line_start) break;
      in_->Consume(sv.size());
      *where = "no WARC record follows";
      return false;
    }
    size_t i = 0;
    for (; i + 10 <= sv.size(); ++i) {
      const bool starts_line = i == 0 ? line_start : sv[i - 1] == '\n';
      uint64_t ignored;
      if (sv[i] == 'W' && IsVersionLine(sv.substr(i)) &&
          (starts_line ||
           (frames_ && frames_->FrameAt(in_->offset() + i, &ignored)))) {
        break;
      }
    }
    in_->Consume(i);
    if (i + 10 <= sv.size()) break;
    line_start = sv[i - 1] == '\n';
  }
  *where = "reading resumed" + At(in_->offset());
  return true;
}

bool WarcReader::FailRecord(const Header* h, bool counted, Status cause,
                            bool line_start, Record* r) {
  r->Clear();
  r->input = name_;
  r->index = counted ? count_ - 1 : count_++;
  if (h) SetIdentity(*h, r);  // a failed record keeps its own address
  r->offset = record_has_member_ ? record_member_ : record_start_;
  r->compressed_offset = record_has_member_;
  std::string msg;
  bool frame_start = false;  // reading resumed at a frame
  if (InDamage()) {
    msg = ResyncAfterDamage(frames_, in_.get(), &frame_start);
    if (!frame_start) {
      done_ = true;
      status_ = frames_->status();
    }
  } else {
    msg = cause.message();
  }
  if (!done_) {
    std::string where;
    if (!ScanToVersionLine(frame_start || line_start, &where) && !InDamage()) {
      done_ = true;
      status_ = in_->status();
    }
    if (!frame_start || where.substr(0, 7) != "reading") msg += "; " + where;
  }
  r->error = Status::Corruption(msg);
  return true;
}

bool WarcReader::Next(Record* r) {
  while (!done_) {
    const bool more = SkipSeparators();
    record_start_ = in_->offset();
    record_has_member_ =
        frames_ && frames_->FrameAt(record_start_, &record_member_);
    if (InDamage()) {  // damaged data where a record should start
      record_has_member_ = true;
      record_member_ = frames_->damage()->frame;
      // What came of it may still name the record (a CRC mismatch).
      Header h;
      bool cut = false;
      const bool named = more && ReadHeader(&h, &cut).ok();
      return FailRecord(named ? &h : nullptr, false, Status::OK(), false, r);
    }
    if (!more) {
      Stop(in_->status());
      break;
    }
    Header h;
    bool cut = false;
    Status s = ReadHeader(&h, &cut);
    if (!s.ok()) {
      if (InDamage() || !cut) return FailRecord(&h, false, s, true, r);
      Stop(s);
      if (!h.target_uri.empty()) RememberStop(h, false);
      break;
    }
    uint64_t length = 0;
    if (!ParseLength(h.content_length, &length)) {
      return FailRecord(
          &h, false,
          Status::Corruption(h.content_length.empty()
                                 ? std::string("missing Content-Length")
                                 : "bad Content-Length \"" +
                                       h.content_length.substr(0, 32) + "\""),
          true, r);
    }
    ++count_;
    skip_reason_.clear();
    Outcome o = ReadBlock(h, length, r);
    if (o == Outcome::kStop) {
      RememberStop(h, true);
      break;
    }
    if (o == Outcome::kFail) {
      return FailRecord(&h, true, Status::OK(), false, r);
    }
    // The frame that holds the record must have passed its check.
    if (frames_) {
      Intact intact = CheckIntact(frames_, in_.get(), in_->offset());
      if (intact == Intact::kNo) {
        if (!frames_->damage()) {  // a truncated last frame
          Stop(frames_->status());
          RememberStop(h, true);
          break;
        }
        return FailRecord(&h, true, Status::OK(), false, r);
      }
    }
    s = CheckRecordEnd(length);
    if (!s.ok()) return FailRecord(&h, true, s, false, r);
    if (o == Outcome::kYield) {
      r->offset = record_has_member_ ? record_member_ : record_start_;
      r->compressed_offset = record_has_member_;
      return true;
    }
    ++skipped_[skip_reason_];
  }
  return false;
}

void WarcReader::RememberStop(const Header& h, bool counted) {
  stopped_in_.Clear();
  stopped_in_.input = name_;
  stopped_in_.index = counted ? count_ - 1 : count_;
  SetIdentity(h, &stopped_in_);
  stopped_in_.offset = record_has_member_ ? record_member_ : record_start_;
  stopped_in_.compressed_offset = record_has_member_;
  has_stopped_in_ = true;
}

bool WarcReader::StoppedIn(Record* r) const {
  if (!has_stopped_in_ || status_.ok()) return false;
  *r = stopped_in_;
  return true;
}

}  // namespace winnow
