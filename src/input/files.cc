// Copyright winnow authors. Licensed under the MIT licence.

#include "input/files.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include "input/jsonl.h"
#include "input/warc.h"
#include "input/zstd.h"
#include "util/ascii.h"

namespace winnow {

namespace {

constexpr size_t kSniffBytes = 1024;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

// The compression, other than gzip and zstd, that leading bytes announce,
// or nullptr.
const char* OtherCompression(std::string_view m) {
  struct Magic {
    std::string_view bytes;
    const char* name;
  };
  static const Magic kMagics[] = {
      {std::string_view("\xFD"
                        "7zXZ\0",
                        6),
       "xz"},
      {"BZh", "bzip2"},
      {"\x04\x22\x4D\x18", "lz4"},
      {"\x02\x21\x4C\x18", "lz4"},
      {"PK\x03\x04", "zip"},
      {"7z\xBC\xAF\x27\x1C", "7z"},
      {"\x1F\x9D", "compress (.Z)"},
      {"LZIP", "lzip"},
      {"\x89LZO\0", "lzop"},
  };
  for (const Magic& k : kMagics) {
    if (m.substr(0, k.bytes.size()) == k.bytes) {
      if (k.bytes == "BZh" && (m.size() < 4 || m[3] < '1' || m[3] > '9')) {
        continue;
      }
      return k.name;
    }
  }
  return nullptr;
}

// A command that decompresses `name` to stdout.
std::string DecompressCommand(std::string_view format,
                              const std::string& name) {
  const std::string n = name == "-" ? "FILE" : name;
  if (format == "xz") return "xz -dc " + n;
  if (format == "bzip2") return "bzip2 -dc " + n;
  if (format == "lz4") return "lz4 -dc " + n;
  if (format == "zip") return "unzip -p " + n;
  if (format == "7z") return "7z x -so " + n;
  if (format == "lzip") return "lzip -dc " + n;
  if (format == "lzop") return "lzop -dc " + n;
  return "uncompress -c " + n;
}

// One page: the whole (decompressed) stream, bounded.
class PageReader : public RecordReader {
 public:
  PageReader(std::string name, std::string url,
             std::unique_ptr<BufferedSource> in, ContentKind kind,
             const ReaderOptions& options)
      : name_(std::move(name)),
        url_(std::move(url)),
        in_(std::move(in)),
        kind_(kind),
        max_(options.max_record_bytes) {}

  bool Next(Record* r) override {
    if (done_) return false;
    done_ = true;
    r->Clear();
    r->input = name_;
    r->url = url_;
    r->kind = kind_;
    uint64_t got = in_->ReadInto(uint64_t{max_} + 1, &r->body);
    if (!in_->status().ok()) {  // a damaged .gz: the page is incomplete
      status_ = in_->status();
      r->body.clear();
      return false;
    }
    if (got > max_) {
      r->body.clear();
      r->error = Status::ResourceExhausted("file larger than " +
                                           std::to_string(max_) + " bytes");
    }
    return true;
  }
  Status status() const override { return status_; }
  const std::map<std::string, uint64_t>& skipped() const override {
    return skipped_;
  }

 private:
  std::string name_;
  std::string url_;
  std::unique_ptr<BufferedSource> in_;
  ContentKind kind_;
  size_t max_;
  bool done_ = false;
  Status status_;
  std::map<std::string, uint64_t> skipped_;
};

// A file passed over: it yields no record and counts one under `reason`.
class PassedOverReader : public RecordReader {
 public:
  explicit PassedOverReader(const std::string& reason) { skipped_[reason] = 1; }
  bool Next(Record* r) override { return false; }
  Status status() const override { return Status::OK(); }
  const std::map<std::string, uint64_t>& skipped() const override {
    return skipped_;
  }

