// Runs a program or a function in a child process and measures it the way
// the indexing and batch benchmarks report it: wall time, CPU time and peak
// resident memory (getrusage of the child alone, via wait4), so that each
// figure belongs to one process and not to the benchmark driver.

#ifndef VNSEARCH_BENCHMARKS_CHILD_PROCESS_H_
#define VNSEARCH_BENCHMARKS_CHILD_PROCESS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace vnsearch::bench {

struct ChildUsage {
  int exit_code = 0;  // 128 + signal number if killed by a signal
  double wall_seconds = 0;
  double cpu_seconds = 0;  // user + system
  uint64_t peak_rss_bytes = 0;
  std::string output;  // what the child wrote to the pipe / stdout
};

// Runs `argv` (argv[0] a path) with stdin from `stdin_path` (or /dev/null
// when empty), stdout captured into ChildUsage::output unless
// `stdout_path` is given, stderr inherited. Internal if it cannot start.
[[nodiscard]] absl::StatusOr<ChildUsage> RunProgram(
    const std::vector<std::string>& argv, const std::string& stdin_path = "",
    const std::string& stdout_path = "");

// Runs `body` in a forked child; whatever it returns is handed back in
// ChildUsage::output, and its exit code is 0. The caller must be single-
// threaded. Internal if the fork fails.
[[nodiscard]] absl::StatusOr<ChildUsage> RunInChild(
    const std::function<std::string()>& body);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_CHILD_PROCESS_H_
