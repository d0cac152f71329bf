// The index-time keys of facets and collapsing (common/index/facet_keys.h).

#include "common/index/facet_keys.h"

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

TEST_F(FacetKeysTest, BothKeysShareOneValue) {
  // The searcher reads one value per hit for both keys (kCollapseSlot).
  EXPECT_EQ(JoinCopyKeys("", ""), "");
  const std::string both = JoinCopyKeys("Tabc", "Ldef");
  EXPECT_EQ(SplitCopyKeys(both),
            std::make_pair(std::string_view("Tabc"), std::string_view("Ldef")));
  EXPECT_EQ(SplitCopyKeys(JoinCopyKeys("Ldef", "Ldef")),
            std::make_pair(std::string_view("Ldef"), std::string_view("Ldef")));
  EXPECT_EQ(SplitCopyKeys(JoinCopyKeys("Tabc", "")),
            std::make_pair(std::string_view("Tabc"), std::string_view("")));
  EXPECT_EQ(SplitCopyKeys(JoinCopyKeys("", "Ldef")),
            std::make_pair(std::string_view(""), std::string_view("Ldef")));
  EXPECT_EQ(SplitCopyKeys(""),
            std::make_pair(std::string_view(""), std::string_view("")));
  Article a;
  a.title = "Dubai vay 3 tỷ USD xây sân bay lớn nhất thế giới";
  a.lead = "Chiều nay, Ủy ban nhân dân thành phố họp bàn về ngập lụt.";
  const std::string value =
      JoinCopyKeys(CollapseKey(a, *analyzer_), LeadKey(a, *analyzer_));
  EXPECT_EQ(SplitCopyKeys(value).first, CollapseKey(a, *analyzer_));
  EXPECT_EQ(SplitCopyKeys(value).second, LeadKey(a, *analyzer_));
}

}  // namespace
}  // namespace vnsearch
