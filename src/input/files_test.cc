// Copyright winnow authors. Licensed under the MIT licence.

#include "input/files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "input/testing.h"

namespace winnow {
namespace {

namespace fs = std::filesystem;

std::string WarcRecord(const std::string& type, const std::string& uri,
                       const std::string& content_type,
                       const std::string& block) {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" +
         block + "\r\n\r\n";
}

std::string HtmlResponse(const std::string& uri, const std::string& html) {
  return WarcRecord(
      "response", uri, "application/http; msgtype=response",
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html);
}

std::string Request(const std::string& uri) {
  return WarcRecord("request", uri, "application/http; msgtype=request",
                    "GET / HTTP/1.1\r\n\r\n");
}

void WriteFile(const std::string& path, std::string_view bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (fs::temp_directory_path() / "winnow-input-XXXXXX").string();
    char* p = mkdtemp(&tmpl[0]);
    EXPECT_NE(p, nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& rel) const {
    return path_ + "/" + rel;
  }

 private:
  std::string path_;
};

std::vector<Record> ReadAll(RecordReader* reader) {
  std::vector<Record> out;
  Record r;
  while (reader->Next(&r)) out.push_back(r);
  return out;
}

std::unique_ptr<RecordReader> MustOpen(const std::string& path,
                                       InputFormat format = InputFormat::kAuto,
                                       const ReaderOptions& options = {}) {
  std::unique_ptr<RecordReader> reader;
  Status s = OpenReader(path, format, options, &reader);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return reader;
}

TEST(FilesTest, FormatFromName) {
  EXPECT_EQ(FormatFromName("x/CRAWL-00001.warc.gz"), InputFormat::kWarc);
  EXPECT_EQ(FormatFromName("a.warc"), InputFormat::kWarc);
  EXPECT_EQ(FormatFromName("pages.jsonl"), InputFormat::kJsonl);
  EXPECT_EQ(FormatFromName("pages.JSONL.GZ"), InputFormat::kJsonl);
  EXPECT_EQ(FormatFromName("pages.ndjson"), InputFormat::kJsonl);
  EXPECT_EQ(FormatFromName("index.html"), InputFormat::kHtml);
  EXPECT_EQ(FormatFromName("index.htm.gz"), InputFormat::kHtml);
  EXPECT_EQ(FormatFromName("page.xhtml"), InputFormat::kHtml);
  EXPECT_EQ(FormatFromName("notes.txt"), InputFormat::kText);
  EXPECT_EQ(FormatFromName("dir.warc/page"), InputFormat::kAuto);
  EXPECT_EQ(FormatFromName("data.gz"), InputFormat::kAuto);
  EXPECT_EQ(FormatFromName("-"), InputFormat::kAuto);
  EXPECT_EQ(FormatFromName(""), InputFormat::kAuto);
}

TEST(FilesTest, SniffFormatAndBinary) {
  EXPECT_EQ(SniffFormat("WARC/1.0\r\n"), InputFormat::kWarc);
  EXPECT_EQ(SniffFormat("\r\nWARC/1.1\r\n"), InputFormat::kWarc);
  EXPECT_EQ(SniffFormat("WARC/0.17\r\n"), InputFormat::kAuto);
  EXPECT_EQ(SniffFormat("\xEF\xBB\xBF {\"html\":1}"), InputFormat::kJsonl);
  EXPECT_EQ(SniffFormat("<!doctype html>"), InputFormat::kAuto);
  EXPECT_EQ(SniffFormat(""), InputFormat::kAuto);
  EXPECT_TRUE(LooksBinary(std::string("\x89PNG\r\n\x1a\n\0\0", 10)));
  EXPECT_TRUE(LooksBinary("%PDF-1.7\n"));
  EXPECT_TRUE(LooksBinary("\x01\x02\x03\x04 abc"));
  EXPECT_FALSE(LooksBinary(std::string("\xFF\xFE<\0h\0", 6)));  // UTF-16
  EXPECT_FALSE(LooksBinary("<p>caf\xC3\xA9\t\r\n\f</p>"));
  EXPECT_FALSE(LooksBinary(""));
}

TEST(FilesTest, FormatNames) {
  InputFormat f = InputFormat::kAuto;
  for (InputFormat g :
       {InputFormat::kAuto, InputFormat::kHtml, InputFormat::kText,
        InputFormat::kWarc, InputFormat::kJsonl}) {
    ASSERT_TRUE(ParseInputFormat(InputFormatName(g), &f));
    EXPECT_EQ(f, g);
  }
  EXPECT_TRUE(ParseInputFormat("ndjson", &f));
  EXPECT_EQ(f, InputFormat::kJsonl);
  EXPECT_FALSE(ParseInputFormat("pdf", &f));
  EXPECT_FALSE(ParseInputFormat("", &f));
}

TEST(FilesTest, SinglePages) {
  TempDir dir;
  WriteFile(dir / "a.html", "<p>a</p>");
  WriteFile(dir / "n.txt", "plain\n");
  WriteFile(dir / "page", "<!doctype html><p>x</p>");
  WriteFile(dir / "p.html.gz", Deflate("<p>gz</p>"));
  WriteFile(dir / "empty.html", "");
  struct Case {
    std::string name;
    InputFormat format;
    ContentKind kind;
    std::string body;
  } cases[] = {
      {"a.html", InputFormat::kAuto, ContentKind::kHtml, "<p>a</p>"},
      {"a.html", InputFormat::kText, ContentKind::kText, "<p>a</p>"},
      {"n.txt", InputFormat::kAuto, ContentKind::kText, "plain\n"},
      {"page", InputFormat::kAuto, ContentKind::kAuto,
       "<!doctype html><p>x</p>"},
      {"p.html.gz", InputFormat::kAuto, ContentKind::kHtml, "<p>gz</p>"},
      {"empty.html", InputFormat::kAuto, ContentKind::kHtml, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto reader = MustOpen(dir / c.name, c.format);
    std::vector<Record> got = ReadAll(reader.get());
    EXPECT_TRUE(reader->status().ok());
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].input, dir / c.name);
    EXPECT_EQ(got[0].url, dir / c.name);
    EXPECT_EQ(got[0].kind, c.kind);
    EXPECT_EQ(got[0].body, c.body);
    EXPECT_EQ(got[0].offset, 0u);
    EXPECT_EQ(got[0].index, 0u);
    EXPECT_EQ(got[0].content_type, "");
    EXPECT_TRUE(got[0].error.ok());
  }
}

TEST(FilesTest, PageErrors) {
  TempDir dir;
  WriteFile(dir / "big.html", std::string(2000, 'x'));
  ReaderOptions options;
  options.max_record_bytes = 1000;
  auto reader = MustOpen(dir / "big.html", InputFormat::kAuto, options);
  std::vector<Record> got = ReadAll(reader.get());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].error.ToString(),
            "Limit reached: file larger than 1000 bytes");
  EXPECT_EQ(got[0].body, "");
  EXPECT_TRUE(reader->status().ok());

  std::string gz = Deflate(std::string(5000, 'y'));
  WriteFile(dir / "cut.html.gz", gz.substr(0, gz.size() - 4));
  reader = MustOpen(dir / "cut.html.gz");
  EXPECT_TRUE(ReadAll(reader.get()).empty());
  EXPECT_EQ(reader->status().ToString(),
            "Corruption: " + (dir / "cut.html.gz") +
                ": truncated gzip member at byte 0 (input ends at byte " +
                std::to_string(gz.size() - 4) + ")");

  std::unique_ptr<RecordReader> none;
  Status s = OpenReader(dir / "missing.warc", InputFormat::kAuto, {}, &none);
  EXPECT_EQ(s.ToString(), "Not found: " + (dir / "missing.warc") +
                              ": No such file or directory");
  EXPECT_EQ(none, nullptr);

  // A forced format that does not fit.
  WriteFile(dir / "p.jsonl", "{\"html\":\"x\"}\n");
  reader = MustOpen(dir / "p.jsonl", InputFormat::kWarc);
  got = ReadAll(reader.get());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].error.ToString(),
            "Corruption: not a WARC record; no WARC record follows");
  EXPECT_TRUE(reader->status().ok());
}

