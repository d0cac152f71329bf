// WordScanner: the document model's view of the tokenizer's words
// (common/analysis/tokenizer.h): each word or compound span with its shape
// (capitalised, lowercase, all-caps, number) and the punctuation that
// separates it from the previous one. The document-model extractors
// (officials, dates, titles) reason on this; compound parts are not
// separate words here ("Đ/c", "TT&TT", "20/7/2023", "Jae-in" are one word
// each). Pure, thread-safe.

#ifndef VNSEARCH_COMMON_DOCUMENT_WORD_SCANNER_H_
#define VNSEARCH_COMMON_DOCUMENT_WORD_SCANNER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/tokenizer.h"

namespace vnsearch {

enum class WordShape : uint8_t {
  kLower,        // "trưởng", "và"
  kCapitalized,  // "Trương", "Đ/c", "A": upper first letter, the rest lower
  kUpper,   // "UBND", "TT&TT", "TƯ", "PHÁT": two or more letters, all upper
  kMixed,   // "TQPhuc", "VietnamNet", "iPhone"
  kNumber,  // starts with a digit: "2023", "20/7", "03-CT/TW"
};

struct ScannedWord {
  uint32_t begin = 0;  // byte offsets into the scanned text
  uint32_t end = 0;
  uint16_t sep_before = 0;  // SepBit set between the previous word and this
  WordShape shape = WordShape::kLower;
  // Not a plain name word: holds a joiner other than '-' ("Đ/c", "TT&TT")
  // or a digit ("Covid-19", "2023").
  bool joined = false;

  [[nodiscard]] std::string_view Text(std::string_view text) const {
    return text.substr(begin, end - begin);
  }
};

// Appends the words of `text` (UTF-8, NFC) to `out`: Tokenize's word and
// compound spans. The first word's sep_before describes the punctuation
// before it (kSepLineBreak at the start of the text).
void ScanWords(std::string_view text, std::vector<ScannedWord>& out);

[[nodiscard]] inline std::vector<ScannedWord> ScanWords(std::string_view text) {
  std::vector<ScannedWord> out;
  ScanWords(text, out);
  return out;
}

// `word` with its first letter upper-cased (ICU simple case mapping):
// "bộ" -> "Bộ", "đ/c" -> "Đ/c".
[[nodiscard]] std::string CapitalizeFirst(std::string_view word);

// `text` lower-cased (ICU full case mapping, root locale, via
// icu::CaseMap). Vietnamese letters map as a letter-by-letter u_tolower
// would; the differences are U+0130 'İ' -> "i̇" (i + U+0307) and a
// word-final 'Σ' -> 'ς'. Ill-formed UTF-8 is copied unchanged.
[[nodiscard]] std::string LowerCase(std::string_view text);

// `text` without leading and trailing white space (the tokenizer's spaces:
// ASCII, no-break space, the other Unicode spaces, U+200B and U+FEFF).
[[nodiscard]] std::string_view TrimSpace(std::string_view text);

// True when `text` holds at least one word (stops at the first).
[[nodiscard]] bool HasWord(std::string_view text);

// Number of words in `text`.
[[nodiscard]] size_t CountWords(std::string_view text);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_DOCUMENT_WORD_SCANNER_H_
