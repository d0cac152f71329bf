// Small file and directory helpers that return absl::Status. Every error
// message names the path and the system's reason (strerror). These are the
// plain building blocks; the served index is installed through generations
// (common/index/generations.h), never through ReplaceDirectory.
//
// Thread-safety: the functions keep no state; two callers working on the
// same paths at once must serialise themselves (a lock file).

#ifndef VNSEARCH_COMMON_BASE_FILES_H_
#define VNSEARCH_COMMON_BASE_FILES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace vnsearch {

// The Status for a failed system call that set errno to `err`; `context`
// says what was being done ("renaming a to b"). ENOENT -> NotFound;
// EACCES, EPERM, EROFS -> PermissionDenied; ENOSPC, EDQUOT ->
// ResourceExhausted ("no space left on device while <context>"); anything
// else -> Internal ("<context>: <strerror>").
[[nodiscard]] absl::Status ErrnoToStatus(int err, std::string_view context);

// Replaces the directory `target` by the directory `staging`: moves the old
// target aside (`target`.old), renames `staging` to `target`, then removes
// the old one. If the second rename fails the old target is put back and
// `staging` is left as it was. `target` need not exist. NotFound if
// `staging` does not exist. A leftover `target`.old from an earlier crash is
// removed first; failing to remove the old target at the end is not an
// error (the new one is in place).
//
// Not atomic: between the two renames no `target` exists. Fine for caches
// (benchmarks); not for an index that searchers may open at any moment.
[[nodiscard]] absl::Status ReplaceDirectory(const std::string& staging,
                                            const std::string& target);

// Removes `path` and everything under it; OK if it does not exist.
[[nodiscard]] absl::Status RemoveAll(const std::string& path);

// fsyncs the directory `dir`, making the creation, removal and renaming of
// its entries durable.
[[nodiscard]] absl::Status SyncDirectory(const std::string& dir);

// Writes `contents` to `path` so that readers see the old content or the new
// one, never a part: a temporary file in the same directory is written,
// fsynced and renamed over `path`, then the directory is fsynced. On failure
// the temporary file is removed and `path` is unchanged. NotFound if the
// directory does not exist.
[[nodiscard]] absl::Status WriteFileAtomically(const std::string& path,
                                               std::string_view contents);

// The whole of the file at `path`. NotFound if it does not exist;
// FailedPrecondition if it holds more than `max_bytes` bytes.
[[nodiscard]] absl::StatusOr<std::string> ReadSmallFile(const std::string& path,
                                                        size_t max_bytes);

// Total size of the regular files under `dir`, recursively (the size of
// `dir` itself if it is a regular file). 0 if `dir` does not exist;
// entries that cannot be read count as 0.
[[nodiscard]] uint64_t DirectoryBytes(const std::string& dir);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_BASE_FILES_H_
