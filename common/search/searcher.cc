#include "common/search/searcher.h"

#include <chrono>
#include <filesystem>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/base/absl_compat.h"
#include "common/base/xapian_status.h"
#include "common/index/record.h"

namespace vnsearch {
// A Xapian "stemmer" for MSet::snippet, which looks up "Z" + stem(word) among
// the query's terms: body folded terms carry "Z". It maps a word of the text
// to its folded form when the word matches what the user typed (the exact
// spelling for words typed with diacritics, any spelling for words typed
// without), and to a form that is never a query term otherwise, so "đảng"
// highlights "Đảng" and "đảng" but not "đang".
class HighlightStem : public Xapian::StemImplementation {
 public:
  explicit HighlightStem(Analyzer analyzer) : analyzer_(std::move(analyzer)) {}
  void SetQuery(const BuiltQuery& query) {
    exact_words_.clear();
    folded_words_.clear();
    exact_words_.insert(query.exact_words.begin(), query.exact_words.end());
    folded_words_.insert(query.folded_words.begin(), query.folded_words.end());
  }
  std::string operator()(const std::string& word) override {
    analyzer_.NormalizeWord(word, exact_, folded_);
    if (folded_words_.count(folded_) || exact_words_.count(exact_)) {
      return folded_;
    }
    return " ";  // no term is a single space
  }
  std::string get_description() const override { return "vnsearch-highlight"; }

 private:
  Analyzer analyzer_;
  std::set<std::string> exact_words_, folded_words_;
  std::string exact_, folded_;
};

namespace {
constexpr size_t kSnippetBytes = 320;
}  // namespace

Searcher::Searcher(std::string index_dir, Xapian::Database db,
                   QueryBuilder builder, Analyzer analyzer,
                   RankingParams params)
    : index_dir_(std::move(index_dir)),
      watcher_(index_dir_),
      db_(std::move(db)),
      builder_(std::move(builder)),
      analyzer_(analyzer),
      params_(params),
      enquire_(db_),
      highlight_(new HighlightStem(std::move(analyzer))),
      highlight_stem_(highlight_) {
  enquire_.set_weighting_scheme(
      Xapian::BM25Weight(params_.bm25_k1, 0, 1, params_.bm25_b, 0.5));
}

absl::StatusOr<Xapian::Database> Searcher::OpenDatabase(
    const std::string& index_dir) {
  std::error_code ec;
  if (index_dir.empty() || !std::filesystem::exists(index_dir, ec)) {
    return absl::NotFoundError(absl::StrCat(
        "index ", index_dir, " does not exist (build it with vnindex)"));
  }
  absl::StatusOr<Xapian::Database> db =
      XapianCall("opening index " + index_dir,
                 [&] { return Xapian::Database(index_dir); });
  if (!db.ok()) {
    // The directory exists, so any failure to open it means it is damaged
    // or not an index at all.
    return absl::DataLossError(absl::StrCat(
        "index ", index_dir,
        " is not a readable search index: ", db.status().message()));
  }
  absl::StatusOr<std::string> version = XapianCall(
      "reading index metadata",
      [&] { return db->get_metadata(std::string(kSchemaVersionKey)); });
  if (!version.ok()) return version.status();
  if (*version != kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "index ", index_dir, " was not built by this vnindex (schema \"",
        *version, "\", expected \"", ToAbsl(kSchemaVersion),
        "\"); rebuild it"));
  }
  return db;
}

absl::StatusOr<std::unique_ptr<Searcher>> Searcher::Open(
    const SearcherOptions& options) {
  absl::StatusOr<Xapian::Database> db = OpenDatabase(options.index_dir);
  if (!db.ok()) return db.status();
  absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();
  QueryBuilder builder(*analyzer, options.params);
  return std::unique_ptr<Searcher>(
      new Searcher(options.index_dir, *std::move(db), std::move(builder),
                   *std::move(analyzer), options.params));
}

absl::Status Searcher::Reopen() {
  absl::StatusOr<Xapian::Database> db = OpenDatabase(index_dir_);
  if (!db.ok()) return db.status();
  return XapianCall("switching generation", [&] {
    Xapian::Enquire enquire(*db);
    enquire.set_weighting_scheme(
        Xapian::BM25Weight(params_.bm25_k1, 0, 1, params_.bm25_b, 0.5));
    db_ = *std::move(db);
    enquire_ = std::move(enquire);
    ++reopens_;
  });
}

absl::StatusOr<SearchResult> Searcher::Search(std::string_view query,
                                              const SearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  absl::StatusOr<BuiltQuery> built = builder_.Build(query, request.dates);
  if (!built.ok()) return built.status();
  // A new generation (or a rollback) since the last query: answer from it.
  // If it cannot be opened, keep answering from the one we have.
  if (watcher_.Changed() && !Reopen().ok()) watcher_.Forget();
  absl::StatusOr<SearchResult> result = SearchOnce(*built, query, request);
  if (!result.ok() && !absl::IsInvalidArgument(result.status())) {
    // The generation changed or vanished under the query: once more on the
    // current one.
    if (Reopen().ok()) result = SearchOnce(*built, query, request);
  }
  if (!result.ok()) {
    if (absl::IsDataLoss(result.status())) {
      return absl::DataLossError(absl::StrCat(
          "index ", index_dir_, " is damaged (", result.status().message(),
          "): run vnindex --check --index ", index_dir_));
    }
    return result.status();
  }
  result->took_ms = std::chrono::duration<double, std::milli>(
                        std::chrono::steady_clock::now() - started)
                        .count();
  return result;
}

absl::StatusOr<SearchResult> Searcher::SearchOnce(
    const BuiltQuery& built_query, std::string_view query,
    const SearchRequest& request) {
  const BuiltQuery* built = &built_query;
  SearchResult result;
  result.query = std::string(query);
  absl::Status status = XapianCall("searching", [&] {
    const auto limit = static_cast<Xapian::doccount>(request.limit);
    const auto offset = static_cast<Xapian::doccount>(request.offset);
    enquire_.set_query(built->strict);
    Xapian::MSet mset = enquire_.get_mset(offset, limit);
    if (mset.get_matches_lower_bound() == 0 && built->relaxable) {
      // No document has every word: rank those with any.
      enquire_.set_query(built->relaxed);
      mset = enquire_.get_mset(offset, limit);
    }
    result.total = mset.get_matches_estimated();
    if (request.snippets && !mset.empty()) highlight_->SetQuery(*built);
    size_t rank = request.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.rank = ++rank;
      hit.score = it.get_weight();
      const Xapian::Document doc = it.get_document();
      if (!DecodeRecord(doc.get_value(kRecordSlot), hit.article)) {
        throw Xapian::DatabaseCorruptError(
            "document record is not a vnsearch record");
      }
      if (request.snippets) {
        std::string text = doc.get_data();
        // Every document stores its text (JoinText is never empty for a
        // parsed article): none means the document-data table is gone, not
        // that there is nothing to show.
        if (text.empty()) {
          throw Xapian::DatabaseCorruptError(
              "a hit has no stored text: the document-data table is missing");
        }
        // Xapian's plain snippet (the first best window of query words):
        // the background model and the exhaustive scan chose the same
        // windows on the queries tried and cost 5x (p50 7.9 vs 1.4 ms a
        // query of 10 snippets).
        hit.snippet = mset.snippet(text, kSnippetBytes, highlight_stem_, 0,
                                   "<b>", "</b>", "…");
      }
      result.hits.push_back(std::move(hit));
    }
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace vnsearch
