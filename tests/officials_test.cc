#include "common/document/officials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/document/article_parser.h"

namespace vnsearch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// {text, "name | role" for each official in order}.
struct Row {
  const char* text;
  std::vector<std::string> expected;
};

// Officials in `text`, by an extractor built for the call.
std::vector<Official> ExtractOfficials(std::string_view text) {
  return OfficialExtractor::Create().value().Extract(text);
}

std::vector<std::string> NameRoles(const std::vector<Official>& officials) {
  std::vector<std::string> out;
  for (const Official& official : officials) {
    out.push_back(official.name + " | " + official.role);
  }
  return out;
}

TEST(OfficialsTest, GoldenTable) {
  const std::vector<Row> rows = {
      // Office then name.
      {"Bộ trưởng Trương Minh Tuấn cho biết.",
       {"Trương Minh Tuấn | Bộ trưởng"}},
      {"Bí thư Đảng ủy Khối Nguyễn Văn Thể đề nghị.",
       {"Nguyễn Văn Thể | Bí thư Đảng ủy Khối"}},
      {"Phát biểu, Ủy viên Trung ương Đảng, Bí thư Đảng ủy Khối Nguyễn Văn Thể "
       "cho biết.",
       {"Nguyễn Văn Thể | Ủy viên Trung ương Đảng, Bí thư Đảng ủy Khối"}},
      {"Phó Thủ tướng Chính phủ Vũ Đức Đam chủ trì.",
       {"Vũ Đức Đam | Phó Thủ tướng Chính phủ"}},
      {"Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung phát biểu.",
       {"Nguyễn Đức Chung | Chủ tịch UBND TP Hà Nội"}},
      {"Chủ tịch UBND quận 2 Nguyễn Phước Hưng cho biết.",
       {"Nguyễn Phước Hưng | Chủ tịch UBND quận 2"}},
      {"Bộ trưởng Nông nghiệp và Phát triển nông thôn Nguyễn Xuân Cường nói.",
       {"Nguyễn Xuân Cường | Bộ trưởng Nông nghiệp và Phát triển nông thôn"}},
      {"Phó Chủ tịch Quốc hội Uông Chu Lưu điều hành.",
       {"Uông Chu Lưu | Phó Chủ tịch Quốc hội"}},
      {"Trưởng thôn Nguyễn Văn An cho biết.", {"Nguyễn Văn An | Trưởng thôn"}},
      {"Chủ tịch UBND tỉnh, ông Nguyễn Văn Bình cho biết.",
       {"Nguyễn Văn Bình | Chủ tịch UBND tỉnh"}},
      // Foreign officials: after a country, or right after the office.
      {"Tổng thống Mỹ Donald Trump phát biểu.",
       {"Donald Trump | Tổng thống Mỹ"}},
      {"Tổng thống Thổ Nhĩ Kỳ Recep Tayyip Erdogan nói.",
       {"Recep Tayyip Erdogan | Tổng thống Thổ Nhĩ Kỳ"}},
      {"Chủ tịch Trung Quốc Tập Cận Bình cho biết.",
       {"Tập Cận Bình | Chủ tịch Trung Quốc"}},
      {"Thủ tướng Nhật Bản Shinzo Abe về nước.",
       {"Shinzo Abe | Thủ tướng Nhật Bản"}},
      {"dưới thời Tổng thống George W. Bush.", {"George W. Bush | Tổng thống"}},
      {"Robert Lighthizer, Đại diện Thương mại Mỹ, cho biết.",
       {"Robert Lighthizer | Đại diện Thương mại Mỹ"}},
      // Name then office.
      {"đồng chí Lê Quốc Cường, Bí thư Đảng ủy, Giám đốc Sở Thông tin và "
       "Truyền thông chủ trì hội nghị.",
       {"Lê Quốc Cường | Bí thư Đảng ủy, Giám đốc Sở Thông tin và Truyền "
        "thông"}},
      {"Đ/c Nguyễn Bắc Son – Ủy viên Trung ương Đảng, Bí thư Ban cán sự Đảng; "
       "đ/c Nguyễn Minh Hồng - Thứ trưởng Bộ Thông tin và Truyền thông và các "
       "đồng chí khác.",
       {"Nguyễn Bắc Son | Ủy viên Trung ương Đảng, Bí thư Ban cán sự Đảng",
        "Nguyễn Minh Hồng | Thứ trưởng Bộ Thông tin và Truyền thông"}},
      {"ông Hoàng Bảo Chung – Phó Chủ tịch UBND xã Cao Nhân cho biết.",
       {"Hoàng Bảo Chung | Phó Chủ tịch UBND xã Cao Nhân"}},
      {"ông Nguyễn Văn A (Chủ tịch UBND xã) cho biết.",
       {"Nguyễn Văn A | Chủ tịch UBND xã"}},
      {"bà Trần Thị Thu Hà, Phó Trưởng phòng Giáo dục quận Hai Bà Trưng, Hà "
       "Nội cho biết.",
       {"Trần Thị Thu Hà | Phó Trưởng phòng Giáo dục quận Hai Bà Trưng"}},
      // The company, not its director, follows the office.
      {"ông Lê Hữu Nghĩa – Giám đốc Công ty Lê Thành cho rằng.",
       {"Lê Hữu Nghĩa | Giám đốc Công ty Lê Thành"}},
      // Lists.
      {"Dự hội nghị có các đồng chí: Huỳnh Tấn Việt, Ủy viên Trung ương Đảng; "
       "Phan Xuân Thủy, Phó Trưởng ban Tuyên giáo Trung ương, cùng lãnh đạo.",
       {"Huỳnh Tấn Việt | Ủy viên Trung ương Đảng",
        "Phan Xuân Thủy | Phó Trưởng ban Tuyên giáo Trung ương"}},
      // Party address without a role.
      {"đồng chí Trần Đức Lai đã đề nghị.", {"Trần Đức Lai | "}},
      // Not officials.
      {"Theo Diệp Trương (TTXVN/Vietnam+)", {}},
      {"Tin, ảnh: Nhật Minh", {}},
      {"Toàn cảnh hội nghị. Ảnh: Xuân Lộc", {}},
      {"Hương Quỳnh", {}},
      {"học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.", {}},
      {"Lăng Chủ tịch Hồ Chí Minh mở cửa.", {}},
      {"tại Hà Nội, Chủ tịch nước Trần Đại Quang tiếp đoàn.",
       {"Trần Đại Quang | Chủ tịch nước"}},
      {"ông Cao Thắng mua xe.", {}},
      {"Đồng chí Bí thư Đảng ủy đề nghị.", {}},
      {"tại Phủ Chủ tịch, Chủ tịch nước Trần Đại Quang trả lời.",
       {"Trần Đại Quang | Chủ tịch nước"}},
      {"Phó Chủ tịch Phòng Thương mại và Công nghiệp Việt Nam phát biểu.", {}},
      {"nhà lãnh đạo Đông Nam Á đầu tiên thăm Nhà Trắng.", {}},
      {"chính quyền Tổng thống Donald Trump.", {"Donald Trump | Tổng thống"}},
  };
  const OfficialExtractor extractor = OfficialExtractor::Create().value();
  for (const Row& row : rows) {
    EXPECT_EQ(NameRoles(extractor.Extract(row.text)), row.expected) << row.text;
  }
}

