// The page of a query "words AND_MAYBE branch" found from the branch first.
//
// QueryBuilder's strict queries are the AND of the folded words, with an
// optional branch (tiers, pair boosts, a restored reading's preference)
// that only adds weight. Xapian walks every document with all the words
// until the page's last weight exceeds what the words alone can score;
// on known-item queries of common syllables ("duoc so tan khi cac nha")
// fewer documents than a page ever get there, so the whole AND of dense
// folded postings is walked. Asking for "words AND branch" first gives
// the same page whenever its last document outweighs the words' maximum:
// no document outside the branch could enter it.

#ifndef VNSEARCH_COMMON_SEARCH_BRANCH_FIRST_H_
#define VNSEARCH_COMMON_SEARCH_BRANCH_FIRST_H_

#include <xapian.h>

#include <cstdint>
#include <optional>

namespace vnsearch {

struct BranchFirstPage {
  Xapian::MSet mset;   // the first `size` hits of the whole query
  uint64_t total = 0;  // documents with all the words (the whole query's)
  bool total_exact = false;
};

// The page of `query` (hits 0..size-1) when `query` is "a AND_MAYBE b" and
// the documents of "a AND b" fill it with weights above a's maximum;
// nothing otherwise (the caller runs `query` itself). `total` is Xapian's
// estimate of a's matches (at least the branch's), exact only when Xapian's
// bounds agree: a's documents are not walked. Leaves `enquire` set to
// `query` (taken by value: enquire.get_query() may be passed, which
// set_query() replaces). Not for merged
// local shards (their matcher bounds differ) nor match spies (they would
// see the documents of the branch only). Throws Xapian::Error.
[[nodiscard]] std::optional<BranchFirstPage> FindBranchFirstPage(
    Xapian::Enquire& enquire, Xapian::Query query, Xapian::doccount size);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_BRANCH_FIRST_H_
