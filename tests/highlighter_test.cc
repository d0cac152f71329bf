// Highlighting that follows the query (common/search/highlighter.h): a
// golden table of query, text -> marked HTML.

#include "common/search/highlighter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/index/stored_text.h"

namespace vnsearch {
namespace {

class HighlighterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok()) << analyzer.status();
    builder_ = std::make_unique<QueryBuilder>(*analyzer, RankingParams());
    highlighter_ = std::make_unique<Highlighter>(*analyzer);
  }
  // Marks `text` as the headline, an official's name or the text.
  std::string Mark(std::string_view query, std::string_view text,
                   Highlighter::Target target = Highlighter::Target::kText) {
    auto built = builder_->Build(query);
    EXPECT_TRUE(built.ok()) << query << ": " << built.status();
    if (!built.ok()) return "";
    highlighter_->SetQuery(*built);
    return highlighter_->Mark(text, target);
  }
  std::string Snippet(std::string_view query, std::string_view text,
                      size_t bytes) {
    auto built = builder_->Build(query);
    EXPECT_TRUE(built.ok()) << query << ": " << built.status();
    if (!built.ok()) return "";
    highlighter_->SetQuery(*built);
    return highlighter_->Snippet(text, bytes);
  }
  std::unique_ptr<QueryBuilder> builder_;
  std::unique_ptr<Highlighter> highlighter_;
};

struct Row {
  const char* query;
  const char* text;
  const char* expected;
};

TEST_F(HighlighterTest, TextGoldenTable) {
  const Row rows[] = {
      // Words typed without diacritics match every spelling; with them,
      // only the exact one.
      {"dang bo", "Đảng bộ, đang bổ sung",
       "<b>Đảng bộ</b>, <b>đang bổ</b> sung"},
      {"đảng", "Đảng bộ, đang bổ sung", "<b>Đảng</b> bộ, đang bổ sung"},
      {"đảng bo", "Đảng bộ, đang bổ", "<b>Đảng bộ</b>, đang <b>bổ</b>"},
      // Matches with only spaces between them are one span.
      {"thủ tướng nguyễn xuân phúc", "Thủ tướng Nguyễn Xuân Phúc nói.",
       "<b>Thủ tướng Nguyễn Xuân Phúc</b> nói."},
      // A quoted phrase only where it occurs whole, as one span.
      {"\"hội nghị\"", "Hội nghị trung ương; hội và nghị",
       "<b>Hội nghị</b> trung ương; hội và nghị"},
      {"\"chỉ thị 03-CT/TW\"", "theo Chỉ thị 03-CT/TW của",
       "theo <b>Chỉ thị 03-CT/TW</b> của"},
      // Codes whole, and the numbers inside codes.
      {"03-CT/TW", "Chỉ thị 03-CT/TW, không phải 03",
       "Chỉ thị <b>03-CT/TW</b>, không phải 03"},
      {"covid-19", "dịch Covid-19 và covid", "dịch <b>Covid-19</b> và covid"},
      {"covid", "dịch Covid-19 và covid",
       "dịch <b>Covid</b>-19 và <b>covid</b>"},
      {"140.000", "giá 140.000đ một kg", "giá <b>140.000</b>đ một kg"},
      {"140.000đ", "giá 140.000đ một kg", "giá <b>140.000đ</b> một kg"},
      {"20%", "tăng 20% so với 20 năm", "tăng <b>20%</b> so với 20 năm"},
      // Words match the parts of a code, a code only the code whole.
      {"hoa binh", "Hoà-Bình và hòa bình",
       "<b>Hoà</b>-<b>Bình</b> và <b>hòa bình</b>"},
      {"hòa-bình", "Hoà-Bình và hòa bình", "<b>Hoà-Bình</b> và hòa bình"},
      {"VNPT", "ＶＮＰＴ và VNPT", "<b>ＶＮＰＴ</b> và <b>VNPT</b>"},
      {"đảng", "\u00D0\u1EA3ng viên", "<b>\u00D0\u1EA3ng</b> viên"},
      // official: in the text; title: not in the text.
      {"official:\"nguyễn xuân phúc\"", "ông Nguyễn Xuân Phúc, Nguyễn Xuân",
       "ông <b>Nguyễn Xuân Phúc</b>, Nguyễn Xuân"},
      {"title:đảng", "Đảng bộ", "Đảng bộ"},
      // Negated clauses mark nothing; markup is escaped.
      {"đảng -bộ", "Đảng bộ", "<b>Đảng</b> bộ"},
      {"a", "<a> & \"b\"", "&lt;<b>a</b>&gt; &amp; &quot;b&quot;"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Mark(row.query, row.text), row.expected)
        << "query: " << row.query << "\ntext: " << row.text;
  }
}

