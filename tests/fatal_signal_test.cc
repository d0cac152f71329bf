// ExitOnFatalSignal in a forked child: a real fault (a write to a page with
// no access) and a stack overflow end the process with the line and exit 1,
// not the signal.

#include "common/base/fatal_signal.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <functional>
#include <string>

namespace vnsearch {
namespace {

struct Ended {
  int exit_code = -1;
  int signal = 0;
  std::string err;
};

// Runs `body` in a child whose stderr is captured.
Ended InChild(const std::function<void()>& body) {
  int pipe_fds[2];
  EXPECT_EQ(pipe(pipe_fds), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fds[0]);
    dup2(pipe_fds[1], STDERR_FILENO);
    body();
    _exit(0);
  }
  close(pipe_fds[1]);
  Ended ended;
  char buffer[4096];
  ssize_t n;
  while ((n = read(pipe_fds[0], buffer, sizeof buffer)) > 0) {
    ended.err.append(buffer, static_cast<size_t>(n));
  }
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) ended.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) ended.signal = WTERMSIG(status);
  return ended;
}

TEST(FatalSignalTest, AFaultBecomesTheLineAndExitOne) {
  const Ended ended = InChild([] {
    ExitOnFatalSignal("vnsearch: index /x is damaged: run vnindex --check");
    void* page =
        mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    *static_cast<volatile char*>(page) = 1;  // SIGSEGV
  });
  EXPECT_EQ(ended.signal, 0);
  EXPECT_EQ(ended.exit_code, 1);
  EXPECT_EQ(ended.err, "vnsearch: index /x is damaged: run vnindex --check\n");
}

TEST(FatalSignalTest, EachFatalSignalIsCaught) {
  for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) {
    const Ended ended = InChild([signal] {
      ExitOnFatalSignal("damaged");
      std::raise(signal);
    });
    EXPECT_EQ(ended.signal, 0) << signal;
    EXPECT_EQ(ended.exit_code, 1) << signal;
    EXPECT_EQ(ended.err, "damaged\n") << signal;
  }
}

TEST(FatalSignalTest, TheLastLineGivenIsTheOneWritten) {
  const Ended ended = InChild([] {
    ExitOnFatalSignal("first");
    ExitOnFatalSignal(std::string(5000, 'x'));  // cut at 1 KB
    std::raise(SIGSEGV);
  });
  EXPECT_EQ(ended.exit_code, 1);
  EXPECT_EQ(ended.err, std::string(1024, 'x') + "\n");
}

}  // namespace
}  // namespace vnsearch
