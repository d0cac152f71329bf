// index_bench: indexing throughput of vnsearch and its peers on one corpus.
// vnsearch is measured as users run it, the real vnindex binary (all cores);
// each peer builds through its Engine in a forked child, single-threaded.
// Every build is its own process, so wall time and peak RSS belong to it.
//
//   index_bench [--corpus DIR --label NAME] --work DIR [--engines LIST]
//               [--results FILE]
//
// Indexes go to <work>/<engine>, where query_latency_bench finds them. Every
// engine's build ends compacted: vnindex and the stock Xapian peer compact,
// FTS5 runs 'optimize'.

#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "benchmarks/bench_results.h"
#include "benchmarks/child_process.h"
#include "benchmarks/corpus_choice.h"
#include "benchmarks/engine.h"
#include "benchmarks/news_corpus.h"
#include "common/base/files.h"

ABSL_FLAG(std::string, corpus, "",
          "corpus to index (default: the news corpus, else corpus/)");
ABSL_FLAG(std::string, label, "",
          "name of the corpus in the report (default: news-35k / corpus-N)");
ABSL_FLAG(std::string, work, "", "folder for the indexes (<work>/<engine>)");
ABSL_FLAG(std::string, engines, "vnsearch,xapian,fts5",
          "engines to build, in order");
ABSL_FLAG(std::string, vnindex, "",
          "vnindex binary (default: next to this one)");
ABSL_FLAG(int, threads, 0, "vnindex threads (0: one per core)");
ABSL_FLAG(std::string, results, "", "JSON Lines file to append the records to");
ABSL_FLAG(bool, print_corpus, false,
          "print \"LABEL<tab>DIR\" of the chosen corpus and exit");

