// Sharded indexes end to end (issue 15): vnindex --shards, local and remote
// shards searched as one index, with real xapian-tcpsrv processes on free
// loopback ports (one of them killed, one stopped, mid-test), and
// scripts/serve-shards. The corpus is generated here: 240 JSON articles
// plus corpus/.

#include <arpa/inet.h>
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/index/sharded_builder.h"
#include "common/search/searcher.h"
#include "tests/run_binary.h"
#include "tests/xapian_server.h"

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
using Clock = std::chrono::steady_clock;
using testing::Child;
using testing::FreeLoopbackPort;
using testing::TcpServer;

const std::string kSource = VNSEARCH_SOURCE_DIR;

using testing::HaveTcpsrv;

// 240 articles over 2010-2021 from a small vocabulary, so that terms are
// shared unevenly between shards (their statistics differ from the whole).
void WriteCorpus(const fs::path& dir) {
  fs::create_directories(dir);
  fs::copy(kCorpus, dir / "text");
  const std::vector<std::string> words = {
      "hội",  "nghị",   "kinh", "tế",   "thành", "phố",  "giá", "vàng",
      "bóng", "đá",     "tuần", "mới",  "tuấn",  "đảng", "bộ",  "chính",
      "phủ",  "quốc",   "hội",  "sông", "hồng",  "mùa",  "lũ",  "học",
      "sinh", "trường", "đại",  "y",    "tế",    "cán",  "bộ",  "nông",
      "dân",  "lúa",    "gạo",  "xuất", "khẩu",  "điện", "lực", "giao"};
  uint64_t state = 12345;
  auto next = [&](uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  std::ofstream out(dir / "news.jsonl");
  for (int i = 0; i < 240; ++i) {
    std::string title, body;
    const uint64_t title_words = 4 + next(5);
    for (uint64_t w = 0; w < title_words; ++w) {
      absl::StrAppend(&title, w ? " " : "", words[next(words.size())]);
    }
    const uint64_t body_words = 30 + next(120);
    for (uint64_t w = 0; w < body_words; ++w) {
      absl::StrAppend(&body, w ? " " : "", words[next(words.size())],
                      w % 17 == 16 ? "." : "");
    }
    const json line = {
        {"id", absl::StrCat("news-", i)},
        {"title", title},
        {"body", body},
        {"date", absl::StrCat(2010 + i % 12, "-0", 1 + i % 9, "-1", i % 10)}};
    out << line.dump() << "\n";
  }
}

const std::vector<std::string> kQueries = {"hội nghị",
                                           "hoi nghi",
                                           "kinh tế thành phố",
                                           "\"giá vàng\"",
                                           "tuần mới",
                                           "tuan moi",
                                           "tuấn mới",
                                           "title:đảng",
                                           "bóng đá -vàng",
                                           "đảng bộ",
                                           "sông hồng mùa lũ",
                                           "date:2015..2017 học sinh",
                                           "xuất khẩu gạo",
                                           "điện lực",
                                           "y tế",
                                           "cán bộ nông dân",
                                           "date:2020 lúa",
                                           "nguyễn bắc son",
                                           "truong minh tuan",
                                           "title:\"giá vàng\"",
                                           "chính phủ quốc hội",
                                           "xyzzy"};

class ShardsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir("vnsearch_shards");
    corpus_ = dir_ / "corpus";
    WriteCorpus(corpus_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const {
    return (dir_ / name).string();
  }
  RunResult Vnindex(const std::string& index, const std::string& extra) const {
    return Exec(kBin + "/vnindex --quiet --json --corpus " +
                Quote(corpus_.string()) + " --index " + Quote(index) + " " +
                extra);
  }
  // The JSON lines of every query of kQueries, run in one batch.
  static std::vector<json> Answers(
      const std::string& index, const std::string& extra = "",
      const std::vector<std::string>& queries = kQueries,
      const std::string& restore = "--no-restore") {
    std::string input;
    for (const std::string& q : queries) absl::StrAppend(&input, q, "\n");
    RunResult run = Exec(kBin + "/vnsearch --json " + restore +
                             " --limit 20 --index " + Quote(index) + " " +
                             extra,
                         input);
    // 2: a line was a bad query (its JSON line says so), the same for all.
    EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 2) << run.err;
    std::vector<json> lines;
    std::istringstream in(run.out);
    for (std::string line; std::getline(in, line);) {
      lines.push_back(json::parse(line));
    }
    EXPECT_EQ(lines.size(), queries.size()) << run.err;
    return lines;
  }
  void WriteStub(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }

  fs::path dir_, corpus_;
};

