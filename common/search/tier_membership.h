// Which of a page's documents each tier filter (BuiltQuery::tiers) matches,
// read from the postings of the filters' terms instead of running one match
// per filter.
//
// A tier filter is a tree of OP_AND / OP_OR (and OP_FILTER, OP_SYNONYM,
// OP_SCALE_WEIGHT) over terms, as QueryBuilder builds it. Each distinct term
// has its posting list opened once and advanced over the page's documents in
// docid order: a few short postings (pair terms), where a match per filter
// costs a matcher set-up and the postings of the page's id terms.
//
// Works on one database and on local shards opened as one (docids as the
// combined database numbers them). On remote shards every posting list
// travels whole over the connection: there one match of all the filters
// (filter_match.h) is cheaper.

#ifndef VNSEARCH_COMMON_SEARCH_TIER_MEMBERSHIP_H_
#define VNSEARCH_COMMON_SEARCH_TIER_MEMBERSHIP_H_

#include <optional>
#include <vector>

#include <xapian.h>

namespace vnsearch {

// result[f][i]: document docids[i] matches filters[f]. nullopt when a filter
// holds anything but the operators above, terms, MatchAll or MatchNothing
// (the caller then runs the filters as matches). Xapian errors are thrown
// as Xapian::Error (call inside XapianCall).
[[nodiscard]] std::optional<std::vector<std::vector<bool>>> DocumentsInFilters(
    const Xapian::Database& db, const std::vector<Xapian::Query>& filters,
    const std::vector<Xapian::docid>& docids);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_TIER_MEMBERSHIP_H_
