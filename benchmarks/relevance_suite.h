// The relevance suite: ranking quality of vnsearch and its peers on the news
// corpus, measured on queries generated at run time from the corpus itself
// (deterministically, from a fixed seed), so that no text cut from the
// corpus is ever committed. docs/relevance.md describes the query kinds and
// the metrics.
//
//   RelevanceSuite::Generate   articles -> queries with their judgments
//   Evaluate                   one engine on one split -> EngineScore
//   RunRelevance               corpus cache, index cache, every engine ->
//   report
//
// Generation and evaluation are pure functions of their inputs; RunRelevance
// touches the cache directory (serialised across processes by file locks).

#ifndef VNSEARCH_BENCHMARKS_RELEVANCE_SUITE_H_
#define VNSEARCH_BENCHMARKS_RELEVANCE_SUITE_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "benchmarks/engine.h"
#include "benchmarks/news_corpus.h"
#include "common/index/schema.h"
#include "common/search/ranking.h"

namespace vnsearch::bench {

enum class QueryKind {
  kHeadlineDiacritics = 0,  // 3-5 headline syllables, lowercase, as typed
  kHeadlinePlain = 1,       // the same queries without diacritics
  kLeadPlain = 2,           // 4-6 lead syllables without diacritics
  kDiacriticPreference = 3,  // two accented syllables with rival spellings
  kTopicalPlain = 4  // a headline word and a place, without diacritics
};
inline constexpr int kNumQueryKinds = 5;
// Kinds judged by the exact spellings in the articles of the top 10.
[[nodiscard]] inline bool JudgedBySpelling(QueryKind kind) {
  return kind == QueryKind::kDiacriticPreference ||
         kind == QueryKind::kTopicalPlain;
}
inline constexpr std::array<QueryKind, 3> kKnownItemKinds = {
    QueryKind::kHeadlineDiacritics, QueryKind::kHeadlinePlain,
    QueryKind::kLeadPlain};

// "headline-diacritics", "headline-plain", "lead-plain",
// "diacritic-preference", "topical-plain".
[[nodiscard]] std::string_view KindName(QueryKind kind);

// Which half of the generated queries: ranking is tuned on kTuning and
// reported on kTest.
enum class Split { kTuning, kTest, kAll };
[[nodiscard]] std::string_view SplitName(Split split);  // "tune", "test", "all"
// Parses "tune" (or "tuning"), "test", "all"; InvalidArgument otherwise.
[[nodiscard]] absl::StatusOr<Split> ParseSplit(std::string_view text);

struct RelevanceQuery {
  QueryKind kind = QueryKind::kHeadlineDiacritics;
  std::string text;          // what the user types
  std::string target;        // known-item kinds: id of the one right article
  // Diacritic preference: exact form of the pair; topical: both pairs, as
  // "bão lũ + quảng nam".
  std::string spelling;
  size_t spelling_docs = 0;  // diacritic preference: articles that have it
  bool tuning = false;       // in the tuning half (else the test half)
};

struct SuiteOptions {
  uint64_t seed = 0x766e736561726368;  // "vnsearch"
  size_t known_items_per_kind = 400;   // per kind, both halves together
  size_t preference_queries = 200;     // both halves together
  size_t min_spelling_docs = 10;  // each rival spelling in this many articles
};

class RelevanceSuite {
 public:
  // Generates the queries from `articles` (any order: they are sorted by id
  // first). InvalidArgument when the corpus yields no query of some kind;
  // Internal when ICU cannot build its transforms.
  [[nodiscard]] static absl::StatusOr<RelevanceSuite> Generate(
      const std::vector<NewsArticle>& articles, const SuiteOptions& options);

  [[nodiscard]] std::vector<RelevanceQuery> Queries(Split split) const;
  [[nodiscard]] const std::vector<RelevanceQuery>& all_queries() const {
    return queries_;
  }

  // True if article `id` has the syllables of `spelling` (an exact pair
  // "tuần mới") adjacent, in its headline, lead or body, after case folding
  // and canonical tone placement (so "Hoà" and "hòa" are one spelling).
  // Only the spellings of the preference queries are known.
  [[nodiscard]] bool ContainsSpelling(std::string_view id,
                                      std::string_view spelling) const;

  // Articles whose text has each preference query's spelling.
  [[nodiscard]] size_t SpellingDocs(std::string_view spelling) const;

  // The queries and judgments, to cache a generated suite (text cut from the
  // corpus: for the build directory only). FromJson: InvalidArgument for
  // text that ToJson did not write.
  [[nodiscard]] std::string ToJson() const;
  [[nodiscard]] static absl::StatusOr<RelevanceSuite> FromJson(
      std::string_view json);