// The words a snippet highlights, sorted.
std::vector<std::string> Highlighted(const std::string& snippet) {
  std::vector<std::string> words;
  for (size_t at = snippet.find("<b>"); at != std::string::npos;
       at = snippet.find("<b>", at + 1)) {
    const size_t end = snippet.find("</b>", at);
    words.push_back(snippet.substr(at + 3, end - at - 3));
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// Same ids and scores (to rounding) at every rank; documents tied on score
// may come in another order (docids differ), so each group of ties is
// compared as a set. "total" is Xapian's estimate, made per shard and
// summed, and a snippet's passage is chosen with per-shard term bounds, so
// those may differ (docs/OPERATIONS.md, "Shards"): a snippet must highlight
// the same words.
void ExpectSameAnswers(const std::vector<json>& want,
                       const std::vector<json>& got, const std::string& what,
                       const std::vector<std::string>& queries = kQueries) {
  ASSERT_EQ(want.size(), got.size()) << what;
  for (size_t q = 0; q < want.size(); ++q) {
    const json& a = want[q]["hits"];
    const json& b = got[q]["hits"];
    SCOPED_TRACE(what + ": " + queries[q]);
    EXPECT_EQ(want[q].contains("error"), got[q].contains("error"));
    if (want[q].contains("error")) continue;  // a bad query, for all alike
    EXPECT_GE(got[q]["total"].get<size_t>(), got[q]["hits"].size());
    ASSERT_EQ(a.size(), b.size());
    std::map<std::string, std::string> snippets;
    for (const json& hit : a) snippets[hit["id"]] = hit["snippet"];
    size_t i = 0;
    while (i < a.size()) {
      const double score = a[i]["score"];
      size_t j = i;
      std::vector<std::string> ids_a, ids_b;
      while (j < a.size() &&
             std::abs(a[j]["score"].get<double>() - score) <= 1e-9 * score) {
        EXPECT_NEAR(b[j]["score"].get<double>(), score, 1e-9 * score);
        ids_a.push_back(a[j]["id"]);
        ids_b.push_back(b[j]["id"]);
        ++j;
      }
      std::sort(ids_a.begin(), ids_a.end());
      std::sort(ids_b.begin(), ids_b.end());
      if (j < a.size()) {
        EXPECT_EQ(ids_a, ids_b) << "ranks " << i + 1 << "..";
      }
      i = j;
    }
    for (const json& hit : b) {
      if (!snippets.count(hit["id"])) continue;
      const std::string& mine = snippets[hit["id"]];
      EXPECT_EQ(Highlighted(hit["snippet"]), Highlighted(mine)) << hit["id"];
    }
  }
}

TEST_F(ShardsTest, EveryIdLandsInItsHashShardOnce) {
  RunResult run = Vnindex(Path("s3"), "--shards 3");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json stats = json::parse(run.out);
  EXPECT_EQ(stats["documents"], 245);
  ASSERT_EQ(stats["shards"].size(), 3u);
  // The set's stub names each shard's generation (shard_set.h).
  EXPECT_THAT(testing::Slurp(dir_ / "s3/shards.stub"),
              HasSubstr("\nauto shard-2/gen-000001\n"));
  // Each shard alone: stock xapian-delve opens shard K's current generation,
  // and vnsearch on the shard finds only ids that hash to K.
  uint64_t sum = 0;
  for (int k = 0; k < 3; ++k) {
    const std::string shard = Path(absl::StrCat("s3/shard-", k));
    RunResult delve = Exec("xapian-delve " + Quote(shard));
    ASSERT_EQ(delve.exit_code, 0) << delve.err;
    const uint64_t docs = stats["shards"][k]["documents"];
    EXPECT_THAT(delve.out,
                HasSubstr(absl::StrCat("number of documents = ", docs)));
    sum += docs;
    EXPECT_GT(docs, 50u);
    RunResult found = Exec(kBin + "/vnsearch --json --limit 10000 --index " +
                           Quote(shard) + " hội");
    ASSERT_EQ(found.exit_code, 0) << found.err;
    const json answer = json::parse(found.out);  // outlives the loop
    for (const json& hit : answer["hits"]) {
      EXPECT_EQ(ShardOf(hit["id"].get<std::string>(), 3), k) << hit["id"];
    }
  }
  EXPECT_EQ(sum, 245u);
  // vnsearch --index DIR finds the stub; the same as Xapian opening it.
  RunResult all =
      Exec(kBin + "/vnsearch --json --index " + Quote(Path("s3")) + " hội");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  RunResult stub = Exec(kBin + "/vnsearch --json --index " +
                        Quote(Path("s3/shards.stub")) + " hội");
  EXPECT_EQ(json::parse(all.out)["total"], json::parse(stub.out)["total"]);
  EXPECT_GT(json::parse(all.out)["total"].get<int>(), 100);
}

TEST_F(ShardsTest, SingleLocalAndRemoteShardsGiveTheSameAnswers) {
  if (!HaveTcpsrv())
    GTEST_SKIP() << "xapian-tcpsrv not installed (xapian-tools)";
  ASSERT_EQ(Vnindex(Path("single"), "").exit_code, 0);
  ASSERT_EQ(Vnindex(Path("s2"), "--shards 2").exit_code, 0);
  TcpServer a(Path("s2/shard-0"), dir_ / "a.log");
  TcpServer b(Path("s2/shard-1"), dir_ / "b.log");
  ASSERT_TRUE(a.ready() && b.ready());
  WriteStub("remote.stub", "# two shards\n" + a.StubLine() + b.StubLine());

  const std::vector<json> single = Answers(Path("single"));
  ExpectSameAnswers(single, Answers(Path("s2")), "2 local shards");
  ExpectSameAnswers(single, Answers(Path("remote.stub")), "2 remote shards");
  // Date filters and paging, too.
  const std::string dated = "--since 2013 --until 2018-06 --offset 2";
  ExpectSameAnswers(Answers(Path("single"), dated),
                    Answers(Path("remote.stub"), dated), "remote, dated");
  // A stub mixing a local and a remote shard is a stub like any other.
  WriteStub("mixed.stub", "auto s2/shard-0\n" + b.StubLine());
  ExpectSameAnswers(single, Answers(Path("mixed.stub")), "local + remote");
  EXPECT_GT(single[0]["hits"].size(), 5u);
}

// Accent restoration, Telex/VNI decoding and facets: the same readings,
// hits and counts from one index, 2 local shards and 2 remote shards. The
// sharded index ships the accent table of its set beside shards.stub; the
// remote stub names shards.stub to find it. Facets over remote shards come
// from Xapian's own ValueCountMatchSpy, which stock xapian-tcpsrv runs.
TEST_F(ShardsTest, AccentsAndFacetsWorkOnLocalAndRemoteShards) {
  if (!HaveTcpsrv())
    GTEST_SKIP() << "xapian-tcpsrv not installed (xapian-tools)";
  ASSERT_EQ(Vnindex(Path("single"), "").exit_code, 0);
  ASSERT_EQ(Vnindex(Path("s2"), "--shards 2").exit_code, 0);
  const std::string set = testing::Slurp(dir_ / "s2/shards.stub");
  EXPECT_THAT(set, HasSubstr("\n# vnsearch accents: accents-000000.bin\n"));
  EXPECT_THAT(set, HasSubstr("\nauto shard-0/gen-"));
  EXPECT_TRUE(fs::exists(dir_ / "s2/accents-000000.bin"));
  TcpServer a(Path("s2/shard-0"), dir_ / "a.log");
  TcpServer b(Path("s2/shard-1"), dir_ / "b.log");
  ASSERT_TRUE(a.ready() && b.ready());
  WriteStub("remote.stub", "# vnsearch accents: s2/shards.stub\n" +
                               a.StubLine() + b.StubLine());
  const std::vector<std::string> queries = {
      "hoi nghi",          "tuan moi",   "kinh te thanh pho", "gia vang",
      "hooij nghij",       "gias vangf", "gia1 va2ng",        "song hong mua lu",
      "date:2015..2017 hoc sinh",       ":exact hoi nghi",   "truong minh tuan"};
  const std::vector<json> single =
      Answers(Path("single"), "--facets", queries, "");
  ASSERT_EQ(single.size(), queries.size());
  EXPECT_EQ(single[0]["restored"], "hội nghị");
  EXPECT_EQ(single[4]["decoded"], "hội nghị");
  EXPECT_EQ(single[4]["decoded_as"], "Telex");
  EXPECT_EQ(single[6]["decoded_as"], "VNI");
  EXPECT_FALSE(single[0]["facets"]["year"].empty());
  for (const auto& [what, path] :
       {std::pair<std::string, std::string>{"2 local shards", Path("s2")},
        {"2 remote shards", Path("remote.stub")}}) {
    const std::vector<json> got = Answers(path, "--facets", queries, "");
    ExpectSameAnswers(single, got, what, queries);
    for (size_t q = 0; q < queries.size() && q < got.size(); ++q) {
      SCOPED_TRACE(what + ": " + queries[q]);
      for (const char* field : {"restored", "restore_confidence", "decoded",
                                "decoded_as", "facets", "total"}) {
        EXPECT_EQ(single[q].value(field, json()), got[q].value(field, json()))
            << field;
      }
    }
  }
  // A remote stub that names no table searches as typed, and says nothing.
  WriteStub("bare.stub", a.StubLine() + b.StubLine());
  const std::vector<json> bare =
      Answers(Path("bare.stub"), "", {"hoi nghi"}, "");
  ASSERT_EQ(bare.size(), 1u);
  EXPECT_FALSE(bare[0].contains("restored"));
}

// The set of shards changes by one rename of shards.stub: a run killed
// after every changed shard installed its generation, but before the set,
// leaves readers of the sharded index on the whole old set; the next run
// puts the shards back and installs the new set whole.
TEST_F(ShardsTest, ASetOfShardsIsInstalledByOneRename) {
  ASSERT_EQ(Vnindex(Path("s2"), "--shards 2").exit_code, 0);
  const std::string old_set = testing::Slurp(dir_ / "s2/shards.stub");
  const std::string id = "news-extra";
  const int shard = ShardOf(id, 2);
  const std::string shard_stub =
      (dir_ / "s2" / ShardName(shard) / "XAPIANDB").string();
  const std::string old_shard = testing::Slurp(shard_stub);
  std::ofstream(corpus_ / "extra.jsonl")
      << json({{"id", id}, {"title", "bão số chín"}, {"body", "mưa lớn"}})
             .dump()
      << "\n";
  // Whether the new article is found through the set.
  const auto count = [&](const std::string& query) {
    RunResult run = Exec(kBin + "/vnsearch --json --index " +
                         Quote(Path("s2")) + " " + Quote(query));
    const json answer = json::parse(run.out);  // alive while looping
    size_t found = 0;
    for (const json& hit : answer["hits"]) found += hit["id"] == id;
    return found;
  };
  ASSERT_EQ(count("bão số chín"), 0u);
  RunResult killed = Vnindex(Path("s2"), "--update --crash_at=before-set-stub");
  EXPECT_EQ(killed.signal, SIGKILL) << killed.err;
  // The shard installed its generation; the set is the old one.
  EXPECT_NE(testing::Slurp(shard_stub), old_shard);
  EXPECT_EQ(testing::Slurp(dir_ / "s2/shards.stub"), old_set);
  EXPECT_EQ(count("bão số chín"), 0u);
  RunResult searched = Exec(kBin + "/vnsearch --json --index " +
                            Quote(Path("s2")) + " hội");
  EXPECT_EQ(searched.exit_code, 0) << searched.err;
  // The next run: the shard goes back to what the set names, then the
  // update runs again and installs the new set.
  RunResult next = Vnindex(Path("s2"), "--update");
  ASSERT_EQ(next.exit_code, 0) << next.err;
  const std::string new_set = testing::Slurp(dir_ / "s2/shards.stub");
  EXPECT_NE(new_set, old_set);
  // accents-000001.bin was the dead run's table, never installed.
  EXPECT_THAT(new_set, HasSubstr("# vnsearch accents: accents-000002.bin\n"));
  EXPECT_EQ(count("bão số chín"), 1u);
  EXPECT_TRUE(fs::exists(dir_ / "s2/accents-000000.bin"))
      << "the old set's table stays for readers of the old set";
  EXPECT_FALSE(fs::exists(dir_ / "s2/accents-000001.bin"));
  ASSERT_EQ(Vnindex(Path("s2"), "--update").exit_code, 0);
  EXPECT_EQ(testing::Slurp(dir_ / "s2/shards.stub"), new_set)
      << "an unchanged update installs nothing";
}

TEST_F(ShardsTest, UpdateRewritesOnlyTheShardsWhoseArticlesChanged) {
  RunResult first = Vnindex(Path("s4"), "--shards 4");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  // One new article: exactly its shard gets a new generation.
  const std::string id = "news-extra";
  std::ofstream(corpus_ / "extra.jsonl")
      << json({{"id", id}, {"title", "bão số chín"}, {"body", "mưa lớn"}})
             .dump()
      << "\n";
  RunResult update = Vnindex(Path("s4"), "--update");
  ASSERT_EQ(update.exit_code, 0) << update.err;
  const json stats = json::parse(update.out);
  EXPECT_EQ(stats["mode"], "mixed");
  EXPECT_EQ(stats["added"], 1);
  EXPECT_EQ(stats["documents"], 246);
  const json before = json::parse(first.out);
  for (int k = 0; k < 4; ++k) {
    const json& shard = stats["shards"][k];
    if (k == ShardOf(id, 4)) {
      EXPECT_EQ(shard["mode"], "update");
      EXPECT_NE(shard["generation"], before["shards"][k]["generation"]);
    } else {
      EXPECT_EQ(shard["mode"], "unchanged") << k;
      EXPECT_EQ(shard["generation"], before["shards"][k]["generation"]);
    }
  }
  RunResult found =
      Exec(kBin + "/vnsearch --json --index " + Quote(Path("s4")) + " bão");
  EXPECT_EQ(json::parse(found.out)["hits"][0]["id"], id);
  // Rollback moves every shard back (and says so); the article is gone.
  RunResult rollback =
      Exec(kBin + "/vnindex --rollback --index " + Quote(Path("s4")));
  EXPECT_EQ(rollback.exit_code, 1) << "shards without a previous generation";
  EXPECT_THAT(rollback.err, HasSubstr("no previous generation"));
}

TEST_F(ShardsTest, WrongLayoutsAreRefusedWithOneLine) {
  ASSERT_EQ(Vnindex(Path("single"), "").exit_code, 0);
  RunResult onto_single = Vnindex(Path("single"), "--shards 2");
  EXPECT_EQ(onto_single.exit_code, 1);
  EXPECT_THAT(onto_single.err, HasSubstr("single (unsharded) index"));
  ASSERT_EQ(Vnindex(Path("s2"), "--shards 2").exit_code, 0);
  RunResult other_count = Vnindex(Path("s2"), "--shards 3");
  EXPECT_EQ(other_count.exit_code, 1);
  EXPECT_THAT(other_count.err, HasSubstr("holds 2 shards, not 3"));
  RunResult bad_count = Vnindex(Path("new"), "--shards 999");
  EXPECT_EQ(bad_count.exit_code, 2);
  WriteStub("bad.stub", "auto s2/shard-0\nfrobnicate 1\n");
  RunResult bad_stub =
      Exec(kBin + "/vnsearch --index " + Quote(Path("bad.stub")) + " hội");
  EXPECT_EQ(bad_stub.exit_code, 1);
  EXPECT_THAT(bad_stub.err, HasSubstr("bad.stub:2: \"frobnicate 1\""));
  // A remote shard without termlists (a single index served as is).
  if (HaveTcpsrv()) {
    TcpServer plain(Path("single"), dir_ / "plain.log");
    ASSERT_TRUE(plain.ready());
    WriteStub("plain.stub", plain.StubLine());
    RunResult run =
        Exec(kBin + "/vnsearch --index " + Quote(Path("plain.stub")) + " hội");
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_THAT(run.err, HasSubstr("has no termlists"));
  }
}

TEST_F(ShardsTest, DownServerIsAClearErrorOrAPartialAnswer) {
  if (!HaveTcpsrv())
    GTEST_SKIP() << "xapian-tcpsrv not installed (xapian-tools)";
  ASSERT_EQ(Vnindex(Path("s2"), "--shards 2").exit_code, 0);
  TcpServer a(Path("s2/shard-0"), dir_ / "a.log");
  const int dead_port = FreeLoopbackPort();  // nobody listens there
  WriteStub("remote.stub",
            a.StubLine() + absl::StrCat("remote 127.0.0.1:", dead_port, "\n"));
  const auto started = Clock::now();
  RunResult down =
      Exec(kBin + "/vnsearch --index " + Quote(Path("remote.stub")) + " hội");
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_THAT(down.err, HasSubstr(absl::StrCat(
                            "shard 1 of 2 (remote 127.0.0.1:", dead_port,
                            "): connecting: Couldn't connect")));
  RunResult partial = Exec(kBin + "/vnsearch --json --allow_partial --index " +
                           Quote(Path("remote.stub")) + " hội");
  ASSERT_EQ(partial.exit_code, 0) << partial.err;
  EXPECT_THAT(partial.err, HasSubstr("warning: partial results: shard 1 of 2"));
  const json result = json::parse(partial.out);
  ASSERT_EQ(result["warnings"].size(), 1u);
  ASSERT_FALSE(result["hits"].empty());
  for (const json& hit : result["hits"]) {
    EXPECT_EQ(ShardOf(hit["id"].get<std::string>(), 2), 0) << hit["id"];
  }
}

// One searcher across queries, as vnsearch's batch mode and prompt keep it.
TEST_F(ShardsTest, ServerKilledOrStoppedMidSession) {
  if (!HaveTcpsrv())
    GTEST_SKIP() << "xapian-tcpsrv not installed (xapian-tools)";
  ASSERT_EQ(Vnindex(Path("s2"), "--shards 2").exit_code, 0);
  TcpServer a(Path("s2/shard-0"), dir_ / "a.log");
  auto b = std::make_unique<TcpServer>(Path("s2/shard-1"), dir_ / "b.log");
  ASSERT_TRUE(a.ready() && b->ready());
  const int b_port = b->port();
  WriteStub("remote.stub", a.StubLine() + b->StubLine());
  SearcherOptions options;
  options.index_dir = Path("remote.stub");
  options.shards.remote_timeout_ms = 700;
  SearchRequest request;
  request.limit = 300;
  absl::StatusOr<std::unique_ptr<Searcher>> strict = Searcher::Open(options);
  options.shards.allow_partial = true;
  absl::StatusOr<std::unique_ptr<Searcher>> partial = Searcher::Open(options);
  ASSERT_TRUE(strict.ok() && partial.ok()) << strict.status();
  absl::StatusOr<SearchResult> whole = (*strict)->Search("hội", request);
  ASSERT_TRUE(whole.ok()) << whole.status();
  ASSERT_TRUE((*partial)->Search("hội", request).ok());

  b->Kill();
  auto started = Clock::now();
  absl::StatusOr<SearchResult> failed = (*strict)->Search("hội", request);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(3));
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(absl::IsUnavailable(failed.status())) << failed.status();
  EXPECT_THAT(
      std::string(failed.status().message()),
      HasSubstr(absl::StrCat("shard 1 of 2 (remote 127.0.0.1:", b_port)));
  absl::StatusOr<SearchResult> half = (*partial)->Search("hội", request);
  ASSERT_TRUE(half.ok()) << half.status();
  ASSERT_EQ(half->warnings.size(), 1u);
  EXPECT_LT(half->hits.size(), whole->hits.size());
  EXPECT_GT(half->hits.size(), 0u);

  // The shard server comes back on its port: the strict searcher answers
  // in full at once, the partial one within Searcher::kRetryMissing.
  b = std::make_unique<TcpServer>(Path("s2/shard-1"), dir_ / "b2.log", b_port);
  ASSERT_TRUE(b->ready());
  absl::StatusOr<SearchResult> back = (*strict)->Search("hội", request);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->hits.size(), whole->hits.size());
  std::this_thread::sleep_for(Searcher::kRetryMissing);
  absl::StatusOr<SearchResult> full = (*partial)->Search("hội", request);
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_TRUE(full->warnings.empty());
  EXPECT_EQ(full->hits.size(), whole->hits.size());

  // A server that stops answering (SIGSTOP) is an error after the timeout,
  // never a hang.
  a.Pause();
  started = Clock::now();
  absl::StatusOr<SearchResult> stuck = (*strict)->Search("hội", request);
  const auto waited = Clock::now() - started;
  a.Resume();
  EXPECT_FALSE(stuck.ok());
  EXPECT_LT(waited, std::chrono::seconds(4));
  EXPECT_THAT(std::string(stuck.status().message()), HasSubstr("Timeout"));
}

