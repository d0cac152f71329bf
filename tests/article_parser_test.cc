#include "common/document/article_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/status_matchers.h"

namespace vnsearch {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;
using ::vnsearch::testing::IsOk;
using ::vnsearch::testing::StatusIs;

std::string ReadCorpusFile(const std::string& name) {
  std::ifstream in(std::string(VNSEARCH_SOURCE_DIR) + "/corpus/" + name,
                   std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string ToNfd(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed =
      nfd->normalize(icu::UnicodeString::fromUTF8(text), status);
  EXPECT_TRUE(U_SUCCESS(status));
  std::string out;
  decomposed.toUTF8String(out);
  return out;
}

std::vector<std::string> Names(const Article& article) {
  std::vector<std::string> names;
  for (const Official& official : article.officials) {
    names.push_back(official.name);
  }
  return names;
}

// The five sample articles: exact title, derived flag, date, officials.
struct SampleRow {
  const char* file;
  const char* title;
  bool title_derived;
  const char* date;
  std::vector<std::string> officials;
};

const std::vector<SampleRow>& SampleRows() {
  static const auto* rows = new std::vector<SampleRow>{
      {"000_c30106b772c56d2b.txt",
       "Bộ trưởng Trương Minh Tuấn: Ban cán sự Đảng Bộ TT&TT sẽ kiên quyết "
       "thực hiện luân chuyển cán bộ",
       true,
       "",  // "Sáng nay" only: no day, so no date
       {"Trương Minh Tuấn"}},
      {"001_38c4a49bff4fa329.txt",
       "Đảng bộ Bộ Thông tin và Truyền thông tổ chức Hội nghị tổng kết công "
       "tác năm 2012 và triển khai nhiệm vụ năm 2013",
       false,
       "2013-01-23",
       {"Lại Xuân Lâm", "Nguyễn Bắc Son", "Trần Đức Lai", "Nguyễn Minh Hồng"}},
      {"002_c17af89eb63cb27e.txt",
       "Đảng bộ Sở Thông tin và Truyền thông sơ kết công tác 6 tháng đầu năm, "
       "triển khai nhiệm vụ trọng tâm 6 tháng cuối năm 2023",
       false,
       "2023-07-03",
       {"Lê Quốc Cường", "Mai Hòa Phúc"}},
      {"003_fb49a05211aace7b.txt",
       "Đảng bộ Khối các cơ quan TW: Lấy phiếu tín nhiệm là đổi mới quan "
       "trọng",
       false,
       "2023-07-20",  // "Chiều 20/7", year from "6 tháng cuối năm 2023"
       {"Trần Thị Hiền", "Đỗ Văn Phới", "Nguyễn Duy Hưng", "Nguyễn Văn Tiến",
        "Vũ Việt Trang", "Nguyễn Văn Thể"}},
      {"004_a720c45b57611a9c.txt",
       "Đảng bộ Ban Tuyên giáo Trung ương tổng kết công tác năm 2020, triển "
       "khai nhiệm vụ năm 2021",
       false,
       "2021-01-04",  // the article's timestamp, not the 16/4/2024 banner
       {"Huỳnh Tấn Việt", "Võ Văn Phuông", "Nguyễn Hồng Diên", "Phan Xuân Thủy",
        "Bùi Trường Giang"}},
  };
  return *rows;
}

TEST(ArticleParserTest, SampleArticles) {
  for (const SampleRow& row : SampleRows()) {
    SCOPED_TRACE(row.file);
    const std::string text = ReadCorpusFile(row.file);
    ASSERT_FALSE(text.empty());
    absl::StatusOr<Article> article = ParseTextArticle(row.file, text);
    ASSERT_THAT(article, IsOk());
    EXPECT_EQ(article->id, row.file);
    EXPECT_EQ(article->title, row.title);
    EXPECT_EQ(article->title_derived, row.title_derived);
    EXPECT_EQ(article->date, row.date);
    EXPECT_THAT(Names(*article), ElementsAreArray(row.officials));
    EXPECT_FALSE(article->lead.empty());
    EXPECT_FALSE(article->body.empty());
  }
}

TEST(ArticleParserTest, SampleArticlesWithoutFurniture) {
  for (const SampleRow& row : SampleRows()) {
    SCOPED_TRACE(row.file);
    absl::StatusOr<Article> article =
        ParseTextArticle(row.file, ReadCorpusFile(row.file));
    ASSERT_THAT(article, IsOk());
    const std::string text = article->lead + "\n" + article->body + "\n";
    for (const char* furniture :
         {"{keywords}",
          "\nimg\n",
          "Bình luận",
          "Ý kiến của bạn",
          "Tin liên quan",
          "Đọc nhiều",
          "Cùng chuyên mục",
          "Phản hồi",
          "Các tin khác",
          "Thư viện ảnh",
          "Liên kết website",
          "Mới nhất",
          "Ảnh: Xuân Lộc",
          "Hương Quỳnh",
          "TQPhuc",
          "Tin, ảnh: Nhật Minh",
          "Theo Diệp Trương",
          "(Nguồn: Báo Nhân dân)",
          "19 thứ trưởng được Trung ương luân chuyển giờ ra sao?",
          "Đại hội Hội Cựu chiến binh",
          "Thứ Ba, 16/4/2024"}) {
      EXPECT_THAT(text, Not(HasSubstr(furniture)));
    }
  }
}

TEST(ArticleParserTest, SampleLeadsAndBodies) {
  absl::StatusOr<Article> a000 =
      ParseTextArticle("000", ReadCorpusFile("000_c30106b772c56d2b.txt"));
  ASSERT_THAT(a000, IsOk());
  EXPECT_THAT(a000->lead, StartsWith("Bộ trưởng Trương Minh Tuấn cho biết,"));
  EXPECT_THAT(a000->body, StartsWith("Sáng nay, Đảng bộ Bộ TT&TT"));
  // Captions stay (they name the people pictured); their credit goes.
  EXPECT_THAT(a000->body, HasSubstr("\nToàn cảnh hội nghị.\n"));
  EXPECT_THAT(a000->body, HasSubstr("Bộ trưởng nói."));

  absl::StatusOr<Article> a004 =
      ParseTextArticle("004", ReadCorpusFile("004_a720c45b57611a9c.txt"));
  ASSERT_THAT(a004, IsOk());
  EXPECT_THAT(a004->lead, StartsWith("Dự hội nghị có các đồng chí:"));
  EXPECT_THAT(a004->body, HasSubstr("thành tích xuất sắc trong năm 2020./."));
}

TEST(ArticleParserTest, NfdInputGivesTheNfcArticle) {
  for (const SampleRow& row : SampleRows()) {
    SCOPED_TRACE(row.file);
    const std::string nfc = ReadCorpusFile(row.file);
    const std::string nfd = ToNfd(nfc);
    ASSERT_NE(nfc, nfd);
    absl::StatusOr<Article> from_nfc = ParseTextArticle(row.file, nfc);
    absl::StatusOr<Article> from_nfd = ParseTextArticle(row.file, nfd);
    ASSERT_THAT(from_nfc, IsOk());
    ASSERT_THAT(from_nfd, IsOk());
    EXPECT_EQ(from_nfd->title, from_nfc->title);
    EXPECT_EQ(from_nfd->lead, from_nfc->lead);
    EXPECT_EQ(from_nfd->body, from_nfc->body);
    EXPECT_EQ(from_nfd->date, from_nfc->date);
    EXPECT_EQ(from_nfd->officials, from_nfc->officials);
  }
}

TEST(ArticleParserTest, NewsFormat) {
  absl::StatusOr<Article> article = ParseTextArticle(
      "data/1.txt",
      "Phó Thủ tướng Vũ Đức Đam đối thoại với doanh nghiệp\n"
      "Ngày 13/5, tại Hà Nội, Phó Thủ tướng Vũ Đức Đam chủ trì đối thoại.\n"
      "Thứ trưởng Bộ Y tế Trương Quốc Cường cho biết trong quý II/2017 Bộ "
      "sẽ ban hành thông tư. Nguyễn Dân\n");
  ASSERT_THAT(article, IsOk());
  EXPECT_EQ(article->title,
            "Phó Thủ tướng Vũ Đức Đam đối thoại với doanh nghiệp");
  EXPECT_FALSE(article->title_derived);
  EXPECT_THAT(article->lead, StartsWith("Ngày 13/5, tại Hà Nội"));
  EXPECT_THAT(article->body, StartsWith("Thứ trưởng Bộ Y tế"));
  EXPECT_EQ(article->date, "2017-05-13");
  EXPECT_THAT(Names(*article), ElementsAre("Vũ Đức Đam", "Trương Quốc Cường"));
  ASSERT_EQ(article->officials.size(), 2u);
  EXPECT_EQ(article->officials[0].mentions, 2);  // title and lead

  // Headline and lead only.
  absl::StatusOr<Article> short_article =
      ParseTextArticle("data/2.txt", "Giá vàng tăng\nGiá vàng tăng trở lại.");
  ASSERT_THAT(short_article, IsOk());
  EXPECT_EQ(short_article->title, "Giá vàng tăng");
  EXPECT_EQ(short_article->lead, "Giá vàng tăng trở lại.");
  EXPECT_EQ(short_article->body, "");
}

TEST(ArticleParserTest, ScrapedFormatWithHeaderLines) {
  absl::StatusOr<Article> article = ParseTextArticle(
      "page.txt",
      "Trang chủ > Tin tức\r\n"
      "Thứ Hai, 4/1/2021 18:59'(GMT+7)\r\n\r\n"
      "Hội nghị tổng kết\r\n\r\n"
      "Bí thư Đảng ủy cơ quan Bùi Trường Giang phát biểu.\r\n\r\n"
      "img\r\n\r\nNội dung.\r\n\r\nBình luận\r\n");
  ASSERT_THAT(article, IsOk());
  EXPECT_EQ(article->title, "Hội nghị tổng kết");
  EXPECT_EQ(article->lead,
            "Bí thư Đảng ủy cơ quan Bùi Trường Giang phát biểu.");
  EXPECT_EQ(article->body, "Nội dung.");
  EXPECT_EQ(article->date, "2021-01-04");
}

TEST(ArticleParserTest, NoText) {
  EXPECT_THAT(ParseTextArticle("x", ""),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseTextArticle("x", " \n\t\n \xC2\xA0\n"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseTextArticle("x", "-- ..\n\n;;"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ArticleParserTest, DeriveTitle) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"- Bộ trưởng Trương Minh Tuấn cho biết, Ban cán sự Đảng Bộ TT&TT sẽ "
       "kiên quyết thực hiện luân chuyển cán bộ, xoá bỏ khuynh hướng cục bộ "
       "khép kín trong từng cơ quan, đơn vị.",
       "Bộ trưởng Trương Minh Tuấn: Ban cán sự Đảng Bộ TT&TT sẽ kiên quyết "
       "thực hiện luân chuyển cán bộ"},
      {"Giá vàng tăng mạnh. Sau đó giảm.", "Giá vàng tăng mạnh"},
      {"Sáng nay, Đảng bộ Bộ TT&TT tổ chức hội nghị tổng kết công tác năm "
       "2017, triển khai nhiệm vụ năm 2018.",
       "Sáng nay, Đảng bộ Bộ TT&TT tổ chức hội nghị tổng kết công tác năm "
       "2017"},
      // One long clause is cut at 20 words, not on a function word.
      {"Một hai ba bốn năm sáu bảy tám chín mười một hai ba bốn năm sáu bảy "
       "tám chín của hai mươi mốt.",
       "Một hai ba bốn năm sáu bảy tám chín mười một hai ba bốn năm sáu bảy "
       "tám chín"},
      {"", ""},
  };
  for (const auto& [lead, expected] : rows) {
    EXPECT_EQ(DeriveTitle(lead), expected) << lead;
  }
}

TEST(ArticleParserTest, JsonArticle) {
  absl::StatusOr<Article> article = ParseJsonArticle(
      R"({"id":"crawl/1","title":"Hội nghị tổng kết","body":"Chiều 20/7, )"
      R"(Bí thư Đảng ủy Khối Nguyễn Văn Thể phát biểu.\n\nimg\n\nNội dung )"
      R"(6 tháng cuối năm 2023.","date":"2023-07-21","url":"https://x.vn/1",)"
      R"("source":"x.vn"})");
  ASSERT_THAT(article, IsOk());
  EXPECT_EQ(article->id, "crawl/1");
  EXPECT_EQ(article->title, "Hội nghị tổng kết");
  EXPECT_EQ(article->lead,
            "Chiều 20/7, Bí thư Đảng ủy Khối Nguyễn Văn Thể phát biểu.");
  EXPECT_EQ(article->body, "Nội dung 6 tháng cuối năm 2023.");
  EXPECT_EQ(article->date, "2023-07-21");  // the JSON date wins
  EXPECT_EQ(article->url, "https://x.vn/1");
  EXPECT_EQ(article->source, "x.vn");
  EXPECT_THAT(Names(*article), ElementsAre("Nguyễn Văn Thể"));
}

TEST(ArticleParserTest, JsonDateFallsBackToTheText) {
  for (const char* date : {R"("date":"20/7/2023",)", R"("date":"2023-02-30",)",
                           R"("date":null,)", ""}) {
    SCOPED_TRACE(date);
    absl::StatusOr<Article> article = ParseJsonArticle(
        std::string(R"({"id":"1",)") + date +
        R"("title":"T","body":"Sáng ngày 23/1/2013, tại Hà Nội.\nNội dung."})");
    ASSERT_THAT(article, IsOk());
    EXPECT_EQ(article->date, "2013-01-23");
  }
}

TEST(ArticleParserTest, JsonWithoutTitleDerivesOne) {
  absl::StatusOr<Article> article =
      ParseJsonArticle(R"({"id":7,"body":"Giá vàng tăng mạnh. Sau đó giảm."})");
  ASSERT_THAT(article, IsOk());
  EXPECT_EQ(article->id, "7");
  EXPECT_EQ(article->title, "Giá vàng tăng mạnh");
  EXPECT_TRUE(article->title_derived);
}

TEST(ArticleParserTest, JsonIsNormalisedToNfc) {
  const std::string nfd_title = ToNfd("Đảng bộ tổng kết");
  absl::StatusOr<Article> article = ParseJsonArticle(
      R"({"id":"1","title":")" + nfd_title + R"(","body":"Nội dung."})");
  ASSERT_THAT(article, IsOk());
  EXPECT_EQ(article->title, "Đảng bộ tổng kết");
}

TEST(ArticleParserTest, MalformedJsonNamesTheProblem) {
  struct Row {
    const char* line;
    const char* message;
  };
  const std::vector<Row> rows = {
      {R"({"id":"1","title":)", "malformed JSON"},
      {"not json", "malformed JSON"},
      {"[1,2]", "not an object"},
      {R"({"title":"T","body":"B"})", "missing \"id\""},
      {R"({"id":"","title":"T"})", "missing \"id\""},
      {R"({"id":"1","title":5,"body":"B"})", "\"title\" is not a string"},
      {R"({"id":"1","date":20210104,"body":"B"})", "\"date\" is not a string"},
      {R"({"id":"1","title":" ","body":""})", "empty \"title\" and \"body\""},
      {R"({"id":"1"})", "empty \"title\" and \"body\""},
      // Valid JSON past a double's range (a fuzz find: it aborted the build).
      {R"({"id":"1","title":"T","views":1e309})",
       "unreadable JSON: [json.exception.out_of_range.406] number overflow "
       "parsing '1e309'"},
      {R"({"id":-1e400,"title":"T"})", "number overflow parsing '-1e400'"},
  };
  for (const Row& row : rows) {
    absl::StatusOr<Article> article = ParseJsonArticle(row.line);
    EXPECT_THAT(article, StatusIs(absl::StatusCode::kInvalidArgument))
        << row.line;
    EXPECT_THAT(std::string(article.status().message()), HasSubstr(row.message))
        << row.line;
  }
}

}  // namespace
}  // namespace vnsearch
