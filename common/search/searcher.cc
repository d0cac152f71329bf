#include "common/search/searcher.h"

#include <chrono>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/base/absl_compat.h"
#include "common/base/xapian_status.h"
#include "common/index/record.h"

namespace vnsearch {
namespace {
constexpr size_t kSnippetBytes = 320;

// The page of `strict` (words AND_MAYBE tiers-and-pair-boosts), found the
// cheap way when possible. Its cost is the AND of the words: on known-item
// queries of common syllables ("duoc so tan khi cac nha") the matcher
// walks thousands of dense postings until ten documents weigh more than
// the words alone can (then Xapian itself turns AND_MAYBE into AND).
// Asking first for the documents that match the words AND the optional
// branch gives the same page whenever its last document weighs more than
// `words` alone ever can: no other document could enter it. Otherwise (or
// for any other query shape) the strict query runs as before. Sets `total`
// to the strict query's estimate either way.
Xapian::MSet StrictPage(Xapian::Enquire& enquire, const Xapian::Query& strict,
                        Xapian::doccount offset, Xapian::doccount limit,
                        Xapian::doccount& total) {
  if (strict.get_type() == Xapian::Query::OP_AND_MAYBE &&
      strict.get_num_subqueries() == 2 && limit > 0) {
    const Xapian::Query words = strict.get_subquery(0);
    enquire.set_query(words);
    const Xapian::MSet bound = enquire.get_mset(0, 0);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_AND, words, strict.get_subquery(1)));
    Xapian::MSet page = enquire.get_mset(offset, limit);
    if (page.size() == limit &&
        page[limit - 1].get_weight() > bound.get_max_possible()) {
      total = bound.get_matches_estimated();
      return page;
    }
  }
  enquire.set_query(strict);
  Xapian::MSet page = enquire.get_mset(offset, limit);
  total = page.get_matches_estimated();
  return page;
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
      highlighter_(std::move(analyzer)) {
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
    Xapian::doccount total = 0;
    Xapian::MSet mset =
        StrictPage(enquire_, built->strict, offset, limit, total);
    if (mset.get_matches_lower_bound() == 0 && built->relaxable) {
      // No document has every word: rank those with any.
      enquire_.set_query(built->relaxed);
      mset = enquire_.get_mset(offset, limit);
      total = mset.get_matches_estimated();
    }
    result.total = total;
    if (request.snippets && !mset.empty()) highlighter_.SetQuery(*built);
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
        // On the analyzer's tokens (common/search/highlighter.h), not
        // MSet::snippet: its own word splitter cannot see codes, phrases
        // or the fields a term matched in.
        hit.snippet = highlighter_.Snippet(doc.get_data(), kSnippetBytes);
        hit.title_html =
            highlighter_.Mark(hit.article.title, Highlighter::Target::kTitle);
        for (const Official& official : hit.article.officials) {
          hit.officials_html.push_back(
              highlighter_.Mark(official.name, Highlighter::Target::kOfficial));
        }
      }
      result.hits.push_back(std::move(hit));
    }
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace vnsearch
