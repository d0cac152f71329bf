// The benchmark queries of a corpus, kept between runs (benchmarks/run
// --quick): generating them reads and analyses every article, which takes
// one to several minutes on news-35k.

#ifndef VNSEARCH_BENCHMARKS_QUERY_CACHE_H_
#define VNSEARCH_BENCHMARKS_QUERY_CACHE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "benchmarks/query_classes.h"

namespace vnsearch::bench {

struct CachedQueries {
  std::vector<BenchQuery> queries;
  bool reused = false;  // read from the cache, not generated
};

// GenerateQueries(corpus_dir, options), or the queries it gave last time,
// kept in `cache_dir`/bench-queries.json under a key of the corpus (its
// path, `documents` and `bytes`), the options, the analysis code (vnsearch's
// index version) and the generator's source. An unwritable cache only costs
// the next run's time. Errors as GenerateQueries.
[[nodiscard]] absl::StatusOr<CachedQueries> GenerateQueriesCached(
    const std::string& corpus_dir, uint64_t documents, uint64_t bytes,
    const QueryOptions& options, const std::string& cache_dir);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_QUERY_CACHE_H_
