// The stored text (common/index/stored_text.h): the opening in LZ4, the
// rest in the document data (short rests as they are, long ones deflated),
// decoded only as far as asked.

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

// A data source that counts its calls.
struct CountedData {
  std::string data;
  int calls = 0;
  StoredTextReader::DataSource Source() {
    return [this] {
      ++calls;
      return data;
    };
  }
};

TEST(StoredTextTest, AShortTextIsAllInItsOpening) {
  const StoredText stored = EncodeStoredText("Đoạn đầu.\nThân bài.");
  EXPECT_EQ(stored.opening[0], kWholeText);
  EXPECT_EQ(stored.data, kNoRest);
  const std::string edge(kOpeningBytes, 'a');
  EXPECT_EQ(EncodeStoredText(edge).opening[0], kWholeText);
  // Repetitive: LZ4 packs it well.
  EXPECT_LT(EncodeStoredText(edge).opening.size(), 100u);
  CountedData data{stored.data};
  StoredTextReader reader;
  reader.Reset(stored.opening, data.Source());
  EXPECT_TRUE(reader.whole());
  EXPECT_EQ(reader.text(), "Đoạn đầu.\nThân bài.");
  EXPECT_TRUE(reader.Read(1 << 20).ok());
  EXPECT_EQ(reader.text(), "Đoạn đầu.\nThân bài.");
  EXPECT_EQ(data.calls, 0);
  EXPECT_FALSE(reader.read_data());
}

TEST(StoredTextTest, TheOpeningIsNeverCutInsideACharacter) {
  // "ệ" is 3 bytes: kOpeningBytes falls inside one of them.
  std::string text = "ab";
  while (text.size() < 2 * kOpeningBytes) text += "ệ";
  const StoredText stored = EncodeStoredText(text);
  ASSERT_EQ(stored.opening[0], kTextGoesOn);
  StoredTextReader reader;
  reader.Reset(stored.opening, nullptr);
  const size_t opening = reader.text().size();
  EXPECT_LE(opening, kOpeningBytes);
  EXPECT_GT(opening, kOpeningBytes - 3);
  EXPECT_EQ((opening - 2) % 3, 0u);
  EXPECT_EQ(reader.text(), text.substr(0, opening));
  std::string back;
  ASSERT_TRUE(DecodeStoredText(stored.opening, stored.data, back).ok());
  EXPECT_EQ(back, text);
}

TEST(StoredTextTest, ALongTextIsReadAsFarAsAsked) {
  const std::string text = LongText();
  ASSERT_GT(text.size(), kOpeningBytes + kPlainTextBytes);
  const StoredText stored = EncodeStoredText(text);
  ASSERT_EQ(stored.opening[0], kTextGoesOn);
  EXPECT_LT(stored.opening.size(), kOpeningBytes / 2);  // LZ4, repetitive
  ASSERT_EQ(stored.data[0], kDeflatedMark);
  // Repetitive: deflates well.
  EXPECT_LT(stored.data.size(), (text.size() - kOpeningBytes) / 2);
  CountedData data{stored.data};
  StoredTextReader reader;
  // Twice on one reader: Reset starts over.
  for (int round = 0; round < 2; ++round) {
    data.calls = 0;
    reader.Reset(stored.opening, data.Source());
    EXPECT_FALSE(reader.whole());
    ASSERT_TRUE(reader.Read(100).ok());
    EXPECT_EQ(reader.text(), text.substr(0, kOpeningBytes));
    ASSERT_TRUE(reader.Read(kOpeningBytes).ok());
    EXPECT_EQ(data.calls, 0);  // the opening was enough
    ASSERT_TRUE(reader.Read(kOpeningBytes + 100).ok());
    EXPECT_EQ(data.calls, 1);
    EXPECT_GE(reader.text().size(), kOpeningBytes + 100);
    EXPECT_LT(reader.text().size(), text.size());
    EXPECT_EQ(reader.text(), text.substr(0, reader.text().size()));
    EXPECT_FALSE(reader.whole());
    ASSERT_TRUE(reader.Read(static_cast<size_t>(-1)).ok());
    EXPECT_TRUE(reader.whole());
    EXPECT_EQ(reader.text(), text);
    EXPECT_EQ(data.calls, 1);
  }
  std::string back;
  ASSERT_TRUE(DecodeStoredText(stored.opening, stored.data, back).ok());
  EXPECT_EQ(back, text);
}

TEST(StoredTextTest, AShortRestIsStoredAsItIs) {
  const std::string text = std::string(kOpeningBytes, 'a') + " đoạn cuối";
  const StoredText stored = EncodeStoredText(text);
  EXPECT_EQ(stored.data, " đoạn cuối");
  std::string back;
  ASSERT_TRUE(DecodeStoredText(stored.opening, stored.data, back).ok());
  EXPECT_EQ(back, text);
}

TEST(StoredTextTest, ARestStartingWithTheMarkIsDeflated) {
  const std::string text =
      std::string(kOpeningBytes, 'a') + std::string(1, kDeflatedMark) + "abc";
  const StoredText stored = EncodeStoredText(text);
  EXPECT_EQ(stored.data[0], kDeflatedMark);
  std::string back;
  ASSERT_TRUE(DecodeStoredText(stored.opening, stored.data, back).ok());
  EXPECT_EQ(back, text);
}

TEST(StoredTextTest, BrokenStoredTextIsDataLoss) {
  const StoredText stored = EncodeStoredText(LongText());
  std::string back;
  auto code = [&](const std::string& opening, const std::string& data) {
    return DecodeStoredText(opening, data, back).code();
  };
  // The rest cut short.
  EXPECT_EQ(code(stored.opening, stored.data.substr(0, stored.data.size() / 2)),
            absl::StatusCode::kDataLoss);
  // Not a deflate stream.
  EXPECT_EQ(code(stored.opening, std::string(1, kDeflatedMark) + "\xff\xff\xff"),
            absl::StatusCode::kDataLoss);
  // The mark alone.
  EXPECT_EQ(code(stored.opening, std::string(1, kDeflatedMark)),
            absl::StatusCode::kDataLoss);
  // No data, or none where the opening says the text goes on.
  EXPECT_EQ(code(stored.opening, ""), absl::StatusCode::kDataLoss);
  EXPECT_EQ(code(stored.opening, std::string(kNoRest)),
            absl::StatusCode::kDataLoss);
  // No opening, or not one.
  EXPECT_EQ(code("", stored.data), absl::StatusCode::kDataLoss);
  EXPECT_EQ(code("\x07" "abc", stored.data), absl::StatusCode::kDataLoss);
  // Not an LZ4 block, or one cut short.
  EXPECT_EQ(code(std::string(1, kTextGoesOn) + "\xff\xff\xff", stored.data),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(code(stored.opening.substr(0, stored.opening.size() / 2),
                 stored.data),
            absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace vnsearch
