// Nearest-rank percentiles of latency samples, shared by the relevance suite
// and the benchmarks so that their p50/p99 mean the same thing.

#ifndef VNSEARCH_BENCHMARKS_PERCENTILE_H_
#define VNSEARCH_BENCHMARKS_PERCENTILE_H_

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace vnsearch::bench {

// Percentile `q` (0..1) of sorted `values`, nearest rank; 0 when empty.
[[nodiscard]] inline double Percentile(const std::vector<double>& sorted,
                                       double q) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<size_t>(std::ceil(q * sorted.size()));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_PERCENTILE_H_
