// Generations: the layout of the index directory a user names with
// `--index DIR`. The directory stays the same forever; every build or update
// writes a complete new Xapian database beside the current one and makes it
// current with one atomic rename of a small pointer file, a Xapian stub:
//
//   DIR/XAPIANDB          stub: "auto gen-000007" (+ "# previous gen-000006")
//   DIR/gen-000007/       the current generation (a complete Xapian database)
//   DIR/gen-000006/       the previous one, kept for --rollback
//   DIR/.staging-000008/  shards of a build in progress (removed on success;
//                         a dead run's are removed by the next run)
//   DIR/.vnindex.lock     the writers' lock: created once, never unlinked
//
// Xapian opens a directory holding a stub named XAPIANDB as that stub, so
// Xapian::Database("DIR"), xapian-delve DIR and xapian-tcpsrv DIR all open
// the current generation. A reader that opened a generation keeps reading it
// after it is removed (POSIX keeps unlinked files open); on systems that do
// not (Windows), a generation must not be removed while readers may hold it.
//
// Before generations, DIR itself was a Xapian database (the "legacy"
// layout). Such a directory keeps answering until the first install, which
// writes the stub and then removes the legacy tables (iamglass first, so that
// from that moment Xapian follows the stub).

#ifndef VNSEARCH_COMMON_INDEX_GENERATIONS_H_
#define VNSEARCH_COMMON_INDEX_GENERATIONS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/base/file_lock.h"

namespace vnsearch {

inline constexpr std::string_view kStubFileName = "XAPIANDB";
inline constexpr std::string_view kLockFileName = ".vnindex.lock";
inline constexpr std::string_view kGenerationPrefix = "gen-";
inline constexpr std::string_view kStagingPrefix = ".staging-";

struct GenerationState {
  std::string current;   // "gen-000007"; empty when none is installed
  std::string previous;  // empty when there is none
  bool legacy = false;   // DIR itself is a Xapian database (old layout)

  [[nodiscard]] bool empty() const { return current.empty() && !legacy; }
};

// Test-only fault injection: called with the name of each install step
// ("before-stub", "after-stub", "after-cleanup"); the kill tests abort the
// process there. Set from vnindex's hidden --crash_at flag only.
using StepHook = std::function<void(std::string_view step)>;

class IndexDirectory {
 public:
  // `path` as the user gave it, resolved to one canonical absolute path
  // (trailing slashes, "..", relative forms and symlinks resolved), so that
  // every spelling of a directory is the same index and the same lock.
  // InvalidArgument for an empty path.
  [[nodiscard]] static absl::StatusOr<IndexDirectory> Resolve(
      std::string_view path);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string Child(std::string_view name) const;

  // Creates the directory if needed and takes the writers' lock.
  // FailedPrecondition when another vnindex holds it, or when the directory
  // exists and is neither empty, an index directory nor a Xapian database
  // (it is never modified then). PermissionDenied for a read-only parent.
  [[nodiscard]] absl::StatusOr<FileLock> LockForWriting() const;

  // What the stub says (and whether the legacy layout is present). DataLoss
  // for a stub that is not ours or names a missing generation.
  [[nodiscard]] absl::StatusOr<GenerationState> ReadState() const;

  // A name for a new generation: one past every generation present.
  [[nodiscard]] std::string NewGenerationName() const;

  // Makes `generation` (a complete database under path()) current and the
  // current one previous, by one atomic rename of the stub (temp file,
  // fsync, rename, fsync of the directory). On any failure the state is
  // what it was. Requires the writers' lock.
  [[nodiscard]] absl::Status Install(std::string_view generation,
                                     const GenerationState& before,
                                     const StepHook& hook = nullptr) const;

  // Makes the previous generation current again (and the current one
  // previous). FailedPrecondition when there is no previous generation.
  [[nodiscard]] absl::StatusOr<GenerationState> Rollback() const;

  // Removes what no state needs: staging folders of dead runs, generations
  // other than the current and previous ones, the legacy tables once a
  // generation is installed, and the DIR.building / DIR.new folders the
  // legacy builder left. Requires the writers' lock. Failures are reported
  // to `warn`, never fatal.
  void RemoveUnneeded(const GenerationState& state,
                      const std::function<void(std::string_view)>& warn) const;


 private:
  explicit IndexDirectory(std::string path) : path_(std::move(path)) {}
  [[nodiscard]] absl::Status WriteStub(const GenerationState& state) const;

  std::string path_;
};

// fsyncs every file of the database directory `dir` and the directory
// itself (databases are written with DB_NO_SYNC, then made durable once,
// just before they are installed).
[[nodiscard]] absl::Status SyncDatabaseFiles(const std::string& dir);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_GENERATIONS_H_
