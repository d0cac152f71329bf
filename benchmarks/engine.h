// Engine: one search engine under measurement (vnsearch itself or a peer),
// so that the relevance suite and the benchmarks run every engine on the
// same documents and queries in the same process.

#ifndef VNSEARCH_BENCHMARKS_ENGINE_H_
#define VNSEARCH_BENCHMARKS_ENGINE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace vnsearch::bench {

struct BuildStats {
  double seconds = 0;          // wall time to a searchable, compacted index
  uint64_t documents = 0;
  uint64_t input_bytes = 0;
  uint64_t index_bytes = 0;    // on disk
};

class Engine {
 public:
  virtual ~Engine() = default;
  [[nodiscard]] virtual std::string name() const = 0;
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
// Stock Xapian: TermGenerator and QueryParser with their defaults, headline
// indexed with wdf weight 3, BM25 defaults.
std::unique_ptr<Engine> MakeStockXapianEngine();
// SQLite FTS5: tokenize 'unicode61 remove_diacritics 2', bm25 with headline
// weight 3.
std::unique_ptr<Engine> MakeFts5Engine();

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_ENGINE_H_
