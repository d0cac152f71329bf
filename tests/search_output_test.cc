// End-to-end tests of what vnsearch shows (issue 12): honest totals and
// scores, the tier as a word, colour rules, --help, exit codes, facets with
// exact counts, source:/year: filters, collapsed copies.

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/run_binary.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;

using testing::Exec;
using testing::kBin;
using testing::kCorpus;
using testing::Quote;
using testing::RunResult;

// One JSON Lines article.
std::string Line(const std::string& id, const std::string& title,
                 const std::string& body, const std::string& date,
                 const std::string& url, const std::string& source) {
  json line = {{"id", id}, {"title", title}, {"body", body}};
  if (!date.empty()) line["date"] = date;
  if (!url.empty()) line["url"] = url;
  if (!source.empty()) line["source"] = source;
  return line.dump() + "\n";
}

class SearchOutputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("vnsearch_output_test_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_ / "news");
    // Known years and sources: the facets must count exactly these.
    //   2017: a b c   2018: d e   no date: f
    //   VnExpress (JSON source): a d   tuoitre.vn (URL host): b c e   none: f
    // g, h, i: one story syndicated three times (same headline); j, k: two
    // articles whose short headline is the same but which are not copies.
    std::ofstream out(*dir_ / "news" / "feed.jsonl");
    out << Line("a", "Giá xăng tăng mạnh trong tháng ba",
                "Giá xăng dầu tăng lần thứ ba liên tiếp.", "2017-03-01",
                "", "VnExpress")
        << Line("b", "Hà Nội mở thêm tuyến xe buýt điện",
                "Tuyến xe buýt mới nối trung tâm với sân bay, giá xăng không "
                "ảnh hưởng.",
                "2017-05-02", "https://www.tuoitre.vn/xe-buyt.htm", "")
        << Line("c", "Mùa mưa bão sắp đến miền Trung",
                "Người dân chuẩn bị, giá xăng ổn định.", "2017-08-09",
                "http://tuoitre.vn/mua-bao.htm", "")
        << Line("d", "Xuất khẩu gạo đạt kỷ lục mới",
                "Gạo Việt Nam được giá, xăng dầu giảm.", "2018-01-15", "",
                "VnExpress")
        << Line("e", "Thị trường chứng khoán khởi sắc đầu năm",
                "Cổ phiếu ngành xăng dầu dẫn dắt.", "2018-02-20",
                "https://tuoitre.vn/ck.htm", "")
        << Line("f", "Bản tin giá xăng hôm nay", "Giá xăng giữ nguyên.", "", "",
                "")
        << Line("g", "Dubai vay 3 tỷ USD xây sân bay lớn nhất thế giới",
                "Dubai huy động vốn cho sân bay Al Maktoum.", "2017-06-01",
                "https://vnexpress.net/dubai.html", "")
        << Line("h", "Dubai vay 3 tỷ USD xây sân bay lớn nhất thế giới",
                "Tiểu vương quốc Dubai vay tiền xây sân bay.", "2017-06-01",
                "https://tuoitre.vn/dubai.htm", "")
        << Line("i", "DUBAI vay 3 tỷ USD xây sân bay lớn nhất thế giới!",
                "Sân bay lớn nhất thế giới sẽ ở Dubai.", "2017-06-02",
                "https://thanhnien.vn/dubai.html", "")
        << Line("j", "Tin vắn", "Ông Lâm đi Dubai công tác.", "2017-07-01", "",
                "")
        << Line("k", "Tin vắn", "Dubai đón khách du lịch.", "2017-07-02", "",
                "");
    out.close();
    index_ = new std::string((*dir_ / "news-index").string());
    const RunResult run = Exec(kBin + "/vnindex --quiet --corpus " +
                               Quote((*dir_ / "news").string()) + " --index " +
                               Quote(*index_));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    corpus_index_ = new std::string((*dir_ / "corpus-index").string());
    const RunResult corpus = Exec(kBin + "/vnindex --quiet --corpus " +
                                  Quote(kCorpus) + " --index " +
                                  Quote(*corpus_index_));
    ASSERT_EQ(corpus.exit_code, 0) << corpus.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete index_;
    delete corpus_index_;
  }
  static RunResult Vnsearch(const std::string& args,
                            const std::string& index = *index_) {
    return Exec(kBin + "/vnsearch --index " + Quote(index) + " " + args);
  }
  static json Query(const std::string& args,
                    const std::string& index = *index_) {
    const RunResult run = Vnsearch("--json " + args, index);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return json::parse(run.out);
  }
  static std::vector<std::string> Ids(const json& result) {
    std::vector<std::string> ids;
    for (const json& hit : result["hits"]) ids.push_back(hit["id"]);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  static fs::path* dir_;
  static std::string* index_;
  static std::string* corpus_index_;
};

