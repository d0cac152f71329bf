// Query classes for the latency benchmarks, generated from the corpus at run
// time with a fixed seed (no text cut from the corpus is ever committed).
//
// Each query has the text vnsearch gets and the text the peers get; they
// differ only where vnsearch has syntax the peers lack (official:, date:).
// Queries are lowercase, spelt as in the text (no canonical tone placement),
// so that the peers, which do not normalise tone marks, can match them too.

#ifndef VNSEARCH_BENCHMARKS_QUERY_CLASSES_H_
#define VNSEARCH_BENCHMARKS_QUERY_CLASSES_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace vnsearch::bench {

enum class QueryClass {
  kOneSyllable,         // "bão": one syllable, df 0.01%..2% of the corpus
  kTwoSyllableWord,     // "cán bộ": a recurring pair of adjacent syllables
  kOrRanked,            // 3-5 syllables of one article, not adjacent, ranked
  kPhrase,              // "\"ban cán sự đảng\"": 2-4 adjacent syllables
  kPhraseNoDiacritics,  // the same phrases typed without diacritics
  kOfficial,      // official:"Nguyễn Xuân Phúc" (peers: the plain name)
  kDateFiltered,  // date:2017..2017 + a two-syllable word (peers: word)
  kFrequent,      // one syllable in ~10k of 35k articles (scaled)
  kRare,          // one syllable in a handful (2-5) of articles
  kKnownItem,     // 3-6 adjacent syllables of a headline or lead
};
inline constexpr int kNumQueryClasses = 10;
inline constexpr std::array<QueryClass, kNumQueryClasses> kAllQueryClasses = {
    QueryClass::kOneSyllable,
    QueryClass::kTwoSyllableWord,
    QueryClass::kOrRanked,
    QueryClass::kPhrase,
    QueryClass::kPhraseNoDiacritics,
    QueryClass::kOfficial,
    QueryClass::kDateFiltered,
    QueryClass::kFrequent,
    QueryClass::kRare,
    QueryClass::kKnownItem};

// Short name for tables and benchmark names: "one_syllable", ...
[[nodiscard]] std::string_view QueryClassName(QueryClass c);
// How the class is made, one line, for the report.
[[nodiscard]] std::string_view QueryClassDescription(QueryClass c);

struct BenchQuery {
  QueryClass query_class = QueryClass::kOneSyllable;
  std::string vnsearch;             // what vnsearch is asked
  std::string peer;                 // what stock Xapian and FTS5 are asked
  uint32_t document_frequency = 0;  // of the rarest word; 0 when not known
};

struct QueryOptions {
  size_t per_class = 100;
  uint64_t seed = 20240611;
  // Articles whose text is kept to draw words, pairs and phrases from.
  size_t sample_articles = 3000;
};

// Reads every article under `corpus_dir` and draws up to
// `options.per_class` distinct queries of each class (fewer when the corpus
// is too small to have them; a class may then be empty). Deterministic for
// a corpus and options. NotFound / InvalidArgument as ListCorpus;
// FailedPrecondition when the corpus holds no words.
[[nodiscard]] absl::StatusOr<std::vector<BenchQuery>> GenerateQueries(
    const std::string& corpus_dir, const QueryOptions& options);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_QUERY_CLASSES_H_