TEST_F(HighlighterTest, FieldsAreMarkedWhereTheyMatched) {
  using Target = Highlighter::Target;
  EXPECT_EQ(Mark("title:đảng", "Đảng bộ tỉnh", Target::kTitle),
            "<b>Đảng</b> bộ tỉnh");
  EXPECT_EQ(Mark("title:đảng", "Đảng Văn", Target::kOfficial), "Đảng Văn");
  EXPECT_EQ(Mark("official:phuc", "Nguyễn Xuân Phúc", Target::kOfficial),
            "Nguyễn Xuân <b>Phúc</b>");
  EXPECT_EQ(Mark("official:phuc", "Phúc lợi", Target::kTitle), "Phúc lợi");
  EXPECT_EQ(Mark("hội nghị", "Hội nghị tổng kết", Target::kTitle),
            "<b>Hội nghị</b> tổng kết");
}

TEST_F(HighlighterTest, SnippetIsTheBestWindowCutOnWords) {
  const std::string filler =
      "Một hai ba bốn năm sáu bảy tám chín mười. Mười một mười hai. ";
  std::string text;
  for (int i = 0; i < 4; ++i) text += filler;
  text += "Hội nghị cán bộ tỉnh họp. ";
  for (int i = 0; i < 4; ++i) text += filler;
  text += "Cán bộ đi. Hội nghị lần hai. Tỉnh họp. ";
  for (int i = 0; i < 4; ++i) text += filler;
  // Three distinct words win over two: the first window has all three.
  const std::string snippet = Snippet("hội nghị tỉnh", text, 120);
  EXPECT_EQ(snippet.substr(0, 3), "…");
  EXPECT_NE(snippet.find("<b>Hội nghị</b> cán bộ <b>tỉnh</b> họp."),
            std::string::npos)
      << snippet;
  // At most the window (plus markup and the ellipses), cut on words.
  std::string plain;
  for (size_t i = 0; i < snippet.size(); ++i) {
    if (snippet.compare(i, 3, "<b>") == 0) {
      i += 2;
    } else if (snippet.compare(i, 4, "</b>") == 0) {
      i += 3;
    } else {
      plain += snippet[i];
    }
  }
  EXPECT_LE(plain.size(), 120u + 2 * std::string("…").size());
  EXPECT_TRUE(plain.ends_with("…")) << plain;
  // It starts on a sentence: the context before is whole.
  EXPECT_TRUE(plain.starts_with("…Mười một mười hai. Hội nghị")) << plain;
  // No match: the start of the text.
  EXPECT_EQ(Snippet("không", "Một hai ba.", 120), "Một hai ba.");
  EXPECT_TRUE(Snippet("không", text, 40).starts_with("Một hai ba bốn"));
}

