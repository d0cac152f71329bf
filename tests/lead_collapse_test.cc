// Copies of a story that were retitled but kept their lead (issue 12,
// point 5): LeadMerges on its own, then end to end on a small corpus that
// the test writes: Xapian collapses on the headline key, the searcher merges
// the page's hits that share the lead key.

#include "common/search/lead_collapse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/run_binary.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using json = nlohmann::json;
using testing::Exec;
using testing::kBin;
using testing::Quote;
using testing::RunResult;

TEST(LeadMergesTest, EachHitMergesIntoTheFirstWithItsKey) {
  EXPECT_THAT(
      LeadMerges({"a", "", "b", "a", "b", "c", "", "a"}),
      ElementsAre(kKeptHit, kKeptHit, kKeptHit, 0, 2, kKeptHit, kKeptHit, 0));
  EXPECT_TRUE(LeadMerges({}).empty());
}

TEST(CopyMergesTest, HitsLinkedByAChainOfEitherKeyAreOneGroup) {
  // 0 and 2 share the headline key, 2 and 1 the lead key: 1 joins 0's
  // group though it shares no key with 0. 3 has no keys; 4's headline key
  // is 1's lead key, which links nothing (another kind of key).
  const std::vector<CopyKeys> keys = {
      {"h1", "l1"}, {"h2", "l2"}, {"h1", "l2"}, {"", ""}, {"l2", ""},
      {"h5", "l5"}, {"", "l5"}, {"h2", ""}};
  EXPECT_THAT(CopyMerges(keys),
              ElementsAre(kKeptHit, 0, 0, kKeptHit, kKeptHit, kKeptHit, 5, 0));
  // Groups join at a later hit: each hit merges into its group's first.
  EXPECT_THAT(CopyMerges({{"a", ""}, {"b", ""}, {"b", "x"}, {"a", "x"}}),
              ElementsAre(kKeptHit, 0, 0, 0));
  EXPECT_TRUE(CopyMerges({}).empty());
}

std::string Line(const std::string& id, const std::string& title,
                 const std::string& body) {
  return json({{"id", id}, {"title", title}, {"body", body}}).dump() + "\n";
}

class LeadCollapseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(
        fs::temp_directory_path() /
        ("vnsearch_lead_collapse_test_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_ / "news");
    const std::string lead =
        "Sáng nay, Bộ Giao thông vận tải đã chính thức khởi công dự án sân "
        "bay quốc tế Long Thành tại tỉnh Đồng Nai.";
    std::ofstream out(*dir_ / "news" / "feed.jsonl");
    // p and r: the same headline and lead (Xapian collapses them on the
    // headline); q: retitled, the same lead with other case and punctuation
    // (merged on the page into whichever of p and r stands for them).
    // t and u: one short lead in common ("not a story": never merged).
    // v: another story.
    out << Line("p", "Khởi công sân bay Long Thành sau nhiều năm chờ đợi",
                lead + "\nDự án có tổng vốn lớn, sân bay Long Thành.")
        << Line("r", "Khởi công sân bay Long Thành sau nhiều năm chờ đợi",
                lead + "\nDự án sân bay Long Thành được khởi công hôm nay.")
        << Line("q", "Long Thành: ngày hội của ngành hàng không",
                "SÁNG NAY Bộ Giao thông vận tải đã chính thức khởi công dự "
                "án sân bay quốc tế Long Thành, tại tỉnh Đồng Nai!\n"
                "Người dân Long Thành vui mừng, sân bay sắp xây.")
        << Line("t", "Sân bay Long Thành và giá đất",
                "Sân bay Long Thành.\nGiá đất quanh sân bay tăng.")
        << Line("u", "Đường đến sân bay Long Thành",
                "Sân bay Long Thành.\nĐường cao tốc nối sân bay.")
        << Line("v", "Giá vé máy bay tăng mạnh dịp Tết",
                "Các hãng hàng không tăng giá vé.\nSân bay Long Thành chưa "
                "xong.");
    out.close();
    index_ = new std::string((*dir_ / "index").string());
    const RunResult run =
        Exec(kBin + "/vnindex --quiet --corpus " +
             Quote((*dir_ / "news").string()) + " --index " + Quote(*index_));
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete index_;
  }
  static RunResult Vnsearch(const std::string& args) {
    return Exec(kBin + "/vnsearch --index " + Quote(*index_) + " " + args);
  }
  static json Query(const std::string& args) {
    const RunResult run = Vnsearch("--json " + args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return json::parse(run.out, nullptr, false);
  }
  // id -> similar, in rank order.
  static std::vector<std::pair<std::string, int>> Hits(const json& result) {
    std::vector<std::pair<std::string, int>> hits;
    for (const json& hit : result["hits"]) {
      hits.emplace_back(hit["id"].get<std::string>(),
                        hit["similar"].get<int>());
    }
    return hits;
  }
  static fs::path* dir_;
  static std::string* index_;
};

fs::path* LeadCollapseTest::dir_ = nullptr;
std::string* LeadCollapseTest::index_ = nullptr;

TEST_F(LeadCollapseTest, RetitledCopiesWithTheSameLeadCollapse) {
  const auto hits = Hits(Query("'san bay long thanh'"));
  ASSERT_EQ(hits.size(), 4u) << Query("'san bay long thanh'").dump();
  // One of p, q, r stands for the story, with the other two as similar.
  int story = 0;
  for (const auto& [id, similar] : hits) {
    if (id == "p" || id == "q" || id == "r") {
      ++story;
      EXPECT_EQ(similar, 2) << id;
    } else {
      EXPECT_EQ(similar, 0) << id;  // t, u: a short lead is not a story
    }
  }
  EXPECT_EQ(story, 1);
  const json result = Query("'san bay long thanh'");
  EXPECT_EQ(result["total"], 6);
  const RunResult text = Vnsearch("--no-snippets 'san bay long thanh'");
  EXPECT_THAT(text.out, HasSubstr("  +2 similar\n"));
  // --no-collapse shows every copy.
  const auto all = Hits(Query("--no-collapse 'san bay long thanh'"));
  EXPECT_EQ(all.size(), 6u);
  for (const auto& [id, similar] : all) EXPECT_EQ(similar, 0) << id;
}

TEST_F(LeadCollapseTest, PagesStayFullAndDoNotRepeatAStory) {
  // Pages of one hit: the merges leave no page short and no story twice.
  std::vector<std::string> seen;
  for (int offset = 0; offset < 4; ++offset) {
    const auto page =
        Hits(Query("--limit 1 --offset " + std::to_string(offset) +
                   " 'san bay long thanh'"));
    ASSERT_EQ(page.size(), 1u) << offset;
    seen.push_back(page[0].first);
  }
  EXPECT_TRUE(Hits(Query("--limit 1 --offset 4 'san bay long thanh'")).empty());
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
  EXPECT_EQ(std::count_if(seen.begin(), seen.end(),
                          [](const std::string& id) {
                            return id == "p" || id == "q" || id == "r";
                          }),
            1);
}

}  // namespace
}  // namespace vnsearch
