#include "common/base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "common/base/absl_compat.h"

namespace vnsearch {
namespace fs = std::filesystem;
namespace {

// Closes a file descriptor when it goes out of scope, unless released.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  // Closes now and returns 0, or the errno of a failed close.
  int Close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

// The directory holding `path` ("." for a bare file name).
std::string ParentOf(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace

absl::Status ErrnoToStatus(int err, std::string_view context) {
  switch (err) {
    case ENOSPC:
      return absl::ResourceExhaustedError(
          absl::StrCat("no space left on device while ", ToAbsl(context)));
    case EDQUOT:
      return absl::ResourceExhaustedError(
          absl::StrCat("disk quota exceeded while ", ToAbsl(context)));
    default:
      break;
  }
  const std::string message =
      absl::StrCat(ToAbsl(context), ": ", std::generic_category().message(err));
  switch (err) {
    case ENOENT:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
    case EROFS:
      return absl::PermissionDeniedError(message);
    default:
      return absl::InternalError(message);
  }
}

absl::Status ReplaceDirectory(const std::string& staging,
                              const std::string& target) {
  if (!Exists(staging)) {
    return ErrnoToStatus(ENOENT, absl::StrCat("installing ", staging));
  }
  const std::string old = target + ".old";
  if (absl::Status removed = RemoveAll(old); !removed.ok()) return removed;
  const bool had_target = Exists(target);
  if (had_target && ::rename(target.c_str(), old.c_str()) != 0) {
    return ErrnoToStatus(errno,
                         absl::StrCat("moving ", target, " aside to ", old));
  }
  if (::rename(staging.c_str(), target.c_str()) != 0) {
    absl::Status failed = ErrnoToStatus(
        errno, absl::StrCat("renaming ", staging, " to ", target));
    if (had_target && ::rename(old.c_str(), target.c_str()) != 0) {
      return absl::Status(
          failed.code(),
          absl::StrCat(failed.message(), "; and putting ", old,
                       " back: ", std::generic_category().message(errno)));
    }
    return failed;
  }
  if (had_target) (void)RemoveAll(old);  // the new one is in place
  return absl::OkStatus();
}

absl::Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return ErrnoToStatus(errno, absl::StrCat("opening directory ", dir));
  }
  FdCloser closer(fd);
  if (::fsync(fd) != 0) {
    return ErrnoToStatus(errno, absl::StrCat("syncing directory ", dir));
  }
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(const std::string& path,
                                 std::string_view contents) {
  static std::atomic<uint64_t> counter{0};
  const std::string tmp =
      absl::StrCat(path, ".tmp.", ::getpid(), ".", counter.fetch_add(1));
  const int fd =
      ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoToStatus(errno, absl::StrCat("creating ", tmp));
  FdCloser closer(fd);
  const auto fail = [&tmp](int err, std::string_view what) {
    ::unlink(tmp.c_str());
    return ErrnoToStatus(err, what);
  };
  while (!contents.empty()) {
    const ssize_t n = ::write(fd, contents.data(), contents.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno, absl::StrCat("writing ", tmp));
    }
    contents.remove_prefix(static_cast<size_t>(n));
  }
  if (::fsync(fd) != 0) return fail(errno, absl::StrCat("syncing ", tmp));
  if (const int err = closer.Close(); err != 0) {
    return fail(err, absl::StrCat("closing ", tmp));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return fail(errno, absl::StrCat("renaming ", tmp, " to ", path));
  }
  return SyncDirectory(ParentOf(path));
}

absl::StatusOr<std::string> ReadSmallFile(const std::string& path,
                                          size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoToStatus(errno, absl::StrCat("opening ", path));
  FdCloser closer(fd);
  std::string contents;
  char buffer[65536];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoToStatus(errno, absl::StrCat("reading ", path));
    }
    if (n == 0) break;
    if (contents.size() + static_cast<size_t>(n) > max_bytes) {
      return absl::FailedPreconditionError(
          absl::StrCat(path, " is larger than ", max_bytes, " bytes"));
    }
    contents.append(buffer, static_cast<size_t>(n));
  }
  return contents;
}

uint64_t DirectoryBytes(const std::string& dir) {
  std::error_code ec;
  if (fs::is_regular_file(dir, ec)) {
    const uintmax_t size = fs::file_size(dir, ec);
    return ec ? 0 : size;
  }
  uint64_t total = 0;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code entry_ec;
    if (!it->is_regular_file(entry_ec)) continue;
    const uintmax_t size = it->file_size(entry_ec);
    if (!entry_ec) total += size;
  }
  return total;
}

absl::Status RemoveAll(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) return ErrnoToStatus(ec.value(), absl::StrCat("removing ", path));
  return absl::OkStatus();
}

}  // namespace vnsearch
