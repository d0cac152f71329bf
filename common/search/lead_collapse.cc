#include "common/search/lead_collapse.h"

#include <string_view>

#include "absl/container/flat_hash_map.h"

namespace vnsearch {

std::vector<size_t> LeadMerges(const std::vector<std::string>& lead_keys) {
  std::vector<size_t> into(lead_keys.size(), kKeptHit);
  absl::flat_hash_map<std::string_view, size_t> first;
  for (size_t i = 0; i < lead_keys.size(); ++i) {
    if (lead_keys[i].empty()) continue;
    auto [it, inserted] = first.try_emplace(lead_keys[i], i);
    if (!inserted) into[i] = it->second;
  }
  return into;
}

}  // namespace vnsearch
