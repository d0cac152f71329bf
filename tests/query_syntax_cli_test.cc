// End-to-end: the query syntax, the tokenisation of numbers and look-alike
// letters, and highlighting, through the real vnindex and vnsearch on
// corpus/ and on a small corpus written here.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/run_binary.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;
using json = nlohmann::json;
using testing::Exec;
using testing::kBin;
using testing::kCorpus;
using testing::Quote;
using testing::RunResult;

class QuerySyntaxCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(testing::FreshSuiteDir("vnsearch_syntax_cli"));
    const fs::path news = *dir_ / "news";
    fs::create_directories(news);
    std::ofstream(news / "a.txt")
        << "Thủ tướng Nguyễn Xuân Phúc thăm tỉnh Hòa Bình\n"
           "Sáng 3/5/2021, Thủ tướng Nguyễn Xuân Phúc làm việc với tỉnh Hòa "
           "Bình về Chỉ thị 03-CT/TW.\n"
           "Giá gạo 140.000đ một bao, tăng 20% so với năm trước. Đỉnh núi cao "
           "1.600m-2.000m, mỗi bao nặng 5kg.\n";
    std::ofstream(news / "b.txt")
        << "Hội nghị cán bộ tỉnh năm 2020\n"
           "Ngày 10/6/2020, hội nghị cán bộ tỉnh Hoà-Bình bàn về mạng VNPT và "
           "dịch Covid-19.\n"
           "Các đại biểu thống nhất kế hoạch.\n";
    // Eth (U+00D0) for Đ, fullwidth digits and letters.
    std::ofstream(news / "c.txt")
        << "\u00D0ảng bộ tỉnh tổng kết năm ２０２２\n"
           "Ngày 5/1/2022, \u00D0ảng bộ tỉnh tổng kết công tác; ＶＮＰＴ báo "
           "cáo về hòa-bình.\n"
           "Hội nghị cán bộ diễn ra cả ngày.\n";
    news_ = new std::string((*dir_ / "news-index").string());
    corpus_ = new std::string((*dir_ / "corpus-index").string());
    for (const auto& [from, to] :
         {std::pair{news.string(), *news_}, std::pair{kCorpus, *corpus_}}) {
      const RunResult run = testing::RunVnindex(from, to);
      ASSERT_EQ(run.exit_code, 0) << run.err;
    }
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete news_;
    delete corpus_;
  }
  static RunResult Search(const std::string& args, const std::string& index) {
    return testing::RunVnsearch(index, args);
  }
  static json Query(const std::string& query,
                    const std::string& index = *news_) {
    const RunResult run = Search("--json " + Quote(query), index);
    EXPECT_EQ(run.exit_code, 0) << query << ": " << run.err;
    return run.exit_code == 0 ? json::parse(run.out) : json::object();
  }
  static std::vector<std::string> Ids(const std::string& query,
                                      const std::string& index = *news_) {
    return testing::HitIds(Query(query, index));
  }
  // The text output of one query, without colour (not a terminal).
  static std::string Text(const std::string& query,
                          const std::string& index = *news_) {
    const RunResult run = Search("--limit 3 " + Quote(query), index);
    EXPECT_EQ(run.exit_code, 0) << query << ": " << run.err;
    return run.out;
  }
  static fs::path* dir_;
  static std::string* news_;
  static std::string* corpus_;
};

fs::path* QuerySyntaxCliTest::dir_ = nullptr;
std::string* QuerySyntaxCliTest::news_ = nullptr;
std::string* QuerySyntaxCliTest::corpus_ = nullptr;

// Point 7: numbers glued to a unit are found by the number and whole.
TEST_F(QuerySyntaxCliTest, NumbersWithUnitsAreFoundByTheNumber) {
  for (const char* query : {"140.000", "140.000đ", "20%", "1.600", "2.000",
                            "1.600m", "2.000m", "1.600m-2.000m", "5kg"}) {
    EXPECT_THAT(Ids(query), ElementsAre("a.txt")) << query;
  }
  EXPECT_THAT(Ids("140.000VNĐ"), ElementsAre());
  EXPECT_THAT(Text("140.000"), HasSubstr("Giá gạo [140.000]đ một bao"));
  EXPECT_THAT(Text("20%"), HasSubstr("tăng [20%] so với"));
  EXPECT_THAT(Text("1.600m-2.000m"), HasSubstr("núi cao [1.600m-2.000m],"));
}