namespace vnsearch::bench {
namespace {
namespace fs = std::filesystem;

std::string SelfDir() {
  std::error_code ec;
  return fs::read_symlink("/proc/self/exe", ec).parent_path().string();
}

absl::StatusOr<Record> BuildVnsearch(const CorpusChoice& corpus,
                                     const std::string& index) {
  std::string vnindex = absl::GetFlag(FLAGS_vnindex);
  if (vnindex.empty()) vnindex = SelfDir() + "/vnindex";
  const int threads = absl::GetFlag(FLAGS_threads);
  absl::StatusOr<ChildUsage> usage =
      RunProgram({vnindex, "--corpus", corpus.dir, "--index", index,
                  "--threads", std::to_string(threads), "--quiet"});
  if (!usage.ok()) return usage.status();
  if (usage->exit_code != 0) {
    return absl::InternalError(
        absl::StrCat("vnindex exited with ", usage->exit_code));
  }
  uint64_t docs = 0;
  try {
    docs = Xapian::Database(index).get_doccount();
  } catch (const Xapian::Error& e) {
    return absl::InternalError(
        absl::StrCat("cannot open ", index, ": ", e.get_msg()));
  }
  return Record{
      {"engine", "vnsearch"},
      {"threads", threads > 0
                      ? threads
                      : static_cast<int>(std::thread::hardware_concurrency())},
      {"docs", docs},
      {"wall_s", usage->wall_seconds},
      {"cpu_s", usage->cpu_seconds},
      {"peak_rss_bytes", usage->peak_rss_bytes},
      {"index_bytes", DirectoryBytes(index)}};
}

absl::StatusOr<Record> BuildPeer(const std::string& name,
                                 const CorpusChoice& corpus,
                                 const std::string& index) {
  absl::StatusOr<ChildUsage> usage = RunInChild([&]() -> std::string {
    std::unique_ptr<Engine> engine = name == "xapian" ? MakeStockXapianEngine()
                                     : name == "fts5" ? MakeFts5Engine()
                                                      : MakePostgresEngine();
    if (engine == nullptr) {
      return Record{{"error", PostgresAvailable().ToString()}}.dump();
    }
    absl::StatusOr<BuildStats> stats = engine->Build(corpus.dir, index);
    if (!stats.ok()) return Record{{"error", stats.status().ToString()}}.dump();
    return Record{{"docs", stats->documents},
                  {"threads", stats->threads},
                  {"engine_s", stats->seconds},
                  {"engine_index_bytes", stats->index_bytes}}
        .dump();
  });
  if (!usage.ok()) return usage.status();
  Record built = Record::parse(usage->output, nullptr, false);
  if (usage->exit_code != 0 || !built.is_object() || built.contains("error")) {
    return absl::InternalError(absl::StrCat(
        name, " build failed (exit ", usage->exit_code,
        "): ", built.is_object() ? built.value("error", "") : usage->output));
  }
  built["engine"] = name;
  built["wall_s"] = usage->wall_seconds;
  built["cpu_s"] = usage->cpu_seconds;
  built["peak_rss_bytes"] = usage->peak_rss_bytes;
  built["index_bytes"] = DirectoryBytes(index);
  if (name == "postgres") {
    // Its server did the work in other processes (CPU and RSS here are the
    // client's); its size is the table and its indexes, not the cluster's
    // catalogs and WAL.
    built["index_bytes"] = built.value("engine_index_bytes", 0);
    built["server_process"] = true;
  }
  return built;
}

int Main() {
  absl::StatusOr<CorpusChoice> corpus =
      ChooseCorpus(absl::GetFlag(FLAGS_corpus), absl::GetFlag(FLAGS_label));
  if (!corpus.ok()) {
    std::cerr << "index_bench: " << corpus.status().message() << "\n";
    return 1;
  }
  if (!corpus->warning.empty())
    std::cerr << "index_bench: " << corpus->warning << "\n";
  if (absl::GetFlag(FLAGS_print_corpus)) {
    std::cout << corpus->label << "\t" << corpus->dir << "\n";
    return 0;
  }
  const std::string work = absl::GetFlag(FLAGS_work);
  if (work.empty()) {
    std::cerr << "index_bench: --work DIR is required\n";
    return 2;
  }
  std::error_code ec;
  fs::create_directories(work, ec);
  const std::string results_path = absl::GetFlag(FLAGS_results);
  std::vector<Record> records;
  records.push_back({{"kind", "corpus"},
                     {"label", corpus->label},
                     {"dir", corpus->dir},
                     {"docs", corpus->documents},
                     {"bytes", corpus->bytes},
                     {"synthetic", !corpus->real}});
  int exit_code = 0;
  for (absl::string_view engine_name :
       absl::StrSplit(absl::GetFlag(FLAGS_engines), ',', absl::SkipEmpty())) {
    const std::string name(engine_name);
    if (name != "vnsearch" && name != "xapian" && name != "fts5" &&
        name != "postgres") {
      std::cerr << "index_bench: unknown engine " << name << "\n";
      return 2;
    }
    const std::string index = (fs::path(work) / name).string();
    std::cerr << "index_bench: " << corpus->label << ": building " << name
              << " ...\n";
    absl::StatusOr<Record> record = name == "vnsearch"
                                        ? BuildVnsearch(*corpus, index)
                                        : BuildPeer(name, *corpus, index);
    if (!record.ok()) {
      std::cerr << "index_bench: " << record.status().message() << "\n";
      exit_code = 1;
      continue;
    }
    (*record)["load_average"] = LoadAverage();
    (*record)["kind"] = "index";
    (*record)["label"] = corpus->label;
    (*record)["input_bytes"] = corpus->bytes;
    records.push_back(*std::move(record));
  }
  for (const Record& record : records) {
    if (results_path.empty()) break;
    absl::Status appended = AppendRecord(results_path, record);
    if (!appended.ok()) {
      std::cerr << "index_bench: " << appended.message() << "\n";
      return 1;
    }
  }
  std::cout << IndexTable(records, corpus->label);
  return exit_code;
}

}  // namespace
}  // namespace vnsearch::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "indexing throughput of vnsearch (vnindex) and its peers.\n"
      "  index_bench [--corpus DIR --label NAME] --work DIR [--results FILE]");
  absl::ParseCommandLine(argc, argv);
  return vnsearch::bench::Main();
}
