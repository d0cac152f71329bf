// End-to-end tests of vnbench (issue 16): the real binary on an index of
// corpus/ with a small query file. Every section of the text report and
// every JSON key is checked; times never are (they mean nothing on five
// articles).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/run_binary.h"

namespace vnsearch::testing {
namespace {
namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class VnbenchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path dir = fs::temp_directory_path() /
                         ("vnbench_index_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    index_ = new fs::path(dir / "index");
    const RunResult built = Exec(kBin + "/vnindex --corpus " + Quote(kCorpus) +
                                 " --index " + Quote(index_->string()));
    ASSERT_EQ(built.exit_code, 0) << built.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(index_->parent_path());
    delete index_;
  }
  void SetUp() override { dir_ = FreshTestDir("vnbench"); }
  void TearDown() override { fs::remove_all(dir_); }

  std::string WriteQueries(const std::string& text) {
    const fs::path path = dir_ / "queries.txt";
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  RunResult Vnbench(const std::string& args) {
    return Exec(kBin + "/vnbench --index " + Quote(index_->string()) + " " +
                args);
  }

  static fs::path* index_;
  fs::path dir_;
};
fs::path* VnbenchTest::index_ = nullptr;

constexpr char kQueries[] =
    "đảng bộ\n"
    "\n"
    "\"ban cán sự\"\r\n"
    "date:2017..2017 thông tin\n"
    "tin nhiem\n";

TEST_F(VnbenchTest, PrintsEverySection) {
  const std::string queries = WriteQueries(kQueries);
  const RunResult run =
      Vnbench("--queries " + Quote(queries) + " --threads 1,2 --runs 2");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");  // no progress line when stderr is no terminal
  EXPECT_THAT(run.out, HasSubstr("vnbench: 4 queries from " + queries +
                                 ", 2 timed runs each after 1 warm-up"));
  EXPECT_THAT(run.out, HasSubstr("(5 documents)"));
  EXPECT_THAT(run.out,
              HasSubstr("| threads | samples | p50 | p90 | p99 | p99.9 | max "
                        "| mean | queries/s | CPU cores used |"));
  EXPECT_THAT(run.out, HasSubstr("\n| 1 | 8 | "));  // 4 queries x 2 runs
  EXPECT_THAT(run.out, HasSubstr("\n| 2 | 8 | "));
  EXPECT_THAT(run.out, HasSubstr("Scaling (side A)\n  1 thread: "));
  EXPECT_THAT(run.out, HasSubstr("\n  2 threads: "));
  EXPECT_THAT(run.out, HasSubstr("Slowest queries (side A, 1 thread;"));
  for (const char* line :
       {"line 1     đảng bộ", "line 3     \"ban cán sự\"",
        "line 4     date:2017..2017 thông tin", "line 5     tin nhiem"}) {
    EXPECT_THAT(run.out, HasSubstr(line));
  }
  EXPECT_THAT(run.out, HasSubstr("Latency histogram (side A, 1 thread)"));
  EXPECT_THAT(run.out, HasSubstr(" ms |#"));
  EXPECT_THAT(run.out, Not(HasSubstr("Ratio B / A")));
}

TEST_F(VnbenchTest, JsonHasEveryKey) {
  const std::string plot = (dir_ / "cdf.svg").string();
  const RunResult run = Vnbench(
      "--queries " + Quote(WriteQueries(kQueries)) +
      " --threads 1,2 --runs 3 --warmup 0 --snippets --json --compare " +
      Quote(index_->string()) + " --plot " + Quote(plot));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json report = nlohmann::json::parse(run.out);
  for (const char* key :
       {"index", "queries_file", "queries", "runs", "warmup", "snippets",
        "documents", "cores", "load_average", "sides", "results", "slowest",
        "histogram", "ratios_b_over_a", "plot"}) {
    EXPECT_TRUE(report.contains(key)) << key;
  }
  EXPECT_EQ(report["queries"], 4);
  EXPECT_EQ(report["runs"], 3);
  EXPECT_EQ(report["warmup"], 0);
  EXPECT_EQ(report["snippets"], true);
  EXPECT_EQ(report["documents"], 5);
  ASSERT_EQ(report["sides"].size(), 2u);
  EXPECT_EQ(report["sides"][1]["name"], "B");
  ASSERT_EQ(report["results"].size(), 4u);  // 2 thread counts x 2 sides
  for (const nlohmann::json& r : report["results"]) {
    for (const char* key :
         {"threads", "side", "count", "errors", "p50_ms", "p90_ms", "p99_ms",
          "p999_ms", "max_ms", "mean_ms", "qps", "cpu_cores"}) {
      EXPECT_TRUE(r.contains(key)) << key;
    }
    EXPECT_EQ(r["count"], 12);  // 4 queries x 3 runs
    EXPECT_EQ(r["errors"], 0);
    EXPECT_LE(r["p50_ms"].get<double>(), r["p99_ms"].get<double>());
    EXPECT_LE(r["p999_ms"].get<double>(), r["max_ms"].get<double>());
  }
  ASSERT_EQ(report["slowest"].size(), 4u);
  for (const nlohmann::json& s : report["slowest"]) {
    for (const char* key : {"line", "query", "median_ms", "max_ms"}) {
      EXPECT_TRUE(s.contains(key)) << key;
    }
  }
  size_t counted = 0;
  for (const nlohmann::json& b : report["histogram"]) {
    EXPECT_LT(b["lo_ms"].get<double>(), b["hi_ms"].get<double>());
    counted += b["count"].get<size_t>();
  }
  EXPECT_EQ(counted, 12u);
  ASSERT_EQ(report["ratios_b_over_a"].size(), 2u);
  for (const char* key :
       {"threads", "p50", "p90", "p99", "p999", "max", "mean"}) {
    EXPECT_TRUE(report["ratios_b_over_a"][0].contains(key)) << key;
  }
  const std::string svg = Slurp(plot);
  EXPECT_THAT(svg, HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(svg, HasSubstr("A, 1 thread"));
  EXPECT_THAT(svg, HasSubstr("B, 2 threads"));
  EXPECT_THAT(svg, HasSubstr("</svg>"));
}

TEST_F(VnbenchTest, ComparesAnotherBuildOfVnsearch) {
  const RunResult run =
      Vnbench("--queries " + Quote(WriteQueries(kQueries)) +
              " --runs 2 --compare-bin " + Quote(kBin + "/vnsearch"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("  B: " + kBin + "/vnsearch on "));
  EXPECT_THAT(run.out, HasSubstr("| 1 | A | 8 | "));
  EXPECT_THAT(run.out, HasSubstr("| 1 | B | 8 | "));
  EXPECT_THAT(run.out, HasSubstr("Ratio B / A per percentile"));
}

// --compare-flip: side B is side A with one request option flipped, in the
// same process; every section of the report and every JSON key.
TEST_F(VnbenchTest, CompareFlipPrintsBothSidesAndTheirRatios) {
  const std::string queries = WriteQueries(kQueries);
  const std::string index = index_->string();
  for (const auto& [flip, b_side] :
       std::vector<std::pair<std::string, std::string>>{
           {"snippets", "snippets on"},
           {"collapse", "collapse off"},
           {"facets", "facets on"}}) {
    const RunResult run = Vnbench("--queries " + Quote(queries) +
                                  " --runs 2 --compare-flip " + flip);
    ASSERT_EQ(run.exit_code, 0) << flip << ": " << run.err;
    EXPECT_EQ(run.err, "") << flip;
    EXPECT_THAT(run.out, HasSubstr("vnbench: 4 queries from " + queries +
                                   ", 2 timed runs each after 1 warm-up, "
                                   "top 10, snippets off"))
        << flip;
    EXPECT_THAT(run.out, HasSubstr("\n  A: " + index + " (5 documents)\n"))
        << flip;
    EXPECT_THAT(run.out, HasSubstr("\n  B: " + index + ", " + b_side + "\n"))
        << flip;
    EXPECT_THAT(run.out, HasSubstr("\nLatency (ms)\n| threads | side | "
                                   "samples | p50 | p90 | p99 | p99.9 | max "
                                   "| mean | queries/s | CPU cores used |\n"))
        << flip;
    EXPECT_THAT(run.out, HasSubstr("\n| 1 | A | 8 | ")) << flip;
    EXPECT_THAT(run.out, HasSubstr("\n| 1 | B | 8 | ")) << flip;
    EXPECT_THAT(run.out,
                HasSubstr("\nRatio B / A per percentile (below 1: B is "
                          "faster)\n| threads | p50 | p90 | p99 | p99.9 | "
                          "max | mean |\n|---:|---:|---:|---:|---:|---:|---:|"
                          "\n| 1 | "))
        << flip;
    EXPECT_THAT(run.out, HasSubstr("\nSlowest queries (side A, 1 thread;"))
        << flip;
    EXPECT_THAT(run.out, HasSubstr("\nLatency histogram (side A, 1 thread)"))
        << flip;
    EXPECT_THAT(run.out, Not(HasSubstr("Scaling"))) << flip;  // one count
  }
  // With --snippets, flipping them turns them off on side B.
  const RunResult off = Vnbench("--queries " + Quote(queries) +
                                " --runs 1 --snippets --compare-flip snippets");
  ASSERT_EQ(off.exit_code, 0) << off.err;
  EXPECT_THAT(off.out, HasSubstr("\n  B: " + index + ", snippets off\n"));

  const RunResult json_run =
      Vnbench("--queries " + Quote(queries) +
              " --runs 2 --warmup 0 --threads 1,2 --json --compare-flip "
              "collapse");
  ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
  const nlohmann::json report = nlohmann::json::parse(json_run.out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : report.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "cores", "documents", "histogram", "index",
                      "load_average", "queries", "queries_file",
                      "ratios_b_over_a", "results", "runs", "sides", "slowest",
                      "snippets", "warmup"}));
  ASSERT_EQ(report["sides"].size(), 2u);
  EXPECT_EQ(report["sides"][0],
            nlohmann::json({{"name", "A"}, {"what", index}}));
  EXPECT_EQ(report["sides"][1],
            nlohmann::json({{"name", "B"}, {"what", index + ", collapse off"}}));
  ASSERT_EQ(report["results"].size(), 4u);  // 2 thread counts x 2 sides
  std::vector<std::string> sides;
  for (const nlohmann::json& r : report["results"]) {
    sides.push_back(r["side"].get<std::string>() + std::to_string(r["threads"].get<int>()));
    EXPECT_EQ(r["count"], 8);  // 4 queries x 2 runs
    EXPECT_EQ(r["errors"], 0);
  }
  EXPECT_EQ(sides, (std::vector<std::string>{"A1", "B1", "A2", "B2"}));
  ASSERT_EQ(report["ratios_b_over_a"].size(), 2u);
  for (size_t t = 0; t < 2; ++t) {
    const nlohmann::json& ratio = report["ratios_b_over_a"][t];
    std::vector<std::string> ratio_keys;
    for (const auto& [key, value] : ratio.items()) ratio_keys.push_back(key);
    EXPECT_EQ(ratio_keys,
              (std::vector<std::string>{"max", "mean", "p50", "p90", "p99",
                                        "p999", "threads"}));
    EXPECT_EQ(ratio["threads"], t + 1);
    for (const char* key : {"p50", "p90", "p99", "p999", "max", "mean"}) {
      EXPECT_GT(ratio[key].get<double>(), 0.0) << key;
    }
  }

  // A flip it does not know, or one with another second side: exit 2.
  const RunResult bad =
      Vnbench("--queries " + Quote(queries) + " --compare-flip speed");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err,
            "vnbench: --compare_flip takes snippets, collapse or facets, not "
            "speed\n");
  const RunResult both = Vnbench("--queries " + Quote(queries) +
                                 " --compare-flip facets --compare " +
                                 Quote(index));
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.err,
            "vnbench: --compare_flip cannot go with --compare or "
            "--compare-bin\n");
}

