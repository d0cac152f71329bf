#include "common/search/query_builder.h"

#include <gtest/gtest.h>

#include "tests/status_matchers.h"

namespace vnsearch {
namespace {

using ::vnsearch::testing::IsOk;
using ::vnsearch::testing::StatusIs;

class QueryBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok()) << analyzer.status();
    builder_ = std::make_unique<QueryBuilder>(*analyzer, RankingParams());
  }
  std::unique_ptr<QueryBuilder> builder_;
};

TEST_F(QueryBuilderTest, BadQueriesAreInvalidArguments) {
  for (const char* bad : {"", "   ", "\t", "!!! ...", "date:", "date:20x1",
                          "date:2021..2020", "date:2023-13", "date:2023-02-30",
                          "\xFF\xFE"}) {
    EXPECT_THAT(builder_->Build(bad), StatusIs(absl::StatusCode::kInvalidArgument))
        << "query: " << bad;
  }
}

TEST_F(QueryBuilderTest, GoodQueriesBuild) {
  for (const char* good : {"dang bo", "Đảng bộ", "\"hội nghị\"", "title:đảng",
                           "official:\"nguyen van the\"", "date:2020..2021 hội nghị",
                           "date:2023", "hội nghị -\"cán bộ\"", "\"unclosed quote",
                           "03-CT/TW", "TT&TT"}) {
    EXPECT_THAT(builder_->Build(good), IsOk()) << "query: " << good;
  }
}

TEST_F(QueryBuilderTest, CaseDoesNotChangeTheQuery) {
  auto lower = builder_->Build("đảng bộ hà nội");
  auto upper = builder_->Build("ĐẢNG BỘ Hà Nội");
  ASSERT_THAT(lower, IsOk());
  ASSERT_THAT(upper, IsOk());
  EXPECT_EQ(lower->strict.get_description(), upper->strict.get_description());
}

TEST_F(QueryBuilderTest, TonePlacementDoesNotChangeTheQuery) {
  auto old_style = builder_->Build("xoá bỏ hoà bình");
  auto new_style = builder_->Build("xóa bỏ hòa bình");
  ASSERT_THAT(old_style, IsOk());
  ASSERT_THAT(new_style, IsOk());
  EXPECT_EQ(old_style->strict.get_description(),
            new_style->strict.get_description());
}

// The date filter: an open end is a one-sided value bound.
TEST_F(QueryBuilderTest, DateRangesFilterOnTheDateSlot) {
  struct Row {
    const char* query;
    const char* filter;  // the end of the strict query's description
  };
  const Row rows[] = {
      {"đảng date:2020..2021", "VALUE_RANGE 0 20200101 20211231))"},
      {"đảng date:2020-07", "VALUE_RANGE 0 20200701 20200731))"},
      {"đảng date:2020..", "VALUE_GE 0 20200101))"},
      {"đảng date:..3/7/2023", "VALUE_LE 0 20230703))"},
  };
  for (const Row& row : rows) {
    auto built = builder_->Build(row.query);
    ASSERT_THAT(built, IsOk()) << row.query;
    EXPECT_TRUE(built->strict.get_description().ends_with(
        std::string(" FILTER ") + row.filter))
        << row.query << ": " << built->strict.get_description();
  }
}

