// Copyright winnow authors. Licensed under the MIT licence.

#include "util/file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace winnow {
namespace {

TEST(ReadFile, ReadsEveryByte) {
  char name[] = "/tmp/winnow_file_test_XXXXXX";
  const int fd = mkstemp(name);
  ASSERT_GE(fd, 0);
  std::string data(200000, 'x');
  data[0] = '\0';
  data[199999] = '\xFF';
  ASSERT_EQ(write(fd, data.data(), data.size()),
            static_cast<ssize_t>(data.size()));
  close(fd);
  std::string out = "old";
  ASSERT_TRUE(ReadFile(name, &out).ok());
  EXPECT_EQ(out, data);
  unlink(name);
}

TEST(ReadFile, MissingFileNamesThePathAndTheReason) {
  std::string out, reason;
  const Status s = ReadFile("/nonexistent/winnow-x", &out, &reason);
  EXPECT_EQ(s.code(), Status::Code::kIOError);
  EXPECT_EQ(s.message(), "/nonexistent/winnow-x: No such file or directory");
  EXPECT_EQ(reason, "No such file or directory");
}

}  // namespace
}  // namespace winnow
