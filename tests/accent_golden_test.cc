// Golden readings on the index of the 35k news corpus (issue 13): what
// accent restoration and Telex/VNI decoding make of typical queries, and
// what they leave alone. The index is the relevance suite's (built or
// reused under the build directory's news cache). Skips when the news
// corpus is absent.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "benchmarks/news_corpus.h"
#include "benchmarks/relevance_suite.h"
#include "common/search/accent_reading.h"
#include "common/search/searcher.h"

namespace vnsearch {
namespace {

class AccentGoldenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::string> root = bench::PrepareNewsCorpus(
        bench::NewsArchivePath(), bench::NewsCacheDir());
    if (!root.ok()) {
      skip_ = new std::string(std::string(root.status().message()));
      return;
    }
    std::unique_ptr<bench::Engine> engine =
        bench::MakeEngine("vnsearch", RankingParams());
    index_ = new std::string(bench::NewsCacheDir() + "/index/vnsearch");
    absl::StatusOr<bench::CachedBuild> build = bench::EnsureIndex(
        *engine, *root, *index_,
        bench::IndexKey(*engine, bench::NewsArchivePath()), false);
    ASSERT_TRUE(build.ok()) << build.status();
    absl::StatusOr<std::shared_ptr<const AccentTable>> table =
        LoadAccentTable(*index_);
    ASSERT_TRUE(table.ok()) << table.status();
    absl::StatusOr<std::shared_ptr<const CharTable>> chars = CharTable::Create();
    ASSERT_TRUE(chars.ok());
    reader_ = new AccentReader(*table, Analyzer(*chars), *chars);
  }
  void SetUp() override {
    if (skip_ != nullptr) GTEST_SKIP() << "news corpus absent: " << *skip_;
    ASSERT_NE(reader_, nullptr);
  }
  static std::string* skip_;
  static std::string* index_;
  static AccentReader* reader_;
};

std::string* AccentGoldenTest::skip_ = nullptr;
std::string* AccentGoldenTest::index_ = nullptr;
AccentReader* AccentGoldenTest::reader_ = nullptr;

TEST_F(AccentGoldenTest, Restoration) {
  const std::pair<const char*, const char*> kRows[] = {
      {"dang uy khoi", "đảng ủy khối"},
      {"thu tuong", "thủ tướng"},
      // Bare "bao lu" reads "báo lũ": the corpus has "cảnh báo lũ" (flood
      // warnings) in more articles than "bão lũ"; rain picks the storm.
      {"mua bao lu mien trung", "mưa bão lũ miền trung"},
      {"ha noi", "hà nội"},
      {"tai nan giao thong", "tai nạn giao thông"},
      {"gia vang hom nay", "giá vàng hôm nay"},
      {"bo truong bo y te", "bộ trưởng bộ y tế"},
      {"thanh pho ho chi minh", "thành phố hồ chí minh"},
      // Words typed with diacritics stay and steer their neighbours; a code
      // or a foreign word stays as typed.
      {"bão lu", "bão lũ"},
      {"covid-19 tai ha noi", "covid-19 tại hà nội"},
      {"ong Trump", "ông trump"},
      // "oo" is Telex for ô, but "doong" is first the cave's own syllable.
      {"du lich son doong", "du lịch sơn đoòng"},
      {"boong tau", "boong tàu"},
  };
  for (const auto& [typed, want] : kRows) {
    const AccentReading reading = reader_->Read(typed, true);
    EXPECT_EQ(reading.restored, want) << typed;
    EXPECT_TRUE(reading.decoded.empty()) << typed;
  }
  // The query as typed keeps its case in what is shown.
  EXPECT_EQ(reader_->Read("mua bao lu mien Trung", true).restored_display,
            "mưa bão lũ miền Trung");
  // Confident readings rank; a one-syllable query is the hard case.
  EXPECT_FALSE(reader_->Read("thu tuong", true).preferred.empty());
}

