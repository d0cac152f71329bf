#include "common/index/generations.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/base/absl_compat.h"
#include "common/base/files.h"

namespace vnsearch {
namespace fs = std::filesystem;
namespace {

constexpr size_t kMaxStubBytes = 64 * 1024;
constexpr std::string_view kPreviousComment = "# previous ";
constexpr std::string_view kLegacyMarker = "iamglass";

// A generation number from "gen-000007"; -1 for any other name.
int64_t GenerationNumber(std::string_view name) {
  if (!absl::StartsWith(ToAbsl(name), ToAbsl(kGenerationPrefix))) return -1;
  int64_t n = 0;
  if (!absl::SimpleAtoi(ToAbsl(name.substr(kGenerationPrefix.size())), &n)) {
    return -1;
  }
  return n >= 0 ? n : -1;
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

// The files a Xapian glass database keeps in its directory.
bool IsLegacyTable(std::string_view name) {
  return name == kLegacyMarker || name == "flintlock" ||
         absl::EndsWith(ToAbsl(name), ".glass") ||
         absl::EndsWith(ToAbsl(name), ".glass.tmp");
}

}  // namespace

absl::StatusOr<IndexDirectory> IndexDirectory::Resolve(std::string_view path) {
  if (path.empty())
    return absl::InvalidArgumentError("no index directory given");
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(path), ec);
  if (ec) {
    return ErrnoToStatus(ec.value(), absl::StrCat("resolving ", ToAbsl(path)));
  }
  // weakly_canonical resolves symlinks and ".." for the part that exists;
  // lexically_normal drops "." and the trailing slash of the rest.
  p = fs::weakly_canonical(p, ec);
  if (ec) {
    return ErrnoToStatus(ec.value(), absl::StrCat("resolving ", ToAbsl(path)));
  }
  std::string s = p.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return IndexDirectory(std::move(s));
}

std::string IndexDirectory::Child(std::string_view name) const {
  return absl::StrCat(path_, "/", ToAbsl(name));
}

absl::StatusOr<FileLock> IndexDirectory::LockForWriting() const {
  // The legacy builder swapped with two renames; a crash between them left
  // DIR.old and no DIR. Put that index back before anything else.
  if (!Exists(path_) &&
      Exists(absl::StrCat(path_, ".old/", ToAbsl(kLegacyMarker)))) {
    if (::rename(absl::StrCat(path_, ".old").c_str(), path_.c_str()) != 0) {
      return ErrnoToStatus(errno, absl::StrCat("restoring ", path_, ".old"));
    }
  }
  std::error_code ec;
  fs::create_directories(path_, ec);
  if (ec) {
    return ErrnoToStatus(ec.value(),
                         absl::StrCat("creating index directory ", path_));
  }
  if (!fs::is_directory(path_, ec)) {
    return absl::FailedPreconditionError(
        absl::StrCat(path_, " exists and is not a directory"));
  }
  bool ours = false, empty = true;
  for (const fs::directory_entry& entry : fs::directory_iterator(path_, ec)) {
    empty = false;
    const std::string name = entry.path().filename().string();
    if (name == kStubFileName || name == kLockFileName ||
        name == kLegacyMarker || GenerationNumber(name) >= 0) {
      ours = true;
      break;
    }
  }
  if (!empty && !ours) {
    return absl::FailedPreconditionError(absl::StrCat(
        path_, " exists and is not a search index; refusing to replace it"));
  }
  return FileLock::TryAcquire(Child(kLockFileName),
                              absl::StrCat("index ", path_));
}

absl::StatusOr<GenerationState> IndexDirectory::ReadState() const {
  GenerationState state;
  state.legacy = Exists(Child(kLegacyMarker));
  const std::string stub = Child(kStubFileName);
  if (!Exists(stub)) return state;
  absl::StatusOr<std::string> text = ReadSmallFile(stub, kMaxStubBytes);
  if (!text.ok()) return text.status();
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    if (line.empty()) continue;
    if (absl::StartsWith(line, ToAbsl(kPreviousComment))) {
      state.previous = std::string(line.substr(kPreviousComment.size()));
    } else if (line[0] == '#') {
      continue;
    } else if (absl::StartsWith(line, "auto ") && state.current.empty() &&
               GenerationNumber(ToStd(line.substr(5))) >= 0) {
      state.current = std::string(line.substr(5));
    } else {
      return absl::DataLossError(absl::StrCat(
          stub, " was not written by vnindex (line \"", line, "\")"));
    }
  }
  if (state.current.empty()) {
    return absl::DataLossError(absl::StrCat(stub, " names no generation"));
  }
  if (!Exists(Child(state.current))) {
    return absl::DataLossError(absl::StrCat(
        stub, " names generation ", state.current, ", which is missing"));
  }
  if (!state.previous.empty() && (GenerationNumber(state.previous) < 0 ||
                                  !Exists(Child(state.previous)))) {
    state.previous.clear();  // advisory: rollback is just not possible
  }
  return state;
}

