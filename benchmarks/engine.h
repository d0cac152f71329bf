// Engine: one search engine under measurement (vnsearch itself or a peer),
// so that the relevance suite and the benchmarks run every engine on the
// same documents and queries in the same process.

#ifndef VNSEARCH_BENCHMARKS_ENGINE_H_
#define VNSEARCH_BENCHMARKS_ENGINE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/status/statusor.h"

namespace vnsearch {
struct RankingParams;  // common/search/ranking.h
}  // namespace vnsearch

namespace vnsearch::bench {

// The peers' reading of a query: each quoted phrase (an open quote runs to
// the end) and each unquoted word, in order, handed to `part`.
template <typename Part>
void ForEachQueryPart(std::string_view query, Part part) {
  const auto is_space = [](char c) {
    return absl::ascii_isspace(static_cast<unsigned char>(c));
  };
  size_t i = 0;
  while (i < query.size()) {
    if (is_space(query[i])) {
      ++i;
    } else if (query[i] == '"') {
      size_t close = query.find('"', i + 1);
      if (close == std::string_view::npos) close = query.size();
      part(query.substr(i + 1, close - i - 1));
      i = close + 1;
    } else {
      size_t end = i;
      while (end < query.size() && !is_space(query[end]) && query[end] != '"')
        ++end;
      part(query.substr(i, end - i));
      i = end;
    }
  }
}

struct BuildStats {
  double seconds = 0;  // wall time to a searchable, compacted index
  uint64_t documents = 0;
  uint64_t input_bytes = 0;
  uint64_t index_bytes = 0;  // on disk
  int threads = 1;           // indexing threads used
};

class Engine {
 public:
  virtual ~Engine() = default;
  [[nodiscard]] virtual std::string name() const = 0;
  // Identifies the code that builds the index: an index cached under
  // another version is rebuilt. Empty when unknown.
  [[nodiscard]] virtual std::string index_version() const { return ""; }
  // Indexes every article under `corpus_dir` (news format: headline, lead,
  // body lines) into `index_dir`, replacing what is there.
  [[nodiscard]] virtual absl::StatusOr<BuildStats> Build(
      const std::string& corpus_dir, const std::string& index_dir) = 0;
  // Opens a built index for queries (kept open across Search calls).
  [[nodiscard]] virtual absl::Status Open(const std::string& index_dir) = 0;
  // Ids (path relative to the corpus root) of the top `k` documents.
  [[nodiscard]] virtual absl::StatusOr<std::vector<std::string>> Search(
      const std::string& query, size_t k) = 0;
};

// vnsearch through its library (BuildIndex + Searcher, snippets off).
std::unique_ptr<Engine> MakeVnsearchEngine();
// The same with ranking parameters other than the defaults (for tuning).
std::unique_ptr<Engine> MakeVnsearchEngine(const RankingParams& params);
// vnsearch with snippets and highlighted headlines and names, as the
// vnsearch binary answers by default (query_latency_bench engine
// "vnsearch+snippets", on the "vnsearch" index).
std::unique_ptr<Engine> MakeVnsearchSnippetEngine();
// `restore` false: queries searched as typed (vnsearch --no-restore).
std::unique_ptr<Engine> MakeVnsearchEngine(const RankingParams& params,
                                           bool restore);
// Stock Xapian: TermGenerator and QueryParser with their defaults, headline
// indexed with wdf weight 3, BM25 defaults.
std::unique_ptr<Engine> MakeStockXapianEngine();
// SQLite FTS5: tokenize 'unicode61 remove_diacritics 2', bm25 with headline
// weight 3.
std::unique_ptr<Engine> MakeFts5Engine();
// PostgreSQL 15 full-text search (postgres_engine.cc): its own server in
// the index folder, unaccent + simple, GIN, ts_rank_cd. nullptr when
// PostgreSQL is not installed (see PostgresAvailable).
std::unique_ptr<Engine> MakePostgresEngine();
// OK when initdb, pg_ctl and the unaccent extension are installed;
// NotFound with what to install otherwise.
[[nodiscard]] absl::Status PostgresAvailable();
// The websearch_to_tsquery text the PostgreSQL peer runs for a user's
// query: each whitespace-separated word (or span in double quotes) quoted,
// joined with "or" ("" when the query has no words).
[[nodiscard]] std::string PostgresWebsearchText(std::string_view query);
// The FTS5 MATCH expression the FTS5 peer runs for a user's query: each
// whitespace-separated word quoted as a string, joined with OR ("" when the
// query has no words).
[[nodiscard]] std::string Fts5MatchExpression(std::string_view query);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_ENGINE_H_