// Point 7: Ð/ð fold like Đ/đ, tone marks inside codes, fullwidth forms.
TEST_F(QuerySyntaxCliTest, LookAlikesAndCodesMatch) {
  EXPECT_THAT(Ids("đảng bộ"), ElementsAre("c.txt"));
  EXPECT_THAT(Ids("\u00D0ảng"), ElementsAre("c.txt"));
  EXPECT_THAT(Text("đảng"), HasSubstr("[\u00D0ảng] bộ tỉnh tổng kết công tác"));
  EXPECT_THAT(Ids("hoà-bình"), UnorderedElementsAre("b.txt", "c.txt"));
  EXPECT_EQ(Ids("hoà-bình"), Ids("hòa-bình"));
  EXPECT_THAT(Ids("VNPT"), UnorderedElementsAre("b.txt", "c.txt"));
  EXPECT_EQ(Ids("ＶＮＰＴ"), Ids("VNPT"));
  EXPECT_THAT(Ids("title:2022"), ElementsAre("c.txt"));
  EXPECT_THAT(Text("2022"), HasSubstr("tổng kết năm [２０２２]"));
}

// Point 6: every clause can be negated, dates included.
TEST_F(QuerySyntaxCliTest, NegatedClausesExclude) {
  EXPECT_THAT(Ids("tỉnh date:2021"), ElementsAre("a.txt"));
  EXPECT_THAT(Ids("tỉnh -date:2021"), UnorderedElementsAre("b.txt", "c.txt"));
  EXPECT_THAT(Ids("tỉnh -date:2020..2021"), ElementsAre("c.txt"));
  EXPECT_THAT(Ids("-date:..2021"), ElementsAre("c.txt"));
  EXPECT_THAT(Ids("tỉnh -title:\"hội nghị\""),
              UnorderedElementsAre("a.txt", "c.txt"));
  EXPECT_THAT(Ids("tỉnh -title:thủ"), UnorderedElementsAre("b.txt", "c.txt"));
  EXPECT_THAT(Ids("tỉnh -official:\"nguyen xuan phuc\""),
              UnorderedElementsAre("b.txt", "c.txt"));
  EXPECT_THAT(Ids("tỉnh -official:phúc"),
              UnorderedElementsAre("b.txt", "c.txt"));
  EXPECT_THAT(Ids("tỉnh -\"hội nghị\""), ElementsAre("a.txt"));
  EXPECT_THAT(Ids("cán bộ -covid-19"), ElementsAre("c.txt"));
  // A query of exclusions only: everything else.
  EXPECT_THAT(Ids("-\"hội nghị\""), ElementsAre("a.txt"));
}

// Point 6: open quotes are read forgivingly; empty fields are bad queries.
TEST_F(QuerySyntaxCliTest, UnbalancedQuotesAndEmptyFields) {
  EXPECT_EQ(Ids("\"hội nghị"), Ids("\"hội nghị\""));
  EXPECT_EQ(Ids("title:\"hội nghị"), Ids("title:\"hội nghị\""));
  EXPECT_THAT(Ids("“hội nghị” cán bộ"), UnorderedElementsAre("b.txt", "c.txt"));
  struct Bad {
    const char* query;
    const char* message;
  };
  const Bad bad[] = {
      {"title:", "title: needs a value right after the colon"},
      {"tỉnh title: hội", "title: needs a value right after the colon"},
      {"official:", "official: needs a value"},
      {"-official:", "-official: needs a value"},
      {"date: 2021", "as in date:2023"},
      {"title:\"\"", "title:\"\" has no word to look for"},
      {"date:2021..2020", "date range is empty"},
  };
  for (const Bad& b : bad) {
    const RunResult run = Search(Quote(b.query), *news_);
    EXPECT_EQ(run.exit_code, 2) << b.query;
    EXPECT_THAT(run.err, HasSubstr(b.message)) << b.query;
    EXPECT_EQ(run.out, "") << b.query;
  }
  // In batch mode a bad line is reported and the rest still run.
  const RunResult batch = Exec(
      kBin + "/vnsearch --json --index " + Quote(*news_), "title:\ntỉnh\n");
  EXPECT_EQ(batch.exit_code, 2);
  EXPECT_THAT(batch.out, HasSubstr("needs a value right after the colon"));
  EXPECT_THAT(batch.out, HasSubstr("\"a.txt\""));
}

