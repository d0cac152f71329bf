#include "benchmarks/vnbench.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "benchmarks/bench_results.h"
#include "benchmarks/percentile.h"
#include "benchmarks/svg_plot.h"
#include "common/base/absl_compat.h"
#include "common/search/searcher.h"

extern char** environ;

namespace vnsearch::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kTopK = 10;
constexpr int kSlowest = 10;

// One side of the comparison, as one thread sees it: answers a query and
// says how long the engine took, in milliseconds.
class QueryRunner {
 public:
  virtual ~QueryRunner() = default;
  [[nodiscard]] virtual absl::StatusOr<double> Run(
      const std::string& query) = 0;
};

// The library in this process: one Searcher, so one database handle.
class InProcessRunner : public QueryRunner {
 public:
  static absl::StatusOr<std::unique_ptr<QueryRunner>> Open(
      const std::string& index_dir, bool snippets, bool collapse = true,
      bool facets = false) {
    SearcherOptions options;
    options.index_dir = index_dir;
    absl::StatusOr<std::unique_ptr<Searcher>> searcher =
        Searcher::Open(options);
    if (!searcher.ok()) return searcher.status();
    auto runner = std::make_unique<InProcessRunner>();
    runner->searcher_ = *std::move(searcher);
    runner->request_.limit = kTopK;
    runner->request_.snippets = snippets;
    runner->request_.collapse = collapse;
    runner->request_.facets = facets;
    return std::unique_ptr<QueryRunner>(std::move(runner));
  }
  absl::StatusOr<double> Run(const std::string& query) override {
    const auto started = Clock::now();
    absl::StatusOr<SearchResult> result = searcher_->Search(query, request_);
    const double ms =
        std::chrono::duration<double, std::milli>(Clock::now() - started)
            .count();
    if (!result.ok()) return result.status();
    return ms;
  }
  [[nodiscard]] uint64_t documents() const {
    return searcher_->document_count();
  }

 private:
  std::unique_ptr<Searcher> searcher_;
  SearchRequest request_;
};

