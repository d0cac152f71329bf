// Command-line flags for every RankingParams field, shared by vnsearch and
// the relevance runner so that a tuned setting can be tried in either.

#ifndef VNSEARCH_COMMON_RANKING_FLAGS_H_
#define VNSEARCH_COMMON_RANKING_FLAGS_H_

#include "common/schema.h"

namespace vnsearch {

// RankingParams from --title_boost, --official_boost, --lead_boost,
// --pair_boost, --exact_boost, --folded_weight, --proximity_weight,
// --exact_run_weight, --rerank_depth, --bm25_k1, --bm25_b (defaults:
// RankingParams()). Call after absl::ParseCommandLine.
[[nodiscard]] RankingParams RankingParamsFromFlags();

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_RANKING_FLAGS_H_
