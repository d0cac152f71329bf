#include "common/document/article_dates.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace vnsearch {
namespace {

std::string Iso(const std::optional<CivilDate>& date) {
  return date ? FormatIsoDate(*date) : "none";
}

TEST(ArticleDatesTest, ValidDates) {
  EXPECT_TRUE(IsValidDate(2024, 2, 29));
  EXPECT_FALSE(IsValidDate(2023, 2, 29));
  EXPECT_FALSE(IsValidDate(2023, 4, 31));
  EXPECT_FALSE(IsValidDate(2023, 13, 1));
  EXPECT_FALSE(IsValidDate(2023, 0, 1));
  EXPECT_FALSE(IsValidDate(2023, 1, 0));
  EXPECT_FALSE(IsValidDate(1850, 1, 1));
  EXPECT_EQ(FormatIsoDate({2021, 1, 4}), "2021-01-04");
}

TEST(ArticleDatesTest, ParseIsoDate) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"2021-01-04", "2021-01-04"},
      {"2021-01-04T18:59:00+07:00", "2021-01-04"},
      {"2021-01-04 18:59", "2021-01-04"},
      {"2021-02-30", "none"},
      {"2021-1-4", "none"},
      {"04/01/2021", "none"},
      {"2021-01-04x", "none"},
      {"", "none"},
  };
  for (const auto& [input, expected] : rows) {
    EXPECT_EQ(Iso(ParseIsoDate(input)), expected) << input;
  }
}

TEST(ArticleDatesTest, ParseDateLine) {
  struct Row {
    const char* line;
    const char* date;
    bool has_time;
  };
  const std::vector<Row> rows = {
      {"Thứ Hai, 4/1/2021 18:59'(GMT+7)", "2021-01-04", true},
      {"Thứ Ba, 16/4/2024", "2024-04-16", false},
      {"16/04/2024", "2024-04-16", false},
      {"Cập nhật: 03/07/2023 10:15", "2023-07-03", true},
      {"Chủ nhật, 7/5/2023", "2023-05-07", false},
      // Wrong weekday (16/4/2024 was a Tuesday), impossible day, no year,
      // other words: not a date line.
      {"Thứ Hai, 16/4/2024", "none", false},
      {"Thứ Ba, 31/4/2024", "none", false},
      {"Thứ Ba, 16/4", "none", false},
      {"Ban Tuyên giáo Trung ương", "none", false},
      {"Sáng ngày 23/1/2013, tại Hà Nội", "none", false},
  };
  for (const Row& row : rows) {
    const std::optional<DateLine> parsed = ParseDateLine(row.line);
    EXPECT_EQ(parsed ? FormatIsoDate(parsed->date) : "none", row.date)
        << row.line;
    if (parsed) {
      EXPECT_EQ(parsed->has_time, row.has_time) << row.line;
    }
  }
}

TEST(ArticleDatesTest, FindDateline) {
  struct Row {
    const char* opening;
    const char* text;  // the whole article, for year inference
    const char* expected;
  };
  const std::vector<Row> rows = {
      {"Sáng ngày 23/1/2013, tại Hà Nội, Đảng bộ tổ chức hội nghị.", "",
       "2013-01-23"},
      {"          Chiều 03/7/2023, Đảng ủy Sở tổ chức hội nghị.", "",
       "2023-07-03"},
      {"Ngày 20-6-2017, Quốc hội họp phiên toàn thể.", "", "2017-06-20"},
      {"Theo đó, tối ngày 11/5/2017 trang tin đăng tải báo cáo.", "",
       "2017-05-11"},
      {"Trang tin tối ngày 11/5/2017 đăng tải báo cáo.", "", "none"},
      {"Ngày 20 tháng 7 năm 2023, hội nghị diễn ra.", "", "2023-07-20"},
      // Year inferred from the article.
      {"Chiều 20/7, tại Hà Nội, Đảng ủy Khối tổ chức hội nghị.",
       "nhiệm vụ trọng tâm 6 tháng cuối năm 2023; quy hoạch nhiệm kỳ "
       "2020-2025, nhiệm kỳ 2025-2030; quý 2/2023; năm 2022.",
       "2023-07-20"},
      {"Sáng 9/6, công an tiếp nhận nghi phạm.",
       "giá tăng so với tháng 3/2017 và quý II/2017.", "2017-06-09"},
      {"Chiều ngày 5/2, tại xã Ngọc Phái xuất hiện hố tử thần.",
       "Hố xuất hiện từ tháng 1/2016.", "none"},
      {"Chiều 9/5, Tòa án xét xử bị cáo.", "Tháng 4/2003, bị cáo nhận tiền.",
       "none"},
      // Cannot be inferred: no date rather than a wrong one.
      {"Sáng nay (8/2), giá vàng tăng.", "Phiên hôm 7/2 giá giảm.", "none"},
      {"Sáng 30/6, thành phố khai trương xe buýt.",
       "Dự án được tài trợ đến tháng 3/2019.", "none"},
      {"Chiều 20/7, hội nghị diễn ra.",
       "6 tháng cuối năm 2023 và kế hoạch năm 2026.", "none"},
      {"Chiều 20/7, hội nghị diễn ra.",
       "6 tháng cuối năm 2023, nhiệm kỳ 2015-2020.", "none"},
      // Not datelines: a decree date inside a sentence, an impossible day.
      {"Nghị quyết số 721/NQUBTVQH15 ngày 13/02/2023 của Ủy ban.", "", "none"},
      {"Sáng 31/4/2023, hội nghị diễn ra.", "", "none"},
      {"Sáng 29/2, hội nghị diễn ra.", "tháng 1/2023 và tháng 2/2023.", "none"},
      // Past events and decree dates are not the current period.
      {"Ngày 6/2, cựu lãnh đạo xứ Catalonia ra tòa.",
       "cuộc trưng cầu dân ý tháng 11/2014, công khai vào năm 2015.", "none"},
      {"Sáng nay (6/2), Thủ tướng phát biểu.",
       "Nghị định 177/2013/NĐ-CP ngày 14/11/2013.", "none"},
      {"Sáng 6/2, tại Vĩnh Phúc.", "Bác Hồ viết ngày 28/11/1959.", "none"},
      {"Ngày 13/5, tại Hà Nội, đối thoại diễn ra.",
       "Nghị định có hiệu lực từ ngày 1/7/2017.", "none"},
      // A date in history, in an article about later years.
      {"Ông Trump gọi phán quyết hôm 27/5/1920 là sai.",
       "Sắc lệnh được ký trong năm 2017.", "none"},
      {"Ngày 6/2/1952, Công chúa Elizabeth kế vị.",
       "Năm 2017, Nữ hoàng kỷ niệm 65 năm trị vì.", "none"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Iso(FindDateline(row.opening, row.text)), row.expected)
        << row.opening;
  }
}