 private:
  std::vector<RelevanceQuery> queries_;
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>>
      spelling_docs_;
};

// Lowercase and diacritic-free forms as a user types them (ICU: lowercase in
// the Vietnamese locale; "NFD; [:Nonspacing Mark:] Remove; NFC" and đ -> d).
class QueryTyping {
 public:
  [[nodiscard]] static absl::StatusOr<QueryTyping> Create();
  [[nodiscard]] std::string Lower(std::string_view text) const;
  [[nodiscard]] std::string Plain(
      std::string_view text) const;  // no diacritics
  // Whitespace-separated words with leading and trailing punctuation
  // stripped; words that were only punctuation are dropped.
  [[nodiscard]] static std::vector<std::string> Syllables(
      std::string_view text);

 private:
  struct Impl;
  explicit QueryTyping(std::shared_ptr<const Impl> impl)
      : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

struct KindScore {
  size_t queries = 0;
  double mrr10 = 0;  // known-item kinds
  double success1 = 0;
  double success10 = 0;
  double exact_share = 0;  // diacritic preference: exact spellings in top 10
};

// How one query went for one engine.
struct QueryOutcome {
  size_t rank =
      0;  // known-item: 1-based rank of the target, 0 if not in the top 10
  size_t exact = 0;  // diacritic preference: results with the exact spelling
  size_t hits = 0;   // results returned (at most 10)
  double ms = 0;     // timed run
};

struct EngineScore {
  std::string engine;
  std::array<KindScore, kNumQueryKinds> kinds;
  double overall_mrr10 = 0;  // over every known-item query of the split
  double p50_ms = 0;         // latency over the whole query mix, warm
  double p99_ms = 0;
  size_t errors = 0;  // queries the engine refused (scored as no hits)
  std::string first_error;
  CachedBuild build;
  std::vector<QueryOutcome> outcomes;  // one per query evaluated; not in JSON

  [[nodiscard]] const KindScore& kind(QueryKind k) const {
    return kinds[static_cast<size_t>(k)];
  }
};

// Runs `queries` through `engine` (opened) once untimed to warm caches, then
// once timed, single-threaded, top 10; scores the timed run.
[[nodiscard]] EngineScore Evaluate(Engine& engine, const RelevanceSuite& suite,
                                   const std::vector<RelevanceQuery>& queries);

struct RelevanceReport {
  Split split = Split::kTest;
  std::array<size_t, kNumQueryKinds> queries{};  // per kind, in the split
  std::vector<EngineScore> engines;
  std::vector<RelevanceQuery> query_list;  // the split's queries; not in JSON

  // nullptr when `name` was not run.
  [[nodiscard]] const EngineScore* Find(std::string_view name) const;
  // The table: kinds and metrics x engines, then latency and index size
  // (Markdown, readable as plain text).
  [[nodiscard]] std::string FormatTable() const;
  // One line per query that the first engine did not get right (target not
  // first, or fewer than 10 exact spellings), with every engine's outcome.
  // Text cut from the corpus: for a terminal, never for a committed file.
  [[nodiscard]] std::string FormatMisses() const;
  // The `n` slowest queries of the first engine, slowest first, with every
  // engine's time (corpus text too: for a terminal only).
  [[nodiscard]] std::string FormatSlowest(size_t n) const;
  [[nodiscard]] std::string ToJson() const;
  // InvalidArgument for text that ToJson did not write.
  [[nodiscard]] static absl::StatusOr<RelevanceReport> FromJson(
      std::string_view json);
};

struct RelevanceRunOptions {
  std::string archive = NewsArchivePath();
  std::string cache_dir = NewsCacheDir();
  Split split = Split::kTest;
  RankingParams params;  // vnsearch's ranking
  bool restore = true;   // false: vnsearch searches as typed (--no-restore)
  std::vector<std::string> engines = {"vnsearch", "xapian", "fts5"};
  bool rebuild = false;  // rebuild indexes even when the cache is current
  SuiteOptions suite;
};

// Makes an engine by name ("vnsearch", "xapian", "fts5"); nullptr otherwise.
[[nodiscard]] std::unique_ptr<Engine> MakeEngine(std::string_view name,
                                                 const RankingParams& params);

// Key of `engine`'s cached index built from `archive`; "" if the engine
// cannot name its index version (then the index is always rebuilt).
[[nodiscard]] std::string IndexKey(const Engine& engine,
                                   const std::string& archive);

// Extracts the corpus (cached), generates the suite (cached for this binary
// and these options), builds or reuses every engine's index under
// `cache_dir`/index and evaluates each on the split.
// NotFound when the archive is absent; InvalidArgument for an unknown engine
// name; other errors from the engines. `log` gets one line per step.
[[nodiscard]] absl::StatusOr<RelevanceReport> RunRelevance(
    const RelevanceRunOptions& options,
    const std::function<void(std::string_view)>& log);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_RELEVANCE_SUITE_H_
