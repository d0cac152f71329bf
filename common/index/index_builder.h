// BuildIndex: the full rebuild that vnindex runs (nightly, from a crawler's
// output). Reads every file under the corpus root, builds one Xapian shard
// per thread, compacts the shards into a fresh index next to the target and
// swaps it in with a rename, so searchers see either the old index or the
// complete new one, never a half-built one.

#ifndef VNSEARCH_COMMON_INDEX_INDEX_BUILDER_H_
#define VNSEARCH_COMMON_INDEX_INDEX_BUILDER_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "common/document/corpus_reader.h"

namespace vnsearch {

struct IndexOptions {
  std::string corpus_dir;
  std::string index_dir;
  int threads = 0;  // 0: one per core
  // Documents buffered per shard before Xapian flushes to disk. Small
  // batches keep Xapian's in-memory inversion maps small, which is both
  // faster and leaner than large ones for this many distinct terms.
  int flush_threshold = 300;
  // Each thread starts a new shard after this many documents, so that no
  // shard grows large: flushing into a large database costs more per
  // document; the final compaction merges every shard in one linear pass.
  int shard_documents = 20000;
};

struct IndexStats {
  uint64_t files = 0;          // files read
  uint64_t documents = 0;      // documents in the final index
  uint64_t skipped_files = 0;  // files that gave no document
  uint64_t warnings = 0;
  uint64_t input_bytes = 0;
  uint64_t index_bytes = 0;  // on disk, after compaction
  double seconds = 0;
};

// Builds `options.index_dir` from `options.corpus_dir`.
// Errors: NotFound / InvalidArgument for a missing or non-directory corpus,
// FailedPrecondition if another vnindex holds the index lock or index_dir
// exists and is not a vnsearch index (it is never deleted then), Internal or
// DataLoss for Xapian failures. `warn` receives one line per skipped or
// repaired input (called from one thread at a time).
[[nodiscard]] absl::StatusOr<IndexStats> BuildIndex(const IndexOptions& options,
                                                    const WarningSink& warn);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_INDEX_BUILDER_H_