// Query text -> Xapian query, as Xapian's own queryparser tests check it.
// Queries typed without diacritics and of one word have no phrase tiers, so
// their descriptions stay short; the tiers are in the last rows.
TEST_F(QueryBuilderTest, DescriptionsGoldenTable) {
  struct Row {
    const char* query;
    const char* description;  // of the strict query
  };
  const Row rows[] = {
      {"dang", "Query(Zdang)"},
      {"dang -bo", "Query((Zdang AND_NOT Zbo))"},
      {"dang -\"bo nhiem\"", "Query((Zdang AND_NOT XPZbo nhiem))"},
      {"dang -title:bo", "Query((Zdang AND_NOT XSZbo))"},
      {"dang -official:\"nguyen van\"",
       "Query((Zdang AND_NOT XOPZnguyen van))"},
      {"dang date:2021",
       "Query((Zdang FILTER VALUE_RANGE 0 20210101 20211231))"},
      {"dang -date:2021",
       "Query((Zdang AND_NOT VALUE_RANGE 0 20210101 20211231))"},
      {"dang -date:2020..2021 -date:..2010",
       "Query((Zdang AND_NOT (VALUE_RANGE 0 20200101 20211231 OR VALUE_LE 0 20"
       "101231)))"},
      {"-dang", "Query((<alldocuments> AND_NOT Zdang))"},
      {"title:dang", "Query(XSZdang)"},
      {"title:\"dang bo\"", "Query(XSPZdang bo)"},
      {"official:\"nguyen van the\"",
       "Query((XOPZnguyen van AND XOPZvan the))"},
      {"\"dang bo",
       "Query((XPZdang bo AND_MAYBE 2 * (XPZdang bo OR 2 * XOPZdang bo)))"},
      {"03-CT/TW",
       "Query((Z03-ct/tw AND_MAYBE ((PostingSource(Xapian::FixedWeightPostingS"
       "ource(wt=1000)) FILTER (XSPZ03 ct AND XSPZct tw)) OR (PostingSource(Xa"
       "pian::FixedWeightPostingSource(wt=1000)) FILTER (XPZ03 ct AND XPZct tw"
       ")) OR 2 * (XPZ03 ct OR 2 * XOPZ03 ct) OR 2 * (XPZct tw OR 2 * XOPZct t"
       "w))))"},
      {"140.000",
       "Query((Z140.000 AND_MAYBE ((PostingSource(Xapian::FixedWeightPostingSo"
       "urce(wt=1000)) FILTER XSPZ140 000) OR (PostingSource(Xapian::FixedWeig"
       "htPostingSource(wt=1000)) FILTER XPZ140 000) OR 2 * (XPZ140 000 OR 2 *"
       " XOPZ140 000))))"},
      {"140.000đ",
       "Query((Z140.000d AND_MAYBE ((PostingSource(Xapian::FixedWeightPostingS"
       "ource(wt=1000)) FILTER (XSPZ140 000 AND XSPZ000 d)) OR (PostingSource("
       "Xapian::FixedWeightPostingSource(wt=1000)) FILTER (XPZ140 000 AND 140 "
       "AND 000 AND XPZ000 d AND 000 AND đ)) OR (PostingSource(Xapian::FixedWe"
       "ightPostingSource(wt=1500)) FILTER (XPZ140 000 AND 140 AND 000 AND XPZ"
       "000 d AND 000 AND đ)) OR 2 * (XPZ140 000 OR 2 * XOPZ140 000) OR 2 * (X"
       "PZ000 d OR 2 * XOPZ000 d))))"},
      {"20%", "Query(Z20%)"},
      // A quoted code with no word inside (a fuzz find): the code whole.
      {"\"\u0302&\u20DD", "Query(Z&)"},
      {"title:\"\u0302&\u20DD\"", "Query(XSZ&)"},
      {"\u00D0ảng",
       "Query((Zdang AND_MAYBE ((PostingSource(Xapian::FixedWeightPostingSourc"
       "e(wt=1000)) FILTER Sđảng) OR (PostingSource(Xapian::FixedWeightPosting"
       "Source(wt=1000)) FILTER đảng))))"},
      {"ＶＮＰＴ", "Query(Zvnpt)"},
      {"dang bo",
       "Query(((Zdang AND Zbo) AND_MAYBE ((PostingSource(Xapian::FixedWeightPo"
       "stingSource(wt=1000)) FILTER XSPZdang bo) OR (PostingSource(Xapian::Fi"
       "xedWeightPostingSource(wt=1000)) FILTER XPZdang bo) OR 2 * (XPZdang bo"
       " OR 2 * XOPZdang bo))))"},
      {"đảng bộ -date:2021",
       "Query((((Zdang AND Zbo) AND_MAYBE ((PostingSource(Xapian::FixedWeightP"
       "ostingSource(wt=1000)) FILTER XSPZdang bo) OR (PostingSource(Xapian::F"
       "ixedWeightPostingSource(wt=1000)) FILTER (XPđảng bộ OR XQđảng bộ)) OR "
       "(PostingSource(Xapian::FixedWeightPostingSource(wt=1500)) FILTER XPđản"
       "g bộ) OR 2 * (XPZdang bo OR 2 * XOPZdang bo))) AND_NOT VALUE_RANGE 0 2"
       "0210101 20211231))"},
  };
  for (const Row& row : rows) {
    auto built = builder_->Build(row.query);
    ASSERT_THAT(built, IsOk()) << row.query;
    EXPECT_EQ(built->strict.get_description(), row.description) << row.query;
  }
}

TEST(ParseDateBoundTest, Table) {
  struct Row {
    const char* text;
    bool upper;
    const char* expected;
  };
  const Row rows[] = {
      {"2020", false, "20200101"},     {"2020", true, "20201231"},
      {"2020-02", true, "20200229"},   {"2021-02", true, "20210228"},
      {"2023-07-03", false, "20230703"}, {"3/7/2023", false, "20230703"},
  };
  for (const Row& row : rows) {
    auto bound = ParseDateBound(row.text, row.upper);
    ASSERT_THAT(bound, IsOk()) << row.text;
    EXPECT_EQ(*bound, row.expected) << row.text;
  }
  EXPECT_THAT(ParseDateBound("20", false),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace vnsearch
