#include "common/index/index_builder.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <xapian.h>

#include "absl/strings/str_cat.h"
#include "common/analysis/analyzer.h"
#include "common/index/document_builder.h"
#include "common/index/schema.h"
#include "common/base/xapian_status.h"

namespace vnsearch {
namespace fs = std::filesystem;
namespace {

// An exclusive advisory lock on "<index>.lock", held for the whole build.
class IndexLock {
 public:
  static absl::StatusOr<std::unique_ptr<IndexLock>> Acquire(
      const std::string& index_dir) {
    const std::string path = index_dir + ".lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      return absl::PermissionDeniedError(
          absl::StrCat("cannot create lock file ", path, ": ",
                       std::strerror(errno)));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return absl::FailedPreconditionError(absl::StrCat(
          "index ", index_dir, " is locked: another vnindex is building it"));
    }
    return std::unique_ptr<IndexLock>(new IndexLock(fd, path));
  }
  ~IndexLock() {
    std::error_code ec;
    fs::remove(path_, ec);
    ::close(fd_);
  }

 private:
  IndexLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

// True if `dir` may be replaced: absent, empty, or a Xapian index.
bool Replaceable(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  if (!fs::is_directory(dir, ec)) return false;
  if (fs::is_empty(dir, ec)) return true;
  return fs::exists(fs::path(dir) / "iamglass", ec);
}

uint64_t DirectoryBytes(const std::string& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

struct ShardResult {
  absl::Status status;
  uint64_t files = 0, documents = 0, skipped = 0, bytes = 0;
};

}  // namespace

absl::StatusOr<IndexStats> BuildIndex(const IndexOptions& options,
                                      const WarningSink& warn) {
  const auto started = std::chrono::steady_clock::now();
  if (options.index_dir.empty()) {
    return absl::InvalidArgumentError("no index directory given");
  }
  absl::StatusOr<std::vector<CorpusFile>> files =
      ListCorpus(options.corpus_dir);
  if (!files.ok()) return files.status();
  absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();

  const std::string index_dir =
      fs::path(options.index_dir).lexically_normal().string();
  std::error_code ec;
  const fs::path parent = fs::absolute(index_dir, ec).parent_path();
  fs::create_directories(parent, ec);
  absl::StatusOr<std::unique_ptr<IndexLock>> lock = IndexLock::Acquire(index_dir);
  if (!lock.ok()) return lock.status();
  if (!Replaceable(index_dir)) {
    return absl::FailedPreconditionError(absl::StrCat(
        index_dir, " exists and is not a search index; refusing to replace it"));
  }

  const std::string staging = index_dir + ".building";
  const std::string fresh = index_dir + ".new";
  const std::string old = index_dir + ".old";
  fs::remove_all(staging, ec);
  fs::remove_all(fresh, ec);
  fs::remove_all(old, ec);
  fs::create_directories(staging, ec);
  if (ec) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot create ", staging, ": ", ec.message()));
  }

  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::clamp(threads, 1, 16);
  if (files->size() < 64) threads = 1;
  // Xapian reads its flush threshold from the environment when a writable
  // database opens; a user's own setting wins.
  if (std::getenv("XAPIAN_FLUSH_THRESHOLD") == nullptr) {
    ::setenv("XAPIAN_FLUSH_THRESHOLD",
             std::to_string(options.flush_threshold).c_str(), 0);
  }

  std::mutex warn_mutex;
  std::atomic<uint64_t> warnings{0};
  const WarningSink locked_warn = [&](std::string_view message) {
    warnings.fetch_add(1);
    std::lock_guard<std::mutex> guard(warn_mutex);
    warn(message);
  };

  // Shards are written without termlists (smaller, faster; a full rebuild
  // never deletes or replaces), so a JSON Lines id repeated by a crawler's
  // update is resolved up front: count each id, index only its last record.
  std::unordered_map<std::string, int> json_ids;
  for (const CorpusFile& file : *files) {
    if (!file.json_lines) continue;
    ReadCorpusFile(
        file, [&](Article&& article) { ++json_ids[article.id]; },
        [](std::string_view) {});
  }

