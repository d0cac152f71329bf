// Syllable: a Vietnamese syllable as letters with their marks, and the
// phonotactic check that tells a possible syllable ("khối", "nghiêng") from
// words that are not ("trump", "file", "bú" is one, "bus" is not).
//
// The check is Vietnamese spelling, not a word list: an initial consonant
// from the 27 the orthography has (with "gi" and "qu"), one vowel cluster
// from the rhymes the language has, an optional final (c ch m n ng nh p t),
// at most one tone, on a vowel, and only sắc or nặng before a stop final
// (c ch p t). Which possible syllables are real is what the corpus says
// (AccentTable keeps those it has seen).
//
// Pure, thread-safe (const).

#ifndef VNSEARCH_COMMON_RESTORE_SYLLABLE_H_
#define VNSEARCH_COMMON_RESTORE_SYLLABLE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/char_table.h"

namespace vnsearch {

class SyllableRules {
 public:
  explicit SyllableRules(std::shared_ptr<const CharTable> table)
      : table_(std::move(table)) {}

  // The letters of `word` (any case, NFC or NFD) with their marks; empty
  // when a code point is not one CharTable describes.
  [[nodiscard]] std::vector<LetterParts> Letters(std::string_view word) const;

  // True when `letters` spell a possible Vietnamese syllable (lowercase).
  [[nodiscard]] bool IsSyllable(const std::vector<LetterParts>& letters) const;
  [[nodiscard]] bool IsSyllable(std::string_view word) const {
    return IsSyllable(Letters(word));
  }

  // NFC, lowercase: the letters composed, the tone where it was put (callers
  // canonicalise it with WordNormalizer). Empty if a letter has no code point.
  [[nodiscard]] std::string Compose(
      const std::vector<LetterParts>& letters) const;

  [[nodiscard]] const CharTable& table() const { return *table_; }

 private:
  std::shared_ptr<const CharTable> table_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_RESTORE_SYLLABLE_H_
