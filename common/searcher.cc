#include "common/searcher.h"

#include <chrono>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/absl_compat.h"
#include "common/document_builder.h"
#include "common/xapian_status.h"

namespace vnsearch {
namespace {

// A Xapian "stemmer" that folds words the way the analyzer does, so that
// MSet::snippet finds the folded ("Z") query terms in the original text.
class FoldingStem : public Xapian::StemImplementation {
 public:
  explicit FoldingStem(Analyzer analyzer) : analyzer_(std::move(analyzer)) {}
  std::string operator()(const std::string& word) override {
    analyzer_.NormalizeWord(word, exact_, folded_);
    return folded_;
  }
  std::string get_description() const override { return "vnsearch-fold"; }

 private:
  Analyzer analyzer_;
  std::string exact_, folded_;
};

constexpr size_t kSnippetBytes = 320;

}  // namespace

Searcher::Searcher(Xapian::Database db, QueryBuilder builder, Analyzer analyzer,
                   RankingParams params)
    : db_(std::move(db)),
      builder_(std::move(builder)),
      analyzer_(analyzer),
      params_(params),
      enquire_(db_),
      folding_stem_(new FoldingStem(std::move(analyzer))) {
  enquire_.set_weighting_scheme(
      Xapian::BM25Weight(params_.bm25_k1, 0, 1, params_.bm25_b, 0.5));
}

absl::StatusOr<std::unique_ptr<Searcher>> Searcher::Open(
    const SearcherOptions& options) {
  std::error_code ec;
  if (options.index_dir.empty() || !std::filesystem::exists(options.index_dir, ec)) {
    return absl::NotFoundError(
        absl::StrCat("index ", options.index_dir, " does not exist (build it with vnindex)"));
  }
  absl::StatusOr<Xapian::Database> db = XapianCall(
      "opening index " + options.index_dir,
      [&] { return Xapian::Database(options.index_dir); });
  if (!db.ok()) {
    if (absl::IsNotFound(db.status())) {
      return absl::DataLossError(absl::StrCat(
          "index ", options.index_dir,
          " is not a readable search index: ", db.status().message()));
    }
    return db.status();
  }
  absl::StatusOr<std::string> version = XapianCall("reading index metadata", [&] {
    return db->get_metadata(std::string(kSchemaVersionKey));
  });
  if (!version.ok()) return version.status();
  if (*version != kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "index ", options.index_dir,
        " was not built by this vnindex (schema \"", *version,
        "\", expected \"", ToAbsl(kSchemaVersion), "\"); rebuild it"));
  }
  absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();
  QueryBuilder builder(*analyzer, options.params);
  return std::unique_ptr<Searcher>(
      new Searcher(*std::move(db), std::move(builder), *std::move(analyzer),
                   options.params));
}

absl::StatusOr<SearchResult> Searcher::Search(std::string_view query,
                                              const SearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  absl::StatusOr<BuiltQuery> built = builder_.Build(query, request.dates);
  if (!built.ok()) return built.status();
  SearchResult result;
  result.query = std::string(query);
  absl::Status status = XapianCall("searching", [&] {
    const auto limit = static_cast<Xapian::doccount>(request.limit);
    const auto offset = static_cast<Xapian::doccount>(request.offset);
    enquire_.set_query(built->strict);
    Xapian::MSet mset = enquire_.get_mset(offset, limit);
    if (mset.empty() && built->relaxable) {
      enquire_.set_query(built->relaxed);
      mset = enquire_.get_mset(offset, limit);
    }
    result.total = mset.get_matches_estimated();
    size_t rank = request.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.rank = ++rank;
      hit.score = it.get_weight();
      Article article;
      const std::string data = it.get_document().get_data();
      if (!DecodeDocumentData(data, article)) {
        throw Xapian::DatabaseCorruptError("document data is not vnsearch JSON");
      }
      if (request.snippets) {
        std::string text = article.lead;
        if (!article.body.empty()) absl::StrAppend(&text, "\n", article.body);
        hit.snippet = mset.snippet(text, kSnippetBytes, folding_stem_,
                                   Xapian::MSet::SNIPPET_BACKGROUND_MODEL,
                                   "<b>", "</b>", "…");
      }
      article.lead.clear();
      article.body.clear();
      hit.article = std::move(article);
      result.hits.push_back(std::move(hit));
    }
  });
  if (!status.ok()) return status;
  result.took_ms = std::chrono::duration<double, std::milli>(
                       std::chrono::steady_clock::now() - started)
                       .count();
  return result;
}

}  // namespace vnsearch
