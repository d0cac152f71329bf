#include "common/search/shard_match.h"

#include <algorithm>

namespace vnsearch {

MatchedPage PageOf(const Xapian::MSet& mset, bool documents) {
  MatchedPage page;
  page.hits.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    page.hits.push_back({*it, it.get_weight(),
                         documents ? it.get_document() : Xapian::Document(),
                         it.get_sort_key()});
  }
  page.estimated = mset.get_matches_estimated();
  page.lower_bound = mset.get_matches_lower_bound();
  page.upper_bound = mset.get_matches_upper_bound();
  return page;
}

ShardRotations::ShardRotations(const std::vector<Xapian::Database>& shards) {
  const size_t n = shards.size();
  if (n < 2) return;
  for (size_t k = 0; k < n; ++k) {
    Xapian::Database rotation;
    for (size_t i = 0; i < n; ++i) rotation.add_database(shards[(k + i) % n]);
    rotations_.push_back(std::move(rotation));
  }
}

MatchedPage ShardRotations::Match(
    Xapian::doccount size,
    const std::function<void(Xapian::Enquire&)>& configure) const {
  const Xapian::doccount n = static_cast<Xapian::doccount>(rotations_.size());
  MatchedPage page;
  for (Xapian::doccount k = 0; k < n; ++k) {
    Xapian::Enquire enquire(rotations_[k]);
    configure(enquire);
    const Xapian::MSet mset = enquire.get_mset(0, size);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      // Document d of the rotation is document (d - 1) / n + 1 of its
      // shard (d - 1) % n, counted from shard k.
      const Xapian::docid d = *it;
      if ((d - 1) % n != 0) continue;
      const Xapian::docid local = (d - 1) / n + 1;
      page.hits.push_back(
          {(local - 1) * n + k + 1, it.get_weight(), it.get_document(),
           it.get_sort_key()});
    }
    // Every rotation bounds the same count; its estimate is rotation 0's.
    const Xapian::doccount lower = mset.get_matches_lower_bound();
    const Xapian::doccount upper = mset.get_matches_upper_bound();
    if (k == 0) {
      page.estimated = mset.get_matches_estimated();
      page.lower_bound = lower;
      page.upper_bound = upper;
    } else {
      page.lower_bound = std::max(page.lower_bound, lower);
      page.upper_bound = std::min(page.upper_bound, upper);
    }
  }
  std::sort(page.hits.begin(), page.hits.end(),
            [](const MatchedHit& a, const MatchedHit& b) {
              return a.weight != b.weight ? a.weight > b.weight
                                          : a.docid < b.docid;
            });
  if (page.hits.size() > size) page.hits.resize(size);
  page.lower_bound = std::max<Xapian::doccount>(
      page.lower_bound, static_cast<Xapian::doccount>(page.hits.size()));
  page.upper_bound = std::max(page.upper_bound, page.lower_bound);
  page.estimated =
      std::clamp(page.estimated, page.lower_bound, page.upper_bound);
  return page;
}

}  // namespace vnsearch
