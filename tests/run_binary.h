// Test helpers for end-to-end tests: run the real binaries through the
// shell and collect their exit code and output, or on a pseudo-terminal
// (Terminal) and read the screen.

#ifndef VNSEARCH_TESTS_RUN_BINARY_H_
#define VNSEARCH_TESTS_RUN_BINARY_H_

#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

// An empty directory that a whole test suite shares: <tmp>/<prefix>_<pid>.
// Made in SetUpTestSuite; the suite removes it in TearDownTestSuite.
inline std::filesystem::path FreshSuiteDir(const std::string& prefix) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / (prefix + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// vnindex --corpus CORPUS --index INDEX FLAGS.
inline RunResult RunVnindex(const std::string& corpus,
                            const std::string& index,
                            const std::string& flags = "") {
  return Exec(kBin + "/vnindex " + flags + " --corpus " + Quote(corpus) +
              " --index " + Quote(index));
}

// vnsearch --index INDEX ARGS (ARGS already quoted), stdin from `input`.
inline RunResult RunVnsearch(const std::string& index, const std::string& args,
                             const std::string& input = "") {
  return Exec(kBin + "/vnsearch --index " + Quote(index) + " " + args, input);
}

// vnsearch --json FLAGS QUERY: the answer, parsed; the run must succeed.
inline nlohmann::json SearchJson(const std::string& index,
                                 const std::string& query,
                                 const std::string& flags = "") {
  const RunResult run =
      RunVnsearch(index, "--json " + flags + " " + Quote(query));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return nlohmann::json::parse(run.out);
}

// The ids of an answer's hits, in rank order.
inline std::vector<std::string> HitIds(const nlohmann::json& result) {
  std::vector<std::string> ids;
  if (!result.is_object() || !result.contains("hits")) return ids;
  for (const nlohmann::json& hit : result["hits"]) ids.push_back(hit["id"]);
  return ids;
}

// A suite's scratch directory and one index in it (<dir>/index), built in
// SetUpTestSuite from `corpus` and removed with the directory in
// TearDownTestSuite:
//   static void SetUpTestSuite() { suite_ = new SuiteIndex("prefix"); }
//   static void TearDownTestSuite() { delete suite_; }
class SuiteIndex {
 public:
  explicit SuiteIndex(const std::string& prefix,
                      const std::string& corpus = kCorpus,
                      const std::string& flags = "--quiet")
      : dir_(FreshSuiteDir(prefix)), index_((dir_ / "index").string()) {
    build_ = RunVnindex(corpus, index_, flags);
    EXPECT_EQ(build_.exit_code, 0) << build_.err;
  }
  ~SuiteIndex() { std::filesystem::remove_all(dir_); }
  SuiteIndex(const SuiteIndex&) = delete;
  SuiteIndex& operator=(const SuiteIndex&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  const std::string& index() const { return index_; }
  const RunResult& build() const { return build_; }  // the vnindex run

 private:
  std::filesystem::path dir_;
  std::string index_;
  RunResult build_;
};

// A fixture whose suite shares one SuiteIndex of corpus/: `dir_` and
// `index_` for its tests. Suite names its scratch directory:
//   class CliTest : public testing::SuiteIndexTest<CliTest> {
//    public:
//     static constexpr const char* kPrefix = "vnsearch_cli_test";
//   };
// (and may give kFlags for vnindex; default --quiet).
template <typename Suite>
class SuiteIndexTest : public ::testing::Test {
 public:
  static constexpr const char* kFlags = "--quiet";

 protected:
  static void SetUpTestSuite() {
    suite_ = new SuiteIndex(Suite::kPrefix, kCorpus, Suite::kFlags);
    dir_ = &suite_->dir();
    index_ = &suite_->index();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  static inline SuiteIndex* suite_ = nullptr;
  static inline const std::filesystem::path* dir_ = nullptr;
  static inline const std::string* index_ = nullptr;
};

// A program on a pseudo-terminal of 120x40.
class Terminal {
 public:
  Terminal(std::vector<std::string> args, std::vector<std::string> env) {
    struct winsize size {};
    size.ws_row = 40;
    size.ws_col = 120;
    pid_ = forkpty(&fd_, nullptr, nullptr, &size);
    if (pid_ == 0) {
      std::vector<char*> argv, envp;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      for (std::string& e : env) envp.push_back(e.data());
      envp.push_back(nullptr);
      execve(argv[0], argv.data(), envp.data());
      _exit(127);
    }
  }
  ~Terminal() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return pid_ > 0; }

  // Waits for the next prompt (each line typed is answered by one), then
  // types `keys`: keys typed before the prompt would reach the terminal
  // while it is not yet in line-editing mode.
  void Line(const std::string& keys) {
    ASSERT_TRUE(WaitFor("vnsearch> ", ++prompts_)) << Screen();
    Type(keys);
  }

  void Type(const std::string& keys) {
    ASSERT_EQ(write(fd_, keys.data(), keys.size()),
              static_cast<ssize_t>(keys.size()));
  }

  // Reads until the screen text (escapes removed) shows `text` at least
  // `times` times in all, or 10 s pass. The screen so far.
  bool WaitFor(const std::string& text, int times = 1) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (Count(Screen(), text) < times) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || !ReadSome(static_cast<int>(left.count()))) {
        return Count(Screen(), text) >= times;
      }
    }
    return true;
  }

  // Exit code once the program ends (within 10 s), 128 + N when signal N
  // ended it, -1 when it did not end.
  int WaitExit() {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      // After the program's end the terminal reports a hang-up at once:
      // wait a little rather than spin.
      if (!ReadSome(10)) usleep(10000);
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        while (ReadSome(50)) {
        }
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
    }
    return -1;
  }

  // Everything shown, terminal escapes and carriage returns removed.
  std::string Screen() const {
    static const std::regex escapes(
        "\x1b(\\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-B]|[=>78])");
    std::string text = std::regex_replace(raw_, escapes, "");
    text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
    return text;
  }
  const std::string& raw() const { return raw_; }

  static int Count(const std::string& haystack, const std::string& needle) {
    int n = 0;
    for (size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
      ++n;
    }
    return n;
  }

 private:
  bool ReadSome(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    char buffer[4096];
    const ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n <= 0) return false;
    raw_.append(buffer, static_cast<size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int fd_ = -1;
  bool exited_ = false;
  int prompts_ = 0;  // prompts Line waited for
  std::string raw_;
};

}  // namespace vnsearch::testing

#endif  // VNSEARCH_TESTS_RUN_BINARY_H_
