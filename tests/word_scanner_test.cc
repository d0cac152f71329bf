#include "common/document/word_scanner.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace vnsearch {
namespace {

// Renders each word as "text/shape" with shape l(ower) C(apitalized)
// U(pper) M(ixed) N(umber), "+j" when joined, after "|" when punctuation
// precedes it.
std::string Render(std::string_view text) {
  std::string out;
  for (const ScannedWord& word : ScanWords(text)) {
    if (!out.empty()) out += ' ';
    if (word.sep_before != 0 && !out.empty()) out += '|';
    out += std::string(word.Text(text)) + '/';
    switch (word.shape) {
      case WordShape::kLower: out += 'l'; break;
      case WordShape::kCapitalized: out += 'C'; break;
      case WordShape::kUpper: out += 'U'; break;
      case WordShape::kMixed: out += 'M'; break;
      case WordShape::kNumber: out += 'N'; break;
    }
    if (word.joined) out += "+j";
  }
  return out;
}

TEST(WordScannerTest, ShapesAndSeparators) {
  const struct {
    const char* text;
    const char* expected;
  } rows[] = {
      {"Bộ trưởng Trương Minh Tuấn", "Bộ/C trưởng/l Trương/C Minh/C Tuấn/C"},
      {"Đ/c Nguyễn, Bộ TT&TT", "Đ/c/C+j Nguyễn/C |Bộ/C TT&TT/U+j"},
      {"ngày 20/7/2023: Covid-19", "ngày/l 20/7/2023/N+j |Covid-19/C+j"},
      {"Jae-in VietnamNet iPhone PHÁT",
       "Jae-in/C VietnamNet/M iPhone/M PHÁT/U"},
      {"Chỉ thị 03-CT/TW.", "Chỉ/C thị/l 03-CT/TW/N+j"},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(Render(row.text), row.expected) << row.text;
  }
  std::vector<ScannedWord> words = ScanWords("a; (b) – c\nd");
  ASSERT_EQ(words.size(), 4u);
  EXPECT_EQ(words[0].sep_before, kSepLineBreak);
  EXPECT_EQ(words[1].sep_before, kSepSemicolon | kSepOpenParen);
  EXPECT_EQ(words[2].sep_before, kSepCloseParen | kSepDash);
  EXPECT_EQ(words[3].sep_before, kSepLineBreak);
}

TEST(WordScannerTest, CountsAndTrims) {
  EXPECT_EQ(CountWords("Bộ trưởng, TT&TT 2023"), 4u);
  EXPECT_EQ(CountWords(" ,.- "), 0u);
  EXPECT_TRUE(HasWord("-- a"));
  EXPECT_FALSE(HasWord(" ,.- "));
  EXPECT_EQ(TrimSpace("\xC2\xA0 Hà Nội \t\n"), "Hà Nội");
  EXPECT_EQ(TrimSpace("   "), "");
  EXPECT_EQ(CapitalizeFirst("bộ trưởng"), "Bộ trưởng");
  EXPECT_EQ(CapitalizeFirst("đ/c"), "Đ/c");
}

TEST(WordScannerTest, LowerCase) {
  const struct {
    std::string text;
    std::string expected;
  } rows[] = {
      {"", ""},
      {"ĐẢNG BỘ Hà Nội", "đảng bộ hà nội"},
      {"ƯỚC TÍNH Ở ỦY BAN", "ước tính ở ủy ban"},
      {"TP.HCM, UBND-TT&TT 2023", "tp.hcm, ubnd-tt&tt 2023"},
      // NFD stays NFD: only the base letters change.
      {"HO\x41\xCC\x80", "ho\x61\xCC\x80"},
      // Ill-formed bytes are copied unchanged, also a sequence cut short.
      {"AB\xFF" "CD\xE1\xBA", "ab\xFF" "cd\xE1\xBA"},
      // Full case mapping: the two differences from letter-by-letter
      // u_tolower.
      {"İzmir", "i\xCC\x87zmir"},
      {"ΟΔΟΣ", "οδος"},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(LowerCase(row.text), row.expected) << row.text;
  }
}

}  // namespace
}  // namespace vnsearch
