// query_latency_bench: query latency of vnsearch and its peers, per query
// class and for the whole mix, with Google Benchmark.
//
//   query_latency_bench [--corpus DIR --label NAME] --work DIR
//       [--engines vnsearch,vnsearch+snippets,xapian,fts5] [--per_class N]
//       [--passes P] [--cap ENGINE=N,...]
//       [--results FILE] [--queries_out FILE] [--benchmark_* flags]
//
// Queries come from query_classes.h (generated from the corpus, fixed
// seed). Each benchmark is one engine on one class (or the mix, all classes
// shuffled): every query is run once to warm up, then `passes` times timed
// one by one (manual time), single thread, top 10, snippets off (on for
// vnsearch+snippets, which shows what they cost). Google
// Benchmark reports the mean; the p50/p95/p99 counters and the tables come
// from the per-query timings. Nothing here asserts on time.
//
// --cap postgres=4 runs that engine on the first N queries of each class
// and of the mix only (benchmarks/run --quick: PostgreSQL answers an OR
// query in about a second); its rows say how many queries they timed.
//
// Indexes are read from <work>/<engine> (index_bench builds them there) and
// built in this process when missing.

#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "benchmarks/bench_results.h"
#include "benchmarks/corpus_choice.h"
#include "benchmarks/engine.h"
#include "benchmarks/query_cache.h"
#include "benchmarks/query_classes.h"
#include "benchmarks/rng.h"

ABSL_FLAG(
    std::string, corpus, "",
    "corpus the queries come from (default: the news corpus, else corpus/)");
ABSL_FLAG(std::string, label, "",
          "name of the corpus in the report (default: news-35k / corpus-N)");
ABSL_FLAG(std::string, query_corpus, "",
          "draw the queries from this corpus instead (the scale runs use the "
          "real one)");
ABSL_FLAG(std::string, work, "",
          "folder holding the indexes (<work>/<engine>)");
ABSL_FLAG(std::string, engines, "vnsearch,xapian,fts5", "engines to measure");
ABSL_FLAG(int, per_class, 100, "queries per class");
ABSL_FLAG(int, passes, 3, "timed runs of each query (after one warm-up run)");
ABSL_FLAG(std::string, cap, "",
          "ENGINE=N,...: run ENGINE on the first N queries of each class and "
          "of the mix only (for slow peers in a quick run)");
ABSL_FLAG(std::string, query_cache, "",
          "keep the generated queries in DIR/bench-queries.json and reuse "
          "them while corpus, options and code are the same");
ABSL_FLAG(uint64_t, seed, vnsearch::bench::QueryOptions().seed,
          "query generator seed");
ABSL_FLAG(std::string, results, "", "JSON Lines file to append the records to");
ABSL_FLAG(std::string, queries_out, "",
          "write the mix's vnsearch queries here, one per line");
ABSL_FLAG(std::string, queries_out_class, "",
          "with --queries_out: only the queries of this class (known_item, "
          "...), in the order they were drawn");