TEST(OfficialsTest, AliasIsTheSamePerson) {
  const std::vector<Official> officials = ExtractOfficials(
      "đồng chí Đỗ Văn Phới (Đỗ Văn Phớn), Bí thư Đảng ủy, Phó Trưởng ban Dân "
      "vận Trung ương. Đồng chí Đỗ Văn Phớn phát biểu.");
  ASSERT_EQ(officials.size(), 1u);
  EXPECT_EQ(officials[0].name, "Đỗ Văn Phới");
  EXPECT_THAT(officials[0].aliases, ElementsAre("Đỗ Văn Phớn"));
  EXPECT_EQ(officials[0].role,
            "Bí thư Đảng ủy, Phó Trưởng ban Dân vận Trung ương");
  EXPECT_EQ(officials[0].mentions, 3);
}

TEST(OfficialsTest, DeduplicatesKeepingTheLongestRoleAndCountsMentions) {
  const std::vector<Official> officials = ExtractOfficials(
      "Bộ trưởng Trương Minh Tuấn cho biết. Đánh giá cao, Bộ trưởng TT&TT "
      "Trương Minh Tuấn nhấn mạnh. Trương Minh Tuấn nói thêm.");
  ASSERT_EQ(officials.size(), 1u);
  EXPECT_EQ(officials[0].role, "Bộ trưởng TT&TT");
  EXPECT_EQ(officials[0].mentions, 3);
}