TEST(ArticleDatesTest, InferYear) {
  EXPECT_EQ(InferYear("báo cáo quý IV/2016 và kế hoạch quý 1/2017", 1, 15),
            2017);
  EXPECT_EQ(InferYear("6 tháng đầu năm 2023", 7, 3), 2023);
  EXPECT_EQ(InferYear("6 tháng đầu năm 2023", 11, 3), std::nullopt);
  EXPECT_EQ(InferYear("từ quý 3/2016", 7, 20), std::nullopt);
  // A month is as often last year's event as this month's.
  EXPECT_EQ(InferYear("vụ việc tháng 6/2015", 6, 30), std::nullopt);
  // A full date is an event, maybe last year's: not evidence.
  EXPECT_EQ(InferYear("ngày 5/6/2017", 6, 9), std::nullopt);
  EXPECT_EQ(InferYear("hồi tháng 6/2016", 6, 9), std::nullopt);
  EXPECT_EQ(InferYear("Dự kiến, quý II/2018 hoàn thành.", 5, 12), std::nullopt);
  // A later year means "now" is not 2016.
  EXPECT_EQ(InferYear("quý 1/2016. SEA Games 2017 sắp diễn ra", 2, 20),
            std::nullopt);
  EXPECT_EQ(InferYear("năm 2017", 6, 9), std::nullopt);
  EXPECT_EQ(InferYear("", 6, 9), std::nullopt);
  // Two years equally supported.
  EXPECT_EQ(InferYear("quý 2/2016 và quý 2/2017", 6, 9), std::nullopt);
}

TEST(ArticleDatesTest, ExtractArticleDatePrefersTheTimestampedDateline) {
  // 004: the page header prints the crawl date ("Thứ Ba, 16/4/2024") above
  // the article's own timestamp; the timestamp wins.
  EXPECT_EQ(ExtractArticleDate(
                {"Thứ Ba, 16/4/2024", "Ban Tuyên giáo Trung ương",
                 "Thứ Hai, 4/1/2021 18:59'(GMT+7)"},
                "Dự hội nghị có các đồng chí.", "tổng kết công tác năm 2020"),
            "2021-01-04");
  // A lead dateline beats a bare header date.
  EXPECT_EQ(ExtractArticleDate({"Thứ Ba, 16/4/2024"},
                               "Sáng ngày 23/1/2013, tại Hà Nội.", ""),
            "2013-01-23");
  // A bare header date alone counts only if the article mentions its year.
  EXPECT_EQ(ExtractArticleDate({"Thứ Ba, 16/4/2024"}, "Hội nghị diễn ra.",
                               "tổng kết năm 2020"),
            "");
  EXPECT_EQ(ExtractArticleDate({"Thứ Ba, 16/4/2024"}, "Hội nghị diễn ra.",
                               "kế hoạch năm 2024"),
            "2024-04-16");
  EXPECT_EQ(ExtractArticleDate({}, "Sáng nay, hội nghị diễn ra.", ""), "");
}

}  // namespace
}  // namespace vnsearch

namespace vnsearch {
namespace {

// Issue 14's input: a long page repeating one period. Inference was
// quadratic in the repetitions (16 s at 128 KB); the answer must not change.
TEST(ArticleDatesTest, InferYearOnALongRepetitivePage) {
  std::string text;
  while (text.size() < (256u << 10)) {
    text += "Kết quả kinh doanh quý 2/2020 của doanh nghiệp tăng. ";
  }
  EXPECT_EQ(InferYear(text, 6, 9), 2020);
  EXPECT_EQ(InferYear(text, 11, 9), std::nullopt);
}

}  // namespace
}  // namespace vnsearch