TEST_F(VnbenchTest, BadQueryFileExitsTwoWithTheLine) {
  const std::string queries =
      WriteQueries("đảng bộ\n\nthông tin\ndate:2020..2017 tin\n");
  const RunResult run = Vnbench("--queries " + Quote(queries));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "vnbench: " + queries +
                         ":4: date range is empty (start after end)\n");

  const RunResult utf8 =
      Vnbench("--queries " + Quote(WriteQueries("tin\n\xff\xfe bộ\n")));
  EXPECT_EQ(utf8.exit_code, 2);
  EXPECT_THAT(utf8.err, HasSubstr("queries.txt:2: query is not valid UTF-8"));

  const RunResult empty = Vnbench("--queries " + Quote(WriteQueries("\n \n")));
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_THAT(empty.err, HasSubstr("queries.txt: no queries"));

  const RunResult missing =
      Vnbench("--queries " + Quote((dir_ / "no").string()));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("cannot read"));
}

TEST_F(VnbenchTest, BadFlagsAndMissingIndex) {
  const std::string queries = WriteQueries(kQueries);
  EXPECT_EQ(Vnbench("--queries " + Quote(queries) + " --threads 0").exit_code,
            2);
  EXPECT_EQ(Vnbench("--queries " + Quote(queries) + " --runs 0").exit_code, 2);
  EXPECT_EQ(Vnbench("--queries " + Quote(queries) + " stray").exit_code, 2);
  const RunResult no_index =
      Exec(kBin + "/vnbench --index " + Quote((dir_ / "none").string()) +
           " --queries " + Quote(queries));
  EXPECT_EQ(no_index.exit_code, 1);
  EXPECT_THAT(no_index.err, HasSubstr("does not exist"));
}

}  // namespace
}  // namespace vnsearch::testing
