#include "common/index/sharded_builder.h"

#include <zlib.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/base/absl_compat.h"
#include "common/base/file_lock.h"
#include "common/base/files.h"
#include "common/index/generations.h"
#include "common/index/shard_set.h"

namespace vnsearch {
namespace fs = std::filesystem;
namespace {

// Lets every shard's build reach the install step before any installs, so
// that the new generations become current together. A shard whose build
// ends without installing (unchanged, or failed) counts as arrived.
class InstallBarrier {
 public:
  explicit InstallBarrier(int shards) : waiting_for_(shards) {}
  void Arrive() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (--waiting_for_ == 0) {
      released_.notify_all();
      return;
    }
    released_.wait(lock, [&] { return waiting_for_ == 0; });
  }
  void Leave() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--waiting_for_ == 0) released_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  int waiting_for_;
};

// Forwards each distinct warning once, from one thread at a time.
class DistinctWarnings {
 public:
  explicit DistinctWarnings(const WarningSink& sink) : sink_(sink) {}
  void operator()(std::string_view message) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!seen_.insert(std::string(message)).second) return;
    if (sink_) sink_(message);
  }
  [[nodiscard]] uint64_t count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_.size();
  }

 private:
  const WarningSink& sink_;
  std::mutex mutex_;
  absl::flat_hash_set<std::string> seen_;
};

// Checks that `dir` may hold a sharded index: missing, empty, or already
// one (nothing but shards.stub, shard-K folders, the lock, temp files).
absl::Status CheckShardDirectory(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return absl::OkStatus();
  if (!fs::is_directory(dir, ec)) {
    return absl::FailedPreconditionError(
        absl::StrCat(dir, " exists and is not a directory"));
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == kStubFileName || absl::StartsWith(name, "gen-") ||
        name == "iamglass") {
      return absl::FailedPreconditionError(absl::StrCat(
          "index ", dir,
          " is a single (unsharded) index; build the shards into a new "
          "directory"));
    }
    if (name == kShardStubName || name == kLockFileName ||
        absl::EndsWith(name, ".stub") ||  // serve-shards' remote stub
        absl::StartsWith(name, ToAbsl(kSetAccentsPrefix)) ||
        absl::StartsWith(name, ToAbsl(kShardPrefix)) ||
        absl::StrContains(name, ".tmp")) {
      continue;
    }
    return absl::FailedPreconditionError(absl::StrCat(
        dir, " exists and is not a search index; refusing to replace it"));
  }
  return absl::OkStatus();
}

ShardedStats Sum(std::vector<IndexStats> shards, const std::string& dir) {
  ShardedStats out;
  IndexStats& t = out.total;
  t.index_dir = dir;
  for (size_t k = 0; k < shards.size(); ++k) {
    const IndexStats& s = shards[k];
    if (k == 0) {
      t.mode = s.mode;
      t.files = s.files;  // every shard lists the whole corpus
      t.input_bytes = s.input_bytes;
    } else if (t.mode != s.mode) {
      t.mode = "mixed";
    }
    t.documents += s.documents;
    t.added += s.added;
    t.replaced += s.replaced;
    t.deleted += s.deleted;
    t.unchanged += s.unchanged;
    t.skipped_files += s.skipped_files;
    t.index_bytes += s.index_bytes;
    t.seconds = std::max(t.seconds, s.seconds);
  }
  out.shards = std::move(shards);
  return out;
}

}  // namespace

int ShardOf(std::string_view id, int shards) {
  if (shards <= 1) return 0;
  uLong crc = crc32_z(0L, Z_NULL, 0);
  crc = crc32_z(crc, reinterpret_cast<const Bytef*>(id.data()), id.size());
  return static_cast<int>(static_cast<uint32_t>(crc) %
                          static_cast<uint32_t>(shards));
}

std::string ShardName(int shard) {
  return absl::StrCat(ToAbsl(kShardPrefix), shard);
}

absl::StatusOr<int> ShardCount(const std::string& index_dir) {
  absl::StatusOr<ShardSet> set = ReadShardSet(index_dir);
  if (absl::IsNotFound(set.status())) return 0;
  if (!set.ok()) return set.status();
  return static_cast<int>(set->generations.size());
}