// Point 3: what matched is marked where it matched.
TEST_F(QuerySyntaxCliTest, HighlightingFollowsTheQuery) {
  // Adjacent matches are one span, in the headline, the officials and the
  // text.
  const std::string phuc = Text("thu tuong nguyen xuan phuc");
  EXPECT_THAT(phuc, HasSubstr("1. [Thủ tướng Nguyễn Xuân Phúc] thăm tỉnh"));
  EXPECT_THAT(phuc, HasSubstr("officials: [Nguyễn Xuân Phúc]"));
  EXPECT_THAT(phuc,
              HasSubstr("Sáng 3/5/2021, [Thủ tướng Nguyễn Xuân Phúc] làm"));
  // A quoted phrase is one span, only where it occurs whole.
  const std::string phrase = Text("\"hội nghị cán bộ\"");
  EXPECT_THAT(phrase, HasSubstr("[hội nghị cán bộ] tỉnh Hoà-Bình"));
  EXPECT_THAT(phrase, HasSubstr("[Hội nghị cán bộ] diễn ra"));
  // title: in the headline only; official: in the names and the text.
  const std::string title = Text("title:tỉnh");
  EXPECT_THAT(title, HasSubstr("Hội nghị cán bộ [tỉnh] năm 2020"));
  EXPECT_THAT(title, HasSubstr("hội nghị cán bộ tỉnh Hoà-Bình"));
  const std::string official = Text("official:\"nguyễn xuân phúc\"");
  EXPECT_THAT(official, HasSubstr("officials: [Nguyễn Xuân Phúc]"));
  EXPECT_THAT(official,
              HasSubstr("Sáng 3/5/2021, Thủ tướng [Nguyễn Xuân Phúc] làm"));
  EXPECT_THAT(official, HasSubstr("1. Thủ tướng Nguyễn Xuân Phúc thăm"));
  // Typed with diacritics: the exact spelling only.
  EXPECT_THAT(Text("hòa bình"), HasSubstr("với tỉnh [Hòa Bình] về"));
  // Negated clauses are not marked.
  EXPECT_THAT(Text("tỉnh -covid"), Not(HasSubstr("[Covid")));
  // JSON keeps HTML, with the headline and names marked too.
  const json hit = Query("official:phuc")["hits"][0];
  EXPECT_THAT(hit["snippet"].get<std::string>(),
              HasSubstr("Nguyễn Xuân <b>Phúc</b> làm việc"));
  EXPECT_EQ(hit["title_html"], "Thủ tướng Nguyễn Xuân Phúc thăm tỉnh Hòa Bình");
  EXPECT_EQ(hit["officials"][0]["name_html"], "Nguyễn Xuân <b>Phúc</b>");
}

// Point 3 on corpus/: a code in its own snippet, a long text cut to a window.
TEST_F(QuerySyntaxCliTest, CodesAndWindowsOnTheSampleCorpus) {
  const std::string code = Text("03-CT/TW", *corpus_);
  EXPECT_THAT(code, HasSubstr("Chỉ thị [03-CT/TW] của Bộ Chính trị"));
  const json hits = Query("03-CT/TW", *corpus_)["hits"];
  ASSERT_EQ(hits.size(), 1u);
  const std::string snippet = hits[0]["snippet"];
  EXPECT_THAT(snippet, HasSubstr("<b>03-CT/TW</b>"));
  EXPECT_TRUE(snippet.starts_with("…")) << snippet;
  EXPECT_TRUE(snippet.ends_with("…")) << snippet;
  EXPECT_LE(snippet.size(), 320u + 7 + 2 * 3) << snippet;
  const std::string tuan = Text("truong minh tuan", *corpus_);
  EXPECT_THAT(tuan, HasSubstr("officials: [Trương Minh Tuấn]"));
  EXPECT_THAT(tuan, HasSubstr("TT&TT [Trương Minh Tuấn]."));
  EXPECT_THAT(Text("\"Bộ TT&TT\"", *corpus_), HasSubstr("[Bộ TT&TT]"));
}

}  // namespace
}  // namespace vnsearch
