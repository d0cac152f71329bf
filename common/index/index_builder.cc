#include "common/index/index_builder.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/analysis/analyzer.h"
#include "common/base/absl_compat.h"
#include "common/base/files.h"
#include "common/base/fingerprint.h"
#include "common/base/xapian_status.h"
#include "common/index/accent_stats.h"
#include "common/index/document_builder.h"
#include "common/index/index_check.h"
#include "common/index/record.h"
#include "common/index/schema.h"

namespace vnsearch {
namespace fs = std::filesystem;
namespace {

// More threads than this gain nothing: Xapian's inversion and the final
// compaction are memory-bound, and each thread holds its own shard buffers.
constexpr int kMaxThreads = 16;
// A corpus this small is indexed on one thread: starting shards and
// compacting them costs more than it saves.
constexpr size_t kMinRecordsPerExtraThread = 64;
// JSON Lines files are cut into ranges of about this size, so that one
// large file is spread over every thread.
constexpr uint64_t kJsonRangeBytes = 4u << 20;
// An update that changes more than this share of the index is done as a
// full rebuild, which is then the cheaper of the two.
constexpr double kMaxUpdateShare = 0.3;

using Clock = std::chrono::steady_clock;

// A unit of reading work: a text file or a range of a JSON Lines file.
struct WorkItem {
  uint32_t file = 0;
  CorpusRange range;
};

// One record found by the corpus scan.
struct ScannedRecord {
  std::string id;
  RecordOrigin origin;
  uint32_t item = 0;
  std::string fingerprint;  // only when asked for (updates)
};

// The corpus as the builder sees it.
struct CorpusPlan {
  std::vector<CorpusFile> files;
  std::vector<WorkItem> items;
  // Winning origin of each id (the last one read); every id of the corpus.
  absl::flat_hash_map<std::string, ScannedRecord> winners;
  uint64_t records = 0;  // records seen, duplicates included
  uint64_t input_bytes = 0;
};

// Serialises warnings from the worker threads and counts them.
class Warnings {
 public:
  explicit Warnings(const WarningSink& sink) : sink_(sink) {}
  void operator()(std::string_view message) {
    std::lock_guard<std::mutex> guard(mutex_);
    ++count_;
    if (sink_) sink_(message);
  }
  [[nodiscard]] WarningSink AsSink() {
    return [this](std::string_view m) { (*this)(m); };
  }
  [[nodiscard]] uint64_t count() const { return count_; }

 private:
  const WarningSink& sink_;
  std::mutex mutex_;
  uint64_t count_ = 0;
};

// Throttled progress reports from any thread.
class ProgressReporter {
 public:
  explicit ProgressReporter(const ProgressSink& sink) : sink_(sink) {}
  void Set(BuildPhase phase, uint64_t total) {
    phase_ = phase;
    total_ = total;
    done_ = 0;
    Report(true);
  }
  void Add(uint64_t n) {
    done_.fetch_add(n, std::memory_order_relaxed);
    Report(false);
  }
  void Finish() { Report(true); }

