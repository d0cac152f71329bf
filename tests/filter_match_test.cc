// DocumentsInFiltersByMatch (common/search/filter_match.h): which documents
// of a page each tier filter matches, by one match; the same answers as
// DocumentsInFilters (postings) on one database and on local shards, and
// the same over two remote shards served by real xapian-tcpsrv processes.

#include "common/search/filter_match.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/search/tier_membership.h"
#include "tests/six_docs.h"
#include "tests/xapian_server.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using Query = Xapian::Query;
using Matrix = std::vector<std::vector<bool>>;


std::string IdTerm(Xapian::docid d) { return testing::SixDocsIdTerm(d); }

class FilterMatchTest : public testing::SixDocsTest</*kIdTerms=*/true> {
 protected:
  static std::vector<std::string> Ids(const std::vector<Xapian::docid>& page) {
    std::vector<std::string> ids;
    for (Xapian::docid d : page) ids.push_back(IdTerm(d));
    return ids;
  }
};

const std::vector<Query>& Filters() {
  static const std::vector<Query> filters = {
      Query(Query::OP_AND, Query("a"), Query("b")),
      Query(Query::OP_OR, Query("d"), Query("zzz")),  // a term nowhere
      Query(Query::OP_AND, Query("a"),
            Query(Query::OP_OR, Query("c"), Query("d"))),
      Query(Query::OP_SCALE_WEIGHT, Query("c"), 2.0),
      Query("a"),
  };
  return filters;
}

// The page in rank order, not docid order; every filter matched, and
// documents matching none (3, 5 for some filters).
const std::vector<Xapian::docid> kPage = {6, 1, 4, 2, 5, 3};
const Matrix kExpected = {
    {true, true, true, false, false, false},
    {true, false, false, false, true, false},
    {true, true, false, true, false, false},
    {false, true, false, true, true, false},
    {true, true, true, true, false, false},
};

TEST_F(FilterMatchTest, OneDatabaseAsThePostingsSayIt) {
  const Xapian::Database db((dir_ / "one").string());
  EXPECT_EQ(DocumentsInFiltersByMatch(db, Filters(), kPage, Ids(kPage)),
            kExpected);
  const std::optional<Matrix> postings =
      DocumentsInFilters(db, Filters(), kPage);
  ASSERT_TRUE(postings.has_value());
  EXPECT_EQ(*postings, kExpected);
}

TEST_F(FilterMatchTest, PartOfThePageAndNothingToMatch) {
  const Xapian::Database db((dir_ / "one").string());
  const std::vector<Xapian::docid> part = {4, 5};
  EXPECT_EQ(DocumentsInFiltersByMatch(db, Filters(), part, Ids(part)),
            Matrix({{true, false},
                    {false, true},
                    {false, false},
                    {false, true},
                    {true, false}}));
  EXPECT_EQ(DocumentsInFiltersByMatch(db, Filters(), {}, {}),
            Matrix(Filters().size(), std::vector<bool>()));
  EXPECT_EQ(DocumentsInFiltersByMatch(db, {}, kPage, Ids(kPage)), Matrix());
  // Any query may be a filter here, a phrase too (no positions: nothing).
  EXPECT_EQ(DocumentsInFiltersByMatch(
                db, {Query(Query::OP_AND_NOT, Query("a"), Query("b"))}, kPage,
                Ids(kPage)),
            Matrix({{false, false, false, true, false, false}}));
  const std::vector<Query> too_many(kMaxMatchedFilters + 1, Query("a"));
  EXPECT_THROW((void)DocumentsInFiltersByMatch(db, too_many, kPage, Ids(kPage)),
               std::invalid_argument);
}

TEST_F(FilterMatchTest, LocalAndRemoteShardsNumberAsTheCombinedDatabase) {
  Xapian::Database local((dir_ / "s0").string());
  local.add_database(Xapian::Database((dir_ / "s1").string()));
  // Combined docids of the shards are kSixDocs' own (see SetUp).
  EXPECT_EQ(DocumentsInFiltersByMatch(local, Filters(), kPage, Ids(kPage)),
            kExpected);
  if (!testing::HaveTcpsrv()) GTEST_SKIP() << "xapian-tcpsrv not installed";
  testing::TcpServer a((dir_ / "s0").string(), dir_ / "tcpsrv-0.log");
  testing::TcpServer b((dir_ / "s1").string(), dir_ / "tcpsrv-1.log");
  ASSERT_TRUE(a.ready() && b.ready());
  Xapian::Database remote = Xapian::Remote::open("127.0.0.1", a.port());
  remote.add_database(Xapian::Remote::open("127.0.0.1", b.port()));
  EXPECT_EQ(DocumentsInFiltersByMatch(remote, Filters(), kPage, Ids(kPage)),
            kExpected);
}

}  // namespace
}  // namespace vnsearch
