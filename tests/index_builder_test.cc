// BuildIndex writes shards of a bounded size and merges them: an index built
// from many small shards answers exactly like one built from a single shard.

#include "common/index/index_builder.h"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/search/searcher.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;

const std::string kCorpus = std::string(VNSEARCH_SOURCE_DIR) + "/corpus";

// (id, score) of the top hits of `query`.
std::vector<std::pair<std::string, double>> Top(const std::string& index,
                                                const std::string& query) {
  SearcherOptions options;
  options.index_dir = index;
  auto searcher = Searcher::Open(options);
  EXPECT_TRUE(searcher.ok()) << searcher.status();
  if (!searcher.ok()) return {};
  SearchRequest request;
  request.snippets = false;
  auto result = (*searcher)->Search(query, request);
  EXPECT_TRUE(result.ok()) << result.status();
  std::vector<std::pair<std::string, double>> out;
  if (!result.ok()) return out;
  for (const Hit& hit : result->hits) out.emplace_back(hit.article.id, hit.score);
  return out;
}

TEST(IndexBuilderTest, ManySmallShardsMergeIntoTheSameIndex) {
  const fs::path dir = fs::temp_directory_path() /
                       ("vnsearch-index-builder-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  IndexOptions one;
  one.corpus_dir = kCorpus;
  one.index_dir = (dir / "one").string();
  one.threads = 1;
  IndexOptions many = one;
  many.index_dir = (dir / "many").string();
  many.shard_documents = 2;  // 5 articles: shards of 2, 2 and 1
  const auto ignore = [](std::string_view) {};
  auto a = BuildIndex(one, ignore);
  auto b = BuildIndex(many, ignore);
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(a->documents, 5u);
  EXPECT_EQ(b->documents, 5u);
  for (const char* query : {"truong minh tuan", "đảng bộ", "\"hội nghị\"",
                            "official:\"nguyen van the\""}) {
    const auto top = Top(one.index_dir, query);
    EXPECT_FALSE(top.empty()) << query;
    EXPECT_EQ(Top(many.index_dir, query), top) << query;
  }
  EXPECT_EQ(Top(many.index_dir, "truong minh tuan")[0].first,
            "000_c30106b772c56d2b.txt");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vnsearch
