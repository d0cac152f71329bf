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
      highlighter_(std::move(analyzer)) {
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
