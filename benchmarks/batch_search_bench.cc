// batch_search_bench: vnsearch's memory and speed as users run it, the real
// binary answering a query file in batch mode:
//   vnsearch --index DIR --json < queries.txt
// Peak RSS comes from wait4 on that process alone; latency percentiles from
// the took_ms vnsearch reports for each query (snippets on, as by default).
//
//   batch_search_bench --index DIR --queries FILE --label NAME
//       [--vnsearch PATH] [--results FILE]

#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "benchmarks/bench_results.h"
#include "benchmarks/child_process.h"

ABSL_FLAG(std::string, index, "", "vnsearch index (built by vnindex)");
ABSL_FLAG(std::string, queries, "",
          "queries, one per line (query_latency_bench --queries_out)");
ABSL_FLAG(std::string, label, "", "name of the corpus in the report");
ABSL_FLAG(std::string, vnsearch, "",
          "vnsearch binary (default: next to this one)");
ABSL_FLAG(std::string, results, "", "JSON Lines file to append the record to");

namespace vnsearch::bench {
namespace {
namespace fs = std::filesystem;

int Main() {
  const std::string index = absl::GetFlag(FLAGS_index);
  const std::string queries = absl::GetFlag(FLAGS_queries);
  if (index.empty() || queries.empty()) {
    std::cerr << "batch_search_bench: --index and --queries are required\n";
    return 2;
  }
  std::string vnsearch = absl::GetFlag(FLAGS_vnsearch);
  if (vnsearch.empty()) {
    std::error_code ec;
    vnsearch =
        (fs::read_symlink("/proc/self/exe", ec).parent_path() / "vnsearch")
            .string();
  }
  uint64_t docs = 0;
  try {
    docs = Xapian::Database(index).get_doccount();
  } catch (const Xapian::Error& e) {
    std::cerr << "batch_search_bench: cannot open " << index << ": "
              << e.get_msg() << "\n";
    return 1;
  }
  absl::StatusOr<ChildUsage> usage =
      RunProgram({vnsearch, "--index", index, "--json"}, queries);
  if (!usage.ok()) {
    std::cerr << "batch_search_bench: " << usage.status().message() << "\n";
    return 1;
  }
  std::vector<double> took;
  uint64_t errors = 0;
  for (absl::string_view line :
       absl::StrSplit(usage->output, '\n', absl::SkipEmpty())) {
    Record answer = Record::parse(line.begin(), line.end(), nullptr, false);
    if (!answer.is_object() || answer.contains("error") ||
        !answer.contains("took_ms")) {
      ++errors;
      continue;
    }
    took.push_back(answer.value("took_ms", 0.0));
  }
  // Exit code 2 means some lines were bad queries; those are counted.
  if (usage->exit_code != 0 && usage->exit_code != 2) {
    std::cerr << "batch_search_bench: vnsearch exited with " << usage->exit_code
              << "\n";
    return 1;
  }
  std::sort(took.begin(), took.end());
  Record record = {{"kind", "batch"},
                   {"label", absl::GetFlag(FLAGS_label)},
                   {"engine", "vnsearch"},
                   {"docs", docs},
                   {"queries", took.size() + errors},
                   {"errors", errors},
                   {"wall_s", usage->wall_seconds},
                   {"cpu_s", usage->cpu_seconds},
                   {"peak_rss_bytes", usage->peak_rss_bytes},
                   {"p50_ms", Percentile(took, 0.50)},
                   {"p95_ms", Percentile(took, 0.95)},
                   {"p99_ms", Percentile(took, 0.99)},
                   {"load_average", LoadAverage()}};
  if (const std::string path = absl::GetFlag(FLAGS_results); !path.empty()) {
    absl::Status appended = AppendRecord(path, record);
    if (!appended.ok()) {
      std::cerr << "batch_search_bench: " << appended.message() << "\n";
      return 1;
    }
  }
  std::cout << BatchTable({record});
  if (errors > 0) {
    std::cerr << "batch_search_bench: " << errors
              << " queries answered with an error\n";
  }
  return 0;
}

}  // namespace
}  // namespace vnsearch::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "peak RSS and latency of vnsearch in batch mode.\n"
      "  batch_search_bench --index DIR --queries FILE --label NAME");
  absl::ParseCommandLine(argc, argv);
  return vnsearch::bench::Main();
}
