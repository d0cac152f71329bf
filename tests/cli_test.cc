// End-to-end tests: run the real vnindex and vnsearch binaries.

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/run_binary.h"

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

class CliTest : public testing::SuiteIndexTest<CliTest> {
 public:
  static constexpr const char* kPrefix = "vnsearch_cli_test";
  static constexpr const char* kFlags = "";

 protected:
  static void SetUpTestSuite() {
    SuiteIndexTest::SetUpTestSuite();
    ASSERT_THAT(suite_->build().out,
                HasSubstr("indexed 5 documents from 5 files"));
  }
  static std::string Vnindex(const std::string& corpus, const std::string& index) {
    return kBin + "/vnindex --corpus " + Quote(corpus) + " --index " + Quote(index);
  }
  static std::string Vnsearch(const std::string& args, const std::string& index) {
    return kBin + "/vnsearch --index " + Quote(index) + " " + args;
  }
  // Runs a JSON query against the corpus index.
  static json Query(const std::string& query, const std::string& index = *index_,
                    int limit = 10) {
    const RunResult run = Exec(Vnsearch("--json --limit " + std::to_string(limit) +
                                      " " + Quote(query),
                                  index));
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return json::parse(run.out);
  }
  // Hits without the per-run fields, for comparing two queries' results.
  static json Ranking(const json& result) {
    json out = json::array();
    for (const json& hit : result["hits"]) {
      out.push_back({hit["id"], hit["score"]});
    }
    return out;
  }
  static std::vector<std::string> Ids(const json& result) {
    return testing::HitIds(result);
  }
};

TEST_F(CliTest, UnaccentedNameFindsTheArticle) {
  const json result = Query("truong minh tuan");
  ASSERT_FALSE(result["hits"].empty());
  EXPECT_EQ(result["hits"][0]["id"], "000_c30106b772c56d2b.txt");
}

TEST_F(CliTest, TonePlacementVariantsRankIdentically) {
  EXPECT_EQ(Ranking(Query("xóa bỏ")), Ranking(Query("xoá bỏ")));
  EXPECT_FALSE(Query("xóa bỏ")["hits"].empty());
  EXPECT_EQ(Ranking(Query("hóa")), Ranking(Query("hoá")));
  EXPECT_FALSE(Query("hoá")["hits"].empty());
  EXPECT_EQ(Ranking(Query("hòa")), Ranking(Query("hoà")));
}

TEST_F(CliTest, CaseDoesNotChangeRanking) {
  EXPECT_EQ(Ranking(Query("DANG BO")), Ranking(Query("dang bo")));
  EXPECT_EQ(Ranking(Query("Đảng Bộ")), Ranking(Query("đảng bộ")));
  EXPECT_EQ(Ranking(Query("TRƯƠNG MINH TUẤN")), Ranking(Query("trương minh tuấn")));
  EXPECT_EQ(Query("DANG BO")["hits"].size(), 5u);
}

TEST_F(CliTest, NfdQueryEqualsNfc) {
  // "Đảng bộ" decomposed.
  const std::string nfd = "\xC4\x90\x61\xCC\x89ng b\x6F\xCC\xA3\xCC\x82";
  EXPECT_EQ(Ranking(Query(nfd)), Ranking(Query("Đảng bộ")));
}

TEST_F(CliTest, CodesAreFindableAsTyped) {
  EXPECT_EQ(Ids(Query("TT&TT"))[0], "000_c30106b772c56d2b.txt");
  EXPECT_EQ(Ids(Query("03-CT/TW")), std::vector<std::string>{"001_38c4a49bff4fa329.txt"});
  EXPECT_FALSE(Query("2020-2025")["hits"].empty());
}