TEST(FilesTest, FolderWalk) {
  TempDir dir;
  WriteFile(dir / "a.html", "<p>a</p>");
  WriteFile(dir / "Z.html", "<p>Z</p>");
  WriteFile(dir / "b/c.txt", "plain text");
  WriteFile(dir / "b/d.jsonl",
            "{\"url\":\"u1\",\"html\":\"<p>d1</p>\"}\n{\"text\":\"d2\"}\n");
  WriteFile(dir / "b/sub/e.htm", "<p>e</p>");
  WriteFile(dir / ".hidden.html", "<p>hidden</p>");
  WriteFile(dir / ".git/x.html", "<p>hidden too</p>");
  WriteFile(dir / "b/.cache/y.html", "<p>hidden too</p>");
  WriteFile(dir / "f.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  WriteFile(dir / "g", "<!doctype html><p>g</p>");
  WriteFile(dir / "h.html.gz", Deflate("<p>h</p>"));
  WriteFile(dir / "i.warc",
            Request("https://i/") + HtmlResponse("https://i/", "<p>i</p>"));
  std::string j1 = Deflate(HtmlResponse("https://j/1", "<p>j1</p>"));
  std::string j2 = Deflate(HtmlResponse("https://j/2", "<p>j2</p>"));
  WriteFile(dir / "j.warc.gz", j1 + j2.substr(0, j2.size() / 2));
  WriteFile(dir / "k.dat", "{\"html\":\"<p>k</p>\"}\n");
  WriteFile(dir / "l.pdf", "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
  fs::create_directory_symlink(dir / "b", dir / "link-dir");
  fs::create_symlink(dir / "a.html", dir / "link.html");

  auto reader = MustOpen(dir.path() + "/");
  std::vector<Record> got = ReadAll(reader.get());
  EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
  struct Want {
    std::string input, url, body;
    ContentKind kind;
  };
  const std::string root = dir.path() + "/";
  std::vector<Want> want = {
      {root + "Z.html", root + "Z.html", "<p>Z</p>", ContentKind::kHtml},
      {root + "a.html", root + "a.html", "<p>a</p>", ContentKind::kHtml},
      {root + "b/c.txt", root + "b/c.txt", "plain text", ContentKind::kText},
      {root + "b/d.jsonl", "u1", "<p>d1</p>", ContentKind::kHtml},
      {root + "b/d.jsonl", "", "d2", ContentKind::kText},
      {root + "b/sub/e.htm", root + "b/sub/e.htm", "<p>e</p>",
       ContentKind::kHtml},
      {root + "g", root + "g", "<!doctype html><p>g</p>", ContentKind::kAuto},
      {root + "h.html.gz", root + "h.html.gz", "<p>h</p>", ContentKind::kHtml},
      {root + "i.warc", "https://i/", "<p>i</p>", ContentKind::kHtml},
      {root + "j.warc.gz", "https://j/1", "<p>j1</p>", ContentKind::kHtml},
      {root + "j.warc.gz", root + "j.warc.gz", "",
       ContentKind::kAuto},  // error
      {root + "k.dat", "", "<p>k</p>", ContentKind::kHtml},
      {root + "link.html", root + "link.html", "<p>a</p>", ContentKind::kHtml},
  };
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(got[i].input, want[i].input);
    EXPECT_EQ(got[i].url, want[i].url);
    EXPECT_EQ(got[i].body, want[i].body);
    EXPECT_EQ(got[i].kind, want[i].kind);
    EXPECT_EQ(got[i].error.ok(), i != 10) << got[i].error.ToString();
  }
  EXPECT_EQ(got[10].error.ToString(),
            "Corruption: " + root +
                "j.warc.gz: truncated gzip member at byte " +
                std::to_string(j1.size()) + " (input ends at byte " +
                std::to_string(j1.size() + j2.size() / 2) + ")");
  EXPECT_EQ(got[4].index, 1u);
  EXPECT_EQ(got[9].offset, 0u);
  EXPECT_TRUE(got[9].compressed_offset);
  std::map<std::string, uint64_t> skipped = {{"binary", 2}, {"request", 1}};
  EXPECT_EQ(reader->skipped(), skipped);

  // A forced format applies to every file: nothing is "binary" then.
  reader = MustOpen(dir / "b", InputFormat::kText);
  got = ReadAll(reader.get());
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1].input, dir / "b/d.jsonl");
  EXPECT_EQ(got[1].kind, ContentKind::kText);
  EXPECT_EQ(got[2].input, dir / "b/sub/e.htm");
  EXPECT_TRUE(reader->skipped().empty());

  // An empty folder.
  fs::create_directory(dir / "empty");
  reader = MustOpen(dir / "empty");
  EXPECT_TRUE(ReadAll(reader.get()).empty());
  EXPECT_TRUE(reader->status().ok());
}

