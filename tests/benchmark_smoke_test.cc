// Smoke test of the benchmark tools (issue 5): each runs on the project's
// five sample articles (corpus/), exits 0 and prints its table. No timing is
// ever asserted: the figures of a 5-article corpus mean nothing.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "common/index/schema.h"

namespace {
namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kBin = VNSEARCH_BIN_DIR;
const std::string kCorpus = std::string(VNSEARCH_SOURCE_DIR) + "/corpus";

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

std::string Quote(const std::string& s) { return "'" + s + "'"; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class BenchmarkSmokeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) /
           (std::string("vnsearch_bench_smoke_") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `command` (a shell command line) and captures its output.
  CommandResult Shell(const std::string& command) {
    const std::string out = (dir_ / "output.txt").string();
    const int status =
        std::system((command + " > " + Quote(out) + " 2>&1").c_str());
    CommandResult run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.output = ReadFile(out);
    return run;
  }

  std::string Path(const std::string& name) const {
    return (dir_ / name).string();
  }

  fs::path dir_;
};

TEST_F(BenchmarkSmokeTest, IndexBenchPrintsItsTable) {
  CommandResult run =
      Shell(kBin + "/index_bench --corpus " + Quote(kCorpus) + " --work " +
            Quote(Path("work")) + " --results " + Quote(Path("r.jsonl")));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("| engine | threads | docs |"));
  EXPECT_THAT(run.output, HasSubstr("| vnsearch | "));
  EXPECT_THAT(run.output, HasSubstr("| stock Xapian | "));
  EXPECT_THAT(run.output, HasSubstr("| SQLite FTS5 | "));
  EXPECT_THAT(ReadFile(Path("r.jsonl")), HasSubstr("\"kind\":\"index\""));
}

TEST_F(BenchmarkSmokeTest, QueryLatencyBenchPrintsItsTables) {
  CommandResult run = Shell(
      kBin + "/query_latency_bench --corpus " + Quote(kCorpus) + " --work " +
      Quote(Path("work")) + " --per_class 2 --passes 1 --queries_out " +
      Quote(Path("q.txt")) + " --results " + Quote(Path("r.jsonl")));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("Whole mix"));
  EXPECT_THAT(run.output, HasSubstr("Per query class"));
  EXPECT_THAT(run.output, HasSubstr("| one_syllable | vnsearch |"));
  EXPECT_THAT(run.output,
              HasSubstr("corpus-5/vnsearch/mix"));  // Google Benchmark's rows
  EXPECT_FALSE(ReadFile(Path("q.txt")).empty());
}

TEST_F(BenchmarkSmokeTest, BatchSearchBenchPrintsItsTable) {
  ASSERT_EQ(Shell(kBin + "/vnindex --quiet --corpus " + Quote(kCorpus) +
                  " --index " + Quote(Path("index")))
                .exit_code,
            0);
  std::ofstream(Path("q.txt")) << "đảng\nbộ trưởng\n\"cán bộ\"\n";
  CommandResult run =
      Shell(kBin + "/batch_search_bench --index " + Quote(Path("index")) +
            " --queries " + Quote(Path("q.txt")) + " --label corpus-5");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("peak RSS MiB"));
  EXPECT_THAT(run.output, HasSubstr("| corpus-5 | 5 | 3 |"));
}

TEST_F(BenchmarkSmokeTest, GeneratedCorpusGrowsInPlaceDeterministically) {
  const std::string grown = Path("grown");
  const std::string direct = Path("direct");
  ASSERT_EQ(Shell(kBin + "/vngencorpus --source " + Quote(kCorpus) + " --out " +
                  Quote(grown) + " --documents 4")
                .exit_code,
            0);
  CommandResult run = Shell(kBin + "/vngencorpus --source " + Quote(kCorpus) +
                            " --out " + Quote(grown) + " --documents 12");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("12 articles (4 kept, 8 written"));
  ASSERT_EQ(Shell(kBin + "/vngencorpus --source " + Quote(kCorpus) + " --out " +
                  Quote(direct) + " --documents 12")
                .exit_code,
            0);
  for (int i = 0; i < 12; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/g0000/%08d.txt", i);
    const std::string text = ReadFile(grown + name);
    EXPECT_FALSE(text.empty()) << name;
    EXPECT_EQ(text, ReadFile(direct + name)) << name;
  }
  // Shrinking, or growing with another seed, is refused.
  EXPECT_NE(Shell(kBin + "/vngencorpus --source " + Quote(kCorpus) + " --out " +
                  Quote(grown) + " --documents 12 --seed 7")
                .exit_code,
            0);
}

