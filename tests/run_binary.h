// Test helpers for end-to-end tests: run the real binaries through the
// shell and collect their exit code and output.

#ifndef VNSEARCH_TESTS_RUN_BINARY_H_
#define VNSEARCH_TESTS_RUN_BINARY_H_

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace vnsearch::testing {

inline const std::string kBin = VNSEARCH_BIN_DIR;
inline const std::string kCorpus = std::string(VNSEARCH_SOURCE_DIR) + "/corpus";

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;      // the signal that ended it, if any
  std::string out;
  std::string err;
};

// `s` quoted for the shell.
inline std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

inline std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs a shell command line; stdin from `input` (empty: /dev/null).
inline RunResult Exec(const std::string& command,
                      const std::string& input = "") {
  namespace fs = std::filesystem;
  static int counter = 0;
  const fs::path tmp = fs::temp_directory_path() /
                       ("vnsearch_run_" + std::to_string(::getpid()) + "_" +
                        std::to_string(counter++));
  fs::create_directories(tmp);
  std::ofstream(tmp / "in", std::ios::binary) << input;
  // exec, so that a signal ends the binary and not a shell around it.
  const std::string line =
      "exec " + command + " <" + Quote((tmp / "in").string()) + " >" +
      Quote((tmp / "out").string()) + " 2>" + Quote((tmp / "err").string());
  const int status = std::system(line.c_str());
  RunResult run;
  if (WIFEXITED(status)) {
    run.exit_code = WEXITSTATUS(status);
    // sh reports a child killed by signal N as exit 128 + N.
    if (run.exit_code > 128) run.signal = run.exit_code - 128;
  } else if (WIFSIGNALED(status)) {
    run.signal = WTERMSIG(status);
  }
  run.out = Slurp(tmp / "out");
  run.err = Slurp(tmp / "err");
  fs::remove_all(tmp);
  return run;
}

// An empty directory for the running test: <tmp>/<prefix>_<pid>_<test>.
inline std::filesystem::path FreshTestDir(const std::string& prefix) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() /
      (prefix + "_" + std::to_string(::getpid()) + "_" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace vnsearch::testing

#endif  // VNSEARCH_TESTS_RUN_BINARY_H_
