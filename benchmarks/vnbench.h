// vnbench: query latency of a user's own index on a user's own queries, as
// the benchmark suite measures the news corpus (benchmarks/REPORT.md).
//
// Every query of the file is run `warmup` times untimed, then `runs` times
// timed, at each thread count: one Searcher (and so one Xapian database
// handle) per thread, the runs of all queries handed out to the threads
// from one shared counter. With a second side (another index, or another
// build of vnsearch) every query runs on both sides back to back, in
// alternating order, so that a noisy moment of a shared machine lands on
// both.

#ifndef VNSEARCH_BENCHMARKS_VNBENCH_H_
#define VNSEARCH_BENCHMARKS_VNBENCH_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/search/query_builder.h"

namespace vnsearch::bench {

struct VnbenchOptions {
  std::string index_dir;
  std::string queries_path;
  std::vector<int> threads = {1};
  int runs = 3;
  int warmup = 1;
  bool snippets = false;  // off: the suite measures ranking, not snippets
  bool json = false;      // one JSON object on `out` instead of the tables
  // Second side: another index (in this process), or another vnsearch
  // binary (then both sides run as vnsearch children in batch mode, this
  // side with `self_vnsearch`, and their own took_ms is compared).
  std::string compare_dir;
  std::string compare_bin;
  // Or the same index with one request option flipped on side B, in this
  // process: "snippets", "collapse" or "facets" (what that option costs,
  // measured interleaved). "" for none.
  std::string compare_flip;
  std::string self_vnsearch;  // the vnsearch installed next to vnbench
  std::string plot_path;      // latency CDF as SVG, when set
  bool progress = false;      // a progress line on `err` (a terminal)
};

struct QueryLine {
  int line = 0;  // 1-based line number in the file
  std::string text;
};

// The queries of `path`, one per line as vnsearch's batch mode reads them
// (a trailing '\r' dropped, blank lines skipped). InvalidArgument naming
// "PATH:LINE" for the first line `builder` rejects (invalid UTF-8, no
// words, a bad date range), or when the file has no query; NotFound when it
// cannot be read.
[[nodiscard]] absl::StatusOr<std::vector<QueryLine>> ReadQueryFile(
    const std::string& path, const QueryBuilder& builder);

// Parses "1,2,4": thread counts of 1..256, InvalidArgument otherwise.
[[nodiscard]] absl::StatusOr<std::vector<int>> ParseThreadList(
    std::string_view text);

// Runs the benchmark and prints its report to `out`, problems to `err`
// (one line each). Returns the exit code: 0, 1 (index missing or unreadable,
// a child that fails, a file that cannot be written), 2 (bad query file or
// options).
int RunVnbench(const VnbenchOptions& options, std::ostream& out,
               std::ostream& err);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_VNBENCH_H_