TEST_F(CliTest, JsonShape) {
  const json result = Query("hội nghị", *index_, 3);
  ASSERT_TRUE(result.is_object());
  EXPECT_EQ(result["query"], "hội nghị");
  EXPECT_TRUE(result["total"].is_number_unsigned());
  EXPECT_EQ(result["total"], 5);
  EXPECT_TRUE(result["took_ms"].is_number());
  ASSERT_EQ(result["hits"].size(), 3u);
  int rank = 1;
  for (const json& hit : result["hits"]) {
    std::vector<std::string> keys;
    for (auto it = hit.begin(); it != hit.end(); ++it) keys.push_back(it.key());
    // Issue 12 adds "tier" and "similar" to every hit.
    EXPECT_THAT(keys, ::testing::UnorderedElementsAre("rank", "id", "score", "title",
                                                      "date", "officials", "snippet",
                                                      "title_html", "tier",
                                                      "similar"));
    EXPECT_EQ(hit["rank"], rank++);
    EXPECT_TRUE(hit["score"].is_number());
    EXPECT_TRUE(hit["title"].is_string());
    EXPECT_TRUE(hit["date"].is_null() || hit["date"].is_string());
    EXPECT_TRUE(hit["officials"].is_array());
    EXPECT_THAT(hit["snippet"].get<std::string>(), HasSubstr("<b>"));
  }
}

TEST_F(CliTest, TextOutputIsARankedList) {
  const RunResult run = Exec(Vnsearch("--limit 2 truong minh tuan", *index_));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("  1. "));
  EXPECT_THAT(run.out, HasSubstr("000_c30106b772c56d2b.txt  score "));
  // Adjacent matches are one span (issue 12).
  EXPECT_THAT(run.out, HasSubstr("[Trương Minh Tuấn]"));
}

TEST_F(CliTest, BatchModeAnswersEachLine) {
  const RunResult run = Exec(Vnsearch("--json --limit 1", *index_),
                       "truong minh tuan\n\n03-CT/TW\ndang bo\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::vector<json> results;
  for (std::string line; std::getline(lines, line);) results.push_back(json::parse(line));
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["query"], "truong minh tuan");
  EXPECT_EQ(results[0]["hits"][0]["id"], "000_c30106b772c56d2b.txt");
  EXPECT_EQ(results[1]["hits"][0]["id"], "001_38c4a49bff4fa329.txt");
  EXPECT_EQ(results[2]["query"], "dang bo");
}