TEST_F(HighlighterTest, LongTextsAreAnalysedAsFarAsTheWindowNeeds) {
  // The text is analysed in growing prefixes; wherever a prefix ends, the
  // snippet is the one the whole text gives: the window with every term,
  // its context from the sentence start before it.
  const std::string filler =
      "Một hai ba bốn năm sáu bảy tám chín mười. Mười một mười hai. ";
  for (int pad = 0; pad < 160; pad += 9) {
    std::string text(static_cast<size_t>(pad), 'x');
    text += " ";
    while (text.size() < 1000) text += filler;
    text += "Hội nghị cán bộ tỉnh họp. ";
    for (int i = 0; i < 200; ++i) text += filler;
    text += "Hội nghị tỉnh lần hai.";
    const std::string snippet = Snippet("hội nghị tỉnh", text, 120);
    EXPECT_TRUE(
        snippet.starts_with("…Mười một mười hai. <b>Hội nghị</b> cán "
                            "bộ <b>tỉnh</b> họp."))
        << pad << ": " << snippet;
    EXPECT_TRUE(snippet.ends_with("…")) << pad << ": " << snippet;
  }
  // A term found only far into the text: the whole text is read.
  std::string text;
  for (int i = 0; i < 200; ++i) text += filler;
  text += "Cuối cùng là hội nghị.";
  EXPECT_EQ(Snippet("hội nghị", text, 40), "…Cuối cùng là <b>hội nghị</b>.");
}

// corpus/'s five articles and a text with NFD marks, units and codes.
std::vector<std::string> SampleTexts() {
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::string(VNSEARCH_SOURCE_DIR) + "/corpus")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    texts.push_back(text.str());
  }
  texts.push_back(
      "Gia\u0301 va\u0300ng ta\u0306ng 5kg, 140.000\u0111 (20%) "
      "ho\u0300a-bi\u0300nh Hoa Bi\u0300nh; TP.HCM\u2013Ha\u0300 Nô\u0323i.");
  return texts;
}

constexpr const char* kSampleQueries[] = {
    "thủ tướng",          "hội nghị",          "03-CT/TW",
    "\"bộ chính trị\"",   "tinh uy",           "nguyen xuan phuc",
    "TT&TT",              "đảng bộ",           "\"ban cán sự đảng\"",
    "cong tac nam 2017",  "kg",                "140.000",
    "20%",                "hcm",               "ha noi",
    "hoa binh",           "gia vang tang",     "đ",
    "official:phuc",      "title:đảng",        "xyzzy",
    "Đảng ủy",            "5kg",               "tỉnh ủy ba"};

TEST_F(HighlighterTest, SkimmedSnippetsMarkWhatTheWholeTextMarks) {
  // Snippet tokenises only around the words that may match (their letters,
  // folded one by one, spell a query word; or, for codes, their first
  // letters); its window must show exactly the marks that analysing the
  // whole text gives: the snippet without its ellipses is a piece of Mark's
  // output.
  const std::vector<std::string> texts = SampleTexts();
  ASSERT_EQ(texts.size(), 6u);
  for (const char* query : kSampleQueries) {
    for (const std::string& text : texts) {
      for (size_t bytes : {120u, 320u}) {
        std::string core = Snippet(query, text, bytes);
        const std::string ellipsis = "…";
        if (core.starts_with(ellipsis)) core.erase(0, ellipsis.size());
        if (core.ends_with(ellipsis)) core.resize(core.size() - ellipsis.size());
        ASSERT_FALSE(core.empty()) << query;
        EXPECT_NE(Mark(query, text).find(core), std::string::npos)
            << "query: " << query << "\nsnippet: " << core;
      }
    }
  }
}

// The 320-byte snippet of a stored text, counting its document-data reads.
absl::StatusOr<std::string> CountedSnippet(const Highlighter& highlighter,
                                           const StoredText& stored,
                                           size_t& data_reads) {
  return highlighter.SnippetOfStored(
      stored.opening,
      [&] {
        ++data_reads;
        return stored.data;
      },
      320);
}

