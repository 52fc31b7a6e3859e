// Copyright winnow authors. Licensed under the MIT licence.
//
// The batch run: a producer reads records from the inputs (InputQueue),
// workers extract and format them, and the calling thread (Writer) reports
// and writes them in input order. Only the writer prints or writes, so
// messages and output come in input order too.

#include "cli/batch.h"

#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "cli/common.h"
#include "cli/cpus.h"
#include "cli/ordered_map.h"
#include "cli/output_tree.h"
#include "cli/record_job.h"
#include "cli/sink.h"
#include "input/files.h"

namespace winnow {
namespace cli {
namespace {

using Clock = std::chrono::steady_clock;

// A slot's buffers above this size are released once written, so that one
// huge record does not pin its memory for the rest of the run.
constexpr size_t kKeepCapacity = size_t{1} << 20;
// The progress line: not before the run is this old, not more often.
constexpr auto kProgressDelay = std::chrono::seconds(1);
constexpr auto kProgressEvery = std::chrono::milliseconds(250);

// One unit of work in flight: a record, or a notice about an input that
// gave no record (so that it is printed in input order).
struct Item {
  Record rec;
  size_t root = 0;                 // index of the command-line input
  bool root_is_dir = false;        // that input is a folder
  bool page = false;               // a page file (or stdin page), not a record
  std::string notice;              // non-empty: not a record, just this message
  const char* filtered = nullptr;  // the filter that skips it (BatchOptions)
  uint64_t text_hash = 0;          // of the clean text, with --dedupe
  std::string url;                 // the address used for extraction
  Status status;                   // a read or extraction failure
  std::vector<std::string> warnings;  // the extraction's
  int parse_fallbacks = 0;            // Extraction::parse_fallbacks
  std::string out;  // formatted output (the error object when failed)
};

std::string DisplayName(const std::string& input) {
  return input == "-" ? "<stdin>" : input;
}

std::string SkipSummary(const std::map<std::string, uint64_t>& skipped) {
  std::string s;
  for (const auto& [reason, n] : skipped) {
    s += (s.empty() ? "" : ", ") + reason + " " + std::to_string(n);
  }
  return s;
}

// The producer: every input in turn, one record at a time. Owned through a
// shared pointer by the producer thread, which may outlive the run (see
// OrderedMap::Run).
class InputQueue {
 public:
  explicit InputQueue(const BatchOptions& o)
      : inputs_(o.inputs), format_(o.format), reader_options_(o.reader) {}

  // OrderedMap's Produce.
  bool Next(Item* item) {
    const bool more = NextItem(item);
    // The producer thread's CPU time so far (reading, decompressing,
    // parsing records; not waiting for a free slot): --stats compares it
    // with the run's time to show whether the reader could limit the run.
    timespec t;
    if (::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) == 0) {
      cpu_ns_.store(static_cast<uint64_t>(t.tv_sec) * 1000000000u +
                        static_cast<uint64_t>(t.tv_nsec),
                    std::memory_order_relaxed);
    }
    return more;
  }

  // The CPU seconds the producer thread used so far.
  double cpu_seconds() const {
    return static_cast<double>(cpu_ns_.load(std::memory_order_relaxed)) * 1e-9;
  }

  // Records passed over, by reason, over all inputs read so far.
  std::map<std::string, uint64_t> skipped() {
    std::lock_guard<std::mutex> lock(mu_);
    return skipped_;
  }

 private:
  bool NextItem(Item* item) {
    item->notice.clear();
    for (;;) {
      if (!reader_ && !Open(item)) return false;
      if (!reader_) return true;  // the input could not be opened
      if (reader_->Next(&item->rec)) {
        // An empty stdin is no record (`printf '' | winnow`).
        if (item->rec.input == "-" && item->rec.body.empty() &&
            item->rec.error.ok() && IsPage(item->rec)) {
          continue;
        }
        Fill(item);
        ++yielded_;
        return true;
      }
      if (Finish(item)) return true;
    }
  }

  // Opens the next input. Returns false when there is none; leaves reader_
  // empty and fills *item with the error when it cannot be opened.
  bool Open(Item* item) {
    if (next_ >= inputs_.size()) return false;
    root_ = next_++;
    const std::string& name = inputs_[root_];
    std::error_code ec;
    root_is_dir_ = name != "-" && std::filesystem::is_directory(name, ec);
    yielded_ = 0;
    Status s = OpenReader(name, format_, reader_options_, &reader_);
    if (!s.ok()) {
      reader_.reset();
      Fail(item, name, s);
    }
    return true;
  }

