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
//   source:x         articles from source x (facet_keys.h: SourceKeys)
//   year:2017        articles dated in 2017; also year:2015..2017
//                    (filters of one field are alternatives)
//   -x               documents without x; also -"phrase", -title:x,
//                    -official:x, -date:RANGE, -source:x and -year:Y
// (common/search/query_syntax.h has the whole grammar and its forgiving
// readings.)
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

// One thing the highlighter marks (common/search/highlighter.h): a word, a
// code or a phrase, in the forms the query matches it by.
struct HighlightTerm {
  enum Scope {
    kAnywhere,  // free words and phrases: text, headline, officials' names
    kTitle,     // title: the headline only
    kOfficial,  // official: officials' names and the text
  };
  // Forms of the words, adjacent and in order when there are several (a
  // phrase is marked only where it occurs whole, as one span).
  std::vector<std::string> words;
  bool exact = false;  // exact forms, else folded ones
  // One code ("03-ct/tw", "140.000"), matched against the text's compounds
  // rather than its words.
  bool code = false;
  Scope scope = kAnywhere;
};

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
  // What to highlight: free words by their exact form when typed with
  // diacritics and their folded form when typed without; phrases and
  // fields in the forms that they must match (exact under exact_intent).
  std::vector<HighlightTerm> highlights;
  // The tier filters of `strict` (each adds its bonus to the documents it
  // matches): the searcher tells a hit's tier by which of them it matches.
  struct TierFilter {
    Xapian::Query filter;
    Tier tier;
    double bonus;
  };
  std::vector<TierFilter> tiers;
};

class QueryBuilder {
 public:
  QueryBuilder(Analyzer analyzer, RankingParams params)
      : analyzer_(std::move(analyzer)), params_(params) {}

  // InvalidArgument for an empty query, one with no words or filters, invalid
  // UTF-8, a field without a value, or a malformed date range. `extra_dates`
  // (from --since/--until) narrows whatever date: the query gives.
  [[nodiscard]] absl::StatusOr<BuiltQuery> Build(
      std::string_view text, const DateRange& extra_dates = {}) const;

  [[nodiscard]] const RankingParams& params() const { return params_; }

 private:
  // The filter of a source: or year: piece; InvalidArgument for a bad value.
  [[nodiscard]] absl::StatusOr<Xapian::Query> FilterQuery(
      std::string_view field, std::string_view value) const;
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
