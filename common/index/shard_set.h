// The installed state of a sharded index (sharded_builder.h): which
// generation of each shard is searched together, and the accent table of
// that set, named by one small pointer file, DIR/shards.stub:
//
//   # vnsearch accents: accents-000004.bin
//   auto shard-0/gen-000007
//   auto shard-1/gen-000005
//
// Xapian opens the stub as one database of exactly those generations, and
// vnsearch reads the accent table it names. A run installs every shard's
// new generation in the shard's own stub (DIR/shard-K/XAPIANDB, what
// xapian-tcpsrv DIR/shard-K serves), then writes the accent table of the new
// set and finally replaces shards.stub by one atomic rename: a reader of
// shards.stub sees the whole old set or the whole new one. The previous
// generation of each shard stays on disk (generations.h), so a reader still
// holding the old set can keep reading it.
//
// The accent table: Xapian cannot merge remote metadata, and the table is
// built from document counts of every shard's terms, so it is built once per
// set from all shards opened together (the same table as one index of every
// document would have) and shipped beside the stub. A stub may name its
// table with a comment line "# vnsearch accents: PATH" (relative to the
// stub's folder); PATH may also be another stub, whose table is used (the
// remote stub of scripts/serve-shards names DIR/shards.stub, so it follows
// every install).

#ifndef VNSEARCH_COMMON_INDEX_SHARD_SET_H_
#define VNSEARCH_COMMON_INDEX_SHARD_SET_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/index/generations.h"

namespace vnsearch {

inline constexpr std::string_view kStubAccentsTag = "# vnsearch accents: ";
inline constexpr std::string_view kSetAccentsPrefix = "accents-";

struct ShardSet {
  // Per shard: the generation searched ("gen-000007"), or "" when the stub
  // names the shard directory itself ("auto shard-K", written before sets
  // named generations: the shard's current generation).
  std::vector<std::string> generations;
  std::string accents;  // the set's accent table, a file in DIR; "" if none
};

// The set `index_dir`/shards.stub names. NotFound when there is no
// shards.stub; DataLoss for one vnindex did not write (or naming no shard).
[[nodiscard]] absl::StatusOr<ShardSet> ReadShardSet(
    const std::string& index_dir);

// Makes the current generation of each of the `shards` shards of `dir` the
// searched set: builds the set's accent table from all of them, writes it as
// DIR/accents-N.bin, then replaces shards.stub atomically (steps
// "before-set-stub" and "after-set-stub" for `hook`), then removes the
// tables no stub names. Nothing is written when the stub already names
// exactly these generations and its table. Requires the writers' lock.
[[nodiscard]] absl::Status InstallShardSet(const IndexDirectory& dir,
                                           int shards,
                                           const StepHook& hook = nullptr);

// After a run that installed some shards but not the set (it failed or was
// killed): makes each shard whose current generation is not the one
// shards.stub names, but whose previous is, current again, so that every
// shard's own stub (what its xapian-tcpsrv serves) agrees with the set.
// OK when there is no shards.stub. Requires the writers' lock.
[[nodiscard]] absl::Status RestoreShardSet(const IndexDirectory& dir);

// The accent table file a Xapian stub names (absolute path), following one
// stub named instead of a table; "" when it names none. Every stub read on
// the way is appended to `read` (to watch for a new install).
[[nodiscard]] std::string StubAccentTable(const std::string& stub,
                                          std::vector<std::string>& read);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_SHARD_SET_H_
