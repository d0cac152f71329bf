#include "benchmarks/query_cache.h"

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "benchmarks/engine.h"
#include "benchmarks/news_corpus.h"
#include "common/base/files.h"

#ifndef VNSEARCH_SOURCE_DIR
#error "VNSEARCH_SOURCE_DIR must be defined"
#endif

namespace vnsearch::bench {
namespace {
namespace fs = std::filesystem;

constexpr size_t kMaxCacheBytes = size_t{64} << 20;

// "" when a part of the key cannot be known (then nothing is cached).
std::string Key(const std::string& corpus_dir, uint64_t documents,
                uint64_t bytes, const QueryOptions& options) {
  const std::string analysis = MakeVnsearchEngine()->index_version();
  absl::StatusOr<std::string> generator = ReadSmallFile(
      (fs::path(VNSEARCH_SOURCE_DIR) / "benchmarks" / "query_classes.cc")
          .string(),
      kMaxCacheBytes);
  if (analysis.empty() || !generator.ok()) return "";
  return absl::StrCat(corpus_dir, " ", documents, " ", bytes, " ",
                      options.per_class, " ", options.seed, " ",
                      options.sample_articles, " ", analysis, " ",
                      Fingerprint(*generator));
}

}  // namespace

absl::StatusOr<CachedQueries> GenerateQueriesCached(
    const std::string& corpus_dir, uint64_t documents, uint64_t bytes,
    const QueryOptions& options, const std::string& cache_dir) {
  const std::string key = Key(corpus_dir, documents, bytes, options);
  const std::string path =
      (fs::path(cache_dir) / "bench-queries.json").string();
  CachedQueries out;
  if (!key.empty()) {
    if (absl::StatusOr<std::string> text = ReadSmallFile(path, kMaxCacheBytes);
        text.ok()) {
      const nlohmann::json json = nlohmann::json::parse(*text, nullptr, false);
      if (json.is_object() && json.value("key", "") == key &&
          json.contains("queries") && json["queries"].is_array()) {
        for (const nlohmann::json& q : json["queries"]) {
          const int c = q.value("class", -1);
          if (c < 0 || c >= kNumQueryClasses) break;
          out.queries.push_back({static_cast<QueryClass>(c),
                                 q.value("vnsearch", ""), q.value("peer", ""),
                                 q.value("df", uint32_t{0})});
        }
        if (out.queries.size() == json["queries"].size() &&
            !out.queries.empty()) {
          out.reused = true;
          return out;
        }
        out.queries.clear();
      }
    }
  }
  absl::StatusOr<std::vector<BenchQuery>> queries =
      GenerateQueries(corpus_dir, options);
  if (!queries.ok()) return queries.status();
  out.queries = *std::move(queries);
  if (!key.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const BenchQuery& q : out.queries) {
      list.push_back({{"class", static_cast<int>(q.query_class)},
                      {"vnsearch", q.vnsearch},
                      {"peer", q.peer},
                      {"df", q.document_frequency}});
    }
    std::error_code ec;
    fs::create_directories(cache_dir, ec);
    (void)WriteFileAtomically(
        path, nlohmann::json{{"key", key}, {"queries", list}}.dump() + "\n");
  }
  return out;
}

}  // namespace vnsearch::bench
