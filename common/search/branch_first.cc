#include "common/search/branch_first.h"

#include <algorithm>

namespace vnsearch {

std::optional<BranchFirstPage> FindBranchFirstPage(Xapian::Enquire& enquire,
                                                   Xapian::Query query,
                                                   Xapian::doccount size) {
  using Xapian::Query;
  if (size == 0 || query.get_type() != Query::OP_AND_MAYBE ||
      query.get_num_subqueries() != 2) {
    return std::nullopt;
  }
  const Query words = query.get_subquery(0);
  BranchFirstPage page;
  enquire.set_query(Query(Query::OP_AND, words, query.get_subquery(1)));
  page.mset = enquire.get_mset(0, size);
  std::optional<BranchFirstPage> found;
  if (page.mset.size() == size) {
    // The words alone, unwalked (get_mset(0, 0) only builds the matcher's
    // tree): their maximum weight, and Xapian's estimate of their count.
    // Counting them exactly would walk the dense AND this page avoids.
    enquire.set_query(words);
    const Xapian::MSet bound = enquire.get_mset(0, 0);
    if (page.mset[size - 1].get_weight() > bound.get_max_possible()) {
      page.total =
          std::max<uint64_t>(bound.get_matches_estimated(),
                             std::max(page.mset.get_matches_estimated(), size));
      page.total_exact =
          bound.get_matches_lower_bound() == bound.get_matches_upper_bound() &&
          bound.get_matches_estimated() == page.total;
      found = std::move(page);
    }
  }
  enquire.set_query(query);
  return found;
}

}  // namespace vnsearch
