// Same answers at scale (issue 15): every query of the relevance suite's
// test half gets the same ids with the same scores, and the same accent
// reading, from one index, from 2 local shards (one process searching both
// databases) and from 2 remote shards (stock xapian-tcpsrv on loopback),
// with accent restoration on (as vnsearch answers by default) and off.
// Xapian 1.4's merged matcher drops branches of every local shard after the
// first (60 of 700 queries differed); the searcher matches each local shard
// first once instead (common/search/shard_match.h), so 2 local shards must
// answer exactly as 2 remote shards do (each server matches its own shard
// from the start), with restoration on too.
// Documents tied on score may come in another order (shards number
// documents differently), so ties are compared as sets. Skips when the
// news corpus is absent.
//
// The single index is the relevance suite's own cached vnsearch index
// (news-cache/index/vnsearch, EnsureIndex: built once for both tests, by
// whichever runs first), so only the 2 shards are built here; they are
// cached under news-cache/shards_relevance_test, keyed by the archive and
// the vnindex binary.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmarks/engine.h"
#include "benchmarks/news_corpus.h"
#include "benchmarks/relevance_suite.h"
#include "common/search/searcher.h"
#include "tests/run_binary.h"
#include "tests/xapian_server.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using Answer = std::vector<std::pair<std::string, double>>;

std::string Stamp(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  const auto time = fs::last_write_time(path, ec).time_since_epoch().count();
  return absl::StrCat(path, " ", size, " ", time);
}

// Builds `index` from `corpus` with `extra` flags unless built already from
// the same archive by the same vnindex.
void BuildOnce(const std::string& corpus, const std::string& index,
               const std::string& extra, const std::string& key) {
  const fs::path stamp = fs::path(index + ".stamp");
  if (testing::Slurp(stamp) == key && fs::exists(index)) return;
  fs::remove_all(index);
  testing::RunResult run = testing::Exec(
      testing::kBin + "/vnindex --quiet --corpus " + testing::Quote(corpus) +
      " --index " + testing::Quote(index) + " " + extra);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::ofstream(stamp) << key;
}

// "" when the same; else what differs first.
std::string Compare(const Answer& a, const Answer& b) {
  if (a.size() != b.size()) {
    return absl::StrCat(a.size(), " hits, ", b.size(), " from shards");
  }
  const auto close = [](double x, double y) {
    return std::abs(x - y) <= 1e-9 * std::max(1.0, std::abs(x));
  };
  for (size_t i = 0; i < a.size();) {
    size_t j = i;
    std::vector<std::string> x, y;
    while (j < a.size() && close(a[j].second, a[i].second)) {
      if (!close(a[j].second, b[j].second)) {
        return absl::StrCat("rank ", j + 1, ": score ", a[j].second, " vs ",
                            b[j].second);
      }
      x.push_back(a[j].first);
      y.push_back(b[j].first);
      ++j;
    }
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    // The last group of ties may be cut differently at the page end.
    if (j < a.size() && x != y) {
      return absl::StrCat("ranks ", i + 1, "-", j, ": other ids");
    }
    i = j;
  }
  return "";
}

