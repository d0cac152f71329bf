// Durability of the nightly rebuild, tested the way LevelDB tests its own:
// kill vnindex at named install steps and at random moments of a rebuild
// or an update, and check after every kill that the index still answers
// with its full content and that the next run succeeds; then run 100
// rebuild/update cycles under live searchers (a loop starting new vnsearch
// processes, and one batch process kept open) and count failed queries.
// Label: slow (about a minute).

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tests/run_binary.h"

extern char** environ;

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using json = nlohmann::json;
using testing::Exec;
using testing::kBin;
using testing::kCorpus;
using testing::Quote;
using testing::RunResult;
using testing::Slurp;

// A child process with its stdin and stdout on pipes.
struct Child {
  pid_t pid = -1;
  FILE* in = nullptr;   // the child's stdin
  FILE* out = nullptr;  // the child's stdout
};

Child Spawn(const std::vector<std::string>& args, bool pipes) {
  std::vector<char*> argv;
  for (const std::string& a : args)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int to_child[2] = {-1, -1}, from_child[2] = {-1, -1};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (pipes) {
    EXPECT_EQ(::pipe(to_child), 0);
    EXPECT_EQ(::pipe(from_child), 0);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
    posix_spawn_file_actions_addclose(&actions, to_child[1]);
    posix_spawn_file_actions_addclose(&actions, from_child[0]);
  } else {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  }
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  Child child;
  EXPECT_EQ(
      posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), environ),
      0);
  posix_spawn_file_actions_destroy(&actions);
  if (pipes) {
    ::close(to_child[0]);
    ::close(from_child[1]);
    child.in = ::fdopen(to_child[1], "w");
    child.out = ::fdopen(from_child[0], "r");
  }
  return child;
}

