// The Vietnamese news corpus the relevance suite and the benchmarks run on
// (../shared/data/vnnews-35k.tar.zst, see its README), and the cache under
// the build directory that holds it extracted and the engines' indexes built
// from it. Nothing here is ever committed: the corpus is extracted at run
// time.
//
// News format: line 1 the headline, line 2 the lead, line 3 the body; the
// id of an article is its path relative to the extraction root
// ("data/21455847.txt").

#ifndef VNSEARCH_BENCHMARKS_NEWS_CORPUS_H_
#define VNSEARCH_BENCHMARKS_NEWS_CORPUS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "benchmarks/engine.h"

namespace vnsearch::bench {

struct NewsArticle {
  std::string id;        // "data/21455847.txt"
  std::string headline;  // line 1
  std::string lead;      // line 2; may be empty
  std::string body;      // line 3 and any further lines; may be empty
};

// $VNSEARCH_NEWS_ARCHIVE if set, else
// <source>/../shared/data/vnnews-35k.tar.zst.
[[nodiscard]] std::string NewsArchivePath();
// $VNSEARCH_NEWS_CACHE if set, else <build>/news-cache.
[[nodiscard]] std::string NewsCacheDir();

// Extracts `archive` into `cache_dir`/corpus unless a stamp file says that
// this archive (same size and mtime) is already there, and returns the corpus
// root. NotFound when the archive is absent (callers skip), Internal when
// tar or zstd fails. Several processes may call it at once (file lock).
[[nodiscard]] absl::StatusOr<std::string> PrepareNewsCorpus(
    const std::string& archive, const std::string& cache_dir);

// Splits one file's text into headline, lead and body.
[[nodiscard]] NewsArticle ParseNewsArticle(std::string id,
                                           std::string_view text);

// Hands every article under `root` to `sink` in id order and returns the
// bytes read. NotFound for a missing root; an unreadable file is an error
// (Internal), not skipped.
[[nodiscard]] absl::StatusOr<uint64_t> ForEachNewsArticle(
    const std::string& root, const std::function<void(NewsArticle&&)>& sink);

// Every article under `root`, sorted by id (errors as ForEachNewsArticle).
[[nodiscard]] absl::StatusOr<std::vector<NewsArticle>> ReadNewsCorpus(
    const std::string& root);

// "size:mtime" of a file, or "" when it cannot be read: a cheap identity
// for cache keys.
[[nodiscard]] std::string FileStamp(const std::string& path);

// FNV-1a, 64 bits: stable across runs and machines (std::hash is not
// promised to be).
[[nodiscard]] uint64_t Fingerprint(std::string_view data, uint64_t seed = 0);

// A peer engine's Build: creates the empty directory `index_dir`.building,
// lets `build` fill it (and stats.documents, input_bytes, threads), then puts
// it in place of `index_dir` (ReplaceDirectory) and sets stats.index_bytes
// and stats.seconds (wall time of the whole call). On failure the staging
// directory is removed and `index_dir` is left as it was.
[[nodiscard]] absl::StatusOr<BuildStats> BuildFreshIndex(
    const std::string& index_dir,
    const std::function<absl::Status(const std::string& staging,
                                     BuildStats& stats)>& build);

// An exclusive advisory lock (flock) on `path`, held until destroyed; blocks
// while another process holds it. PermissionDenied if `path` cannot be
// created.
class FileLock {
 public:
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<FileLock>> Acquire(
      const std::string& path);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

// What EnsureIndex did.
struct CachedBuild {
  BuildStats stats;     // of the build that made the index
  bool reused = false;  // true: the index was already there and current
};

// Builds `engine`'s index of `corpus_root` into `index_dir` unless a stamp
// next to it (`index_dir`.stamp) records the same `key` (identify the
// corpus and engine.index_version() in it); `rebuild` forces a build.
// Serialised across processes by a lock on `index_dir`.cache.lock.
[[nodiscard]] absl::StatusOr<CachedBuild> EnsureIndex(
    Engine& engine, const std::string& corpus_root,
    const std::string& index_dir, const std::string& key, bool rebuild);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_NEWS_CORPUS_H_
