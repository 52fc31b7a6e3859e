// Copyright winnow authors. Licensed under the MIT licence.

#include "cli/batch.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "cli/common.h"
#include "cli/sink.h"
#include "input/files.h"
#include "util/json.h"

namespace winnow {
namespace cli {
namespace {

using Clock = std::chrono::steady_clock;

// Slots in flight per worker: enough that a slow record does not starve the
// other workers while the writer waits for it, few enough to bound memory.
constexpr size_t kSlotsPerWorker = 4;
// A slot's buffers above this size are released once written, so that one
// huge record does not pin its memory for the rest of the run.
constexpr size_t kKeepCapacity = size_t{1} << 20;
// The progress line: not before the run is this old, not more often.
constexpr auto kProgressDelay = std::chrono::seconds(1);
constexpr auto kProgressEvery = std::chrono::milliseconds(250);

// Output keys that a passed-through JSONL field must not repeat: with two
// values under one key most consumers silently keep the last.
constexpr std::string_view kOwnKeys[] = {
    "url", "title", "text", "warc_record_id", "date", "input", "error"};

// Whether `r` is a whole page file (or stdin page) rather than one record of
// a WARC or JSONL input. Record does not carry its format, but the readers
// give page records a shape no other record has: the url is the path (empty
// on stdin) and no position, id, content type or extra fields are set.
bool IsPage(const Record& r) {
  return r.index == 0 && r.offset == 0 && r.warc_record_id.empty() &&
         r.passthrough.empty() && r.content_type.empty() &&
         (r.url == r.input || (r.input == "-" && r.url.empty()));
}

std::string DisplayName(const std::string& input) {
  return input == "-" ? "<stdin>" : input;
}

// Lower-case ASCII suffix test, for file extensions.
bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s.remove_prefix(s.size() - suffix.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c != suffix[i]) return false;
  }
  return true;
}

// "a/b/crawl.warc.gz" -> "a/b/crawl"; "page.html" -> "page"; a leading dot
// (".profile") is part of the name, not an extension.
std::string StripExtensions(std::string path) {
  const size_t slash = path.rfind('/');
  const size_t base = slash == std::string::npos ? 0 : slash + 1;
  if (EndsWithNoCase(path, ".gz") && path.size() - 3 > base)
    path.resize(path.size() - 3);
  const size_t dot = path.rfind('.');
  if (dot != std::string::npos && dot > base) path.resize(dot);
  return path;
}

// A relative output path for input path `rel` that stays below the output
// folder: "./" prefixes go, and an absolute path or one climbing with ".."
// is reduced to its file name.
std::string SafeRelative(std::string rel) {
  while (rel.compare(0, 2, "./") == 0) rel.erase(0, 2);
  bool climbs = !rel.empty() && rel[0] == '/';
  for (size_t at = 0; !climbs && at < rel.size();) {
    size_t end = rel.find('/', at);
    if (end == std::string::npos) end = rel.size();
    climbs = rel.compare(at, end - at, "..") == 0 && end - at == 2;
    at = end + 1;
  }
  if (climbs) {
    while (!rel.empty() && rel.back() == '/') rel.pop_back();
    const size_t slash = rel.rfind('/');
    if (slash != std::string::npos) rel.erase(0, slash + 1);
  }
  if (rel.empty() || rel == "..") rel = "page";
  return rel;
}

void AppendPassthrough(const std::string& passthrough, std::string* out) {
  if (passthrough.empty()) return;
  bool clash = false;
  for (std::string_view key : kOwnKeys) {
    std::string quoted = "\"" + std::string(key) + "\":";
    if (passthrough.find(quoted) != std::string::npos) clash = true;
  }
  if (!clash) {
    out->append(passthrough);
    out->push_back(',');
    return;
  }
  // Rare: rebuild without the clashing members (the substring may also have
  // matched inside a nested object, which the rebuild keeps).
  JsonValue v;
  if (!ParseJson("{" + passthrough + "}", &v).ok()) return;
  for (const JsonMember& m : v.members()) {
    if (std::find(std::begin(kOwnKeys), std::end(kOwnKeys), m.key) !=
        std::end(kOwnKeys)) {
      continue;
    }
    AppendJsonString(m.key, out);
    out->push_back(':');
    WriteJson(m.value, out);
    out->push_back(',');
  }
}

void AppendField(const char* key, std::string_view value, std::string* out) {
  out->push_back(',');
  out->push_back('"');
  out->append(key);
  out->append("\":");
  AppendJsonString(value, out);
}

struct Slot {
  Record rec;
  size_t root = 0;           // index of the command-line input
  bool root_is_dir = false;  // that input is a folder
  bool page = false;         // see IsPage
  std::string url;           // the address used for extraction
  Status status;             // a read or extraction failure
  // Extracted: the rendered text, explain lines or JSON object. Failed, in
  // the JSON formats: the error object.
  std::string out;
  bool done = false;  // rendered; guarded by the pipeline mutex
};

// Shared by the threads of one run. Held by shared_ptr so that a reader
// thread stuck in read() on a silent stdin can be left behind when the
// output goes away (see Run).
class Pipeline : public std::enable_shared_from_this<Pipeline> {
 public:
  Pipeline(const Extractor& extractor, BatchOptions options)
      : extractor_(extractor), opts_(std::move(options)) {}

