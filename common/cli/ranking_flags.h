// Command-line flags for every RankingParams field, shared by vnsearch and
// the relevance runner so that a tuned setting can be tried in either.

#ifndef VNSEARCH_COMMON_CLI_RANKING_FLAGS_H_
#define VNSEARCH_COMMON_CLI_RANKING_FLAGS_H_

#include "common/search/ranking.h"

namespace vnsearch {

// RankingParams from --pair_boost, --official_boost, --bm25_k1, --bm25_b
// (defaults: RankingParams()). Call after absl::ParseCommandLine.
[[nodiscard]] RankingParams RankingParamsFromFlags();

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_CLI_RANKING_FLAGS_H_