// Writes `bytes` into a pipe from a thread, in small pieces.
class PipeWriter {
 public:
  explicit PipeWriter(std::string bytes) : bytes_(std::move(bytes)) {
    EXPECT_EQ(pipe(fds_), 0);
    thread_ = std::thread([this] {
      for (size_t i = 0; i < bytes_.size(); i += 1000) {
        size_t k = std::min<size_t>(1000, bytes_.size() - i);
        if (write(fds_[1], bytes_.data() + i, k) != static_cast<ssize_t>(k))
          break;
      }
      close(fds_[1]);
    });
  }
  ~PipeWriter() {
    thread_.join();
    close(fds_[0]);
  }
  int read_fd() const { return fds_[0]; }

 private:
  std::string bytes_;
  int fds_[2];
  std::thread thread_;
};

TEST(FilesTest, StdinGzipWarc) {
  std::string warc;
  for (int i = 0; i < 50; ++i) {
    std::string url = "https://s/" + std::to_string(i);
    warc += Deflate(Request(url)) +
            Deflate(HtmlResponse(url, "<p>page " + std::to_string(i) + "</p>"));
  }
  PipeWriter writer(warc);
  int saved = dup(0);
  ASSERT_GE(saved, 0);
  ASSERT_EQ(dup2(writer.read_fd(), 0), 0);
  auto reader = MustOpen("-");
  std::vector<Record> got = ReadAll(reader.get());
  dup2(saved, 0);
  close(saved);
  EXPECT_TRUE(reader->status().ok()) << reader->status().ToString();
  ASSERT_EQ(got.size(), 50u);
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(got[i].input, "-");
    EXPECT_EQ(got[i].url, "https://s/" + std::to_string(i));
    EXPECT_EQ(got[i].body, "<p>page " + std::to_string(i) + "</p>");
    EXPECT_EQ(got[i].index, 2u * i + 1);
    EXPECT_TRUE(got[i].compressed_offset);
  }
  EXPECT_EQ(reader->skipped().at("request"), 50u);
}

