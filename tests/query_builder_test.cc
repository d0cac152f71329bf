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