 private:
  void Report(bool force) {
    if (!sink_) return;
    std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return;
    const Clock::time_point now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    sink_(BuildProgress{phase_, done_.load(), total_});
  }
  const ProgressSink& sink_;
  std::mutex mutex_;
  std::atomic<uint64_t> done_{0};
  BuildPhase phase_ = BuildPhase::kReading;
  uint64_t total_ = 0;
  Clock::time_point last_{};
};

int ThreadCount(int requested, size_t records) {
  int threads =
      requested > 0
          ? requested
          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::clamp(threads, 1, kMaxThreads);
  const auto useful = static_cast<int>(
      std::max<size_t>(1, records / kMinRecordsPerExtraThread));
  return std::min(threads, useful);
}

// Runs fn(t) on `threads` threads (t = 0 on the caller's).
template <typename Fn>
void RunOnThreads(int threads, Fn&& fn) {
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(fn, t);
  fn(0);
  for (std::thread& worker : workers) worker.join();
}

// Lists the corpus and cuts it into work items.
absl::StatusOr<CorpusPlan> ListWork(const std::string& corpus_dir,
                                    Warnings& warnings) {
  std::vector<std::string> skipped;
  absl::StatusOr<std::vector<CorpusFile>> files =
      ListCorpus(corpus_dir, &skipped);
  if (!files.ok()) return files.status();
  for (const std::string& message : skipped) warnings(message);
  CorpusPlan plan;
  plan.files = *std::move(files);
  for (uint32_t f = 0; f < plan.files.size(); ++f) {
    for (const CorpusRange& range :
         SplitCorpusFile(plan.files[f], kJsonRangeBytes)) {
      plan.items.push_back(WorkItem{f, range});
      plan.input_bytes += range.end - range.begin;
    }
  }
  return plan;
}

// Finds every record's id (and, for updates, its fingerprint) and which
// record wins for each id: the last in corpus order, with a warning naming
// both places. Text files are read only when fingerprints are wanted: their
// id is their path.
void ScanCorpus(CorpusPlan& plan, int threads, bool fingerprints,
                const IndexOptions& options, Warnings& warnings,
                ProgressReporter& progress) {
  std::vector<std::vector<ScannedRecord>> per_item(plan.items.size());
  const WarningSink quiet = [](std::string_view) {};  // reported when indexed
  RunOnThreads(threads, [&](int t) {
    for (size_t i = static_cast<size_t>(t); i < plan.items.size();
         i += static_cast<size_t>(threads)) {
      const WorkItem& item = plan.items[i];
      const CorpusFile& file = plan.files[item.file];
      if (!file.json_lines && !fingerprints) {
        if (item.range.end > 0) {
          per_item[i].push_back(
              {file.id, {item.file, 0}, static_cast<uint32_t>(i), {}});
        }
        continue;
      }
      ReadCorpusRange(
          file, item.file, item.range,
          [&](const CorpusRecord& r) {
            std::optional<std::string> id = RecordId(file, r.bytes);
            if (!id) return;
            per_item[i].push_back({*std::move(id), r.origin,
                                   static_cast<uint32_t>(i),
                                   fingerprints ? Fingerprint(r.bytes) : ""});
          },
          quiet);
      progress.Add(per_item[i].size());
    }
  });
  for (std::vector<ScannedRecord>& records : per_item) {
    for (ScannedRecord& record : records) {
      ++plan.records;
      if (options.keep_id && !options.keep_id(record.id)) continue;
      auto [it, inserted] = plan.winners.try_emplace(record.id);
      if (!inserted) {
        warnings(absl::StrCat(
            "duplicate id \"", record.id, "\": ",
            DescribeOrigin(plan.files[it->second.origin.file],
                           it->second.origin),
            " replaced by ",
            DescribeOrigin(plan.files[record.origin.file], record.origin)));
      }
      it->second = std::move(record);
    }
  }
}

bool Wins(const CorpusPlan& plan, const std::string& id,
          const RecordOrigin& origin) {
  auto it = plan.winners.find(id);
  return it != plan.winners.end() && it->second.origin == origin;
}

struct ShardSet {
  std::vector<std::string> paths;
  uint64_t skipped_files = 0;
};

// Indexes every winning record into shards under `staging`: item i goes to
// thread i % threads (deterministic), and each thread starts a new shard
// every shard_documents documents.
absl::StatusOr<ShardSet> WriteShards(const CorpusPlan& plan,
                                     const IndexOptions& options,
                                     const Analyzer& analyzer,
                                     const OfficialExtractor& officials,
                                     int threads, const std::string& staging,
                                     Warnings& warnings,
                                     ProgressReporter& progress) {
  std::vector<absl::Status> status(static_cast<size_t>(threads));
  std::vector<std::vector<std::string>> paths(static_cast<size_t>(threads));
  std::atomic<uint64_t> skipped{0};
  // Staging shards are thrown away on any failure, so they need neither
  // fsync nor copy-on-write: DB_DANGEROUS updates blocks in place instead
  // of keeping the previous revision's, which keeps shards small.
  const int flags = Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC |
                    Xapian::DB_DANGEROUS |
                    (options.termlists ? 0 : Xapian::DB_NO_TERMLIST);
  const auto per_shard =
      static_cast<Xapian::doccount>(std::max(1, options.shard_documents));
  const auto per_commit =
      static_cast<Xapian::doccount>(std::max(1, options.flush_threshold));
  const WarningSink warn = warnings.AsSink();
  RunOnThreads(threads, [&](int t) {
    auto& mine = paths[static_cast<size_t>(t)];
    DocumentBuilder builder(analyzer);
    auto open_shard = [&] {
      mine.push_back(absl::StrCat(staging, "/shard", t, "-", mine.size()));
      return Xapian::WritableDatabase(mine.back(), flags);
    };
    status[static_cast<size_t>(t)] =
        XapianCall(absl::StrCat("writing shards under ", staging), [&] {
          Xapian::WritableDatabase db = open_shard();
          Xapian::doccount pending = 0;
          for (size_t i = static_cast<size_t>(t); i < plan.items.size();
               i += static_cast<size_t>(threads)) {
            const WorkItem& item = plan.items[i];
            const CorpusFile& file = plan.files[item.file];
            // Another shard's text file (its id is its path).
            if (!file.json_lines && options.keep_id &&
                !options.keep_id(file.id))
              continue;
            size_t added = 0;
            const size_t read = ReadCorpusRange(
                file, item.file, item.range,
                [&](const CorpusRecord& record) {
                  if (options.keep_id && file.json_lines) {  // sharding
                    std::optional<std::string> id =
                        RecordId(file, record.bytes);
                    if (id && !options.keep_id(*id)) {
                      progress.Add(1);
                      return;
                    }
                  }
                  absl::StatusOr<Article> article =
                      ParseRecord(file, record.bytes, officials);
                  progress.Add(1);
                  if (!article.ok()) {
                    warn(absl::StrCat(
                        DescribeOrigin(file, record.origin), ": ",
                        article.status().message(),
                        file.json_lines ? "; line skipped" : "; skipped"));
                    return;
                  }
                  if (!Wins(plan, article->id, record.origin)) return;
                  db.add_document(
                      builder.Build(*article, Fingerprint(record.bytes)));
                  ++added;
                  if (++pending % per_commit == 0) db.commit();
                  if (db.get_doccount() >= per_shard) {
                    db.commit();
                    db.close();
                    db = open_shard();
                  }
                },
                warn);
            if (!file.json_lines && (read == 0 || added == 0))
              skipped.fetch_add(1);
          }
          if (t == 0) {
            db.set_metadata(std::string(kSchemaVersionKey),
                            std::string(kSchemaVersion));
            db.set_metadata(std::string(kTermlistsKey),
                            options.termlists ? "1" : "0");
          }
          db.commit();
          db.close();
        });
  });
  ShardSet shards;
  for (int t = 0; t < threads; ++t) {
    if (!status[static_cast<size_t>(t)].ok())
      return status[static_cast<size_t>(t)];
    for (std::string& p : paths[static_cast<size_t>(t)]) {
      shards.paths.push_back(std::move(p));
    }
  }
  shards.skipped_files = skipped.load();
  return shards;
}

// Merges the shards into the new generation's database in one pass.
absl::Status CompactShards(const ShardSet& shards, const std::string& target) {
  return XapianCall("compacting into " + target, [&] {
    Xapian::Database all;
    for (const std::string& shard : shards.paths) {
      all.add_database(Xapian::Database(shard));
    }
    all.compact(target, Xapian::DBCOMPACT_MULTIPASS);
  });
}

// Checks a finished generation with Xapian's own check and ours
// (index_check.h): a generation that fails is never installed.
absl::StatusOr<Xapian::doccount> VerifyGeneration(const std::string& path) {
  absl::StatusOr<DatabaseCheck> check = CheckDatabase(path);
  if (!check.ok()) return check.status();
  return static_cast<Xapian::doccount>(check->documents);
}

// What the current generation holds: id -> (docid, fingerprint).
struct IndexedDoc {
  Xapian::docid docid = 0;
  std::string fingerprint;
};

// Everything a run does to the index directory, under the writers' lock.
class IndexRun {
 public:
  IndexRun(const IndexOptions& options, IndexDirectory dir, FileLock lock,
           const WarningSink& warn)
      : options_(options),
        dir_(std::move(dir)),
        lock_(std::move(lock)),
        warnings_(warn),
        progress_(options.progress),
        started_(Clock::now()) {}

