// Copyright winnow authors. Licensed under the MIT licence.

#include "cli/cpus.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace winnow {
namespace cli {
namespace {

class CgroupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ =
        std::filesystem::temp_directory_path() /
        ("winnow-cgroup-" +
         std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void Put(const std::string& rel, const std::string& text) {
    const std::filesystem::path p = root_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  std::string root() const { return root_.string(); }

  std::filesystem::path root_;
};

// A 4-core Slurm or Kubernetes allocation on a big node: cgroup v2.
TEST_F(CgroupTest, V2QuotaRoundsUp) {
  Put("job/cpu.max", "350000 100000\n");
  EXPECT_EQ(CgroupCpuLimit(root(), "0::/job\n"), 4);
}

TEST_F(CgroupTest, V2NoQuota) {
  Put("job/cpu.max", "max 100000\n");
  EXPECT_EQ(CgroupCpuLimit(root(), "0::/job\n"), 0);
}

// The strictest of a cgroup and its ancestors counts.
TEST_F(CgroupTest, V2AncestorIsStricter) {
  Put("a/cpu.max", "200000 100000\n");
  Put("a/b/cpu.max", "800000 100000\n");
  EXPECT_EQ(CgroupCpuLimit(root(), "0::/a/b\n"), 2);
}

// Docker and older systems: cgroup v1, "cpu,cpuacct" mounted together.
TEST_F(CgroupTest, V1Quota) {
  Put("cpu,cpuacct/docker/x/cpu.cfs_quota_us", "150000\n");
  Put("cpu,cpuacct/docker/x/cpu.cfs_period_us", "100000\n");
  EXPECT_EQ(
      CgroupCpuLimit(root(), "4:memory:/docker/x\n3:cpu,cpuacct:/docker/x\n"),
      2);
}

// v1 without a quota writes -1.
TEST_F(CgroupTest, V1Unlimited) {
  Put("cpu/cpu.cfs_quota_us", "-1\n");
  Put("cpu/cpu.cfs_period_us", "100000\n");
  EXPECT_EQ(CgroupCpuLimit(root(), "2:cpu:/\n"), 0);
}

TEST_F(CgroupTest, NothingReadable) {
  EXPECT_EQ(CgroupCpuLimit(root(), "0::/nowhere\n"), 0);
  EXPECT_EQ(CgroupCpuLimit(root(), "garbage"), 0);
}

TEST(DefaultJobsTest, AtLeastOne) { EXPECT_GE(DefaultJobs(), 1); }

}  // namespace
}  // namespace cli
}  // namespace winnow
