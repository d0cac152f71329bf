#include "common/search/searcher.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "common/base/absl_compat.h"
#include "common/base/xapian_status.h"
#include "common/index/document_builder.h"
#include "common/index/record.h"
#include "common/search/lead_collapse.h"
#include "common/search/optional_branch.h"
#include "common/search/tier_membership.h"

namespace vnsearch {
namespace {
constexpr size_t kSnippetBytes = 320;

// Thrown through Xapian's matcher (which is exception-safe: its own errors
// leave it the same way) when SearchRequest::cancel turns true.
struct QueryCancelled {};

// Sees every document the matcher considers; stops the match on a cancel.
class CancelSpy : public Xapian::MatchSpy {
 public:
  explicit CancelSpy(const std::atomic<bool>* cancel) : cancel_(cancel) {}
  void operator()(const Xapian::Document&, double) override {
    if (cancel_->load(std::memory_order_relaxed)) throw QueryCancelled{};
  }

 private:
  const std::atomic<bool>* cancel_;
};

// What lifted each document: the first of the query's tier filters that
// matches it (BuiltQuery::tiers), and the sum of the bonuses of all those it
// matches. From the postings of the filters' terms (tier_membership.h);
// on remote shards, or for a filter of another shape, one small match per
// tier, restricted to the documents by their id terms.
struct TierOf {
  Tier tier = Tier::kAllWords;
  double bonus = 0;
};
std::vector<TierOf> TiersOf(const Xapian::Database& db, const BuiltQuery& built,
                            const std::vector<Xapian::docid>& docids,
                            const std::vector<std::string>& id_terms,
                            bool remote) {
  std::vector<TierOf> tiers(docids.size());
  if (built.tiers.empty() || docids.empty()) return tiers;
  std::optional<std::vector<std::vector<bool>>> in;
  if (!remote) {
    std::vector<Xapian::Query> filters;
    for (const BuiltQuery::TierFilter& tier : built.tiers) {
      filters.push_back(tier.filter);
    }
    in = DocumentsInFilters(db, filters, docids);
  }
  if (in) {
    for (size_t i = 0; i < docids.size(); ++i) {
      bool decided = false;
      for (size_t f = 0; f < built.tiers.size(); ++f) {
        if (!(*in)[f][i]) continue;
        tiers[i].bonus += built.tiers[f].bonus;
        if (!decided) tiers[i].tier = built.tiers[f].tier;
        decided = true;
      }
    }
    return tiers;
  }
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

Searcher::Searcher(std::string index_dir, IndexSet set, QueryBuilder builder,
                   Analyzer analyzer, const SearcherOptions& options,
                   std::shared_ptr<const CharTable> chars)
    : index_dir_(std::move(index_dir)),
      set_options_(options.shards),
      watcher_(std::move(set.watcher)),
      missing_(std::move(set.missing)),
      accent_table_(std::move(set.accent_table)),
      remote_(set.remote),
      opened_(std::chrono::steady_clock::now()),
      db_(std::move(set.db)),
      builder_(std::move(builder)),
      analyzer_(analyzer),
      params_(options.params),
      enquire_(db_),
      highlighter_(std::move(analyzer)),
      chars_(std::move(chars)) {
  enquire_.set_weighting_scheme(
      Xapian::BM25Weight(params_.bm25_k1, 0, 1, params_.bm25_b, 0.5));
  LoadAccentReader();
}

void Searcher::LoadAccentReader() {
  // Without a table (or with a damaged one) queries are searched as typed.
  absl::StatusOr<std::shared_ptr<const AccentTable>> table =
      accent_table_.empty() ? LoadAccentTable(index_dir_)
                            : LoadAccentTableFile(accent_table_);
  accent_reader_ =
      table.ok() ? std::make_unique<AccentReader>(*table, analyzer_, chars_)
                 : nullptr;
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
  absl::StatusOr<std::shared_ptr<const CharTable>> chars = CharTable::Create();
  if (!chars.ok()) return chars.status();
  Analyzer analyzer(*chars);
  QueryBuilder builder(analyzer, options.params);
  return std::unique_ptr<Searcher>(
      new Searcher(options.index_dir, *std::move(db), std::move(builder),
                   std::move(analyzer), options, *std::move(chars)));
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
    accent_table_ = std::move(set->accent_table);
    remote_ = set->remote;
    ++reopens_;
    LoadAccentReader();
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
  // A new generation (or a rollback, or a new set of shards) since the last
  // query: answer from it, and read the query with its accent table. If it
  // cannot be opened, keep answering from the one we have.
  if ((watcher_.Changed() || ShardsDue()) && !Reopen().ok()) watcher_.Forget();
  AccentReading reading;
  if (accent_reader_ != nullptr) {
    reading = accent_reader_->Read(query, request.restore);
  } else {
    const std::optional<std::string_view> exact = StripExactPrefix(query);
    reading.exact = exact.has_value();
    reading.search_text = std::string(exact.value_or(query));
  }
  absl::StatusOr<BuiltQuery> built =
      builder_.Build(reading.search_text, request.dates);
  if (!built.ok()) return built.status();
  if (!reading.preferred.empty()) {
    // The restored reading: a soft preference within the tiers.
    const Xapian::Query preference = PreferenceQuery(reading);
    built->strict = AddOptional(built->strict, preference);
    built->relaxed = AddOptional(built->relaxed, preference);
  }
  // QueryCancelled passes XapianCall (not a Xapian error) to stop here.
  auto once = [&]() -> absl::StatusOr<SearchResult> {
    try {
      return SearchOnce(*built, query, request);
    } catch (const QueryCancelled&) {
      enquire_.clear_matchspies();
      return absl::CancelledError("query cancelled");
    }
  };
  absl::StatusOr<SearchResult> result = once();
  if (!result.ok() && !absl::IsInvalidArgument(result.status()) &&
      !absl::IsCancelled(result.status())) {
    // The generation changed or vanished under the query (or a shard
    // server went away): once more on the current one.
    absl::Status reopened = Reopen();
    if (reopened.ok()) {
      result = once();
    } else if (absl::IsUnavailable(reopened)) {
      result = reopened;  // names the shard that does not answer
    }
  }
  if (!result.ok()) {
    if (absl::IsDataLoss(result.status())) {
      return absl::DataLossError(absl::StrCat(
          "index ", index_dir_, " is damaged (", result.status().message(),
          "): run vnindex --check --index ", index_dir_));
    }
    return result.status();
  }
  for (const std::string& missing : missing_) {
    result->warnings.push_back(absl::StrCat("partial results: ", missing));
  }
  result->reading = std::move(reading);
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
    std::unique_ptr<FacetCounter> spy;
    const absl::Cleanup no_spy = [&] { enquire_.clear_matchspies(); };
    // Local shards opened as one database: Xapian 1.4's merged matcher
    // prunes with bounds that can drop a document the single index ranks
    // on the page (an AND_MAYBE of words and ORed pair boosts suffices;
    // remote shards, each matched by its own server, do not). Checking
    // every document turns that pruning off, so the page is the single
    // index's.
    const Xapian::doccount check_at_least =
        !remote_ && db_.size() > 1 ? db_.get_doccount() : 0;
    CancelSpy cancel_spy(request.cancel);
    auto match = [&](Xapian::doccount size) {
      enquire_.clear_matchspies();
      if (request.cancel != nullptr && !remote_) {
        enquire_.add_matchspy(&cancel_spy);
      }
      if (!request.facets) return enquire_.get_mset(0, size, check_at_least);
      spy = std::make_unique<FacetCounter>(remote_);
      spy->AddTo(enquire_);
      return enquire_.get_mset(0, size, db_.get_doccount());
    };
    Xapian::doccount fetched = offset + limit;
    Xapian::MSet mset = match(fetched);
    bool relaxed = false;
    if (mset.get_matches_lower_bound() == 0 && built->relaxable) {
      // No document has every word: rank those with any.
      enquire_.set_query(built->relaxed);
      mset = match(fetched);
      relaxed = true;
    }
    // Copies that Xapian's one-slot collapse left apart but that share the
    // lead merge into the best-ranked one (search/lead_collapse.h); when
    // that leaves the page short, fetch as many more hits as merged (a
    // few rounds at most: then the page is short).
    std::vector<size_t> merged_into;
    size_t merged = 0;
    for (int round = 0; request.collapse && round < 4; ++round) {
      std::vector<std::string> lead_keys;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        lead_keys.push_back(it.get_document().get_value(kLeadSlot));
      }
      merged_into = LeadMerges(lead_keys);
      merged = static_cast<size_t>(
          std::count_if(merged_into.begin(), merged_into.end(),
                        [](size_t into) { return into != kKeptHit; }));
      if (merged == 0 || mset.size() < fetched ||
          mset.size() - merged >= offset + limit) {
        break;
      }
      fetched = static_cast<Xapian::doccount>(offset + limit + merged);
      mset = match(fetched);
    }
    merged_into.resize(mset.size(), kKeptHit);
    result.total = mset.get_uncollapsed_matches_estimated();
    result.total_exact = mset.get_uncollapsed_matches_lower_bound() ==
                         mset.get_uncollapsed_matches_upper_bound();
    // Xapian's collapsed estimate can exceed the uncollapsed one.
    result.distinct = request.collapse
                          ? std::min<uint64_t>(mset.get_matches_estimated(),
                                               result.total)
                          : result.total;
    result.distinct -= std::min<uint64_t>(merged, result.distinct);
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
    // Remote shards: ask for every hit's document at once (Xapian pipelines
    // the requests) rather than one round trip per hit.
    if (remote_) mset.fetch();
    size_t i = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
      if (merged_into[i] != kKeptHit) continue;
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
      tiers = TiersOf(db_, *built, docids, id_terms, remote_);
    }
    // The kept hits (k counts them) and the copies merged into each.
    std::vector<Xapian::MSetIterator> kept;
    std::vector<uint64_t> similar;
    std::vector<size_t> kept_at(mset.size(), 0);
    i = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
      if (merged_into[i] == kKeptHit) {
        kept_at[i] = kept.size();
        kept.push_back(it);
        similar.push_back(it.get_collapse_count());
      } else {
        similar[kept_at[merged_into[i]]] += 1 + it.get_collapse_count();
      }
    }
    double best = 0;
    for (size_t k = 0; k < kept.size(); ++k) {
      best = std::max(best, kept[k].get_weight() - tiers[k].bonus);
    }
    if (request.snippets && !mset.empty()) highlighter_.SetQuery(*built);
    size_t rank = 0;
    for (size_t k = 0; k < kept.size() && result.hits.size() < request.limit;
         ++k) {
      const Xapian::MSetIterator& it = kept[k];
      ++rank;
      if (rank <= request.offset) continue;
      if (request.cancel != nullptr &&
          request.cancel->load(std::memory_order_relaxed)) {
        throw QueryCancelled{};
      }
      Hit hit;
      hit.rank = rank;
      hit.score = it.get_weight();
      hit.tier = tiers[k].tier;
      hit.relevance =
          best > 0 ? std::max(0.0, hit.score - tiers[k].bonus) / best : 1.0;
      hit.similar = similar[k];
      hit.article = std::move(records[k]);
      if (request.snippets) {
        std::string text = it.get_document().get_data();
        // Every document stores its text (JoinText is never empty for a
        // parsed article): none means the document-data table is gone, not
        // that there is nothing to show.
        if (text.empty()) {
          throw Xapian::DatabaseCorruptError(
              "a hit has no stored text: the document-data table is missing");
        }
        // On the analyzer's tokens (common/search/highlighter.h), not
        // MSet::snippet: its own word splitter cannot see codes, phrases
        // or the fields a term matched in.
        hit.snippet = highlighter_.Snippet(text, kSnippetBytes);
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
