#include "common/analysis/word_normalizer.h"

#include <gtest/gtest.h>

#include "common/analysis/analyzer.h"

namespace vnsearch {
namespace {

class WordNormalizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto table = CharTable::Create();
    ASSERT_TRUE(table.ok()) << table.status();
    normalizer_ = std::make_unique<WordNormalizer>(*table);
  }
  std::pair<std::string, std::string> Forms(std::string_view word) {
    std::string exact, folded;
    normalizer_->Normalize(word, exact, folded);
    return {exact, folded};
  }
  std::unique_ptr<WordNormalizer> normalizer_;
};

struct Row {
  const char* input;
  const char* exact;
  const char* folded;
};

TEST_F(WordNormalizerTest, CaseAndDiacriticFolding) {
  const Row rows[] = {
      {"Đảng", "đảng", "dang"},   {"ĐẢNG", "đảng", "dang"},
      {"đ", "đ", "d"},            {"Đ", "đ", "d"},
      {"bộ", "bộ", "bo"},         {"Nghị", "nghị", "nghi"},
      {"Trương", "trương", "truong"}, {"Tuấn", "tuấn", "tuan"},
      {"ƯỚC", "ước", "uoc"},      {"giường", "giường", "giuong"},
      {"TT&TT", "tt&tt", "tt&tt"}, {"2020", "2020", "2020"},
      {"Covid-19", "covid-19", "covid-19"},
      {"café", "café", "cafe"},   {"Москва", "москва", "москва"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Forms(row.input),
              std::make_pair(std::string(row.exact), std::string(row.folded)))
        << "input: " << row.input;
  }
}

// Look-alikes spell the letter they stand for; each syllable of a code gets
// its canonical tone placement.
TEST_F(WordNormalizerTest, LookAlikesAndCodes) {
  const Row rows[] = {
      {"\u00D0\u1EA3ng", "đảng", "dang"},  // Ð (eth) for Đ
      {"\u00F0\u1EA3ng", "đảng", "dang"},  // ð
      {"\u00D0\u00D0", "đđ", "dd"},
      {"hoà-bình", "hòa-bình", "hoa-binh"},
      {"Hoà-Bình", "hòa-bình", "hoa-binh"},
      {"hòa-bình", "hòa-bình", "hoa-binh"},
      {"thuỷ/lợi", "thủy/lợi", "thuy/loi"},
      {"Ð/c", "đ/c", "d/c"},
      {"ＶＮＰＴ", "vnpt", "vnpt"},
      {"２０２３", "2023", "2023"},
      {"ｖｎｐｔ", "vnpt", "vnpt"},
      {"140.000đ", "140.000đ", "140.000d"},
      {"20%", "20%", "20%"},
      {"O’Brien", "o’brien", "o’brien"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Forms(row.input), std::make_pair(std::string(row.exact),
                                               std::string(row.folded)))
        << "input: " << row.input;
  }
}

TEST_F(WordNormalizerTest, CanonicalTonePlacement) {
  const Row rows[] = {
      // Old and new placements meet.
      {"hoà", "hòa", "hoa"},   {"hòa", "hòa", "hoa"},
      {"khoẻ", "khỏe", "khoe"}, {"khỏe", "khỏe", "khoe"},
      {"thuỷ", "thủy", "thuy"}, {"thủy", "thủy", "thuy"},
      {"uỷ", "ủy", "uy"},       {"ủy", "ủy", "uy"},
      {"Uỷ", "ủy", "uy"},       {"khoá", "khóa", "khoa"},
      {"xoá", "xóa", "xoa"},    {"hoá", "hóa", "hoa"},
      {"HOÀ", "hòa", "hoa"},
      // Unambiguous syllables are untouched.
      {"quý", "quý", "quy"},     {"hoàng", "hoàng", "hoang"},
      {"thuyền", "thuyền", "thuyen"}, {"mùa", "mùa", "mua"},
      {"ngoài", "ngoài", "ngoai"}, {"khuỷu", "khuỷu", "khuyu"},
      {"già", "già", "gia"},     {"gìn", "gìn", "gin"},
      {"quốc", "quốc", "quoc"},  {"người", "người", "nguoi"},
      {"toán", "toán", "toan"},  {"huỳnh", "huỳnh", "huynh"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Forms(row.input), std::make_pair(std::string(row.exact),
                                               std::string(row.folded)))
        << "input: " << row.input;
  }
}

TEST_F(WordNormalizerTest, NfdEqualsNfc) {
  const Row rows[] = {
      // NFD spellings (base letter + combining marks).
      {"\x68\x6F\x61\xCC\x80", "hòa", "hoa"},                     // hoà
      {"\xC4\x90\x61\xCC\x89\x6E\x67", "đảng", "dang"},           // Đảng
      {"\x6E\x67\x68\x69\xCC\xA3", "nghị", "nghi"},               // nghị
      {"\x74\x75\xCC\x9B\x6F\xCC\x9B\xCC\x80\x6E\x67", "tường", "tuong"},  // tường
      {"\x65\xCC\xA3\xCC\x82", "ệ", "e"},                         // ệ, marks in NFD order
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Forms(row.input), std::make_pair(std::string(row.exact),
                                               std::string(row.folded)))
        << "input: " << row.input;
  }
}

}  // namespace
}  // namespace vnsearch
