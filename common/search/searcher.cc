#include "common/search/searcher.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "common/base/absl_compat.h"
#include "common/base/xapian_status.h"
#include "common/index/document_builder.h"
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

// What lifted each document: the first of the query's tier filters that
// matches it (BuiltQuery::tiers), and the sum of the bonuses of all those it
// matches. One small match per tier, restricted to the documents by their
// id terms.
struct TierOf {
  Tier tier = Tier::kAllWords;
  double bonus = 0;
};
std::vector<TierOf> TiersOf(const Xapian::Database& db, const BuiltQuery& built,
                            const std::vector<Xapian::docid>& docids,
                            const std::vector<std::string>& id_terms) {
  std::vector<TierOf> tiers(docids.size());
  if (built.tiers.empty() || docids.empty()) return tiers;
  const Xapian::Query documents(Xapian::Query::OP_OR, id_terms.begin(),
                                id_terms.end());
  std::vector<bool> decided(docids.size(), false);
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
  for (const BuiltQuery::TierFilter& tier : built.tiers) {
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, tier.filter, documents));
    const Xapian::MSet in_tier =
        enquire.get_mset(0, static_cast<Xapian::doccount>(docids.size()));
    const std::set<Xapian::docid> matched(in_tier.begin(), in_tier.end());
    for (size_t i = 0; i < docids.size(); ++i) {
      if (!matched.count(docids[i])) continue;
      tiers[i].bonus += tier.bonus;
      if (!decided[i]) tiers[i].tier = tier.tier;
      decided[i] = true;
    }
  }
  return tiers;
}

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
  if (!result.ok()) return result.status();
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
    enquire_.set_collapse_key(request.collapse ? kCollapseSlot
                                               : Xapian::BAD_VALUENO);
    // Facets: a spy that the matcher shows every match (checkatleast = all
    // documents); without facets no full pass.
    std::unique_ptr<FacetSpy> spy;
    const absl::Cleanup no_spy = [&] { enquire_.clear_matchspies(); };
    auto match = [&] {
      if (!request.facets) return enquire_.get_mset(0, offset + limit);
      spy = std::make_unique<FacetSpy>();
      enquire_.clear_matchspies();
      enquire_.add_matchspy(spy.get());
      return enquire_.get_mset(0, offset + limit, db_.get_doccount());
    };
    Xapian::MSet mset = match();
    bool relaxed = false;
    if (mset.get_matches_lower_bound() == 0 && built->relaxable) {
      // No document has every word: rank those with any.
      enquire_.set_query(built->relaxed);
      mset = match();
      relaxed = true;
    }
    result.total = mset.get_uncollapsed_matches_estimated();
    result.total_exact = mset.get_uncollapsed_matches_lower_bound() ==
                         mset.get_uncollapsed_matches_upper_bound();
    // Xapian's collapsed estimate can exceed the uncollapsed one.
    result.distinct = request.collapse
                          ? std::min<uint64_t>(mset.get_matches_estimated(),
                                               result.total)
                          : result.total;
    if (spy) {
      // The spy saw every match (check-at-least = all documents), copies
      // included: that is the count, where Xapian's bounds may still differ.
      result.facets = spy->Result();
      result.total = result.facets->articles;
      result.total_exact = true;
      if (!request.collapse) result.distinct = result.total;
    }
    // The page, and the documents ranked above it: the score is the weight
    // without tier bonuses as a share of the best such weight so far.
    std::vector<Xapian::docid> docids;
    std::vector<std::string> id_terms;
    std::vector<Article> records;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Article record;
      if (!DecodeRecord(it.get_document().get_value(kRecordSlot), record)) {
        throw Xapian::DatabaseCorruptError(
            "document record is not a vnsearch record");
      }
      docids.push_back(*it);
      id_terms.push_back(DocumentBuilder::IdTerm(record.id));
      records.push_back(std::move(record));
    }
    std::vector<TierOf> tiers(docids.size());
    if (relaxed) {
      for (TierOf& tier : tiers) tier.tier = Tier::kSomeWords;
    } else {
      tiers = TiersOf(db_, *built, docids, id_terms);
    }
    double best = 0;
    size_t i = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
      best = std::max(best, it.get_weight() - tiers[i].bonus);
    }
    if (request.snippets && !mset.empty()) highlight_->SetQuery(*built);
    size_t rank = 0;
    i = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
      ++rank;
      if (rank <= request.offset) continue;
      Hit hit;
      hit.rank = rank;
      hit.score = it.get_weight();
      hit.tier = tiers[i].tier;
      hit.relevance =
          best > 0 ? std::max(0.0, hit.score - tiers[i].bonus) / best : 1.0;
      hit.similar = it.get_collapse_count();
      hit.article = std::move(records[i]);
      if (request.snippets) {
        // Xapian's plain snippet (the first best window of query words):
        // the background model and the exhaustive scan chose the same
        // windows on the queries tried and cost 5x (p50 7.9 vs 1.4 ms a
        // query of 10 snippets).
        hit.snippet = mset.snippet(it.get_document().get_data(),
                                   kSnippetBytes, highlight_stem_, 0, "<b>",
                                   "</b>", "…");
      }
      result.hits.push_back(std::move(hit));
    }
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace vnsearch
