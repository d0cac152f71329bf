// Lead collapse: the second half of collapsing copies of a story. Xapian
// collapses a match set on one value slot, the collapse key (a headline, or
// a lead when the headline is short: index/facet_keys.h); a copy that was
// retitled but kept its lead has another key. The searcher then merges,
// over the ranked hits from the first one on, every hit whose lead key
// (schema.h: kLeadSlot) an earlier hit has into that earlier hit.
//
// Pure (no Xapian): keys in, merges out.

#ifndef VNSEARCH_COMMON_SEARCH_LEAD_COLLAPSE_H_
#define VNSEARCH_COMMON_SEARCH_LEAD_COLLAPSE_H_

#include <cstddef>
#include <string>
#include <vector>

namespace vnsearch {

inline constexpr size_t kKeptHit = static_cast<size_t>(-1);

// For each hit of `lead_keys` (in rank order; "" for a hit without a lead
// key), the position of the first earlier hit with the same key, or
// kKeptHit when it is the first with its key (or has none).
[[nodiscard]] std::vector<size_t> LeadMerges(
    const std::vector<std::string>& lead_keys);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_LEAD_COLLAPSE_H_
