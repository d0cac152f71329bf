// KeyDecoder: Telex and VNI keys back into letters and marks.

#include "common/restore/key_decoder.h"

#include <gtest/gtest.h>

#include "common/analysis/word_normalizer.h"

namespace vnsearch {
namespace {

class KeyDecoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::shared_ptr<const CharTable>> chars = CharTable::Create();
    ASSERT_TRUE(chars.ok()) << chars.status();
    chars_ = *chars;
    decoder_.emplace(SyllableRules(chars_));
  }
  // The decoded word as an index form ("" when not decoded).
  std::string Decode(const std::string& word) {
    std::optional<DecodedWord> d = decoder_->Decode(word);
    if (!d) return "";
    std::vector<LetterParts> letters = d->letters;
    std::string nfd = decoder_->rules().Compose(letters);
    if (d->tone != 0) {
      // Tone on the first vowel; the normaliser moves it where it belongs.
      for (LetterParts& l : letters) {
        if (std::string("aeiouy").find(static_cast<char>(l.base)) !=
                std::string::npos &&
            l.base < 0x80) {
          l.tone = d->tone;
          break;
        }
      }
      nfd = decoder_->rules().Compose(letters);
    }
    std::string exact, folded;
    WordNormalizer(chars_).Normalize(nfd, exact, folded);
    return exact;
  }
  std::shared_ptr<const CharTable> chars_;
  std::optional<KeyDecoder> decoder_;
};

TEST_F(KeyDecoderTest, TelexToneAtTheEndOrAfterTheVowel) {
  const std::pair<const char*, const char*> kRows[] = {
      {"dangr", "dảng"},      {"ddangr", "đảng"},   {"uyr", "ủy"},
      {"khoois", "khối"},     {"khoosi", "khối"},   {"dduwowngf", "đường"},
      {"dduowngf", "đường"},  {"nguwowif", "người"}, {"nguoiwf", "người"},
      {"vieetj", "việt"},     {"vietej", "việt"},   {"hoaf", "hòa"},
      {"thuyeenf", "thuyền"}, {"tw", "tư"},         {"Dangr", "dảng"},
      {"quoocs", "quốc"},     {"trawng", "trăng"},  {"mwa", "mưa"},
      {"baox", "bão"},        {"lux", "lũ"},        {"mieenf", "miền"},
  };
  for (const auto& [typed, want] : kRows) EXPECT_EQ(Decode(typed), want) << typed;
}

TEST_F(KeyDecoderTest, Vni) {
  const std::pair<const char*, const char*> kRows[] = {
      {"da9ng3", "đảng"},   {"d9a3ng", "đảng"}, {"u3y", "ủy"},
      {"khoi61", "khối"},   {"kho61i", "khối"}, {"d9uong72", "đường"},
      {"d9u7o7ng2", "đường"}, {"vie6t5", "việt"}, {"tra8ng", "trăng"},
  };
  for (const auto& [typed, want] : kRows) EXPECT_EQ(Decode(typed), want) << typed;
}

TEST_F(KeyDecoderTest, WordsWithoutKeysOrWithContradictoryKeys) {
  for (const char* typed :
       {"", "trump", "file", "vnpt", "2020", "covid", "facebook", "khoi",
        "dang", "www", "bass", "h5n1", "u23", "g7", "a0", "9a", "dddd",
        "iphone", "google", "zalo", "x1", "toi_"}) {
    EXPECT_EQ(Decode(typed), "") << typed;
  }
}

TEST_F(KeyDecoderTest, FitsChecksTypedMarksOnly) {
  const SyllableRules& rules = decoder_->rules();
  std::optional<DecodedWord> dangr = decoder_->Decode("dangr");
  ASSERT_TRUE(dangr.has_value());
  EXPECT_TRUE(KeyDecoder::Fits(*dangr, rules.Letters("đảng")));
  EXPECT_TRUE(KeyDecoder::Fits(*dangr, rules.Letters("dảng")));
  EXPECT_FALSE(KeyDecoder::Fits(*dangr, rules.Letters("đáng")));
  EXPECT_FALSE(KeyDecoder::Fits(*dangr, rules.Letters("đang")));
  std::optional<DecodedWord> ddangr = decoder_->Decode("ddangr");
  ASSERT_TRUE(ddangr.has_value());
  EXPECT_FALSE(KeyDecoder::Fits(*ddangr, rules.Letters("dảng")));
  std::optional<DecodedWord> khoois = decoder_->Decode("khoois");
  ASSERT_TRUE(khoois.has_value());
  EXPECT_TRUE(KeyDecoder::Fits(*khoois, rules.Letters("khối")));
  EXPECT_FALSE(KeyDecoder::Fits(*khoois, rules.Letters("khói")));
  EXPECT_EQ(khoois->scheme, KeyScheme::kTelex);
  EXPECT_EQ(decoder_->Decode("khoi61")->scheme, KeyScheme::kVni);
}

TEST_F(KeyDecoderTest, HowFitsRanksTheMarksTyped) {
  const SyllableRules& rules = decoder_->rules();
  using Fit = KeyDecoder::Fit;
  const struct {
    const char* typed;
    const char* spelling;
    Fit fit;
  } kRows[] = {
      {"khoong", "không", Fit::kAsTyped},   {"bacs", "bác", Fit::kAsTyped},
      {"bacs", "bắc", Fit::kMarkLeftOut},   {"bawcs", "bắc", Fit::kAsTyped},
      {"bawcs", "bác", Fit::kNone},         {"dangr", "dảng", Fit::kAsTyped},
      {"dangr", "đảng", Fit::kSkippedD},    {"ddangr", "đảng", Fit::kAsTyped},
      {"ddangr", "dảng", Fit::kNone},       {"dangr", "đẳng", Fit::kMarkLeftOut},
      {"daau", "dâu", Fit::kAsTyped},       {"daau", "đâu", Fit::kSkippedD},
      {"thuongw", "thương", Fit::kAsTyped}, {"muaf", "mừa", Fit::kMarkLeftOut},
      {"da9ng3", "đảng", Fit::kAsTyped},    {"dang3", "đảng", Fit::kSkippedD},
      {"dang3", "đáng", Fit::kNone},
  };
  for (const auto& row : kRows) {
    std::optional<DecodedWord> decoded = decoder_->Decode(row.typed);
    ASSERT_TRUE(decoded.has_value()) << row.typed;
    EXPECT_EQ(KeyDecoder::HowFits(*decoded, rules.Letters(row.spelling)),
              row.fit)
        << row.typed << " " << row.spelling;
  }
}

}  // namespace
}  // namespace vnsearch
