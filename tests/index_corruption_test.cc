// The corruption set (LevelDB's corruption_test in spirit): an index built
// from corpus/ is damaged in one way per test (tables truncated, blocks
// overwritten, files deleted or replaced, the stub broken) and the real
// binaries must say so clearly: vnindex --check exits 1 with one line
// naming the damage, vnsearch exits 1 with one line, neither dies of a
// signal. A last test writes random bytes into copies of the postings and
// asserts the same of every copy.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "tests/run_binary.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using vnsearch::testing::Exec;
using vnsearch::testing::kBin;
using vnsearch::testing::kCorpus;
using vnsearch::testing::Quote;
using vnsearch::testing::RunResult;

constexpr size_t kBlock = 8192;  // Xapian glass's default block size

// One line: no newline but the last.
bool OneLine(const std::string& s) {
  return !s.empty() && s.back() == '\n' &&
         std::count(s.begin(), s.end(), '\n') == 1;
}

class IndexCorruptionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pristine_ =
        new fs::path(fs::temp_directory_path() /
                     ("vnsearch_corruption_" + std::to_string(::getpid())));
    fs::remove_all(*pristine_);
    const RunResult run =
        Exec(kBin + "/vnindex --quiet --corpus " + Quote(kCorpus) +
             " --index " + Quote(pristine_->string()));
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*pristine_);
    delete pristine_;
  }

  void SetUp() override {
    index_ = vnsearch::testing::FreshTestDir("vnsearch_damaged") / "index";
    fs::copy(*pristine_, index_, fs::copy_options::recursive);
    for (const fs::directory_entry& e : fs::directory_iterator(index_)) {
      if (e.path().filename().string().rfind("gen-", 0) == 0) gen_ = e.path();
    }
    ASSERT_FALSE(gen_.empty());
  }
  void TearDown() override { fs::remove_all(index_.parent_path()); }

  RunResult Check() const {
    return Exec(kBin + "/vnindex --check --index " + Quote(index_.string()));
  }
  // A batch of queries, as a service would send them.
  RunResult Search() const {
    return Exec(
        kBin + "/vnsearch --json --index " + Quote(index_.string()),
        "ha noi\nđảng bộ\nthông tin truyền thông\ndate:2013 hội nghị\n");
  }
  void Overwrite(const fs::path& file, uint64_t offset,
                 const std::string& bytes) const {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    ASSERT_TRUE(f.is_open()) << file;
    f.seekp(static_cast<std::streamoff>(offset));
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

  // Both binaries: exit 1, one line each, no signal; the check's line says
  // `check_says`, the search's `search_says`.
  void ExpectReported(const std::string& check_says,
                      const std::string& search_says) const {
    const RunResult check = Check();
    EXPECT_EQ(check.signal, 0);
    EXPECT_EQ(check.exit_code, 1) << check.out << check.err;
    EXPECT_TRUE(OneLine(check.err)) << check.err;
    EXPECT_THAT(check.err, HasSubstr(check_says));
    const RunResult search = Search();
    EXPECT_EQ(search.signal, 0);
    EXPECT_EQ(search.exit_code, 1) << search.err;
    EXPECT_THAT(search.err, HasSubstr(search_says));
    EXPECT_THAT(search.err,
                MatchesRegex("vnsearch: [^\n]*\n(vnsearch: [^\n]*\n)*"));
  }

  static fs::path* pristine_;
  fs::path index_;
  fs::path gen_;
};

fs::path* IndexCorruptionTest::pristine_ = nullptr;

TEST_F(IndexCorruptionTest, PristineIndexIsSound) {
  const RunResult check = Check();
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_THAT(check.out,
              MatchesRegex("vnindex: index .* is sound \\(.*/gen-000001, 5 "
                           "documents, every table checked\\)\n"));
  EXPECT_EQ(Search().exit_code, 0);
}

TEST_F(IndexCorruptionTest, DeletedDocumentDataIsDamageNotEmptySnippets) {
  fs::remove(gen_ / "docdata.glass");
  ExpectReported("the document-data table docdata.glass is missing",
                 "is damaged (searching: a hit has no stored text: the "
                 "document-data table is missing): run vnindex --check");
}

TEST_F(IndexCorruptionTest, UnreadableDocumentDataIsDamage) {
  // Replaced by a directory: unreadable even for root, who reads any file.
  fs::remove(gen_ / "docdata.glass");
  fs::create_directory(gen_ / "docdata.glass");
  ExpectReported("is damaged", "is not a readable search index");
}

TEST_F(IndexCorruptionTest, TruncatedPostingsToOneBlock) {
  fs::resize_file(gen_ / "postlist.glass", kBlock);
  ExpectReported("is damaged: checking", "is not a readable search index");
}

