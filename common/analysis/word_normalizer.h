// WordNormalizer: turns one word as written (NFC or NFD, any case, either
// tone-mark placement) into its two index forms:
//   exact:  NFC, case-folded, tone mark on the canonical vowel
//           ("Hoà", "HÒA", NFD "hoà" -> "hòa"; "thuỷ" -> "thủy")
//   folded: exact without any diacritics, đ -> d ("Đảng" -> "dang")
//
// Each syllable of a joined code gets the same treatment ("Hoà-Bình" ->
// "hòa-bình"), and look-alike letters spell what they stand for (Ð -> đ,
// fullwidth "ＶＮＰＴ" -> "vnpt"; see CharTable::Split).
//
// Canonical tone placement is the traditional one that most news text uses:
// in an open syllable the clusters "oa", "oe", "uy" carry the tone on their
// first vowel ("hoà" -> "hòa"). Syllables whose placement is not ambiguous
// ("quý", "hoàng", "thuyền") are unchanged.
//
// Thread-safe (const, shares an immutable CharTable).

#ifndef VNSEARCH_COMMON_ANALYSIS_WORD_NORMALIZER_H_
#define VNSEARCH_COMMON_ANALYSIS_WORD_NORMALIZER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/char_table.h"

namespace vnsearch {

class WordNormalizer {
 public:
  explicit WordNormalizer(std::shared_ptr<const CharTable> table)
      : table_(std::move(table)) {}

  // Writes both forms of `word` (one token; no spaces) into exact/folded,
  // replacing their contents.
  void Normalize(std::string_view word, std::string& exact,
                 std::string& folded) const;

 private:
  // The ICU route for words outside the letters CharTable describes.
  void NormalizeWithIcu(std::string_view word, std::string& exact,
                        std::string& folded) const;

  // Appends the composed letters of one syllable (tone moved to its
  // canonical vowel) to both forms; false when a letter has no composed
  // form (the caller then takes the ICU route).
  [[nodiscard]] bool AppendSyllable(std::vector<LetterParts>& letters,
                                    std::string& exact,
                                    std::string& folded) const;

  std::shared_ptr<const CharTable> table_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_ANALYSIS_WORD_NORMALIZER_H_
