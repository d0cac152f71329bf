// vnrelevance: prints the relevance table of vnsearch and its peers on the
// news corpus (see docs/relevance.md). Indexes are built once into the cache
// and reused, so ranking parameters can be tried in seconds:
//   vnrelevance --split tune --engines vnsearch --pair_boost 3

#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_split.h"
#include "benchmarks/relevance_suite.h"
#include "common/cli/ranking_flags.h"

namespace {}  // namespace

ABSL_FLAG(std::string, split, "test", "query half to run: tune, test or all");
ABSL_FLAG(std::string, engines, "vnsearch,xapian,fts5",
          "engines to run, comma-separated");
ABSL_FLAG(std::string, archive, vnsearch::bench::NewsArchivePath(),
          "news archive (.tar.zst)");
ABSL_FLAG(std::string, cache, vnsearch::bench::NewsCacheDir(),
          "cache for the extracted corpus and the indexes");
ABSL_FLAG(bool, rebuild, false,
          "rebuild the indexes even if the cached ones are current");
ABSL_FLAG(bool, restore, true,
          "vnsearch reads accents and Telex/VNI (--no-restore: as typed)");
ABSL_FLAG(bool, json, false, "print the report as JSON instead of the table");
ABSL_FLAG(bool, misses, false,
          "also print every query the first engine missed (to the terminal "
          "only: it is text from the corpus)");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "relevance of vnsearch and its peers on the news corpus.\n"
      "  vnrelevance [--split tune|test|all] [--engines vnsearch,xapian,fts5]\n"
      "              [--pair_boost X ...]");
  absl::ParseCommandLine(argc, argv);
  vnsearch::bench::RelevanceRunOptions options;
  absl::StatusOr<vnsearch::bench::Split> split =
      vnsearch::bench::ParseSplit(absl::GetFlag(FLAGS_split));
  if (!split.ok()) {
    std::cerr << "vnrelevance: " << split.status().message() << "\n";
    return 2;
  }
  options.split = *split;
  options.engines =
      absl::StrSplit(absl::GetFlag(FLAGS_engines), ',', absl::SkipEmpty());
  options.archive = absl::GetFlag(FLAGS_archive);
  options.cache_dir = absl::GetFlag(FLAGS_cache);
  options.rebuild = absl::GetFlag(FLAGS_rebuild);
  options.params = vnsearch::RankingParamsFromFlags();
  options.restore = absl::GetFlag(FLAGS_restore);

  absl::StatusOr<vnsearch::bench::RelevanceReport> report =
      vnsearch::bench::RunRelevance(options, [](std::string_view line) {
        std::cerr << "vnrelevance: " << line << "\n";
      });
  if (!report.ok()) {
    std::cerr << "vnrelevance: " << report.status().message() << "\n";
    return absl::IsNotFound(report.status()) ? 3 : 1;
  }
  if (absl::GetFlag(FLAGS_misses)) std::cout << report->FormatMisses() << "\n";
  std::cout << (absl::GetFlag(FLAGS_json) ? report->ToJson()
                                          : report->FormatTable())
            << "\n";
  return 0;
}
