// Sharded indexes: `vnindex --shards N` splits the corpus by a stable hash
// of each document id into N complete indexes, each an index directory of
// its own with its own generations (common/index/generations.h):
//
//   DIR/shards.stub      Xapian stub naming each shard's generation:
//                        "auto shard-0/gen-000007" ... (shard_set.h)
//   DIR/accents-N.bin    the accent table of that set of generations
//   DIR/shard-0/         an index directory: XAPIANDB, gen-000007/, ...
//   DIR/shard-1/         ...
//   DIR/.vnindex.lock    the writers' lock of the whole set
//
// The same id always lands in the same shard, so an update rewrites only
// the shards whose articles changed; the others report "unchanged" and keep
// their generation. Each shard is built by the ordinary builder
// (BuildIndex) with IndexOptions::keep_id, all shards at once; each installs
// its new generation in its own stub (what xapian-tcpsrv DIR/shard-K
// serves), as close in time as the builder allows (each waits for the
// others before its stub is written). Then the new set is installed by one
// atomic rename of shards.stub (InstallShardSet): local readers of the
// sharded index see every shard old or every shard new. If a shard fails,
// the shards this run installed are rolled back, so that no shard changes;
// a run killed between the shard installs and the set install is undone the
// same way by the next run (RestoreShardSet).
//
// Shards always keep termlists (IndexOptions::termlists): Xapian's remote
// server reads a document's values through them.
//
// Xapian opens DIR/shards.stub as one database of all shards (global BM25
// statistics), and DIR/shard-K as shard K's current generation, so that
// stock `xapian-tcpsrv DIR/shard-K` serves it (scripts/serve-shards).

#ifndef VNSEARCH_COMMON_INDEX_SHARDED_BUILDER_H_
#define VNSEARCH_COMMON_INDEX_SHARDED_BUILDER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/index/index_builder.h"

namespace vnsearch {

inline constexpr std::string_view kShardStubName = "shards.stub";
inline constexpr std::string_view kShardPrefix = "shard-";
inline constexpr int kMaxShards = 256;

// The shard of `id` among `shards`: CRC-32 of the id's bytes modulo the
// count; the same on every machine and run (base/fingerprint.h).
[[nodiscard]] int ShardOf(std::string_view id, int shards);

// "shard-3".
[[nodiscard]] std::string ShardName(int shard);

// The number of shards of the sharded index directory `index_dir` (read
// from its shards.stub); 0 when `index_dir` holds no shards.stub. DataLoss
// for a shards.stub that vnindex did not write.
[[nodiscard]] absl::StatusOr<int> ShardCount(const std::string& index_dir);

struct ShardedStats {
  IndexStats total;  // summed; mode "mixed" when the shards differ
  std::vector<IndexStats> shards;
};

// Builds or updates the sharded index `options.index_dir` with `shards`
// shards (0: the count the directory already has). InvalidArgument for a
// count outside 1..kMaxShards; FailedPrecondition when the directory is a
// single index, holds another shard count, is locked, or is not an index;
// otherwise the errors of BuildIndex, the first failing shard's, naming it
// (no shard is changed then: those that succeeded are rolled back). `warn` gets each distinct
// warning once (every shard reads the whole corpus).
[[nodiscard]] absl::StatusOr<ShardedStats> BuildShardedIndex(
    const IndexOptions& options, int shards, const WarningSink& warn);

// Rolls every shard back to its previous generation, then installs that set
// (and its accent table). FailedPrecondition when a shard has none (no
// shard is changed then).
[[nodiscard]] absl::Status RollbackShards(const std::string& index_dir);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_SHARDED_BUILDER_H_