absl::StatusOr<ShardedStats> BuildShardedIndex(const IndexOptions& options,
                                               int shards,
                                               const WarningSink& warn) {
  absl::StatusOr<IndexDirectory> dir =
      IndexDirectory::Resolve(options.index_dir);
  if (!dir.ok()) return dir.status();
  if (shards < 0 || shards > kMaxShards) {
    return absl::InvalidArgumentError(
        absl::StrCat("--shards must be 1..", kMaxShards));
  }
  if (absl::Status s = CheckShardDirectory(dir->path()); !s.ok()) return s;
  absl::StatusOr<int> existing = ShardCount(dir->path());
  if (!existing.ok()) return existing.status();
  if (shards == 0) shards = *existing;
  if (shards == 0) {
    return absl::InvalidArgumentError("no shard count given (--shards N)");
  }
  if (*existing != 0 && *existing != shards) {
    return absl::FailedPreconditionError(absl::StrCat(
        "index ", dir->path(), " holds ", *existing, " shards, not ", shards,
        "; ids would move between shards: build into a new directory"));
  }
  std::error_code ec;
  fs::create_directories(dir->path(), ec);
  if (ec) {
    return ErrnoToStatus(ec.value(), absl::StrCat("creating ", dir->path()));
  }
  absl::StatusOr<FileLock> lock = FileLock::TryAcquire(
      dir->Child(kLockFileName), absl::StrCat("index ", dir->path()));
  if (!lock.ok()) return lock.status();
  // A dead run may have installed shards but not the set: back to the set.
  if (absl::Status s = RestoreShardSet(*dir); !s.ok()) return s;
  // What each shard serves now, to undo this run's installs if one fails.
  std::vector<std::string> before(static_cast<size_t>(shards));
  for (int k = 0; k < shards; ++k) {
    absl::StatusOr<IndexDirectory> sd =
        IndexDirectory::Resolve(dir->Child(ShardName(k)));
    if (!sd.ok()) continue;
    absl::StatusOr<GenerationState> state = sd->ReadState();
    if (state.ok()) before[static_cast<size_t>(k)] = state->current;
  }

  // Every shard at once (they must all reach the install step together);
  // the cores are divided between them.
  const int cores =
      options.threads > 0
          ? options.threads
          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int per_shard = std::max(1, cores / shards);
  InstallBarrier barrier(shards);
  DistinctWarnings warnings(warn);
  std::vector<absl::StatusOr<IndexStats>> results(
      static_cast<size_t>(shards), absl::UnknownError("not run"));
  std::vector<std::thread> workers;
  for (int k = 0; k < shards; ++k) {
    workers.emplace_back([&, k] {
      IndexOptions mine = options;
      mine.index_dir = dir->Child(ShardName(k));
      mine.threads = per_shard;
      // Stock xapian-tcpsrv reads a document's values through its
      // termlist (glass keeps the slots used there): without termlists a
      // remote shard cannot return its hits. They also let --update
      // replace and delete in place.
      mine.termlists = true;
      mine.keep_id = [k, shards](std::string_view id) {
        return ShardOf(id, shards) == k;
      };
      if (k != 0) mine.progress = nullptr;  // shard 0 stands for all
      bool arrived = false;
      mine.step_hook = [&](std::string_view step) {
        if (step == "before-stub" && !arrived) {
          arrived = true;
          barrier.Arrive();
        }
        if (options.step_hook) options.step_hook(step);
      };
      results[static_cast<size_t>(k)] =
          BuildIndex(mine, [&](std::string_view w) { warnings(w); });
      if (!arrived) barrier.Leave();
    });
  }
  for (std::thread& worker : workers) worker.join();

  std::vector<IndexStats> done;
  for (int k = 0; k < shards; ++k) {
    absl::StatusOr<IndexStats>& r = results[static_cast<size_t>(k)];
    if (!r.ok()) {
      // All or nothing: the shards this run installed go back to what
      // they served, which is what shards.stub still names.
      for (int j = 0; j < shards; ++j) {
        const absl::StatusOr<IndexStats>& o = results[static_cast<size_t>(j)];
        const std::string& was = before[static_cast<size_t>(j)];
        if (o.ok() && !was.empty() && o->generation != was) {
          (void)RollbackIndex(dir->Child(ShardName(j)));
        }
      }
      return absl::Status(
          r.status().code(),
          absl::StrCat("shard ", k, " of ", shards, " (",
                       dir->Child(ShardName(k)), "): ", r.status().message(),
                       "; no shard was changed"));
    }
    done.push_back(*std::move(r));
  }
  // The set last, by one rename of shards.stub: a new sharded index is
  // visible only once complete, and a new set of generations all at once.
  if (absl::Status s = InstallShardSet(*dir, shards, options.step_hook);
      !s.ok()) {
    return s;
  }
  ShardedStats stats = Sum(std::move(done), dir->path());
  stats.total.warnings = warnings.count();
  return stats;
}

absl::Status RollbackShards(const std::string& index_dir) {
  absl::StatusOr<IndexDirectory> dir = IndexDirectory::Resolve(index_dir);
  if (!dir.ok()) return dir.status();
  absl::StatusOr<int> shards = ShardCount(dir->path());
  if (!shards.ok()) return shards.status();
  if (*shards == 0) {
    return absl::NotFoundError(
        absl::StrCat(dir->path(), " is not a sharded index"));
  }
  absl::StatusOr<FileLock> lock = FileLock::TryAcquire(
      dir->Child(kLockFileName), absl::StrCat("index ", dir->path()));
  if (!lock.ok()) return lock.status();
  // Every shard must have a previous generation before any is changed.
  for (int k = 0; k < *shards; ++k) {
    absl::StatusOr<IndexDirectory> shard =
        IndexDirectory::Resolve(dir->Child(ShardName(k)));
    if (!shard.ok()) return shard.status();
    absl::StatusOr<GenerationState> state = shard->ReadState();
    if (!state.ok()) return state.status();
    if (state->previous.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("shard ", k, " (", shard->path(),
                       ") has no previous generation; no shard was changed"));
    }
  }
  for (int k = 0; k < *shards; ++k) {
    absl::StatusOr<GenerationState> state =
        RollbackIndex(dir->Child(ShardName(k)));
    if (!state.ok()) {
      return absl::Status(
          state.status().code(),
          absl::StrCat("shard ", k, ": ", state.status().message()));
    }
  }
  return InstallShardSet(*dir, *shards);
}

}  // namespace vnsearch