TEST_F(AccentGoldenTest, TelexAndVni) {
  const std::pair<const char*, const char*> kRows[] = {
      {"dangr uyr khoois", "đảng ủy khối"},
      {"ddarng uyr khoosi", "đảng ủy khối"},
      {"dduwowngf", "đường"},
      {"thur tuowngs", "thủ tướng"},
      {"mwa baox mieenf trung", "mưa bão miền trung"},
      {"da9ng3 u3y khoi61", "đảng ủy khối"},
      {"thu3 tu7o7ng1", "thủ tướng"},
      {"d9u7o7ng2", "đường"},
      // "oo" spells a syllable ("xoong") but is Telex for ô far more often.
      {"khoong", "không"},
      {"coong an", "công an"},
      // The marks typed, no others: "bác", not "bắc"; "dâu" has a d.
      {"bacs six", "bác sĩ"},
      {"bawcs ninh", "bắc ninh"},
      {"daau", "dâu"},
      // Words the corpus uses as typed, read as keys next to other keys.
      {"khoong sex", "không sẽ"},
      {"teen bacs six", "tên bác sĩ"},
      {"xe bus ddieenj", "xe bus điện"},
      {"tooi yeeu facebook", "tôi yêu facebook"},
  };
  for (const auto& [typed, want] : kRows) {
    EXPECT_EQ(reader_->Read(typed, true).decoded, want) << typed;
  }
  EXPECT_EQ(reader_->Read("dangr uyr khoois", true).scheme, "Telex");
  EXPECT_EQ(reader_->Read("da9ng3 u3y khoi61", true).scheme, "VNI");
}

TEST_F(AccentGoldenTest, NotDecoded) {
  for (const char* typed :
       {"Trump", "file", "VNPT", "2020", "Covid-19", "facebook", "test", "bus",
        "iPhone", "Samsung", "Google", "wifi", "email", "video", "game", "show",
        "fan", "Messi", "U23", "A4", "G20", "SEA", "Games", "ASEAN", "Biden",
        "Apple", "Twitter", "online", "livestream", "TikTok", "Zalo", "youtube",
        "Grab", "sex", "smartphone", "virus", "vaccine", "Pfizer", "World",
        "Cup", "V-League", "K-pop", "IS", "Nga", "Mỹ"}) {
    EXPECT_TRUE(reader_->Read(typed, true).decoded.empty()) << typed;
  }
}

TEST_F(AccentGoldenTest, RestoredReadingRanksWithinTiersAndDropsNothing) {
  SearcherOptions options;
  options.index_dir = *index_;
  absl::StatusOr<std::unique_ptr<Searcher>> searcher = Searcher::Open(options);
  ASSERT_TRUE(searcher.ok()) << searcher.status();
  SearchRequest request;
  request.snippets = false;
  request.limit = 10000;  // every match: totals are Xapian's estimates
  absl::StatusOr<SearchResult> restored =
      (*searcher)->Search("mua bao lu mien trung", request);
  ASSERT_TRUE(restored.ok()) << restored.status();
  request.restore = false;
  absl::StatusOr<SearchResult> plain =
      (*searcher)->Search("mua bao lu mien trung", request);
  ASSERT_TRUE(plain.ok()) << plain.status();
  auto ids = [](const SearchResult& r) {
    std::vector<std::string> out;
    for (const Hit& h : r.hits) out.push_back(h.article.id);
    std::sort(out.begin(), out.end());
    return out;
  };
  ASSERT_LT(plain->hits.size(), request.limit);
  EXPECT_EQ(ids(*restored), ids(*plain));
  EXPECT_EQ(restored->reading.restored, "mưa bão lũ miền trung");
  ASSERT_FALSE(restored->hits.empty());
  // The first hit speaks of storms and floods.
  const std::string& title = restored->hits[0].article.title;
  EXPECT_TRUE(title.find("bão") != std::string::npos ||
              title.find("Bão") != std::string::npos ||
              title.find("lũ") != std::string::npos ||
              title.find("Lũ") != std::string::npos)
      << title;
}

}  // namespace
}  // namespace vnsearch
