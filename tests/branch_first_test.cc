// FindBranchFirstPage: the page of "words AND_MAYBE branch" from the
// branch's documents first, only when no other document could enter it.

#include "common/search/branch_first.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <optional>
#include <utility>
#include <vector>

namespace vnsearch {
namespace {

using Xapian::Query;

// 200 documents; the first 40 have the word "w" (wdf 1..4), and the first
// `branch_docs` of those also "b".
Xapian::WritableDatabase Documents(int branch_docs) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 200; ++i) {
    Xapian::Document doc;
    if (i < 40) doc.add_term("w", 1 + i % 4);
    doc.add_term("filler", 1 + i % 7);
    if (i < branch_docs) doc.add_term("b", 1 + i % 3);
    db.add_document(doc);
  }
  db.commit();
  return db;
}

std::vector<std::pair<Xapian::docid, double>> Page(const Xapian::MSet& mset) {
  std::vector<std::pair<Xapian::docid, double>> page;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    page.emplace_back(*it, it.get_weight());
  }
  return page;
}

Query WordsMaybeBranch(double branch_scale) {
  return Query(Query::OP_AND_MAYBE, Query("w"),
               Query(Query::OP_SCALE_WEIGHT, Query("b"), branch_scale));
}

TEST(BranchFirstTest, HeavyBranchFillingThePageGivesTheSamePage) {
  Xapian::WritableDatabase db = Documents(20);
  Xapian::Enquire enquire(db);
  const Query query = WordsMaybeBranch(100);
  enquire.set_query(query);
  const Xapian::MSet full = enquire.get_mset(0, 10);
  std::optional<BranchFirstPage> page = FindBranchFirstPage(enquire, query, 10);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(Page(page->mset), Page(full));
  // The words' count, from Xapian's bounds (exact for one term).
  EXPECT_EQ(page->total, 40u);
  EXPECT_TRUE(page->total_exact);
  // The enquire is left on the query it was given, not on its parts.
  EXPECT_EQ(enquire.get_query().get_description(), query.get_description());
}

TEST(BranchFirstTest, BranchTooSmallForThePageIsNotUsed) {
  Xapian::WritableDatabase db = Documents(5);
  Xapian::Enquire enquire(db);
  const Query query = WordsMaybeBranch(100);
  enquire.set_query(query);
  // The enquire's own query may be passed (set_query replaces it).
  EXPECT_FALSE(
      FindBranchFirstPage(enquire, enquire.get_query(), 10).has_value());
  EXPECT_EQ(enquire.get_query().get_description(), query.get_description());
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 10u);
}

TEST(BranchFirstTest, LightBranchThatWordsAloneCouldOutweighIsNotUsed) {
  Xapian::WritableDatabase db = Documents(20);
  Xapian::Enquire enquire(db);
  const Query query = WordsMaybeBranch(0.01);
  enquire.set_query(query);
  EXPECT_FALSE(FindBranchFirstPage(enquire, query, 10).has_value());
  EXPECT_EQ(enquire.get_query().get_description(), query.get_description());
}

TEST(BranchFirstTest, OtherShapesAndEmptyPagesAreNotUsed) {
  Xapian::WritableDatabase db = Documents(20);
  Xapian::Enquire enquire(db);
  const Query plain(Query::OP_AND, Query("w"), Query("b"));
  enquire.set_query(plain);
  EXPECT_FALSE(FindBranchFirstPage(enquire, plain, 10).has_value());
  const Query query = WordsMaybeBranch(100);
  enquire.set_query(query);
  EXPECT_FALSE(FindBranchFirstPage(enquire, query, 0).has_value());
}

}  // namespace
}  // namespace vnsearch
