// index_bench: indexing throughput of vnsearch and its peers on one corpus.
// vnsearch is measured as users run it, the real vnindex binary (all cores);
// each peer builds through its Engine in a forked child, single-threaded.
// Every build is its own process, so wall time and peak RSS belong to it.
//
//   index_bench [--corpus DIR --label NAME] --work DIR [--engines LIST]
//               [--results FILE] [--cache DIR [--jobs N]]
//
// Indexes go to <work>/<engine>, where query_latency_bench finds them. Every
// engine's build ends compacted: vnindex and the stock Xapian peer compact,
// FTS5 runs 'optimize'.
//
// --cache DIR (the news corpus only): an index already under
// DIR/index/<engine> whose stamp holds the same key as vnrelevance's (the
// archive, its size and mtime, the engine's index version) is reused, not
// rebuilt; <work>/<engine> is then a symbolic link to it and its record is
// the one of the build that made it, marked "cached". Missing or stale
// indexes are built there, up to --jobs at once (each build its own
// process), and stamped so that vnrelevance reuses them too.

#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "benchmarks/bench_results.h"
#include "benchmarks/child_process.h"
#include "benchmarks/corpus_choice.h"
#include "benchmarks/engine.h"
#include "benchmarks/news_corpus.h"
#include "benchmarks/relevance_suite.h"
#include "common/base/files.h"
#include "common/search/ranking.h"

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
ABSL_FLAG(std::string, cache, "",
          "reuse (and fill) the news corpus's index cache under DIR/index "
          "(the one vnrelevance keeps) instead of building every index");
ABSL_FLAG(bool, from_cache_slot, false,
          "internal: one engine's build into the cache for a parent "
          "index_bench (--jobs)");
ABSL_FLAG(int, jobs, 1,
          "with --cache: build up to N missing indexes at once, each in its "
          "own process");

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

// One engine's build into `index`, measured.
absl::StatusOr<Record> BuildEngine(const std::string& name,
                                   const CorpusChoice& corpus,
                                   const std::string& index) {
  return name == "vnsearch" ? BuildVnsearch(corpus, index)
                            : BuildPeer(name, corpus, index);
}

// Where an engine's cached index lives and what its stamp must hold.
struct CacheSlot {
  std::string dir;  // <cache>/index/<engine>
  std::string key;  // IndexKey, as vnrelevance computes it
};

// The slot of `name`, or nothing when it cannot be cached: no --cache, a
// corpus other than the news corpus, or an engine that cannot name its
// index version (PostgreSQL not installed).
std::optional<CacheSlot> SlotOf(const std::string& name,
                                const CorpusChoice& corpus,
                                const std::string& cache) {
  // The news corpus only (benchmarks/run names it with --corpus).
  if (cache.empty() || !corpus.warning.empty()) return std::nullopt;
  absl::StatusOr<std::string> news =
      PrepareNewsCorpus(NewsArchivePath(), NewsCacheDir());
  std::error_code ec;
  if (!news.ok() || !fs::equivalent(*news, corpus.dir, ec)) {
    return std::nullopt;
  }
  std::unique_ptr<Engine> engine = MakeEngine(name, RankingParams());
  if (engine == nullptr) return std::nullopt;
  const std::string key = IndexKey(*engine, NewsArchivePath());
  if (key.empty()) return std::nullopt;
  return CacheSlot{(fs::absolute(cache) / "index" / name).string(), key};
}

// The record of the index cached in `slot` when its stamp holds the key:
// the record of the build that made it (index_bench's), or the figures
// vnrelevance's stamp keeps; marked "cached" with the stamp's date.
std::optional<Record> CachedRecord(const std::string& name,
                                   const CacheSlot& slot) {
  std::error_code ec;
  if (!fs::is_directory(slot.dir, ec)) return std::nullopt;
  const std::string stamp_path = slot.dir + ".stamp";
  absl::StatusOr<std::string> text = ReadSmallFile(stamp_path, 1 << 20);
  if (!text.ok()) return std::nullopt;
  Record stamp = Record::parse(*text, nullptr, false);
  if (!stamp.is_object() || stamp.value("key", "") != slot.key) {
    return std::nullopt;
  }
  Record record;
  if (stamp.contains("record") && stamp["record"].is_object()) {
    record = stamp["record"];
  } else {
    record = {{"engine", name},
              {"threads", stamp.value("threads", 1)},
              {"docs", stamp.value("documents", uint64_t{0})},
              {"wall_s", stamp.value("seconds", 0.0)},
              {"index_bytes", stamp.value("index_bytes", uint64_t{0})}};
  }
  record["cached"] = true;
  struct stat st {};
  if (::stat(stamp_path.c_str(), &st) == 0) {
    char date[32];
    struct tm tm {};
    gmtime_r(&st.st_mtime, &tm);
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", &tm);
    record["cached_at"] = date;
  }
  return record;
}