fs::path* SearchOutputTest::dir_ = nullptr;
std::string* SearchOutputTest::index_ = nullptr;
std::string* SearchOutputTest::corpus_index_ = nullptr;

using Counts = std::map<std::string, int>;

TEST_F(SearchOutputTest, FacetsCountEveryMatchExactly) {
  const json result = Query("--facets --limit 1 xang");
  ASSERT_TRUE(result.contains("facets")) << result.dump();
  const json& facets = result["facets"];
  EXPECT_EQ(facets["year"].get<Counts>(), (Counts{{"2017", 3}, {"2018", 2}}));
  EXPECT_EQ(facets["source"].get<Counts>(),
            (Counts{{"VnExpress", 2}, {"tuoitre.vn", 3}}));
  EXPECT_TRUE(facets["official"].is_object());
  // A full pass: the total is a count.
  EXPECT_EQ(result["total"], 6);
  EXPECT_EQ(result["total_exact"], true);
  // Without --facets there is no "facets" key.
  EXPECT_FALSE(Query("--limit 1 xang").contains("facets"));
}

TEST_F(SearchOutputTest, OfficialFacetCountsTheArticlesNamingThem) {
  // On corpus/: the counts must agree with the officials of every hit.
  const json result = Query("--facets --limit 100 dang bo", *corpus_index_);
  Counts expected;
  for (const json& hit : result["hits"]) {
    std::set<std::string> names;
    for (const json& o : hit["officials"]) names.insert(o["name"]);
    for (const std::string& name : names) ++expected[name];
  }
  ASSERT_GT(expected.size(), 10u);  // the facet keeps the top 10
  const Counts official = result["facets"]["official"].get<Counts>();
  EXPECT_EQ(official.size(), 10u);
  for (const auto& [name, count] : official) {
    EXPECT_EQ(count, expected[name]) << name;
  }
  EXPECT_EQ(result["facets"]["year"].get<Counts>(),
            (Counts{{"2013", 1}, {"2021", 1}, {"2023", 2}}));
  EXPECT_TRUE(result["facets"]["source"].empty());
}

TEST_F(SearchOutputTest, FacetsAreShownUnderTheHits) {
  const RunResult run = Vnsearch("--facets --limit 1 --no-snippets xang");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("6 results for \"xang\""));
  EXPECT_THAT(run.out, HasSubstr("facets over all 6 matching articles"));
  EXPECT_THAT(run.out, HasSubstr("year:     2017 (3), 2018 (2)\n"));
  EXPECT_THAT(run.out, HasSubstr("source:   tuoitre.vn (3), VnExpress (2)\n"));
  EXPECT_LT(run.out.find("  1. "), run.out.find("facets over"));
}