TEST_F(CliTest, BatchModeReportsABadLineAndGoesOn) {
  const RunResult run = Exec(Vnsearch("--json", *index_), "date:2021..2020\ndang bo\n");
  EXPECT_EQ(run.exit_code, 2);
  std::istringstream lines(run.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_THAT(json::parse(first)["error"].get<std::string>(), HasSubstr("date range"));
  EXPECT_EQ(json::parse(second)["hits"].size(), 5u);
}

TEST_F(CliTest, ExactSpellingRanksFirstAndFoldedMatchesStay) {
  const fs::path corpus = *dir_ / "mini";
  fs::create_directories(corpus);
  std::ofstream(corpus / "a.txt") << "Tin một\nHọ đang bổ sung hồ sơ.\nThân bài.";
  std::ofstream(corpus / "b.txt") << "Tin hai\nĐảng bộ tỉnh họp.\nThân bài.";
  std::ofstream(corpus / "c.txt") << "Tin ba\nTrời mưa.\nThân bài.";
  const std::string index = (*dir_ / "mini-index").string();
  ASSERT_EQ(Exec(Vnindex(corpus.string(), index)).exit_code, 0);
  EXPECT_EQ(Ids(Query("đảng bộ", index)),
            (std::vector<std::string>{"b.txt", "a.txt"}));
  EXPECT_EQ(Ids(Query("đang bổ", index)),
            (std::vector<std::string>{"a.txt", "b.txt"}));
  EXPECT_EQ(Ids(Query("dang bo", index)).size(), 2u);
  // Quoted: diacritics are exact, plain letters match any spelling.
  EXPECT_EQ(Ids(Query("\"đảng bộ\"", index)), std::vector<std::string>{"b.txt"});
  EXPECT_EQ(Ids(Query("\"dang bo\"", index)).size(), 2u);
  EXPECT_EQ(Ids(Query("\"bộ tỉnh\"", index)), std::vector<std::string>{"b.txt"});
  EXPECT_TRUE(Ids(Query("\"tỉnh bộ\"", index)).empty());
}

// The tiers: the words as a phrase in the headline, then in the text; for a
// query typed with diacritics the text phrase must use the exact spellings,
// and strictly adjacent (no punctuation between) ranks above across a comma.
TEST_F(CliTest, PhraseTiersOrderTheResults) {
  const fs::path corpus = *dir_ / "tiers";
  fs::create_directories(corpus);
  std::ofstream(corpus / "strict.txt") << "Tin một\nSang tuần mới trời mưa.\nThân bài.";
  std::ofstream(corpus / "comma.txt") << "Tin hai\nMột tuần, mới đây trời mưa.\nThân bài.";
  std::ofstream(corpus / "folded.txt") << "Tin ba\nAnh Tuấn mới đến, tuần sau đi.\nThân bài.";
  std::ofstream(corpus / "apart.txt") << "Tin bốn\nMới có một tuần.\nThân bài.";
  std::ofstream(corpus / "title.txt") << "Ma túy, không nên thử\nBài viết về ma túy.\nKhông nên.";
  std::ofstream(corpus / "body.txt") << "Tin năm\nMa túy không nên thử dù một lần.\nThân bài.";
  const std::string index = (*dir_ / "tiers-index").string();
  ASSERT_EQ(Exec(Vnindex(corpus.string(), index)).exit_code, 0);
  EXPECT_EQ(Ids(Query("tuần mới", index)),
            (std::vector<std::string>{"strict.txt", "comma.txt", "folded.txt",
                                      "apart.txt"}));
  // Typed without diacritics, every spelling forms the phrase; the words
  // apart come last.
  const std::vector<std::string> plain = Ids(Query("tuan moi", index));
  ASSERT_EQ(plain.size(), 4u);
  EXPECT_EQ(plain[3], "apart.txt");
  // A headline with a comma is still the phrase's headline.
  EXPECT_EQ(Ids(Query("ma tuy khong nen", index)),
            (std::vector<std::string>{"title.txt", "body.txt"}));
  // Quoted: the chain of pairs, across the comma too; not across sentences.
  EXPECT_EQ(Ids(Query("\"tuần mới\"", index)),
            (std::vector<std::string>{"strict.txt", "comma.txt"}));
  EXPECT_TRUE(Ids(Query("\"trời mưa thân\"", index)).empty());
}

TEST_F(CliTest, ReindexingKeepsTheDocumentCount) {
  const std::string index = (*dir_ / "again").string();
  for (int i = 0; i < 2; ++i) {
    const RunResult run = Exec(Vnindex(kCorpus, index));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_THAT(run.out, HasSubstr("indexed 5 documents"));
  }
  EXPECT_EQ(Query("dang bo", index)["total"], 5);
}

TEST_F(CliTest, BadFilesAreSkippedWithAWarning) {
  const fs::path corpus = *dir_ / "messy";
  fs::create_directories(corpus / "data");
  fs::copy_file(kCorpus + "/000_c30106b772c56d2b.txt", corpus / "000.txt");
  std::ofstream(corpus / "empty.txt");
  std::ofstream(corpus / "binary.bin", std::ios::binary) << std::string("\0\1\2\3", 4);
  std::ofstream(corpus / "data" / "latin1.txt", std::ios::binary)
      << "Tiêu đề \xFF bài\nDong hai\nDong ba";
  const std::string index = (*dir_ / "messy-index").string();
  const RunResult run = Exec(Vnindex(corpus.string(), index));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("empty.txt: empty file; skipped"));
  EXPECT_THAT(run.err, HasSubstr("binary.bin: binary data, not UTF-8 text; skipped"));
  EXPECT_THAT(run.err, HasSubstr("data/latin1.txt: invalid UTF-8 at byte 12"));
  EXPECT_THAT(run.out, HasSubstr("indexed 2 documents from 4 files (2 skipped"));
  EXPECT_EQ(Ids(Query("dong hai", index))[0], "data/latin1.txt");
}

