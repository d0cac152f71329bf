// Searcher: answers ranked queries against an index built by BuildIndex.
//
// Open() returns NotFound for a missing index, DataLoss for a corrupt or
// unreadable one, FailedPrecondition for an index of another schema.
// A Searcher keeps the index open across queries. Not thread-safe: use one
// per thread.

#ifndef VNSEARCH_COMMON_SEARCH_SEARCHER_H_
#define VNSEARCH_COMMON_SEARCH_SEARCHER_H_

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/document/article.h"
#include "common/index/generations.h"
#include "common/index/schema.h"
#include "common/search/accent_reading.h"
#include "common/search/query_builder.h"

namespace vnsearch {

struct SearcherOptions {
  std::string index_dir;
  RankingParams params;
};

struct SearchRequest {
  size_t limit = 10;
  size_t offset = 0;
  DateRange dates;       // --since / --until
  bool snippets = true;  // generate highlighted snippets for the hits
  bool restore = true;   // read accents and Telex/VNI (search/accent_reading.h)
};

struct Hit {
  size_t rank = 0;  // 1-based
  double score = 0;
  Article article;      // id, title, date, officials (text not kept)
  std::string snippet;  // HTML fragment: escaped text, matches in <b></b>
};

struct SearchResult {
  std::string query;
  uint64_t total =
      0;  // matching documents (Xapian's estimate; exact when small)
  double took_ms = 0;
  std::vector<Hit> hits;
  AccentReading reading;  // what was searched for, when it was read
};

class HighlightStem;

class Searcher {
 public:
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Searcher>> Open(
      const SearcherOptions& options);

  // InvalidArgument for a bad query (see QueryBuilder), Internal/DataLoss
  // for index failures.
  [[nodiscard]] absl::StatusOr<SearchResult> Search(
      std::string_view query, const SearchRequest& request);

  [[nodiscard]] uint64_t document_count() const { return db_.get_doccount(); }

  // Generations (common/index/generations.h): before each query the
  // searcher checks with one stat() whether another generation became
  // current, and if so answers from it. A query runs on one generation
  // only; one that fails because its generation changed or vanished under
  // it (DatabaseModifiedError, a removed file) reopens and runs once more.
  // Times a newer generation was opened (for tests and logs).
  [[nodiscard]] uint64_t reopens() const { return reopens_; }

 private:
  Searcher(std::string index_dir, Xapian::Database db, QueryBuilder builder,
           Analyzer analyzer, RankingParams params,
           std::shared_ptr<const CharTable> chars);
  // The accent reader of the generation being served; none if it has no
  // accent table.
  void LoadAccentReader();

  // Opens the index's current generation and checks its schema.
  [[nodiscard]] static absl::StatusOr<Xapian::Database> OpenDatabase(
      const std::string& index_dir);
  // Switches to the current generation; keeps the old one on failure.
  absl::Status Reopen();
  [[nodiscard]] absl::StatusOr<SearchResult> SearchOnce(
      const BuiltQuery& built, std::string_view query,
      const SearchRequest& request);

  std::string index_dir_;
  GenerationWatcher watcher_;
  uint64_t reopens_ = 0;
  Xapian::Database db_;
  QueryBuilder builder_;
  Analyzer analyzer_;
  RankingParams params_;
  Xapian::Enquire enquire_;
  HighlightStem* highlight_;  // owned by highlight_stem_
  Xapian::Stem highlight_stem_;
  std::shared_ptr<const CharTable> chars_;
  std::unique_ptr<AccentReader> accent_reader_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_SEARCHER_H_
