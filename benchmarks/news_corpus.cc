#include "benchmarks/news_corpus.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/base/files.h"
#include "common/document/corpus_reader.h"

#ifndef VNSEARCH_SOURCE_DIR
#error "VNSEARCH_SOURCE_DIR must be defined"
#endif
#ifndef VNSEARCH_NEWS_CACHE_DIR
#error "VNSEARCH_NEWS_CACHE_DIR must be defined"
#endif

namespace vnsearch::bench {
namespace fs = std::filesystem;
namespace {

// Stamp files hold a key and a few numbers; an article is at most a few
// hundred kilobytes, but nothing here should fail on a long one.
constexpr size_t kMaxStampBytes = size_t{1} << 20;
constexpr size_t kMaxArticleBytes = size_t{1} << 30;

std::string EnvOr(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value)
                                            : std::move(fallback);
}

// Runs argv[0] with `argv` (no shell) and waits for it.
absl::Status Run(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return absl::InternalError(
          absl::StrCat("waitpid: ", std::strerror(errno)));
    }
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string command;
    for (const std::string& a : argv) absl::StrAppend(&command, " ", a);
    return absl::InternalError(
        absl::StrCat("command failed (status ", status, "):", command));
  }
  return absl::OkStatus();
}

}  // namespace

std::string NewsArchivePath() {
  return EnvOr("VNSEARCH_NEWS_ARCHIVE",
               (fs::path(VNSEARCH_SOURCE_DIR) / ".." / "shared" / "data" /
                "vnnews-35k.tar.zst")
                   .lexically_normal()
                   .string());
}

std::string NewsCacheDir() {
  return EnvOr("VNSEARCH_NEWS_CACHE", VNSEARCH_NEWS_CACHE_DIR);
}

std::string FileStamp(const std::string& path) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) return "";
  const fs::file_time_type mtime = fs::last_write_time(path, ec);
  if (ec) return "";
  return absl::StrCat(size, ":", mtime.time_since_epoch().count());
}

uint64_t Fingerprint(std::string_view data, uint64_t seed) {
  uint64_t h = 14695981039346656037ull ^ seed;
  for (const char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

absl::StatusOr<BuildStats> BuildFreshIndex(
    const std::string& index_dir,
    const std::function<absl::Status(const std::string& staging,
                                     BuildStats& stats)>& build) {
  const auto started = std::chrono::steady_clock::now();
  const std::string staging = index_dir + ".building";
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) return ErrnoToStatus(ec.value(), absl::StrCat("creating ", staging));
  BuildStats stats;
  absl::Status built = build(staging, stats);
  if (built.ok()) built = ReplaceDirectory(staging, index_dir);
  if (!built.ok()) {
    fs::remove_all(staging, ec);
    return built;
  }
  stats.index_bytes = DirectoryBytes(index_dir);
  stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  return stats;
}

absl::StatusOr<std::unique_ptr<FileLock>> FileLock::Acquire(
    const std::string& path) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot create lock file ", path, ": ", std::strerror(errno)));
  }
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    const int err = errno;
    ::close(fd);
    return absl::InternalError(
        absl::StrCat("cannot lock ", path, ": ", std::strerror(err)));
  }
  return std::unique_ptr<FileLock>(new FileLock(fd));
}

FileLock::~FileLock() { ::close(fd_); }

absl::StatusOr<std::string> PrepareNewsCorpus(const std::string& archive,
                                              const std::string& cache_dir) {
  const std::string archive_stamp = FileStamp(archive);
  if (archive_stamp.empty()) {
    return absl::NotFoundError(
        absl::StrCat("news archive ", archive, " not found"));
  }
  std::error_code ec;
  fs::create_directories(cache_dir, ec);
  if (ec) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot create ", cache_dir, ": ", ec.message()));
  }
  absl::StatusOr<std::unique_ptr<FileLock>> lock =
      FileLock::Acquire((fs::path(cache_dir) / "corpus.lock").string());
  if (!lock.ok()) return lock.status();

  const std::string root = (fs::path(cache_dir) / "corpus").string();
  const std::string stamp_path =
      (fs::path(cache_dir) / "corpus.stamp").string();
  const std::string want = absl::StrCat(archive, "\n", archive_stamp, "\n");
  absl::StatusOr<std::string> have = ReadSmallFile(stamp_path, kMaxStampBytes);
  if (have.ok() && *have == want && fs::is_directory(root, ec)) return root;

  fs::remove(stamp_path, ec);
  const std::string staging = root + ".extracting";
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot create ", staging, ": ", ec.message()));
  }
  absl::Status extracted =
      Run({"tar", "-I", "zstd", "-xf", archive, "-C", staging});
  if (!extracted.ok()) {
    fs::remove_all(staging, ec);
    return extracted;
  }
  if (absl::Status installed = ReplaceDirectory(staging, root);
      !installed.ok()) {
    fs::remove_all(staging, ec);
    return installed;
  }
  absl::Status stamped = WriteFileAtomically(stamp_path, want);
  if (!stamped.ok()) return stamped;
  return root;
}

