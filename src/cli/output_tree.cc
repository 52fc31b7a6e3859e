// Copyright winnow authors. Licensed under the MIT licence.

#include "cli/output_tree.h"
#include "util/ascii.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <system_error>
#include <utility>

namespace winnow {
namespace cli {
namespace {

uint64_t Hash(std::string_view s) { return std::hash<std::string_view>()(s); }

// "a/b/crawl.warc.gz" -> "a/b/crawl"; "page.html" -> "page"; a leading dot
// (".profile") is part of the name, not an extension.
std::string StripExtensions(std::string path) {
  const size_t slash = path.rfind('/');
  const size_t base = slash == std::string::npos ? 0 : slash + 1;
  for (const char* compression : {".gz", ".zst"}) {
    const size_t n = strlen(compression);
    if (EndsWithIgnoreCase(path, compression) && path.size() - n > base) {
      path.resize(path.size() - n);
      break;
    }
  }
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

// The candidates for a name, in order: the short one (extensions
// stripped), the full one, then the full one numbered.
std::string Candidate(const std::string& base, int n) {
  if (n == 0) return StripExtensions(base);
  if (n == 1) return base;
  return base + "-" + std::to_string(n);
}

}  // namespace

OutputTree::OutputTree(std::string dir, std::string extension,
                       std::vector<std::string> inputs)
    : dir_(std::move(dir)),
      ext_(std::move(extension)),
      inputs_(std::move(inputs)) {
  while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
}

bool OutputTree::Claimed(const std::string& path) const {
  const uint64_t h = Hash(path);
  return files_.count(h) || dirs_.count(h) || record_dirs_.count(h);
}

void OutputTree::ClaimFile(const std::string& path) {
  files_.insert(Hash(path));
  // Its folders hold pages now: no folder of records may take their names.
  for (size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0;
       slash = path.rfind('/', slash - 1)) {
    if (!dirs_.insert(Hash(std::string_view(path).substr(0, slash))).second)
      break;  // and so are all above it
  }
}

std::string OutputTree::ClaimRecordFolder(const std::string& base) {
  for (int n = 0;; ++n) {
    std::string folder = Candidate(base, n);
    if (!Claimed(folder)) {
      record_dirs_.insert(Hash(folder));
      return folder;
    }
  }
}

std::string OutputTree::ClaimPage(const std::string& base) {
  for (int n = 0;; ++n) {
    std::string path = Candidate(base, n) + ext_;
    if (Claimed(path)) continue;
    // Not inside a folder of records.
    bool inside = false;
    for (size_t slash = path.rfind('/'); !inside && slash != std::string::npos;
         slash = slash == 0 ? std::string::npos : path.rfind('/', slash - 1)) {
      inside =
          record_dirs_.count(Hash(std::string_view(path).substr(0, slash)));
    }
    if (inside) continue;
    ClaimFile(path);
    return path;
  }
}

std::string OutputTree::PathFor(size_t root, bool root_is_dir,
                                const std::string& input, bool page,
                                uint64_t index) {
  const std::string& root_name = inputs_[root];
  std::string rel;
  if (root_name == "-") {
    rel = "stdin";
  } else if (root_is_dir) {
    rel = input.size() > root_name.size() ? input.substr(root_name.size()) : "";
    while (!rel.empty() && rel[0] == '/') rel.erase(0, 1);
  } else {
    rel = root_name;
  }
  const std::string base = dir_ + "/" + SafeRelative(rel);
  if (page) return ClaimPage(base);
  if (root != folder_root_ || input != folder_input_) {
    folder_root_ = root;
    folder_input_ = input;
    folder_ = ClaimRecordFolder(base);
  }
  char num[32];
  std::snprintf(num, sizeof num, "/%06llu",
                static_cast<unsigned long long>(index));
  return folder_ + num + ext_;
}

Status OutputTree::MakeParent(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return Status::OK();
  std::string parent = path.substr(0, slash);
  if (parent == last_parent_) return Status::OK();
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) return Status::IOError(parent + ": " + ec.message());
  last_parent_ = std::move(parent);
  return Status::OK();
}

Status OutputTree::Write(const std::string& path, std::string_view data,
                         bool* disk_full) {
  *disk_full = false;
  Status s = MakeParent(path);
  if (!s.ok()) return s;
  const size_t slash = path.rfind('/');
  const std::string tmp = path.substr(0, slash + 1) + "." +
                          path.substr(slash + 1) + ".winnow-" +
                          std::to_string(::getpid()) + ".tmp";
  int err = 0;
  const int fd =
      ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    err = errno;
  } else {
    for (size_t done = 0; done < data.size();) {
      const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        err = errno;
        break;
      }
      done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
    if (err != 0) ::unlink(tmp.c_str());
  }
  if (err == 0) return Status::OK();
  *disk_full = err == ENOSPC || err == EDQUOT;
  // The previous run's file would now be stale.
  if (err != ENOENT) ::unlink(path.c_str());
  return Status::IOError(path + ": " + strerror(err));
}

Status OutputTree::Remove(const std::string& path) {
  if (::unlink(path.c_str()) == 0 || errno == ENOENT) return Status::OK();
  return Status::IOError(
      path + ": cannot remove the previous output: " + strerror(errno));
}

}  // namespace cli
}  // namespace winnow