TEST_F(ShardsTest, ServeShardsStartsServesAndStopsOnSigterm) {
  if (!HaveTcpsrv())
    GTEST_SKIP() << "xapian-tcpsrv not installed (xapian-tools)";
  ASSERT_EQ(Vnindex(Path("s2"), "--shards 2").exit_code, 0);
  ASSERT_EQ(Vnindex(Path("single"), "").exit_code, 0);
  int base = FreeLoopbackPort();
  if (base > 65000) base = 20000 + base % 20000;
  Child serve({"bash", kSource + "/scripts/serve-shards", Path("s2"), "--port",
               std::to_string(base)},
              dir_ / "serve.log");
  ASSERT_TRUE(serve.WaitFor("stub ")) << serve.log();
  const std::string stub = testing::Slurp(dir_ / "s2/remote.stub");
  EXPECT_THAT(stub, HasSubstr(absl::StrCat("remote 127.0.0.1:", base, "\n")));
  EXPECT_THAT(stub,
              HasSubstr(absl::StrCat("remote 127.0.0.1:", base + 1, "\n")));
  ExpectSameAnswers(Answers(Path("single")), Answers(Path("s2/remote.stub")),
                    "serve-shards");
  // The next update (remote.stub in DIR is fine) is served at once: a new
  // connection opens the new generation.
  std::ofstream(corpus_ / "extra.jsonl")
      << json({{"id", "news-extra"}, {"title", "bão số chín"}, {"body", "mưa"}})
             .dump()
      << "\n";
  ASSERT_EQ(Vnindex(Path("s2"), "--update").exit_code, 0);
  RunResult found = Exec(kBin + "/vnsearch --json --index " +
                         Quote(Path("s2/remote.stub")) + " bão");
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_EQ(json::parse(found.out)["hits"][0]["id"], "news-extra");

  const int status = serve.Stop(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << serve.log();
  EXPECT_THAT(serve.log(), HasSubstr("serve-shards: stopped"));
  RunResult gone = Exec(kBin + "/vnsearch --remote_timeout_ms 1000 --index " +
                        Quote(Path("s2/remote.stub")) + " hội");
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_THAT(gone.err, HasSubstr("Couldn't connect"));
  // A port already taken: the script says so and exits 1.
  TcpServer squatter(Path("s2/shard-0"), dir_ / "squat.log");
  Child clash({"bash", kSource + "/scripts/serve-shards", Path("s2"), "--port",
               std::to_string(squatter.port())},
              dir_ / "clash.log");
  EXPECT_TRUE(clash.WaitFor("failed")) << clash.log();
  const int clash_status = clash.Wait(10);
  EXPECT_TRUE(WIFEXITED(clash_status) && WEXITSTATUS(clash_status) == 1)
      << clash.log();
}

}  // namespace
}  // namespace vnsearch
