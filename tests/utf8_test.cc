#include "common/base/utf8.h"

#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace vnsearch {
namespace {

// Renders the code points of `text` as "U+XXXX@begin-end", "bad@begin-end"
// for an ill-formed sequence.
std::string Render(std::string_view text) {
  std::string out;
  for (const CodePoint cp : Utf8CodePoints(text)) {
    if (!out.empty()) out += ' ';
    char buffer[32];
    if (cp.c < 0) {
      std::snprintf(buffer, sizeof buffer, "bad@%u-%u", cp.begin, cp.end);
    } else {
      std::snprintf(buffer, sizeof buffer, "U+%04X@%u-%u",
                    static_cast<unsigned>(cp.c), cp.begin, cp.end);
    }
    out += buffer;
  }
  return out;
}

struct Row {
  const char* name;
  std::string text;
  const char* code_points;
  bool valid;
  size_t invalid_sequences;
  size_t first_invalid;
  size_t nuls;
  std::string repaired;
};

const std::string kFffd = "\xEF\xBF\xBD";

TEST(Utf8Test, GoldenTable) {
  const Row rows[] = {
      {"empty", "", "", true, 0, 0, 0, ""},
      {"ascii", "ab", "U+0061@0-1 U+0062@1-2", true, 0, 0, 0, "ab"},
      {"vietnamese", "Đả", "U+0110@0-2 U+1EA3@2-5", true, 0, 0, 0, "Đả"},
      {"four bytes", "\xF0\x9F\x98\x80", "U+1F600@0-4", true, 0, 0, 0,
       "\xF0\x9F\x98\x80"},
      {"nul is well-formed", std::string("a\0b", 3),
       "U+0061@0-1 U+0000@1-2 U+0062@2-3", true, 0, 0, 1,
       std::string("a\0b", 3)},
      {"truncated at the end", "a\xE1\xBA", "U+0061@0-1 bad@1-3", false, 1, 1,
       0, "a" + kFffd},
      {"truncated before a letter", "\xE1\xBA" "b", "bad@0-2 U+0062@2-3", false,
       1, 0, 0, kFffd + "b"},
      {"lone trail byte", "a\x80" "b", "U+0061@0-1 bad@1-2 U+0062@2-3", false,
       1, 1, 0, "a" + kFffd + "b"},
      {"overlong NUL", "\xC0\x80", "bad@0-1 bad@1-2", false, 2, 0, 0,
       kFffd + kFffd},
      {"overlong slash", "\xE0\x80\xAF", "bad@0-1 bad@1-2 bad@2-3", false, 3, 0,
       0, kFffd + kFffd + kFffd},
      {"surrogate", "\xED\xA0\x80", "bad@0-1 bad@1-2 bad@2-3", false, 3, 0, 0,
       kFffd + kFffd + kFffd},
      {"above U+10FFFF", "\xF4\x90\x80\x80", "bad@0-1 bad@1-2 bad@2-3 bad@3-4",
       false, 4, 0, 0, kFffd + kFffd + kFffd + kFffd},
      {"bad lead byte", "x\xFFy", "U+0078@0-1 bad@1-2 U+0079@2-3", false, 1, 1,
       0, "x" + kFffd + "y"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(Render(row.text), row.code_points);
    EXPECT_EQ(IsValidUtf8(row.text), row.valid);
    const Utf8Check check = CheckUtf8(row.text);
    EXPECT_EQ(check.invalid_sequences, row.invalid_sequences);
    EXPECT_EQ(check.first_invalid, row.first_invalid);
    EXPECT_EQ(check.nuls, row.nuls);
    EXPECT_EQ(ReplaceInvalidUtf8(row.text), row.repaired);
    EXPECT_TRUE(IsValidUtf8(ReplaceInvalidUtf8(row.text)));
  }
}

TEST(Utf8Test, DecodeBefore) {
  const std::string text = "aĐ";
  const CodePoint last = DecodeUtf8Before(text, 0, text.size());
  EXPECT_EQ(last.c, 0x110);
  EXPECT_EQ(last.begin, 1u);
  EXPECT_EQ(last.end, 3u);
  const CodePoint first = DecodeUtf8Before(text, 0, 1);
  EXPECT_EQ(first.c, 'a');
  EXPECT_EQ(first.begin, 0u);
  // The lower bound stops the walk back: a trail byte alone is ill-formed.
  EXPECT_EQ(DecodeUtf8Before(text, 2, 3).c, -1);
}

TEST(Utf8Test, AppendSkipsWhatIsNotAScalarValue) {
  std::string out;
  AppendUtf8('a', out);
  AppendUtf8(0x1B0, out);    // ư
  AppendUtf8(0x1F600, out);  // four bytes
  AppendUtf8(-1, out);
  AppendUtf8(0xD800, out);    // a surrogate
  AppendUtf8(0x110000, out);  // beyond Unicode
  EXPECT_EQ(out, "aư\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace vnsearch
