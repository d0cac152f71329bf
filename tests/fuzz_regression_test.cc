// Replays every fuzz seed (fuzz/corpus/TARGET) and every input a fuzzer
// ever failed on (fuzz/regressions/TARGET) through the fuzz targets'
// invariants (fuzz/fuzz_checks.h), with whatever compiler builds the tests:
// a finding stays fixed even where libFuzzer is not available.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_checks.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> Inputs(const std::string& target) {
  std::vector<fs::path> files;
  for (const char* kind : {"corpus", "regressions"}) {
    const fs::path dir = fs::path(VNSEARCH_SOURCE_DIR) / "fuzz" / kind / target;
    if (!fs::is_directory(dir)) continue;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().filename() != ".keep") {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

FuzzChecks& Checks() {
  static FuzzChecks* checks = new FuzzChecks(
      std::string(VNSEARCH_SOURCE_DIR) + "/corpus", ::testing::TempDir());
  return *checks;
}

void Replay(const std::string& target, size_t min_inputs,
            const std::function<std::string(std::string_view)>& check) {
  const std::vector<fs::path> inputs = Inputs(target);
  EXPECT_GE(inputs.size(), min_inputs) << "seeds of " << target << " missing";
  for (const fs::path& input : inputs) {
    EXPECT_EQ(check(ReadAll(input)), "") << input;
  }
}

TEST(FuzzRegressionTest, Analyzer) {
  Replay("analyzer", 12,
         [](std::string_view b) { return Checks().CheckAnalyzer(b); });
}

TEST(FuzzRegressionTest, Article) {
  Replay("article", 18,
         [](std::string_view b) { return Checks().CheckArticle(b); });
}

TEST(FuzzRegressionTest, Query) {
  Replay("query", 30,
         [](std::string_view b) { return Checks().CheckQuery(b); });
}

TEST(FuzzRegressionTest, Search) {
  Replay("search", 30,
         [](std::string_view b) { return Checks().CheckSearch(b); });
}

}  // namespace
}  // namespace vnsearch
