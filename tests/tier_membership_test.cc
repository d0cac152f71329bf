// DocumentsInFilters (common/search/tier_membership.h): which documents of a
// page each tier filter matches, from postings, on one database and on two
// opened as one; the same answer as a match of each filter.

#include "common/search/tier_membership.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "tests/six_docs.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using Query = Xapian::Query;
using Matrix = std::vector<std::vector<bool>>;


// What a match of `filter` restricted to `docids` finds, as DocumentsInFilters
// answers it.
std::vector<bool> ByMatch(const Xapian::Database& db, const Query& filter,
                          const std::vector<Xapian::docid>& docids) {
  Xapian::Enquire enquire(db);
  enquire.set_query(filter);
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  const std::set<Xapian::docid> matched(mset.begin(), mset.end());
  std::vector<bool> in;
  for (Xapian::docid d : docids) in.push_back(matched.count(d) > 0);
  return in;
}

class TierMembershipTest : public testing::SixDocsTest</*kIdTerms=*/false> {};

TEST_F(TierMembershipTest, AndOrTreesOverTermsOnOneDatabase) {
  const Xapian::Database db((dir_ / "one").string());
  const std::vector<Query> filters = {
      Query(Query::OP_AND, Query("a"), Query("b")),
      Query(Query::OP_OR, Query("d"), Query("zzz")),  // a term nowhere
      Query(Query::OP_AND, Query("a"),
            Query(Query::OP_OR, Query("c"), Query("d"))),
      Query(Query::OP_SCALE_WEIGHT, Query("c"), 2.0),
      Query("a"),
  };
  // A page in rank order, not docid order.
  const std::vector<Xapian::docid> page = {6, 1, 4, 2, 5};
  const std::optional<Matrix> in = DocumentsInFilters(db, filters, page);
  ASSERT_TRUE(in.has_value());
  const Matrix expected = {
      {true, true, true, false, false},
      {true, false, false, false, true},
      {true, true, false, true, false},
      {false, true, false, true, true},
      {true, true, true, true, false},
  };
  EXPECT_EQ(*in, expected);
  for (size_t f = 0; f < filters.size(); ++f) {
    EXPECT_EQ((*in)[f], ByMatch(db, filters[f], page)) << f;
  }
}

TEST_F(TierMembershipTest, LocalShardsOpenedAsOneNumberAsTheCombinedDatabase) {
  Xapian::Database db((dir_ / "s0").string());
  db.add_database(Xapian::Database((dir_ / "s1").string()));
  // Combined docids: shard 0 holds documents 1, 3, 5 of kSixDocs as 1, 3, 5;
  // shard 1 holds 2, 4, 6 as 2, 4, 6.
  const std::vector<Query> filters = {
      Query(Query::OP_AND, Query("a"), Query("b")),
      Query(Query::OP_OR, Query("c"), Query("d")),
  };
  const std::vector<Xapian::docid> page = {5, 4, 3, 6, 2, 1};
  const std::optional<Matrix> in = DocumentsInFilters(db, filters, page);
  ASSERT_TRUE(in.has_value());
  const Matrix expected = {
      {false, true, false, true, false, true},
      {true, false, false, true, true, true},
  };
  EXPECT_EQ(*in, expected);
  for (size_t f = 0; f < filters.size(); ++f) {
    EXPECT_EQ((*in)[f], ByMatch(db, filters[f], page)) << f;
  }
}

TEST_F(TierMembershipTest, OtherShapesAreLeftToAMatch) {
  const Xapian::Database db((dir_ / "one").string());
  const std::vector<Xapian::docid> page = {1, 2};
  EXPECT_FALSE(DocumentsInFilters(
                   db, {Query(Query::OP_PHRASE, Query("a"), Query("b"))}, page)
                   .has_value());
  EXPECT_FALSE(DocumentsInFilters(
                   db,
                   {Query("a"),
                    Query(Query::OP_AND_NOT, Query("a"), Query("b"))},
                   page)
                   .has_value());
  // MatchAll and an empty page.
  const std::optional<Matrix> all =
      DocumentsInFilters(db, {Query::MatchAll}, page);
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(*all, Matrix({{true, true}}));
  const std::optional<Matrix> none = DocumentsInFilters(db, {Query("a")}, {});
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(*none, Matrix({{}}));
}

}  // namespace
}  // namespace vnsearch
