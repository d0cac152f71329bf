#include "common/analysis/tokenizer.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace vnsearch {
namespace {

// Renders spans as "text" for words, "[text]" for compounds, "{text}" for
// inner compounds, "~text" for parts, with "|" before a span that starts a
// clause.
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
      case TokenKind::kCompound:
        out += (s.inner ? "{" : "[") + word + (s.inner ? "}" : "]");
        break;
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
      {"TP.HCM", "|[TP.HCM] |~TP ~HCM"},
      {"PGS.TS Lê Vinh", "|[PGS.TS] |~PGS ~TS Lê Vinh"},
      {"O'Brien nói", "|[O'Brien] |~O ~Brien nói"},
      {"Hà Nội. Sáng", "|Hà Nội |Sáng"},
      {"(GMT+7)", "|GMT |7"},
      {"Nguyễn Bắc Son – Ủy viên", "|Nguyễn Bắc Son |Ủy viên"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Render(row.input), row.expected) << "input: " << row.input;
  }
}

// Numbers glued to a unit or a currency: the code whole, the number with its
// digit groups (an inner compound), and the parts.
TEST(TokenizerTest, NumbersGluedToUnits) {
  const Row rows[] = {
      {"giá 140.000đ", "|giá [140.000đ] {140.000} ~140 ~000 ~đ"},
      {"tăng 20%", "|tăng [20%] ~20"},
      {"tăng 2,5% rồi", "|tăng [2,5%] {2,5} ~2 ~5 rồi"},
      {"nặng 5kg", "|nặng [5kg] ~5 ~kg"},
      {"độ cao 1.600m-2.000m",
       "|độ cao [1.600m-2.000m] {1.600m} {1.600} ~1 ~600 ~m {2.000m} {2.000} "
       "~2 ~000 ~m"},
      {"từ 5kg-10kg", "|từ [5kg-10kg] {5kg} ~5 ~kg {10kg} ~10 ~kg"},
      {"giá 140.000VNĐ", "|giá [140.000VNĐ] {140.000} ~140 ~000 ~VNĐ"},
      {"mạng 4G", "|mạng [4G] ~4 ~G"},
      // Not a number and its unit: letters first, or digits after the
      // letters, or a sign with no digit before it.
      {"U23 19h30 3f2a", "|U23 19h30 3f2a"},
      {"tỷ lệ %", "|tỷ lệ"},
      {"3.000 người", "|[3.000] |~3 ~000 người"},
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
      {"TP.HCM", {true, true, false}},
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

// Renders each word or compound as "{separators}text", the separators as
// , ; : . n(line break) - ( ) " ?(other), and the separators of the parts
// after a compound's first one (always none) as "+{...}".
std::string RenderSeparators(std::string_view text) {
  std::vector<TokenSpan> spans;
  Tokenize(text, spans);
  static constexpr std::pair<uint16_t, char> kSymbols[] = {
      {kSepComma, ','},     {kSepSemicolon, ';'}, {kSepColon, ':'},
      {kSepSentence, '.'},  {kSepLineBreak, 'n'}, {kSepDash, '-'},
      {kSepOpenParen, '('}, {kSepCloseParen, ')'}, {kSepQuote, '"'},
      {kSepOther, '?'}};
  auto symbols = [&](uint16_t bits) {
    std::string out = "{";
    for (const auto& [bit, symbol] : kSymbols) {
      if (bits & bit) out += symbol;
    }
    return out + "}";
  };
  std::string out;
  bool first_part = false;
  for (const TokenSpan& s : spans) {
    if (s.kind == TokenKind::kPart) {
      if (!first_part && s.separators != 0) out += " +" + symbols(s.separators);
      first_part = false;
      continue;
    }
    if (!out.empty()) out += ' ';
    out += symbols(s.separators) +
           std::string(text.substr(s.begin, s.end - s.begin));
    first_part = s.kind == TokenKind::kCompound;
  }
  return out;
}

TEST(TokenizerTest, SeparatorsBetweenWords) {
  const Row rows[] = {
      {"", ""},
      {"Đảng bộ", "{n}Đảng {}bộ"},
      {"  cán bộ", "{n}cán {}bộ"},
      {"a, b; c: d. e! f… g\nh", "{n}a {,}b {;}c {:}d {.}e {.}f {.}g {n}h"},
      {"ông A (Chủ tịch) nói", "{n}ông {}A {(}Chủ {}tịch {)}nói"},
      {"bỏ “định kiến” 'xưa'", "{n}bỏ {\"}định {}kiến {\"}xưa"},
      {"2017 - 2022, Bắc Son – Ủy viên — x",
       "{n}2017 {-}2022 {,}Bắc {}Son {-}Ủy {}viên {-}x"},
      {"a-, b", "{n}a {,-}b"},
      {"TP.HCM", "{n}TP.HCM"},
      {"a\u200Bb\uFEFF c", "{n}a {}b {}c"},
      {"(GMT+7) 10:00", "{n(}GMT {?}7 {)}10 {:}00"},
      {"ab\xFF" "cd", "{n}ab {?}cd"},
      {"Bộ TT&TT, Covid-19", "{n}Bộ {}TT&TT {,}Covid-19"},
      {"dòng một.\r\ndòng hai", "{n}dòng {}một {.n}dòng {}hai"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(RenderSeparators(row.input), row.expected)
        << "input: " << row.input;
  }
}

// The joiners a compound holds; words and parts hold none.
TEST(TokenizerTest, JoinersOfCompounds) {
  struct JoinerRow {
    const char* input;
    uint8_t joiners;
  };
  const JoinerRow rows[] = {
      {"Covid-19", kJoinHyphen},
      {"Đ/c", kJoinSlash},
      {"TT&TT", kJoinAmpersand},
      {"03-CT/TW", kJoinHyphen | kJoinSlash},
      {"user_name", kJoinUnderscore},
      {"3.000", kJoinDigitGroup},
      {"1,5", kJoinDigitGroup},
      {"20/7/2023", kJoinSlash},
      {"O'Brien", kJoinApostrophe},
      {"O’Brien", kJoinApostrophe},
      {"TP.HCM", kJoinPeriod},
      {"Q.1", kJoinPeriod},
  };
  for (const JoinerRow& row : rows) {
    std::vector<TokenSpan> spans;
    Tokenize(row.input, spans);
    ASSERT_GE(spans.size(), 3u) << row.input;
    EXPECT_EQ(spans[0].kind, TokenKind::kCompound) << row.input;
    EXPECT_EQ(spans[0].joiners, row.joiners) << row.input;
    for (size_t i = 1; i < spans.size(); ++i) {
      EXPECT_EQ(spans[i].kind, TokenKind::kPart) << row.input;
      EXPECT_EQ(spans[i].joiners, 0) << row.input;
    }
  }
  std::vector<TokenSpan> spans;
  Tokenize("Đảng bộ", spans);
  for (const TokenSpan& s : spans) EXPECT_EQ(s.joiners, 0);
}

}  // namespace
}  // namespace vnsearch
