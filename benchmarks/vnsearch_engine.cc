// vnsearch under measurement: BuildIndex to build, Searcher to query, exactly
// as vnindex and vnsearch do (snippets off: the suite reads ids only).

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string_view>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "benchmarks/engine.h"
#include "benchmarks/news_corpus.h"
#include "common/base/absl_compat.h"
#include "common/index/index_builder.h"
#include "common/index/schema.h"
#include "common/search/searcher.h"

#ifndef VNSEARCH_COMMON_OBJECTS
#error "VNSEARCH_COMMON_OBJECTS must name the list of vnsearch_common's objects"
#endif

namespace vnsearch::bench {
namespace {

// Objects of vnsearch_common that only serve queries: a change in them keeps
// a cached index valid. Every other object (and any new one) is taken to
// shape the index.
constexpr std::string_view kQueryOnlyObjects[] = {
    "query_builder.cc.o", "searcher.cc.o", "search_session.cc.o",
    "result_format.cc.o", "facets.cc.o", "tier_membership.cc.o"};

bool QueryOnly(std::string_view object) {
  return std::any_of(std::begin(kQueryOnlyObjects), std::end(kQueryOnlyObjects),
                     [&](std::string_view name) {
                       return object.size() >= name.size() &&
                              object.substr(object.size() - name.size()) ==
                                  name;
                     });
}

class VnsearchEngine : public Engine {
 public:
  VnsearchEngine(const RankingParams& params, bool snippets, bool restore)
      : params_(params), snippets_(snippets), restore_(restore) {}

  std::string name() const override { return "vnsearch"; }

  // The schema version and a fingerprint of the compiled indexing code (the
  // object files, which change exactly when their sources or headers do).
  std::string index_version() const override {
    std::string version =
        absl::StrCat("vnsearch-schema-", ToAbsl(kSchemaVersion));
    std::ifstream list(VNSEARCH_COMMON_OBJECTS);
    if (!list) return "";
    std::ostringstream text;
    text << list.rdbuf();
    uint64_t print = 0;
    for (absl::string_view object :
         absl::StrSplit(text.str(), '\n', absl::SkipWhitespace())) {
      if (QueryOnly(ToStd(object))) continue;
      std::ifstream in(std::string(object), std::ios::binary);
      if (!in) return "";  // not built yet, or moved: unknown
      std::ostringstream bytes;
      bytes << in.rdbuf();
      print = Fingerprint(bytes.str(), print);
    }
    absl::StrAppend(&version, "-", absl::Hex(print, absl::kZeroPad16));
    return version;
  }

  absl::StatusOr<BuildStats> Build(const std::string& corpus_dir,
                                   const std::string& index_dir) override {
    IndexOptions options;
    options.corpus_dir = corpus_dir;
    options.index_dir = index_dir;
    uint64_t warnings = 0;
    absl::StatusOr<IndexStats> stats =
        BuildIndex(options, [&](std::string_view) { ++warnings; });
    if (!stats.ok()) return stats.status();
    BuildStats out;
    out.seconds = stats->seconds;
    out.documents = stats->documents;
    out.input_bytes = stats->input_bytes;
    out.index_bytes = stats->index_bytes;
    out.threads =
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return out;
  }

  absl::Status Open(const std::string& index_dir) override {
    SearcherOptions options;
    options.index_dir = index_dir;
    options.params = params_;
    absl::StatusOr<std::unique_ptr<Searcher>> searcher =
        Searcher::Open(options);
    if (!searcher.ok()) return searcher.status();
    searcher_ = *std::move(searcher);
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<std::string>> Search(const std::string& query,
                                                  size_t k) override {
    if (searcher_ == nullptr) {
      return absl::FailedPreconditionError("vnsearch engine: Open() first");
    }
    SearchRequest request;
    request.limit = k;
    request.snippets = snippets_;
    request.restore = restore_;
    absl::StatusOr<SearchResult> result = searcher_->Search(query, request);
    if (!result.ok()) return result.status();
    std::vector<std::string> ids;
    ids.reserve(result->hits.size());
    for (Hit& hit : result->hits) ids.push_back(std::move(hit.article.id));
    return ids;
  }

 private:
  RankingParams params_;
  bool snippets_ = false;
  bool restore_ = true;
  std::unique_ptr<Searcher> searcher_;
};

}  // namespace

std::unique_ptr<Engine> MakeVnsearchEngine() {
  return MakeVnsearchEngine(RankingParams());
}

std::unique_ptr<Engine> MakeVnsearchEngine(const RankingParams& params) {
  return MakeVnsearchEngine(params, true);
}

std::unique_ptr<Engine> MakeVnsearchSnippetEngine() {
  return std::make_unique<VnsearchEngine>(RankingParams(), true, true);
}

std::unique_ptr<Engine> MakeVnsearchEngine(const RankingParams& params,
                                           bool restore) {
  return std::make_unique<VnsearchEngine>(params, false, restore);
}

}  // namespace vnsearch::bench
