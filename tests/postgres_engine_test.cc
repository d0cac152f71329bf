// Smoke test of the PostgreSQL peer (benchmarks/postgres_engine.cc): a
// cluster of its own on the five articles of corpus/, searched through the
// engine, and the query text it hands to websearch_to_tsquery. Skips with a
// message when PostgreSQL is not installed (scripts/bootstrap installs it).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "benchmarks/engine.h"

namespace vnsearch::bench {
namespace {
namespace fs = std::filesystem;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const std::string kCorpus = std::string(VNSEARCH_SOURCE_DIR) + "/corpus";

TEST(PostgresWebsearchTextTest, QuotesEveryWordAndJoinsWithOr) {
  const std::vector<std::pair<std::string, std::string>> table = {
      {"đảng bộ", "\"đảng\" or \"bộ\""},
      {"\"ban cán sự\" đảng", "\"ban cán sự\" or \"đảng\""},
      {"-x or y", "\"-x\" or \"or\" or \"y\""},
      {"\"không đóng", "\"không đóng\""},
      {"   ", ""},
      {"\"\"", ""},
  };
  for (const auto& [query, expected] : table) {
    EXPECT_EQ(PostgresWebsearchText(query), expected) << query;
  }
}

class PostgresEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const absl::Status available = PostgresAvailable();
    if (!available.ok()) GTEST_SKIP() << available.message();
    dir_ = fs::path(::testing::TempDir()) / "vnsearch_postgres_engine_test";
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  fs::path dir_;
};

TEST_F(PostgresEngineTest, BuildsItsOwnClusterAndRanksWithUnaccent) {
  std::unique_ptr<Engine> engine = MakePostgresEngine();
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(engine->name(), "postgres");
  const std::string index = (dir_ / "postgres").string();
  absl::StatusOr<BuildStats> stats = engine->Build(kCorpus, index);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->documents, 5u);
  EXPECT_GT(stats->index_bytes, 0u);
  ASSERT_TRUE(engine->Open(index).ok());

  // Headline words (weight A) rank their article first.
  absl::StatusOr<std::vector<std::string>> hits =
      engine->Search("lấy phiếu tín nhiệm", 10);
  ASSERT_TRUE(hits.ok()) << hits.status();
  ASSERT_FALSE(hits->empty());
  EXPECT_EQ(hits->front(), "003_fb49a05211aace7b.txt");

  // unaccent folds đ and the stacked Vietnamese marks: the query without
  // diacritics finds what the one with them finds.
  absl::StatusOr<std::vector<std::string>> plain =
      engine->Search("lay phieu tin nhiem", 10);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(*plain, *hits);
  absl::StatusOr<std::vector<std::string>> dang = engine->Search("Dang", 10);
  absl::StatusOr<std::vector<std::string>> dang_marked =
      engine->Search("đảng", 10);
  ASSERT_TRUE(dang.ok() && dang_marked.ok());
  EXPECT_EQ(dang->size(), 5u);
  EXPECT_EQ(*dang, *dang_marked);

  // A phrase, a word in no article, a query of punctuation only.
  absl::StatusOr<std::vector<std::string>> phrase =
      engine->Search("\"ban cán sự đảng\"", 10);
  ASSERT_TRUE(phrase.ok()) << phrase.status();
  EXPECT_THAT(*phrase, UnorderedElementsAre("000_c30106b772c56d2b.txt",
                                            "001_38c4a49bff4fa329.txt",
                                            "003_fb49a05211aace7b.txt"));
  absl::StatusOr<std::vector<std::string>> none =
      engine->Search("xyzzyqwerty", 10);
  ASSERT_TRUE(none.ok());
  EXPECT_THAT(*none, IsEmpty());
  absl::StatusOr<std::vector<std::string>> punct = engine->Search("-- ?", 10);
  ASSERT_TRUE(punct.ok()) << punct.status();
  EXPECT_THAT(*punct, IsEmpty());

  // The server of the build is stopped and the index opens again.
  engine.reset();
  std::unique_ptr<Engine> again = MakePostgresEngine();
  ASSERT_TRUE(again->Open(index).ok());
  absl::StatusOr<std::vector<std::string>> top = again->Search("đảng", 3);
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(top->size(), 3u);

  // A second engine on the same cluster is refused and leaves the first
  // one's server running.
  std::unique_ptr<Engine> rival = MakePostgresEngine();
  const absl::Status refused = rival->Open(index);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition) << refused;
  rival.reset();
  absl::StatusOr<std::vector<std::string>> still = again->Search("đảng", 3);
  ASSERT_TRUE(still.ok()) << still.status();
  EXPECT_EQ(*still, *top);
}

}  // namespace
}  // namespace vnsearch::bench