  int Run();

 private:
  bool json() const {
    return opts_.output == OutputFormat::kJsonl ||
           opts_.output == OutputFormat::kJson;
  }

  // Reader thread.
  void ReadAll();
  Slot* Acquire();  // the next slot to fill; nullptr once stopped
  void Publish(Slot* slot, size_t root, bool root_is_dir);
  void PublishError(Slot* slot, size_t root, const std::string& name,
                    const Status& error);

  // Worker threads.
  void Work();
  void Process(Slot* slot, Extraction* ex) const;
  void Render(Slot* slot, Extraction* ex) const;

  // The writer: the thread that called Run.
  void Emit(Slot* slot);
  void WriteText(Slot* slot);
  void WriteFramed(const std::string& header, const std::string& body);
  Status WriteFile(const Slot& slot, uint64_t* bytes);
  std::string OutputPath(const Slot& slot);
  std::string Describe(const Slot& slot) const;
  std::string Message(const Slot& slot) const;
  void Report(const std::string& message);
  void Progress(bool final);
  void PrintStats(double seconds);
  void Stop();

  const Extractor& extractor_;
  const BatchOptions opts_;
  std::vector<Slot> slots_;

  std::mutex mu_;
  std::condition_variable read_cv_;   // a slot was freed
  std::condition_variable work_cv_;   // a slot was filled
  std::condition_variable write_cv_;  // a slot was rendered
  // Sequence numbers: slots filled, claimed by workers, written. Slot k
  // lives in slots_[k % size]; written <= claimed <= read <= written + size.
  uint64_t read_ = 0;
  uint64_t claimed_ = 0;
  uint64_t written_ = 0;
  bool reader_done_ = false;
  std::map<std::string, uint64_t> skipped_;  // merged per input
  std::atomic<bool> stop_{false};