namespace vnsearch::bench {
namespace {
namespace fs = std::filesystem;

constexpr size_t kTopK = 10;
// vnsearch with snippets on (what they cost), on the vnsearch index.
constexpr std::string_view kSnippetEngine = "vnsearch+snippets";

struct EngineUnderTest {
  std::string key;  // "vnsearch", "xapian", "fts5"
  std::unique_ptr<Engine> engine;
};

std::unique_ptr<Engine> MakeEngine(const std::string& key) {
  if (key == "vnsearch") return MakeVnsearchEngine();
  if (key == kSnippetEngine) return MakeVnsearchSnippetEngine();
  if (key == "xapian") return MakeStockXapianEngine();
  if (key == "fts5") return MakeFts5Engine();
  if (key == "postgres") return MakePostgresEngine();
  return nullptr;
}

// CPU time of the calling thread: what a query costs without the time the
// thread waited for a core (the machine is shared).
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
}

// Times every query of `queries` `passes` times after a warm-up run and
// fills `record`. One benchmark::State iteration per timed query.
void RunQueries(benchmark::State& state, EngineUnderTest& under_test,
                const std::vector<const BenchQuery*>& queries, int passes,
                Record& record) {
  const bool vnsearch =
      under_test.key == "vnsearch" || under_test.key == kSnippetEngine;
  auto text = [&](const BenchQuery& q) -> const std::string& {
    return vnsearch ? q.vnsearch : q.peer;
  };
  uint64_t errors = 0;
  std::string first_error;
  for (const BenchQuery* q : queries) {  // warm-up
    absl::StatusOr<std::vector<std::string>> hits =
        under_test.engine->Search(text(*q), kTopK);
    if (!hits.ok() && first_error.empty())
      first_error = hits.status().ToString();
  }
  std::vector<double> ms, cpu_ms;
  ms.reserve(queries.size() * static_cast<size_t>(passes));
  cpu_ms.reserve(queries.size() * static_cast<size_t>(passes));
  uint64_t hits_total = 0;
  size_t i = 0;
  for (auto _ : state) {
    const BenchQuery& q = *queries[i % queries.size()];
    ++i;
    const double cpu_started = ThreadCpuSeconds();
    const auto started = std::chrono::steady_clock::now();
    absl::StatusOr<std::vector<std::string>> hits =
        under_test.engine->Search(text(q), kTopK);
    const double seconds = std::chrono::duration<double>(
                               std::chrono::steady_clock::now() - started)
                               .count();
    cpu_ms.push_back((ThreadCpuSeconds() - cpu_started) * 1e3);
    state.SetIterationTime(seconds);
    ms.push_back(seconds * 1e3);
    if (hits.ok()) {
      hits_total += hits->size();
    } else {
      ++errors;
    }
    benchmark::DoNotOptimize(hits);
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu_ms.begin(), cpu_ms.end());
  // The CDF for the report's figures: every percent, nearest rank.
  std::vector<double> quantiles;
  for (int pct = 0; pct <= 100; ++pct) {
    quantiles.push_back(pct == 0 ? (ms.empty() ? 0 : ms.front())
                                 : Percentile(ms, pct / 100.0));
  }
  record["quantiles_ms"] = quantiles;
  record["cpu_p50_ms"] = Percentile(cpu_ms, 0.50);
  record["cpu_p99_ms"] = Percentile(cpu_ms, 0.99);
  record["load_average"] = LoadAverage();
  double sum = 0;
  for (double v : ms) sum += v;
  const double mean = ms.empty() ? 0 : sum / ms.size();
  record["queries"] = queries.size();
  record["runs"] = ms.size();
  record["errors"] = errors;
  record["p50_ms"] = Percentile(ms, 0.50);
  record["p95_ms"] = Percentile(ms, 0.95);
  record["p99_ms"] = Percentile(ms, 0.99);
  record["mean_ms"] = mean;
  record["qps"] = mean > 0 ? 1e3 / mean : 0;
  record["mean_hits"] =
      ms.empty() ? 0.0 : static_cast<double>(hits_total) / ms.size();
  state.counters["p50_ms"] = Percentile(ms, 0.50);
  state.counters["p95_ms"] = Percentile(ms, 0.95);
  state.counters["p99_ms"] = Percentile(ms, 0.99);
  state.counters["qps"] = record["qps"].get<double>();
  state.counters["hits"] = record["mean_hits"].get<double>();
  if (errors > 0) {
    std::cerr << "query_latency_bench: " << under_test.key << ": " << errors
              << " failed queries, first: " << first_error << "\n";
  }
}

int Main() {
  absl::StatusOr<CorpusChoice> corpus =
      ChooseCorpus(absl::GetFlag(FLAGS_corpus), absl::GetFlag(FLAGS_label));
  if (!corpus.ok()) {
    std::cerr << "query_latency_bench: " << corpus.status().message() << "\n";
    return 1;
  }
  if (!corpus->warning.empty()) {
    std::cerr << "query_latency_bench: " << corpus->warning << "\n";
  }
  const std::string work = absl::GetFlag(FLAGS_work);
  if (work.empty()) {
    std::cerr << "query_latency_bench: --work DIR is required\n";
    return 2;
  }

  QueryOptions query_options;
  query_options.per_class =
      static_cast<size_t>(std::max(1, absl::GetFlag(FLAGS_per_class)));
  query_options.seed = absl::GetFlag(FLAGS_seed);
  const std::string query_corpus = absl::GetFlag(FLAGS_query_corpus).empty()
                                       ? corpus->dir
                                       : absl::GetFlag(FLAGS_query_corpus);
  absl::StatusOr<std::vector<BenchQuery>> queries;
  if (const std::string cache = absl::GetFlag(FLAGS_query_cache);
      !cache.empty() && query_corpus == corpus->dir) {
    absl::StatusOr<CachedQueries> cached = GenerateQueriesCached(
        query_corpus, corpus->documents, corpus->bytes, query_options, cache);
    if (cached.ok()) {
      std::cerr << "query_latency_bench: " << cached->queries.size()
                << " queries "
                << (cached->reused ? "reused from " : "generated, kept in ")
                << cache << "/bench-queries.json\n";
      queries = std::move(cached->queries);
    } else {
      queries = cached.status();
    }
  } else {
    queries = GenerateQueries(query_corpus, query_options);
  }
  if (!queries.ok()) {
    std::cerr << "query_latency_bench: " << queries.status().message() << "\n";
    return 1;
  }
  std::map<QueryClass, std::vector<const BenchQuery*>> by_class;
  std::vector<const BenchQuery*> mix;
  for (const BenchQuery& q : *queries) {
    by_class[q.query_class].push_back(&q);
    mix.push_back(&q);
  }
  Rng rng(query_options.seed, 999);
  for (size_t i = mix.size(); i > 1; --i)
    std::swap(mix[i - 1], mix[rng.Below(i)]);
  if (const std::string out = absl::GetFlag(FLAGS_queries_out); !out.empty()) {
    std::ofstream file(out, std::ios::trunc);
    const std::string only = absl::GetFlag(FLAGS_queries_out_class);
    for (const BenchQuery& q : *queries) {
      if (!only.empty() && QueryClassName(q.query_class) == only) {
        file << q.vnsearch << "\n";
      }
    }
    for (const BenchQuery* q : mix) {
      if (only.empty()) file << q->vnsearch << "\n";
    }
    if (!file) {
      std::cerr << "query_latency_bench: cannot write " << out << "\n";
      return 1;
    }
  }

  std::vector<EngineUnderTest> engines;
  for (absl::string_view key_view :
       absl::StrSplit(absl::GetFlag(FLAGS_engines), ',', absl::SkipEmpty())) {
    EngineUnderTest under_test{std::string(key_view),
                               MakeEngine(std::string(key_view))};
    if (under_test.engine == nullptr) {
      std::cerr << "query_latency_bench: unknown engine " << under_test.key
                << "\n";
      return 2;
    }
    const std::string index =
        (fs::path(work) /
         (under_test.key == kSnippetEngine ? "vnsearch" : under_test.key))
            .string();
    std::error_code ec;
    if (!fs::exists(index, ec)) {
      std::cerr << "query_latency_bench: no index at " << index
                << "; building it\n";
      absl::StatusOr<BuildStats> built =
          under_test.engine->Build(corpus->dir, index);
      if (!built.ok()) {
        std::cerr << "query_latency_bench: " << built.status().message()
                  << "\n";
        return 1;
      }
    }
    absl::Status opened = under_test.engine->Open(index);
    if (!opened.ok()) {
      std::cerr << "query_latency_bench: " << opened.message() << "\n";
      return 1;
    }
    engines.push_back(std::move(under_test));
  }

  std::map<std::string, size_t> caps;
  for (absl::string_view item :
       absl::StrSplit(absl::GetFlag(FLAGS_cap), ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv =
        absl::StrSplit(item, absl::MaxSplits('=', 1));
    size_t n = 0;
    if (!absl::SimpleAtoi(kv.second, &n) || n == 0) {
      std::cerr << "query_latency_bench: --cap wants ENGINE=N (N > 0), not "
                << item << "\n";
      return 2;
    }
    caps[kv.first] = n;
  }

  // Engines interleaved class by class, so that a noisy minute on a shared
  // machine does not land on one engine only.
  const int passes = std::max(1, absl::GetFlag(FLAGS_passes));
  std::vector<std::unique_ptr<Record>> records;
  auto add = [&](const std::string& class_name,
                 const std::vector<const BenchQuery*>& full_list) {
    for (EngineUnderTest& under_test : engines) {
      std::vector<const BenchQuery*> list = full_list;
      if (auto cap = caps.find(under_test.key);
          cap != caps.end() && list.size() > cap->second) {
        list.resize(cap->second);
      }
      records.push_back(
          std::make_unique<Record>(Record{{"kind", "latency"},
                                          {"label", corpus->label},
                                          {"docs", corpus->documents},
                                          {"engine", under_test.key},
                                          {"class", class_name}}));
      Record* record = records.back().get();
      if (list.size() < full_list.size()) {
        (*record)["capped_from"] = full_list.size();
      }
      EngineUnderTest* engine = &under_test;
      benchmark::RegisterBenchmark(
          absl::StrCat(corpus->label, "/", under_test.key, "/", class_name)
              .c_str(),
          [engine, list, passes, record](benchmark::State& state) {
            RunQueries(state, *engine, list, passes, *record);
          })
          ->Iterations(static_cast<benchmark::IterationCount>(list.size()) *
                       passes)
          ->UseManualTime()
          ->Unit(benchmark::kMicrosecond);
    }
  };
  for (QueryClass c : kAllQueryClasses) {
    auto it = by_class.find(c);
    if (it == by_class.end() || it->second.empty()) {
      std::cerr << "query_latency_bench: no queries of class "
                << QueryClassName(c) << " in this corpus\n";
      continue;
    }
    add(std::string(QueryClassName(c)), it->second);
  }
  add("mix", mix);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  std::vector<Record> done;
  for (const auto& record : records) {
    if (record->contains("runs")) done.push_back(*record);
  }
  if (const std::string path = absl::GetFlag(FLAGS_results); !path.empty()) {
    for (const Record& record : done) {
      absl::Status appended = AppendRecord(path, record);
      if (!appended.ok()) {
        std::cerr << "query_latency_bench: " << appended.message() << "\n";
        return 1;
      }
    }
  }
  std::cout << "\n" << LatencyTables(done, corpus->label);
  return 0;
}

}  // namespace
}  // namespace vnsearch::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);  // takes the --benchmark_* flags
  absl::ParseCommandLine(argc, argv);
  return vnsearch::bench::Main();
}