int Wait(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

// One answer of a batch vnsearch: writes the query, reads one JSON line.
json Ask(Child& child, const std::string& query) {
  std::fprintf(child.in, "%s\n", query.c_str());
  std::fflush(child.in);
  char* line = nullptr;
  size_t capacity = 0;
  const ssize_t n = ::getline(&line, &capacity, child.out);
  std::string text = n > 0 ? std::string(line, static_cast<size_t>(n)) : "";
  std::free(line);
  if (text.empty()) return json{{"error", "batch vnsearch closed its output"}};
  return json::parse(text, nullptr, /*allow_exceptions=*/false);
}

class IndexDurabilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir("vnsearch_durability");
    corpus_ = dir_ / "corpus";
    index_ = (dir_ / "index").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The five sample articles, each also in `copies` variants (a number
  // appended), so that a build takes long enough to be killed mid-way.
  void MakeCorpus(int copies) {
    fs::copy(kCorpus, corpus_);
    std::vector<std::string> texts;
    for (const auto& entry : fs::directory_iterator(kCorpus)) {
      texts.push_back(Slurp(entry.path()));
    }
    for (int i = 0; i < copies; ++i) {
      const fs::path sub = corpus_ / "copies" / std::to_string(i % 10);
      fs::create_directories(sub);
      for (size_t t = 0; t < texts.size(); ++t) {
        std::ofstream(sub /
                      (std::to_string(i) + "_" + std::to_string(t) + ".txt"))
            << texts[t] << "\nBản sao số " << i << " mã zzcopy" << i << ".\n";
      }
    }
    documents_ = 5 + 5 * copies;
  }
  std::vector<std::string> VnindexArgs(
      const std::vector<std::string>& extra) const {
    std::vector<std::string> args = {
        kBin + "/vnindex", "--quiet", "--termlists", "--corpus",
        corpus_.string(),  "--index", index_};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  RunResult Vnindex(const std::string& extra) const {
    return Exec(kBin + "/vnindex --quiet --termlists --corpus " +
                Quote(corpus_.string()) + " --index " + Quote(index_) + " " +
                extra);
  }
  // Documents the index answers with ("dang bo" is in every article).
  int64_t Answering() const {
    const RunResult run = Exec(kBin + "/vnsearch --json --limit 1 --index " +
                               Quote(index_) + " 'dang bo'");
    if (run.exit_code != 0) return -1;
    return json::parse(run.out)["total"].get<int64_t>();
  }
  void ExpectNoLeftovers() const {
    for (const auto& entry : fs::directory_iterator(index_)) {
      const std::string name = entry.path().filename().string();
      EXPECT_EQ(name.rfind(".staging-", 0), std::string::npos) << name;
      EXPECT_EQ(name.find(".tmp."), std::string::npos) << name;
    }
  }

  fs::path dir_;
  fs::path corpus_;
  std::string index_;
  int64_t documents_ = 0;
};

TEST_F(IndexDurabilityTest, KilledAtEveryInstallStepTheIndexStillAnswers) {
  MakeCorpus(20);
  ASSERT_EQ(Vnindex("").exit_code, 0);
  ASSERT_EQ(Answering(), documents_);
  int kills = 0;
  const std::vector<std::pair<std::string, std::vector<std::string>>> runs = {
      {"",
       {"after-lock", "after-shards", "after-compact", "before-stub",
        "after-stub", "after-cleanup"}},
      {"--update",
       {"after-lock", "after-copy", "after-update", "before-stub", "after-stub",
        "after-cleanup"}}};
  for (const auto& [mode, steps] : runs) {
    for (const std::string& step : steps) {
      // An update needs something to do: touch one article.
      std::ofstream(corpus_ / "copies" / "0" / "0_0.txt", std::ios::app)
          << "Thêm " << step << ".\n";
      const RunResult killed = Vnindex(mode + " --crash_at=" + step);
      EXPECT_EQ(killed.signal, SIGKILL)
          << mode << " " << step << ": " << killed.err;
      ++kills;
      EXPECT_EQ(Answering(), documents_)
          << "after a kill at " << mode << " " << step;
      const RunResult next = Vnindex(mode);
      EXPECT_EQ(next.exit_code, 0)
          << "run after a kill at " << step << ": " << next.err;
      EXPECT_EQ(Answering(), documents_);
      ExpectNoLeftovers();
    }
  }
  EXPECT_EQ(kills, 12);
}

TEST_F(IndexDurabilityTest, KilledAtRandomMomentsTheIndexStillAnswers) {
  MakeCorpus(60);
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(Vnindex("").exit_code, 0);
  const auto full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  ASSERT_EQ(Answering(), documents_);
  std::mt19937 random(20261201);
  int kills = 0, finished = 0;
  // Until 24 runs were killed mid-way (a few finish before their kill).
  for (int round = 0; kills < 24 && round < 80; ++round) {
    const bool update = round % 3 == 2;
    if (update) {
      std::ofstream(corpus_ / "copies" / "1" / "1_1.txt", std::ios::app)
          << "Vòng " << round << ".\n";
    }
    const auto delay =
        std::chrono::milliseconds(std::uniform_int_distribution<int64_t>(
            0, std::max<int64_t>(full_ms * 8 / 10, 50))(random));
    Child child =
        Spawn(VnindexArgs(update ? std::vector<std::string>{"--update"}
                                 : std::vector<std::string>{}),
              /*pipes=*/false);
    std::this_thread::sleep_for(delay);
    ::kill(child.pid, SIGKILL);
    const int status = Wait(child.pid);
    if (WIFSIGNALED(status)) {
      ++kills;
    } else {
      ++finished;
      EXPECT_EQ(WEXITSTATUS(status), 0);
    }
    EXPECT_EQ(Answering(), documents_)
        << "round " << round << " after " << delay.count() << " ms";
  }
  const RunResult next = Vnindex("");
  EXPECT_EQ(next.exit_code, 0) << next.err;
  EXPECT_EQ(Answering(), documents_);
  ExpectNoLeftovers();
  std::printf(
      "random kills: %d killed mid-run, %d finished first (full build %lld "
      "ms)\n",
      kills, finished, static_cast<long long>(full_ms));
  EXPECT_GE(kills, 24);
}

TEST_F(IndexDurabilityTest, HundredCyclesUnderLiveSearchersFailNoQuery) {
  MakeCorpus(0);
  ASSERT_EQ(Vnindex("").exit_code, 0);
  std::atomic<bool> stop{false};
  std::atomic<int> fresh_queries{0}, fresh_failures{0};
  // New vnsearch processes, one after another, for the whole test.
  std::thread starter([&] {
    while (!stop) {
      const int64_t n = Answering();
      ++fresh_queries;
      if (n < documents_) ++fresh_failures;
    }
  });
  Child batch =
      Spawn({kBin + "/vnsearch", "--json", "--limit", "3", "--index", index_},
            /*pipes=*/true);
  int batch_failures = 0, stale = 0;
  for (int cycle = 1; cycle <= 100; ++cycle) {
    fs::create_directories(corpus_ / "cycle");
    fs::remove(corpus_ / "cycle" / (std::to_string(cycle - 1) + ".txt"));
    std::ofstream(corpus_ / "cycle" / (std::to_string(cycle) + ".txt"))
        << "Chu kỳ " << cycle << "\n\nBài của chu kỳ mã zzcycle" << cycle
        << " về đảng bộ.\n";
    const RunResult run = Vnindex(cycle % 10 == 0 ? "" : "--update");
    ASSERT_EQ(run.exit_code, 0) << "cycle " << cycle << ": " << run.err;
    // The batch process sees the new article at its first query after the
    // install.
    const json found = Ask(batch, "zzcycle" + std::to_string(cycle));
    if (found.contains("error") || found.is_discarded()) {
      ++batch_failures;
    } else if (found["hits"].empty() ||
               found["hits"][0]["id"] !=
                   "cycle/" + std::to_string(cycle) + ".txt") {
      ++stale;
    }
    const json steady = Ask(batch, "dang bo");
    if (steady.is_discarded() || steady.contains("error") ||
        steady["total"].get<int64_t>() < documents_) {
      ++batch_failures;
    }
  }
  stop = true;
  starter.join();
  std::fclose(batch.in);
  std::fclose(batch.out);
  EXPECT_EQ(Wait(batch.pid), 0);
  EXPECT_EQ(batch_failures, 0);
  EXPECT_EQ(stale, 0);
  EXPECT_EQ(fresh_failures, 0) << "of " << fresh_queries << " new processes";
  std::printf(
      "100 cycles: %d queries from new processes, %d failed; 200 batch "
      "queries, %d failed, %d stale\n",
      fresh_queries.load(), fresh_failures.load(), batch_failures, stale);
}

}  // namespace
}  // namespace vnsearch
