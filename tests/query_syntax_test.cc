// The query grammar (common/search/query_syntax.h): query text -> clauses.

#include "common/search/query_syntax.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/status_matchers.h"

namespace vnsearch {
namespace {

using ::testing::HasSubstr;
using ::vnsearch::testing::StatusIs;

// Clauses as "-field:<text>" (words), "-field:\"text\"" (phrases) or
// "date:<text>", joined by " | ".
std::string Render(std::string_view query) {
  absl::StatusOr<std::vector<QueryClause>> clauses = ParseQuerySyntax(query);
  if (!clauses.ok()) return "error: " + std::string(clauses.status().message());
  std::string out;
  for (const QueryClause& c : *clauses) {
    if (!out.empty()) out += " | ";
    if (c.negated) out += "-";
    if (!c.field.empty()) out += c.field + ":";
    out += c.kind == QueryClause::kPhrase ? "\"" + c.text + "\""
                                          : "<" + c.text + ">";
  }
  return out;
}

struct Row {
  const char* query;
  const char* expected;
};

TEST(QuerySyntaxTest, GoldenTable) {
  const Row rows[] = {
      {"", ""},
      {"   ", ""},
      {"đảng bộ hà nội", "<đảng bộ hà nội>"},
      {"\"hội nghị\" cán bộ", "\"hội nghị\" | <cán bộ>"},
      {"“hội nghị” cán bộ", "\"hội nghị\" | <cán bộ>"},
      {"title:đảng bộ", "title:<đảng> | <bộ>"},
      {"TITLE:\"đảng bộ\"", "title:\"đảng bộ\""},
      {"official:\"nguyen xuan phuc\" covid",
       "official:\"nguyen xuan phuc\" | <covid>"},
      {"đảng date:2020..2021", "<đảng> | date:<2020..2021>"},
      {"đảng -date:2021", "<đảng> | -date:<2021>"},
      {"đảng -title:bộ", "<đảng> | -title:<bộ>"},
      {"đảng -official:\"nguyễn văn a\"",
       "<đảng> | -official:\"nguyễn văn a\""},
      {"hội nghị -\"cán bộ\" tỉnh", "<hội nghị> | -\"cán bộ\" | <tỉnh>"},
      {"hội nghị -cán bộ", "<hội nghị> | -<cán> | <bộ>"},
      // Forgiving readings: an open quote runs to the end; a '-' before a
      // space is dropped; names that are not fields are text.
      {"\"hội nghị cán bộ", "\"hội nghị cán bộ\""},
      {"title:\"đảng bộ", "title:\"đảng bộ\""},
      {"2017 - 2022", "<2017 2022>"},
      {"- đảng", "<đảng>"},
      {"lúc 10:30 http://vn.vn", "<lúc 10:30 http://vn.vn>"},
      {"nguon:x", "<nguon:x>"},
      // Filters (issue 12): source: and year:, negated too.
      {"source:x", "source:<x>"},
      {"đảng year:2015..2017 -source:vnexpress",
       "<đảng> | year:<2015..2017> | -source:<vnexpress>"},
      {"a-b", "<a-b>"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Render(row.query), row.expected) << "query: " << row.query;
  }
}

TEST(QuerySyntaxTest, FieldsWithoutAValueAreErrors) {
  for (const char* bad :
       {"title:", "đảng title:", "title: đảng",
        "-official:", "date:", "title:\"\"", "title:!!!", "official:\"  \""}) {
    EXPECT_THAT(ParseQuerySyntax(bad),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << "query: " << bad;
  }
  EXPECT_THAT(Render("title: đảng"),
              HasSubstr("title: needs a value right after the colon"));
  EXPECT_THAT(Render("date: 2021"), HasSubstr("as in date:2023"));
  EXPECT_THAT(Render("title:\"\""), HasSubstr("has no word to look for"));
}

}  // namespace
}  // namespace vnsearch
