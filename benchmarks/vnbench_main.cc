// vnbench: query latency of an index on a file of queries.
//   vnbench --index DIR --queries FILE [--threads 1,2] [--runs 3]
//       [--warmup 1] [--snippets] [--json] [--plot FILE.svg]
//       [--compare DIR2 | --compare-bin PATH |
//        --compare-flip snippets|collapse|facets]
// Exit codes: 0, 1 (index missing or unreadable), 2 (bad flags or a bad
// query file; the message names the line).

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/usage.h"
#include "benchmarks/vnbench.h"
#include "common/cli/parse_flags.h"

ABSL_FLAG(std::string, index, "", "index directory built by vnindex");
ABSL_FLAG(std::string, queries, "",
          "file of queries, one per line (as vnsearch's batch mode reads)");
ABSL_FLAG(std::string, threads, "1",
          "thread counts to measure, e.g. 1,2 (one database handle each)");
ABSL_FLAG(int, runs, 3, "timed runs of every query");
ABSL_FLAG(int, warmup, 1, "untimed runs of every query first");
ABSL_FLAG(bool, snippets, false, "generate snippets, as vnsearch does");
ABSL_FLAG(bool, json, false, "print one JSON object instead of the tables");
ABSL_FLAG(std::string, compare, "",
          "second index: run every query on both, interleaved, and print "
          "the ratio per percentile");
ABSL_FLAG(std::string, compare_bin, "",  // also --compare-bin
          "second build of vnsearch: run both builds (this one's vnsearch "
          "and PATH) in batch mode, interleaved");
ABSL_FLAG(std::string, compare_flip, "",  // also --compare-flip
          "side B is side A with one option flipped: snippets, collapse or "
          "facets (what it costs, interleaved in one run)");
ABSL_FLAG(std::string, plot, "", "write the latency CDF to this SVG file");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "query latency of an index on a file of queries.\n"
      "  vnbench --index DIR --queries FILE [--threads 1,2] [--runs 3] "
      "[--warmup 1]\n"
      "          [--snippets] [--json] [--plot FILE.svg] "
      "[--compare DIR2 | --compare-bin PATH |\n"
      "           --compare-flip snippets|collapse|facets]");
  // The spelling, --compare-bin, is accepted for --compare_bin
  // (absl flag names cannot hold a dash).
  std::vector<std::string> respelt(argv, argv + argc);
  std::vector<char*> flags;
  for (std::string& arg : respelt) {
    if (arg == "--") break;
    for (const char* dashed :
         {"--compare-bin", "-compare-bin", "--compare-flip", "-compare-flip"}) {
      const std::string_view a(arg), d(dashed);
      if (a.substr(0, d.size()) == d &&
          (a.size() == d.size() || a[d.size()] == '=')) {
        arg = (d.find("bin") != std::string_view::npos ? "--compare_bin"
                                                       : "--compare_flip") +
              arg.substr(d.size());
        break;
      }
    }
  }
  for (std::string& arg : respelt) flags.push_back(arg.data());
  std::optional<std::vector<char*>> args =
      vnsearch::ParseFlags(static_cast<int>(flags.size()), flags.data());
  if (!args) return 2;
  if (args->size() > 1) {
    std::cerr << "vnbench: unexpected argument " << (*args)[1]
              << " (queries come from --queries FILE)\n";
    return 2;
  }
  vnsearch::bench::VnbenchOptions options;
  options.index_dir = absl::GetFlag(FLAGS_index);
  options.queries_path = absl::GetFlag(FLAGS_queries);
  if (options.index_dir.empty() || options.queries_path.empty()) {
    std::cerr << "vnbench: --index DIR and --queries FILE are required\n";
    return 2;
  }
  absl::StatusOr<std::vector<int>> threads =
      vnsearch::bench::ParseThreadList(absl::GetFlag(FLAGS_threads));
  if (!threads.ok()) {
    std::cerr << "vnbench: " << threads.status().message() << "\n";
    return 2;
  }
  options.threads = *threads;
  options.runs = absl::GetFlag(FLAGS_runs);
  options.warmup = absl::GetFlag(FLAGS_warmup);
  options.snippets = absl::GetFlag(FLAGS_snippets);
  options.json = absl::GetFlag(FLAGS_json);
  options.compare_dir = absl::GetFlag(FLAGS_compare);
  options.compare_bin = absl::GetFlag(FLAGS_compare_bin);
  options.compare_flip = absl::GetFlag(FLAGS_compare_flip);
  options.plot_path = absl::GetFlag(FLAGS_plot);
  std::error_code ec;
  options.self_vnsearch =
      (std::filesystem::read_symlink("/proc/self/exe", ec).parent_path() /
       "vnsearch")
          .string();
  options.progress = isatty(STDERR_FILENO) != 0;
  // A --compare-bin child that exits early must be an error, not SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
  return vnsearch::bench::RunVnbench(options, std::cout, std::cerr);
}