 private:
  std::map<std::string, uint64_t> skipped_;
};

// Opens the stream of input `name`. `url` is the url of a page record. A
// binary file read with kAuto becomes a PassedOverReader ("binary").
Status OpenStream(std::unique_ptr<ByteSource> source, const std::string& name,
                  const std::string& url, InputFormat format,
                  const ReaderOptions& options,
                  std::unique_ptr<RecordReader>* out) {
  auto raw = std::make_unique<BufferedSource>(std::move(source));
  std::string_view magic = raw->Peek(8);
  if (magic.empty() && !raw->status().ok()) return raw->status();
  std::unique_ptr<BufferedSource> in;
  FrameSource* frames = nullptr;
  if (HasGzipMagic(magic)) {
    auto g = std::make_unique<GzipSource>(std::move(raw), name);
    frames = g.get();
    in = std::make_unique<BufferedSource>(std::move(g));
  } else if (HasZstdMagic(magic)) {
    auto z = std::make_unique<ZstdSource>(std::move(raw), name);
    frames = z.get();
    in = std::make_unique<BufferedSource>(std::move(z));
  } else if (const char* other = OtherCompression(magic)) {
    return Status::Unsupported(name + ": " + other +
                               "-compressed input is not supported; " +
                               "decompress it first, e.g. `" +
                               DecompressCommand(other, name) + " | winnow`");
  } else {
    in = std::move(raw);
  }
  if (format == InputFormat::kAuto) format = FormatFromName(name);
  if (format == InputFormat::kAuto) {
    std::string_view head = in->Peek(kSniffBytes);
    format = SniffFormat(head);
    if (format == InputFormat::kAuto && LooksBinary(head)) {
      out->reset(new PassedOverReader("binary"));
      return Status::OK();
    }
  }
  switch (format) {
    case InputFormat::kWarc:
      out->reset(new WarcReader(name, std::move(in), frames, options));
      break;
    case InputFormat::kJsonl:
      out->reset(new JsonlReader(name, std::move(in), frames, options));
      break;
    case InputFormat::kHtml:
      out->reset(new PageReader(name, url, std::move(in), ContentKind::kHtml,
                                options));
      break;
    case InputFormat::kText:
      out->reset(new PageReader(name, url, std::move(in), ContentKind::kText,
                                options));
      break;
    case InputFormat::kAuto:
      out->reset(new PageReader(name, url, std::move(in), ContentKind::kAuto,
                                options));
      break;
  }
  return Status::OK();
}

Status OpenFile(const std::string& path, InputFormat format,
                const ReaderOptions& options,
                std::unique_ptr<RecordReader>* out) {
  std::unique_ptr<FdSource> fd;
  Status s = FdSource::Open(path, &fd);
  if (!s.ok()) return s;
  return OpenStream(std::move(fd), path, path, format, options, out);
}

class FolderReader : public RecordReader {
 public:
  FolderReader(std::string root, InputFormat format,
               const ReaderOptions& options)
      : format_(format), options_(options) {
    pending_dirs_.push_back(std::move(root));
  }

  bool Next(Record* r) override {
    for (;;) {
      if (current_) {
        if (current_->Next(r)) return true;
        Merge(current_->skipped());
        Status s = current_->status();
        current_.reset();
        if (!s.ok()) {
          r->Clear();
          r->input = current_path_;
          r->url = current_path_;
          r->error = s;
          return true;
        }
      }
      std::string path;
      Status list_error;
      if (!NextFile(&path, &list_error)) return false;
      if (!list_error.ok()) {
        r->Clear();
        r->input = path;
        r->url = path;
        r->error = list_error;
        return true;
      }
      if (path.empty()) {  // not a regular file: never opened
        ++skipped_["not-a-file"];
        continue;
      }
      current_path_ = path;
      Status s = OpenFile(path, format_, options_, &current_);
      if (!s.ok()) {
        current_.reset();
        r->Clear();
        r->input = path;
        r->url = path;
        r->error = s;
        return true;
      }
    }
  }
  Status status() const override { return status_; }
  const std::map<std::string, uint64_t>& skipped() const override {
    return skipped_;
  }

 private:
  enum class Kind { kFile, kDir, kOther };
  struct Dir {
    std::string path;
    std::vector<std::pair<std::string, Kind>> entries;
    size_t next = 0;
  };

  void Merge(const std::map<std::string, uint64_t>& m) {
    for (const auto& [k, v] : m) skipped_[k] += v;
  }

  static std::string Join(const std::string& dir, const std::string& name) {
    if (!dir.empty() && dir.back() == '/') return dir + name;
    return dir + "/" + name;
  }

  // Lists `path` into a new Dir on the stack; on failure sets *error.
  void Open(const std::string& path, Status* error) {
    namespace fs = std::filesystem;
    Dir d;
    d.path = path;
    std::error_code ec;
    fs::directory_iterator it(path, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      std::error_code ec2;
      bool is_link = it->is_symlink(ec2);
      bool is_dir = it->is_directory(ec2);  // follows links
      if (is_dir && is_link) continue;      // no cycles through links
      // FIFOs, sockets and devices would block or never end: not opened.
      Kind kind = is_dir                     ? Kind::kDir
                  : it->is_regular_file(ec2) ? Kind::kFile
                                             : Kind::kOther;
      d.entries.emplace_back(std::move(name), kind);
    }
    if (ec) {
      *error = Status::IOError(path + ": cannot list folder: " + ec.message());
      return;
    }
    std::sort(d.entries.begin(), d.entries.end());
    stack_.push_back(std::move(d));
  }

