#include "common/search/optional_branch.h"

namespace vnsearch {

Xapian::Query AddOptional(const Xapian::Query& query,
                          const Xapian::Query& optional) {
  using Xapian::Query;
  if (optional.empty()) return query;
  if (query.get_type() == Query::OP_AND_MAYBE &&
      query.get_num_subqueries() == 2) {
    return Query(Query::OP_AND_MAYBE, query.get_subquery(0),
                 Query(Query::OP_OR, query.get_subquery(1), optional));
  }
  return Query(Query::OP_AND_MAYBE, query, optional);
}

}  // namespace vnsearch
