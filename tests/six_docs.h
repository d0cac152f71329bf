// The six small documents that tier_membership_test and filter_match_test
// run their filters on, written as one database and as two shards.

#ifndef VNSEARCH_TESTS_SIX_DOCS_H_
#define VNSEARCH_TESTS_SIX_DOCS_H_

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace vnsearch::testing {

// Terms of each document, in docid order from 1.
inline const std::vector<std::vector<std::string>> kSixDocs = {
    {"a", "b", "c"},  // 1
    {"a", "c"},       // 2
    {"b"},            // 3
    {"a", "b"},       // 4
    {"c", "d"},       // 5
    {"a", "b", "d"},  // 6
};

// Document d's id term: "Qd".
inline std::string SixDocsIdTerm(Xapian::docid d) { return absl::StrCat("Q", d); }

// A fresh `dir` holding the documents as one database (dir/one) and as two
// shards as vnindex --shards makes them (dir/s0, dir/s1): the combined
// database numbers shard K's document d as (d - 1) * 2 + K + 1, so
// documents 1, 3, 5 go to shard 0 and 2, 4, 6 to shard 1. With `id_terms`
// each document also has its id term.
inline void WriteSixDocs(const std::filesystem::path& dir, bool id_terms) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  Xapian::WritableDatabase one((dir / "one").string(),
                               Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::WritableDatabase s0((dir / "s0").string(),
                              Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::WritableDatabase s1((dir / "s1").string(),
                              Xapian::DB_CREATE_OR_OVERWRITE);
  for (size_t i = 0; i < kSixDocs.size(); ++i) {
    Xapian::Document doc;
    for (const std::string& t : kSixDocs[i]) doc.add_term(t);
    if (id_terms) {
      doc.add_boolean_term(SixDocsIdTerm(static_cast<Xapian::docid>(i + 1)));
    }
    one.add_document(doc);
    (i % 2 == 0 ? s0 : s1).add_document(doc);
  }
  one.commit();
  s0.commit();
  s1.commit();
}

// A fixture with the documents written (WriteSixDocs) under
// <tmp>/<suite>.<pid>, `dir_`, for each test.
template <bool kIdTerms>
class SixDocsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           (std::string(::testing::UnitTest::GetInstance()
                            ->current_test_info()
                            ->test_suite_name()) +
            "." + std::to_string(::getpid()));
    WriteSixDocs(dir_, kIdTerms);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
};

}  // namespace vnsearch::testing

#endif  // VNSEARCH_TESTS_SIX_DOCS_H_