TEST_F(BenchmarkSmokeTest, BenchReportWritesEverySection) {
  ASSERT_EQ(
      Shell(kBin + "/index_bench --corpus " + Quote(kCorpus) + " --work " +
            Quote(Path("work")) + " --engines vnsearch,xapian --results " +
            Quote(Path("r.jsonl")))
          .exit_code,
      0);
  ASSERT_EQ(
      Shell(kBin + "/query_latency_bench --corpus " + Quote(kCorpus) +
            " --work " + Quote(Path("work")) +
            " --engines vnsearch,xapian --per_class 1 --passes 1 --results " +
            Quote(Path("r.jsonl")))
          .exit_code,
      0);
  CommandResult run = Shell(
      kBin + "/bench_report --results " + Quote(Path("r.jsonl")) + " --out " +
      Quote(Path("REPORT.md")) + " --commit test --date today");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string report = ReadFile(Path("REPORT.md"));
  EXPECT_THAT(report, HasSubstr("## Machine"));
  EXPECT_THAT(report, HasSubstr("## Targets"));
  EXPECT_THAT(report, HasSubstr("## corpus-5"));
  EXPECT_THAT(report, HasSubstr("Whole mix"));
}

// The number after `label` on its line of `output` (-1 when absent).
long long CountAfter(const std::string& output, const std::string& label) {
  const size_t at = output.find(label);
  if (at == std::string::npos) return -1;
  return std::atoll(output.c_str() + at + label.size());
}

// exact_pair_census mirrors the document builder: its counts of today's
// postings are the index's termfreq sums over the three fields.
TEST_F(BenchmarkSmokeTest, ExactPairCensusCountsWhatTheIndexHolds) {
  ASSERT_EQ(Shell(kBin + "/vnindex --quiet --corpus " + Quote(kCorpus) +
                  " --index " + Quote(Path("index")))
                .exit_code,
            0);
  CommandResult run =
      Shell(kBin + "/exact_pair_census --corpus " + Quote(kCorpus));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const Xapian::Database db(Path("index"));
  auto postings = [&](vnsearch::Form form) {
    long long sum = 0;
    for (vnsearch::Field field :
         {vnsearch::Field::kBody, vnsearch::Field::kTitle,
          vnsearch::Field::kOfficial}) {
      const std::string prefix(vnsearch::TermPrefix(field, form));
      for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix);
           ++it) {
        const std::string term = *it;
        // A term of a longer prefix sharing this one ("XP" and "XPZ") is
        // another form; terms of every form begin with a lowercase letter,
        // a digit or a non-ASCII byte.
        const unsigned char next =
            term.size() > prefix.size() ? term[prefix.size()] : 0;
        if (next >= 'A' && next <= 'Z') continue;
        sum += it.get_termfreq();
      }
    }
    return sum;
  };
  EXPECT_EQ(CountAfter(run.output, "documents"),
            static_cast<long long>(db.get_doccount()));
  EXPECT_EQ(CountAfter(run.output, "exact words"),
            postings(vnsearch::Form::kExact));
  EXPECT_EQ(CountAfter(run.output, "exact pairs (XP)"),
            postings(vnsearch::Form::kExactPair));
  EXPECT_EQ(CountAfter(run.output, "exact pairs across (XQ)"),
            postings(vnsearch::Form::kExactPairAcross));
  EXPECT_EQ(CountAfter(run.output, "folded pairs"),
            postings(vnsearch::Form::kFoldedPair));
  EXPECT_EQ(CountAfter(run.output, "folded words"),
            postings(vnsearch::Form::kFolded));
  EXPECT_GT(CountAfter(run.output, "markers"), 0);
}

}  // namespace