TEST_F(HighlighterTest, StoredTextsGiveTheWholeTextsSnippet) {
  // The searcher reads a hit's stored text only as far as the snippet
  // reads: its opening, and the document data (deflated for corpus/'s
  // texts, whose rests are longer than 2 KB) only past the opening. The
  // snippet is the one the whole text gives.
  const std::vector<std::string> texts = SampleTexts();
  size_t deflated = 0, data_reads = 0;
  for (const char* query : kSampleQueries) {
    auto built = builder_->Build(query);
    ASSERT_TRUE(built.ok()) << query;
    highlighter_->SetQuery(*built);
    for (const std::string& text : texts) {
      const StoredText stored = EncodeStoredText(text);
      if (stored.data[0] == kDeflatedMark) ++deflated;
      absl::StatusOr<std::string> snippet =
          CountedSnippet(*highlighter_, stored, data_reads);
      ASSERT_TRUE(snippet.ok()) << snippet.status();
      EXPECT_EQ(*snippet, highlighter_->Snippet(text, 320)) << query;
    }
  }
  EXPECT_EQ(deflated, 5 * std::size(kSampleQueries));
  // Most of these snippets are in the opening: fewer data reads than
  // snippets.
  EXPECT_LT(data_reads, 5 * std::size(kSampleQueries));

  // A word the text lacks: the whole text is read, and a broken rest is
  // reported, not shown.
  StoredText stored = EncodeStoredText(texts[0]);
  stored.data.resize(stored.data.size() / 2);
  auto built = builder_->Build("xyzzy");
  ASSERT_TRUE(built.ok());
  highlighter_->SetQuery(*built);
  data_reads = 0;
  auto data = [&] {
    ++data_reads;
    return stored.data;
  };
  EXPECT_EQ(highlighter_->SnippetOfStored(stored.opening, data, 320)
                .status()
                .code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(data_reads, 1u);
  // A broken opening is reported without reading the data.
  data_reads = 0;
  EXPECT_EQ(highlighter_->SnippetOfStored(std::string(1, '\x07') + "abc",
                                          data, 320)
                .status()
                .code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(highlighter_->SnippetOfStored("", data, 320).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(data_reads, 0u);
}

// Where a snippet starts in its text: its words with the markup, the
// escapes and the ellipses taken out.
size_t SnippetOffset(const std::string& text, std::string snippet) {
  for (const auto& [from, to] :
       std::vector<std::pair<std::string, std::string>>{
           {"<b>", ""}, {"</b>", ""}, {"…", ""}, {"&lt;", "<"},
           {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}}) {
    for (size_t at; (at = snippet.find(from)) != std::string::npos;) {
      snippet.replace(at, from.size(), to);
    }
  }
  return text.find(snippet.substr(0, 40));
}

TEST_F(HighlighterTest, AMatchInTheOpeningReadsNoDocumentData) {
  // corpus/'s texts all say "Đảng bộ" in their first lines. A snippet
  // reads the document data only when its window starts too late in the
  // opening for the room after it (twice the snippet's size).
  auto built = builder_->Build("Đảng bộ");
  ASSERT_TRUE(built.ok());
  highlighter_->SetQuery(*built);
  size_t early = 0;
  for (const std::string& text : SampleTexts()) {
    const StoredText stored = EncodeStoredText(text);
    if (stored.opening[0] != kTextGoesOn) continue;  // all in its opening
    size_t data_reads = 0;
    absl::StatusOr<std::string> snippet = CountedSnippet(*highlighter_, stored, data_reads);
    ASSERT_TRUE(snippet.ok()) << snippet.status();
    EXPECT_EQ(*snippet, highlighter_->Snippet(text, 320));
    EXPECT_NE(snippet->find("<b>"), std::string::npos) << *snippet;
    const size_t offset = SnippetOffset(text, *snippet);
    ASSERT_NE(offset, std::string::npos) << *snippet;
    // The window starts at or after the snippet's start, at most half the
    // snippet after it.
    if (offset + 160 + 2 * 320 < kOpeningBytes - 256) {
      ++early;
      EXPECT_EQ(data_reads, 0u) << *snippet;
    }
  }
  EXPECT_GE(early, 3u);
}

}  // namespace
}  // namespace vnsearch