TEST_F(CliTest, ErrorsAreOneLineWithNonZeroExit) {
  struct Case {
    std::string command;
    std::string input;
    int exit_code;
    std::string message;
  };
  const fs::path corrupt = *dir_ / "corrupt";
  fs::create_directories(corrupt);
  std::ofstream(corrupt / "iamglass") << "garbage";
  std::ofstream(corrupt / "postlist.glass") << "garbage";
  const fs::path not_index = *dir_ / "precious";
  fs::create_directories(not_index);
  std::ofstream(not_index / "notes.txt") << "keep me";
  const Case cases[] = {
      {Vnsearch("--json hello", (*dir_ / "missing").string()), "", 1, "does not exist"},
      {Vnsearch("--json hello", corrupt.string()), "", 1, "not a readable search index"},
      {Vnsearch("--json ''", *index_), "", 2, "empty query"},
      {Vnsearch("--json '...'", *index_), "", 2, "no words"},
      {Vnsearch("--json $'\\xff\\xfe'", *index_), "", 2, "not valid UTF-8"},
      {Vnsearch("--limit 0 hello", *index_), "", 2, "--limit"},
      {Vnsearch("--since 2020-13 hello", *index_), "", 2, "bad date"},
      {Vnindex((*dir_ / "no-corpus").string(), (*dir_ / "x").string()), "", 1,
       "does not exist"},
      {Vnindex(kCorpus, not_index.string()), "", 1, "is not a search index"},
  };
  for (const Case& c : cases) {
    const RunResult run = Exec("bash -c " + Quote(c.command), c.input);
    EXPECT_EQ(run.exit_code, c.exit_code) << c.command << "\n" << run.err;
    EXPECT_THAT(run.err, HasSubstr(c.message)) << c.command;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
  EXPECT_EQ(Slurp(not_index / "notes.txt"), "keep me");
}

TEST_F(CliTest, SampleArticlesShowTitleDateAndOfficials) {
  const json result = Query("dang bo", *index_, 5);
  std::map<std::string, json> hits;
  for (const json& hit : result["hits"]) hits[hit["id"]] = hit;
  ASSERT_EQ(hits.size(), 5u);
  auto names = [&](const std::string& id) {
    std::vector<std::string> out;
    for (const json& o : hits[id]["officials"]) out.push_back(o["name"]);
    return out;
  };
  EXPECT_TRUE(hits["000_c30106b772c56d2b.txt"]["date"].is_null());
  EXPECT_THAT(hits["000_c30106b772c56d2b.txt"]["title"].get<std::string>(),
              HasSubstr("Bộ trưởng Trương Minh Tuấn"));
  EXPECT_THAT(names("000_c30106b772c56d2b.txt"), ::testing::Contains("Trương Minh Tuấn"));
  EXPECT_EQ(hits["001_38c4a49bff4fa329.txt"]["date"], "2013-01-23");
  EXPECT_THAT(names("001_38c4a49bff4fa329.txt"), ::testing::Contains("Nguyễn Bắc Son"));
  EXPECT_EQ(hits["002_c17af89eb63cb27e.txt"]["date"], "2023-07-03");
  EXPECT_THAT(names("002_c17af89eb63cb27e.txt"), ::testing::Contains("Lê Quốc Cường"));
  EXPECT_EQ(hits["003_fb49a05211aace7b.txt"]["date"], "2023-07-20");
  EXPECT_THAT(names("003_fb49a05211aace7b.txt"), ::testing::Contains("Nguyễn Văn Thể"));
  EXPECT_EQ(hits["004_a720c45b57611a9c.txt"]["date"], "2021-01-04");
  EXPECT_EQ(hits["004_a720c45b57611a9c.txt"]["title"],
            "Đảng bộ Ban Tuyên giáo Trung ương tổng kết công tác năm 2020, triển "
            "khai nhiệm vụ năm 2021");
  EXPECT_THAT(names("004_a720c45b57611a9c.txt"), ::testing::Contains("Huỳnh Tấn Việt"));
  for (const json& o : hits["004_a720c45b57611a9c.txt"]["officials"]) {
    EXPECT_TRUE(o["role"].is_string());
  }
}

TEST_F(CliTest, SearchingByPerson) {
  EXPECT_EQ(Ids(Query("official:\"nguyen van the\"")),
            std::vector<std::string>{"003_fb49a05211aace7b.txt"});
  EXPECT_EQ(Ids(Query("official:\"Nguyễn Văn Thể\"")),
            std::vector<std::string>{"003_fb49a05211aace7b.txt"});
  EXPECT_EQ(Ids(Query("nguyen van the"))[0], "003_fb49a05211aace7b.txt");
  EXPECT_EQ(Ids(Query("Nguyễn Văn Thể"))[0], "003_fb49a05211aace7b.txt");
  // Photo credits and bylines are not officials.
  EXPECT_TRUE(Ids(Query("official:\"xuan loc\"")).empty());
  EXPECT_FALSE(Ids(Query("xuan loc")).empty());
}

TEST_F(CliTest, FieldAndDateQueries) {
  EXPECT_EQ(Ids(Query("title:\"tổng kết\"")),
            (std::vector<std::string>{"001_38c4a49bff4fa329.txt",
                                      "004_a720c45b57611a9c.txt"}));
  EXPECT_EQ(Ids(Query("title:\"tong ket\"")).size(), 2u);
  EXPECT_EQ(Ids(Query("date:2021 dang bo")),
            std::vector<std::string>{"004_a720c45b57611a9c.txt"});
  EXPECT_EQ(Ids(Query("date:2013..2021 dang bo")).size(), 2u);
  const RunResult since = Exec(Vnsearch("--json --since 2023 --until 2023-07-10 'dang bo'", *index_));
  ASSERT_EQ(since.exit_code, 0) << since.err;
  EXPECT_EQ(Ids(json::parse(since.out)),
            std::vector<std::string>{"002_c17af89eb63cb27e.txt"});
}

TEST_F(CliTest, BoostsAreTunableFromTheCommandLine) {
  auto score = [&](const std::string& flags) {
    const RunResult run = Exec(Vnsearch("--json " + flags + " 'hội nghị tổng kết'", *index_));
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return json::parse(run.out)["hits"][0]["score"].get<double>();
  };
  EXPECT_NE(score(""), score("--bm25_k1 2"));
  EXPECT_NE(score(""), score("--pair_boost 0.5"));
}

TEST_F(CliTest, BadFlagsAreUsageErrors) {
  // The README's contract: 2 for bad arguments (absl alone exits 1).
  for (const std::string flags :
       {"--bogus", "--limit=abc", "--limit", "--nolimit"}) {
    const RunResult run = Exec(Vnsearch(flags + " 'dang bo'", *index_));
    EXPECT_EQ(run.exit_code, 2) << flags;
    EXPECT_THAT(run.err, HasSubstr("(see --help)")) << flags;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
  const RunResult vnindex = Exec(kBin + "/vnindex --threads=two");
  EXPECT_EQ(vnindex.exit_code, 2);
  EXPECT_THAT(vnindex.err, HasSubstr("bad value \"two\" for --threads"));
}

TEST_F(CliTest, QueryWordsMayStartWithADash) {
  // "-x" names no flag: it is the query's exclusion, not a flag.
  const RunResult run = Exec(Vnsearch("--json 'dang bo' -truong", *index_));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(json::parse(run.out)["query"], "dang bo -truong");
  const RunResult after_dashes = Exec(Vnsearch("--json -- -truong 'dang bo'", *index_));
  ASSERT_EQ(after_dashes.exit_code, 0) << after_dashes.err;
  EXPECT_EQ(json::parse(after_dashes.out)["query"], "-truong dang bo");
}

TEST_F(CliTest, LockedIndexIsReported) {
  const std::string index = (*dir_ / "locked").string();
  fs::create_directories(index);  // the lock lives inside the index directory
  const int fd = ::open((index + "/.vnindex.lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  const RunResult run = Exec(Vnindex(kCorpus, index));
  ::close(fd);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("is locked"));
}

}  // namespace
}  // namespace vnsearch
