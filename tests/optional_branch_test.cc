// AddOptional (common/search/optional_branch.h): the shape it gives, the
// same page and weights as the nested AND_MAYBE, and that Xapian then
// stops walking the documents that have only the words.

#include "common/search/optional_branch.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace vnsearch {
namespace {

using Query = Xapian::Query;

Query Bonus(double weight, const std::string& term) {
  Query source((new Xapian::FixedWeightPostingSource(weight))->release());
  return Query(Query::OP_FILTER, source, Query(term));
}

TEST(AddOptionalTest, Shapes) {
  const Query a("a"), b("b"), c("c");
  const struct {
    Query query;
    Query optional;
    std::string description;
  } kCases[] = {
      {Query(Query::OP_AND_MAYBE, a, b), c, "Query((a AND_MAYBE (b OR c)))"},
      {a, c, "Query((a AND_MAYBE c))"},
      {Query(Query::OP_AND, a, b), c, "Query(((a AND b) AND_MAYBE c))"},
      {Query(Query::OP_AND_NOT, Query(Query::OP_AND_MAYBE, a, b), c), b,
       "Query((((a AND_MAYBE b) AND_NOT c) AND_MAYBE b))"},
      {Query(Query::OP_AND_MAYBE, a, b), Query(), "Query((a AND_MAYBE b))"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(AddOptional(c.query, c.optional).get_description(), c.description)
        << c.query.get_description();
  }
}

// The words' documents as a posting source that counts how many times the
// matcher moves over them (next, skip_to, check): the work the shape saves.
class CountingWords : public Xapian::PostingSource {
 public:
  CountingWords(const std::string& term, int* moves)
      : term_(term), moves_(moves) {
    set_maxweight(2.0);
  }
  void init(const Xapian::Database& db) override {
    db_ = db;
    it_ = db_.postlist_begin(term_);
    started_ = false;
  }
  Xapian::doccount get_termfreq_min() const override {
    return db_.get_termfreq(term_);
  }
  Xapian::doccount get_termfreq_est() const override {
    return db_.get_termfreq(term_);
  }
  Xapian::doccount get_termfreq_max() const override {
    return db_.get_termfreq(term_);
  }
  void next(double) override {
    ++*moves_;
    if (started_) ++it_;
    started_ = true;
  }
  void skip_to(Xapian::docid did, double) override {
    ++*moves_;
    started_ = true;
    it_.skip_to(did);
  }
  bool at_end() const override {
    return started_ && it_ == db_.postlist_end(term_);
  }
  Xapian::docid get_docid() const override { return *it_; }
  // 1.0 to 2.0 by document, so that the words alone order the documents.
  double get_weight() const override { return 1.0 + (*it_ % 10) / 10.0; }

 private:
  std::string term_;
  int* moves_;
  Xapian::Database db_;
  Xapian::PostingIterator it_;
  bool started_ = false;
};

// 2000 documents with the word "w"; "b" (a pair boost) in every 50th, "t" (a
// tier) in the 1000th and the last, "o" (a restored reading's pair) in every
// 100th from the 25th. The page: the tier documents first, then three with
// "o".
Xapian::WritableDatabase Corpus() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 1; i <= 2000; ++i) {
    Xapian::Document doc;
    doc.add_term("w");
    if (i % 50 == 0) doc.add_term("b");
    if (i == 1000 || i == 2000) doc.add_term("t");
    if (i % 100 == 25) doc.add_term("o");
    db.add_document(doc);
  }
  return db;
}

std::vector<std::pair<Xapian::docid, double>> Page(const Xapian::Database& db,
                                                   const Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  std::vector<std::pair<Xapian::docid, double>> page;
  const Xapian::MSet mset = enquire.get_mset(0, 5);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    page.emplace_back(*it, it.get_weight());
  }
  return page;
}

TEST(AddOptionalTest, SamePageFewerMoves) {
  const Xapian::WritableDatabase db = Corpus();
  const Query branch(Query::OP_OR, Bonus(1000, "t"), Bonus(5, "b"));
  const Query optional = Bonus(200, "o");
  int nested_moves = 0, added_moves = 0;
  auto words = [](int* moves) {
    return Query((new CountingWords("w", moves))->release());
  };
  const Query nested(Query::OP_AND_MAYBE,
                     Query(Query::OP_AND_MAYBE, words(&nested_moves), branch),
                     optional);
  const Query added = AddOptional(
      Query(Query::OP_AND_MAYBE, words(&added_moves), branch), optional);

  const std::vector<std::pair<Xapian::docid, double>> expected =
      Page(db, nested);
  ASSERT_EQ(expected.size(), 5u);
  EXPECT_EQ(expected[0].first, 1000u);  // tied with 2000: docid order
  EXPECT_EQ(expected[1].first, 2000u);
  const std::vector<std::pair<Xapian::docid, double>> got = Page(db, added);
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].first, expected[i].first) << i;
    EXPECT_DOUBLE_EQ(got[i].second, expected[i].second) << i;
  }
  // Nested, the documents with the word are walked up to the last tier
  // document (1927 moves with Xapian 1.4.22); with the optional query in
  // the branch, once the page holds five documents above the words' 2.0
  // (the 425th) the matcher visits only the branch's 62 (175 moves).
  EXPECT_GE(nested_moves, 1800) << nested_moves;
  EXPECT_LE(added_moves, 400) << added_moves;
}

}  // namespace
}  // namespace vnsearch
