#include "common/search/tier_membership.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <string>

namespace vnsearch {
namespace {

// A filter as a tree over the distinct terms of all filters.
struct Node {
  enum Kind { kTerm, kAll, kAny, kTrue, kFalse } kind = kFalse;
  size_t term = 0;  // kTerm: index into the distinct terms
  std::vector<Node> children;
};

bool Read(const Xapian::Query& query, std::map<std::string, size_t>& terms,
          Node& node) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      node.kind = Node::kTerm;
      const std::string term = *query.get_terms_begin();
      node.term = terms.emplace(term, terms.size()).first->second;
      return true;
    }
    case Xapian::Query::LEAF_MATCH_ALL:
      node.kind = Node::kTrue;
      return true;
    case Xapian::Query::LEAF_MATCH_NOTHING:
      node.kind = Node::kFalse;
      return true;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SCALE_WEIGHT:  // one subquery: matches as it does
      node.kind = Node::kAll;
      break;
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
      node.kind = Node::kAny;
      break;
    default:
      return false;
  }
  node.children.resize(query.get_num_subqueries());
  for (size_t i = 0; i < node.children.size(); ++i) {
    if (!Read(query.get_subquery(i), terms, node.children[i])) return false;
  }
  return true;
}

// `present[t][i]`: document i holds distinct term t.
bool Matches(const Node& node, const std::vector<std::vector<bool>>& present,
             size_t i) {
  switch (node.kind) {
    case Node::kTerm:
      return present[node.term][i];
    case Node::kTrue:
      return true;
    case Node::kFalse:
      return false;
    case Node::kAll:
      return std::all_of(
          node.children.begin(), node.children.end(),
          [&](const Node& child) { return Matches(child, present, i); });
    case Node::kAny:
      return std::any_of(
          node.children.begin(), node.children.end(),
          [&](const Node& child) { return Matches(child, present, i); });
  }
  return false;
}

}  // namespace

std::optional<std::vector<std::vector<bool>>> DocumentsInFilters(
    const Xapian::Database& db, const std::vector<Xapian::Query>& filters,
    const std::vector<Xapian::docid>& docids) {
  std::map<std::string, size_t> terms;
  std::vector<Node> trees(filters.size());
  for (size_t f = 0; f < filters.size(); ++f) {
    if (!Read(filters[f], terms, trees[f])) return std::nullopt;
  }
  // The page in docid order, for one forward pass over each posting list.
  std::vector<size_t> order(docids.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return docids[a] < docids[b]; });
  std::vector<std::vector<bool>> present(
      terms.size(), std::vector<bool>(docids.size(), false));
  for (const auto& [term, t] : terms) {
    Xapian::PostingIterator it = db.postlist_begin(term);
    const Xapian::PostingIterator end = db.postlist_end(term);
    for (size_t i : order) {
      if (it == end) break;
      it.skip_to(docids[i]);
      if (it != end && *it == docids[i]) present[t][i] = true;
    }
  }
  std::vector<std::vector<bool>> in(filters.size(),
                                    std::vector<bool>(docids.size(), false));
  for (size_t f = 0; f < filters.size(); ++f) {
    for (size_t i = 0; i < docids.size(); ++i) {
      in[f][i] = Matches(trees[f], present, i);
    }
  }
  return in;
}

}  // namespace vnsearch
