// The file helpers on real temporary directories: each function's success
// and failure paths, with the exact status codes.

#include "common/base/files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/status_matchers.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using ::vnsearch::testing::IsOk;
using ::vnsearch::testing::StatusIs;

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vnsearch-files-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const {
    return (dir_ / name).string();
  }
  static void Write(const std::string& path, const std::string& text) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  // The names in the test directory, sorted.
  std::vector<std::string> Names() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
};

TEST(ErrnoToStatusTest, MapsErrnoToCanonicalCodes) {
  const struct {
    int err;
    absl::StatusCode code;
  } rows[] = {
      {ENOENT, absl::StatusCode::kNotFound},
      {EACCES, absl::StatusCode::kPermissionDenied},
      {EPERM, absl::StatusCode::kPermissionDenied},
      {EROFS, absl::StatusCode::kPermissionDenied},
      {ENOSPC, absl::StatusCode::kResourceExhausted},
      {EDQUOT, absl::StatusCode::kResourceExhausted},
      {EIO, absl::StatusCode::kInternal},
      {EISDIR, absl::StatusCode::kInternal},
  };
  for (const auto& row : rows) {
    EXPECT_THAT(ErrnoToStatus(row.err, "writing /x"), StatusIs(row.code))
        << row.err;
  }
}

TEST(ErrnoToStatusTest, MessagesNameTheContextAndTheReason) {
  EXPECT_EQ(ErrnoToStatus(ENOSPC, "writing /idx/a").message(),
            "no space left on device while writing /idx/a");
  EXPECT_EQ(ErrnoToStatus(ENOENT, "opening /idx/a").message(),
            "opening /idx/a: No such file or directory");
  EXPECT_EQ(ErrnoToStatus(EACCES, "creating /idx").message(),
            "creating /idx: Permission denied");
}

TEST_F(FilesTest, ReplaceDirectoryInstallsWhenTargetIsAbsent) {
  Write(Path("staging/a"), "new");
  ASSERT_THAT(ReplaceDirectory(Path("staging"), Path("target")), IsOk());
  EXPECT_EQ(Read(Path("target/a")), "new");
  EXPECT_THAT(Names(), ::testing::ElementsAre("target"));
}

TEST_F(FilesTest, ReplaceDirectoryReplacesAndRemovesTheOldTarget) {
  Write(Path("target/old-only"), "old");
  Write(Path("target/a"), "old");
  Write(Path("target.old/stale"), "from a crashed run");
  Write(Path("staging/a"), "new");
  ASSERT_THAT(ReplaceDirectory(Path("staging"), Path("target")), IsOk());
  EXPECT_EQ(Read(Path("target/a")), "new");
  EXPECT_FALSE(fs::exists(Path("target/old-only")));
  EXPECT_THAT(Names(), ::testing::ElementsAre("target"));
}

TEST_F(FilesTest, ReplaceDirectoryWithoutStagingIsNotFound) {
  Write(Path("target/a"), "old");
  const absl::Status status = ReplaceDirectory(Path("missing"), Path("target"));
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(std::string(status.message()), HasSubstr(Path("missing")));
  EXPECT_EQ(Read(Path("target/a")), "old");
}

TEST_F(FilesTest, ReplaceDirectoryPutsTheOldTargetBackWhenTheRenameFails) {
  // Renaming a directory into itself fails (EINVAL) after the old target
  // has been moved aside.
  Write(Path("staging/inner/target/a"), "old");
  const std::string target = Path("staging/inner/target");
  const absl::Status status = ReplaceDirectory(Path("staging"), target);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(std::string(status.message()),
              StartsWith("renaming " + Path("staging") + " to " + target));
  EXPECT_EQ(Read(target + "/a"), "old");
  EXPECT_FALSE(fs::exists(target + ".old"));
}

TEST_F(FilesTest, SyncDirectory) {
  EXPECT_THAT(SyncDirectory(dir_.string()), IsOk());
  EXPECT_THAT(SyncDirectory(Path("missing")),
              StatusIs(absl::StatusCode::kNotFound));
  Write(Path("file"), "x");
  EXPECT_THAT(SyncDirectory(Path("file")),
              StatusIs(absl::StatusCode::kInternal));  // ENOTDIR
}

TEST_F(FilesTest, WriteFileAtomicallyWritesAndOverwrites) {
  ASSERT_THAT(WriteFileAtomically(Path("f"), "first"), IsOk());
  EXPECT_EQ(Read(Path("f")), "first");
  ASSERT_THAT(WriteFileAtomically(Path("f"), std::string(100000, 'x')), IsOk());
  EXPECT_EQ(Read(Path("f")), std::string(100000, 'x'));
  ASSERT_THAT(WriteFileAtomically(Path("f"), ""), IsOk());
  EXPECT_EQ(Read(Path("f")), "");
  EXPECT_THAT(Names(), ::testing::ElementsAre("f"));  // no temporary left
}

TEST_F(FilesTest, WriteFileAtomicallyIntoAMissingDirectoryIsNotFound) {
  const absl::Status status = WriteFileAtomically(Path("no/such/f"), "x");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(std::string(status.message()), HasSubstr(Path("no/such/f")));
}

TEST_F(FilesTest, WriteFileAtomicallyRemovesTheTemporaryOnFailure) {
  Write(Path("d/inside"), "x");  // renaming a file over a directory fails
  const absl::Status status = WriteFileAtomically(Path("d"), "text");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInternal));  // EISDIR
  EXPECT_THAT(std::string(status.message()), HasSubstr("Is a directory"));
  EXPECT_THAT(Names(), ::testing::ElementsAre("d"));
  EXPECT_EQ(Read(Path("d/inside")), "x");
}

TEST_F(FilesTest, ReadSmallFile) {
  Write(Path("f"), "12345");
  absl::StatusOr<std::string> read = ReadSmallFile(Path("f"), 5);
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(*read, "12345");
  EXPECT_THAT(ReadSmallFile(Path("f"), 4),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(ReadSmallFile(Path("missing"), 5),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(ReadSmallFile(dir_.string(), 5),
              StatusIs(absl::StatusCode::kInternal));  // EISDIR
  Write(Path("empty"), "");
  read = ReadSmallFile(Path("empty"), 0);
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(*read, "");
}

TEST_F(FilesTest, DirectoryBytesCountsRegularFilesRecursively) {
  Write(Path("d/a"), "123");
  Write(Path("d/sub/b"), "4567");
  Write(Path("d/sub/deeper/c"), "89");
  EXPECT_EQ(DirectoryBytes(Path("d")), 9u);
  EXPECT_EQ(DirectoryBytes(Path("d/a")), 3u);
  EXPECT_EQ(DirectoryBytes(Path("missing")), 0u);
}

}  // namespace
}  // namespace vnsearch