// Makes <work>/<engine> a link to the cached index.
absl::Status LinkIntoWork(const CacheSlot& slot, const std::string& link) {
  std::error_code ec;
  fs::remove_all(link, ec);
  fs::create_directory_symlink(slot.dir, link, ec);
  if (ec) {
    return absl::InternalError(absl::StrCat("cannot link ", link, " to ",
                                            slot.dir, ": ", ec.message()));
  }
  return absl::OkStatus();
}

// Reuses the cached index of `name` or builds it into the cache (under the
// lock vnrelevance takes), stamps it and links it into <work>.
absl::StatusOr<Record> EnsureCached(const std::string& name,
                                    const CorpusChoice& corpus,
                                    const CacheSlot& slot,
                                    const std::string& link) {
  std::error_code ec;
  fs::create_directories(fs::path(slot.dir).parent_path(), ec);
  absl::StatusOr<std::unique_ptr<FileLock>> lock =
      FileLock::Acquire(slot.dir + ".cache.lock");
  if (!lock.ok()) return lock.status();
  std::optional<Record> record = CachedRecord(name, slot);
  if (!record) {
    fs::remove(slot.dir + ".stamp", ec);
    fs::remove_all(slot.dir, ec);  // vnindex would update a stale one
    absl::StatusOr<Record> built = BuildEngine(name, corpus, slot.dir);
    if (!built.ok()) return built.status();
    if (absl::GetFlag(FLAGS_from_cache_slot) && absl::GetFlag(FLAGS_jobs) > 1) {
      // Kept with the record: its wall time shared the cores.
      (*built)["parallel_builds"] = absl::GetFlag(FLAGS_jobs);
    }
    const Record stamp = {{"key", slot.key},
                          {"engine", name},
                          {"seconds", (*built)["wall_s"]},
                          {"documents", (*built)["docs"]},
                          {"input_bytes", corpus.bytes},
                          {"index_bytes", (*built)["index_bytes"]},
                          {"threads", (*built)["threads"]},
                          {"record", *built}};
    absl::Status stamped =
        WriteFileAtomically(slot.dir + ".stamp", stamp.dump(2) + "\n");
    if (!stamped.ok()) return stamped;
    record = *std::move(built);
  }
  absl::Status linked = LinkIntoWork(slot, link);
  if (!linked.ok()) return linked;
  return *std::move(record);
}

