// Benchmark results: every measurement the benchmark tools make is one JSON
// object appended to a JSON Lines file; the tables of benchmarks/REPORT.md
// (and the tables each tool prints) are rendered from those records, so one
// run of several tools ends in one report.
//
// Records ("kind" and the fields the tables read; sizes in bytes, times in
// seconds unless the name says _ms):
//   corpus   label, docs, bytes, synthetic, generate_s
//   latency  label, docs, engine, class, queries, runs, errors, p50_ms,
//            p95_ms, p99_ms, mean_ms, qps, mean_hits
//   index    label, docs, engine, threads, input_bytes, wall_s, cpu_s,
//            peak_rss_bytes, index_bytes (compacted)
//   batch    label, docs, engine, queries, wall_s, peak_rss_bytes, p50_ms,
//            p95_ms, p99_ms (vnsearch's own took_ms)
// "label" names the corpus: "news-35k", "corpus-5", "synthetic-4x", ...

#ifndef VNSEARCH_BENCHMARKS_BENCH_RESULTS_H_
#define VNSEARCH_BENCHMARKS_BENCH_RESULTS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "benchmarks/percentile.h"  // Percentile, for the tools

namespace vnsearch::bench {

using Record = nlohmann::json;

// Appends `record` as one line to `path` (created if absent). Internal on
// I/O errors.
[[nodiscard]] absl::Status AppendRecord(const std::string& path,
                                        const Record& record);
// Every record in `path`; lines that are not JSON objects are skipped.
// NotFound if the file does not exist.
[[nodiscard]] absl::StatusOr<std::vector<Record>> LoadRecords(
    const std::string& path);

// The 1-minute load average (/proc/loadavg): how busy the machine was when
// a measurement ended. 0 if it cannot be read.
[[nodiscard]] double LoadAverage();

// Markdown tables (GitHub style), each preceded by a short heading line.
// Tables are empty strings when there is no record for them.
// Query latency for `label`: the whole mix, then per class, each engine
// with the ratio vnsearch/engine.
[[nodiscard]] std::string LatencyTables(const std::vector<Record>& records,
                                        const std::string& label);
// Indexing for `label`, each engine with the ratio vnsearch/engine.
[[nodiscard]] std::string IndexTable(const std::vector<Record>& records,
                                     const std::string& label);
// vnsearch batch mode (peak RSS answering the mix), every label.
[[nodiscard]] std::string BatchTable(const std::vector<Record>& records);
// Cost against corpus size: one row per label that has vnsearch records,
// in order of size, then the peers' rows where they were measured.
[[nodiscard]] std::string ScaleTable(const std::vector<Record>& records);
// The targets, each with the measured figure and met / missed.
[[nodiscard]] std::string TargetsTable(const std::vector<Record>& records);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_BENCH_RESULTS_H_
