// End-to-end tests of the index's life: generations, rollback, updates,
// duplicate and long ids, locks, the JSON result line. They run the real
// vnindex and vnsearch binaries on copies of corpus/.

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/run_binary.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAreArray;
using json = nlohmann::json;
using testing::Exec;
using testing::kBin;
using testing::kCorpus;
using testing::Quote;
using testing::RunResult;
using testing::Slurp;

const std::vector<std::string> kQueries = {
    "truong minh tuan", "đảng bộ", "hội nghị",       "luân chuyển cán bộ",
    "thành phố",        "kinh tế", "nguyen van the", "\"ban cán sự\""};

class IndexLifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir("vnsearch_lifecycle");
    corpus_ = dir_ / "corpus";
    fs::copy(kCorpus, corpus_);
    index_ = (dir_ / "index").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  static RunResult Vnindex(const std::string& args) {
    return Exec(kBin + "/vnindex --quiet " + args);
  }
  RunResult Build(const std::string& extra = "") const {
    return Vnindex("--corpus " + Quote(corpus_.string()) + " --index " +
                   Quote(index_) + " " + extra);
  }
  // The --json line of a run.
  static json ResultOf(const RunResult& run) {
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return json::parse(run.out);
  }
  static json Query(const std::string& query, const std::string& index) {
    const RunResult run = Exec(kBin + "/vnsearch --json --limit 10 --index " +
                               Quote(index) + " " + Quote(query));
    EXPECT_EQ(run.exit_code, 0) << query << ": " << run.err;
    return json::parse(run.out);
  }
  // (id, score) of the hits of every query in kQueries.
  static std::vector<std::vector<std::pair<std::string, double>>> Answers(
      const std::string& index) {
    std::vector<std::vector<std::pair<std::string, double>>> all;
    for (const std::string& q : kQueries) {
      std::vector<std::pair<std::string, double>> hits;
      // Kept in a local: a range-for over a member of a temporary reads
      // freed memory (ASan found it).
      const json result = Query(q, index);
      for (const json& hit : result["hits"]) {
        hits.emplace_back(hit["id"], hit["score"]);
      }
      all.push_back(std::move(hits));
    }
    return all;
  }
  static std::vector<std::string> Ids(const json& result) {
    std::vector<std::string> ids;
    for (const json& hit : result["hits"]) ids.push_back(hit["id"]);
    return ids;
  }
  void Write(const std::string& name, const std::string& text) const {
    fs::create_directories((corpus_ / name).parent_path());
    std::ofstream(corpus_ / name, std::ios::binary) << text;
  }

  fs::path dir_;
  fs::path corpus_;
  std::string index_;
};

TEST_F(IndexLifecycleTest, BuildInstallsAGenerationBehindAStub) {
  const json result = ResultOf(Build("--json"));
  EXPECT_EQ(result["mode"], "rebuild");
  EXPECT_EQ(result["documents"], 5);
  EXPECT_EQ(result["added"], 5);
  EXPECT_EQ(result["generation"], "gen-000001");
  for (const char* key :
       {"mode", "documents", "added", "replaced", "deleted", "unchanged",
        "skipped_files", "warnings", "seconds", "index_bytes", "generation"}) {
    EXPECT_TRUE(result.contains(key)) << key;
  }
  EXPECT_GT(result["index_bytes"].get<uint64_t>(), 0u);
  EXPECT_THAT(Slurp(fs::path(index_) / "XAPIANDB"),
              HasSubstr("auto gen-000001\n"));
  // Stock Xapian tools open the directory as the current generation.
  const RunResult delve = Exec("xapian-delve " + Quote(index_));
  if (delve.exit_code == 0) {
    EXPECT_THAT(delve.out, HasSubstr("number of documents = 5"));
  }
  const json second = ResultOf(Build("--json"));
  EXPECT_EQ(second["generation"], "gen-000002");
  EXPECT_TRUE(fs::exists(fs::path(index_) / "gen-000001"));  // the previous
  const json third = ResultOf(Build("--json"));
  EXPECT_EQ(third["generation"], "gen-000003");
  EXPECT_FALSE(
      fs::exists(fs::path(index_) / "gen-000001"));  // no longer needed
  EXPECT_TRUE(fs::exists(fs::path(index_) / "gen-000002"));
  EXPECT_EQ(Query("dang bo", index_)["total"], 5);
}

