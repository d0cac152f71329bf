#include "benchmarks/child_process.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace vnsearch::bench {
namespace {

std::string ReadAll(int fd) {
  std::string out;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      out.append(buffer, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  return out;
}

// Waits for `pid`, filling exit code, CPU time and peak RSS.
absl::Status Wait(pid_t pid, ChildUsage& usage) {
  int status = 0;
  struct rusage rusage {};
  while (::wait4(pid, &status, 0, &rusage) < 0) {
    if (errno != EINTR) {
      return absl::InternalError(absl::StrCat("wait4: ", std::strerror(errno)));
    }
  }
  usage.exit_code =
      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  usage.cpu_seconds = rusage.ru_utime.tv_sec + rusage.ru_utime.tv_usec / 1e6 +
                      rusage.ru_stime.tv_sec + rusage.ru_stime.tv_usec / 1e6;
  usage.peak_rss_bytes = static_cast<uint64_t>(rusage.ru_maxrss) * 1024;  // KiB
  return absl::OkStatus();
}

// Reads the child's output to the end from `read_fd` (and closes it), waits
// for the child and measures it from `started`.
absl::StatusOr<ChildUsage> Collect(
    pid_t pid, int read_fd, std::chrono::steady_clock::time_point started) {
  ChildUsage usage;
  usage.output = ReadAll(read_fd);
  ::close(read_fd);
  absl::Status waited = Wait(pid, usage);
  if (!waited.ok()) return waited;
  usage.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  return usage;
}

// A forked child with a pipe whose write end is meant for its output.
struct Forked {
  pid_t pid = -1;  // 0 in the child
  int read_fd = -1;
  int write_fd = -1;
  std::chrono::steady_clock::time_point started;
};

// pipe + fork; the clock starts just before the fork. No descriptor is left
// open on failure.
absl::StatusOr<Forked> ForkWithPipe() {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
  }
  Forked forked;
  forked.read_fd = pipe_fds[0];
  forked.write_fd = pipe_fds[1];
  forked.started = std::chrono::steady_clock::now();
  forked.pid = ::fork();
  if (forked.pid < 0) {
    const int err = errno;
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(err)));
  }
  return forked;
}

}  // namespace

absl::StatusOr<ChildUsage> RunProgram(const std::vector<std::string>& argv,
                                      const std::string& stdin_path,
                                      const std::string& stdout_path) {
  if (argv.empty()) return absl::InvalidArgumentError("no program to run");
  absl::StatusOr<Forked> child = ForkWithPipe();
  if (!child.ok()) return child.status();
  if (child->pid == 0) {
    const std::string in = stdin_path.empty() ? "/dev/null" : stdin_path;
    const int in_fd = ::open(in.c_str(), O_RDONLY);
    const int out_fd =
        stdout_path.empty()
            ? child->write_fd
            : ::open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in_fd < 0 || out_fd < 0 || ::dup2(in_fd, 0) < 0 ||
        ::dup2(out_fd, 1) < 0) {
      _exit(126);
    }
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const std::string& arg : argv)
      args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    _exit(127);
  }
  ::close(child->write_fd);
  absl::StatusOr<ChildUsage> usage =
      Collect(child->pid, child->read_fd, child->started);
  if (!usage.ok()) return usage;
  if (usage->exit_code == 127) {
    return absl::InternalError(absl::StrCat("cannot run ", argv[0]));
  }
  return usage;
}

absl::StatusOr<ChildUsage> RunInChild(
    const std::function<std::string()>& body) {
  // Hand freed heap back first, so that the child's peak RSS is its own.
  ::malloc_trim(0);
  absl::StatusOr<Forked> child = ForkWithPipe();
  if (!child.ok()) return child.status();
  if (child->pid == 0) {
    ::close(child->read_fd);
    const std::string result = body();
    size_t written = 0;
    while (written < result.size()) {
      const ssize_t n = ::write(child->write_fd, result.data() + written,
                                result.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) _exit(1);
      written += static_cast<size_t>(n);
    }
    _exit(0);
  }
  ::close(child->write_fd);
  return Collect(child->pid, child->read_fd, child->started);
}

}  // namespace vnsearch::bench