TEST(FilesTest, FdAndSourceReaders) {
  PipeWriter writer(
      Deflate("{\"html\":\"<p>1</p>\",\"id\":1}\n{\"html\":\"<p>2</p>\"}\n"));
  std::unique_ptr<RecordReader> reader;
  ASSERT_TRUE(
      OpenFdReader(writer.read_fd(), "feed", InputFormat::kAuto, {}, &reader)
          .ok());
  std::vector<Record> got = ReadAll(reader.get());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].input, "feed");
  EXPECT_EQ(got[0].passthrough, "\"id\":1");
  EXPECT_EQ(got[1].body, "<p>2</p>");
  EXPECT_EQ(got[1].offset, 27u);

  static const char kPage[] = "just words";
  ASSERT_TRUE(OpenSourceReader(std::make_unique<StringSource>(kPage), "-",
                               InputFormat::kAuto, {}, &reader)
                  .ok());
  got = ReadAll(reader.get());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].input, "-");
  EXPECT_EQ(got[0].url, "");  // stdin pages have no url
  EXPECT_EQ(got[0].kind, ContentKind::kAuto);
  EXPECT_EQ(got[0].body, kPage);
}

// Issue 13: `winnow /bin/ls` extracted 220 KB of garbage. A binary file
// named directly (or on stdin) is passed over as inside a folder.
TEST(FilesTest, BinaryFileNamedDirectlyIsPassedOver) {
  TempDir dir;
  WriteFile(dir / "prog", std::string("\x7f"
                                      "ELF\x02\x01\x01\0\0\0",
                                      10) +
                              std::string(2000, '\x01'));
  auto reader = MustOpen(dir / "prog");
  EXPECT_TRUE(ReadAll(reader.get()).empty());
  EXPECT_TRUE(reader->status().ok());
  std::map<std::string, uint64_t> binary = {{"binary", 1}};
  EXPECT_EQ(reader->skipped(), binary);
  std::unique_ptr<RecordReader> in;
  ASSERT_TRUE(OpenSourceReader(std::make_unique<OwnedSource>(
                                   std::string("\0\0\0\x01binary", 10)),
                               "-", InputFormat::kAuto, {}, &in)
                  .ok());
  EXPECT_TRUE(ReadAll(in.get()).empty());
  EXPECT_EQ(in->skipped(), binary);
}

