// Light tokenization of raw news text for the benchmark tools: corpus
// statistics (corpus_scaler) and query generation (query_classes). It keeps
// the spelling and case of the text, and punctuation as tokens of its own,
// so that text can be put back together from tokens; the engines never see
// these tokens.
//
// Pure functions; thread-safe.

#ifndef VNSEARCH_BENCHMARKS_NEWS_TEXT_H_
#define VNSEARCH_BENCHMARKS_NEWS_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vnsearch::bench {

enum class RawKind : uint8_t {
  kWord,   // letters and digits, possibly joined: "Việt", "2017", "TT&TT"
  kOpen,   // opening punctuation, written without a space after: ( “ "
  kClose,  // closing punctuation, written without a space before: . , ” )
};

struct RawToken {
  std::string_view text;  // a view into the analysed text
  RawKind kind = RawKind::kWord;
};

// Appends the tokens of `text` to `out`: whitespace-separated chunks with
// leading and trailing punctuation split off.
void SplitRawTokens(std::string_view text, std::vector<RawToken>& out);

// True if `token` starts with an uppercase letter ("Nguyễn", "Đà").
[[nodiscard]] bool StartsUppercase(std::string_view token);
// True if `token` holds a letter and nothing but letters.
[[nodiscard]] bool IsAlphabetic(std::string_view token);
// `token` in lowercase, code point by code point ("Đảng" -> "đảng").
[[nodiscard]] std::string ToLower(std::string_view token);
// True for ". ! ? …": a sentence ends after it.
[[nodiscard]] bool EndsSentence(std::string_view token);

// An official named with a role: "Thủ tướng Nguyễn Xuân Phúc".
struct OfficialMention {
  size_t role_begin = 0;  // token index of the role's first word
  size_t name_begin = 0;  // token index of the name's first syllable
  size_t name_end = 0;    // one past the name's last syllable
};

// Finds role + name mentions: a role word ("Thủ tướng", "Bộ trưởng", "Chủ
// tịch", ...) followed, within a few capitalised words ("Bộ Tài chính"), by
// two to four capitalised syllables starting with a common surname. A
// heuristic: it misses officials named without a role and never reads
// vnsearch's own official extraction.
void FindOfficialMentions(const std::vector<RawToken>& tokens,
                          std::vector<OfficialMention>& out);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_NEWS_TEXT_H_
