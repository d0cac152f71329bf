// The index-time keys of facets and collapsing (common/index/facet_keys.h).

#include "common/index/facet_keys.h"
#include "common/index/record.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vnsearch {
namespace {

class FacetKeysTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok()) << analyzer.status();
    analyzer_ = new Analyzer(*std::move(analyzer));
  }
  static void TearDownTestSuite() { delete analyzer_; }
  static Analyzer* analyzer_;
};

Analyzer* FacetKeysTest::analyzer_ = nullptr;

TEST_F(FacetKeysTest, SourceNameIsTheJsonSourceElseTheHost) {
  struct Case {
    std::string source, url, name;
  };
  const std::vector<Case> cases = {
      {"VnExpress", "https://vnexpress.net/a.html", "VnExpress"},
      {"  Tuổi Trẻ ", "", "Tuổi Trẻ"},
      {"", "https://www.TuoiTre.vn/a/b.htm?x=1", "tuoitre.vn"},
      {"", "http://user@thanhnien.vn:8080/", "thanhnien.vn"},
      {"", "tuoitre.vn/no-scheme", ""},
      {"", "", ""},
  };
  for (const Case& c : cases) {
    Article article;
    article.source = c.source;
    article.url = c.url;
    EXPECT_EQ(SourceName(article), c.name) << c.source << " " << c.url;
  }
}

TEST_F(FacetKeysTest, SourceKeys) {
  using ::testing::ElementsAre;
  EXPECT_THAT(SourceKeys("VnExpress", *analyzer_), ElementsAre("vnexpress"));
  EXPECT_THAT(SourceKeys("vnexpress.net", *analyzer_),
              ElementsAre("vnexpressnet", "vnexpress"));
  EXPECT_THAT(SourceKeys("Tuổi Trẻ", *analyzer_), ElementsAre("tuoitre"));
  EXPECT_THAT(SourceKeys("tuoi tre", *analyzer_), ElementsAre("tuoitre"));
  EXPECT_TRUE(SourceKeys(" :: ", *analyzer_).empty());
}

TEST_F(FacetKeysTest, CopiesShareTheCollapseKey) {
  Article a;
  a.title = "Dubai vay 3 tỷ USD xây sân bay lớn nhất thế giới";
  a.lead = "Dubai huy động vốn.";
  Article b = a;
  b.title = "DUBAI vay 3 tỷ USD: xây sân bay lớn nhất thế giới!";
  b.lead = "Một lead khác hẳn.";
  EXPECT_FALSE(CollapseKey(a, *analyzer_).empty());
  EXPECT_EQ(CollapseKey(a, *analyzer_), CollapseKey(b, *analyzer_));
  Article c = a;
  c.title = "Dubai vay 3 tỷ USD xây sân bay lớn nhất thế giới mới";
  EXPECT_NE(CollapseKey(a, *analyzer_), CollapseKey(c, *analyzer_));
  // Diacritics matter no more than for a query typed without them.
  Article d = a;
  d.title = "Dubai vay 3 ty USD xay san bay lon nhat the gioi";
  EXPECT_EQ(CollapseKey(a, *analyzer_), CollapseKey(d, *analyzer_));
}

TEST_F(FacetKeysTest, ShortHeadlinesFallBackToTheLeadOrNothing) {
  Article a;
  a.title = "Tin vắn";
  a.lead = "Ngắn.";
  EXPECT_EQ(CollapseKey(a, *analyzer_), "");
  a.lead = "Chiều nay, Ủy ban nhân dân thành phố họp bàn về ngập lụt.";
  Article b = a;
  b.title = "Bản tin";
  EXPECT_FALSE(CollapseKey(a, *analyzer_).empty());
  EXPECT_EQ(CollapseKey(a, *analyzer_), CollapseKey(b, *analyzer_));
  // A headline derived from the lead is not the page's own.
  Article c;
  c.title = "Chiều nay, Ủy ban nhân dân thành phố họp";
  c.title_derived = true;
  c.lead = a.lead;
  EXPECT_EQ(CollapseKey(c, *analyzer_), CollapseKey(a, *analyzer_));
}

TEST_F(FacetKeysTest, TheRecordCarriesBothKeys) {
  // The searcher reads one value per hit, the record, for the page and for
  // collapsing its copies.
  Article a;
  a.id = "a";
  a.title = "Dubai vay 3 tỷ USD xây sân bay lớn nhất thế giới";
  a.lead = "Chiều nay, Ủy ban nhân dân thành phố họp bàn về ngập lụt.";
  a.date = "2017-05-22";
  a.officials = {{"Nguyễn Xuân Phúc", "Thủ tướng", {}}};
  const CopyKeys keys = {CollapseKey(a, *analyzer_), LeadKey(a, *analyzer_)};
  ASSERT_FALSE(keys[0].empty());
  ASSERT_FALSE(keys[1].empty());
  Article back;
  CopyKeys read;
  ASSERT_TRUE(DecodeRecord(EncodeRecord(a, keys), back, &read));
  EXPECT_EQ(read, keys);
  EXPECT_EQ(back.id, "a");
  EXPECT_EQ(back.title, a.title);
  EXPECT_EQ(back.date, "2017-05-22");
  ASSERT_EQ(back.officials.size(), 1u);
  EXPECT_EQ(back.officials[0].name, "Nguyễn Xuân Phúc");
  EXPECT_EQ(back.officials[0].role, "Thủ tướng");
  // Without keys: both "", and the officials still read.
  ASSERT_TRUE(DecodeRecord(EncodeRecord(a), back, &read));
  EXPECT_EQ(read, (CopyKeys{"", ""}));
  EXPECT_EQ(back.officials.size(), 1u);
  // A record of the old layout (no key fields) is not a record.
  EXPECT_FALSE(DecodeRecord("a\x1f" "t\x1f" "0\x1f" "2017-05-22", back));
}

}  // namespace
}  // namespace vnsearch
