// Proximity: how much of a query appears as one unbroken run in a document.
// Pure functions over position lists; used to rerank the top candidates.

#ifndef VNSEARCH_COMMON_PROXIMITY_H_
#define VNSEARCH_COMMON_PROXIMITY_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vnsearch {

// positions[k] holds the sorted positions of the k-th query word in one
// field. Returns the length of the longest run of consecutive query words
// that occur at consecutive positions (0 if no word occurs at all).
// Example: query "a b c d", positions a={5} b={6} c={1} d={2}: runs "a b"
// and "c d" -> 2.
[[nodiscard]] size_t LongestRun(
    const std::vector<std::vector<uint32_t>>& positions);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_PROXIMITY_H_
