// What vnindex prints when a run ends: the summary line for a person and
// the JSON object for monitoring (docs/OPERATIONS.md).

#ifndef VNSEARCH_COMMON_CLI_INDEX_REPORT_H_
#define VNSEARCH_COMMON_CLI_INDEX_REPORT_H_

#include <string>

#include "common/index/index_builder.h"
#include "common/index/sharded_builder.h"

namespace vnsearch {

// {"mode","documents","added","replaced","deleted","unchanged",
//  "skipped_files","warnings","seconds","index_bytes","generation","index"}
// on one line, no newline.
[[nodiscard]] std::string IndexStatsJson(const IndexStats& stats);

// "indexed 5 documents from 5 files (0 skipped, 0 warnings) into DIR in
// 0.21 s; rebuild: 5 added, ...; current generation gen-000001, 0.2 MB\n".
[[nodiscard]] std::string IndexSummary(const IndexStats& stats);

// A sharded run: the summed object with "shards":[one object per shard].
[[nodiscard]] std::string ShardedStatsJson(const ShardedStats& stats);
// The summed line, then one line per shard.
[[nodiscard]] std::string ShardedSummary(const ShardedStats& stats);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_CLI_INDEX_REPORT_H_