TEST(OfficialsTest, EmptyAndWordlessText) {
  EXPECT_THAT(ExtractOfficials(""), IsEmpty());
  EXPECT_THAT(ExtractOfficials(" ,.;: -- "), IsEmpty());
  // Long runs of offices without names stay cheap and find nothing.
  std::string offices;
  for (int i = 0; i < 2000; ++i) offices += "Bí thư, Phó Bí thư Tỉnh ủy, ";
  EXPECT_THAT(ExtractOfficials(offices), IsEmpty());
}

// The gold list of tests/gold/officials.json against the parser's output on
// corpus/: precision and recall of names, both at least 0.95.
TEST(OfficialsTest, GoldCorpusPrecisionAndRecall) {
  const std::string source_dir = VNSEARCH_SOURCE_DIR;
  const nlohmann::json gold = nlohmann::json::parse(
      ReadFile(source_dir + "/tests/gold/officials.json"));
  size_t gold_names = 0;
  size_t found_names = 0;
  size_t correct = 0;
  size_t roles_right = 0;
  size_t mentions_right = 0;
  for (const auto& [file, expected] : gold.items()) {
    if (file.starts_with("_")) continue;
    const std::string text = ReadFile(source_dir + "/corpus/" + file);
    ASSERT_FALSE(text.empty()) << file;
    absl::StatusOr<Article> article = ParseTextArticle(file, text);
    ASSERT_TRUE(article.ok()) << article.status();
    std::set<std::string> found;
    for (const Official& official : article->officials) {
      found.insert(official.name);
    }
    found_names += found.size();
    for (const nlohmann::json& entry : expected) {
      const std::string name = entry["name"].get<std::string>();
      ++gold_names;
      if (found.count(name) == 0) {
        ADD_FAILURE() << file << ": missed " << name;
        continue;
      }
      ++correct;
      for (const Official& official : article->officials) {
        if (official.name != name) continue;
        if (official.role == entry["role"].get<std::string>()) ++roles_right;
        if (official.mentions == entry["mentions"].get<int>()) {
          ++mentions_right;
        }
        EXPECT_EQ(official.aliases,
                  entry["aliases"].get<std::vector<std::string>>())
            << name;
      }
    }
    for (const std::string& name : found) {
      bool in_gold = false;
      for (const nlohmann::json& entry : expected) {
        in_gold = in_gold || entry["name"].get<std::string>() == name;
      }
      if (!in_gold) ADD_FAILURE() << file << ": extra " << name;
    }
  }
  ASSERT_GT(gold_names, 0u);
  const double precision =
      found_names == 0 ? 0.0 : static_cast<double>(correct) / found_names;
  const double recall = static_cast<double>(correct) / gold_names;
  std::printf(
      "officials gold: %zu names, %zu found, %zu correct; precision %.3f, "
      "recall %.3f; roles exact %zu/%zu, mentions exact %zu/%zu\n",
      gold_names, found_names, correct, precision, recall, roles_right, correct,
      mentions_right, correct);
  EXPECT_GE(precision, 0.95);
  EXPECT_GE(recall, 0.95);
  // Roles are what the field boost shows; the gold ones are exact today.
  EXPECT_GE(static_cast<double>(roles_right) / gold_names, 0.9);
  EXPECT_GE(static_cast<double>(mentions_right) / gold_names, 0.9);
}

}  // namespace
}  // namespace vnsearch
