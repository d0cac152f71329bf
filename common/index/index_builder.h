// BuildIndex: what vnindex runs, nightly from a crawler's output or by hand.
//
// A full rebuild lists the corpus, splits it into work items (a text file,
// or a byte range of a JSON Lines file), resolves ids read twice (the last
// one read wins), indexes the items on every core into small Xapian shards,
// compacts the shards into a new generation of the index directory and
// installs it with one atomic rename (common/index/generations.h). An
// update (--update) compares the corpus with the current generation by id
// and content fingerprint and writes a new generation holding only the
// difference on top of a copy of the current one. Searchers see the old
// generation or the complete new one, never anything in between; a run
// killed at any moment leaves the current generation as it was, and the
// next run removes what the dead one left.

#ifndef VNSEARCH_COMMON_INDEX_INDEX_BUILDER_H_
#define VNSEARCH_COMMON_INDEX_INDEX_BUILDER_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "common/document/corpus_reader.h"
#include "common/index/generations.h"

namespace vnsearch {

enum class BuildPhase { kReading, kIndexing, kCompacting, kInstalling };

// Called from one thread at a time, at most a few times a second.
struct BuildProgress {
  BuildPhase phase = BuildPhase::kReading;
  uint64_t done = 0;   // records (articles) done in this phase
  uint64_t total = 0;  // 0 when not known yet
};
using ProgressSink = std::function<void(const BuildProgress&)>;

struct IndexOptions {
  std::string corpus_dir;
  std::string index_dir;
  int threads = 0;  // 0: one per core
  // Documents a shard takes between commits. Small batches keep Xapian's
  // in-memory inversion maps small, which is both faster and leaner than
  // large ones for this many distinct terms (benchmarks/ANALYSIS.md).
  int flush_threshold = 300;
  // Each thread starts a new shard after this many documents, so that no
  // shard grows large: flushing into a large database costs more per
  // document; the final compaction merges every shard in one linear pass.
  int shard_documents = 20000;
  // Update the current generation to match the corpus instead of
  // rebuilding. keep_missing: only add and replace (the corpus holds just
  // the new day's files).
  bool update = false;
  bool keep_missing = false;
  // Keep Xapian termlists, so that --update can replace and delete in place
  // (about 1.8x the index size; without them an update that must replace or
  // delete articles rebuilds in full). An update keeps the index's choice.
  bool termlists = false;
  ProgressSink progress;  // may be empty
  StepHook step_hook;     // test-only fault injection; may be empty
  // Sharding (common/index/sharded_builder.h): when set, only the ids it
  // accepts are indexed, and a generation may end up empty (a shard that no
  // id of a non-empty corpus hashes to).
  std::function<bool(std::string_view id)> keep_id;
};

struct IndexStats {
  std::string mode;            // "rebuild", "update" or "unchanged"
  uint64_t files = 0;          // corpus files read
  uint64_t documents = 0;      // documents in the installed generation
  uint64_t added = 0;          // ids new to the index
  uint64_t replaced = 0;       // ids whose content changed
  uint64_t deleted = 0;        // ids no longer in the corpus
  uint64_t unchanged = 0;      // ids kept as they were (update)
  uint64_t skipped_files = 0;  // files that gave no document
  uint64_t warnings = 0;
  uint64_t input_bytes = 0;
  uint64_t index_bytes = 0;  // the installed generation, on disk
  double seconds = 0;
  std::string generation;  // "gen-000007"
  std::string index_dir;   // canonical path
};

// Builds or updates the index at `options.index_dir` from
// `options.corpus_dir`. Errors: NotFound / InvalidArgument for a missing or
// non-directory corpus; FailedPrecondition if another vnindex holds the
// index lock, if index_dir exists and is not an index (never modified then),
// or if the corpus holds no article (the index is left unchanged);
// ResourceExhausted when the disk is full, PermissionDenied for a read-only
// directory, Internal or DataLoss for Xapian failures. On every error the
// current generation stays current and answering. `warn` receives one line
// per skipped or repaired input (called from one thread at a time).
[[nodiscard]] absl::StatusOr<IndexStats> BuildIndex(const IndexOptions& options,
                                                    const WarningSink& warn);

// Makes the previous generation of `index_dir` current again (under the
// writers' lock). FailedPrecondition when there is none or the index is
// locked.
[[nodiscard]] absl::StatusOr<GenerationState> RollbackIndex(
    const std::string& index_dir);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_INDEX_BUILDER_H_
