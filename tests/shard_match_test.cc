// ShardRotations (common/search/shard_match.h): the page over local shards
// is the page of one database, where Xapian 1.4's merged matcher drops a
// branch of the second shard's query (a 3-way OR of FixedWeightPostingSource
// FILTERs, each by an OR of two terms, under an AND_MAYBE, as the
// restoration preference is built).

#include "common/search/shard_match.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace vnsearch {
namespace {

using Q = Xapian::Query;
using Page = std::vector<std::pair<std::string, double>>;  // id term, weight

// Documents as term lists; the first term is the id ("Q..."). Shard 0's
// three documents have two of the three bonuses each and fill a page of
// one or two; shard 1's b1 has all three and ranks first. Xapian starts
// shard 1 with the weight the page needs (above the words' maximum), and
// the decayed OR drops one bonus branch: b1 falls below the page.
const std::vector<std::vector<std::string>> kShard0 = {
    {"Qa1", "w", "v", "p1x", "p2y"},
    {"Qa2", "w", "v", "p1y", "p2x"},
    {"Qa3", "w", "v", "p1x", "p2x"},
};
const std::vector<std::vector<std::string>> kShard1 = {
    {"Qb1", "w", "v", "p0x", "p1x", "p2y"},
    {"Qb2", "w", "v"},
    {"Qb3", "v", "x"},
};

class ShardMatchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ =
        new std::filesystem::path(std::filesystem::temp_directory_path() /
                                  absl::StrCat("shard_match_test_", getpid()));
    std::filesystem::remove_all(*dir_);
    std::filesystem::create_directories(*dir_);
    Xapian::WritableDatabase one((*dir_ / "one").string(),
                                 Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    for (int k = 0; k < 2; ++k) {
      Xapian::WritableDatabase shard(
          (*dir_ / absl::StrCat("s", k)).string(),
          Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
      for (const auto& terms : k == 0 ? kShard0 : kShard1) {
        Xapian::Document doc;
        for (const std::string& term : terms) doc.add_term(term);
        shard.add_document(doc);
      }
      shard.commit();
    }
    // One database numbered as the two shards are together.
    for (size_t d = 0; d < kShard0.size(); ++d) {
      for (const auto* docs : {&kShard0, &kShard1}) {
        Xapian::Document doc;
        for (const std::string& term : (*docs)[d]) doc.add_term(term);
        one.add_document(doc);
      }
    }
    one.commit();
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static Xapian::Database Open(const std::string& name) {
    return Xapian::Database((*dir_ / name).string());
  }

  // AND_MAYBE(w AND v, bonus(p0) OR bonus(p1) OR bonus(p2)), each bonus a
  // FixedWeightPostingSource(10) filtered by "pKx OR pKy".
  static Q Query() {
    std::vector<Q> bonuses;
    for (int k = 0; k < 3; ++k) {
      bonuses.emplace_back(
          Q::OP_FILTER,
          Q((new Xapian::FixedWeightPostingSource(10))->release()),
          Q(Q::OP_OR, Q(absl::StrCat("p", k, "x")),
            Q(absl::StrCat("p", k, "y"))));
    }
    return Q(Q::OP_AND_MAYBE, Q(Q::OP_AND, Q("w"), Q("v")),
             Q(Q::OP_OR, bonuses.begin(), bonuses.end()));
  }

  static void Configure(Xapian::Enquire& enquire) {
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
    enquire.set_query(Query());
  }

  static std::string IdOf(const Xapian::Document& doc) {
    Xapian::TermIterator t = doc.termlist_begin();
    t.skip_to("Q");
    return *t;
  }

  static Page Of(const Xapian::MSet& mset) {
    Page page;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      page.emplace_back(IdOf(it.get_document()), it.get_weight());
    }
    return page;
  }

  static Page Of(const MatchedPage& matched) {
    Page page;
    for (const MatchedHit& hit : matched.hits) {
      page.emplace_back(IdOf(hit.document), hit.weight);
    }
    return page;
  }

  static Page MSetPage(const Xapian::Database& db, Xapian::doccount size,
                       Xapian::doccount check_at_least) {
    Xapian::Enquire enquire(db);
    Configure(enquire);
    return Of(enquire.get_mset(0, size, check_at_least));
  }

  static void ExpectSame(const Page& got, const Page& want) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].first, want[i].first) << "rank " << i + 1;
      EXPECT_NEAR(got[i].second, want[i].second, 1e-9) << "rank " << i + 1;
    }
  }

  static std::filesystem::path* dir_;
};

