// Analyzer: the text-analysis pipeline, text in, tokens out.
//
//   Tokenize (word spans, byte offsets into the original text)
//     -> WordNormalizer (NFC, case folding, canonical tone placement,
//        diacritic folding) on each span.
//
// Pure: no Xapian here. Thread-safe (const), cheap to copy.

#ifndef VNSEARCH_COMMON_ANALYSIS_ANALYZER_H_
#define VNSEARCH_COMMON_ANALYSIS_ANALYZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/analysis/char_table.h"
#include "common/analysis/tokenizer.h"
#include "common/analysis/word_normalizer.h"

namespace vnsearch {

struct Token {
  std::string exact;   // "hòa", "đảng", "03-ct/tw"
  std::string folded;  // "hoa", "dang", "03-ct/tw"
  uint32_t begin = 0;  // byte offsets into the analysed text
  uint32_t end = 0;
  // Word position. Words and compound parts take consecutive positions; a
  // compound shares the position of its first part.
  uint32_t position = 0;
  TokenKind kind = TokenKind::kWord;
  bool clause_start = false;  // punctuation separates it from the previous word
  // A sentence ends before it (see TokenSpan): not adjacent to the previous
  // word.
  bool sentence_start = false;
  // A compound inside the preceding compound ("140.000" in "140.000đ"; see
  // TokenSpan::inner).
  bool inner = false;

  // Diacritics (or đ) present: the exact form says more than the folded one.
  [[nodiscard]] bool accented() const { return exact != folded; }
};

// Longest word form kept, in bytes, exact or folded; longer "words" are junk
// (base64, hashes) and are dropped.
inline constexpr size_t kMaxWordBytes = 64;

class Analyzer {
 public:
  // Builds the ICU-derived tables. Fails only if ICU data cannot be loaded.
  [[nodiscard]] static absl::StatusOr<Analyzer> Create();

  explicit Analyzer(std::shared_ptr<const CharTable> table)
      : normalizer_(std::move(table)) {}

  // Appends the tokens of `text` to `out`; positions start at
  // `first_position`. Returns the next free position.
  uint32_t Analyze(std::string_view text, uint32_t first_position,
                   std::vector<Token>& out) const;

  [[nodiscard]] std::vector<Token> Analyze(std::string_view text) const {
    std::vector<Token> out;
    Analyze(text, 0, out);
    return out;
  }

  // Both forms of a single word (see WordNormalizer).
  void NormalizeWord(std::string_view word, std::string& exact,
                     std::string& folded) const {
    normalizer_.Normalize(word, exact, folded);
  }

 private:
  WordNormalizer normalizer_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_ANALYSIS_ANALYZER_H_
