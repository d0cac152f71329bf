#include "common/search/searcher.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "common/base/absl_compat.h"
#include "common/base/xapian_status.h"
#include "common/index/document_builder.h"
#include "common/index/facet_keys.h"
#include "common/index/record.h"
#include "common/search/branch_first.h"
#include "common/search/filter_match.h"
#include "common/search/lead_collapse.h"
#include "common/search/optional_branch.h"
#include "common/search/shard_match.h"
#include "common/search/tier_membership.h"

namespace vnsearch {
namespace {
constexpr size_t kSnippetBytes = 320;

// Hits fetched beyond a page of `limit` once its copies left the first
// match short, so that one more match usually fills it.
size_t CollapseMargin(size_t limit) { return std::max<size_t>(3, limit / 2); }

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
// matches. From the postings of the filters' terms (tier_membership.h); on
// remote shards, or for a filter of another shape, from one match of all
// the filters (filter_match.h) over the documents a tier bonus can have
// lifted: every bonus is at least the smallest one and the rest of a
// weight is never negative, so a document weighing less is in no tier.
struct TierOf {
  Tier tier = Tier::kAllWords;
  double bonus = 0;
};
std::vector<TierOf> TiersOf(const Xapian::Database& db, const BuiltQuery& built,
                            const std::vector<Xapian::docid>& docids,
                            const std::vector<std::string>& id_terms,
                            const std::vector<double>& weights, bool remote) {
  std::vector<TierOf> tiers(docids.size());
  if (built.tiers.empty() || docids.empty()) return tiers;
  std::vector<Xapian::Query> filters;
  double least = built.tiers[0].bonus;
  for (const BuiltQuery::TierFilter& tier : built.tiers) {
    filters.push_back(tier.filter);
    least = std::min(least, tier.bonus);
  }
  std::optional<std::vector<std::vector<bool>>> in;
  if (!remote) in = DocumentsInFilters(db, filters, docids);
  if (!in) {
    std::vector<size_t> lifted;  // positions of the documents to match
    std::vector<Xapian::docid> lifted_docids;
    std::vector<std::string> lifted_terms;
    for (size_t i = 0; i < docids.size(); ++i) {
      if (least <= 0 || weights[i] >= least) {
        lifted.push_back(i);
        lifted_docids.push_back(docids[i]);
        lifted_terms.push_back(id_terms[i]);
      }
    }
    const std::vector<std::vector<bool>> matched =
        DocumentsInFiltersByMatch(db, filters, lifted_docids, lifted_terms);
    in.emplace(filters.size(), std::vector<bool>(docids.size(), false));
    for (size_t f = 0; f < filters.size(); ++f) {
      for (size_t k = 0; k < lifted.size(); ++k) {
        (*in)[f][lifted[k]] = matched[f][k];
      }
    }
  }
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

// Every document has data (index/stored_text.h: kNoRest when its opening
// is its whole text): none means the document-data table is gone, not that
// there is nothing to show.
void CheckStoredText(const std::string& data) {
  if (data.empty()) {
    throw Xapian::DatabaseCorruptError(
        "a hit has no stored text: the document-data table is missing");
  }
}

// The snippet of a hit, from its stored text: the opening, and the document
// data only when the snippet reads past it, or when `data_seen` is false
// (then set): most snippets need no data, and reading the first hit's after
// each open reports a missing or broken document-data table at once, not
// when some snippet reads past an opening.
std::string HitSnippet(const Xapian::Document& doc,
                       const Highlighter& highlighter, bool& data_seen) {
  std::string opening = doc.get_value(kOpeningSlot);
  if (opening.empty()) {
    throw Xapian::DatabaseCorruptError(
        "a hit has no stored text: its opening is missing");
  }
  absl::StatusOr<std::string> snippet = highlighter.SnippetOfStored(
      std::move(opening),
      [&doc, &data_seen] {
        std::string data = doc.get_data();
        CheckStoredText(data);
        data_seen = true;
        return data;
      },
      kSnippetBytes);
  if (!snippet.ok()) {
    throw Xapian::DatabaseCorruptError(std::string(snippet.status().message()));
  }
  if (!data_seen) {
    CheckStoredText(doc.get_data());
    data_seen = true;
  }
  return *std::move(snippet);
}

// BM25 with the searcher's parameters.
void Configure(Xapian::Enquire& enquire, const RankingParams& params) {
  enquire.set_weighting_scheme(
      Xapian::BM25Weight(params.bm25_k1, 0, 1, params.bm25_b, 0.5));
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
      rotations_(set.remote ? std::vector<Xapian::Database>() : set.opened),
      builder_(std::move(builder)),
      analyzer_(analyzer),
      params_(options.params),
      enquire_(db_),
      highlighter_(std::move(analyzer)),
      chars_(std::move(chars)) {
  Configure(enquire_, params_);
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
    Configure(enquire, params_);
    ShardRotations rotations(set->remote ? std::vector<Xapian::Database>()
                                         : set->opened);
    db_ = std::move(set->db);
    rotations_ = std::move(rotations);
    enquire_ = std::move(enquire);
    missing_ = std::move(set->missing);
    accent_table_ = std::move(set->accent_table);
    remote_ = set->remote;
    ++reopens_;
    data_seen_ = false;
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
    enquire_.set_query(built->strict);
    // Facets: a spy that the matcher shows every match (checkatleast = all
    // documents); without facets no full pass.
    std::unique_ptr<FacetCounter> spy;
    const absl::Cleanup no_spy = [&] { enquire_.clear_matchspies(); };
    CancelSpy cancel_spy(request.cancel);
    // Set when the last page came from the branch first (branch_first.h):
    // its total is the words' estimate.
    std::optional<BranchFirstPage> branch_first;
    auto match = [&](Xapian::doccount size) -> MatchedPage {
      enquire_.clear_matchspies();
      if (request.cancel != nullptr && !remote_) {
        enquire_.add_matchspy(&cancel_spy);
      }
      branch_first.reset();
      if (!request.facets && !rotations_.empty()) {
        // Local shards: Xapian 1.4's merged matcher can drop a branch of
        // every shard after the first (shard_match.h); each is matched
        // first once instead.
        return rotations_.Match(size, [&](Xapian::Enquire& enquire) {
          Configure(enquire, params_);
          enquire.set_query(enquire_.get_query());
          if (request.cancel != nullptr) enquire.add_matchspy(&cancel_spy);
        });
      }
      if (!request.facets && !remote_) {
        branch_first =
            FindBranchFirstPage(enquire_, enquire_.get_query(), size);
        if (branch_first) return PageOf(branch_first->mset);
      }
      // Remote shards: ties broken by the record (kRecordSlot), so that
      // the match sends each hit's record with it (its sort key) and the
      // page, copy keys included, needs no document. Not with facets:
      // Xapian 1.4 then shows some documents to the match spy twice.
      const bool records_sent = remote_ && !request.facets;
      if (records_sent) {
        enquire_.set_sort_by_relevance_then_value(kRecordSlot, false);
      } else {
        enquire_.set_sort_by_relevance();
      }
      Xapian::MSet found;
      if (!request.facets) {
        found = enquire_.get_mset(0, size);
      } else {
        // The full pass the facets need is exact over local shards too.
        spy = std::make_unique<FacetCounter>(remote_);
        spy->AddTo(enquire_);
        found = enquire_.get_mset(0, size, db_.get_doccount());
      }
      // Remote documents are fetched when the page needs them (snippets,
      // or records not sent), once, here: each get_document() would ask
      // the server again, and Xapian 1.4 reads remote documents one round
      // trip each (its fetch does not batch them).
      const bool documents = !records_sent || request.snippets;
      if (remote_ && documents) found.fetch();
      return PageOf(found, documents);
    };
    // Copies of a story collapse on the page (search/lead_collapse.h), not
    // in Xapian's matcher (which reads the collapse key of every candidate
    // that could enter the page). The first round asks for exactly the
    // page, as --no-collapse does: a deeper one lowers the matcher's
    // threshold for every query (+6% instructions on the mix with a margin
    // of 5), while copies reach a first page on 25 of the mix's 900
    // queries. Only when its copies leave the page short is it fetched
    // again, deeper (a few rounds at most: then the page is short).
    const size_t wanted = request.offset + request.limit;
    Xapian::doccount fetched = static_cast<Xapian::doccount>(wanted);
    MatchedPage page = match(fetched);
    bool relaxed = false;
    if (page.lower_bound == 0 && built->relaxable) {
      // No document has every word: rank those with any.
      enquire_.set_query(built->relaxed);
      page = match(fetched);
      relaxed = true;
    }
    std::vector<size_t> merged_into;
    size_t merged = 0;
    // Each fetched hit's record, decoded once (its copy keys collapse the
    // page; the kept hits show it).
    std::vector<Article> records;
    std::vector<CopyKeys> keys;
    auto decode = [&](const MatchedPage& from) {
      records.assign(from.hits.size(), Article());
      keys.assign(from.hits.size(), CopyKeys());
      for (size_t i = 0; i < from.hits.size(); ++i) {
        const MatchedHit& hit = from.hits[i];
        const std::string value = hit.record.empty()
                                      ? hit.document.get_value(kRecordSlot)
                                      : hit.record;
        if (!DecodeRecord(value, records[i], &keys[i])) {
          throw Xapian::DatabaseCorruptError(
              "document record is not a vnsearch record");
        }
      }
    };
    decode(page);
    for (int round = 0; request.collapse; ++round) {
      merged_into = CopyMerges(keys);
      merged = static_cast<size_t>(
          std::count_if(merged_into.begin(), merged_into.end(),
                        [](size_t into) { return into != kKeptHit; }));
      if (round == 3 || page.hits.size() < fetched ||
          page.hits.size() - merged >= wanted) {
        break;
      }
      fetched = static_cast<Xapian::doccount>(
          wanted + 2 * merged + CollapseMargin(request.limit));
      page = match(fetched);
      decode(page);
    }
    merged_into.resize(page.hits.size(), kKeptHit);
    result.total = page.estimated;
    result.total_exact = page.lower_bound == page.upper_bound;
    if (branch_first) {
      result.total = branch_first->total;
      result.total_exact = branch_first->total_exact;
    }
    // Less the copies seen among the fetched hits: exact when every match
    // was fetched, else an upper bound.
    result.distinct = result.total - std::min<uint64_t>(merged, result.total);
    if (spy) {
      // The spy saw every match (check-at-least = all documents), copies
      // included: that is the count, where Xapian's bounds may still differ.
      result.facets = spy->Result();
      result.total = result.facets->articles;
      result.total_exact = true;
      result.distinct =
          result.total - std::min<uint64_t>(merged, result.total);
    }
    // The page, and the documents ranked above it: the score is the weight
    // without tier bonuses as a share of the best such weight so far.
    std::vector<Xapian::docid> docids;
    std::vector<std::string> id_terms;
    std::vector<Article> kept_records;
    std::vector<double> weights;
    for (size_t i = 0; i < page.hits.size() && docids.size() < wanted; ++i) {
      if (merged_into[i] != kKeptHit) continue;
      const MatchedHit& hit = page.hits[i];
      docids.push_back(hit.docid);
      weights.push_back(hit.weight);
      id_terms.push_back(DocumentBuilder::IdTerm(records[i].id));
      kept_records.push_back(std::move(records[i]));
    }
    std::vector<TierOf> tiers(docids.size());
    if (relaxed) {
      for (TierOf& tier : tiers) tier.tier = Tier::kSomeWords;
    } else {
      tiers = TiersOf(db_, *built, docids, id_terms, weights, remote_);
    }
    // The kept hits (k counts them) and the copies merged into each.
    std::vector<const MatchedHit*> kept;
    std::vector<uint64_t> similar;
    std::vector<size_t> kept_at(page.hits.size(), 0);
    for (size_t i = 0; i < page.hits.size(); ++i) {
      if (merged_into[i] == kKeptHit) {
        kept_at[i] = kept.size();
        kept.push_back(&page.hits[i]);
        similar.push_back(0);
      } else {
        similar[kept_at[merged_into[i]]] += 1;
      }
    }
    // The page and the hits above it (the hits fetched beyond them only
    // counted copies).
    kept.resize(std::min(kept.size(), docids.size()));
    double best = 0;
    for (size_t k = 0; k < kept.size(); ++k) {
      best = std::max(best, kept[k]->weight - tiers[k].bonus);
    }
    if (request.snippets && !page.hits.empty()) highlighter_.SetQuery(*built);
    size_t rank = 0;
    for (size_t k = 0; k < kept.size() && result.hits.size() < request.limit;
         ++k) {
      const MatchedHit& matched = *kept[k];
      ++rank;
      if (rank <= request.offset) continue;
      if (request.cancel != nullptr &&
          request.cancel->load(std::memory_order_relaxed)) {
        throw QueryCancelled{};
      }
      Hit hit;
      hit.rank = rank;
      hit.score = matched.weight;
      hit.tier = tiers[k].tier;
      hit.relevance =
          best > 0 ? std::max(0.0, hit.score - tiers[k].bonus) / best : 1.0;
      hit.similar = similar[k];
      hit.article = std::move(kept_records[k]);
      if (request.snippets) {
        // On the analyzer's tokens (common/search/highlighter.h), not
        // MSet::snippet: its own word splitter cannot see codes, phrases
        // or the fields a term matched in.
        hit.snippet = HitSnippet(matched.document, highlighter_, data_seen_);
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
