// Regression tests for the findings of issue 14 (the hardening probe), one
// per finding, at the level where each was fixed. The end-to-end forms
// (a whole build on such input) are in index_lifecycle_test.cc.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>

#include "common/analysis/analyzer.h"
#include "common/document/article_parser.h"
#include "common/document/corpus_reader.h"
#include "common/index/document_builder.h"
#include "common/index/index_builder.h"
#include "common/index/schema.h"
#include "common/search/query_builder.h"
#include "common/search/search_session.h"

namespace vnsearch {
namespace {

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

// Finding 1: two words of 14 Hangul syllables (an 86-byte file) aborted the
// build with "Term too long (> 245): XPZ...". Every term the document
// builder emits now fits Xapian's limit, and the words stay searchable.
TEST(HardeningTest, EveryTermOfLongNonLatinPairsFitsXapiansLimit) {
  absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
  ASSERT_TRUE(analyzer.ok());
  const std::string word = Repeat("각", 14);
  Article article;
  article.id = "hangul.txt";
  article.title = word + " " + word;
  article.lead = word + " " + word;
  DocumentBuilder builder(*analyzer);
  const Xapian::Document doc = builder.Build(article);
  size_t terms = 0;
  bool has_word = false;
  bool has_pair = false;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    ++terms;
    EXPECT_LE((*it).size(), kMaxTermBytes) << *it;
    has_word |= *it == MakeTerm(Field::kBody, Form::kExact, word);
    has_pair |=
        *it == MakePairTerm(Field::kBody, Form::kFoldedPair, word, word);
  }
  EXPECT_GT(terms, 4u);
  EXPECT_TRUE(has_word);
  // The cause: folded forms were left in NFD (three jamo per syllable).
  // Composed again, the folded word is the word, and its pair is indexed.
  EXPECT_TRUE(has_pair);
  std::string exact, folded;
  analyzer->NormalizeWord(word, exact, folded);
  EXPECT_EQ(folded, word);
  analyzer->NormalizeWord("Ữ서울Đà", exact, folded);
  EXPECT_EQ(exact, "ữ서울đà");
  EXPECT_EQ(folded, "u서울da");
}

// Finding 2: year inference was quadratic in the text (16 s for 128 KB of a
// dateline without a year and "quý 1/2020" repeated; here "quý 2/2020", the
// quarter that settles June). A 1 MB article now parses in well under a second,
// with the year still inferred.
TEST(HardeningTest, AOneMegabyteArticleParsesInWellUnderASecond) {
  absl::StatusOr<OfficialExtractor> officials = OfficialExtractor::Create();
  ASSERT_TRUE(officials.ok());
  std::string text =
      "Hội nghị tổng kết quý 1\n\nSáng 9/6, Hà Nội tổ chức hội nghị tổng "
      "kết.\n\n";
  while (text.size() < (1u << 20)) {
    text += "Kết quả kinh doanh quý 2/2020 của doanh nghiệp tăng mạnh. ";
    if (text.size() % 4000 < 60) text += "\n\n";
  }
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<Article> article =
      ParseTextArticle("big.txt", text, *officials);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->date, "2020-06-09");
  // Linear parsing takes about 0.1 s here (Release); the quadratic one took
  // minutes. The bound leaves room for sanitized and loaded machines.
  EXPECT_LT(seconds, 2.0);
}

// Finding 3: a JSON id 18446744073709551615 was read as a signed integer
// and became "-1". A number keeps its decimal text, whatever its type:
// unsigned, negative, past 64 bits, or with a fraction or exponent.
TEST(HardeningTest, JsonNumberIdsKeepTheirDecimalText) {
  for (const char* id :
       {"18446744073709551615", "-1", "0", "-9223372036854775808",
        "18446744073709551616", "18446744073709551617",
        "123456789012345678901234567890", "1.5", "1.50", "1e3", "-0.0",
        "1.5E+300"}) {
    absl::StatusOr<Article> article = ParseJsonArticle(
        std::string("{\"id\":") + id + ",\"title\":\"T\",\"body\":\"B\"}");
    ASSERT_TRUE(article.ok()) << id << ": " << article.status();
    EXPECT_EQ(article->id, id);
  }
}

// The planning scan reads the same id as the parser: a line whose id the
// two read differently was dropped without a word.
TEST(HardeningTest, RecordIdsOfNumbersAreThoseTheParserReads) {
  CorpusFile file;
  file.id = "feed.jsonl";
  file.json_lines = true;
  for (const char* id : {"18446744073709551615", "-1", "18446744073709551616",
                         "18446744073709551617", "1.5", "1e3"}) {
    const std::string line =
        std::string("{\"id\":") + id + ",\"title\":\"T\",\"body\":\"B\"}";
    EXPECT_EQ(RecordId(file, line), std::optional<std::string>(id));
    absl::StatusOr<Article> article = ParseJsonArticle(line);
    ASSERT_TRUE(article.ok());
    EXPECT_EQ(article->id, id);
  }
}

TEST(HardeningTest, JsonIdsOfOtherTypesAreRefusedByName) {
  for (const char* id : {"true", "[1]", "{\"a\":1}"}) {
    absl::StatusOr<Article> article = ParseJsonArticle(
        std::string("{\"id\":") + id + ",\"title\":\"T\",\"body\":\"B\"}");
    EXPECT_EQ(article.status().code(), absl::StatusCode::kInvalidArgument)
        << id;
    EXPECT_THAT(std::string(article.status().message()),
                testing::HasSubstr("\"id\""));
  }
}

// Found with the bad-input matrix: a query of 100 KB of words kept
// vnsearch busy for minutes. Queries past kMaxQueryBytes or kMaxQueryWords
// are refused, saying why; one just inside the limits is answered.
TEST(HardeningTest, OverlongQueriesAreRefusedSayingWhy) {
  absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
  ASSERT_TRUE(analyzer.ok());
  QueryBuilder builder(*analyzer, RankingParams{});
  absl::StatusOr<BuiltQuery> bytes = builder.Build(Repeat("hà nội ", 12000));
  EXPECT_EQ(bytes.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bytes.status().message(),
            "query too long: 120000 bytes (at most 4096)");
  std::string words;
  for (int i = 0; i < 65; ++i) words += "từ" + std::to_string(i) + " ";
  absl::StatusOr<BuiltQuery> many = builder.Build(words);
  EXPECT_EQ(many.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(many.status().message(), "query too long: 65 words (at most 64)");
  EXPECT_TRUE(builder.Build(Repeat("hà nội ", 32)).ok());
}

// The error line of an overlong query repeats only its head.
TEST(HardeningTest, AnOverlongQueryGetsAShortErrorLine) {
  const std::string index = ::testing::TempDir() + "/hardening_session_index";
  std::filesystem::remove_all(index);
  IndexOptions build;
  build.corpus_dir = std::string(VNSEARCH_SOURCE_DIR) + "/corpus";
  build.index_dir = index;
  ASSERT_TRUE(BuildIndex(build, [](std::string_view) {}).ok());
  SessionOptions options;
  options.searcher.index_dir = index;
  std::istringstream in;
  std::ostringstream out, err;
  EXPECT_EQ(RunSearchSession(options, Repeat("hà nội ", 1000), in, out, err),
            kExitUsage);
  EXPECT_EQ(err.str(),
            "vnsearch: query too long: 10000 bytes (at most 4096): \"" +
                Repeat("hà nội ", 8).substr(0, 80) + "…\"\n");
  std::filesystem::remove_all(index);
}

}  // namespace
}  // namespace vnsearch