  void Fill(Item* item) {
    item->root = root_;
    item->root_is_dir = root_is_dir_;
    item->page = IsPage(item->rec);
  }

  void Fail(Item* item, const std::string& name, const Status& error) {
    InputErrorRecord(name, error, &item->rec);
    Fill(item);
    item->page = true;
  }

  // At the end of the current input: counts what it skipped, and fills
  // *item (returning true) with damage that stopped it, or with a notice
  // when a file or stdin gave no record at all, so that `winnow /bin/ls`
  // says why it printed nothing.
  bool Finish(Item* item) {
    const std::map<std::string, uint64_t>& skipped = reader_->skipped();
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const auto& [reason, n] : skipped) skipped_[reason] += n;
    }
    const Status status = reader_->status();
    const std::string summary = SkipSummary(skipped);
    Record cut;
    const bool in_record = !status.ok() && reader_->StoppedIn(&cut);
    reader_.reset();
    const std::string& name = inputs_[root_];
    if (in_record) {  // the record the damage cut, under its own name
      item->rec = std::move(cut);
      item->rec.error = status;
      Fill(item);
      return true;
    }
    if (!status.ok()) {
      Fail(item, name, status);
      return true;
    }
    if (yielded_ == 0 && !root_is_dir_ && !summary.empty()) {
      item->rec.Clear();
      item->notice =
          DisplayName(name) + ": no page extracted; skipped " + summary;
      return true;
    }
    return false;
  }

  const std::vector<std::string> inputs_;
  const InputFormat format_;
  const ReaderOptions reader_options_;
  size_t next_ = 0;
  size_t root_ = 0;
  bool root_is_dir_ = false;
  uint64_t yielded_ = 0;
  std::unique_ptr<RecordReader> reader_;
  std::mutex mu_;
  std::map<std::string, uint64_t> skipped_;
  std::atomic<uint64_t> cpu_ns_{0};
};