// Issue 13: a FIFO in a folder hung the run forever. Entries that are not
// regular files are passed over unopened; a FIFO named directly is read.
TEST(FilesTest, FifoInFolderIsPassedOverButReadWhenNamed) {
  TempDir dir;
  WriteFile(dir / "a.html", "<p>a</p>");
  ASSERT_EQ(mkfifo((dir / "pipe.html").c_str(), 0600), 0);
  auto reader = MustOpen(dir.path());
  std::vector<Record> got = ReadAll(reader.get());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].body, "<p>a</p>");
  std::map<std::string, uint64_t> skipped = {{"not-a-file", 1}};
  EXPECT_EQ(reader->skipped(), skipped);
  std::thread writer([&] { WriteFile(dir / "pipe.html", "<p>fifo</p>"); });
  reader = MustOpen(dir / "pipe.html");
  got = ReadAll(reader.get());
  writer.join();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].body, "<p>fifo</p>");
}

// Issue 13: other compressions became one record of binary text.
TEST(FilesTest, OtherCompressionsAreRefusedByTheirMagic) {
  TempDir dir;
  struct Case {
    std::string name, bytes, format, command;
  } cases[] = {
      {"c.warc.xz",
       std::string("\xFD"
                   "7zXZ\0\0\x04",
                   8),
       "xz", "xz -dc"},
      {"c.jsonl.bz2", "BZh91AY&SY", "bzip2", "bzip2 -dc"},
      {"c.warc.lz4", "\x04\x22\x4D\x18\x64\x40", "lz4", "lz4 -dc"},
      {"c.zip", "PK\x03\x04\x14\0", "zip", "unzip -p"},
  };
  for (const Case& c : cases) {
    WriteFile(dir / c.name, c.bytes + std::string(100, 'x'));
    std::unique_ptr<RecordReader> r;
    Status s = OpenReader(dir / c.name, InputFormat::kAuto, {}, &r);
    EXPECT_EQ(s.ToString(), "Unsupported: " + (dir / c.name) + ": " + c.format +
                                "-compressed input is not supported; "
                                "decompress it first, e.g. `" +
                                c.command + " " + (dir / c.name) +
                                " | winnow`");
  }
}

// Issue 13: .jsonl.zst became one record of binary text.
TEST(FilesTest, ZstdJsonl) {
  TempDir dir;
  const std::string jsonl =
      "{\"url\":\"u1\",\"html\":\"<p>one</"
      "p>\"}\n{\"url\":\"u2\",\"text\":\"two\"}\n";
  std::string z(ZSTD_compressBound(jsonl.size()), '\0');
  z.resize(ZSTD_compress(&z[0], z.size(), jsonl.data(), jsonl.size(), 3));
  WriteFile(dir / "p.jsonl.zst", z);
  WriteFile(dir / "noext", z);
  for (const char* name : {"p.jsonl.zst", "noext"}) {
    auto reader = MustOpen(dir / name);
    std::vector<Record> got = ReadAll(reader.get());
    ASSERT_EQ(got.size(), 2u) << name;
    EXPECT_EQ(got[0].body, "<p>one</p>");
    EXPECT_EQ(got[1].body, "two");
    EXPECT_TRUE(reader->status().ok());
  }
}

}  // namespace
}  // namespace winnow