  absl::StatusOr<IndexStats> Run();

 private:
  absl::StatusOr<IndexStats> Rebuild(CorpusPlan plan, const Analyzer& analyzer);
  absl::StatusOr<IndexStats> Update(CorpusPlan plan, const Analyzer& analyzer);
  absl::StatusOr<IndexStats> ApplyUpdate(
      const CorpusPlan& plan, const Analyzer& analyzer,
      const std::vector<const ScannedRecord*>& changes,
      const std::vector<std::string>& deletions,
      const absl::flat_hash_map<std::string, IndexedDoc>& indexed,
      bool termlists, Xapian::doccount before, IndexStats stats);
  absl::Status InstallGeneration(const std::string& generation,
                                 IndexStats& stats);
  void Step(std::string_view name) const {
    if (options_.step_hook) options_.step_hook(name);
  }
  // Removes a generation that will not be installed.
  void Discard(const std::string& generation) const {
    std::error_code ec;
    fs::remove_all(dir_.Child(generation), ec);
  }

  const IndexOptions& options_;
  IndexDirectory dir_;
  FileLock lock_;
  Warnings warnings_;
  ProgressReporter progress_;
  GenerationState state_;
  std::optional<OfficialExtractor> officials_;
  Clock::time_point started_;
};

absl::StatusOr<IndexStats> IndexRun::Run() {
  absl::StatusOr<GenerationState> state = dir_.ReadState();
  if (!state.ok()) return state.status();
  state_ = *state;
  // What a dead run left: staging shards, half-written generations.
  dir_.RemoveUnneeded(state_, warnings_.AsSink());
  Step("after-lock");
  absl::StatusOr<CorpusPlan> plan = ListWork(options_.corpus_dir, warnings_);
  if (!plan.ok()) return plan.status();
  absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();
  // One extractor for every thread (Extract is const and thread-safe).
  absl::StatusOr<OfficialExtractor> officials = OfficialExtractor::Create();
  if (!officials.ok()) return officials.status();
  officials_.emplace(*std::move(officials));
  if (options_.update && !state_.empty()) {
    return Update(*std::move(plan), *analyzer);
  }
  return Rebuild(*std::move(plan), *analyzer);
}

absl::StatusOr<IndexStats> IndexRun::Rebuild(CorpusPlan plan,
                                             const Analyzer& analyzer) {
  const int threads = ThreadCount(options_.threads, plan.items.size());
  progress_.Set(BuildPhase::kReading, 0);
  ScanCorpus(plan, threads, /*fingerprints=*/false, options_, warnings_,
             progress_);
  const std::string generation = dir_.NewGenerationName();
  const std::string staging = dir_.Child(absl::StrCat(
      ToAbsl(kStagingPrefix), generation.substr(kGenerationPrefix.size())));
  std::error_code ec;
  fs::create_directories(staging, ec);
  if (ec) return ErrnoToStatus(ec.value(), absl::StrCat("creating ", staging));

  progress_.Set(BuildPhase::kIndexing, plan.records);
  absl::StatusOr<ShardSet> shards =
      WriteShards(plan, options_, analyzer, *officials_, threads, staging,
                  warnings_, progress_);
  progress_.Finish();
  Step("after-shards");
  IndexStats stats;
  absl::Status compacted = shards.status();
  if (compacted.ok()) {
    progress_.Set(BuildPhase::kCompacting, 0);
    compacted = CompactShards(*shards, dir_.Child(generation));
  }
  fs::remove_all(staging, ec);
  if (!compacted.ok()) {
    Discard(generation);
    return compacted;
  }
  Step("after-compact");
  absl::StatusOr<Xapian::doccount> count =
      VerifyGeneration(dir_.Child(generation));
  const bool empty_shard = options_.keep_id && plan.records > 0;
  if (!count.ok() || (*count == 0 && !empty_shard)) {
    Discard(generation);
    if (!count.ok()) return count.status();
    return absl::FailedPreconditionError(
        absl::StrCat("no articles found in ", options_.corpus_dir, "; index ",
                     dir_.path(), " left unchanged"));
  }
  stats.mode = "rebuild";
  stats.files = plan.files.size();
  stats.documents = *count;
  stats.added = *count;
  stats.skipped_files = shards->skipped_files;
  stats.input_bytes = plan.input_bytes;
  if (absl::Status s = InstallGeneration(generation, stats); !s.ok()) return s;
  return stats;
}

absl::Status IndexRun::InstallGeneration(const std::string& generation,
                                         IndexStats& stats) {
  progress_.Set(BuildPhase::kInstalling, 0);
  const std::string path = dir_.Child(generation);
  // The accent table of this generation's own terms, synced with it.
  if (absl::Status s = WriteAccentTable(path); !s.ok()) {
    Discard(generation);
    return s;
  }
  if (absl::Status s = SyncDatabaseFiles(path); !s.ok()) {
    Discard(generation);
    return s;
  }
  if (absl::Status s = dir_.Install(generation, state_, options_.step_hook);
      !s.ok()) {
    Discard(generation);
    return s;
  }
  GenerationState now;
  now.current = generation;
  now.previous = state_.current;
  dir_.RemoveUnneeded(now, warnings_.AsSink());
  Step("after-cleanup");
  stats.generation = generation;
  stats.index_dir = dir_.path();
  stats.index_bytes = DirectoryBytes(path);
  stats.warnings = warnings_.count();
  stats.seconds =
      std::chrono::duration<double>(Clock::now() - started_).count();
  return absl::OkStatus();
}

absl::StatusOr<absl::flat_hash_map<std::string, IndexedDoc>> ReadIndexedDocs(
    const Xapian::Database& db) {
  return XapianCall("reading the current generation", [&] {
    absl::flat_hash_map<Xapian::docid, std::string> fingerprints;
    for (auto it = db.valuestream_begin(kFingerprintSlot);
         it != db.valuestream_end(kFingerprintSlot); ++it) {
      fingerprints[it.get_docid()] = *it;
    }
    absl::flat_hash_map<std::string, IndexedDoc> docs;
    docs.reserve(db.get_doccount());
    Article article;
    for (auto it = db.valuestream_begin(kRecordSlot);
         it != db.valuestream_end(kRecordSlot); ++it) {
      if (!DecodeRecord(*it, article)) {
        throw Xapian::DatabaseCorruptError(
            "document record is not a vnsearch record");
      }
      IndexedDoc& doc = docs[article.id];
      doc.docid = it.get_docid();
      doc.fingerprint = std::move(fingerprints[doc.docid]);
    }
    return docs;
  });
}

// Copies the files of database `from` into a new directory `to`.
absl::Status CopyDatabase(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::create_directory(to, ec);
  if (ec) return ErrnoToStatus(ec.value(), absl::StrCat("creating ", to));
  for (const fs::directory_entry& entry : fs::directory_iterator(from, ec)) {
    if (!entry.is_regular_file(ec) || entry.path().filename() == "flintlock") {
      continue;
    }
    fs::copy_file(entry.path(), fs::path(to) / entry.path().filename(), ec);
    if (ec) {
      return ErrnoToStatus(ec.value(),
                           absl::StrCat("copying ", entry.path().string()));
    }
  }
  if (ec) return ErrnoToStatus(ec.value(), absl::StrCat("listing ", from));
  return absl::OkStatus();
}

absl::StatusOr<IndexStats> IndexRun::Update(CorpusPlan plan,
                                            const Analyzer& analyzer) {
  const int threads = ThreadCount(options_.threads, plan.items.size());
  progress_.Set(BuildPhase::kReading, 0);
  ScanCorpus(plan, threads, /*fingerprints=*/true, options_, warnings_,
             progress_);
  const std::string current = dir_.Child(state_.current);
  absl::StatusOr<Xapian::Database> db = XapianCall(
      "opening " + current, [&] { return Xapian::Database(current); });
  if (!db.ok()) return db.status();
  absl::StatusOr<std::string> version = XapianCall("reading metadata", [&] {
    return db->get_metadata(std::string(kSchemaVersionKey));
  });
  if (!version.ok()) return version.status();
  if (state_.legacy || *version != kSchemaVersion) {
    warnings_(
        absl::StrCat("index ", dir_.path(),
                     " was built by another vnindex version; rebuilding it"));
    return Rebuild(std::move(plan), analyzer);
  }
  const bool termlists = db->get_metadata(std::string(kTermlistsKey)) == "1";
  absl::StatusOr<absl::flat_hash_map<std::string, IndexedDoc>> indexed =
      ReadIndexedDocs(*db);
  if (!indexed.ok()) return indexed.status();
  // The difference, in corpus order.
  std::vector<const ScannedRecord*> changes;
  std::vector<std::string> deletions;
  IndexStats stats;
  stats.mode = "update";
  for (const auto& [id, record] : plan.winners) {
    auto it = indexed->find(id);
    if (it == indexed->end()) {
      ++stats.added;
      changes.push_back(&record);
    } else if (it->second.fingerprint != record.fingerprint) {
      ++stats.replaced;
      changes.push_back(&record);
    } else {
      ++stats.unchanged;
    }
  }
  if (!options_.keep_missing) {
    for (const auto& [id, doc] : *indexed) {
      if (!plan.winners.contains(id)) deletions.push_back(id);
    }
  }
  stats.deleted = deletions.size();
  std::sort(changes.begin(), changes.end(),
            [](const ScannedRecord* a, const ScannedRecord* b) {
              return a->origin < b->origin;
            });
  std::sort(deletions.begin(), deletions.end());
  if (changes.empty() && deletions.empty()) {
    stats.mode = "unchanged";
    stats.files = plan.files.size();
    stats.documents = db->get_doccount();
    stats.input_bytes = plan.input_bytes;
    stats.generation = state_.current;
    stats.index_dir = dir_.path();
    stats.index_bytes = DirectoryBytes(current);
    stats.warnings = warnings_.count();
    stats.seconds =
        std::chrono::duration<double>(Clock::now() - started_).count();
    return stats;
  }
  if (!termlists && (stats.replaced > 0 || stats.deleted > 0)) {
    warnings_(absl::StrCat(stats.replaced, " changed and ", stats.deleted,
                           " removed articles need termlists to update in "
                           "place (build with --termlists); rebuilding"));
    return Rebuild(std::move(plan), analyzer);
  }
  // (Small indexes always update: a rebuild is cheap there anyway, and the
  // update path stays exercised.)
  constexpr size_t kMinChangesForRebuild = 1000;
  if (changes.size() + deletions.size() > kMinChangesForRebuild &&
      static_cast<double>(changes.size() + deletions.size()) >
          kMaxUpdateShare *
              static_cast<double>(std::max<size_t>(1, plan.winners.size()))) {
    return Rebuild(std::move(plan), analyzer);
  }
  const Xapian::doccount before = db->get_doccount();
  db->close();
  stats.added = stats.replaced = 0;
  return ApplyUpdate(plan, analyzer, changes, deletions, *indexed, termlists,
                     before, std::move(stats));
}

absl::StatusOr<IndexStats> IndexRun::ApplyUpdate(
    const CorpusPlan& plan, const Analyzer& analyzer,
    const std::vector<const ScannedRecord*>& changes,
    const std::vector<std::string>& deletions,
    const absl::flat_hash_map<std::string, IndexedDoc>& indexed, bool termlists,
    Xapian::doccount before, IndexStats stats) {
  const std::string generation = dir_.NewGenerationName();
  const std::string target = dir_.Child(generation);
  if (absl::Status s = CopyDatabase(dir_.Child(state_.current), target);
      !s.ok()) {
    Discard(generation);
    return s;
  }
  Step("after-copy");
  progress_.Set(BuildPhase::kIndexing, changes.size() + deletions.size());
  const WarningSink warn = warnings_.AsSink();
  uint64_t dropped = 0;  // changed articles that no longer parse
  absl::Status applied = XapianCall("updating " + target, [&] {
    Xapian::WritableDatabase db(target,
                                Xapian::DB_OPEN | Xapian::DB_NO_SYNC |
                                    (termlists ? 0 : Xapian::DB_NO_TERMLIST));
    DocumentBuilder builder(analyzer);
    for (size_t k = 0; k < changes.size();) {
      // Every change read from one work item, in one pass over it.
      const uint32_t item_index = changes[k]->item;
      absl::flat_hash_set<RecordOrigin> wanted;
      for (; k < changes.size() && changes[k]->item == item_index; ++k) {
        wanted.insert(changes[k]->origin);
      }
      const WorkItem& item = plan.items[item_index];
      const CorpusFile& file = plan.files[item.file];
      ReadCorpusRange(
          file, item.file, item.range,
          [&](const CorpusRecord& record) {
            if (!wanted.contains(record.origin)) return;
            progress_.Add(1);
            absl::StatusOr<Article> article =
                ParseRecord(file, record.bytes, *officials_);
            if (!article.ok()) {
              warn(absl::StrCat(DescribeOrigin(file, record.origin), ": ",
                                article.status().message(), "; skipped"));
              std::optional<std::string> id = RecordId(file, record.bytes);
              if (id && indexed.contains(*id)) {
                db.delete_document(DocumentBuilder::IdTerm(*id));
                ++dropped;
              }
              return;
            }
            Xapian::Document doc =
                builder.Build(*article, Fingerprint(record.bytes));
            if (indexed.contains(article->id)) {
              db.replace_document(DocumentBuilder::IdTerm(article->id), doc);
              ++stats.replaced;
            } else {
              db.add_document(doc);
              ++stats.added;
            }
          },
          warn);
    }
    for (const std::string& id : deletions) {
      db.delete_document(DocumentBuilder::IdTerm(id));
      progress_.Add(1);
    }
    db.commit();
    db.close();
  });
  progress_.Finish();
  if (!applied.ok()) {
    Discard(generation);
    return applied;
  }
  Step("after-update");
  absl::StatusOr<Xapian::doccount> count = VerifyGeneration(target);
  if (!count.ok()) {
    Discard(generation);
    return count.status();
  }
  const uint64_t expected = before + stats.added - deletions.size() - dropped;
  if (*count != expected || (*count == 0 && !options_.keep_id)) {
    Discard(generation);
    return absl::InternalError(absl::StrCat(
        "updated generation holds ", *count, " documents, expected ", expected,
        "; index ", dir_.path(), " left unchanged"));
  }
  stats.deleted += dropped;
  stats.files = plan.files.size();
  stats.documents = *count;
  stats.input_bytes = plan.input_bytes;
  if (absl::Status s = InstallGeneration(generation, stats); !s.ok()) return s;
  return stats;
}

}  // namespace

absl::StatusOr<IndexStats> BuildIndex(const IndexOptions& options,
                                      const WarningSink& warn) {
  absl::StatusOr<IndexDirectory> dir =
      IndexDirectory::Resolve(options.index_dir);
  if (!dir.ok()) return dir.status();
  absl::StatusOr<FileLock> lock = dir->LockForWriting();
  if (!lock.ok()) return lock.status();
  IndexRun run(options, *std::move(dir), *std::move(lock), warn);
  return run.Run();
}

absl::StatusOr<GenerationState> RollbackIndex(const std::string& index_dir) {
  absl::StatusOr<IndexDirectory> dir = IndexDirectory::Resolve(index_dir);
  if (!dir.ok()) return dir.status();
  absl::StatusOr<FileLock> lock = dir->LockForWriting();
  if (!lock.ok()) return lock.status();
  return dir->Rollback();
}

}  // namespace vnsearch