TEST_F(IndexLifecycleTest, RollbackMakesThePreviousGenerationCurrent) {
  ASSERT_EQ(Build().exit_code, 0);
  fs::remove(corpus_ / "003_fb49a05211aace7b.txt");
  ASSERT_EQ(Build().exit_code, 0);
  EXPECT_EQ(Query("dang bo", index_)["total"], 4);
  const RunResult rollback =
      Vnindex("--index " + Quote(index_) + " --rollback");
  EXPECT_EQ(rollback.exit_code, 0) << rollback.err;
  EXPECT_THAT(rollback.out, HasSubstr("gen-000001 is current again"));
  EXPECT_EQ(Query("dang bo", index_)["total"], 5);
  // Rolling back again returns to the newer one.
  ASSERT_EQ(Vnindex("--index " + Quote(index_) + " --rollback").exit_code, 0);
  EXPECT_EQ(Query("dang bo", index_)["total"], 4);
}

TEST_F(IndexLifecycleTest, RollbackWithoutPreviousGenerationFails) {
  ASSERT_EQ(Build().exit_code, 0);
  const RunResult run = Vnindex("--index " + Quote(index_) + " --rollback");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("no previous generation"));
  EXPECT_EQ(Query("dang bo", index_)["total"], 5);
}

TEST_F(IndexLifecycleTest, EmptyCorpusLeavesTheIndexAnswering) {
  ASSERT_EQ(Build().exit_code, 0);
  fs::remove_all(corpus_);
  fs::create_directories(corpus_);
  const RunResult run = Build();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("no articles found"));
  EXPECT_THAT(run.err, HasSubstr("left unchanged"));
  EXPECT_EQ(Query("dang bo", index_)["total"], 5);
}

TEST_F(IndexLifecycleTest, EverySpellingOfThePathIsTheSameLock) {
  ASSERT_EQ(Build().exit_code, 0);
  const int fd = ::open((index_ + "/.vnindex.lock").c_str(), O_RDWR);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  const std::string parent = fs::path(index_).parent_path().string();
  for (const std::string& spelling :
       {index_ + "/", index_ + "//", index_ + "/.",
        parent + "/../" + fs::path(parent).filename().string() + "/index"}) {
    const RunResult run = Vnindex("--corpus " + Quote(corpus_.string()) +
                                  " --index " + Quote(spelling));
    EXPECT_EQ(run.exit_code, 1) << spelling;
    EXPECT_THAT(run.err, HasSubstr("is locked")) << spelling;
  }
  ::close(fd);
  // The lock file stays (never unlinked), and the index still answers.
  ASSERT_EQ(Build().exit_code, 0);
  EXPECT_TRUE(fs::exists(index_ + "/.vnindex.lock"));
  EXPECT_EQ(Query("dang bo", index_ + "/")["total"], 5);
}

TEST_F(IndexLifecycleTest, RefusesADirectoryThatIsNotAnIndex) {
  fs::create_directories(index_);
  std::ofstream(fs::path(index_) / "notes.txt") << "mine";
  const RunResult run = Build();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("is not a search index"));
  EXPECT_TRUE(fs::exists(fs::path(index_) / "notes.txt"));
}

TEST_F(IndexLifecycleTest, LegacyIndexIsReplacedByGenerations) {
  // The layout before generations: the directory is the database itself.
  ASSERT_EQ(Build().exit_code, 0);
  const fs::path legacy = dir_ / "legacy";
  fs::copy(fs::path(index_) / "gen-000001", legacy);
  EXPECT_EQ(Query("dang bo", legacy.string())["total"], 5);
  const RunResult run = Vnindex("--corpus " + Quote(corpus_.string()) +
                                " --index " + Quote(legacy.string()));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(fs::exists(legacy / "iamglass"));
  EXPECT_FALSE(fs::exists(legacy / "postlist.glass"));
  EXPECT_TRUE(fs::exists(legacy / "XAPIANDB"));
  EXPECT_EQ(Query("dang bo", legacy.string())["total"], 5);
}