TEST(ShardsRelevanceTest, SingleLocalAndRemoteShardsAnswerAlike) {
  const std::string archive = bench::NewsArchivePath();
  absl::StatusOr<std::string> root =
      bench::PrepareNewsCorpus(archive, bench::NewsCacheDir());
  if (absl::IsNotFound(root.status())) {
    GTEST_SKIP() << "news corpus not found at " << archive
                 << ": shard relevance comparison skipped";
  }
  ASSERT_TRUE(root.ok()) << root.status();
  if (!testing::HaveTcpsrv()) GTEST_SKIP() << "xapian-tcpsrv not installed";
  absl::StatusOr<std::vector<bench::NewsArticle>> articles =
      bench::ReadNewsCorpus(*root);
  ASSERT_TRUE(articles.ok()) << articles.status();
  absl::StatusOr<bench::RelevanceSuite> suite =
      bench::RelevanceSuite::Generate(*articles, {});
  ASSERT_TRUE(suite.ok()) << suite.status();

  const std::string dir = bench::NewsCacheDir() + "/shards_relevance_test";
  fs::create_directories(dir);
  fs::remove_all(dir + "/single");  // an older version built its own
  const std::string key =
      absl::StrCat(Stamp(archive), " ", Stamp(testing::kBin + "/vnindex"));
  BuildOnce(*root, dir + "/s2", "--shards 2", key);
  // The relevance suite's single index, shared (built by whichever test
  // gets there first; a lock serialises them). After the shards, so that
  // under ctest -j2 the shards build while relevance_test builds it.
  std::unique_ptr<bench::Engine> engine = bench::MakeVnsearchEngine();
  const std::string single =
      (fs::path(bench::NewsCacheDir()) / "index" / engine->name()).string();
  const std::string single_key = bench::IndexKey(*engine, archive);
  absl::StatusOr<bench::CachedBuild> built = bench::EnsureIndex(
      *engine, *root, single, single_key, single_key.empty());
  ASSERT_TRUE(built.ok()) << built.status();
  std::cout << "shards_relevance_test: single index " << single
            << (built->reused ? " (reused)" : " (built in ")
            << (built->reused ? "" : absl::StrCat(built->stats.seconds, " s)"))
            << "\n";

  testing::TcpServer a(dir + "/s2/shard-0", dir + "/tcpsrv-0.log");
  testing::TcpServer b(dir + "/s2/shard-1", dir + "/tcpsrv-1.log");
  ASSERT_TRUE(a.ready() && b.ready());
  // The accent table of the set, as scripts/serve-shards names it.
  std::ofstream(dir + "/remote.stub")
      << "# vnsearch accents: s2/shards.stub\n"
      << a.StubLine() << b.StubLine();

  std::vector<std::unique_ptr<Searcher>> searchers;
  for (const std::string& path : {single, dir + "/s2", dir + "/remote.stub"}) {
    SearcherOptions options;
    options.index_dir = path;
    absl::StatusOr<std::unique_ptr<Searcher>> s = Searcher::Open(options);
    ASSERT_TRUE(s.ok()) << path << ": " << s.status();
    searchers.push_back(*std::move(s));
  }
  for (const bool restore : {true, false}) {
    SearchRequest request;
    request.snippets = false;
    request.restore = restore;
    // Which of two equally weighted copies of a story stands for both
    // depends on docid order, which sharding changes: uncollapsed pages.
    request.collapse = false;
    size_t compared = 0, differing = 0, local_differing = 0, restored = 0,
           misread = 0, local_remote_differing = 0;
    std::string examples;
    for (const bench::RelevanceQuery& q : suite->Queries(bench::Split::kTest)) {
      std::vector<Answer> answers;
      std::vector<std::string> readings;
      for (auto& searcher : searchers) {
        absl::StatusOr<SearchResult> r = searcher->Search(q.text, request);
        ASSERT_TRUE(r.ok()) << q.text << ": " << r.status();
        Answer answer;
        for (const Hit& hit : r->hits) {
          answer.emplace_back(hit.article.id, hit.score);
        }
        answers.push_back(std::move(answer));
        readings.push_back(absl::StrCat(r->reading.restored, "|",
                                        r->reading.decoded, "|",
                                        r->reading.preferred.size()));
      }
      ++compared;
      if (!readings[0].starts_with("|")) ++restored;
      const std::string local_remote = Compare(answers[1], answers[2]);
      if (!local_remote.empty() && ++local_remote_differing <= 5) {
        absl::StrAppend(&examples, "\n  local vs remote \"", q.text,
                        "\": ", local_remote);
      }
      for (size_t k = 1; k < answers.size(); ++k) {
        if (readings[k] != readings[0]) {
          ++misread;
          absl::StrAppend(&examples, "\n  \"", q.text, "\" read as ",
                          readings[k], ", not ", readings[0]);
        }
        const std::string diff = Compare(answers[0], answers[k]);
        if (diff.empty()) continue;
        if (k == 1) {
          ++local_differing;
        } else {
          ++differing;
        }
        if (local_differing + differing <= 5) {
          absl::StrAppend(&examples, "\n  ", k == 1 ? "local" : "remote",
                          " \"", q.text, "\": ", diff);
        }
      }
    }
    SCOPED_TRACE(restore ? "restoration on" : "restoration off");
    EXPECT_EQ(compared, suite->Queries(bench::Split::kTest).size());
    EXPECT_GE(compared, 700u);
    // The set's accent table reads every query as one index's does.
    EXPECT_EQ(misread, 0u) << examples;
    // Local shards are matched as remote ones are: the same pages.
    EXPECT_EQ(local_remote_differing, 0u) << examples;
    if (restore) {
      EXPECT_GT(restored, 100u) << "the set's accent table is used";
    }
    // With restoration on too: 0 of 800 differ at news-35k (session 7
    // reported 3, Xapian's defect striking one index's or one server's own
    // match; shard_match.h). A new difference is that defect again.
    EXPECT_EQ(differing, 0u) << examples;
    EXPECT_EQ(local_differing, 0u) << examples;
    std::cout << "shards_relevance_test (restoration "
              << (restore ? "on" : "off") << "): " << restored
              << " queries read; 2 remote shards differ from one index on "
              << differing << " and 2 local shards on " << local_differing
              << " of " << compared << " queries; local and remote shards on "
              << local_remote_differing << examples << "\n";
  }
}

}  // namespace
}  // namespace vnsearch
