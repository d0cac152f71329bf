// End-to-end tests of accent restoration and Telex/VNI decoding (issue 13):
// the real vnindex and vnsearch on corpus/.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/run_binary.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::Exec;
using testing::kBin;
using testing::kCorpus;
using testing::Quote;
using testing::RunResult;

class AccentCliTest : public testing::SuiteIndexTest<AccentCliTest> {
 public:
  static constexpr const char* kPrefix = "vnsearch_accent_cli_test";

 protected:
  static RunResult Search(const std::string& args,
                          const std::string& index = *index_) {
    return testing::RunVnsearch(index, args);
  }
  static json Json(const std::string& query, const std::string& flags = "",
                   const std::string& index = *index_) {
    return testing::SearchJson(index, query, flags);
  }
  static std::vector<std::string> Ids(const json& result) {
    return testing::HitIds(result);
  }
};

TEST_F(AccentCliTest, EachGenerationHoldsItsAccentTable) {
  bool found = false;
  for (const auto& entry : fs::directory_iterator(*index_)) {
    if (entry.path().filename().string().rfind("gen-", 0) == 0) {
      found = found || fs::exists(entry.path() / "vnaccents.bin");
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(AccentCliTest, TelexIsDecodedShownAndSearched) {
  const json result = Json("dangr uyr khoois");
  EXPECT_EQ(result["decoded"], "đảng ủy khối");
  EXPECT_EQ(result["decoded_as"], "Telex");
  EXPECT_FALSE(result.contains("restored"));
  EXPECT_EQ(result["query"], "dangr uyr khoois");
  // Searched as decoded: the same hits as the query typed with diacritics.
  EXPECT_EQ(Ids(result), Ids(Json("đảng ủy khối")));
  EXPECT_FALSE(result["hits"].empty());
  const RunResult text = Search(Quote("dangr uyr khoois"));
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out,
              HasSubstr("Searching for: đảng ủy khối (typed as Telex)\n"));
  // Capitals as typed; the tone key right after the vowel too.
  EXPECT_THAT(Search(Quote("Ddarng uyr khoosi")).out,
              HasSubstr("Searching for: Đảng ủy khối (typed as Telex)\n"));
}

TEST_F(AccentCliTest, VniIsDecoded) {
  const json result = Json("da9ng3 u3y khoi61");
  EXPECT_EQ(result["decoded"], "đảng ủy khối");
  EXPECT_EQ(result["decoded_as"], "VNI");
  EXPECT_EQ(Ids(result), Ids(Json("đảng ủy khối")));
  EXPECT_THAT(Search(Quote("d9a3ng u3y kho6i1")).out,
              HasSubstr("Searching for: đảng ủy khối (typed as VNI)\n"));
}

TEST_F(AccentCliTest, OrdinaryWordsNamesCodesAndEnglishAreNotDecoded) {
  for (const char* query : {"Trump", "file", "VNPT", "2020", "Covid-19",
                            "facebook", "TT&TT", "03-CT/TW", "truong minh tuan",
                            "Đảng ủy"}) {
    const json result = Json(query);
    EXPECT_FALSE(result.contains("decoded")) << query;
  }
}

TEST_F(AccentCliTest, UnaccentedQueryIsRestoredAndShown) {
  const json result = Json("dang uy");
  EXPECT_EQ(result["restored"], "đảng ủy");
  EXPECT_TRUE(result["restore_confidence"].is_number());
  EXPECT_FALSE(result.contains("decoded"));
  const RunResult text = Search("dang uy");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("Showing results for: đảng ủy (search "
                                  "exactly: :exact dang uy)\n"));
  // Case as typed in the text, lowercase in JSON.
  EXPECT_THAT(Search("Dang Uy").out, HasSubstr("Showing results for: Đảng Ủy"));
  EXPECT_EQ(Json("Dang Uy")["restored"], "đảng ủy");
}

TEST_F(AccentCliTest, RestorationNeverDropsADocument) {
  for (const char* query : {"dang uy", "dang bo", "cong tac", "thong tin",
                            "truong minh tuan", "trien khai nhiem vu"}) {
    const json restored = Json(query);
    const json plain = Json(query, "--no-restore");
    EXPECT_EQ(restored["total"], plain["total"]) << query;
    std::vector<std::string> a = Ids(restored), b = Ids(plain);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b) << query;
    EXPECT_FALSE(plain.contains("restored")) << query;
  }
}

TEST_F(AccentCliTest, ExactPrefixAndNoRestoreSearchAsTyped) {
  const json exact = Json(":exact dang uy");
  EXPECT_FALSE(exact.contains("restored"));
  EXPECT_EQ(exact["query"], ":exact dang uy");
  const json off = Json("dang uy", "--no-restore");
  EXPECT_FALSE(off.contains("restored"));
  EXPECT_EQ(Ids(exact), Ids(off));
  EXPECT_THAT(Search(Quote(":exact dangr")).out, Not(HasSubstr("Searching for")));
  EXPECT_FALSE(Json("dangr uyr", "--no-restore").contains("decoded"));
  // Accented queries are searched as typed.
  EXPECT_FALSE(Json("đảng ủy").contains("restored"));
}

TEST_F(AccentCliTest, BatchModeReadsEveryLine) {
  const RunResult batch = Exec(kBin + "/vnsearch --json --limit 1 --index " +
                                   Quote(*index_),
                               "dangr uyr khoois\ndang uy\nđảng ủy\n");
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  std::istringstream lines(batch.out);
  std::vector<json> results;
  for (std::string line; std::getline(lines, line);) {
    results.push_back(json::parse(line));
  }
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["decoded"], "đảng ủy khối");
  EXPECT_EQ(results[1]["restored"], "đảng ủy");
  EXPECT_FALSE(results[2].contains("restored"));
}

TEST_F(AccentCliTest, AnIndexWithoutATableSearchesAsTyped) {
  const std::string index = (*dir_ / "no-table").string();
  ASSERT_EQ(Exec(kBin + "/vnindex --corpus " + Quote(kCorpus) + " --index " +
                 Quote(index))
                .exit_code,
            0);
  for (const auto& entry : fs::directory_iterator(index)) {
    if (entry.is_directory()) fs::remove(entry.path() / "vnaccents.bin");
  }
  const json result = Json("dangr uyr khoois", "", index);
  EXPECT_FALSE(result.contains("decoded"));
  EXPECT_FALSE(Json("dang uy", "", index).contains("restored"));
  EXPECT_EQ(Json("dang uy", "", index)["total"], Json("dang uy")["total"]);
}

}  // namespace
}  // namespace vnsearch