// benchmarks/run --quick: index_bench --cache reuses the news corpus's
// indexes (here a news archive made of corpus/, in a cache of its own),
// building the missing ones side by side the first time.
TEST_F(BenchmarkSmokeTest, IndexBenchReusesCachedIndexes) {
  const std::string archive = Path("news.tar.zst");
  ASSERT_EQ(Shell("tar -I zstd -cf " + Quote(archive) + " -C " +
                  Quote(kCorpus) + " .")
                .exit_code,
            0);
  const std::string env = "VNSEARCH_NEWS_ARCHIVE=" + Quote(archive) +
                          " VNSEARCH_NEWS_CACHE=" + Quote(Path("cache")) + " ";
  const std::string index_bench =
      env + kBin + "/index_bench --engines vnsearch,xapian,fts5 --cache " +
      Quote(Path("cache")) + " --jobs 2 --work ";
  CommandResult first = Shell(index_bench + Quote(Path("work1")) +
                              " --results " + Quote(Path("r1.jsonl")));
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_THAT(first.output, HasSubstr("building vnsearch, xapian, fts5 into "));
  EXPECT_THAT(first.output, HasSubstr("Built side by side (up to 2 at once"));
  EXPECT_THAT(first.output, Not(HasSubstr("(cached)")));
  for (const char* engine : {"vnsearch", "xapian", "fts5"}) {
    EXPECT_TRUE(fs::is_directory(Path("cache") + "/index/" + engine)) << engine;
    EXPECT_TRUE(fs::exists(Path("cache") + "/index/" + engine + ".stamp"))
        << engine;
    EXPECT_TRUE(fs::is_symlink(Path("work1") + "/" + engine)) << engine;
  }

  // Named with --corpus, as benchmarks/run names it.
  CommandResult second = Shell(index_bench + Quote(Path("work2")) +
                               " --corpus " + Quote(Path("cache") + "/corpus") +
                               " --results " + Quote(Path("r2.jsonl")));
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_THAT(second.output, HasSubstr("reusing vnsearch's index in "));
  EXPECT_THAT(second.output, HasSubstr("| vnsearch (cached) | "));
  EXPECT_THAT(second.output, HasSubstr("| stock Xapian (cached) | "));
  EXPECT_THAT(second.output, HasSubstr("| SQLite FTS5 (cached) | "));
  EXPECT_THAT(second.output, HasSubstr("Not rebuilt in this run"));
  // Their records still say they were built side by side.
  EXPECT_THAT(second.output, HasSubstr("Built side by side (up to 2 at once"));
  EXPECT_THAT(second.output, Not(HasSubstr("building")));
  EXPECT_THAT(ReadFile(Path("r2.jsonl")), HasSubstr("\"cached\":true"));
  // The linked indexes answer queries.
  Xapian::Database db(Path("work2") + "/vnsearch");
  EXPECT_EQ(db.get_doccount(), 5u);

  // A stale stamp (another engine version) is rebuilt, alone.
  std::ofstream(Path("cache") + "/index/xapian.stamp") << "{\"key\":\"old\"}";
  CommandResult stale = Shell(index_bench + Quote(Path("work3")));
  ASSERT_EQ(stale.exit_code, 0) << stale.output;
  EXPECT_THAT(stale.output, HasSubstr("building xapian ..."));
  EXPECT_THAT(stale.output, HasSubstr("| stock Xapian | "));
  EXPECT_THAT(stale.output, HasSubstr("| vnsearch (cached) | "));
}

// --cap runs a slow peer on the first queries of each class only, and its
// rows say so.
TEST_F(BenchmarkSmokeTest, QueryLatencyBenchCapsAnEngine) {
  CommandResult run = Shell(
      kBin + "/query_latency_bench --corpus " + Quote(kCorpus) + " --work " +
      Quote(Path("work")) +
      " --engines vnsearch,xapian --per_class 2 --passes 1 --cap xapian=1");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("| one_syllable | vnsearch | 2 | 2 |"));
  EXPECT_THAT(run.output,
              HasSubstr("| one_syllable | stock Xapian | 1 of 2 | 1 |"));
  // --query_cache: generated once, then reused.
  const std::string cached = kBin + "/query_latency_bench --corpus " +
                             Quote(kCorpus) + " --work " + Quote(Path("work")) +
                             " --engines xapian --per_class 2 --passes 1" +
                             " --query_cache " + Quote(Path("qcache"));
  CommandResult made = Shell(cached);
  ASSERT_EQ(made.exit_code, 0) << made.output;
  EXPECT_THAT(made.output, HasSubstr(" queries generated, kept in "));
  CommandResult reused = Shell(cached);
  ASSERT_EQ(reused.exit_code, 0) << reused.output;
  EXPECT_THAT(reused.output, HasSubstr(" queries reused from "));
  EXPECT_THAT(reused.output, HasSubstr("| one_syllable | stock Xapian | 2 |"));
  CommandResult bad =
      Shell(kBin + "/query_latency_bench --corpus " + Quote(kCorpus) +
            " --work " + Quote(Path("work")) + " --cap xapian=none");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.output, HasSubstr("--cap wants ENGINE=N"));
}