std::filesystem::path* ShardMatchTest::dir_ = nullptr;

TEST_F(ShardMatchTest, RotationsGiveThePageOfOneDatabase) {
  Xapian::Database set;
  set.add_database(Open("s0"));
  set.add_database(Open("s1"));
  const ShardRotations rotations({Open("s0"), Open("s1")});
  ASSERT_FALSE(rotations.empty());
  const Xapian::Database one = Open("one");
  for (Xapian::doccount size = 1; size <= 6; ++size) {
    SCOPED_TRACE(absl::StrCat("page of ", size));
    const Page want = MSetPage(one, size, 0);
    // The full pass over the set is right (nothing pruned) ...
    ExpectSame(MSetPage(set, size, set.get_doccount()), want);
    // ... and so are the rotations, which prune.
    const MatchedPage page = rotations.Match(size, Configure);
    ExpectSame(Of(page), want);
    // Document numbers are the set's: the same documents.
    for (const MatchedHit& hit : page.hits) {
      EXPECT_EQ(IdOf(set.get_document(hit.docid)), IdOf(hit.document));
    }
    EXPECT_GE(page.lower_bound, page.hits.size());
    EXPECT_LE(page.lower_bound, page.estimated);
    EXPECT_LE(page.estimated, page.upper_bound);
  }
}

// The defect itself, so that a Xapian that fixes it is noticed: the
// pruned merged match drops bonuses of the second shard (then the
// rotations may go; shard_match.h).
TEST_F(ShardMatchTest, XapianMergedMatcherDropsABranchOfTheSecondShard) {
  Xapian::Database set;
  set.add_database(Open("s0"));
  set.add_database(Open("s1"));
  const Page pruned = MSetPage(set, 2, 0);
  const Page full = MSetPage(set, 2, set.get_doccount());
  ASSERT_EQ(full.size(), 2u);
  EXPECT_EQ(full[0].first, "Qb1");
  EXPECT_NE(pruned, full) << "Xapian's merged matcher now prunes this query "
                             "right: ShardRotations may no longer be needed";
}

TEST(ShardRotationsTest, FewerThanTwoShardsHaveNoRotations) {
  EXPECT_TRUE(ShardRotations().empty());
  EXPECT_TRUE(ShardRotations(std::vector<Xapian::Database>(1)).empty());
}

TEST(PageOfTest, SortKeysAreTheRecordsAndDocumentsStayUnfetched) {
  // What the searcher relies on over remote shards: sorted by relevance
  // then by a value slot, each hit carries that value as its sort key, so
  // the page needs no document.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* record : {"r-one", "r-two", "r-three"}) {
    Xapian::Document doc;
    doc.add_term("w");
    doc.add_value(1, record);
    db.add_document(doc);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("w"));
  enquire.set_sort_by_relevance_then_value(1, false);
  const MatchedPage page = PageOf(enquire.get_mset(0, 10), false);
  ASSERT_EQ(page.hits.size(), 3u);
  std::vector<std::string> records;
  for (const MatchedHit& hit : page.hits) {
    records.push_back(hit.record);
    // No document was fetched: an empty handle.
    EXPECT_EQ(hit.document.get_docid(), 0u);
  }
  // Equal weights: ordered by the value, ascending.
  EXPECT_EQ(records, (std::vector<std::string>{"r-one", "r-three", "r-two"}));
  // Sorted by relevance alone there is no sort key, and PageOf fetches.
  enquire.set_sort_by_relevance();
  const MatchedPage plain = PageOf(enquire.get_mset(0, 10));
  ASSERT_EQ(plain.hits.size(), 3u);
  for (const MatchedHit& hit : plain.hits) {
    EXPECT_EQ(hit.record, "");
    EXPECT_EQ(hit.document.get_value(1).rfind("r-", 0), 0u);
  }
}

}  // namespace
}  // namespace vnsearch
