// Exact pages over local shards with Xapian's pruning on (issue 15).
//
// Xapian 1.4's matcher searches a set of local databases one after another
// (MergePostList), and starts each shard after the first with the weight
// the page already needs (the matcher's min_weight). A postlist tree
// started that way can lose a branch: its first call is then a skip_to()
// or check() with a high minimum weight, on which OrPostList decays into an
// AndMaybePostList before either branch has started, and
// AndMaybePostList::sync_rhs() checks the optional branch at document 0.
// A branch that is an AND holding an OR (vnsearch's FILTER of a
// FixedWeightPostingSource by "exact pair OR exact pair across", or an OR
// that itself decays) then sees no document and reports at_end(), and the
// decayed node drops it: its documents lose that weight, and those that
// needed it fall off the page. (matcher/orpostlist.cc, andmaybepostlist.cc,
// multiandpostlist.cc in 1.4.22, unchanged to 1.4.32; one database with a
// weight cutoff, Enquire::set_cutoff(0, w), shows the same.) The tree
// started with no minimum weight, as the first shard and one index are, is
// right.
//
// So every shard is matched first once: rotation k opens shards k, k+1,
// ..., k-1 as one database (the same global statistics, so the same
// weights to the bit) and keeps the hits of its first shard; the page is
// the best of those, in the order of one MSet of the set (weight, then
// document number). Each rotation still prunes: the other shards are
// walked against the page's minimum weight, not in full.

#ifndef VNSEARCH_COMMON_SEARCH_SHARD_MATCH_H_
#define VNSEARCH_COMMON_SEARCH_SHARD_MATCH_H_

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

namespace vnsearch {

struct MatchedHit {
  Xapian::docid docid = 0;  // in the set as opened (all shards, in order)
  double weight = 0;
  Xapian::Document document;  // none when PageOf was told not to fetch it
  // The hit's sort key: its record (kRecordSlot) when the match sorted
  // by relevance then record (the searcher does over remote shards), else
  // "" (read it from the document).
  std::string record;
};

// A ranked page of hits and Xapian's bounds on the number of matches.
struct MatchedPage {
  std::vector<MatchedHit> hits;
  Xapian::doccount estimated = 0;
  Xapian::doccount lower_bound = 0;
  Xapian::doccount upper_bound = 0;
};

// The page of one MSet: its sort keys, and its documents as MSetIterator
// gives them (fetched ones from the MSet's cache) unless `documents` is
// false (a remote document is a round trip each).
[[nodiscard]] MatchedPage PageOf(const Xapian::MSet& mset,
                                 bool documents = true);

// The rotations of a set of local shards. Not thread-safe (Xapian's
// databases are not).
class ShardRotations {
 public:
  ShardRotations() = default;
  // `shards` in the order of the set; fewer than two: empty().
  explicit ShardRotations(const std::vector<Xapian::Database>& shards);

  [[nodiscard]] bool empty() const { return rotations_.empty(); }

  // The best `size` hits of all shards, as one get_mset(0, size) on the
  // set would rank them without the defect above. `configure` sets up each
  // rotation's Enquire (weighting scheme, query, match spies) as the set's
  // own. Throws Xapian::Error as get_mset does.
  [[nodiscard]] MatchedPage Match(
      Xapian::doccount size,
      const std::function<void(Xapian::Enquire&)>& configure) const;

 private:
  std::vector<Xapian::Database> rotations_;  // rotation k: shard k first
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_SHARD_MATCH_H_