  // Writer state.
  Sink sink_{1};
  int status_ = kExitOk;
  uint64_t records_ = 0;  // records written (extracted or failed)
  uint64_t extracted_ = 0;
  uint64_t failed_ = 0;
  uint64_t bytes_in_ = 0;
  uint64_t bytes_out_ = 0;
  bool multi_ = false;  // text framing: more than one record
  bool has_pending_ = false;
  std::string pending_header_, pending_;
  bool json_open_ = false;
  std::string last_dir_;
  // Output folder -> page file names written there (see OutputPath).
  std::map<std::string, std::set<std::string>> page_names_;
  Clock::time_point start_;
  Clock::time_point last_progress_;
  bool progress_ = false;        // stderr is a terminal
  bool progress_shown_ = false;  // a progress line is on screen
};

int Pipeline::Run() {
  start_ = last_progress_ = Clock::now();
  progress_ = ::isatty(2) == 1;
  multi_ = opts_.inputs.size() > 1;
  unsigned jobs = opts_.jobs > 0 ? static_cast<unsigned>(opts_.jobs)
                                 : std::thread::hardware_concurrency();
  if (jobs == 0) jobs = 1;
  slots_.resize(kSlotsPerWorker * jobs);

  auto self = shared_from_this();
  std::thread reader([self] { self->ReadAll(); });
  std::vector<std::thread> workers;
  workers.reserve(jobs);
  for (unsigned i = 0; i < jobs; ++i) {
    workers.emplace_back([this] { Work(); });
  }

  for (;;) {
    Slot* slot = nullptr;
    {
      std::unique_lock<std::mutex> lock(mu_);
      auto ready = [this] {
        return (written_ < read_ && slots_[written_ % slots_.size()].done) ||
               (reader_done_ && written_ == read_);
      };
      while (!ready()) {
        if (!progress_) {
          write_cv_.wait(lock);
          continue;
        }
        write_cv_.wait_for(lock, kProgressEvery);
        lock.unlock();
        Progress(false);
        lock.lock();
      }
      if (written_ == read_) break;
      slot = &slots_[written_ % slots_.size()];
    }
    Emit(slot);
    Progress(false);
    {
      std::lock_guard<std::mutex> lock(mu_);
      slot->done = false;
      ++written_;
    }
    read_cv_.notify_one();
    if (sink_.closed()) break;
  }

  const bool closed = sink_.closed();
  if (closed) Stop();
  for (std::thread& t : workers) t.join();
  // The reader stops at its next record; but it may be blocked reading an
  // input that never ends (`tail -f x | winnow | head`): then leave it, it
  // owns a reference to this pipeline and the process is about to exit.
  if (closed) {
    reader.detach();
  } else {
    reader.join();
  }

  if (!closed && opts_.out_dir.empty()) {
    if (has_pending_) {  // one record in all: no framing
      sink_.Write(pending_);
      bytes_out_ += pending_.size();
    }
    if (opts_.output == OutputFormat::kJson && !opts_.explain) {
      const char* end = json_open_ ? "\n]\n" : "[]\n";
      sink_.Write(end);
      bytes_out_ += strlen(end);
    }
  }
  sink_.Flush();
  Progress(true);
  if (sink_.closed() && !sink_.broken_pipe()) {
    Error("cannot write output");
    status_ = kExitInputFailed;
  }
  if (opts_.stats) {
    PrintStats(std::chrono::duration<double>(Clock::now() - start_).count());
  }
  return status_;
}

void Pipeline::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  read_cv_.notify_all();
  work_cv_.notify_all();
  write_cv_.notify_all();
}

// ---- Reader ---------------------------------------------------------------

Slot* Pipeline::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  read_cv_.wait(lock,
                [this] { return stop_ || read_ - written_ < slots_.size(); });
  if (stop_) return nullptr;
  return &slots_[read_ % slots_.size()];
}

void Pipeline::Publish(Slot* slot, size_t root, bool root_is_dir) {
  slot->root = root;
  slot->root_is_dir = root_is_dir;
  slot->page = IsPage(slot->rec);
  {
    std::lock_guard<std::mutex> lock(mu_);
    slot->done = false;
    ++read_;
  }
  work_cv_.notify_one();
}

void Pipeline::PublishError(Slot* slot, size_t root, const std::string& name,
                            const Status& error) {
  slot->rec.Clear();
  slot->rec.input = name;
  if (name != "-") slot->rec.url = name;
  slot->rec.error = error;
  Publish(slot, root, false);
}

