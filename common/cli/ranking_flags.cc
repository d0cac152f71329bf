#include "common/cli/ranking_flags.h"

#include "absl/flags/flag.h"

namespace {
const vnsearch::RankingParams kDefaults;
}  // namespace

ABSL_FLAG(double, official_boost, kDefaults.official_boost,
          "weight of adjacent syllables in officials' names");
ABSL_FLAG(double, pair_boost, kDefaults.pair_boost,
          "weight of adjacent-syllable matches");
ABSL_FLAG(double, bm25_k1, kDefaults.bm25_k1, "BM25 k1");
ABSL_FLAG(double, bm25_b, kDefaults.bm25_b, "BM25 b");

namespace vnsearch {

RankingParams RankingParamsFromFlags() {
  RankingParams p;
  p.official_boost = absl::GetFlag(FLAGS_official_boost);
  p.pair_boost = absl::GetFlag(FLAGS_pair_boost);
  p.bm25_k1 = absl::GetFlag(FLAGS_bm25_k1);
  p.bm25_b = absl::GetFlag(FLAGS_bm25_b);
  return p;
}

}  // namespace vnsearch
