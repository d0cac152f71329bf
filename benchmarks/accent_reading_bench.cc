// What reading a query's accents and Telex/VNI keys costs (issue 13, point
// 5: at most 0.1 ms added to a query's p50): AccentReader::Read over the
// benchmark mix (query_classes.h, the queries benchmarks/run times), on the
// accent table of an index.
//
//   accent_reading_bench --index DIR --corpus DIR [--per_class N]
//       [--benchmark_* flags]
//
// BM_Read reads every query of the mix in turn (restoration and decoding
// on); BM_ReadOff the same with --no-restore (only the ":exact" check).
// Counters: the mean time per query, and the 50th and 99th percentiles of
// the per-query times measured once per query after the benchmark (the
// budget is on the p50). Loading the table is measured once and reported
// with its size.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "benchmarks/percentile.h"
#include "benchmarks/query_classes.h"
#include "common/search/accent_reading.h"

ABSL_FLAG(std::string, index, "", "vnsearch index whose accent table is read");
ABSL_FLAG(std::string, corpus, "", "corpus the benchmark mix is drawn from");
ABSL_FLAG(int, per_class, 100, "queries per class");

namespace vnsearch::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Setup {
  std::unique_ptr<AccentReader> reader;
  std::vector<std::string> queries;
};

Setup* setup = nullptr;

void BM_Read(benchmark::State& state, bool restore) {
  size_t i = 0, restored = 0, decoded = 0;
  for (auto _ : state) {
    const AccentReading reading =
        setup->reader->Read(setup->queries[i], restore);
    restored += reading.restored.empty() ? 0 : 1;
    decoded += reading.decoded.empty() ? 0 : 1;
    benchmark::DoNotOptimize(reading);
    i = i + 1 == setup->queries.size() ? 0 : i + 1;
  }
  state.counters["us_per_query"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * 1e-6,
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["restored_share"] =
      static_cast<double>(restored) / static_cast<double>(state.iterations());
  state.counters["decoded_share"] =
      static_cast<double>(decoded) / static_cast<double>(state.iterations());
  // Per-query times: each query read 20 times, its mean kept.
  std::vector<double> us;
  for (const std::string& q : setup->queries) {
    const auto started = Clock::now();
    for (int k = 0; k < 20; ++k) {
      benchmark::DoNotOptimize(setup->reader->Read(q, restore));
    }
    us.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - started)
            .count() /
        20);
  }
  std::sort(us.begin(), us.end());
  state.counters["p50_us"] = Percentile(us, 0.5);
  state.counters["p99_us"] = Percentile(us, 0.99);
  state.counters["max_us"] = us.back();
}

BENCHMARK_CAPTURE(BM_Read, restore, true);
BENCHMARK_CAPTURE(BM_Read, off, false);

int Main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  absl::ParseCommandLine(argc, argv);
  const std::string index = absl::GetFlag(FLAGS_index);
  const std::string corpus = absl::GetFlag(FLAGS_corpus);
  if (index.empty() || corpus.empty()) {
    std::cerr << "accent_reading_bench: --index DIR and --corpus DIR are "
                 "required\n";
    return 2;
  }
  const auto started = Clock::now();
  absl::StatusOr<std::shared_ptr<const AccentTable>> table =
      LoadAccentTable(index);
  if (!table.ok()) {
    std::cerr << "accent_reading_bench: " << table.status().message() << "\n";
    return 1;
  }
  const double load_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  absl::StatusOr<std::shared_ptr<const CharTable>> chars = CharTable::Create();
  if (!chars.ok()) {
    std::cerr << "accent_reading_bench: " << chars.status().message() << "\n";
    return 1;
  }
  QueryOptions options;
  options.per_class =
      static_cast<size_t>(std::max(1, absl::GetFlag(FLAGS_per_class)));
  absl::StatusOr<std::vector<BenchQuery>> queries =
      GenerateQueries(corpus, options);
  if (!queries.ok()) {
    std::cerr << "accent_reading_bench: " << queries.status().message() << "\n";
    return 1;
  }
  Setup mine;
  mine.reader =
      std::make_unique<AccentReader>(*table, Analyzer(*chars), *chars);
  for (const BenchQuery& q : *queries) mine.queries.push_back(q.vnsearch);
  setup = &mine;
  std::cout << "accent table: " << (*table)->syllable_count() << " syllables, "
            << (*table)->pair_count() << " pairs, "
            << (*table)->title_pair_count() << " headline pairs, "
            << (*table)->MemoryBytes() / 1e6 << " MB in memory, loaded in "
            << load_ms << " ms; " << mine.queries.size() << " queries\n";
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace
}  // namespace vnsearch::bench

int main(int argc, char** argv) { return vnsearch::bench::Main(argc, argv); }
