// Ranking: the query-time weights of the engine. Tuned on the relevance
// suite (docs/relevance.md); RankingParams can be overridden per run from
// the command line (common/cli/ranking_flags.h), the tier bonuses cannot.

#ifndef VNSEARCH_COMMON_SEARCH_RANKING_H_
#define VNSEARCH_COMMON_SEARCH_RANKING_H_

namespace vnsearch {

struct RankingParams {
  double pair_boost = 2.0;      // weight of adjacent-syllable pair matches
  double official_boost = 2.0;  // weight of pairs in officials' names
  double bm25_k1 = 1.2;
  double bm25_b = 0.75;
};

// Tiers (QueryBuilder): weight added to every document that has the free
// words as a phrase in the headline, or in the text, far above what any
// query's BM25 terms can add up to, so that tiers sort first in one pass of
// the matcher. A phrase of exact spellings, strictly adjacent, adds half as
// much again.
inline constexpr double kTierBonus = 1000.0;
inline constexpr double kExactPhraseBonus = 1500.0;

// What lifted a hit, best first: the free words as a phrase in the headline,
// as the exact phrase in the text, as a phrase in the text; or none of
// these (kAllWords: every word somewhere; kSomeWords: the relaxed query,
// when no document has every word).
enum class Tier {
  kHeadlinePhrase,
  kExactTextPhrase,
  kTextPhrase,
  kAllWords,
  kSomeWords,
};

// "phrase in headline", "exact phrase in text", "phrase in text",
// "all words", "some words".
[[nodiscard]] constexpr const char* TierName(Tier tier) {
  switch (tier) {
    case Tier::kHeadlinePhrase:
      return "phrase in headline";
    case Tier::kExactTextPhrase:
      return "exact phrase in text";
    case Tier::kTextPhrase:
      return "phrase in text";
    case Tier::kAllWords:
      return "all words";
    case Tier::kSomeWords:
      break;
  }
  return "some words";
}

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_RANKING_H_