void Pipeline::ReadAll() {
  for (size_t i = 0; i < opts_.inputs.size() && !stop_; ++i) {
    const std::string& name = opts_.inputs[i];
    std::error_code ec;
    const bool is_dir = name != "-" && std::filesystem::is_directory(name, ec);
    std::unique_ptr<RecordReader> reader;
    Status s = OpenReader(name, opts_.format, opts_.reader, &reader);
    if (!s.ok()) {
      Slot* slot = Acquire();
      if (!slot) break;
      PublishError(slot, i, name, s);
      continue;
    }
    for (;;) {
      Slot* slot = Acquire();
      if (!slot) break;
      if (reader->Next(&slot->rec)) {
        Publish(slot, i, is_dir);
        continue;
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        for (const auto& [reason, n] : reader->skipped()) skipped_[reason] += n;
      }
      // Damage that stopped the input: every complete record before it has
      // been published; the damage itself is one more failed record.
      if (!reader->status().ok()) PublishError(slot, i, name, reader->status());
      break;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    reader_done_ = true;
  }
  work_cv_.notify_all();
  write_cv_.notify_all();
}

// ---- Workers ----------------------------------------------------------------

void Pipeline::Work() {
  Extraction ex;  // reused: its strings keep their capacity
  for (;;) {
    Slot* slot;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(
          lock, [this] { return stop_ || claimed_ < read_ || reader_done_; });
      if (stop_ || claimed_ == read_) return;
      slot = &slots_[claimed_++ % slots_.size()];
    }
    Process(slot, &ex);
    {
      std::lock_guard<std::mutex> lock(mu_);
      slot->done = true;
    }
    write_cv_.notify_one();
  }
}

void Pipeline::Process(Slot* slot, Extraction* ex) const {
  if (stop_) return;  // the output has gone: nothing more is written
  const Record& r = slot->rec;
  const bool own_page = slot->page && !slot->root_is_dir;
  slot->url = own_page && !opts_.url.empty() ? opts_.url : r.url;
  slot->status = r.error;
  if (slot->status.ok()) {
    Input input;
    input.bytes = r.body;
    input.url = slot->url;
    input.content_type = r.content_type;
    input.kind = r.kind;
    slot->status = extractor_.Extract(input, ex);
  }
  Render(slot, ex);
}

void Pipeline::Render(Slot* slot, Extraction* ex) const {
  const Record& r = slot->rec;
  std::string& out = slot->out;
  out.clear();
  if (!slot->status.ok()) {
    if (!json()) return;  // text output: the message goes to stderr only
    out.push_back('{');
    AppendPassthrough(r.passthrough, &out);
    out.append("\"url\":");
    AppendJsonString(slot->url, &out);
    AppendField("input", r.input, &out);
    if (!r.warc_record_id.empty()) {
      AppendField("warc_record_id", r.warc_record_id, &out);
    }
    AppendField("error", Message(*slot), &out);
    out.push_back('}');
    if (opts_.output == OutputFormat::kJsonl) out.push_back('\n');
    return;
  }
  if (opts_.explain) {
    AppendExplain(*ex, opts_.output == OutputFormat::kJsonl, &out);
    return;
  }
  if (!json()) {
    // Extract overwrites ex->text next time: take it instead of copying.
    out.swap(ex->text);
    return;
  }
  out.reserve(ex->text.size() + ex->title.size() + slot->url.size() + 128);
  out.push_back('{');
  AppendPassthrough(r.passthrough, &out);
  out.append("\"url\":");
  AppendJsonString(slot->url, &out);
  if (!r.warc_record_id.empty()) {
    AppendField("warc_record_id", r.warc_record_id, &out);
    AppendField("date", r.date, &out);
  }
  AppendField("title", ex->title, &out);
  AppendField("text", ex->text, &out);
  out.push_back('}');
  if (opts_.output == OutputFormat::kJsonl) out.push_back('\n');
}

// ---- Writer -----------------------------------------------------------------

std::string Pipeline::Describe(const Slot& slot) const {
  const Record& r = slot.rec;
  std::string d = DisplayName(r.input);
  if (!slot.page) {
    d += "#" + std::to_string(r.index) + "@" + std::to_string(r.offset);
  }
  const std::string& url = slot.url.empty() ? r.url : slot.url;
  if (!url.empty() && url != r.input) d += " (" + url + ")";
  return d;
}

std::string Pipeline::Message(const Slot& slot) const {
  // Reader messages often start with the input name, which Describe gives.
  std::string m = slot.status.message();
  const std::string& input = slot.rec.input;
  if (m.size() > input.size() + 2 && m.compare(0, input.size(), input) == 0 &&
      m.compare(input.size(), 2, ": ") == 0) {
    m.erase(0, input.size() + 2);
  }
  return m;
}

