// Copyright winnow authors. Licensed under the MIT licence.

#include "cli/cpus.h"

#include <sched.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <thread>
#include <vector>

#include "util/file.h"

namespace winnow {
namespace cli {
namespace {

// Processors for `quota` microseconds of CPU per `period`, rounded up;
// 0 for no limit.
int Processors(long long quota, long long period) {
  if (quota <= 0 || period <= 0) return 0;
  return static_cast<int>((quota + period - 1) / period);
}

// "a/b/c" -> {"a/b/c", "a/b", "a", ""}: a cgroup and its ancestors, as
// paths relative to the hierarchy's mount point.
std::vector<std::string> SelfAndAncestors(std::string path) {
  while (!path.empty() && path.front() == '/') path.erase(0, 1);
  while (!path.empty() && path.back() == '/') path.pop_back();
  std::vector<std::string> out;
  for (;;) {
    out.push_back(path);
    if (path.empty()) break;
    const size_t slash = path.rfind('/');
    path = slash == std::string::npos ? "" : path.substr(0, slash);
  }
  return out;
}

// The strictest limit that `limit_in(dir)` finds in the cgroup `path`
// below `mount` or any of its ancestors. In a container the hierarchy is
// often mounted at the container's own cgroup while /proc/self/cgroup
// still names the host's path, so the mount point itself is tried too.
template <typename LimitIn>
int Strictest(const std::string& mount, const std::string& path,
              LimitIn limit_in) {
  int best = 0;
  for (const std::string& rel : SelfAndAncestors(path)) {
    const int n = limit_in(rel.empty() ? mount : mount + "/" + rel);
    if (n > 0 && (best == 0 || n < best)) best = n;
  }
  return best;
}

int V2Limit(const std::string& dir) {
  std::string text;
  if (!ReadFile(dir + "/cpu.max", &text).ok()) return 0;
  std::istringstream in(text);
  std::string quota;
  long long period = 0;
  if (!(in >> quota >> period) || quota == "max") return 0;
  return Processors(std::atoll(quota.c_str()), period);
}

int V1Limit(const std::string& dir) {
  std::string quota, period;
  if (!ReadFile(dir + "/cpu.cfs_quota_us", &quota).ok() ||
      !ReadFile(dir + "/cpu.cfs_period_us", &period).ok()) {
    return 0;
  }
  return Processors(std::atoll(quota.c_str()), std::atoll(period.c_str()));
}

}  // namespace

int CgroupCpuLimit(const std::string& sys_fs_cgroup,
                   const std::string& proc_self_cgroup) {
  int best = 0;
  auto take = [&best](int n) {
    if (n > 0 && (best == 0 || n < best)) best = n;
  };
  std::istringstream lines(proc_self_cgroup);
  std::string line;
  while (std::getline(lines, line)) {
    // "ID:CONTROLLERS:PATH"; v2's unified line is "0::PATH".
    const size_t c1 = line.find(':');
    const size_t c2 = c1 == std::string::npos ? c1 : line.find(':', c1 + 1);
    if (c2 == std::string::npos) continue;
    const std::string controllers = line.substr(c1 + 1, c2 - c1 - 1);
    const std::string path = line.substr(c2 + 1);
    if (controllers.empty()) {
      take(Strictest(sys_fs_cgroup, path, V2Limit));
      take(Strictest(sys_fs_cgroup + "/unified", path, V2Limit));
      continue;
    }
    std::istringstream names(controllers);
    std::string name;
    while (std::getline(names, name, ',')) {
      if (name != "cpu") continue;
      take(Strictest(sys_fs_cgroup + "/cpu", path, V1Limit));
      take(Strictest(sys_fs_cgroup + "/" + controllers, path, V1Limit));
    }
  }
  return best;
}

int DefaultJobs() {
  int n = static_cast<int>(std::thread::hardware_concurrency());
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    const int affinity = CPU_COUNT(&set);
    if (affinity > 0) n = affinity;
  }
  std::string self;
  if (ReadFile("/proc/self/cgroup", &self).ok()) {
    const int quota = CgroupCpuLimit("/sys/fs/cgroup", self);
    if (quota > 0) n = std::min(n, quota);
  }
  return std::max(n, 1);
}

}  // namespace cli
}  // namespace winnow
