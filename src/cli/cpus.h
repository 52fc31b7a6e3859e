// Copyright winnow authors. Licensed under the MIT licence.
//
// How many threads a run should start by default: the processors this
// process may run on (its CPU affinity: `taskset -c 0`, a Slurm or cgroup
// cpuset) and the CPU time its cgroup may use (a Kubernetes or Slurm CPU
// quota), not the machine's core count: a 4-core allocation on a 128-core
// node gets 4 workers, not 128.

#ifndef WINNOW_CLI_CPUS_H_
#define WINNOW_CLI_CPUS_H_

#include <string>

namespace winnow {
namespace cli {

// The default worker count: the smaller of the affinity mask's processor
// count and the cgroup CPU quota (rounded up), at least 1. Falls back to
// std::thread::hardware_concurrency() where the system tells neither.
int DefaultJobs();

// The CPU quota, in whole processors rounded up, that the cgroup files
// below `sys_fs_cgroup` (normally "/sys/fs/cgroup") grant the cgroup
// named by `proc_self_cgroup` (the text of /proc/self/cgroup): cgroup v2
// `cpu.max` ("QUOTA PERIOD" or "max PERIOD") or v1 `cpu.cfs_quota_us` and
// `cpu.cfs_period_us`, the strictest over the cgroup and its ancestors.
// Returns 0 when no quota is set or nothing can be read. Exposed for tests.
int CgroupCpuLimit(const std::string& sys_fs_cgroup,
                   const std::string& proc_self_cgroup);

}  // namespace cli
}  // namespace winnow

#endif  // WINNOW_CLI_CPUS_H_