TEST_F(IndexCorruptionTest, TruncatedPostingsToNothing) {
  fs::resize_file(gen_ / "postlist.glass", 0);
  ExpectReported("EOF reading block", "is not a readable search index");
}

TEST_F(IndexCorruptionTest, TruncatedDocumentData) {
  fs::resize_file(gen_ / "docdata.glass", kBlock / 2);
  ExpectReported("is damaged", "");
}

TEST_F(IndexCorruptionTest, DeletedPostings) {
  fs::remove(gen_ / "postlist.glass");
  ExpectReported("postlist.glass", "is not a readable search index");
}

TEST_F(IndexCorruptionTest, DeletedVersionFile) {
  fs::remove(gen_ / "iamglass");
  ExpectReported("is damaged: no database at",
                 "is not a readable search index");
}

TEST_F(IndexCorruptionTest, TruncatedVersionFile) {
  fs::resize_file(gen_ / "iamglass", 40);
  ExpectReported("is damaged", "is not a readable search index");
}

TEST_F(IndexCorruptionTest, ZeroedPostingsBlock) {
  Overwrite(gen_ / "postlist.glass", kBlock, std::string(kBlock, '\0'));
  const RunResult check = Check();
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_TRUE(OneLine(check.err)) << check.err;
  EXPECT_THAT(check.err, HasSubstr("invalid in block 1"));
  EXPECT_EQ(Search().signal, 0);
}

TEST_F(IndexCorruptionTest, GarbagePostingsBlock) {
  std::mt19937 random(14);
  std::string garbage(kBlock, '\0');
  for (char& c : garbage) c = static_cast<char>(random());
  Overwrite(gen_ / "postlist.glass", 3 * kBlock, garbage);
  const RunResult check = Check();
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_TRUE(OneLine(check.err)) << check.err;
  EXPECT_THAT(check.err, HasSubstr("block 3"));
  EXPECT_EQ(Search().signal, 0);
}

TEST_F(IndexCorruptionTest, ZeroedDocumentDataRoot) {
  Overwrite(gen_ / "docdata.glass", 0, std::string(kBlock, '\0'));
  ExpectReported("invalid in block 0", "");
}

TEST_F(IndexCorruptionTest, StubDeleted) {
  fs::remove(index_ / "XAPIANDB");
  ExpectReported("holds no index", "is not a readable search index");
}

TEST_F(IndexCorruptionTest, StubGarbage) {
  std::ofstream(index_ / "XAPIANDB") << "garbage\n";
  ExpectReported("XAPIANDB was not written by vnindex",
                 "is not a readable search index");
}

TEST_F(IndexCorruptionTest, CurrentGenerationDeleted) {
  fs::remove_all(gen_);
  ExpectReported("names generation gen-000001, which is missing",
                 "is not a readable search index");
}

// Random 16-byte writes (the issue's probe): every copy either answers or
// fails with one line per query; none dies of a signal, and the check
// never does either.
TEST_F(IndexCorruptionTest, RandomWritesIntoPostingsNeverKillTheProcess) {
  const fs::path pristine = index_.parent_path() / "pristine";
  fs::copy(index_, pristine, fs::copy_options::recursive);
  const std::string table = (gen_ / "postlist.glass").string();
  const uint64_t size = fs::file_size(table);
  std::mt19937_64 random(2026);
  int reported = 0;
  constexpr int kCopies = 12;
  for (int copy = 0; copy < kCopies; ++copy) {
    fs::remove_all(index_);
    fs::copy(pristine, index_, fs::copy_options::recursive);
    for (int w = 0; w < 40; ++w) {
      std::string bytes(16, '\0');
      for (char& c : bytes) c = static_cast<char>(random());
      Overwrite(table, random() % (size - 16), bytes);
    }
    const RunResult check = Check();
    ASSERT_EQ(check.signal, 0) << "copy " << copy;
    ASSERT_TRUE(check.exit_code == 0 || check.exit_code == 1) << check.err;
    EXPECT_TRUE(OneLine(check.exit_code == 0 ? check.out : check.err))
        << check.out << check.err;
    reported += check.exit_code == 1;
    const RunResult search = Search();
    ASSERT_EQ(search.signal, 0) << "copy " << copy << ": " << search.err;
    ASSERT_TRUE(search.exit_code == 0 || search.exit_code == 1) << search.err;
    if (search.exit_code == 1) {
      EXPECT_THAT(search.err, MatchesRegex("(vnsearch: [^\n]*\n)+"));
    }
  }
  // 40 writes into a 26-block table always hit a block Xapian checks.
  EXPECT_EQ(reported, kCopies);
}

}  // namespace
}  // namespace vnsearch