  std::vector<ShardResult> results(static_cast<size_t>(threads));
  // Shards of each thread, in the order written.
  std::vector<std::vector<std::string>> shard_paths(static_cast<size_t>(threads));
  const auto shard_documents =
      static_cast<Xapian::doccount>(std::max(1, options.shard_documents));
  auto build_shard = [&](int t) {
    ShardResult& result = results[static_cast<size_t>(t)];
    std::vector<std::string>& paths = shard_paths[static_cast<size_t>(t)];
    DocumentBuilder builder(*analyzer);
    auto open_shard = [&] {
      paths.push_back((fs::path(staging) /
                       absl::StrCat("shard", t, "-", paths.size()))
                          .string());
      return Xapian::WritableDatabase(
          paths.back(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC |
                            Xapian::DB_NO_TERMLIST);
    };
    result.status = XapianCall(absl::StrCat("building shards of thread ", t), [&] {
      Xapian::WritableDatabase db = open_shard();
      bool reading_json = false;
      const ArticleSink sink = [&](Article&& article) {
        if (reading_json) {
          // Only shard 0 reads JSON Lines, so this map is not shared.
          auto it = json_ids.find(article.id);
          if (it != json_ids.end() && --it->second > 0) return;  // a later record wins
        }
        db.add_document(builder.Build(article));
        if (db.get_doccount() >= shard_documents) {
          result.documents += db.get_doccount();
          db.commit();
          db.close();
          db = open_shard();
        }
      };
      for (size_t i = 0; i < files->size(); ++i) {
        const CorpusFile& file = (*files)[i];
        // Every JSON Lines file goes to shard 0 so that a repeated id always
        // lands in the same shard; text files are spread by position.
        const int owner = file.json_lines ? 0 : static_cast<int>(i % threads);
        if (owner != t) continue;
        ++result.files;
        std::error_code size_ec;
        result.bytes += fs::file_size(file.path, size_ec);
        reading_json = file.json_lines;
        if (ReadCorpusFile(file, sink, locked_warn) == 0) ++result.skipped;
      }
      if (t == 0) {
        db.set_metadata(std::string(kSchemaVersionKey),
                        std::string(kSchemaVersion));
      }
      db.commit();
      result.documents += db.get_doccount();
      db.close();
    });
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(build_shard, t);
  build_shard(0);
  for (std::thread& worker : workers) worker.join();

  IndexStats stats;
  for (const ShardResult& result : results) {
    if (!result.status.ok()) {
      fs::remove_all(staging, ec);
      return result.status;
    }
    stats.files += result.files;
    stats.skipped_files += result.skipped;
    stats.input_bytes += result.bytes;
  }

  absl::Status compacted = XapianCall("compacting " + fresh, [&] {
    Xapian::Database all;
    for (const std::vector<std::string>& paths : shard_paths) {
      for (const std::string& shard : paths) {
        all.add_database(Xapian::Database(shard));
      }
    }
    all.compact(fresh, Xapian::DBCOMPACT_MULTIPASS);
  });
  if (!compacted.ok()) {
    fs::remove_all(staging, ec);
    fs::remove_all(fresh, ec);
    return compacted;
  }
  absl::StatusOr<Xapian::doccount> count = XapianCall(
      "opening " + fresh, [&] { return Xapian::Database(fresh).get_doccount(); });
  if (!count.ok()) return count.status();
  stats.documents = *count;
  if (stats.documents == 0) {
    fs::remove_all(staging, ec);
    fs::remove_all(fresh, ec);
    return absl::FailedPreconditionError(absl::StrCat(
        "no articles found in ", options.corpus_dir, "; index ", index_dir,
        " left unchanged"));
  }

  // Swap the new index in.
  if (fs::exists(index_dir, ec)) fs::rename(index_dir, old, ec);
  if (ec) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot move old index ", index_dir, ": ", ec.message()));
  }
  fs::rename(fresh, index_dir, ec);
  if (ec) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot install new index at ", index_dir, ": ",
                     ec.message()));
  }
  fs::remove_all(old, ec);
  fs::remove_all(staging, ec);
  stats.index_bytes = DirectoryBytes(index_dir);
  stats.warnings = warnings.load();
  stats.seconds = std::chrono::duration<double>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  return stats;
}

}  // namespace vnsearch