void Pipeline::Report(const std::string& message) {
  if (progress_shown_) {
    std::fputs("\r\033[K", stderr);
    progress_shown_ = false;
  }
  Error(message);
}

void Pipeline::Emit(Slot* slot) {
  const Record& r = slot->rec;
  ++records_;
  bytes_in_ += r.body.size();
  if (!slot->status.ok()) {
    ++failed_;
    status_ = kExitInputFailed;
    Report(Describe(*slot) + ": " + Message(*slot));
  } else if (!opts_.out_dir.empty()) {
    uint64_t bytes = 0;
    Status s = WriteFile(*slot, &bytes);
    if (s.ok()) {
      ++extracted_;
      bytes_out_ += bytes;
    } else {
      ++failed_;
      status_ = kExitInputFailed;
      Report(s.message());
    }
  } else {
    ++extracted_;
  }

  if (opts_.out_dir.empty()) {
    if (!json() || opts_.explain) {
      if (opts_.output == OutputFormat::kJsonl) {
        sink_.Write(slot->out);
        bytes_out_ += slot->out.size();
      } else {
        WriteText(slot);
      }
    } else if (!slot->out.empty()) {
      if (opts_.output == OutputFormat::kJson) {
        const char* sep = json_open_ ? ",\n" : "[\n";
        json_open_ = true;
        sink_.Write(sep);
        bytes_out_ += strlen(sep);
      }
      sink_.Write(slot->out);
      bytes_out_ += slot->out.size();
    }
  }

  Record& rec = slot->rec;
  if (rec.body.capacity() > kKeepCapacity) std::string().swap(rec.body);
  if (slot->out.capacity() > kKeepCapacity) std::string().swap(slot->out);
}

// Text records are framed only when there is more than one: each is then
// followed by a form-feed line (explain: preceded by a "==> NAME <==" line).
// With a single input that is not known until a second record arrives, so
// the first is held back until then.
void Pipeline::WriteText(Slot* slot) {
  if (!multi_ && records_ > 1) {
    multi_ = true;
    if (has_pending_) {
      WriteFramed(pending_header_, pending_);
      has_pending_ = false;
      std::string().swap(pending_);
    }
  }
  if (!slot->status.ok()) return;
  if (multi_) {
    WriteFramed(Describe(*slot), slot->out);
  } else {
    pending_header_ = Describe(*slot);
    pending_.swap(slot->out);
    has_pending_ = true;
  }
}

void Pipeline::WriteFramed(const std::string& header, const std::string& body) {
  if (opts_.explain) {
    const std::string line = "==> " + header + " <==\n";
    sink_.Write(line);
    bytes_out_ += line.size();
  }
  sink_.Write(body);
  bytes_out_ += body.size();
  if (!opts_.explain) {
    sink_.Write("\f\n");
    bytes_out_ += 2;
  }
}

std::string Pipeline::OutputPath(const Slot& slot) {
  const Record& r = slot.rec;
  const std::string& root = opts_.inputs[slot.root];
  std::string rel;
  if (root == "-") {
    rel = "stdin";
  } else if (slot.root_is_dir) {
    rel = r.input.size() > root.size() ? r.input.substr(root.size()) : "";
    while (!rel.empty() && rel[0] == '/') rel.erase(0, 1);
  } else {
    rel = root;
  }
  std::string base = opts_.out_dir;
  if (base.back() != '/') base.push_back('/');
  base += SafeRelative(rel);
  std::string ext;
  if (opts_.explain) {
    ext = opts_.output == OutputFormat::kJsonl ? ".jsonl" : ".txt";
  } else {
    switch (opts_.output) {
      case OutputFormat::kText:
        ext = ".txt";
        break;
      case OutputFormat::kMarkdown:
        ext = ".md";
        break;
      case OutputFormat::kJsonl:
      case OutputFormat::kJson:
        ext = ".json";
        break;
    }
  }
  if (!slot.page) {
    // A WARC or JSONL input becomes a folder of its records, by index; the
    // index makes the names unique.
    char num[32];
    std::snprintf(num, sizeof num, "/%06llu",
                  static_cast<unsigned long long>(r.index));
    return StripExtensions(base) + num + ext;
  }

  // Pages whose names differ only in the extension ("a.html", "a.url")
  // would overwrite each other: the second keeps its full name instead.
  // Folders are walked depth first, so a folder the output has left (one
  // that is not where it writes now or above it) is never written again and
  // its names can be forgotten; memory stays within one folder listing.
  const size_t slash = base.rfind('/');
  const std::string dir = base.substr(0, slash);
  for (auto it = page_names_.begin(); it != page_names_.end();) {
    const std::string& d = it->first;
    const bool above =
        dir == d || (dir.size() > d.size() &&
                     dir.compare(0, d.size(), d) == 0 && dir[d.size()] == '/');
    it = above ? std::next(it) : page_names_.erase(it);
  }
  std::set<std::string>& names = page_names_[dir];
  std::string path = StripExtensions(base) + ext;
  for (int n = 1; !names.insert(path.substr(slash + 1)).second; ++n) {
    path = base + (n == 1 ? "" : "-" + std::to_string(n)) + ext;
  }
  return path;
}

