// Ctrl-C while a query runs at the vnsearch prompt (issue 12): the query
// stops, the prompt says so and comes back, and the next query answers as
// usual. On a pseudo-terminal, on the news corpus index that the relevance
// suite caches (a query on corpus/ ends before a key can reach it); skips
// when the news corpus is absent.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "benchmarks/engine.h"
#include "benchmarks/news_corpus.h"
#include "benchmarks/relevance_suite.h"
#include "tests/run_binary.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::kBin;
using testing::Terminal;

// Every word of this query is common, and the last is in no article, so
// vnsearch ranks the articles with any of them, and :facets counts all of
// those (every article: about 150 ms on the news index), where typing
// Ctrl-C right after the line takes well under one. (Without "qxzvw", 798
// articles have every word, and their facets took about as long as the
// test waits before Ctrl-C: it failed once.)
constexpr char kSlowQuery[] =
    "của và các là có được cho trong người những không một này đã với khi "
    "năm đến ra để từ nhiều theo tại cũng nhưng về như sẽ đó sau lại thì "
    "bị vào nhà mới hơn làm phải nước việc trên qxzvw";

TEST(PromptCancelTest, CtrlCStopsTheRunningQueryAndThePromptComesBack) {
  const std::string archive = bench::NewsArchivePath();
  absl::StatusOr<std::string> root =
      bench::PrepareNewsCorpus(archive, bench::NewsCacheDir());
  if (absl::IsNotFound(root.status())) {
    GTEST_SKIP() << "news corpus not found at " << archive
                 << ": Ctrl-C during a query not tested";
  }
  ASSERT_TRUE(root.ok()) << root.status();
  // The relevance suite's index (the same cache entry: built once).
  std::unique_ptr<bench::Engine> engine =
      bench::MakeVnsearchEngine(RankingParams{}, true);
  const std::string index =
      (fs::path(bench::NewsCacheDir()) / "index" / engine->name()).string();
  absl::StatusOr<bench::CachedBuild> built = bench::EnsureIndex(
      *engine, *root, index, bench::IndexKey(*engine, archive), false);
  ASSERT_TRUE(built.ok()) << built.status();

  const fs::path state = testing::FreshTestDir("vnsearch_prompt_cancel");
  Terminal term({kBin + "/vnsearch", "--index", index, "--no-snippets"},
                {"TERM=xterm", "HOME=" + state.string(),
                 "XDG_STATE_HOME=" + state.string()});
  ASSERT_TRUE(term.ok());
  term.Line(std::string(kSlowQuery) + "\r");
  term.Line(":facets\r");
  // Ctrl-C as soon as the line is taken (the terminal echoes its end).
  ASSERT_TRUE(term.WaitFor(":facets\n")) << term.Screen();
  // libedit echoes the line's end just before it hands the line over: a
  // Ctrl-C in between clears the line instead. A few milliseconds later
  // the query runs (the full pass takes tens of them).
  usleep(5000);
  const std::string before = term.Screen();
  term.Type("\x03");
  term.Line("dubai vay 3 ty usd\r");
  ASSERT_TRUE(term.WaitFor("Dubai vay 3 tỷ USD")) << term.Screen();
  const std::string screen = term.Screen();
  EXPECT_THAT(screen, HasSubstr("vnsearch: query cancelled"))
      << "before Ctrl-C:\n"
      << before << "\nafter:\n"
      << screen;
  const size_t cancelled = screen.find("query cancelled");
  ASSERT_NE(cancelled, std::string::npos);
  EXPECT_THAT(screen.substr(cancelled), ::testing::Not(HasSubstr("facets of")));
  term.Line(":quit\r");
  EXPECT_EQ(term.WaitExit(), 0);
}

}  // namespace
}  // namespace vnsearch