TEST_F(IndexLifecycleTest, UpdateWithTermlistsSearchesExactlyLikeARebuild) {
  ASSERT_EQ(Build("--termlists").exit_code, 0);
  // A changed article, a removed one, a new one.
  Write("001_38c4a49bff4fa329.txt",
        Slurp(corpus_ / "001_38c4a49bff4fa329.txt") +
            "\nThêm một đoạn về kinh tế thành phố.\n");
  fs::remove(corpus_ / "002_c17af89eb63cb27e.txt");
  Write("new/extra.txt",
        "Hội nghị kinh tế thành phố\n\nSáng nay, thành phố tổ chức hội nghị "
        "bàn về kinh tế và luân chuyển cán bộ.\n");
  const json update = ResultOf(Build("--update --json"));
  EXPECT_EQ(update["mode"], "update");
  EXPECT_EQ(update["added"], 1);
  EXPECT_EQ(update["replaced"], 1);
  EXPECT_EQ(update["deleted"], 1);
  EXPECT_EQ(update["unchanged"], 3);
  EXPECT_EQ(update["documents"], 5);

  const std::string rebuilt = (dir_ / "rebuilt").string();
  ASSERT_EQ(Vnindex("--termlists --corpus " + Quote(corpus_.string()) +
                    " --index " + Quote(rebuilt))
                .exit_code,
            0);
  const auto updated_answers = Answers(index_);
  const auto rebuilt_answers = Answers(rebuilt);
  ASSERT_EQ(updated_answers.size(), rebuilt_answers.size());
  for (size_t q = 0; q < kQueries.size(); ++q) {
    // Same documents with the same scores (docids differ, so equal scores
    // may come in another order).
    EXPECT_THAT(updated_answers[q],
                UnorderedElementsAreArray(rebuilt_answers[q]))
        << kQueries[q];
  }
  // Nothing changed since: no new generation.
  const json again = ResultOf(Build("--update --json"));
  EXPECT_EQ(again["mode"], "unchanged");
  EXPECT_EQ(again["generation"], update["generation"]);
}

TEST_F(IndexLifecycleTest,
       UpdateWithoutTermlistsAddsInPlaceAndRebuildsForChanges) {
  ASSERT_EQ(Build().exit_code, 0);
  Write("day2/a.txt", "Tin mới về kinh tế\n\nKinh tế thành phố tăng trưởng.\n");
  const json add = ResultOf(Build("--update --json"));
  EXPECT_EQ(add["mode"], "update");
  EXPECT_EQ(add["added"], 1);
  EXPECT_EQ(add["documents"], 6);
  const std::string rebuilt = (dir_ / "rebuilt").string();
  ASSERT_EQ(Vnindex("--corpus " + Quote(corpus_.string()) + " --index " +
                    Quote(rebuilt))
                .exit_code,
            0);
  const auto a = Answers(index_), b = Answers(rebuilt);
  for (size_t q = 0; q < kQueries.size(); ++q) {
    EXPECT_THAT(a[q], UnorderedElementsAreArray(b[q])) << kQueries[q];
  }
  fs::remove(corpus_ / "day2/a.txt");
  const RunResult run = Build("--update --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(json::parse(run.out)["mode"], "rebuild");
  EXPECT_THAT(run.err, HasSubstr("need termlists"));
  EXPECT_EQ(Query("dang bo", index_)["total"], 5);
}

TEST_F(IndexLifecycleTest, KeepMissingOnlyAddsAndReplaces) {
  ASSERT_EQ(Build("--termlists").exit_code, 0);
  // The crawler hands over just the new day's file.
  fs::remove_all(corpus_);
  Write(
      "day2.jsonl",
      R"({"id":"d2-1","title":"Kinh tế thành phố","body":"Kinh tế thành phố tăng trưởng mạnh, mã ZQX2026."})"
      "\n");
  const json result = ResultOf(Build("--update --keep_missing --json"));
  EXPECT_EQ(result["added"], 1);
  EXPECT_EQ(result["deleted"], 0);
  EXPECT_EQ(result["documents"], 6);
  EXPECT_THAT(Ids(Query("zqx2026", index_)), ElementsAre("d2-1"));
}

TEST_F(IndexLifecycleTest, LastRecordOfAnIdWinsAcrossFilesAndFormats) {
  fs::remove_all(corpus_);
  Write("a.jsonl",
        R"({"id":"x","title":"Bản cũ","body":"Nội dung cũ về lúa gạo."})"
        "\n"
        R"({"id":"y","title":"Bài y","body":"Chỉ có ở a."})"
        "\n");
  Write("b.jsonl",
        R"({"id":"x","title":"Bản mới","body":"Nội dung mới về cà phê."})"
        "\n");
  Write("x", "Bài văn bản\n\nVăn bản cùng id với bản ghi JSON, về hồ tiêu.\n");
  // Corpus order is by path: a.jsonl, b.jsonl, x.
  const RunResult run = Build("--json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err,
              HasSubstr("duplicate id \"x\": a.jsonl:1 replaced by b.jsonl:1"));
  EXPECT_THAT(run.err,
              HasSubstr("duplicate id \"x\": b.jsonl:1 replaced by x"));
  EXPECT_EQ(json::parse(run.out)["documents"], 2);
  EXPECT_THAT(Ids(Query("ho tieu", index_)), ElementsAre("x"));
  EXPECT_EQ(Query("ca phe", index_)["total"], 0);
  EXPECT_EQ(Query("lua gao", index_)["total"], 0);
}

TEST_F(IndexLifecycleTest, NonAsciiIdsAreOneIdInNfcAndNfd) {
  fs::remove_all(corpus_);
  // "bài-một" in NFD first, then in NFC: the same id.
  Write("a.jsonl", "{\"id\":\"ba\u0300i-mo\u0302\u0323t\",\"title\":\"Cũ\","
                   "\"body\":\"Về lúa gạo.\"}\n"
                   "{\"id\":\" bài-một \",\"title\":\"Mới\",\"body\":\"Về hồ tiêu.\"}\n");
  const RunResult run = Build("--json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("duplicate id \"bài-một\": a.jsonl:1 replaced by a.jsonl:2"));
  EXPECT_EQ(json::parse(run.out)["documents"], 1);
  EXPECT_THAT(Ids(Query("ho tieu", index_)), ElementsAre("bài-một"));
}