NewsArticle ParseNewsArticle(std::string id, std::string_view text) {
  NewsArticle article;
  article.id = std::move(id);
  auto next_line = [&text]() {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view()
                                         : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return std::string(line);
  };
  article.headline = next_line();
  article.lead = next_line();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  article.body = std::string(text);
  return article;
}

absl::StatusOr<uint64_t> ForEachNewsArticle(
    const std::string& root, const std::function<void(NewsArticle&&)>& sink) {
  absl::StatusOr<std::vector<CorpusFile>> files = ListCorpus(root);
  if (!files.ok()) return files.status();
  uint64_t bytes = 0;
  for (const CorpusFile& file : *files) {
    absl::StatusOr<std::string> text =
        ReadSmallFile(file.path, kMaxArticleBytes);
    if (!text.ok()) return absl::InternalError(text.status().message());
    bytes += text->size();
    sink(ParseNewsArticle(file.id, *text));
  }
  return bytes;
}

absl::StatusOr<std::vector<NewsArticle>> ReadNewsCorpus(
    const std::string& root) {
  std::vector<NewsArticle> articles;
  absl::StatusOr<uint64_t> bytes = ForEachNewsArticle(
      root,
      [&](NewsArticle&& article) { articles.push_back(std::move(article)); });
  if (!bytes.ok()) return bytes.status();
  return articles;
}

absl::StatusOr<CachedBuild> EnsureIndex(Engine& engine,
                                        const std::string& corpus_root,
                                        const std::string& index_dir,
                                        const std::string& key, bool rebuild) {
  absl::StatusOr<std::unique_ptr<FileLock>> lock =
      FileLock::Acquire(index_dir + ".cache.lock");
  if (!lock.ok()) return lock.status();
  const std::string stamp_path = index_dir + ".stamp";
  std::error_code ec;
  if (!rebuild && fs::exists(index_dir, ec)) {
    absl::StatusOr<std::string> stamp =
        ReadSmallFile(stamp_path, kMaxStampBytes);
    if (stamp.ok()) {
      nlohmann::json json = nlohmann::json::parse(*stamp, nullptr, false);
      if (json.is_object() && json.value("key", "") == key) {
        CachedBuild cached;
        cached.reused = true;
        cached.stats.seconds = json.value("seconds", 0.0);
        cached.stats.documents = json.value("documents", uint64_t{0});
        cached.stats.input_bytes = json.value("input_bytes", uint64_t{0});
        cached.stats.index_bytes = json.value("index_bytes", uint64_t{0});
        cached.stats.threads = json.value("threads", 1);
        return cached;
      }
    }
  }
  fs::remove(stamp_path, ec);
  absl::StatusOr<BuildStats> stats = engine.Build(corpus_root, index_dir);
  if (!stats.ok()) return stats.status();
  nlohmann::json json = {{"key", key},
                         {"engine", engine.name()},
                         {"seconds", stats->seconds},
                         {"documents", stats->documents},
                         {"input_bytes", stats->input_bytes},
                         {"index_bytes", stats->index_bytes},
                         {"threads", stats->threads}};
  absl::Status stamped = WriteFileAtomically(stamp_path, json.dump(2) + "\n");
  if (!stamped.ok()) return stamped;
  CachedBuild built;
  built.stats = *stats;
  return built;
}

}  // namespace vnsearch::bench