std::string IndexDirectory::NewGenerationName() const {
  int64_t next = 1;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(path_, ec)) {
    std::string name = entry.path().filename().string();
    int64_t n = GenerationNumber(name);
    if (n < 0 && absl::StartsWith(name, ToAbsl(kStagingPrefix))) {
      absl::SimpleAtoi(name.substr(kStagingPrefix.size()), &n);
    }
    next = std::max(next, n + 1);
  }
  return absl::StrFormat("%s%06d", ToAbsl(kGenerationPrefix), next);
}

absl::Status IndexDirectory::WriteStub(const GenerationState& state) const {
  std::string text =
      "# vnsearch index directory: Xapian opens the generation named by the\n"
      "# \"auto\" line. Written by vnindex; do not edit.\n";
  if (!state.previous.empty()) {
    absl::StrAppend(&text, ToAbsl(kPreviousComment), state.previous, "\n");
  }
  absl::StrAppend(&text, "auto ", state.current, "\n");
  return WriteFileAtomically(Child(kStubFileName), text);
}

absl::Status IndexDirectory::Install(std::string_view generation,
                                     const GenerationState& before,
                                     const StepHook& hook) const {
  if (!Exists(Child(generation))) {
    return absl::NotFoundError(absl::StrCat("generation ", ToAbsl(generation),
                                            " does not exist in ", path_));
  }
  GenerationState after;
  after.current = std::string(generation);
  after.previous = before.current;
  if (hook) hook("before-stub");
  if (absl::Status s = WriteStub(after); !s.ok()) {
    return absl::Status(
        s.code(),
        absl::StrCat("installing ", ToAbsl(generation), ": ", s.message()));
  }
  if (hook) hook("after-stub");
  return absl::OkStatus();
}

absl::StatusOr<GenerationState> IndexDirectory::Rollback() const {
  absl::StatusOr<GenerationState> state = ReadState();
  if (!state.ok()) return state.status();
  if (state->previous.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "index ", path_, " has no previous generation to roll back to"));
  }
  GenerationState after;
  after.current = state->previous;
  after.previous = state->current;
  if (absl::Status s = WriteStub(after); !s.ok()) return s;
  return after;
}

void IndexDirectory::RemoveUnneeded(
    const GenerationState& state,
    const std::function<void(std::string_view)>& warn) const {
  const auto remove = [&](const std::string& path) {
    if (absl::Status s = RemoveAll(path); !s.ok() && warn)
      warn(ToStd(s.message()));
  };
  // The legacy builder's staging folders, beside the index.
  remove(absl::StrCat(path_, ".building"));
  remove(absl::StrCat(path_, ".new"));
  if (!state.current.empty()) remove(absl::StrCat(path_, ".old"));

  std::error_code ec;
  std::vector<std::string> legacy_tables;
  for (const fs::directory_entry& entry : fs::directory_iterator(path_, ec)) {
    const std::string name = entry.path().filename().string();
    const std::string full = entry.path().string();
    if (absl::StartsWith(name, ToAbsl(kStagingPrefix)) ||
        absl::StrContains(name, ".tmp.")) {
      remove(full);
    } else if (GenerationNumber(name) >= 0) {
      if (name != state.current && name != state.previous) remove(full);
    } else if (!state.current.empty() && IsLegacyTable(name)) {
      legacy_tables.push_back(full);
    }
  }
  if (legacy_tables.empty()) return;
  // iamglass first: from then on Xapian opens DIR through the stub.
  std::sort(legacy_tables.begin(), legacy_tables.end(),
            [](const std::string& a, const std::string& b) {
              const bool am = absl::EndsWith(a, ToAbsl(kLegacyMarker));
              const bool bm = absl::EndsWith(b, ToAbsl(kLegacyMarker));
              return am != bm ? am : a < b;
            });
  for (const std::string& table : legacy_tables) remove(table);
  if (absl::Status s = SyncDirectory(path_); !s.ok() && warn)
    warn(ToStd(s.message()));
}

absl::Status SyncDatabaseFiles(const std::string& dir) {
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    const std::string path = entry.path().string();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoToStatus(errno, absl::StrCat("opening ", path));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) return ErrnoToStatus(err, absl::StrCat("syncing ", path));
  }
  if (ec) return ErrnoToStatus(ec.value(), absl::StrCat("listing ", dir));
  return SyncDirectory(dir);
}

}  // namespace vnsearch
