#include "common/analysis/tokenizer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace vnsearch {
namespace {

// Renders spans as "text" for words, "[text]" for compounds, "~text" for
// parts, with "|" before a span that starts a clause.
std::string Render(std::string_view text) {
  std::vector<TokenSpan> spans;
  Tokenize(text, spans);
  std::string out;
  for (const TokenSpan& s : spans) {
    if (!out.empty()) out += ' ';
    if (s.clause_start) out += '|';
    const std::string word(text.substr(s.begin, s.end - s.begin));
    switch (s.kind) {
      case TokenKind::kWord: out += word; break;
      case TokenKind::kCompound: out += "[" + word + "]"; break;
      case TokenKind::kPart: out += "~" + word; break;
    }
  }
  return out;
}

struct Row {
  const char* input;
  const char* expected;
};

TEST(TokenizerTest, GoldenTable) {
  const Row rows[] = {
      {"", ""},
      {"  \n\t ", ""},
      {"Đảng bộ", "|Đảng bộ"},
      {"hội nghị, cán bộ.", "|hội nghị |cán bộ"},
      {"Bộ TT&TT", "|Bộ [TT&TT] ~TT ~TT"},
      {"Chỉ thị 03-CT/TW", "|Chỉ thị [03-CT/TW] ~03 ~CT ~TW"},
      {"nhiệm kỳ 2020-2025", "|nhiệm kỳ [2020-2025] ~2020 ~2025"},
      {"Covid-19 ngày 21/6", "|[Covid-19] |~Covid ~19 ngày [21/6] ~21 ~6"},
      {"3.000 người, 1,5 triệu", "|[3.000] |~3 ~000 người |[1,5] |~1 ~5 triệu"},
      {"Hà Nội. Sáng nay", "|Hà Nội |Sáng nay"},
      {"2017 - 2022", "|2017 |2022"},
      {"a-", "|a"},
      {"-a", "|a"},
      {"TP.HCM", "|TP |HCM"},
      {"(GMT+7)", "|GMT |7"},
      {"Nguyễn Bắc Son – Ủy viên", "|Nguyễn Bắc Son |Ủy viên"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Render(row.input), row.expected) << "input: " << row.input;
  }
}

TEST(TokenizerTest, OffsetsPointIntoTheOriginalBytes) {
  const std::string text = "Sáng nay, Đảng bộ";
  std::vector<TokenSpan> spans;
  Tokenize(text, spans);
  ASSERT_EQ(spans.size(), 4u);
  EXPECT_EQ(text.substr(spans[2].begin, spans[2].end - spans[2].begin), "Đảng");
  EXPECT_EQ(spans[0].begin, 0u);
  EXPECT_EQ(spans[3].end, text.size());
}

TEST(TokenizerTest, NfdCombiningMarksStayInsideTheWord) {
  // "hoà" written as h o a + U+0300.
  const std::string text = "ho\x61\xCC\x80 b\xC3\xACnh";
  std::vector<TokenSpan> spans;
  Tokenize(text, spans);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].end, 5u);
}

TEST(TokenizerTest, InvalidUtf8SeparatesWords) {
  const std::string text = "ab\xFF\xFE" "cd";
  std::vector<TokenSpan> spans;
  Tokenize(text, spans);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[1].begin, 4u);
  EXPECT_TRUE(spans[1].clause_start);
}

// Sentence starts: where adjacency (pair terms) stops. Commas, quotes and
// brackets do not stop it; . ! ? ; … before a space, and line breaks, do.
TEST(TokenizerTest, SentenceStarts) {
  struct Row {
    std::string text;
    std::vector<bool> expected;  // sentence_start of each span
  };
  const Row rows[] = {
      {"Ma túy, không nên", {true, false, false, false}},
      {"bỏ 'định kiến' hình", {true, false, false, false}},
      {"(Anh) Mỹ", {true, false}},
      {"Hà Nội. Sáng nay", {true, false, true, false}},
      {"thắng! Tiếp", {true, true}},
      {"dòng một\ndòng hai", {true, false, true, false}},
      {"TP.HCM", {true, false}},
      {"tuần…mới", {true, false}},
  };
  for (const Row& row : rows) {
    std::vector<TokenSpan> spans;
    Tokenize(row.text, spans);
    std::vector<bool> got;
    for (const TokenSpan& s : spans) got.push_back(s.sentence_start);
    EXPECT_EQ(got, row.expected) << row.text;
  }
}

}  // namespace
}  // namespace vnsearch