  // The next file of the walk; false at its end. A folder that cannot be
  // listed is returned as *path with *error set; an entry that is not a
  // regular file as an empty *path.
  bool NextFile(std::string* path, Status* error) {
    if (!pending_dirs_.empty()) {  // the root
      std::string root = std::move(pending_dirs_.back());
      pending_dirs_.pop_back();
      Open(root, error);
      if (!error->ok()) {
        status_ = *error;
        return false;
      }
    }
    while (!stack_.empty()) {
      Dir& d = stack_.back();
      if (d.next == d.entries.size()) {
        stack_.pop_back();
        continue;
      }
      const auto& [name, kind] = d.entries[d.next++];
      std::string p = Join(d.path, name);
      if (kind == Kind::kOther) {
        path->clear();
        return true;
      }
      if (kind == Kind::kDir) {
        Open(p, error);
        if (!error->ok()) {
          *path = p;
          return true;
        }
        continue;
      }
      *path = std::move(p);
      return true;
    }
    return false;
  }

  InputFormat format_;
  ReaderOptions options_;
  Status status_;
  std::vector<std::string> pending_dirs_;
  std::vector<Dir> stack_;
  std::unique_ptr<RecordReader> current_;
  std::string current_path_;
  std::map<std::string, uint64_t> skipped_;
};

}  // namespace

const char* InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kAuto:
      return "auto";
    case InputFormat::kHtml:
      return "html";
    case InputFormat::kText:
      return "text";
    case InputFormat::kWarc:
      return "warc";
    case InputFormat::kJsonl:
      return "jsonl";
  }
  return "auto";
}

bool ParseInputFormat(std::string_view name, InputFormat* format) {
  if (name == "auto") {
    *format = InputFormat::kAuto;
  } else if (name == "html") {
    *format = InputFormat::kHtml;
  } else if (name == "text" || name == "txt") {
    *format = InputFormat::kText;
  } else if (name == "warc") {
    *format = InputFormat::kWarc;
  } else if (name == "jsonl" || name == "ndjson") {
    *format = InputFormat::kJsonl;
  } else {
    return false;
  }
  return true;
}

InputFormat FormatFromName(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string name(slash == std::string_view::npos ? path
                                                   : path.substr(slash + 1));
  for (char& c : name) c = AsciiLower(c);
  std::string_view n = name;
  if (EndsWith(n, ".gz")) n.remove_suffix(3);
  if (EndsWith(n, ".zst")) n.remove_suffix(4);
  if (EndsWith(n, ".warc")) return InputFormat::kWarc;
  if (EndsWith(n, ".jsonl") || EndsWith(n, ".ndjson"))
    return InputFormat::kJsonl;
  if (EndsWith(n, ".html") || EndsWith(n, ".htm") || EndsWith(n, ".xhtml") ||
      EndsWith(n, ".shtml")) {
    return InputFormat::kHtml;
  }
  if (EndsWith(n, ".txt") || EndsWith(n, ".text")) return InputFormat::kText;
  return InputFormat::kAuto;
}

InputFormat SniffFormat(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  size_t i = head.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos) return InputFormat::kAuto;
  head.remove_prefix(i);
  if (head.substr(0, 7) == "WARC/1.") return InputFormat::kWarc;
  if (head[0] == '{') return InputFormat::kJsonl;
  return InputFormat::kAuto;
}

bool LooksBinary(std::string_view head) {
  if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF") {
    return false;  // UTF-16 text
  }
  if (head.substr(0, 5) == "%PDF-") return true;
  size_t control = 0;
  for (char ch : head) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
        c != 0x1b) {
      ++control;
    }
  }
  return control * 10 > head.size();
}

Status OpenSourceReader(std::unique_ptr<ByteSource> source,
                        const std::string& name, InputFormat format,
                        const ReaderOptions& options,
                        std::unique_ptr<RecordReader>* out) {
  return OpenStream(std::move(source), name, name == "-" ? "" : name, format,
                    options, out);
}

Status OpenFdReader(int fd, const std::string& name, InputFormat format,
                    const ReaderOptions& options,
                    std::unique_ptr<RecordReader>* out) {
  return OpenSourceReader(std::make_unique<FdSource>(fd, name, /*owns=*/false),
                          name, format, options, out);
}

Status OpenReader(const std::string& path_or_dash, InputFormat format,
                  const ReaderOptions& options,
                  std::unique_ptr<RecordReader>* out) {
  if (path_or_dash == "-") {
    return OpenFdReader(0, "-", format, options, out);
  }
  struct stat st;
  if (::stat(path_or_dash.c_str(), &st) != 0) {
    int err = errno;
    std::string msg = path_or_dash + ": " + std::strerror(err);
    if (err == ENOENT || err == ENOTDIR) return Status::NotFound(msg);
    return Status::IOError(msg);
  }
  if (S_ISDIR(st.st_mode)) {
    out->reset(new FolderReader(path_or_dash, format, options));
    return Status::OK();
  }
  return OpenFile(path_or_dash, format, options, out);
}

}  // namespace winnow
