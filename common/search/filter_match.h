// Which of a page's documents each tier filter (BuiltQuery::tiers) matches,
// by one match over remote shards: reading the filters' postings there
// (tier_membership.h) would ship every posting list whole, and a match per
// filter costs two round trips to every server each.
//
// The one match ORs the filters, each lifting the documents it matches by
// its own power of two (a FixedWeightPostingSource), restricted to the
// page by the documents' id terms: a document's weight is then the set of
// the filters it matches. Works on any database
// (the answers are DocumentsInFilters' on local ones).

#ifndef VNSEARCH_COMMON_SEARCH_FILTER_MATCH_H_
#define VNSEARCH_COMMON_SEARCH_FILTER_MATCH_H_

#include <xapian.h>

#include <string>
#include <vector>

namespace vnsearch {

// Most filters one match can tell apart (the bits of a weight that a double
// holds exactly, with room to spare).
inline constexpr size_t kMaxMatchedFilters = 30;

// result[f][i]: document docids[i] (whose unique id term is id_terms[i])
// matches filters[f]. Any query can be a filter; at most kMaxMatchedFilters
// of them (more: std::invalid_argument). Xapian errors are thrown as
// Xapian::Error (call inside XapianCall).
[[nodiscard]] std::vector<std::vector<bool>> DocumentsInFiltersByMatch(
    const Xapian::Database& db, const std::vector<Xapian::Query>& filters,
    const std::vector<Xapian::docid>& docids,
    const std::vector<std::string>& id_terms);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_FILTER_MATCH_H_
