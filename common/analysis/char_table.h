// CharTable: per-code-point facts about Latin letters that Vietnamese text
// analysis needs (lowercase form, base letter, vowel-quality mark, tone mark,
// unaccented form), computed once from ICU when the table is created.
//
// Immutable after Create(); safe to share between threads.

#ifndef VNSEARCH_COMMON_ANALYSIS_CHAR_TABLE_H_
#define VNSEARCH_COMMON_ANALYSIS_CHAR_TABLE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"

namespace vnsearch {

// Combining marks as Vietnamese spelling uses them.
inline constexpr char32_t kGrave = 0x0300;       // huyền
inline constexpr char32_t kAcute = 0x0301;       // sắc
inline constexpr char32_t kCircumflex = 0x0302;  // â ê ô
inline constexpr char32_t kTilde = 0x0303;       // ngã
inline constexpr char32_t kBreve = 0x0306;       // ă
inline constexpr char32_t kHookAbove = 0x0309;   // hỏi
inline constexpr char32_t kHorn = 0x031B;        // ơ ư
inline constexpr char32_t kDotBelow = 0x0323;    // nặng

[[nodiscard]] bool IsToneMark(char32_t c);
[[nodiscard]] bool IsQualityMark(char32_t c);

// One letter split the way Vietnamese spelling sees it: "ệ" is base 'e',
// quality circumflex, tone dot below.
struct LetterParts {
  char32_t base = 0;     // lowercase, no marks ('đ' stays 'đ')
  char32_t quality = 0;  // 0, kCircumflex, kBreve or kHorn
  char32_t tone = 0;     // 0 or one of the five tone marks
  bool known = false;    // false: not a letter this table describes
};

class CharTable {
 public:
  // Builds the table from ICU data. Fails only if ICU cannot load its data.
  [[nodiscard]] static absl::StatusOr<std::shared_ptr<const CharTable>>
  Create();

  // Lowercased letter split into parts; known == false for code points
  // outside the Latin ranges or with marks Vietnamese does not use.
  // Look-alikes spell the letter they stand for: eth (Ð ð, typed for Đ đ)
  // splits as 'đ', fullwidth Latin letters and digits ("Ｖ", "２") as their
  // ASCII forms (their NFKC mapping).
  [[nodiscard]] LetterParts Split(char32_t c) const {
    if (c < kTableSize) return split_[c];
    if (c >= kExtStart && c < kExtStart + kExtSize) return ext_[c - kExtStart];
    if (c >= kWideStart && c < kWideStart + kWideSize) {
      return wide_[c - kWideStart];
    }
    return LetterParts{};
  }

  // The single code point for base+quality+tone, or 0 if Unicode has none.
  [[nodiscard]] char32_t Compose(char32_t base, char32_t quality,
                                 char32_t tone) const;

  // Unaccented form of a lowercase base letter ('đ' -> "d", 'ø' -> "o").
  // Empty when the letter has no Latin-ASCII equivalent.
  [[nodiscard]] const std::string& AsciiBase(char32_t base) const;

 private:
  CharTable() = default;

  static constexpr char32_t kTableSize = 0x0250;  // Basic Latin..Latin Ext-B
  static constexpr char32_t kExtStart = 0x1E00;   // Latin Extended Additional
  static constexpr char32_t kExtSize = 0x0100;
  static constexpr char32_t kWideStart = 0xFF00;  // Halfwidth and Fullwidth
  static constexpr char32_t kWideSize = 0x0060;   // Forms: ASCII variants

  std::vector<LetterParts> split_;
  std::vector<LetterParts> ext_;
  std::vector<LetterParts> wide_;
  std::unordered_map<uint64_t, char32_t> compose_;
  std::unordered_map<char32_t, std::string> ascii_base_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_ANALYSIS_CHAR_TABLE_H_