TEST_F(SearchOutputTest, SourceAndYearFilters) {
  EXPECT_EQ(Ids(Query("source:vnexpress xang")),
            (std::vector<std::string>{"a", "d"}));
  // A host, or its first label; case and diacritics do not matter.
  EXPECT_EQ(Ids(Query("source:tuoitre.vn xang")),
            (std::vector<std::string>{"b", "c", "e"}));
  EXPECT_EQ(Ids(Query("source:TuoiTre xang")),
            (std::vector<std::string>{"b", "c", "e"}));
  EXPECT_EQ(Ids(Query("year:2017 xang")),
            (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(Ids(Query("year:2017..2018 xang")),
            (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  // One field's filters are alternatives, two fields' both apply.
  EXPECT_EQ(Ids(Query("source:vnexpress source:tuoitre.vn year:2018 xang")),
            (std::vector<std::string>{"d", "e"}));
  EXPECT_EQ(Ids(Query("'xang -source:tuoitre.vn'")),
            (std::vector<std::string>{"a", "d", "f"}));
  EXPECT_EQ(Ids(Query("'xang -year:2017'")),
            (std::vector<std::string>{"d", "e", "f"}));
  // A filter alone is a query.
  EXPECT_EQ(Ids(Query("source:thanhnien.vn")), std::vector<std::string>{"i"});
  for (const char* bad : {"year:17 xang", "year:2018..2017 xang", "source:: xang"}) {
    const RunResult run = Vnsearch(Quote(bad));
    EXPECT_EQ(run.exit_code, 2) << bad;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
}

TEST_F(SearchOutputTest, CopiesOfAStoryCollapseIntoTheBest) {
  const json collapsed = Query("dubai san bay");
  std::vector<std::string> copies;
  int similar = -1;
  for (const json& hit : collapsed["hits"]) {
    const std::string id = hit["id"];
    if (id == "g" || id == "h" || id == "i") {
      copies.push_back(id);
      similar = hit["similar"];
    }
  }
  ASSERT_EQ(copies.size(), 1u) << collapsed.dump();
  EXPECT_EQ(similar, 2);
  const json all = Query("--no-collapse dubai san bay");
  EXPECT_EQ(Ids(all), (std::vector<std::string>{"g", "h", "i"}));
  for (const json& hit : all["hits"]) EXPECT_EQ(hit["similar"], 0);
  // Short headlines ("Tin vắn") are not stories: never collapsed.
  EXPECT_EQ(Ids(Query("dubai tin van")), (std::vector<std::string>{"j", "k"}));
  const RunResult text = Vnsearch("--no-snippets dubai san bay");
  EXPECT_THAT(text.out, HasSubstr("  +2 similar\n"));
}

TEST_F(SearchOutputTest, JsonGainsTierAndSimilarAndKeepsANumericScore) {
  const json result = Query("--limit 3 'hội nghị'", *corpus_index_);
  EXPECT_TRUE(result["total_exact"].is_boolean());
  ASSERT_EQ(result["hits"].size(), 3u);
  const std::set<std::string> tiers = {"phrase in headline",
                                       "exact phrase in text", "phrase in text",
                                       "all words", "some words"};
  for (const json& hit : result["hits"]) {
    EXPECT_TRUE(hit["score"].is_number_float());
    EXPECT_TRUE(tiers.count(hit["tier"].get<std::string>())) << hit["tier"];
    EXPECT_TRUE(hit["similar"].is_number_unsigned());
  }
  EXPECT_EQ(result["hits"][0]["tier"], "phrase in headline");
  EXPECT_EQ(result["hits"][1]["tier"], "phrase in text");
  // No document has both words: the relaxed query's hits say so.
  const json relaxed = Query("'truong zzzzz'", *corpus_index_);
  ASSERT_FALSE(relaxed["hits"].empty());
  EXPECT_EQ(relaxed["hits"][0]["tier"], "some words");
  EXPECT_EQ(Query("truong", *corpus_index_)["hits"][0]["tier"], "all words");
}

TEST_F(SearchOutputTest, TotalsSayWhenTheyAreEstimates) {
  const RunResult exact = Vnsearch("--no-snippets 'hội nghị'", *corpus_index_);
  EXPECT_EQ(exact.out.rfind("5 results for \"hội nghị\" (", 0), 0u) << exact.out;
  const RunResult one = Vnsearch("--no-snippets source:thanhnien.vn");
  EXPECT_EQ(one.out.rfind("1 result for", 0), 0u) << one.out;
  // "about" exactly when Xapian only estimated the count.
  for (const std::string& query :
       {"xang", "dubai san bay", "'gia xang -year:2018'", "'dang bo'",
        "'hội nghị'", "truong"}) {
    for (const std::string& index : {*index_, *corpus_index_}) {
      // --no-restore: no reading line above the count (accent_cli_test).
      const json result =
          Query("--limit 1 --no-snippets --no-restore " + query, index);
      const RunResult text =
          Vnsearch("--limit 1 --no-snippets --no-restore " + query, index);
      const std::string count =
          std::to_string(result["total"].get<int>()) +
          (result["total"] == 1 ? " result for" : " results for");
      EXPECT_EQ(text.out.rfind(result["total_exact"].get<bool>()
                                   ? count
                                   : "about " + count,
                               0),
                0u)
          << query << ": " << text.out;
    }
  }
}

TEST_F(SearchOutputTest, ScoresReadAsSharesOfTheBest) {
  const RunResult run =
      Vnsearch("--no-snippets --limit 3 'hội nghị'", *corpus_index_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("  score 100%  phrase in headline  "));
  EXPECT_THAT(run.out, HasSubstr("%  phrase in text  "));
}

TEST_F(SearchOutputTest, ColourOnlyWhenAsked) {
  // Not a terminal: no escapes unless forced (the prompt test checks a
  // terminal).
  const std::string query = "--limit 1 'truong minh tuan'";
  EXPECT_THAT(Vnsearch(query, *corpus_index_).out, Not(HasSubstr("\033[")));
  EXPECT_THAT(Vnsearch("--color=never " + query, *corpus_index_).out,
              Not(HasSubstr("\033[")));
  EXPECT_THAT(Vnsearch("--color=always " + query, *corpus_index_).out,
              HasSubstr("\033[1mTrương Minh Tuấn\033[0m"));
  EXPECT_THAT(Exec("env NO_COLOR=1 " + kBin + "/vnsearch --color=always --index " +
                   Quote(*corpus_index_) + " " + query)
                  .out,
              HasSubstr("\033[1m"));
  EXPECT_THAT(Vnsearch("--json --color=always " + query, *corpus_index_).out,
              Not(HasSubstr("\033[")));
  const RunResult bad = Vnsearch("--color=sometimes " + query, *corpus_index_);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--color"));
}

TEST_F(SearchOutputTest, HelpListsEveryFlagWithoutBuildPaths) {
  const RunResult run = Exec(kBin + "/vnsearch --help");
  EXPECT_EQ(run.exit_code, 0);
  for (const char* flag :
       {"--index", "--json", "--limit", "--offset", "--since", "--until",
        "--snippets", "--facets", "--collapse / --no-collapse", "--color",
        "--pair_boost", "--official_boost", "--bm25_k1", "--bm25_b", "--help"}) {
    EXPECT_THAT(run.out, HasSubstr(std::string("  ") + flag)) << flag;
  }
  EXPECT_THAT(run.out, Not(HasSubstr(VNSEARCH_SOURCE_DIR)));
  EXPECT_THAT(run.out, Not(HasSubstr(".cc")));
  EXPECT_THAT(run.out, Not(HasSubstr("flagfile")));
  EXPECT_EQ(Exec(kBin + "/vnsearch -h").out, run.out);
  const RunResult vnindex = Exec(kBin + "/vnindex --help");
  EXPECT_EQ(vnindex.exit_code, 0);
  EXPECT_THAT(vnindex.out, HasSubstr("  --corpus CORPUS"));
  EXPECT_THAT(vnindex.out, Not(HasSubstr(".cc")));
}

TEST_F(SearchOutputTest, ExitCodesAsTheReadmeSays) {
  EXPECT_EQ(Vnsearch("xang").exit_code, 0);
  EXPECT_EQ(Vnsearch("zzzzqqq").exit_code, 0);  // no results is not an error
  EXPECT_EQ(Vnsearch("'date:2021..2020'").exit_code, 2);
  EXPECT_EQ(Vnsearch("--bogus xang").exit_code, 2);
  EXPECT_EQ(Vnsearch("xang", (*dir_ / "missing").string()).exit_code, 1);
  // A query that starts with '-': after "--", or inside quotes.
  const RunResult dashes = Vnsearch("--json -- -source:tuoitre.vn xang");
  ASSERT_EQ(dashes.exit_code, 0) << dashes.err;
  EXPECT_EQ(Ids(json::parse(dashes.out)), (std::vector<std::string>{"a", "d", "f"}));
  const RunResult quoted = Vnsearch("--json '-source:tuoitre.vn xang'");
  ASSERT_EQ(quoted.exit_code, 0) << quoted.err;
  EXPECT_EQ(Ids(json::parse(quoted.out)), (std::vector<std::string>{"a", "d", "f"}));
  // --no-collapse and --no_collapse alike.
  EXPECT_EQ(Vnsearch("--no_collapse xang").exit_code, 0);
}

}  // namespace
}  // namespace vnsearch
