#include "common/searcher.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <unordered_set>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/absl_compat.h"
#include "common/document_builder.h"
#include "common/proximity.h"
#include "common/xapian_status.h"

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

Searcher::Searcher(Xapian::Database db, QueryBuilder builder, Analyzer analyzer,
                   RankingParams params)
    : db_(std::move(db)),
      builder_(std::move(builder)),
      analyzer_(analyzer),
      params_(params),
      enquire_(db_),
      highlight_(new HighlightStem(std::move(analyzer))),
      highlight_stem_(highlight_) {
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
    // The directory exists, so any failure to open it means it is damaged
    // or not an index at all.
    return absl::DataLossError(absl::StrCat(
        "index ", options.index_dir,
        " is not a readable search index: ", db.status().message()));
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

std::vector<uint32_t> Searcher::Positions(Xapian::docid did,
                                          const std::string& term) const {
  std::vector<uint32_t> out;
  for (auto p = db_.positionlist_begin(did, term); p != db_.positionlist_end(did, term);
       ++p) {
    out.push_back(*p);
  }
  return out;
}

void Searcher::Rerank(const std::vector<Token>& sequence, bool exact_intent,
                      std::vector<Candidate>& ranked, size_t begin,
                      size_t end) const {
  end = std::min(end, begin + static_cast<size_t>(params_.rerank_depth));
  if (begin >= end) return;
  const double top = ranked[begin].score;
  const double span = static_cast<double>(sequence.size() - 1);
  const bool accented = exact_intent;
  std::vector<std::vector<uint32_t>> folded(sequence.size()), exact(sequence.size());
  for (size_t i = begin; i < end; ++i) {
    const Xapian::docid did = *ranked[i].it;
    size_t run = 0, exact_run = 0;
    for (Field field : {Field::kBody, Field::kTitle}) {
      for (size_t k = 0; k < sequence.size(); ++k) {
        folded[k] = Positions(did, MakeTerm(field, Form::kFolded, sequence[k].folded));
        if (accented) {
          exact[k] = Positions(did, MakeTerm(field, Form::kExact, sequence[k].exact));
        }
      }
      run = std::max(run, LongestRun(folded));
      if (accented) exact_run = std::max(exact_run, LongestRun(exact));
    }
    double bonus = params_.proximity_weight * (run > 1 ? (run - 1) / span : 0.0);
    if (accented) {
      bonus += params_.exact_run_weight * (exact_run > 1 ? (exact_run - 1) / span : 0.0);
    }
    ranked[i].score += top * bonus;
  }
  std::stable_sort(ranked.begin() + static_cast<std::ptrdiff_t>(begin),
                   ranked.begin() + static_cast<std::ptrdiff_t>(end),
                   [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
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
    const bool rerank = built->sequence.size() >= 2 &&
                        params_.rerank_depth > 0 &&
                        (params_.proximity_weight > 0 || params_.exact_run_weight > 0);
    const bool tiered = !built->tier1.empty();
    // With a rerank or tiers, fetch from the top and cut the requested page
    // out afterwards.
    const bool from_top = rerank || tiered;
    const Xapian::doccount fetch_first = from_top ? 0 : offset;
    const Xapian::doccount fetch_count =
        from_top ? std::max<Xapian::doccount>(offset + limit, params_.rerank_depth)
                 : limit;
    std::vector<Candidate> ranked;
    Xapian::MSet first_tier, rest;
    std::unordered_set<Xapian::docid> seen;
    if (tiered) {
      enquire_.set_query(built->tier1);
      first_tier = enquire_.get_mset(0, fetch_count);
      for (auto it = first_tier.begin(); it != first_tier.end(); ++it) {
        ranked.push_back({it.get_weight(), it, &first_tier});
        seen.insert(*it);
      }
    }
    const size_t tier_end = ranked.size();
    enquire_.set_query(built->strict);
    if (ranked.size() < fetch_count) {
      rest = enquire_.get_mset(fetch_first, fetch_count + static_cast<Xapian::doccount>(tier_end));
      if (rest.empty() && built->relaxable) {
        enquire_.set_query(built->relaxed);
        rest = enquire_.get_mset(fetch_first, fetch_count);
      }
      for (auto it = rest.begin(); it != rest.end() && ranked.size() < fetch_count + tier_end; ++it) {
        if (!seen.count(*it)) ranked.push_back({it.get_weight(), it, &rest});
      }
      result.total = rest.get_matches_estimated();
    } else {
      // The first tier filled the page: only the count is still needed.
      result.total = enquire_.get_mset(0, 0).get_matches_estimated();
    }
    result.total = std::max<uint64_t>(result.total, first_tier.get_matches_estimated());
    if (rerank) {
      Rerank(built->sequence, built->exact_intent, ranked, 0, tier_end);
      Rerank(built->sequence, built->exact_intent, ranked, tier_end, ranked.size());
    }
    size_t rank = request.offset;
    for (size_t i = fetch_first == offset ? 0 : offset;
         i < ranked.size() && result.hits.size() < request.limit; ++i) {
      const Xapian::MSetIterator& it = ranked[i].it;
      Hit hit;
      hit.rank = ++rank;
      hit.score = ranked[i].score;
      Article article;
      const std::string data = it.get_document().get_data();
      if (!DecodeDocumentData(data, article)) {
        throw Xapian::DatabaseCorruptError("document data is not vnsearch JSON");
      }
      if (request.snippets) {
        if (hit.rank == request.offset + 1) highlight_->SetQuery(*built);
        std::string text = article.lead;
        if (!article.body.empty()) absl::StrAppend(&text, "\n", article.body);
        hit.snippet = ranked[i].mset->snippet(text, kSnippetBytes, highlight_stem_,
                                   Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
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