TEST_F(IndexLifecycleTest, LongIdsAndHugeUnsignedIdsAreKeptWhole) {
  fs::remove_all(corpus_);
  const std::string long_id(300, 'k');
  Write("feed.jsonl",
        "{\"id\":\"" + long_id +
            "\",\"title\":\"Bài dài\",\"body\":\"Về đường sắt cao tốc.\"}\n"
            "{\"id\":18446744073709551615,\"title\":\"Số lớn\",\"body\":\"Về "
            "cảng biển.\"}\n"
            "{\"id\":-1,\"title\":\"Số âm\",\"body\":\"Về sân bay.\"}\n");
  const RunResult run = Build("--json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(json::parse(run.out)["documents"], 3);
  EXPECT_THAT(Ids(Query("duong sat", index_)), ElementsAre(long_id));
  EXPECT_THAT(Ids(Query("cang bien", index_)),
              ElementsAre("18446744073709551615"));
  EXPECT_THAT(Ids(Query("san bay", index_)), ElementsAre("-1"));
}

TEST_F(IndexLifecycleTest, TermsPastXapiansLimitNeverAbortTheBuild) {
  // Two words of 14 Hangul syllables: their folded pair (NFD, three times
  // the bytes) is longer than Xapian's 245-byte term limit.
  std::string word;
  for (int i = 0; i < 14; ++i) word += "각";
  Write("hangul.txt", word + " " + word + "\n");
  const RunResult run = Build("--json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(json::parse(run.out)["documents"], 6);
  EXPECT_THAT(Ids(Query(word, index_)), ElementsAre("hangul.txt"));
}

TEST_F(IndexLifecycleTest, OneLargeJsonLinesFileIsSpreadOverThreads) {
  fs::remove_all(corpus_);
  // About 6 MB in one file: more than one 4 MB range.
  std::string lines;
  const std::string body(2000, 'a');
  for (int i = 0; lines.size() < (6u << 20); ++i) {
    lines += "{\"id\":\"r" + std::to_string(i) + "\",\"title\":\"Bài số " +
             std::to_string(i) + "\",\"body\":\"Nội dung " + body + " số" +
             std::to_string(i) + "\"}\n";
  }
  Write("big.jsonl", lines);
  const size_t expected =
      static_cast<size_t>(std::count(lines.begin(), lines.end(), '\n'));
  const json result = ResultOf(Build("--threads 2 --json"));
  EXPECT_EQ(result["documents"], expected);
  EXPECT_EQ(result["warnings"], 0);
  EXPECT_THAT(Ids(Query("so" + std::to_string(expected - 1), index_)),
              ElementsAre("r" + std::to_string(expected - 1)));
}

TEST_F(IndexLifecycleTest, LegacyEncodedArticlesAreConvertedNotLost) {
  fs::remove_all(corpus_);
  fs::create_directories(corpus_);
  const std::string text =
      "Hội nghị Ban Chấp hành Đảng bộ tỉnh\n\nSáng nay, Đảng bộ tỉnh tổ chức "
      "hội nghị tổng kết công tác xây dựng Đảng năm 2017 và triển khai nhiệm "
      "vụ năm 2018. Đồng chí Bí thư Tỉnh ủy phát biểu chỉ đạo hội nghị.\n";
  std::ofstream(dir_ / "utf8.txt") << text;
  ASSERT_EQ(
      Exec("iconv -f UTF-8 -t VISCII " + Quote((dir_ / "utf8.txt").string()) +
           " -o " + Quote((corpus_ / "viscii.txt").string()))
          .exit_code,
      0);
  std::ofstream(corpus_ / "unknown.txt", std::ios::binary)
      << std::string("\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a", 10);
  const RunResult run = Build("--json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err,
              HasSubstr("viscii.txt: not UTF-8; read as VISCII and converted"));
  EXPECT_THAT(
      run.err,
      HasSubstr("unknown.txt: not UTF-8 text (encoding unknown); skipped"));
  const json hits = Query("\"tỉnh tổ chức hội nghị\"", index_);
  EXPECT_THAT(Ids(hits), ElementsAre("viscii.txt"));
}

// A small tmpfs of our own (needs root, as CI and the dev machines run);
// the test is skipped, saying why, where mounting is not allowed.
class SmallDisk {
 public:
  SmallDisk(const fs::path& where, const std::string& size) : path_(where) {
    fs::create_directories(path_);
    mounted_ = Exec("mount -t tmpfs -o size=" + size + " tmpfs " +
                    Quote(path_.string()))
                   .exit_code == 0;
  }
  ~SmallDisk() {
    if (mounted_) (void)Exec("umount " + Quote(path_.string()));
  }
  [[nodiscard]] bool mounted() const { return mounted_; }
  [[nodiscard]] bool Remount(const std::string& mode) const {
    return Exec("mount -o remount," + mode + " " + Quote(path_.string()))
               .exit_code == 0;
  }

 private:
  fs::path path_;
  bool mounted_ = false;
};

TEST_F(IndexLifecycleTest, FullDiskAndReadOnlyDirectoryLeaveTheIndexServing) {
  SmallDisk disk(dir_ / "disk", "3m");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (not root?)";
  const std::string index = (dir_ / "disk" / "index").string();
  const std::string build =
      "--corpus " + Quote(corpus_.string()) + " --index " + Quote(index);
  ASSERT_EQ(Vnindex(build).exit_code, 0);
  // Leave about half a megabyte: less than a new generation needs.
  const uint64_t free_bytes = fs::space(dir_ / "disk").available;
  std::ofstream(dir_ / "disk" / "filler", std::ios::binary)
      << std::string(free_bytes - (512u << 10), 'x');
  const RunResult full = Vnindex(build);
  EXPECT_EQ(full.exit_code, 1);
  EXPECT_THAT(full.err, HasSubstr("no space left on device while"));
  EXPECT_EQ(std::count(full.err.begin(), full.err.end(), '\n'), 1) << full.err;
  EXPECT_EQ(Query("dang bo", index)["total"], 5);
  fs::remove(dir_ / "disk" / "filler");

  ASSERT_TRUE(disk.Remount("ro"));
  for (const char* extra : {"", " --update"}) {
    const RunResult ro = Vnindex(build + std::string(extra));
    EXPECT_EQ(ro.exit_code, 1) << extra;
    EXPECT_THAT(ro.err, HasSubstr("Read-only file system")) << extra;
  }
  EXPECT_EQ(Query("dang bo", index)["total"], 5);
  ASSERT_TRUE(disk.Remount("rw"));
  const RunResult after = Vnindex(build);
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(Query("dang bo", index)["total"], 5);
}

TEST_F(IndexLifecycleTest, ProgressLineOnlyOnATerminal) {
  // stderr is a file here: no progress line, only what was asked.
  const RunResult run =
      Exec(kBin + "/vnindex --corpus " + Quote(corpus_.string()) + " --index " +
           Quote(index_));
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_THAT(run.out, HasSubstr("indexed 5 documents from 5 files"));
}

}  // namespace
}  // namespace vnsearch