uint64_t Fnv1a64(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

// The filter of `opts` that `ex` fails, or nullptr. (--dedupe depends on
// the records before, so the writer applies it, in input order.)
const char* Filter(const BatchOptions& opts, const Extraction& ex) {
  if (opts.min_length > 0 &&
      static_cast<size_t>(ex.text_length) < opts.min_length) {
    return "too-short";
  }
  if (!opts.languages.empty() &&
      std::find(opts.languages.begin(), opts.languages.end(), ex.language) ==
          opts.languages.end()) {
    return "language";
  }
  return nullptr;
}

// A worker: extracts one record and formats it.
void Process(const Extractor& extractor, const BatchOptions& opts,
             const Formatter& formatter, Item* item, Extraction* ex) {
  item->out.clear();
  item->warnings.clear();
  item->parse_fallbacks = 0;
  item->filtered = nullptr;
  if (!item->notice.empty()) return;
  const Record& r = item->rec;
  const bool own_page = item->page && !item->root_is_dir;
  item->url = own_page && !opts.url.empty() ? opts.url : r.url;
  item->status = ExtractRecord(extractor, formatter, r, item->url, ex,
                               &item->out);
  if (!item->status.ok()) return;
  item->warnings = ex->warnings;  // for stderr; the formatter may show them
  item->parse_fallbacks = ex->parse_fallbacks;
  item->filtered = Filter(opts, *ex);
  if (item->filtered) return;
  if (opts.dedupe) item->text_hash = Fnv1a64(ex->text);
  formatter.Extracted(r, item->url, ex, &item->out);
}

// The consumer: reports and writes records in input order.
class Writer {
 public:
  Writer(const BatchOptions& opts, const Formatter& formatter, int jobs)
      : opts_(opts), jobs_(jobs) {
    if (!opts_.out_dir.empty()) {
      tree_.emplace(opts_.out_dir, formatter.extension(), opts_.inputs);
    }
    multi_ = opts_.inputs.size() > 1;
    start_ = last_progress_ = Clock::now();
    progress_ = ProgressWanted();
  }

  // OrderedMap's Consume: false stops the run.
  bool Consume(Item* item);
  // OrderedMap's Tick.
  void Tick() { Progress(false); }
  // After the last record: closes the output; returns the exit status.
  // `reader_seconds`: the input reader's CPU time, for --stats.
  int Finish(const std::map<std::string, uint64_t>& skipped,
             double reader_seconds);

 private:
  static bool ProgressWanted();
  bool WriteFile(Item* item);
  void WriteStdout(const Item& item);
  void WriteFramed(const std::string& header, const std::string& body);
  void Write(std::string_view bytes) {
    sink_.Write(bytes);
    bytes_out_ += bytes.size();
  }
  void Report(const std::string& message);
  void Progress(bool final);
  void PrintStats(std::map<std::string, uint64_t> skipped, double seconds,
                  double reader_seconds);
  bool json() const {
    return !opts_.explain && (opts_.output == OutputFormat::kJsonl ||
                              opts_.output == OutputFormat::kJson);
  }

  const BatchOptions& opts_;
  const int jobs_;
  std::optional<OutputTree> tree_;
  Sink sink_{1};
  int status_ = kExitOk;
  bool disk_full_ = false;
  uint64_t records_ = 0;  // records written (extracted or failed)
  uint64_t extracted_ = 0;
  uint64_t failed_ = 0;
  uint64_t bytes_in_ = 0;
  uint64_t bytes_out_ = 0;
  uint64_t parse_fallbacks_ = 0;  // set-aside stopped early (Options::set_aside)
  bool multi_ = false;  // text framing: more than one record
  bool has_pending_ = false;
  std::string pending_header_, pending_;
  bool json_open_ = false;
  std::map<std::string, uint64_t> filtered_;  // skipped by a filter
  std::unordered_set<uint64_t> seen_;         // text hashes, --dedupe
  Clock::time_point start_;
  Clock::time_point last_progress_;
  bool progress_ = false;        // a progress line may be drawn
  bool progress_shown_ = false;  // a progress line is on screen
};

// A progress line goes to stderr when it is a terminal, but not when
// stdout is the same terminal: the line would be drawn over the text.
bool Writer::ProgressWanted() {
  if (::isatty(2) != 1) return false;
  if (::isatty(1) != 1) return true;
  struct stat out, err;
  if (::fstat(1, &out) != 0 || ::fstat(2, &err) != 0) return false;
  return out.st_rdev != err.st_rdev;
}

bool Writer::Consume(Item* item) {
  if (!item->notice.empty()) {
    Report(item->notice);
    return true;
  }
  const Record& r = item->rec;
  bytes_in_ += r.body.size();
  parse_fallbacks_ += static_cast<uint64_t>(item->parse_fallbacks);
  if (item->status.ok() && !item->filtered && opts_.dedupe &&
      !seen_.insert(item->text_hash).second) {
    item->filtered = "duplicate";
  }
  if (item->filtered) {
    ++filtered_[item->filtered];
    if (tree_) {  // no file, and none left by an earlier run
      Status s = tree_->Remove(tree_->PathFor(item->root, item->root_is_dir,
                                              r.input, item->page, r.index));
      if (!s.ok()) Report(s.message());
    }
    return true;
  }
  ++records_;
  const std::string name = DescribeRecord(r, item->page, item->url);
  if (!item->status.ok()) {
    ++failed_;
    status_ = kExitInputFailed;
    Report(name + ": " + StripInputPrefix(item->status.message(), r.input));
  } else {
    if (!opts_.quiet) {
      for (const std::string& w : item->warnings) {
        Report(name + ": warning: " + w);
      }
    }
  }
  bool go_on = true;
  if (tree_) {
    go_on = WriteFile(item);
  } else {
    if (item->status.ok()) ++extracted_;
    WriteStdout(*item);
    go_on = !sink_.closed();
  }
  Record& rec = item->rec;
  if (rec.body.capacity() > kKeepCapacity) std::string().swap(rec.body);
  if (item->out.capacity() > kKeepCapacity) std::string().swap(item->out);
  return go_on;
}

bool Writer::WriteFile(Item* item) {
  const Record& r = item->rec;
  const std::string path = tree_->PathFor(item->root, item->root_is_dir,
                                          r.input, item->page, r.index);
  if (!item->status.ok()) {
    // No file for a failed record, and none left by an earlier run.
    Status s = tree_->Remove(path);
    if (!s.ok()) Report(s.message());
    return true;
  }
  // One JSON object per file: end it with a newline like any text file.
  if (opts_.output == OutputFormat::kJson && !opts_.explain) {
    item->out.push_back('\n');
  }
  Status s = tree_->Write(path, item->out, &disk_full_);
  if (s.ok()) {
    ++extracted_;
    bytes_out_ += item->out.size();
    return true;
  }
  ++failed_;
  status_ = kExitInputFailed;
  Report(DescribeRecord(r, item->page, item->url) + ": cannot write " +
         s.message());
  if (disk_full_) {
    Report("stopping: the output's disk is full; records after " +
           DescribeRecord(r, item->page, item->url) + " were not read");
  }
  return !disk_full_;
}

void Writer::WriteStdout(const Item& item) {
  if (opts_.explain || opts_.output == OutputFormat::kText ||
      opts_.output == OutputFormat::kMarkdown) {
    // Text records are framed only when there is more than one: each is
    // then followed by a form-feed line (explain: preceded by a "==> NAME
    // <==" line). A failed record has an empty frame, so that the k-th
    // frame is always the k-th record. With a single input that is not
    // known until a second record arrives, so the first is held back.
    const std::string header = DescribeRecord(item.rec, item.page, item.url);
    if (!multi_ && records_ > 1) {
      multi_ = true;
      if (has_pending_) {
        WriteFramed(pending_header_, pending_);
        has_pending_ = false;
        std::string().swap(pending_);
      }
    }
    if (multi_) {
      WriteFramed(header, item.out);
    } else {
      pending_header_ = header;
      pending_ = item.out;
      has_pending_ = true;
    }
    return;
  }
  if (opts_.output == OutputFormat::kJson) {
    Write(json_open_ ? ",\n" : "[\n");
    json_open_ = true;
  }
  Write(item.out);
}

void Writer::WriteFramed(const std::string& header, const std::string& body) {
  if (opts_.explain) Write("==> " + header + " <==\n");
  Write(body);
  if (!opts_.explain) Write("\f\n");
}

void Writer::Report(const std::string& message) {
  if (progress_shown_) {
    std::fputs("\r\033[K", stderr);
    progress_shown_ = false;
  }
  Error(message);
}

int Writer::Finish(const std::map<std::string, uint64_t>& skipped,
                   double reader_seconds) {
  if (!sink_.closed() && !tree_) {
    if (has_pending_) Write(pending_);  // one record in all: no framing
    if (opts_.output == OutputFormat::kJson && !opts_.explain) {
      Write(json_open_ ? "\n]\n" : "[]\n");
    }
  }
  sink_.Flush();
  Progress(true);
  if (sink_.closed() && !sink_.broken_pipe()) {
    Error(std::string("cannot write to standard output: ") +
          strerror(sink_.error()));
    status_ = kExitInputFailed;
  }
  if (disk_full_) status_ = kExitInputFailed;
  if (opts_.stats) {
    PrintStats(skipped,
               std::chrono::duration<double>(Clock::now() - start_).count(),
               reader_seconds);
  }
  return status_;
}

void Writer::Progress(bool final) {
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

void Writer::PrintStats(std::map<std::string, uint64_t> skipped,
                        double seconds, double reader_seconds) {
  for (const auto& [reason, n] : filtered_) skipped[reason] += n;
  uint64_t skipped_total = 0;
  for (const auto& [reason, n] : skipped) skipped_total += n;
  std::string reasons = SkipSummary(skipped);
  if (!reasons.empty()) reasons = "  (" + reasons + ")";
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
               "records/s    %12.1f\n"
               "reader seconds %10.3f\n"
               "threads      %12d\n"
               "parse fallbacks %9llu\n",
               u(read), u(extracted_), u(skipped_total), reasons.c_str(),
               u(failed_), u(bytes_in_), u(bytes_out_), seconds,
               seconds > 0 ? static_cast<double>(read) / seconds : 0.0,
               reader_seconds, jobs_,
               u(parse_fallbacks_));
}

}  // namespace

int RunBatch(const Extractor& extractor, const BatchOptions& options) {
  const std::unique_ptr<Formatter> formatter =
      MakeFormatter(options.output, options.explain, options.metadata);
  auto queue = std::make_shared<InputQueue>(options);
  OrderedMap<Item>::Config config;
  config.jobs = options.jobs > 0 ? options.jobs : DefaultJobs();
  Writer writer(options, *formatter, config.jobs);
  config.tick_every = kProgressEvery;
  OrderedMap<Item>::Run(
      config, [queue](Item* item) { return queue->Next(item); },
      [&]() -> OrderedMap<Item>::Work {
        auto ex = std::make_shared<Extraction>();  // reused: keeps capacity
        return [&, ex](Item* item) {
          Process(extractor, options, *formatter, item, ex.get());
        };
      },
      [&writer](Item* item) { return writer.Consume(item); },
      [&writer] { writer.Tick(); });
  return writer.Finish(queue->skipped(), queue->cpu_seconds());
}

}  // namespace cli
}  // namespace winnow
