// Searcher: answers ranked queries against an index built by BuildIndex.
//
// Open() returns NotFound for a missing index, DataLoss for a corrupt or
// unreadable one, FailedPrecondition for an index of another schema.
// A Searcher keeps the index open across queries. Not thread-safe: use one
// per thread.

#ifndef VNSEARCH_COMMON_SEARCH_SEARCHER_H_
#define VNSEARCH_COMMON_SEARCH_SEARCHER_H_

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/document/article.h"
#include "common/index/generations.h"
#include "common/index/schema.h"
#include "common/search/accent_reading.h"
#include "common/search/facets.h"
#include "common/search/highlighter.h"
#include "common/search/index_set.h"
#include "common/search/query_builder.h"
#include "common/search/shard_match.h"

namespace vnsearch {

struct SearcherOptions {
  // An index directory, a sharded one or a Xapian stub file (index_set.h).
  std::string index_dir;
  RankingParams params;
  IndexSetOptions shards;  // remote timeouts, allow_partial
};

struct SearchRequest {
  size_t limit = 10;
  size_t offset = 0;
  DateRange dates;       // --since / --until
  bool snippets = true;  // generate highlighted snippets for the hits
  // Count the whole match set by year, official and source (a full pass
  // over the matches; SearchResult::facets).
  bool facets = false;
  // Copies of one story (the same collapse key or lead key, in the hit
  // record: index/record.h; search/lead_collapse.h) show as their
  // best-ranked one, with Hit::similar counting the others.
  bool collapse = true;
  bool restore = true;  // read accents and Telex/VNI (search/accent_reading.h)
  // When set and it turns true while the query runs (a signal handler sets
  // it: the prompt's Ctrl-C), the query stops and Search returns Cancelled.
  // Checked as the matcher visits documents (local databases only) and
  // between hits.
  const std::atomic<bool>* cancel = nullptr;
};

struct Hit {
  size_t rank = 0;  // 1-based
  double score = 0;      // Xapian's weight, tier bonuses included
  double relevance = 0;  // score as a share of the best hit's (0..1]
  Tier tier = Tier::kAllWords;
  // Copies of this story collapsed into it: those among the hits fetched
  // (the page, the hits above it and a few below it), so a lower bound;
  // exact when every match was fetched.
  uint64_t similar = 0;
  Article article;      // id, title, date, officials (text not kept)
  std::string snippet;  // HTML fragment: escaped text, matches in <b></b>
  // With snippets: the headline and each official's name (in the order of
  // article.officials) as HTML fragments with their matches marked.
  std::string title_html;
  std::vector<std::string> officials_html;
};

struct SearchResult {
  std::string query;
  // Matching articles, copies of a story included (Xapian's estimate;
  // exact when small or with facets).
  uint64_t total = 0;
  bool total_exact = false;  // total is a count, not an estimate
  // The same less the copies collapsed among the hits fetched (what pages
  // of hits run through); total when not collapsing. An upper bound, exact
  // when every match was fetched.
  uint64_t distinct = 0;
  std::optional<Facets> facets;  // when SearchRequest::facets
  double took_ms = 0;
  std::vector<Hit> hits;
  // One line per shard left out (IndexSetOptions::allow_partial).
  std::vector<std::string> warnings;
  AccentReading reading;  // what was searched for, when it was read
};

class Searcher {
 public:
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Searcher>> Open(
      const SearcherOptions& options);

  // InvalidArgument for a bad query (see QueryBuilder), Internal/DataLoss
  // for index failures, Cancelled when SearchRequest::cancel turned true.
  [[nodiscard]] absl::StatusOr<SearchResult> Search(
      std::string_view query, const SearchRequest& request);

  [[nodiscard]] uint64_t document_count() const { return db_.get_doccount(); }

  // Generations (common/index/generations.h): before each query the
  // searcher checks with one stat() whether another generation became
  // current, and if so answers from it. A query runs on one generation
  // only; one that fails because its generation changed or vanished under
  // it (DatabaseModifiedError, a removed file) reopens and runs once more.
  // Times a newer generation was opened (for tests and logs).
  // Shards: every local shard's stub is watched the same way; remote
  // shards are reconnected (so that their servers open their current
  // generation) at most kRemoteRefresh after the last connection, and
  // shards left out (allow_partial) are tried again after kRetryMissing.
  [[nodiscard]] uint64_t reopens() const { return reopens_; }

  static constexpr std::chrono::seconds kRemoteRefresh{60};
  static constexpr std::chrono::seconds kRetryMissing{5};

 private:
  // The accent reader of the generation being served, or of the set of
  // shards (the table its stub names: index/shard_set.h); none if it has
  // no accent table.
  void LoadAccentReader();

 private:
  Searcher(std::string index_dir, IndexSet set, QueryBuilder builder,
           Analyzer analyzer, const SearcherOptions& options,
           std::shared_ptr<const CharTable> chars);

  // Opens the index's current generation(s) and checks the schema.
  [[nodiscard]] static absl::StatusOr<IndexSet> OpenDatabase(
      const std::string& index_dir, const IndexSetOptions& options);
  // Whether remote or missing shards are due for a new connection.
  [[nodiscard]] bool ShardsDue() const;
  // Switches to the current generation; keeps the old one on failure.
  absl::Status Reopen();
  [[nodiscard]] absl::StatusOr<SearchResult> SearchOnce(
      const BuiltQuery& built, std::string_view query,
      const SearchRequest& request);

  std::string index_dir_;
  IndexSetOptions set_options_;
  IndexWatcher watcher_;
  std::vector<std::string> missing_;
  std::string accent_table_;  // IndexSet::accent_table
  bool remote_ = false;
  std::chrono::steady_clock::time_point opened_;
  uint64_t reopens_ = 0;
  // Whether a hit's document data was read since the database was opened
  // (the first snippet reads it, to see the table is there).
  bool data_seen_ = false;
  Xapian::Database db_;
  // Local shards: each matched first once (shard_match.h). Empty for one
  // database and for remote shards (each server matches its own).
  ShardRotations rotations_;
  QueryBuilder builder_;
  Analyzer analyzer_;
  RankingParams params_;
  Xapian::Enquire enquire_;
  Highlighter highlighter_;
  std::shared_ptr<const CharTable> chars_;
  std::unique_ptr<AccentReader> accent_reader_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_SEARCHER_H_
