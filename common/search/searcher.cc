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

Searcher::Searcher(std::string index_dir, IndexSet set, QueryBuilder builder,
                   Analyzer analyzer, const SearcherOptions& options)
    : index_dir_(std::move(index_dir)),
      set_options_(options.shards),
      watcher_(std::move(set.watch)),
      missing_(std::move(set.missing)),
      remote_(set.remote),
      opened_(std::chrono::steady_clock::now()),
      db_(std::move(set.db)),
      builder_(std::move(builder)),
      analyzer_(analyzer),
      params_(options.params),
      enquire_(db_),
      highlight_(new HighlightStem(std::move(analyzer))),
      highlight_stem_(highlight_) {
  enquire_.set_weighting_scheme(
      Xapian::BM25Weight(params_.bm25_k1, 0, 1, params_.bm25_b, 0.5));
}

absl::StatusOr<IndexSet> Searcher::OpenDatabase(
    const std::string& index_dir, const IndexSetOptions& options) {
  absl::StatusOr<IndexSet> set = OpenIndexSet(index_dir, options);
  if (!set.ok()) return set.status();
  const Xapian::Database* db = &set->db;
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
  return set;
}

absl::StatusOr<std::unique_ptr<Searcher>> Searcher::Open(
    const SearcherOptions& options) {
  absl::StatusOr<IndexSet> db = OpenDatabase(options.index_dir, options.shards);
  if (!db.ok()) return db.status();
  absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();
  QueryBuilder builder(*analyzer, options.params);
  return std::unique_ptr<Searcher>(
      new Searcher(options.index_dir, *std::move(db), std::move(builder),
                   *std::move(analyzer), options));
}

absl::Status Searcher::Reopen() {
  opened_ = std::chrono::steady_clock::now();  // also when it fails
  absl::StatusOr<IndexSet> set = OpenDatabase(index_dir_, set_options_);
  if (!set.ok()) return set.status();
  return XapianCall("switching generation", [&] {
    Xapian::Enquire enquire(set->db);
    enquire.set_weighting_scheme(
        Xapian::BM25Weight(params_.bm25_k1, 0, 1, params_.bm25_b, 0.5));
    db_ = std::move(set->db);
    enquire_ = std::move(enquire);
    missing_ = std::move(set->missing);
    remote_ = set->remote;
    ++reopens_;
  });
}

bool Searcher::ShardsDue() const {
  if (!remote_ && missing_.empty()) return false;
  const auto age = std::chrono::steady_clock::now() - opened_;
  return (remote_ && age >= kRemoteRefresh) ||
         (!missing_.empty() && age >= kRetryMissing);
}

absl::StatusOr<SearchResult> Searcher::Search(std::string_view query,
                                              const SearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  absl::StatusOr<BuiltQuery> built = builder_.Build(query, request.dates);
  if (!built.ok()) return built.status();
  // A new generation (or a rollback) since the last query: answer from it.
  // If it cannot be opened, keep answering from the one we have.
  if ((watcher_.Changed() || ShardsDue()) && !Reopen().ok()) watcher_.Forget();
  absl::StatusOr<SearchResult> result = SearchOnce(*built, query, request);
  if (!result.ok() && !absl::IsInvalidArgument(result.status())) {
    // The generation changed or vanished under the query (or a shard
    // server went away): once more on the current one.
    absl::Status reopened = Reopen();
    if (reopened.ok()) {
      result = SearchOnce(*built, query, request);
    } else if (absl::IsUnavailable(reopened)) {
      result = reopened;  // names the shard that does not answer
    }
  }
  if (!result.ok()) return result.status();
  for (const std::string& missing : missing_) {
    result->warnings.push_back(absl::StrCat("partial results: ", missing));
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
        // Xapian's plain snippet (the first best window of query words):
        // the background model and the exhaustive scan chose the same
        // windows on the queries tried and cost 5x (p50 7.9 vs 1.4 ms a
        // query of 10 snippets).
        hit.snippet = mset.snippet(doc.get_data(), kSnippetBytes,
                                   highlight_stem_, 0, "<b>", "</b>", "…");
      }
      result.hits.push_back(std::move(hit));
    }
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace vnsearch