Status Pipeline::WriteFile(const Slot& slot, uint64_t* bytes) {
  const std::string path = OutputPath(slot);
  const size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    std::string dir = path.substr(0, slash);
    if (dir != last_dir_) {
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (ec) return Status::IOError(dir + ": " + ec.message());
      last_dir_ = dir;
    }
  }
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return Status::IOError(path + ": " + strerror(errno));
  std::string_view data = slot.out;
  // One JSON object per file: end it with a newline like any text file.
  const bool newline = opts_.output == OutputFormat::kJson && !opts_.explain;
  std::string with_newline;
  if (newline) {
    with_newline.reserve(data.size() + 1);
    with_newline.append(data);
    with_newline.push_back('\n');
    data = with_newline;
  }
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return Status::IOError(path + ": " + strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return Status::IOError(path + ": " + strerror(errno));
  *bytes = data.size();
  return Status::OK();
}

void Pipeline::Progress(bool final) {
  if (!progress_) return;
  const Clock::time_point now = Clock::now();
  if (final) {
    if (progress_shown_) std::fputs("\r\033[K", stderr);
    progress_shown_ = false;
    return;
  }
  if (now - start_ < kProgressDelay || now - last_progress_ < kProgressEvery) {
    return;
  }
  last_progress_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\rwinnow: %llu records, %.1f MB, %.0f records/s\033[K",
               static_cast<unsigned long long>(records_),
               static_cast<double>(bytes_in_) / 1e6,
               static_cast<double>(records_) / seconds);
  std::fflush(stderr);
  progress_shown_ = true;
}

void Pipeline::PrintStats(double seconds) {
  std::map<std::string, uint64_t> skipped;
  {
    std::lock_guard<std::mutex> lock(mu_);
    skipped = skipped_;
  }
  uint64_t skipped_total = 0;
  std::string reasons;
  for (const auto& [reason, n] : skipped) {
    skipped_total += n;
    reasons +=
        (reasons.empty() ? "  (" : ", ") + reason + " " + std::to_string(n);
  }
  if (!reasons.empty()) reasons += ")";
  const uint64_t read = records_ + skipped_total;
  auto u = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  std::fprintf(stderr,
               "records read %12llu\n"
               "  extracted  %12llu\n"
               "  skipped    %12llu%s\n"
               "  failed     %12llu\n"
               "bytes in     %12llu\n"
               "bytes out    %12llu\n"
               "seconds      %12.3f\n"
               "records/s    %12.1f\n",
               u(read), u(extracted_), u(skipped_total), reasons.c_str(),
               u(failed_), u(bytes_in_), u(bytes_out_), seconds,
               seconds > 0 ? static_cast<double>(read) / seconds : 0.0);
}

}  // namespace

int RunBatch(const Extractor& extractor, const BatchOptions& options) {
  auto pipeline = std::make_shared<Pipeline>(extractor, options);
  return pipeline->Run();
}

}  // namespace cli
}  // namespace winnow
