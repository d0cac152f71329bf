#include "common/ranking_flags.h"

#include "absl/flags/flag.h"

namespace {
const vnsearch::RankingParams kDefaults;
}  // namespace

ABSL_FLAG(double, title_boost, kDefaults.title_boost, "weight of headline matches");
ABSL_FLAG(double, official_boost, kDefaults.official_boost, "weight of official-name matches");
ABSL_FLAG(double, lead_boost, kDefaults.lead_boost, "weight of adjacent syllables in the lead");
ABSL_FLAG(double, pair_boost, kDefaults.pair_boost, "weight of adjacent-syllable matches");
ABSL_FLAG(double, exact_boost, kDefaults.exact_boost, "weight of exact-spelling matches for words typed with diacritics");
ABSL_FLAG(double, folded_weight, kDefaults.folded_weight, "weight of other spellings for words typed with diacritics");
ABSL_FLAG(double, proximity_weight, kDefaults.proximity_weight, "rerank weight of the longest in-order run of query words");
ABSL_FLAG(double, exact_run_weight, kDefaults.exact_run_weight, "rerank weight of the longest exact-spelling run");
ABSL_FLAG(int, rerank_depth, kDefaults.rerank_depth, "candidates reranked by proximity (0: off)");
ABSL_FLAG(double, bm25_k1, kDefaults.bm25_k1, "BM25 k1");
ABSL_FLAG(double, bm25_b, kDefaults.bm25_b, "BM25 b");

namespace vnsearch {

RankingParams RankingParamsFromFlags() {
  RankingParams p;
  p.title_boost = absl::GetFlag(FLAGS_title_boost);
  p.official_boost = absl::GetFlag(FLAGS_official_boost);
  p.lead_boost = absl::GetFlag(FLAGS_lead_boost);
  p.pair_boost = absl::GetFlag(FLAGS_pair_boost);
  p.exact_boost = absl::GetFlag(FLAGS_exact_boost);
  p.folded_weight = absl::GetFlag(FLAGS_folded_weight);
  p.proximity_weight = absl::GetFlag(FLAGS_proximity_weight);
  p.exact_run_weight = absl::GetFlag(FLAGS_exact_run_weight);
  p.rerank_depth = absl::GetFlag(FLAGS_rerank_depth);
  p.bm25_k1 = absl::GetFlag(FLAGS_bm25_k1);
  p.bm25_b = absl::GetFlag(FLAGS_bm25_b);
  return p;
}

}  // namespace vnsearch