// Builds the missing cached indexes of `names` `jobs` at once, each by this
// program in its own process (a build forks, so threads here only wait),
// and returns their records in the order of `names`.
std::vector<absl::StatusOr<Record>> BuildInParallel(
    const std::vector<std::string>& names, const std::string& work, int jobs) {
  std::vector<absl::StatusOr<Record>> out(names.size(),
                                          absl::InternalError("not built"));
  std::atomic<size_t> next{0};
  auto worker = [&]() {
    for (size_t i = next++; i < names.size(); i = next++) {
      const std::string results =
          (fs::path(work) / absl::StrCat(".", names[i], ".build.jsonl"))
              .string();
      std::error_code ec;
      fs::remove(results, ec);
      // The child finds the news corpus as this process did (same
      // environment; --corpus would turn its cache off).
      absl::StatusOr<ChildUsage> usage = RunProgram(
          {SelfDir() + "/index_bench", "--work", work, "--engines", names[i],
           "--cache", absl::GetFlag(FLAGS_cache), "--from_cache_slot", "--jobs",
           std::to_string(
               std::min<size_t>(names.size(), static_cast<size_t>(jobs))),
           "--results", results, "--threads",
           std::to_string(absl::GetFlag(FLAGS_threads))},
          "", "/dev/null");
      if (!usage.ok()) {
        out[i] = usage.status();
        continue;
      }
      absl::StatusOr<std::vector<Record>> records = LoadRecords(results);
      fs::remove(results, ec);
      out[i] = absl::InternalError(absl::StrCat(
          names[i], " build failed (exit ", usage->exit_code, ")"));
      if (!records.ok()) continue;
      for (Record& r : *records) {
        if (r.value("kind", "") == "index") out[i] = std::move(r);
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < std::min<int>(jobs, static_cast<int>(names.size()));
       ++t) {
    threads.emplace_back(worker);
  }
  for (std::thread& t : threads) t.join();
  return out;
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
  const std::string cache = absl::GetFlag(FLAGS_cache);
  const bool child = absl::GetFlag(FLAGS_from_cache_slot);
  std::vector<Record> records;
  if (!child) {
    records.push_back({{"kind", "corpus"},
                       {"label", corpus->label},
                       {"dir", corpus->dir},
                       {"docs", corpus->documents},
                       {"bytes", corpus->bytes},
                       {"synthetic", !corpus->real}});
  }
  std::vector<std::string> names;
  for (absl::string_view engine_name :
       absl::StrSplit(absl::GetFlag(FLAGS_engines), ',', absl::SkipEmpty())) {
    const std::string name(engine_name);
    if (name != "vnsearch" && name != "xapian" && name != "fts5" &&
        name != "postgres") {
      std::cerr << "index_bench: unknown engine " << name << "\n";
      return 2;
    }
    names.push_back(name);
  }
  if (!cache.empty() && !SlotOf("xapian", *corpus, cache)) {
    std::cerr << "index_bench: --cache reuses indexes of the news corpus "
                 "only; building "
              << corpus->label << "'s indexes afresh\n";
  }
  // With --cache, the indexes to build are known first: up to --jobs of
  // them are built at once, the others are reused.
  std::vector<std::optional<absl::StatusOr<Record>>> done(names.size());
  std::vector<std::string> to_build;
  std::vector<size_t> to_build_at;
  for (size_t i = 0; i < names.size() && !child; ++i) {
    std::optional<CacheSlot> slot = SlotOf(names[i], *corpus, cache);
    if (!slot) continue;
    if (std::optional<Record> cached = CachedRecord(names[i], *slot)) {
      std::cerr << "index_bench: " << corpus->label << ": reusing " << names[i]
                << "'s index in " << slot->dir << " (built "
                << cached->value("cached_at", "earlier") << ")\n";
      absl::Status linked =
          LinkIntoWork(*slot, (fs::path(work) / names[i]).string());
      if (linked.ok()) {
        done[i] = *std::move(cached);
      } else {
        done[i] = linked;
      }
    } else if (absl::GetFlag(FLAGS_jobs) > 1) {
      to_build.push_back(names[i]);
      to_build_at.push_back(i);
    }
  }
  if (to_build.size() > 1) {
    std::cerr << "index_bench: " << corpus->label << ": building "
              << absl::StrJoin(to_build, ", ") << " into " << cache
              << ", up to " << absl::GetFlag(FLAGS_jobs) << " at once ...\n";
    std::vector<absl::StatusOr<Record>> built =
        BuildInParallel(to_build, work, absl::GetFlag(FLAGS_jobs));
    for (size_t j = 0; j < built.size(); ++j) {
      if (built[j].ok()) {
        (*built[j])["parallel_builds"] = std::min<size_t>(
            to_build.size(), static_cast<size_t>(absl::GetFlag(FLAGS_jobs)));
      }
      done[to_build_at[j]] = std::move(built[j]);
    }
  }
  int exit_code = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    const std::string index = (fs::path(work) / name).string();
    absl::StatusOr<Record> record = absl::InternalError("not built");
    if (done[i]) {
      record = *std::move(done[i]);
    } else {
      std::cerr << "index_bench: " << corpus->label << ": building " << name
                << " ...\n";
      std::optional<CacheSlot> slot = SlotOf(name, *corpus, cache);
      record = slot ? EnsureCached(name, *corpus, *slot, index)
                    : BuildEngine(name, *corpus, index);
    }
    if (!record.ok()) {
      std::cerr << "index_bench: " << record.status().message() << "\n";
      exit_code = 1;
      continue;
    }
    if (!record->contains("cached")) {
      (*record)["load_average"] = LoadAverage();
    }
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
