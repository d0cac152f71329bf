// SyllableRules: which words Vietnamese spelling allows as one syllable.

#include "common/restore/syllable.h"

#include <gtest/gtest.h>

namespace vnsearch {
namespace {

class SyllableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::shared_ptr<const CharTable>> chars = CharTable::Create();
    ASSERT_TRUE(chars.ok()) << chars.status();
    rules_.emplace(*chars);
  }
  std::optional<SyllableRules> rules_;
};

TEST_F(SyllableTest, SyllablesOfTheLanguage) {
  for (const char* word :
       {"a", "ủy", "khối", "đảng", "nghiêng", "thuyền", "quốc", "giữa", "gì",
        "già", "giếng", "khuya", "người", "hoàng", "tuyết", "ngoài", "khuỷu",
        "xoong", "kỹ", "quý", "bão", "lũ", "miền", "trung", "Hà", "NỘI",
        "thuở", "oanh", "việt", "bao", "dang", "bú", "má", "ghe", "hoẵng"}) {
    EXPECT_TRUE(rules_->IsSyllable(word)) << word;
  }
}

TEST_F(SyllableTest, WordsThatAreNotSyllables) {
  for (const char* word :
       {"", "trump", "file", "vnpt", "2020", "covid", "facebook", "bus", "test",
        "dangr", "khoois", "da9ng3", "tw", "ios", "iphone", "ka", "ci", "nge",
        "gha", "ăn-", "bàt", "huơn", "zalo", "fan", "wifi",
        "tuong"}) {  // a folded form, not a spelling: "uo" needs its marks
    EXPECT_FALSE(rules_->IsSyllable(word)) << word;
  }
  // A stop final takes only sắc or nặng; â needs a final; two tones.
  EXPECT_FALSE(rules_->IsSyllable("bàt"));
  EXPECT_TRUE(rules_->IsSyllable("bát"));
  EXPECT_TRUE(rules_->IsSyllable("bạt"));
  EXPECT_FALSE(rules_->IsSyllable("bâ"));
  EXPECT_TRUE(rules_->IsSyllable("tiên"));
  EXPECT_FALSE(rules_->IsSyllable("tiê"));
  EXPECT_TRUE(rules_->IsSyllable("ải"));
}

TEST_F(SyllableTest, NfdAndComposeRoundTrip) {
  const std::vector<LetterParts> letters =
      rules_->Letters("khe\xcc\x82\xcc\x81t");  // NFD "khết"
  ASSERT_EQ(letters.size(), 4u);
  EXPECT_EQ(rules_->Compose(letters), "khết");
  EXPECT_TRUE(rules_->IsSyllable(letters));
  EXPECT_TRUE(rules_->Letters("ж").empty());
}

}  // namespace
}  // namespace vnsearch
