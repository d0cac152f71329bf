#include "common/search/lead_collapse.h"

#include <numeric>
#include <string_view>

#include "absl/container/flat_hash_map.h"

namespace vnsearch {

std::vector<size_t> LeadMerges(const std::vector<std::string>& lead_keys) {
  std::vector<CopyKeys> keys(lead_keys.size());
  for (size_t i = 0; i < lead_keys.size(); ++i) keys[i][1] = lead_keys[i];
  return CopyMerges(keys);
}

std::vector<size_t> CopyMerges(const std::vector<CopyKeys>& keys) {
  // Union-find over positions; a group's root is its best-ranked (lowest)
  // position, so that each hit merges into the first of its group.
  std::vector<size_t> parent(keys.size());
  std::iota(parent.begin(), parent.end(), size_t{0});
  auto find = [&](size_t i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (size_t kind = 0; kind < 2; ++kind) {
    absl::flat_hash_map<std::string_view, size_t> first;
    for (size_t i = 0; i < keys.size(); ++i) {
      const std::string& key = keys[i][kind];
      if (key.empty()) continue;
      auto [it, inserted] = first.try_emplace(key, i);
      if (inserted) continue;
      const size_t a = find(it->second), b = find(i);
      if (a < b) {
        parent[b] = a;
      } else if (b < a) {
        parent[a] = b;
      }
    }
  }
  std::vector<size_t> into(keys.size(), kKeptHit);
  for (size_t i = 0; i < keys.size(); ++i) {
    const size_t root = find(i);
    if (root != i) into[i] = root;
  }
  return into;
}

}  // namespace vnsearch