// A vnsearch binary in batch JSON mode, fed one query at a time through a
// pipe; the time is the took_ms it reports (the pipe is not counted).
class ChildRunner : public QueryRunner {
 public:
  static absl::StatusOr<std::unique_ptr<QueryRunner>> Start(
      const std::string& binary, const std::string& index_dir, bool snippets) {
    if (access(binary.c_str(), X_OK) != 0) {
      return absl::NotFoundError(
          absl::StrCat(binary, " is not an executable vnsearch"));
    }
    int to_child[2], from_child[2];
    if (pipe2(to_child, O_CLOEXEC) != 0) {
      return absl::InternalError("pipe failed");
    }
    if (pipe2(from_child, O_CLOEXEC) != 0) {
      close(to_child[0]);
      close(to_child[1]);
      return absl::InternalError("pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
    std::vector<std::string> args = {
        binary,
        "--index",
        index_dir,
        "--json",
        absl::StrCat("--limit=", kTopK),
        snippets ? "--snippets=true" : "--snippets=false"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr,
                               argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(to_child[0]);
    close(from_child[1]);
    if (rc != 0) {
      close(to_child[1]);
      close(from_child[0]);
      return absl::InternalError(absl::StrCat("cannot start ", binary));
    }
    auto runner = std::make_unique<ChildRunner>();
    runner->binary_ = binary;
    runner->pid_ = pid;
    runner->in_ = fdopen(to_child[1], "w");
    runner->out_ = fdopen(from_child[0], "r");
    return std::unique_ptr<QueryRunner>(std::move(runner));
  }
  ~ChildRunner() override {
    if (in_ != nullptr) fclose(in_);  // EOF: the child's batch loop ends
    if (out_ != nullptr) fclose(out_);
    if (pid_ > 0) waitpid(pid_, nullptr, 0);
  }
  absl::StatusOr<double> Run(const std::string& query) override {
    if (fputs(query.c_str(), in_) < 0 || fputc('\n', in_) < 0 ||
        fflush(in_) != 0) {
      return absl::InternalError(absl::StrCat(binary_, " stopped reading"));
    }
    char* line = nullptr;
    size_t capacity = 0;
    const ssize_t n = getline(&line, &capacity, out_);
    std::string text(line != nullptr && n > 0 ? line : "");
    free(line);
    if (n <= 0) {
      return absl::InternalError(absl::StrCat(binary_, " exited"));
    }
    const nlohmann::json reply = nlohmann::json::parse(text, nullptr, false);
    if (!reply.is_object()) {
      return absl::InternalError(
          absl::StrCat(binary_, " answered with a line that is not JSON"));
    }
    if (reply.contains("error")) {
      return absl::InvalidArgumentError(reply.value("error", "error"));
    }
    if (!reply.contains("took_ms") || !reply["took_ms"].is_number()) {
      return absl::InternalError(
          absl::StrCat(binary_, " answered without took_ms"));
    }
    return reply["took_ms"].get<double>();
  }

 private:
  std::string binary_;
  pid_t pid_ = 0;
  FILE* in_ = nullptr;
  FILE* out_ = nullptr;
};

struct Sample {
  uint32_t query = 0;  // index into the query list
  double ms = 0;
};

struct Summary {
  size_t count = 0;
  uint64_t errors = 0;
  double p50 = 0, p90 = 0, p99 = 0, p999 = 0, max = 0, mean = 0, qps = 0;
  double cpu_cores = 0;  // process CPU time / wall time while running
};

// What one side measured at one thread count.
struct SideResult {
  std::vector<Sample> samples;
  std::vector<double> sorted_ms;
  Summary summary;
  std::string first_error;
};

struct Phase {
  int threads = 1;
  std::vector<SideResult> sides;  // 1 or 2
  double wall_seconds = 0;
  double cpu_seconds = 0;
};

double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

Summary Summarize(const std::vector<double>& sorted, uint64_t errors) {
  Summary s;
  s.count = sorted.size();
  s.errors = errors;
  if (sorted.empty()) return s;
  s.p50 = Percentile(sorted, 0.50);
  s.p90 = Percentile(sorted, 0.90);
  s.p99 = Percentile(sorted, 0.99);
  s.p999 = Percentile(sorted, 0.999);
  s.max = sorted.back();
  double sum = 0;
  for (double v : sorted) sum += v;
  s.mean = sum / sorted.size();
  return s;
}

// The side names as the report shows them.
struct Sides {
  std::vector<std::string> names;  // "A", "B"
  std::vector<std::string> what;   // index dir, or "binary on index"
};

class Bench {
 public:
  Bench(const VnbenchOptions& options, std::vector<QueryLine> queries,
        std::ostream& err)
      : options_(options), queries_(std::move(queries)), err_(err) {}

  // Opens the runners of every thread of `threads` for every side.
  absl::Status OpenRunners(
      int threads,
      std::vector<std::vector<std::unique_ptr<QueryRunner>>>& runners) {
    runners.clear();
    const bool children = !options_.compare_bin.empty();
    const size_t sides = Compared() ? 2 : 1;
    for (int t = 0; t < threads; ++t) {
      auto& mine = runners.emplace_back();
      for (size_t side = 0; side < sides; ++side) {
        const std::string& index = side == 1 && !options_.compare_dir.empty()
                                       ? options_.compare_dir
                                       : options_.index_dir;
        // --compare_flip: side B flips one option of side A.
        const std::string& flip = side == 1 ? options_.compare_flip : "";
        absl::StatusOr<std::unique_ptr<QueryRunner>> runner =
            children ? ChildRunner::Start(side == 0 ? options_.self_vnsearch
                                                    : options_.compare_bin,
                                          index, options_.snippets)
                     : InProcessRunner::Open(
                           index, options_.snippets != (flip == "snippets"),
                           flip != "collapse", flip == "facets");
        if (!runner.ok()) return runner.status();
        mine.push_back(*std::move(runner));
      }
    }
    return absl::OkStatus();
  }

  [[nodiscard]] bool Compared() const {
    return !options_.compare_dir.empty() || !options_.compare_bin.empty() ||
           !options_.compare_flip.empty();
  }
  [[nodiscard]] uint64_t documents() const { return documents_; }
  void set_documents(uint64_t n) { documents_ = n; }

  // Runs every query `passes` times over `threads` threads; records the
  // samples unless `phase` is null (warm-up).
  absl::Status RunPasses(
      std::vector<std::vector<std::unique_ptr<QueryRunner>>>& runners,
      int passes, Phase* phase, const std::string& what) {
    const size_t sides = runners.front().size();
    const size_t total = queries_.size() * static_cast<size_t>(passes);
    std::atomic<size_t> next{0}, done{0};
    std::atomic<bool> failed{false};
    const int threads = static_cast<int>(runners.size());
    std::vector<std::vector<SideResult>> per_thread(
        threads, std::vector<SideResult>(sides));
    std::vector<std::vector<uint64_t>> errors(threads,
                                              std::vector<uint64_t>(sides, 0));
    std::vector<absl::Status> fatal(threads);
    // The clock starts when every thread is ready, not while they start.
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    auto work = [&](int t) {
      ready.fetch_add(1);
      while (!go.load()) std::this_thread::yield();
      while (!failed.load(std::memory_order_relaxed)) {
        const size_t item = next.fetch_add(1, std::memory_order_relaxed);
        if (item >= total) break;
        const auto q = static_cast<uint32_t>(item % queries_.size());
        for (size_t k = 0; k < sides; ++k) {
          // Alternate which side goes first, so neither always gets the
          // caches the other just warmed.
          const size_t side = (item % 2 == 0) ? k : sides - 1 - k;
          absl::StatusOr<double> ms = runners[t][side]->Run(queries_[q].text);
          if (ms.ok()) {
            per_thread[t][side].samples.push_back({q, *ms});
          } else if (absl::IsInvalidArgument(ms.status())) {
            if (errors[t][side]++ == 0) {
              per_thread[t][side].first_error = absl::StrCat(
                  "line ", queries_[q].line, ": ", ms.status().message());
            }
          } else {
            fatal[t] = ms.status();
            failed = true;
            return;
          }
        }
        done.fetch_add(1, std::memory_order_relaxed);
      }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
    while (ready.load() < threads) std::this_thread::yield();
    const double cpu_started = ProcessCpuSeconds();
    const auto started = Clock::now();
    go = true;
    if (options_.progress) {
      while (done.load() < total && !failed.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        err_ << absl::StrFormat("\rvnbench: %s: %zu/%zu queries ", what,
                                std::min(done.load(), total), total)
             << std::flush;
      }
      err_ << "\r" << std::string(what.size() + 40, ' ') << "\r" << std::flush;
    }
    for (std::thread& t : pool) t.join();
    const double wall_seconds =
        std::chrono::duration<double>(Clock::now() - started).count();
    const double cpu_seconds = ProcessCpuSeconds() - cpu_started;
    for (const absl::Status& status : fatal) {
      if (!status.ok()) return status;
    }
    if (phase == nullptr) return absl::OkStatus();
    phase->threads = threads;
    phase->wall_seconds = wall_seconds;
    phase->cpu_seconds = cpu_seconds;
    phase->sides.assign(sides, SideResult());
    for (size_t side = 0; side < sides; ++side) {
      SideResult& merged = phase->sides[side];
      uint64_t error_count = 0;
      for (int t = 0; t < threads; ++t) {
        SideResult& part = per_thread[t][side];
        merged.samples.insert(merged.samples.end(), part.samples.begin(),
                              part.samples.end());
        error_count += errors[t][side];
        if (merged.first_error.empty()) merged.first_error = part.first_error;
      }
      for (const Sample& s : merged.samples) merged.sorted_ms.push_back(s.ms);
      std::sort(merged.sorted_ms.begin(), merged.sorted_ms.end());
      merged.summary = Summarize(merged.sorted_ms, error_count);
      // Throughput: with one side, queries over wall time; with two, each
      // side's share of the threads' time (threads / mean latency).
      merged.summary.qps =
          sides == 1
              ? merged.samples.size() / std::max(1e-9, phase->wall_seconds)
          : merged.summary.mean > 0 ? threads * 1e3 / merged.summary.mean
                                    : 0;
      merged.summary.cpu_cores =
          phase->cpu_seconds / std::max(1e-9, phase->wall_seconds);
    }
    return absl::OkStatus();
  }

  [[nodiscard]] const std::vector<QueryLine>& queries() const {
    return queries_;
  }

 private:
  const VnbenchOptions& options_;
  std::vector<QueryLine> queries_;
  std::ostream& err_;
  uint64_t documents_ = 0;
};

// Each query's median over its runs, slowest first.
struct SlowQuery {
  uint32_t query = 0;
  double median_ms = 0;
  double max_ms = 0;
};
std::vector<SlowQuery> Slowest(const SideResult& side, size_t queries,
                               size_t count) {
  std::vector<std::vector<double>> times(queries);
  for (const Sample& s : side.samples) times[s.query].push_back(s.ms);
  std::vector<SlowQuery> slow;
  for (size_t q = 0; q < queries; ++q) {
    if (times[q].empty()) continue;
    std::sort(times[q].begin(), times[q].end());
    slow.push_back(
        {static_cast<uint32_t>(q), Percentile(times[q], 0.5), times[q].back()});
  }
  std::sort(slow.begin(), slow.end(),
            [](const SlowQuery& a, const SlowQuery& b) {
              return a.median_ms != b.median_ms ? a.median_ms > b.median_ms
                                                : a.query < b.query;
            });
  if (slow.size() > count) slow.resize(count);
  return slow;
}

struct Bucket {
  double lo = 0, hi = 0;
  size_t count = 0;
};
// Buckets bounded by 1, 2, 5 times powers of ten, from the fastest sample's
// to the slowest's.
std::vector<Bucket> Histogram(const std::vector<double>& sorted) {
  std::vector<Bucket> buckets;
  if (sorted.empty()) return buckets;
  const double lo = std::max(sorted.front(), 1e-4);
  std::vector<double> bounds;
  for (int e = static_cast<int>(std::floor(std::log10(lo))) - 1; e < 7; ++e) {
    for (double m : {1.0, 2.0, 5.0}) bounds.push_back(m * std::pow(10, e));
  }
  size_t i = 0;
  for (size_t b = 0; b + 1 < bounds.size() && i < sorted.size(); ++b) {
    if (bounds[b + 1] <= sorted.front()) continue;
    Bucket bucket{bounds[b], bounds[b + 1], 0};
    while (i < sorted.size() && sorted[i] < bounds[b + 1]) {
      ++bucket.count;
      ++i;
    }
    buckets.push_back(bucket);
  }
  return buckets;
}

std::string HistogramText(const std::vector<Bucket>& buckets, size_t total) {
  size_t most = 1;
  for (const Bucket& b : buckets) most = std::max(most, b.count);
  std::string text;
  for (const Bucket& b : buckets) {
    const int width = static_cast<int>(std::lround(50.0 * b.count / most));
    absl::StrAppendFormat(&text, "  %8g - %-8g ms |%-50s %6zu %5.1f%%\n", b.lo,
                          b.hi, std::string(width, '#'), b.count,
                          100.0 * b.count / std::max<size_t>(1, total));
  }
  return text;
}

nlohmann::json SummaryJson(const Summary& s) {
  return {{"count", s.count},        {"errors", s.errors}, {"p50_ms", s.p50},
          {"p90_ms", s.p90},         {"p99_ms", s.p99},    {"p999_ms", s.p999},
          {"max_ms", s.max},         {"mean_ms", s.mean},  {"qps", s.qps},
          {"cpu_cores", s.cpu_cores}};
}

double Ratio(double a, double b) { return b > 0 ? a / b : 0; }

}  // namespace

absl::StatusOr<std::vector<int>> ParseThreadList(std::string_view text) {
  std::vector<int> threads;
  for (absl::string_view part : absl::StrSplit(ToAbsl(text), ',')) {
    int n = 0;
    if (!absl::SimpleAtoi(part, &n) || n < 1 || n > 256) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--threads takes thread counts of 1..256 separated by commas, not \"",
          ToAbsl(text), "\""));
    }
    if (std::find(threads.begin(), threads.end(), n) == threads.end()) {
      threads.push_back(n);
    }
  }
  return threads;
}

