// Tokenizer: splits raw UTF-8 text (NFC or NFD) into word spans with byte
// offsets into the original text. No normalisation happens here.
//
// A word is a run of letters, digits and combining marks. Words joined by
// '-', '/', '&' or '_' (or digits joined by '.' or ','), as in "TT&TT",
// "03-CT/TW", "Covid-19", "21/6", "3.000", form a compound: the tokenizer
// emits the compound span followed by the spans of its parts, so that the
// code can be found both whole and by its parts.
//
// Invalid UTF-8 bytes act as separators. Thread-safe (stateless).

#ifndef VNSEARCH_COMMON_ANALYSIS_TOKENIZER_H_
#define VNSEARCH_COMMON_ANALYSIS_TOKENIZER_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace vnsearch {

enum class TokenKind : uint8_t {
  kWord,      // a plain word; occupies one position
  kCompound,  // a joined code; its parts follow it and occupy the positions
  kPart,      // one word inside the preceding compound
};

struct TokenSpan {
  uint32_t begin = 0;  // byte offset of the first byte
  uint32_t end = 0;    // byte offset one past the last byte
  TokenKind kind = TokenKind::kWord;
  // True when sentence or clause punctuation (. , ; : ! ? brackets, quotes,
  // dashes, line breaks) separates this word from the previous one.
  bool clause_start = false;
  // True when a sentence ends between this word and the previous one (. ! ?
  // ; or … followed by a space, or a line break), or nothing precedes it.
  // Adjacency (pair terms) stops here; other punctuation does not stop it,
  // as it does not stop a phrase.
  bool sentence_start = false;
};

// Appends the spans of `text` to `out` in text order.
void Tokenize(std::string_view text, std::vector<TokenSpan>& out);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_ANALYSIS_TOKENIZER_H_
