// Adding an optional query (weight only, no new matches) to a built query in
// the shape Xapian's matcher can prune.
//
// QueryBuilder's queries are "words AND_MAYBE branch": the branch (tiers,
// pair boosts) only adds weight. Xapian turns an AND_MAYBE into an AND as
// soon as the page's last weight exceeds what its left side alone can
// score, and from then on walks only the documents of the branch, not
// every document with all the (often dense, folded) words. A second
// AND_MAYBE on top, "(words AND_MAYBE branch) AND_MAYBE optional", hides
// that: the inner one turns into an AND only once the page's last weight
// minus the optional query's maximum exceeds the words' maximum, which a
// large optional bonus (a restored reading's, 200) never allows.

#ifndef VNSEARCH_COMMON_SEARCH_OPTIONAL_BRANCH_H_
#define VNSEARCH_COMMON_SEARCH_OPTIONAL_BRANCH_H_

#include <xapian.h>

namespace vnsearch {

// `query` with `optional` adding its weight to the documents of `query` it
// matches; the same matches and weights as `query AND_MAYBE optional`.
// When `query` is "a AND_MAYBE b", the result is "a AND_MAYBE (b OR
// optional)"; any other query gets "query AND_MAYBE optional". An empty
// `optional` leaves `query` as it is.
[[nodiscard]] Xapian::Query AddOptional(const Xapian::Query& query,
                                        const Xapian::Query& optional);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_OPTIONAL_BRANCH_H_
