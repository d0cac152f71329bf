#include "common/document/corpus_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "tests/status_matchers.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using ::vnsearch::testing::IsOk;
using ::vnsearch::testing::StatusIs;

class CorpusReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("vnsearch_corpus_test_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "sub");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& name, const std::string& bytes) {
    std::ofstream(root_ / name, std::ios::binary) << bytes;
  }
  fs::path root_;
};

TEST_F(CorpusReaderTest, ListsFilesRecursivelySortedWithRelativeIds) {
  Write("b.txt", "x");
  Write("sub/a.txt", "x");
  Write(".hidden", "x");
  Write("c.jsonl", "{}");
  auto files = ListCorpus(root_.string());
  ASSERT_THAT(files, IsOk());
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ((*files)[0].id, "b.txt");
  EXPECT_EQ((*files)[1].id, "c.jsonl");
  EXPECT_TRUE((*files)[1].json_lines);
  EXPECT_EQ((*files)[2].id, "sub/a.txt");
}

TEST_F(CorpusReaderTest, EntriesThatAreNotFilesAreSkippedWithAReason) {
  Write("good.txt", "x");
  ASSERT_EQ(::mkfifo((root_ / "pipe.txt").c_str(), 0644), 0);
  fs::create_symlink("loop2", root_ / "loop1");
  fs::create_symlink("loop1", root_ / "loop2");
  fs::create_symlink("nowhere.txt", root_ / "broken.txt");
  fs::create_directory_symlink("..", root_ / "sub" / "up");
  fs::create_symlink("good.txt", root_ / "link.txt");
  std::vector<std::string> skipped;
  auto files = ListCorpus(root_.string(), &skipped);
  ASSERT_THAT(files, IsOk());
  ASSERT_EQ(files->size(), 2u);  // a symlink to a file is read as the file
  EXPECT_EQ((*files)[0].id, "good.txt");
  EXPECT_EQ((*files)[1].id, "link.txt");
  std::sort(skipped.begin(), skipped.end());
  EXPECT_EQ(skipped,
            (std::vector<std::string>{
                "broken.txt: a broken symlink (No such file or directory), "
                "not an article; skipped",
                "loop1: a symlink loop, not an article; skipped",
                "loop2: a symlink loop, not an article; skipped",
                "pipe.txt: a FIFO, not an article; skipped",
                "sub/up: a symlink to a directory, not followed; skipped",
            }));
}

TEST_F(CorpusReaderTest, MissingOrNonDirectoryCorpus) {
  EXPECT_THAT(ListCorpus((root_ / "nope").string()),
              StatusIs(absl::StatusCode::kNotFound));
  Write("file.txt", "x");
  EXPECT_THAT(ListCorpus((root_ / "file.txt").string()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(RepairUtf8Test, Table) {
  std::string ok = "Đảng bộ";
  EXPECT_EQ(RepairUtf8(ok).invalid_sequences, 0u);
  std::string bad = "Đảng \xFF bộ";
  const TextCheck check = RepairUtf8(bad);
  EXPECT_EQ(check.invalid_sequences, 1u);
  EXPECT_EQ(check.first_invalid, 8u);
  EXPECT_FALSE(check.binary);
  EXPECT_EQ(bad, "Đảng \xEF\xBF\xBD bộ");
  std::string binary("ab\0cd", 5);
  EXPECT_TRUE(RepairUtf8(binary).binary);
  std::string garbage = "\xFF\xFE\xFD\xFC";
  EXPECT_TRUE(RepairUtf8(garbage).binary);
}

TEST_F(CorpusReaderTest, BadFilesWarnAndNeverStopTheRest) {
  Write("empty.txt", "");
  Write("binary.txt", std::string("\x7f" "ELF\0\0\0", 7));
  Write("latin1.txt", "Tin t\xF4i\nLead line\nBody");
  Write("good.txt", "Tiêu đề\nDẫn\nThân bài");
  Write("feed.jsonl",
        "{\"id\":\"a\",\"title\":\"Một\",\"body\":\"x\"}\n"
        "{broken\n"
        "{\"title\":\"no id\"}\n"
        "{\"id\":\"b\",\"title\":\"Hai\",\"body\":\"y\",\"date\":\"2021-01-04\"}\n");
  auto files = ListCorpus(root_.string());
  ASSERT_THAT(files, IsOk());
  std::vector<std::string> ids, warnings;
  absl::StatusOr<OfficialExtractor> officials = OfficialExtractor::Create();
  ASSERT_THAT(officials, IsOk());
  for (const CorpusFile& f : *files) {
    ReadCorpusFile(
        f, *officials, [&](Article&& a) { ids.push_back(a.id); },
        [&](std::string_view w) { warnings.emplace_back(w); });
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "good.txt", "latin1.txt"}));
  // Each warning is one line that names the file (and line) and the problem.
  const std::vector<std::string> expected_starts = {
      "binary.txt: binary data, not UTF-8 text; skipped",
      "empty.txt: empty file; skipped",
      "feed.jsonl:2: malformed JSON",
      "feed.jsonl:3: missing \"id\"",
      "latin1.txt: invalid UTF-8 at byte 5 (1 bad sequences replaced with "
      "U+FFFD); indexed",
  };
  ASSERT_EQ(warnings.size(), expected_starts.size());
  for (size_t i = 0; i < warnings.size(); ++i) {
    EXPECT_EQ(warnings[i].rfind(expected_starts[i], 0), 0u) << warnings[i];
    EXPECT_EQ(warnings[i].find('\n'), std::string::npos) << warnings[i];
  }
  EXPECT_NE(warnings[2].find("line skipped"), std::string::npos);
}

}  // namespace
}  // namespace vnsearch
