// FileLock: an exclusive advisory lock (flock) on a file that is created
// once and never unlinked: unlinking a lock file on release lets a third
// process lock a new file of the same name while a second still holds the
// old one (the classic flock race). The lock is released when the FileLock
// is destroyed or the process dies, so a killed holder never leaves it held.

#ifndef VNSEARCH_COMMON_BASE_FILE_LOCK_H_
#define VNSEARCH_COMMON_BASE_FILE_LOCK_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace vnsearch {

class FileLock {
 public:
  // Creates `path` if needed and locks it without waiting.
  // FailedPrecondition naming `what` when another process holds it;
  // PermissionDenied / ResourceExhausted / Internal when the file cannot be
  // created or opened.
  [[nodiscard]] static absl::StatusOr<FileLock> TryAcquire(
      const std::string& path, std::string_view what);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();  // releases the lock; the file stays

  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  FileLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_BASE_FILE_LOCK_H_
