#include "common/proximity.h"

#include <algorithm>
#include <utility>

namespace vnsearch {

size_t LongestRun(const std::vector<std::vector<uint32_t>>& positions) {
  size_t best = 0;
  // (position, length of the run ending there) for the previous word.
  std::vector<std::pair<uint32_t, size_t>> previous, current;
  for (const std::vector<uint32_t>& word : positions) {
    current.clear();
    size_t j = 0;
    for (uint32_t p : word) {
      while (j < previous.size() && previous[j].first + 1 < p) ++j;
      size_t run = 1;
      if (j < previous.size() && previous[j].first + 1 == p) {
        run = previous[j].second + 1;
      }
      current.emplace_back(p, run);
      best = std::max(best, run);
    }
    previous.swap(current);
  }
  return best;
}

}  // namespace vnsearch
