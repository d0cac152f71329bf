#include "common/analysis/analyzer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace vnsearch {
namespace {

class AnalyzerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok()) << analyzer.status();
    analyzer_ = std::make_unique<Analyzer>(*analyzer);
  }
  // "exact/folded@position" for each token.
  std::vector<std::string> Render(std::string_view text) {
    std::vector<std::string> out;
    for (const Token& t : analyzer_->Analyze(text)) {
      out.push_back(t.exact + "/" + t.folded + "@" + std::to_string(t.position));
    }
    return out;
  }
  std::unique_ptr<Analyzer> analyzer_;
};

TEST_F(AnalyzerTest, TokensWithPositions) {
  EXPECT_EQ(Render("Đảng bộ Bộ TT&TT"),
            (std::vector<std::string>{"đảng/dang@0", "bộ/bo@1", "bộ/bo@2",
                                      "tt&tt/tt&tt@3", "tt/tt@3", "tt/tt@4"}));
  EXPECT_EQ(Render("Chỉ thị 03-CT/TW"),
            (std::vector<std::string>{"chỉ/chi@0", "thị/thi@1",
                                      "03-ct/tw/03-ct/tw@2", "03/03@2",
                                      "ct/ct@3", "tw/tw@4"}));
  EXPECT_EQ(Render("xoá bỏ, hoà bình"),
            (std::vector<std::string>{"xóa/xoa@0", "bỏ/bo@1", "hòa/hoa@2",
                                      "bình/binh@3"}));
}

// The golden table of issue 12: what each spelling is found by.
TEST_F(AnalyzerTest, NumbersUnitsAndLookAlikes) {
  EXPECT_EQ(Render("giá 140.000đ"),
            (std::vector<std::string>{"giá/gia@0", "140.000đ/140.000d@1",
                                      "140.000/140.000@1", "140/140@1",
                                      "000/000@2", "đ/d@3"}));
  EXPECT_EQ(Render("20% dân số"),
            (std::vector<std::string>{"20%/20%@0", "20/20@0", "dân/dan@1",
                                      "số/so@2"}));
  EXPECT_EQ(
      Render("\u00D0\u1EA3ng ＶＮＰＴ ２０２３"),
      (std::vector<std::string>{"đảng/dang@0", "vnpt/vnpt@1", "2023/2023@2"}));
  EXPECT_EQ(Render("Hoà-Bình"),
            (std::vector<std::string>{"hòa-bình/hoa-binh@0", "hòa/hoa@0",
                                      "bình/binh@1"}));
}

TEST_F(AnalyzerTest, NfdTextGivesNfcTokensWithOriginalOffsets) {
  const std::string nfc = "Đảng bộ hoà";
  // "Đảng bộ hoà" in NFD: Đ a+hook n g, b o+circumflex+dot, h o a+grave.
  const std::string decomposed =
      "\xC4\x90\x61\xCC\x89ng b\x6F\xCC\xA3\xCC\x82 ho\x61\xCC\x80";
  const std::vector<Token> a = analyzer_->Analyze(nfc);
  const std::vector<Token> b = analyzer_->Analyze(decomposed);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].exact, b[i].exact);
    EXPECT_EQ(a[i].folded, b[i].folded);
    EXPECT_EQ(a[i].position, b[i].position);
  }
  // Offsets index the NFD bytes.
  EXPECT_EQ(decomposed.substr(b[2].begin, b[2].end - b[2].begin),
            "ho\x61\xCC\x80");
  EXPECT_EQ(b[2].exact, "hòa");
}

TEST_F(AnalyzerTest, ClauseStarts) {
  const std::vector<Token> tokens = analyzer_->Analyze("Hà Nội, Đảng bộ");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_TRUE(tokens[0].clause_start);
  EXPECT_FALSE(tokens[1].clause_start);
  EXPECT_TRUE(tokens[2].clause_start);
  EXPECT_FALSE(tokens[3].clause_start);
}

TEST_F(AnalyzerTest, OverlongJunkIsDropped) {
  const std::string junk(200, 'x');
  EXPECT_EQ(Render("a " + junk + " b"),
            (std::vector<std::string>{"a/a@0", "b/b@1"}));
}

TEST_F(AnalyzerTest, AccentedMeansDiacriticsOrD) {
  const std::vector<Token> tokens = analyzer_->Analyze("dang đang Dang");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_FALSE(tokens[0].accented());
  EXPECT_TRUE(tokens[1].accented());
  EXPECT_FALSE(tokens[2].accented());
}

}  // namespace
}  // namespace vnsearch
