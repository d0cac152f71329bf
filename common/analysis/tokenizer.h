// Tokenizer: the one splitter of raw UTF-8 text (NFC or NFD) into word spans
// with byte offsets into the original text, for indexing, queries,
// highlighting and the document model (common/document/word_scanner.h is a
// view of these spans). No normalisation happens here.
//
// The rules:
// - A word is a run of word characters: letters, digits and combining marks
//   (IsWordCodePoint).
// - Joiners. Runs joined by '-', '/', '&', '_' or an apostrophe (' or U+2019)
//   followed by a word character, by '.' or ',' between two ASCII digits, or
//   by '.' followed by a letter or digit, form a compound: "TT&TT",
//   "03-CT/TW", "Covid-19", "21/6", "3.000", "1,5", "O'Brien", "TP.HCM",
//   "PGS.TS". The tokenizer emits the compound span followed by the spans
//   of its parts, so that the code can be found both whole and by its parts.
//   A joiner before a space, a mark or the end joins nothing ("Hà Nội. Sáng").
// - Numbers glued to a unit. A run of ASCII digits followed by letters only
//   splits into the number and the unit ("5kg" -> "5" + "kg", "140.000đ" ->
//   "140" + "000" + "đ"), and a '%' right after a digit ends the code
//   ("20%"). Inside such a code, each number written with digit groups
//   ("140.000") and each number with its unit ("1.600m" in "1.600m-2.000m")
//   is emitted as an inner compound (TokenSpan::inner) just before its first
//   part, so that the number is found by itself and the code whole.
// - Spaces (IsSpaceCodePoint: Unicode white space, U+200B and U+FEFF) only
//   separate. Everything else between words is punctuation: it starts a
//   clause and is reported as a SepBit set; some of it ends a sentence.
// - Invalid UTF-8 bytes act as punctuation (kSepOther).
//
// Thread-safe (stateless).

#ifndef VNSEARCH_COMMON_ANALYSIS_TOKENIZER_H_
#define VNSEARCH_COMMON_ANALYSIS_TOKENIZER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include <unicode/umachine.h>

namespace vnsearch {

enum class TokenKind : uint8_t {
  kWord,      // a plain word; occupies one position
  kCompound,  // a joined code; its parts follow it and occupy the positions
  kPart,      // one word inside the preceding compound
};

// Punctuation seen between two words (bit set; 0 = spaces only).
enum SepBit : uint16_t {
  kSepComma = 1 << 0,
  kSepSemicolon = 1 << 1,
  kSepColon = 1 << 2,
  kSepSentence = 1 << 3,  // . ! ? …
  kSepLineBreak = 1 << 4,
  kSepDash = 1 << 5,  // a free-standing - – —
  kSepOpenParen = 1 << 6,
  kSepCloseParen = 1 << 7,
  kSepQuote = 1 << 8,
  kSepOther = 1 << 9,  // any other symbol, and invalid UTF-8
};

// The joiners a compound holds (bit set).
enum JoinerBit : uint8_t {
  kJoinHyphen = 1 << 0,      // -
  kJoinSlash = 1 << 1,       // /
  kJoinAmpersand = 1 << 2,   // &
  kJoinUnderscore = 1 << 3,  // _
  kJoinApostrophe = 1 << 4,  // ' ’
  kJoinDigitGroup = 1 << 5,  // . or , between digits
  kJoinPeriod = 1 << 6,      // . between letters: "TP.HCM"
  kJoinUnit = 1 << 7,        // a unit glued to a number: "5kg", "20%"
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
  // Compounds: the JoinerBit set of their joiners; 0 for other spans.
  uint8_t joiners = 0;
  // SepBit set of the punctuation between the previous word or compound and
  // this span; the start of the text counts as a line break. A compound's
  // first part repeats the compound's; later parts have 0 (like
  // clause_start, they are not separated from the part before).
  uint16_t separators = 0;
  // Compounds only: a shorter code inside the enclosing compound ("140.000"
  // in "140.000đ"), emitted right before the part it starts with. It shares
  // that part's position; word counts and the document model skip it like
  // a part.
  bool inner = false;
};

// Appends the spans of `text` to `out` in text order.
void Tokenize(std::string_view text, std::vector<TokenSpan>& out);

// The character classes of the rules above (c < 0: an invalid sequence).
[[nodiscard]] bool IsWordCodePoint(UChar32 c);
[[nodiscard]] bool IsSpaceCodePoint(UChar32 c);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_ANALYSIS_TOKENIZER_H_
