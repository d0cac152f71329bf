// QuerySyntax: splits what a user types into clauses, before any analysis.
//
//   words              free words; consecutive ones stay in one clause so
//                      that their adjacency is known
//   "a phrase"         also “a phrase” (typographic quotes)
//   field:word         field:"a phrase"   (title, official)
//   date:RANGE         2023, 2023-07, 2023-07-03, 3/7/2023, A..B, A.., ..B
//   source:x  year:Y   filters (year:2015..2017 too)
//   -clause            any of the above negated: -word, -"phrase",
//                      -title:x, -official:x, -date:2021
//
// Forgiving readings (documented in README "Query syntax"):
//   * a quote left open runs to the end of the query ("hội nghị → a phrase);
//   * a '-' with a space after it, or alone, is no operator and is dropped;
//   * a name before ':' that is not a field ("10:30", "http://x") is text.
// Errors (InvalidArgument, with a message that names the clause):
//   * a field with nothing after its colon ("title:", "title: x", 'title:""').
//
// Pure (no Xapian); thread-safe.

#ifndef VNSEARCH_COMMON_SEARCH_QUERY_SYNTAX_H_
#define VNSEARCH_COMMON_SEARCH_QUERY_SYNTAX_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace vnsearch {

struct QueryClause {
  enum Kind { kWords, kPhrase, kDate, kFilter };
  Kind kind = kWords;
  std::string field;  // "", "title", "official", "date", "source", "year"
  std::string text;   // as typed, without the field name and quotes
  bool negated = false;

  bool operator==(const QueryClause&) const = default;
};

// The fields a clause may name, lower case.
[[nodiscard]] bool IsQueryField(std::string_view name);

// InvalidArgument for a field without a value (see above); never fails
// otherwise. An empty or blank query gives no clauses.
[[nodiscard]] absl::StatusOr<std::vector<QueryClause>> ParseQuerySyntax(
    std::string_view query);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_QUERY_SYNTAX_H_
