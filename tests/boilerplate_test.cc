#include "common/document/boilerplate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace vnsearch {
namespace {

using ::testing::ElementsAre;

TEST(BoilerplateTest, FurnitureLines) {
  const std::vector<std::pair<std::string, bool>> rows = {
      {"{keywords}", true},
      {"img", true},
      {"Bình luận", true},
      {"Bình luận nhiều", true},
      {"Bình luận (12)", true},
      {"Ý kiến của bạn sẽ được biên tập trước khi đăng. Xin vui lòng gõ tiếng "
       "Việt có dấu",
       true},
      {"Tin liên quan", true},
      {"Đọc nhiều", true},
      {"Cùng chuyên mục", true},
      {"Phản hồi", true},
      {"Các tin khác", true},
      {"Thư viện ảnh", true},
      {"Liên kết website", true},
      {"Mới nhất", true},
      {"TIN LIÊN QUAN:", true},
      {"Toàn cảnh hội nghị", false},
      {"Bình luận viên Nguyễn Văn A nhận định trận đấu.", false},
      {"Tin liên quan đến vụ án được công bố.", false},
  };
  for (const auto& [line, expected] : rows) {
    EXPECT_EQ(IsFurnitureLine(line), expected) << line;
  }
  EXPECT_TRUE(IsTailMarker("Tin liên quan"));
  EXPECT_TRUE(IsTailMarker("Các tin khác"));
  EXPECT_FALSE(IsTailMarker("img"));
  EXPECT_FALSE(IsTailMarker("{keywords}"));
}

TEST(BoilerplateTest, CreditsAndBylines) {
  EXPECT_TRUE(IsCreditLine("Tin, ảnh: Nhật Minh"));
  EXPECT_TRUE(IsCreditLine("Ảnh: Xuân Lộc"));
  EXPECT_TRUE(IsCreditLine("Theo Diệp Trương (TTXVN/Vietnam+)"));
  EXPECT_TRUE(IsCreditLine("Nguồn: TTXVN"));
  EXPECT_FALSE(IsCreditLine("Theo báo cáo, năm 2017, Đảng ủy đã quán triệt."));
  EXPECT_FALSE(IsCreditLine("Toàn cảnh hội nghị"));

  EXPECT_TRUE(IsBylineLike("Hương Quỳnh"));
  EXPECT_TRUE(IsBylineLike("TQPhuc"));
  EXPECT_TRUE(IsBylineLike("Trung Hùng (Tổng hợp)"));
  EXPECT_FALSE(IsBylineLike("Toàn cảnh hội nghị"));
  EXPECT_FALSE(IsBylineLike("Bộ trưởng nói."));

  const std::vector<std::pair<std::string, std::string>> strip = {
      {"Toàn cảnh hội nghị. Ảnh: Xuân Lộc", "Toàn cảnh hội nghị."},
      {"Bộ trưởng TT&TT Trương Minh Tuấn. Ảnh: Xuân Lộc",
       "Bộ trưởng TT&TT Trương Minh Tuấn."},
      {"Các đồng chí được chỉ định. (Nguồn: Báo Nhân dân) ",
       "Các đồng chí được chỉ định."},
      {"Khách tại sân bay - Ảnh: Đào Loan", "Khách tại sân bay"},
      {"Ảnh: Xuân Lộc", ""},
      {"Ảnh minh họa.", "Ảnh minh họa."},
      {"Toàn cảnh hội nghị", "Toàn cảnh hội nghị"},
  };
  for (const auto& [line, expected] : strip) {
    EXPECT_EQ(StripCredit(line), expected) << line;
  }
}

std::vector<std::string> Clean(const std::vector<std::string_view>& lines) {
  std::vector<std::string> out;
  for (std::string_view line : RemoveBoilerplate(lines)) {
    out.emplace_back(line);
  }
  return out;
}

TEST(BoilerplateTest, TeasersAtTheEndGoWithTheByline) {
  // 000's tail: each teaser headline twice, then its blurb; the byline last.
  EXPECT_THAT(Clean({"Lead paragraph.", "Body paragraph.",
                     "Ông Võ Văn Thưởng: 'Tôi lo lắng'",
                     "Ông Võ Văn Thưởng: 'Tôi lo lắng'",
                     "Ông Võ Văn Thưởng bày tỏ lo lắng.",
                     "19 thứ trưởng giờ ra sao?", "19 thứ trưởng giờ ra sao?",
                     "19 thứ trưởng được luân chuyển.", "Hương Quỳnh"}),
              ElementsAre("Lead paragraph.", "Body paragraph."));
}

TEST(BoilerplateTest, DoubledLineInTheMiddleIsDroppedAlone) {
  // 004: a doubled caption under the headline, then the article.
  EXPECT_THAT(
      Clean({"Đại hội Hội Cựu chiến binh nhiệm kỳ 2017 - 2022.",
             "Đại hội Hội Cựu chiến binh nhiệm kỳ 2017 - 2022.",
             "Dự hội nghị có các đồng chí.", "PHÁT HUY TINH THẦN",
             "Báo cáo tổng kết.", "Tin, ảnh: Nhật Minh", "Phản hồi",
             "Các tin khác", "Thư viện ảnh", "Liên kết website", "Mới nhất"}),
      ElementsAre("Dự hội nghị có các đồng chí.", "PHÁT HUY TINH THẦN",
                  "Báo cáo tổng kết."));
}

TEST(BoilerplateTest, PageTailAndFurniture) {
  // 003's tail and 000's "{keywords}" image markers.
  EXPECT_THAT(Clean({"Lead.", "{keywords}", "Toàn cảnh hội nghị. Ảnh: Xuân Lộc",
                     "Body.", "Theo Diệp Trương (TTXVN/Vietnam+)", "Bình luận",
                     "Ý kiến của bạn sẽ được biên tập trước khi đăng.",
                     "Cùng chuyên mục", "Tin liên quan", "Đọc nhiều",
                     "Bình luận nhiều"}),
              ElementsAre("Lead.", "Toàn cảnh hội nghị.", "Body."));
}

TEST(BoilerplateTest, MarkerFollowedByArticleTextOnlyDropsTheMarker) {
  const std::string long_paragraph(
      "Đây là một đoạn văn dài của bài báo với rất nhiều chữ để vượt qua giới "
      "hạn của một dòng giới thiệu bài liên quan, tiếp tục kể chuyện về hội "
      "nghị, về các đại biểu, về các báo cáo, về các kết quả đã đạt được trong "
      "năm qua và các nhiệm vụ của năm tới, cùng nhiều chi tiết khác nữa để "
      "đoạn này dài hơn sáu mươi chữ như một đoạn văn thật.");
  EXPECT_THAT(Clean({"Lead.", "Tin liên quan", "Một tin khác", long_paragraph}),
              ElementsAre("Lead.", "Một tin khác", long_paragraph));
}

TEST(BoilerplateTest, KeepsOrdinaryText) {
  EXPECT_THAT(Clean({"Only paragraph."}), ElementsAre("Only paragraph."));
  EXPECT_THAT(Clean({}), ElementsAre());
}

}  // namespace
}  // namespace vnsearch
