// The stored text (common/index/stored_text.h): short texts as they are,
// long ones deflated and decoded only as far as asked.

#include "common/index/stored_text.h"

#include <gtest/gtest.h>

#include <string>

namespace vnsearch {
namespace {

// A long news-like text: 100 distinct sentences, about 5 KB.
std::string LongText() {
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text += "Câu thứ " + std::to_string(i) + " nói về hội nghị tỉnh ủy. ";
  }
  return text;
}

TEST(StoredTextTest, ShortTextsAreStoredAsTheyAre) {
  EXPECT_EQ(EncodeStoredText("Đoạn đầu.\nThân bài."), "Đoạn đầu.\nThân bài.");
  const std::string edge(kPlainTextBytes, 'a');
  EXPECT_EQ(EncodeStoredText(edge), edge);
  StoredTextReader reader;
  reader.Reset(EncodeStoredText("Một hai"));
  EXPECT_TRUE(reader.whole());
  EXPECT_EQ(reader.text(), "Một hai");
  EXPECT_TRUE(reader.Read(1 << 20).ok());
  EXPECT_EQ(reader.text(), "Một hai");
}

TEST(StoredTextTest, LongTextsAreDeflatedAndReadAsFarAsAsked) {
  const std::string text = LongText();
  ASSERT_GT(text.size(), kPlainTextBytes);
  const std::string data = EncodeStoredText(text);
  ASSERT_EQ(data[0], kDeflatedMark);
  EXPECT_LT(data.size(), text.size() / 2);  // repetitive: deflates well
  StoredTextReader reader;
  // Twice on one reader: Reset starts over.
  for (int round = 0; round < 2; ++round) {
    reader.Reset(data);
    EXPECT_FALSE(reader.whole());
    ASSERT_TRUE(reader.Read(100).ok());
    EXPECT_GE(reader.text().size(), 100u);
    EXPECT_LT(reader.text().size(), text.size());
    EXPECT_EQ(reader.text(), text.substr(0, reader.text().size()));
    EXPECT_FALSE(reader.whole());
    ASSERT_TRUE(reader.Read(2000).ok());
    EXPECT_GE(reader.text().size(), 2000u);
    EXPECT_EQ(reader.text(), text.substr(0, reader.text().size()));
    ASSERT_TRUE(reader.Read(static_cast<size_t>(-1)).ok());
    EXPECT_TRUE(reader.whole());
    EXPECT_EQ(reader.text(), text);
  }
  std::string back;
  ASSERT_TRUE(DecodeStoredText(data, back).ok());
  EXPECT_EQ(back, text);
}

TEST(StoredTextTest, ATextStartingWithTheMarkIsDeflated) {
  const std::string text = std::string(1, kDeflatedMark) + "abc";
  const std::string data = EncodeStoredText(text);
  EXPECT_NE(data, text);
  std::string back;
  ASSERT_TRUE(DecodeStoredText(data, back).ok());
  EXPECT_EQ(back, text);
  ASSERT_TRUE(DecodeStoredText("", back).ok());
  EXPECT_EQ(back, "");
}

TEST(StoredTextTest, BrokenDataIsDataLoss) {
  const std::string data = EncodeStoredText(LongText());
  std::string back;
  // Cut short.
  EXPECT_EQ(DecodeStoredText(data.substr(0, data.size() / 2), back).code(),
            absl::StatusCode::kDataLoss);
  // Not a deflate stream.
  EXPECT_EQ(DecodeStoredText(std::string(1, kDeflatedMark) + "\xff\xff\xff",
                             back)
                .code(),
            absl::StatusCode::kDataLoss);
  // The mark alone.
  EXPECT_EQ(DecodeStoredText(std::string(1, kDeflatedMark), back).code(),
            absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace vnsearch
