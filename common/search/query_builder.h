// QueryBuilder: turns what a user types into the Xapian query that ranks
// Vietnamese news.
//
// Syntax
//   words            every word must match, in any form (see below)
//   "a phrase"       the words adjacent and in order
//   title:x          x (a word or "phrase") in the headline
//   official:x       x in the name of an official the article names
//   date:2020..2021  date range; also date:2023, date:2023-07-01..2023-07-31,
//                    date:2020.. and date:..2021
//   -x               documents without x
//
// Matching and ranking
//   * A word typed without diacritics matches every spelling that folds to it
//     ("dang" matches "đảng", "đang", "dâng").
//   * A word typed with diacritics matches the same documents, but the exact
//     spelling (after case folding and canonical tone placement) weighs more,
//     so "đảng bộ" ranks documents saying "đảng bộ" above "đang bổ".
//   * Adjacent query syllables are rewarded through the pair terms; title and
//     officials' names weigh more than the body (RankingParams).
//   * Documents with the free words as a phrase rank first (BuiltQuery).
//   * Inside quotes, in a query typed with diacritics every word must match
//     its exact spelling; in one typed without, any spelling matches and
//     the phrase is the chain of its adjacent pairs.
//
// Thread-safe (const).

#ifndef VNSEARCH_COMMON_SEARCH_QUERY_BUILDER_H_
#define VNSEARCH_COMMON_SEARCH_QUERY_BUILDER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "absl/status/statusor.h"
#include "common/analysis/analyzer.h"
#include "common/index/schema.h"
#include "common/search/ranking.h"

namespace vnsearch {

// Longest query accepted; longer ones are InvalidArgument. A query of
// thousands of words is no search a person types, and the matcher's time
// grows with it (100 KB of words took minutes).
inline constexpr size_t kMaxQueryBytes = 4096;
inline constexpr size_t kMaxQueryWords = 64;

// Inclusive date range as "YYYYMMDD" strings; empty means open-ended.
struct DateRange {
  std::string from;
  std::string to;
  [[nodiscard]] bool empty() const { return from.empty() && to.empty(); }
};

// Parses "2020", "2020-07", "2020-07-03" (and "3/7/2020") as the first
// ("YYYYMMDD") or last day they cover. InvalidArgument for anything else.
[[nodiscard]] absl::StatusOr<std::string> ParseDateBound(std::string_view text,
                                                         bool upper);

struct BuiltQuery {
  // All words required; used first. Documents that also contain the free
  // words as a phrase (exact spelling for a query typed with diacritics) get
  // kTierBonus: that first tier ranks above all others.
  Xapian::Query strict;
  // Any word may match; used when `strict` finds nothing. Same as strict for
  // one-word queries.
  Xapian::Query relaxed;
  bool relaxable = false;
  // Some word was typed with diacritics: exact spellings of all words are
  // preferred (and required inside quotes).
  bool exact_intent = false;
  // Words to highlight: exact forms of words typed with diacritics, folded
  // forms of words typed without.
  std::vector<std::string> exact_words;
  std::vector<std::string> folded_words;
};

class QueryBuilder {
 public:
  QueryBuilder(Analyzer analyzer, RankingParams params)
      : analyzer_(std::move(analyzer)), params_(params) {}

  // InvalidArgument for an empty query, one with no words or filters, invalid
  // UTF-8, or a malformed date range. `extra_dates` (from --since/--until)
  // narrows whatever date: the query gives.
  [[nodiscard]] absl::StatusOr<BuiltQuery> Build(
      std::string_view text, const DateRange& extra_dates = {}) const;

  [[nodiscard]] const RankingParams& params() const { return params_; }

 private:
  [[nodiscard]] Xapian::Query WordQuery(const Token& token) const;
  [[nodiscard]] Xapian::Query PairQuery(const Token& first,
                                        const Token& second) const;
  // `tokens` adjacent and in order in `field`: the chain of their pairs,
  // folded, or exact when exact_intent (with nothing but spaces between when
  // `strict`, else also across commas, quotes and brackets). One word: its
  // exact or folded term.
  [[nodiscard]] Xapian::Query PhraseQuery(const std::vector<Token>& tokens,
                                          Field field, bool exact_intent,
                                          bool strict) const;

  Analyzer analyzer_;
  RankingParams params_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_QUERY_BUILDER_H_
