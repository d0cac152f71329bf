// Collapsing copies of a story on a page of hits. Copies share the collapse
// key (a headline, or a lead when the headline is short:
// index/facet_keys.h: CollapseKey) or, when they were retitled, the lead
// key (both in each hit's record: index/record.h). The searcher fetches a
// ranked page (deeper when copies leave it short), without Xapian's
// collapse, and groups
// its hits that share either key, through chains of copies (a copy that
// shares the headline with one hit and the lead with another joins the
// three): each group shows as its best-ranked hit.
//
// Pure (no Xapian): keys in, merges out.

#ifndef VNSEARCH_COMMON_SEARCH_LEAD_COLLAPSE_H_
#define VNSEARCH_COMMON_SEARCH_LEAD_COLLAPSE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "common/index/record.h"  // CopyKeys

namespace vnsearch {

inline constexpr size_t kKeptHit = static_cast<size_t>(-1);

// For each hit of `lead_keys` (in rank order; "" for a hit without a lead
// key), the position of the first earlier hit with the same key, or
// kKeptHit when it is the first with its key (or has none).
[[nodiscard]] std::vector<size_t> LeadMerges(
    const std::vector<std::string>& lead_keys);

// For each hit of `keys` (in rank order), kKeptHit when it is the
// best-ranked hit of its group, else the position of that hit. A group:
// the hits linked by a chain of shared keys (either key; "" links
// nothing). A key links only to keys of its own kind.
[[nodiscard]] std::vector<size_t> CopyMerges(
    const std::vector<CopyKeys>& keys);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_LEAD_COLLAPSE_H_