absl::StatusOr<std::vector<QueryLine>> ReadQueryFile(
    const std::string& path, const QueryBuilder& builder) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::vector<QueryLine> queries;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    absl::StatusOr<BuiltQuery> built = builder.Build(line);
    if (!built.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": ", built.status().message()));
    }
    queries.push_back({number, std::move(line)});
  }
  if (in.bad()) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  if (queries.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": no queries (one per line)"));
  }
  return queries;
}

int RunVnbench(const VnbenchOptions& options, std::ostream& out,
               std::ostream& err) {
  if (options.runs < 1 || options.warmup < 0 || options.threads.empty()) {
    err << "vnbench: --runs must be at least 1, --warmup at least 0\n";
    return 2;
  }
  const std::string& flip = options.compare_flip;
  if (!flip.empty() && flip != "snippets" && flip != "collapse" &&
      flip != "facets") {
    err << "vnbench: --compare_flip takes snippets, collapse or facets, not "
        << flip << "\n";
    return 2;
  }
  if (!flip.empty() &&
      (!options.compare_dir.empty() || !options.compare_bin.empty())) {
    err << "vnbench: --compare_flip cannot go with --compare or "
           "--compare-bin\n";
    return 2;
  }
  absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
  if (!analyzer.ok()) {
    err << "vnbench: " << analyzer.status().message() << "\n";
    return 1;
  }
  absl::StatusOr<std::vector<QueryLine>> queries =
      ReadQueryFile(options.queries_path, QueryBuilder(*analyzer, {}));
  if (!queries.ok()) {
    err << "vnbench: " << queries.status().message() << "\n";
    return 2;
  }
  Bench bench(options, *std::move(queries), err);
  {
    // The index is checked (and counted) here, whichever side runs it.
    absl::StatusOr<std::unique_ptr<QueryRunner>> probe =
        InProcessRunner::Open(options.index_dir, false);
    if (!probe.ok()) {
      err << "vnbench: " << probe.status().message() << "\n";
      return 1;
    }
    bench.set_documents(
        static_cast<InProcessRunner*>(probe->get())->documents());
  }
  const std::vector<QueryLine>& lines = bench.queries();
  Sides sides;
  sides.names = {"A"};
  const bool children = !options.compare_bin.empty();
  sides.what = {
      children ? absl::StrCat(options.self_vnsearch, " on ", options.index_dir)
               : options.index_dir};
  if (bench.Compared()) {
    const std::string index =
        options.compare_dir.empty() ? options.index_dir : options.compare_dir;
    sides.names.push_back("B");
    sides.what.push_back(
        children ? absl::StrCat(options.compare_bin, " on ", index)
        : options.compare_flip.empty()
            ? index
            : absl::StrCat(index, ", ", options.compare_flip, " ",
                           options.compare_flip == "snippets"
                               ? (options.snippets ? "off" : "on")
                           : options.compare_flip == "collapse" ? "off"
                                                                : "on"));
  }

  std::vector<Phase> phases;
  for (int threads : options.threads) {
    std::vector<std::vector<std::unique_ptr<QueryRunner>>> runners;
    absl::Status status = bench.OpenRunners(threads, runners);
    const std::string what =
        absl::StrCat(threads, " thread", threads == 1 ? "" : "s");
    if (status.ok() && options.warmup > 0) {
      status = bench.RunPasses(runners, options.warmup, nullptr,
                               absl::StrCat(what, ", warm-up"));
    }
    Phase& phase = phases.emplace_back();
    if (status.ok())
      status = bench.RunPasses(runners, options.runs, &phase, what);
    if (!status.ok()) {
      err << "vnbench: " << status.message() << "\n";
      return absl::IsInvalidArgument(status) ? 2 : 1;
    }
  }
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const Phase& first = phases.front();

  if (!options.plot_path.empty()) {
    std::vector<PlotSeries> series;
    for (const Phase& phase : phases) {
      for (size_t side = 0; side < phase.sides.size(); ++side) {
        series.push_back(CdfSeries(
            absl::StrCat(bench.Compared() ? sides.names[side] + ", " : "",
                         phase.threads,
                         phase.threads == 1 ? " thread" : " threads"),
            phase.sides[side].sorted_ms));
      }
    }
    std::ofstream plot(options.plot_path, std::ios::trunc);
    plot << SvgLineChart(series, LatencyCdfOptions(absl::StrCat(
                                     "vnbench: ", lines.size(), " queries x ",
                                     options.runs, " runs")));
    plot.close();
    if (!plot) {
      err << "vnbench: cannot write " << options.plot_path << "\n";
      return 1;
    }
  }

  for (const Phase& phase : phases) {
    for (size_t side = 0; side < phase.sides.size(); ++side) {
      const SideResult& r = phase.sides[side];
      if (r.summary.errors > 0) {
        err << "vnbench: " << sides.names[side] << ": " << r.summary.errors
            << " failed queries, first at " << r.first_error << "\n";
      }
    }
  }

  if (options.json) {
    nlohmann::json report = {
        {"index", options.index_dir},
        {"queries_file", options.queries_path},
        {"queries", lines.size()},
        {"runs", options.runs},
        {"warmup", options.warmup},
        {"snippets", options.snippets},
        {"documents", bench.documents()},
        {"cores", cores},
        {"load_average", LoadAverage()},
    };
    nlohmann::json side_list = nlohmann::json::array();
    for (size_t side = 0; side < sides.names.size(); ++side) {
      side_list.push_back(
          {{"name", sides.names[side]}, {"what", sides.what[side]}});
    }
    report["sides"] = side_list;
    nlohmann::json results = nlohmann::json::array();
    for (const Phase& phase : phases) {
      for (size_t side = 0; side < phase.sides.size(); ++side) {
        nlohmann::json r = SummaryJson(phase.sides[side].summary);
        r["threads"] = phase.threads;
        r["side"] = sides.names[side];
        results.push_back(std::move(r));
      }
    }
    report["results"] = results;
    nlohmann::json slowest = nlohmann::json::array();
    for (const SlowQuery& s : Slowest(first.sides[0], lines.size(), kSlowest)) {
      slowest.push_back({{"line", lines[s.query].line},
                         {"query", lines[s.query].text},
                         {"median_ms", s.median_ms},
                         {"max_ms", s.max_ms}});
    }
    report["slowest"] = slowest;
    nlohmann::json histogram = nlohmann::json::array();
    for (const Bucket& b : Histogram(first.sides[0].sorted_ms)) {
      histogram.push_back(
          {{"lo_ms", b.lo}, {"hi_ms", b.hi}, {"count", b.count}});
    }
    report["histogram"] = histogram;
    if (bench.Compared()) {
      nlohmann::json ratios = nlohmann::json::array();
      for (const Phase& phase : phases) {
        const Summary& a = phase.sides[0].summary;
        const Summary& b = phase.sides[1].summary;
        ratios.push_back({{"threads", phase.threads},
                          {"p50", Ratio(b.p50, a.p50)},
                          {"p90", Ratio(b.p90, a.p90)},
                          {"p99", Ratio(b.p99, a.p99)},
                          {"p999", Ratio(b.p999, a.p999)},
                          {"max", Ratio(b.max, a.max)},
                          {"mean", Ratio(b.mean, a.mean)}});
      }
      report["ratios_b_over_a"] = ratios;
    }
    if (!options.plot_path.empty()) report["plot"] = options.plot_path;
    out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
    return 0;
  }

  std::string text = absl::StrFormat(
      "vnbench: %zu queries from %s, %d timed run%s each after %d warm-up, "
      "top %zu, snippets %s; %u cores, load average %.2f\n",
      lines.size(), options.queries_path, options.runs,
      options.runs == 1 ? "" : "s", options.warmup, kTopK,
      options.snippets ? "on" : "off", cores, LoadAverage());
  for (size_t side = 0; side < sides.names.size(); ++side) {
    absl::StrAppend(&text, "  ", sides.names[side], ": ", sides.what[side],
                    side == 0 && bench.documents() > 0
                        ? absl::StrCat(" (", bench.documents(), " documents)")
                        : "",
                    "\n");
  }
  absl::StrAppend(&text, "\nLatency (ms)\n");
  absl::StrAppend(&text, "| threads |", bench.Compared() ? " side |" : "",
                  " samples | p50 | p90 | p99 | p99.9 | max | mean | queries/s "
                  "| CPU cores used |\n|---:|",
                  bench.Compared() ? "---|" : "",
                  "---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const Phase& phase : phases) {
    for (size_t side = 0; side < phase.sides.size(); ++side) {
      const Summary& s = phase.sides[side].summary;
      absl::StrAppendFormat(
          &text,
          "| %d |%s %zu | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f "
          "| %.2f |\n",
          phase.threads,
          bench.Compared() ? absl::StrCat(" ", sides.names[side], " |") : "",
          s.count, s.p50, s.p90, s.p99, s.p999, s.max, s.mean, s.qps,
          s.cpu_cores);
    }
  }
  if (bench.Compared()) {
    absl::StrAppend(&text,
                    "\nRatio B / A per percentile (below 1: B is faster)\n"
                    "| threads | p50 | p90 | p99 | p99.9 | max | mean |\n"
                    "|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const Phase& phase : phases) {
      const Summary& a = phase.sides[0].summary;
      const Summary& b = phase.sides[1].summary;
      absl::StrAppendFormat(
          &text, "| %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n",
          phase.threads, Ratio(b.p50, a.p50), Ratio(b.p90, a.p90),
          Ratio(b.p99, a.p99), Ratio(b.p999, a.p999), Ratio(b.max, a.max),
          Ratio(b.mean, a.mean));
    }
  }
  if (phases.size() > 1) {
    absl::StrAppend(&text, "\nScaling (side A)\n");
    const Summary& base = first.sides[0].summary;
    for (const Phase& phase : phases) {
      const Summary& s = phase.sides[0].summary;
      absl::StrAppendFormat(
          &text,
          "  %d thread%s: %.0f queries/s, %.2fx %d thread%s; %.2f of %u cores "
          "busy%s\n",
          phase.threads, phase.threads == 1 ? "" : "s", s.qps,
          Ratio(s.qps, base.qps), first.threads, first.threads == 1 ? "" : "s",
          s.cpu_cores, cores,
          phase.threads > static_cast<int>(cores) ? " (more threads than cores)"
                                                  : "");
    }
  }
  absl::StrAppendFormat(&text,
                        "\nSlowest queries (side A, %d thread%s; median "
                        "and max of the runs)\n",
                        first.threads, first.threads == 1 ? "" : "s");
  for (const SlowQuery& s : Slowest(first.sides[0], lines.size(), kSlowest)) {
    absl::StrAppendFormat(&text, "  %9.3f ms  %9.3f ms  line %-5d %s\n",
                          s.median_ms, s.max_ms, lines[s.query].line,
                          lines[s.query].text);
  }
  absl::StrAppendFormat(&text, "\nLatency histogram (side A, %d thread%s)\n",
                        first.threads, first.threads == 1 ? "" : "s");
  absl::StrAppend(&text, HistogramText(Histogram(first.sides[0].sorted_ms),
                                       first.sides[0].sorted_ms.size()));
  if (!options.plot_path.empty()) {
    absl::StrAppend(&text, "\nLatency CDF written to ", options.plot_path,
                    "\n");
  }
  out << text;
  return 0;
}

}  // namespace vnsearch::bench
