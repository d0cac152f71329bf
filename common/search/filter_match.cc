#include "common/search/filter_match.h"

#include <cmath>
#include <map>
#include <stdexcept>

namespace vnsearch {

std::vector<std::vector<bool>> DocumentsInFiltersByMatch(
    const Xapian::Database& db, const std::vector<Xapian::Query>& filters,
    const std::vector<Xapian::docid>& docids,
    const std::vector<std::string>& id_terms) {
  if (filters.size() > kMaxMatchedFilters) {
    throw std::invalid_argument("too many filters for one match");
  }
  std::vector<std::vector<bool>> in(filters.size(),
                                    std::vector<bool>(docids.size(), false));
  if (filters.empty() || docids.empty()) return in;
  std::vector<Xapian::Query> lifted;
  for (size_t f = 0; f < filters.size(); ++f) {
    Xapian::Query bit((new Xapian::FixedWeightPostingSource(
                           std::ldexp(1.0, static_cast<int>(f))))
                          ->release());
    lifted.emplace_back(Xapian::Query::OP_FILTER, bit, filters[f]);
  }
  const Xapian::Query page(Xapian::Query::OP_OR, id_terms.begin(),
                           id_terms.end());
  Xapian::Enquire enquire(db);
  // Every term is in a filter's boolean side, so a document's weight is the
  // sum of its filters' bits, exact in a double. (Not BoolWeight: with it
  // Xapian zeroes the posting sources' weights too.)
  enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
  enquire.set_query(Xapian::Query(
      Xapian::Query::OP_FILTER,
      Xapian::Query(Xapian::Query::OP_OR, lifted.begin(), lifted.end()), page));
  const Xapian::MSet mset =
      enquire.get_mset(0, static_cast<Xapian::doccount>(docids.size()));
  std::map<Xapian::docid, unsigned long> bits;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    bits[*it] = static_cast<unsigned long>(std::lround(it.get_weight()));
  }
  for (size_t i = 0; i < docids.size(); ++i) {
    const auto found = bits.find(docids[i]);
    if (found == bits.end()) continue;
    for (size_t f = 0; f < filters.size(); ++f) {
      in[f][i] = (found->second >> f) & 1UL;
    }
  }
  return in;
}

}  // namespace vnsearch
