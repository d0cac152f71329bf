#include "benchmarks/relevance_suite.h"

#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "benchmarks/percentile.h"
#include "common/analysis/analyzer.h"
#include "common/base/absl_compat.h"
#include "common/base/files.h"
#include "common/base/icu_status.h"
#include "common/base/utf8.h"

namespace vnsearch::bench {
namespace fs = std::filesystem;
namespace {

constexpr size_t kTopK = 10;

// Deterministic draws: std::uniform_int_distribution and std::shuffle are
// implementation-defined, so the same seed could give other queries with
// another standard library. Modulo bias is irrelevant at these sizes.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  size_t Below(size_t n) {
    return n == 0 ? 0 : static_cast<size_t>(engine_() % n);
  }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[Below(i)]);
  }

 private:
  std::mt19937_64 engine_;
};

bool IsWordChar(UChar32 c) {
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK ||
         u_charType(c) == U_COMBINING_SPACING_MARK;
}

// Strips non-word code points from both ends of `word`.
std::string_view StripPunctuation(std::string_view word) {
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  int32_t begin = 0, end = static_cast<int32_t>(word.size());
  while (begin < end) {
    int32_t i = begin;
    UChar32 c;
    U8_NEXT(s, i, end, c);
    if (c >= 0 && IsWordChar(c)) break;
    begin = i;
  }
  while (end > begin) {
    int32_t i = end;
    UChar32 c;
    U8_PREV(s, begin, i, c);
    if (c >= 0 && IsWordChar(c)) break;
    end = i;
  }
  return word.substr(static_cast<size_t>(begin),
                     static_cast<size_t>(end - begin));
}

bool IsAsciiLetters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= 'a' && c <= 'z'; });
}

// Exact pairs ("tuần mới") of adjacent syllables inside one field: both
// plain words (not parts of a code), no punctuation between them, folded
// forms made only of letters.
void CollectPairs(const Analyzer& analyzer, std::string_view text,
                  std::vector<Token>& tokens,
                  absl::flat_hash_set<std::string>& pairs) {
  tokens.clear();
  analyzer.Analyze(text, 0, tokens);
  const Token* previous = nullptr;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kCompound) continue;
    const bool usable = t.kind == TokenKind::kWord && IsAsciiLetters(t.folded);
    if (usable && previous != nullptr && !t.clause_start &&
        t.position == previous->position + 1) {
      pairs.insert(absl::StrCat(previous->exact, " ", t.exact));
    }
    previous = usable ? &t : nullptr;
  }
}

}  // namespace

std::string_view KindName(QueryKind kind) {
  switch (kind) {
    case QueryKind::kHeadlineDiacritics:
      return "headline-diacritics";
    case QueryKind::kHeadlinePlain:
      return "headline-plain";
    case QueryKind::kLeadPlain:
      return "lead-plain";
    case QueryKind::kDiacriticPreference:
      return "diacritic-preference";
    case QueryKind::kTopicalPlain:
      return "topical-plain";
  }
  return "?";
}

std::string_view SplitName(Split split) {
  switch (split) {
    case Split::kTuning:
      return "tune";
    case Split::kTest:
      return "test";
    case Split::kAll:
      return "all";
  }
  return "?";
}

absl::StatusOr<Split> ParseSplit(std::string_view text) {
  if (text == "tune" || text == "tuning") return Split::kTuning;
  if (text == "test") return Split::kTest;
  if (text == "all") return Split::kAll;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown split \"", ToAbsl(text), "\": use tune, test or all"));
}

// ---------------------------------------------------------------------------
// QueryTyping

struct QueryTyping::Impl {
  std::unique_ptr<icu::Transliterator> strip_marks;
  icu::Locale vietnamese{"vi"};
};

absl::StatusOr<QueryTyping> QueryTyping::Create() {
  auto impl = std::make_shared<Impl>();
  UErrorCode status = U_ZERO_ERROR;
  impl->strip_marks.reset(icu::Transliterator::createInstance(
      "NFD; [:Nonspacing Mark:] Remove; NFC", UTRANS_FORWARD, status));
  absl::Status converted =
      IcuErrorToStatus(status, "creating the diacritic remover");
  if (!converted.ok()) return converted;
  return QueryTyping(std::move(impl));
}

std::string QueryTyping::Lower(std::string_view text) const {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.toLower(impl_->vietnamese);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string QueryTyping::Plain(std::string_view text) const {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  impl_->strip_marks->transliterate(u);
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0111)), "d");
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0110)), "D");
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::vector<std::string> QueryTyping::Syllables(std::string_view text) {
  std::vector<std::string> out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0, word_start = 0;
  while (true) {
    const int32_t start = i;
    const bool at_end = i >= length;
    UChar32 c = 0;
    if (!at_end) U8_NEXT(s, i, length, c);
    if (at_end || (c >= 0 && u_isUWhiteSpace(c))) {
      const std::string_view word = StripPunctuation(
          text.substr(static_cast<size_t>(word_start),
                      static_cast<size_t>(start - word_start)));
      if (!word.empty()) out.emplace_back(word);
      if (at_end) break;
      word_start = i;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// RelevanceSuite

absl::StatusOr<RelevanceSuite> RelevanceSuite::Generate(
    const std::vector<NewsArticle>& articles, const SuiteOptions& options) {
  absl::StatusOr<QueryTyping> typing = QueryTyping::Create();
  if (!typing.ok()) return typing.status();
  absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();

  std::vector<const NewsArticle*> sorted;
  sorted.reserve(articles.size());
  for (const NewsArticle& a : articles) sorted.push_back(&a);
  std::sort(
      sorted.begin(), sorted.end(),
      [](const NewsArticle* a, const NewsArticle* b) { return a->id < b->id; });

  // A headline or lead that several articles share (syndicated copies)
  // cannot single out one of them: those articles are never targets.
  absl::flat_hash_map<std::string, int> headline_count, lead_count;
  for (const NewsArticle* a : sorted) {
    ++headline_count[typing->Lower(a->headline)];
    ++lead_count[typing->Lower(a->lead)];
  }

  Rng rng(options.seed);
  RelevanceSuite suite;
  std::vector<size_t> order(sorted.size());

  // Headline queries, with and without diacritics (same spans, same half).
  std::iota(order.begin(), order.end(), 0);
  rng.Shuffle(order);
  size_t made = 0;
  for (size_t i = 0; i < order.size() && made < options.known_items_per_kind;
       ++i) {
    const NewsArticle& a = *sorted[order[i]];
    if (headline_count[typing->Lower(a.headline)] != 1) continue;
    const std::vector<std::string> syllables =
        QueryTyping::Syllables(a.headline);
    if (syllables.size() < 3) continue;
    const size_t length = std::min(3 + rng.Below(3), syllables.size());
    const size_t start = rng.Below(syllables.size() - length + 1);
    const std::string text = typing->Lower(absl::StrJoin(
        syllables.begin() + static_cast<std::ptrdiff_t>(start),
        syllables.begin() + static_cast<std::ptrdiff_t>(start + length), " "));
    // A span with nothing to remove is not typed with diacritics.
    const std::string plain = typing->Plain(text);
    if (plain == text) continue;
    const bool tuning = made % 2 == 0;
    suite.queries_.push_back(
        {QueryKind::kHeadlineDiacritics, text, a.id, "", 0, tuning});
    suite.queries_.push_back(
        {QueryKind::kHeadlinePlain, plain, a.id, "", 0, tuning});
    ++made;
  }

  // Lead queries without diacritics.
  std::iota(order.begin(), order.end(), 0);
  rng.Shuffle(order);
  made = 0;
  for (size_t i = 0; i < order.size() && made < options.known_items_per_kind;
       ++i) {
    const NewsArticle& a = *sorted[order[i]];
    if (a.lead.empty() || lead_count[typing->Lower(a.lead)] != 1) continue;
    const std::vector<std::string> syllables = QueryTyping::Syllables(a.lead);
    if (syllables.size() < 4) continue;
    const size_t length = std::min(4 + rng.Below(3), syllables.size());
    const size_t start = rng.Below(syllables.size() - length + 1);
    const std::string text = typing->Plain(typing->Lower(absl::StrJoin(
        syllables.begin() + static_cast<std::ptrdiff_t>(start),
        syllables.begin() + static_cast<std::ptrdiff_t>(start + length), " ")));
    suite.queries_.push_back(
        {QueryKind::kLeadPlain, text, a.id, "", 0, made % 2 == 0});
    ++made;
  }

  // Diacritic preference: count the articles holding each exact pair, and
  // keep each article's pairs (fingerprints) to judge the chosen ones.
  absl::flat_hash_map<std::string, uint32_t> pair_docs;
  std::vector<std::vector<uint64_t>> article_pairs(sorted.size());
  {
    std::vector<Token> tokens;
    absl::flat_hash_set<std::string> pairs;
    for (size_t i = 0; i < sorted.size(); ++i) {
      pairs.clear();
      CollectPairs(*analyzer, sorted[i]->headline, tokens, pairs);
      CollectPairs(*analyzer, sorted[i]->lead, tokens, pairs);
      CollectPairs(*analyzer, sorted[i]->body, tokens, pairs);
      std::vector<uint64_t>& prints = article_pairs[i];
      prints.reserve(pairs.size());
      for (const std::string& pair : pairs) {
        ++pair_docs[pair];
        prints.push_back(Fingerprint(pair));
      }
      std::sort(prints.begin(), prints.end());
    }
  }
  // Folded pair -> its spellings common enough to count, in a fixed order.
  std::map<std::string, std::vector<std::string>> rivals;
  {
    std::string exact, folded;
    for (const auto& [pair, docs] : pair_docs) {
      if (docs < options.min_spelling_docs) continue;
      std::string key;
      for (absl::string_view syllable : absl::StrSplit(pair, ' ')) {
        analyzer->NormalizeWord(ToStd(syllable), exact, folded);
        absl::StrAppend(&key, key.empty() ? "" : " ", folded);
      }
      rivals[key].push_back(pair);
    }
  }
  pair_docs.clear();
  // The accented spellings of each folded form that has rivals.
  std::vector<std::vector<std::string>> groups;
  for (auto& [folded, spellings] : rivals) {
    if (spellings.size() < 2) continue;
    std::sort(spellings.begin(), spellings.end());
    std::vector<std::string> accented;
    for (const std::string& s : spellings) {
      if (s != folded) accented.push_back(s);
    }
    if (!accented.empty()) groups.push_back(std::move(accented));
  }
  rng.Shuffle(groups);
  // Round robin over the groups, so that every folded form is used once
  // before any is used twice.
  std::vector<std::string> chosen;
  for (bool more = true; more && chosen.size() < options.preference_queries;) {
    more = false;
    for (std::vector<std::string>& group : groups) {
      if (chosen.size() >= options.preference_queries) break;
      if (group.empty()) continue;
      const size_t pick = rng.Below(group.size());
      chosen.push_back(group[pick]);
      group.erase(group.begin() + static_cast<std::ptrdiff_t>(pick));
      more = more || !group.empty();
    }
  }
  for (size_t q = 0; q < chosen.size(); ++q) {
    const uint64_t print = Fingerprint(chosen[q]);
    absl::flat_hash_set<std::string>& docs = suite.spelling_docs_[chosen[q]];
    for (size_t i = 0; i < sorted.size(); ++i) {
      if (std::binary_search(article_pairs[i].begin(), article_pairs[i].end(),
                             print)) {
        docs.insert(sorted[i]->id);
      }
    }
    suite.queries_.push_back({QueryKind::kDiacriticPreference, chosen[q], "",
                              chosen[q], docs.size(), q % 2 == 0});
  }

  // Topical queries without diacritics: a word of two syllables typed with
  // diacritics in a headline ("bão lũ") and a place, a capitalised pair of
  // the same headline ("Quảng Nam") that headlines name at least 3 times,
  // typed lowercase without diacritics ("bao lu quang nam"); the articles
  // with both exact spellings are the right answers, and there must be at
  // least min_spelling_docs of them.
  {
    struct HeadlinePairs {
      std::vector<std::string> words, places;
    };
    std::vector<HeadlinePairs> headline_pairs(sorted.size());
    absl::flat_hash_map<std::string, uint32_t> place_headlines;
    std::vector<Token> tokens;
    for (size_t i = 0; i < sorted.size(); ++i) {
      const std::string& headline = sorted[i]->headline;
      tokens.clear();
      analyzer->Analyze(headline, 0, tokens);
      const Token* previous = nullptr;
      auto capital = [&](const Token& t) {
        const CodePoint cp = DecodeUtf8(headline, t.begin);
        return cp.c >= 0 && u_isupper(cp.c);
      };
      for (const Token& t : tokens) {
        if (t.kind == TokenKind::kCompound) continue;
        const bool usable =
            t.kind == TokenKind::kWord && IsAsciiLetters(t.folded);
        if (usable && previous != nullptr && !t.clause_start &&
            t.position == previous->position + 1) {
          const std::string pair = absl::StrCat(previous->exact, " ", t.exact);
          if (capital(*previous) && capital(t)) {
            headline_pairs[i].places.push_back(pair);
          } else if (!capital(*previous) && !capital(t) &&
                     (previous->accented() || t.accented())) {
            headline_pairs[i].words.push_back(pair);
          }
        }
        previous = usable ? &t : nullptr;
      }
      absl::flat_hash_set<std::string> seen(headline_pairs[i].places.begin(),
                                            headline_pairs[i].places.end());
      for (const std::string& place : seen) ++place_headlines[place];
    }
    // Every article that has each place, from its exact pairs.
    absl::flat_hash_map<uint64_t, std::vector<uint32_t>> place_docs;
    for (const auto& [place, count] : place_headlines) {
      if (count >= 3) place_docs[Fingerprint(place)];
    }
    for (size_t i = 0; i < sorted.size(); ++i) {
      for (uint64_t print : article_pairs[i]) {
        auto it = place_docs.find(print);
        if (it != place_docs.end()) {
          it->second.push_back(static_cast<uint32_t>(i));
        }
      }
    }
    std::iota(order.begin(), order.end(), 0);
    rng.Shuffle(order);
    absl::flat_hash_set<std::string> used;
    size_t topical = 0;
    for (size_t i = 0; i < order.size() && topical < options.preference_queries;
         ++i) {
      const HeadlinePairs& pairs = headline_pairs[order[i]];
      bool made_one = false;
      for (const std::string& place : pairs.places) {
        const auto docs = place_docs.find(Fingerprint(place));
        if (docs == place_docs.end()) continue;
        for (const std::string& word : pairs.words) {
          const std::string spelling = absl::StrCat(word, " + ", place);
          if (used.contains(spelling)) continue;
          const uint64_t print = Fingerprint(word);
          std::vector<uint32_t> both;
          for (uint32_t d : docs->second) {
            if (std::binary_search(article_pairs[d].begin(),
                                   article_pairs[d].end(), print)) {
              both.push_back(d);
            }
          }
          if (both.size() < options.min_spelling_docs) continue;
          used.insert(spelling);
          absl::flat_hash_set<std::string>& judged =
              suite.spelling_docs_[spelling];
          for (uint32_t d : both) judged.insert(sorted[d]->id);
          suite.queries_.push_back(
              {QueryKind::kTopicalPlain,
               typing->Plain(absl::StrCat(word, " ", place)), "", spelling,
               both.size(), topical % 2 == 0});
          ++topical;
          made_one = true;
          break;
        }
        if (made_one) break;
      }
    }
  }

  for (int k = 0; k < kNumQueryKinds; ++k) {
    const auto kind = static_cast<QueryKind>(k);
    // A small corpus may name no place often enough for topical queries.
    if (kind == QueryKind::kTopicalPlain) continue;
    if (std::none_of(suite.queries_.begin(), suite.queries_.end(),
                     [&](const RelevanceQuery& q) { return q.kind == kind; })) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the corpus gives no ", ToAbsl(KindName(kind)), " queries"));
    }
  }
  return suite;
}

std::vector<RelevanceQuery> RelevanceSuite::Queries(Split split) const {
  std::vector<RelevanceQuery> out;
  for (const RelevanceQuery& q : queries_) {
    if (split == Split::kAll || q.tuning == (split == Split::kTuning)) {
      out.push_back(q);
    }
  }
  return out;
}

bool RelevanceSuite::ContainsSpelling(std::string_view id,
                                      std::string_view spelling) const {
  auto it = spelling_docs_.find(ToAbsl(spelling));
  return it != spelling_docs_.end() && it->second.contains(ToAbsl(id));
}

size_t RelevanceSuite::SpellingDocs(std::string_view spelling) const {
  auto it = spelling_docs_.find(ToAbsl(spelling));
  return it == spelling_docs_.end() ? 0 : it->second.size();
}

std::string RelevanceSuite::ToJson() const {
  nlohmann::json json;
  json["queries"] = nlohmann::json::array();
  for (const RelevanceQuery& q : queries_) {
    json["queries"].push_back({{"kind", static_cast<int>(q.kind)},
                               {"text", q.text},
                               {"target", q.target},
                               {"spelling", q.spelling},
                               {"spelling_docs", q.spelling_docs},
                               {"tuning", q.tuning}});
  }
  nlohmann::json docs = nlohmann::json::object();
  for (const auto& [spelling, ids] : spelling_docs_) {
    std::vector<std::string> sorted(ids.begin(), ids.end());
    std::sort(sorted.begin(), sorted.end());
    docs[spelling] = sorted;
  }
  json["spelling_docs"] = docs;
  return json.dump();
}

absl::StatusOr<RelevanceSuite> RelevanceSuite::FromJson(std::string_view text) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return absl::InvalidArgumentError("relevance suite: malformed JSON");
  }
  try {
    RelevanceSuite suite;
    for (const nlohmann::json& q : json.at("queries")) {
      const int kind = q.at("kind").get<int>();
      if (kind < 0 || kind >= kNumQueryKinds) {
        return absl::InvalidArgumentError("relevance suite: bad query kind");
      }
      suite.queries_.push_back(
          {static_cast<QueryKind>(kind), q.at("text").get<std::string>(),
           q.at("target").get<std::string>(),
           q.at("spelling").get<std::string>(),
           q.at("spelling_docs").get<size_t>(), q.at("tuning").get<bool>()});
    }
    for (const auto& [spelling, ids] : json.at("spelling_docs").items()) {
      auto& set = suite.spelling_docs_[spelling];
      for (const nlohmann::json& id : ids) set.insert(id.get<std::string>());
    }
    return suite;
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("relevance suite: ", e.what()));
  }
}

// ---------------------------------------------------------------------------
// Evaluation

EngineScore Evaluate(Engine& engine, const RelevanceSuite& suite,
                     const std::vector<RelevanceQuery>& queries) {
  EngineScore score;
  score.engine = engine.name();
  for (const RelevanceQuery& q : queries) {
    (void)engine.Search(q.text, kTopK);  // warm-up
  }
  std::vector<double> latencies;
  latencies.reserve(queries.size());
  std::array<double, kNumQueryKinds> mrr{}, success1{}, success10{}, exact{};
  double overall = 0;
  size_t known_items = 0;
  for (const RelevanceQuery& q : queries) {
    const auto started = std::chrono::steady_clock::now();
    absl::StatusOr<std::vector<std::string>> hits =
        engine.Search(q.text, kTopK);
    QueryOutcome& outcome = score.outcomes.emplace_back();
    outcome.ms = std::chrono::duration<double, std::milli>(
                     std::chrono::steady_clock::now() - started)
                     .count();
    latencies.push_back(outcome.ms);
    std::vector<std::string> ids;
    if (hits.ok()) {
      ids = *std::move(hits);
    } else {
      if (score.errors++ == 0) {
        score.first_error =
            absl::StrCat("\"", q.text, "\": ", hits.status().ToString());
      }
    }
    if (ids.size() > kTopK) ids.resize(kTopK);
    outcome.hits = ids.size();
    const auto k = static_cast<size_t>(q.kind);
    ++score.kinds[k].queries;
    if (JudgedBySpelling(q.kind)) {
      size_t matching = 0;
      for (const std::string& id : ids)
        matching += suite.ContainsSpelling(id, q.spelling);
      outcome.exact = matching;
      exact[k] += static_cast<double>(matching) / kTopK;
      continue;
    }
    const auto found = std::find(ids.begin(), ids.end(), q.target);
    outcome.rank =
        found == ids.end() ? 0 : static_cast<size_t>(found - ids.begin()) + 1;
    const double reciprocal =
        found == ids.end() ? 0.0
                           : 1.0 / static_cast<double>(found - ids.begin() + 1);
    mrr[k] += reciprocal;
    success1[k] += found == ids.begin() ? 1 : 0;
    success10[k] += found != ids.end() ? 1 : 0;
    overall += reciprocal;
    ++known_items;
  }
  for (size_t k = 0; k < kNumQueryKinds; ++k) {
    KindScore& s = score.kinds[k];
    if (s.queries == 0) continue;
    const double n = static_cast<double>(s.queries);
    s.mrr10 = mrr[k] / n;
    s.success1 = success1[k] / n;
    s.success10 = success10[k] / n;
    s.exact_share = exact[k] / n;
  }
  score.overall_mrr10 =
      known_items == 0 ? 0 : overall / static_cast<double>(known_items);
  std::sort(latencies.begin(), latencies.end());
  score.p50_ms = Percentile(latencies, 0.50);
  score.p99_ms = Percentile(latencies, 0.99);
  return score;
}

// ---------------------------------------------------------------------------
// Report

const EngineScore* RelevanceReport::Find(std::string_view name) const {
  for (const EngineScore& e : engines) {
    if (e.engine == name) return &e;
  }
  return nullptr;
}

std::string RelevanceReport::FormatTable() const {
  std::string out = absl::StrFormat(
      "Relevance on the news corpus, %s half: %d queries per known-item kind "
      "(headline-plain are headline-diacritics without diacritics), %d "
      "diacritic-preference and %d topical-plain queries; top 10, single "
      "thread.\n\n",
      SplitName(split), queries[0], queries[3], queries[4]);
  absl::StrAppend(&out, "| kind | metric |");
  for (const EngineScore& e : engines)
    absl::StrAppend(&out, " ", e.engine, " |");
  absl::StrAppend(&out, "\n|---|---|");
  for (size_t i = 0; i < engines.size(); ++i) absl::StrAppend(&out, "---:|");
  absl::StrAppend(&out, "\n");
  auto row = [&](std::string_view kind, std::string_view metric,
                 const std::function<std::string(const EngineScore&)>& cell) {
    absl::StrAppend(&out, "| ", ToAbsl(kind), " | ", ToAbsl(metric), " |");
    for (const EngineScore& e : engines)
      absl::StrAppend(&out, " ", cell(e), " |");
    absl::StrAppend(&out, "\n");
  };
  auto fixed = [](double v) { return absl::StrFormat("%.3f", v); };
  for (QueryKind kind : kKnownItemKinds) {
    row(KindName(kind), "MRR@10",
        [&](const EngineScore& e) { return fixed(e.kind(kind).mrr10); });
    row("", "success@1",
        [&](const EngineScore& e) { return fixed(e.kind(kind).success1); });
    row("", "success@10",
        [&](const EngineScore& e) { return fixed(e.kind(kind).success10); });
  }
  for (QueryKind kind :
       {QueryKind::kDiacriticPreference, QueryKind::kTopicalPlain}) {
    row(KindName(kind), "exact share of top 10", [&](const EngineScore& e) {
      return fixed(e.kind(kind).exact_share);
    });
  }
  row("overall", "MRR@10 (known-item)",
      [&](const EngineScore& e) { return fixed(e.overall_mrr10); });
  row("latency", "p50 ms",
      [&](const EngineScore& e) { return absl::StrFormat("%.2f", e.p50_ms); });
  row("", "p99 ms",
      [&](const EngineScore& e) { return absl::StrFormat("%.2f", e.p99_ms); });
  row("index", "build s (threads)", [&](const EngineScore& e) {
    return absl::StrFormat("%.0f (%d)", e.build.stats.seconds,
                           e.build.stats.threads);
  });
  row("", "size MB", [&](const EngineScore& e) {
    return absl::StrFormat(
        "%.0f", static_cast<double>(e.build.stats.index_bytes) / 1e6);
  });
  for (const EngineScore& e : engines) {
    if (e.errors > 0) {
      absl::StrAppend(
          &out, "\n", e.engine, ": ", e.errors,
          " queries failed (scored as no hits), first: ", e.first_error);
    }
  }
  return out;
}

std::string RelevanceReport::FormatMisses() const {
  std::string out;
  if (engines.empty()) return out;
  for (size_t i = 0; i < query_list.size(); ++i) {
    const RelevanceQuery& q = query_list[i];
    const bool preference = JudgedBySpelling(q.kind);
    auto cell = [&](const EngineScore& e) -> std::string {
      if (i >= e.outcomes.size()) return "?";
      const QueryOutcome& o = e.outcomes[i];
      if (preference) return absl::StrCat(o.exact, "/", kTopK);
      return o.rank == 0 ? absl::StrCat("-(", o.hits, " hits)")
                         : absl::StrCat("#", o.rank);
    };
    const EngineScore& first = engines.front();
    if (i < first.outcomes.size()) {
      const QueryOutcome& o = first.outcomes[i];
      if (preference ? o.exact == kTopK : o.rank == 1) continue;
    }
    absl::StrAppend(&out, ToAbsl(KindName(q.kind)), "\t", q.text, "\t",
                    preference
                        ? absl::StrCat("exact in ", q.spelling_docs, " docs")
                        : q.target);
    for (const EngineScore& e : engines)
      absl::StrAppend(&out, "\t", e.engine, " ", cell(e));
    absl::StrAppend(&out, "\n");
  }
  return out;
}

std::string RelevanceReport::FormatSlowest(size_t n) const {
  std::string out;
  if (engines.empty()) return out;
  const std::vector<QueryOutcome>& first = engines.front().outcomes;
  std::vector<size_t> order(std::min(first.size(), query_list.size()));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return first[a].ms > first[b].ms; });
  if (order.size() > n) order.resize(n);
  for (const size_t i : order) {
    absl::StrAppend(&out, ToAbsl(KindName(query_list[i].kind)), "\t",
                    query_list[i].text);
    for (const EngineScore& e : engines) {
      if (i < e.outcomes.size()) {
        absl::StrAppend(&out, "\t", e.engine,
                        absl::StrFormat(" %.1f ms", e.outcomes[i].ms));
      }
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

std::string RelevanceReport::ToJson() const {
  nlohmann::json json;
  json["split"] = std::string(SplitName(split));
  json["queries"] = queries;
  json["engines"] = nlohmann::json::array();
  for (const EngineScore& e : engines) {
    nlohmann::json kinds = nlohmann::json::array();
    for (const KindScore& k : e.kinds) {
      kinds.push_back({{"queries", k.queries},
                       {"mrr10", k.mrr10},
                       {"success1", k.success1},
                       {"success10", k.success10},
                       {"exact_share", k.exact_share}});
    }
    json["engines"].push_back({{"engine", e.engine},
                               {"kinds", kinds},
                               {"overall_mrr10", e.overall_mrr10},
                               {"p50_ms", e.p50_ms},
                               {"p99_ms", e.p99_ms},
                               {"errors", e.errors},
                               {"first_error", e.first_error},
                               {"build_seconds", e.build.stats.seconds},
                               {"build_threads", e.build.stats.threads},
                               {"documents", e.build.stats.documents},
                               {"input_bytes", e.build.stats.input_bytes},
                               {"index_bytes", e.build.stats.index_bytes},
                               {"index_reused", e.build.reused}});
  }
  return json.dump(2);
}

absl::StatusOr<RelevanceReport> RelevanceReport::FromJson(
    std::string_view text) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return absl::InvalidArgumentError("relevance report: malformed JSON");
  }
  try {
    RelevanceReport report;
    absl::StatusOr<Split> split =
        ParseSplit(json.at("split").get<std::string>());
    if (!split.ok()) return split.status();
    report.split = *split;
    report.queries =
        json.at("queries").get<std::array<size_t, kNumQueryKinds>>();
    for (const nlohmann::json& e : json.at("engines")) {
      EngineScore score;
      score.engine = e.at("engine").get<std::string>();
      const nlohmann::json& kinds = e.at("kinds");
      if (kinds.size() != kNumQueryKinds) {
        return absl::InvalidArgumentError("relevance report: wrong kind count");
      }
      for (size_t k = 0; k < kNumQueryKinds; ++k) {
        KindScore& s = score.kinds[k];
        s.queries = kinds[k].at("queries").get<size_t>();
        s.mrr10 = kinds[k].at("mrr10").get<double>();
        s.success1 = kinds[k].at("success1").get<double>();
        s.success10 = kinds[k].at("success10").get<double>();
        s.exact_share = kinds[k].at("exact_share").get<double>();
      }
      score.overall_mrr10 = e.at("overall_mrr10").get<double>();
      score.p50_ms = e.at("p50_ms").get<double>();
      score.p99_ms = e.at("p99_ms").get<double>();
      score.errors = e.at("errors").get<size_t>();
      score.first_error = e.at("first_error").get<std::string>();
      score.build.stats.seconds = e.at("build_seconds").get<double>();
      score.build.stats.threads = e.at("build_threads").get<int>();
      score.build.stats.documents = e.at("documents").get<uint64_t>();
      score.build.stats.input_bytes = e.at("input_bytes").get<uint64_t>();
      score.build.stats.index_bytes = e.at("index_bytes").get<uint64_t>();
      score.build.reused = e.at("index_reused").get<bool>();
      report.engines.push_back(std::move(score));
    }
    return report;
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("relevance report: ", e.what()));
  }
}

// ---------------------------------------------------------------------------
// Running everything

std::unique_ptr<Engine> MakeEngine(std::string_view name,
                                   const RankingParams& params) {
  if (name == "vnsearch") return MakeVnsearchEngine(params);
  if (name == "xapian") return MakeStockXapianEngine();
  if (name == "fts5") return MakeFts5Engine();
  if (name == "postgres") return MakePostgresEngine();
  return nullptr;
}

std::string IndexKey(const Engine& engine, const std::string& archive) {
  const std::string version = engine.index_version();
  const std::string stamp = FileStamp(archive);
  if (version.empty() || stamp.empty()) return "";
  return absl::StrCat(archive, " ", stamp, " ", version);
}

absl::StatusOr<RelevanceReport> RunRelevance(
    const RelevanceRunOptions& options,
    const std::function<void(std::string_view)>& log) {
  std::vector<std::unique_ptr<Engine>> engines;
  for (const std::string& name : options.engines) {
    std::unique_ptr<Engine> engine =
        name == "vnsearch" ? MakeVnsearchEngine(options.params, options.restore)
                           : MakeEngine(name, options.params);
    if (engine == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown engine \"", name, "\": use vnsearch, xapian, fts5 or postgres (PostgreSQL installed)"));
    }
    engines.push_back(std::move(engine));
  }
  std::error_code ignored;
  log(absl::StrCat("corpus: ", options.archive, " (extracted under ",
                   options.cache_dir, ")"));
  absl::StatusOr<std::string> root =
      PrepareNewsCorpus(options.archive, options.cache_dir);
  if (!root.ok()) return root.status();

  // The suite depends on the corpus, the options and this binary's code
  // (the analyzer judges spellings): a cache for one binary.
  const std::string exe = "/proc/self/exe";
  const std::string suite_path =
      (fs::path(options.cache_dir) /
       absl::StrCat("suite.",
                    fs::read_symlink(exe, ignored).filename().string(),
                    ".json"))
          .string();
  const std::string suite_key = absl::StrCat(
      FileStamp(exe), " ", options.archive, " ", FileStamp(options.archive),
      " ", options.suite.seed, " ", options.suite.known_items_per_kind, " ",
      options.suite.preference_queries, " ", options.suite.min_spelling_docs);
  absl::StatusOr<RelevanceSuite> suite =
      absl::NotFoundError("no cached relevance suite");
  if (absl::StatusOr<std::string> cached =
          ReadSmallFile(suite_path, size_t{1} << 30);
      cached.ok() && absl::StartsWith(*cached, suite_key + "\n")) {
    suite = RelevanceSuite::FromJson(
        std::string_view(*cached).substr(suite_key.size() + 1));
    if (suite.ok()) log(absl::StrCat("queries from ", suite_path));
  }
  if (!suite.ok()) {
    log("generating the queries");
    const auto generating = std::chrono::steady_clock::now();
    absl::StatusOr<std::vector<NewsArticle>> articles = ReadNewsCorpus(*root);
    if (!articles.ok()) return articles.status();
    suite = RelevanceSuite::Generate(*articles, options.suite);
    if (!suite.ok()) return suite.status();
    log(absl::StrFormat("generated %d queries in %.0f s",
                        suite->all_queries().size(),
                        std::chrono::duration<double>(
                            std::chrono::steady_clock::now() - generating)
                            .count()));
    // A cache that cannot be written only costs time next run.
    (void)WriteFileAtomically(suite_path,
                              absl::StrCat(suite_key, "\n", suite->ToJson()));
  }
  RelevanceReport report;
  report.split = options.split;
  report.query_list = suite->Queries(options.split);
  const std::vector<RelevanceQuery>& queries = report.query_list;
  for (const RelevanceQuery& q : queries)
    ++report.queries[static_cast<size_t>(q.kind)];

  for (const std::unique_ptr<Engine>& engine : engines) {
    const std::string index_dir =
        (fs::path(options.cache_dir) / "index" / engine->name()).string();
    const std::string key = IndexKey(*engine, options.archive);
    log(absl::StrCat(engine->name(), ": index ", index_dir));
    absl::StatusOr<CachedBuild> build = EnsureIndex(
        *engine, *root, index_dir, key, options.rebuild || key.empty());
    if (!build.ok()) return build.status();
    log(absl::StrFormat("%s: %s in %.0f s, %.0f MB", engine->name(),
                        build->reused ? "reused index built" : "built index",
                        build->stats.seconds,
                        static_cast<double>(build->stats.index_bytes) / 1e6));
    absl::Status opened = engine->Open(index_dir);
    if (!opened.ok()) return opened;
    log(absl::StrCat(engine->name(), ": running ", queries.size(),
                     " queries twice"));
    EngineScore score = Evaluate(*engine, *suite, queries);
    score.build = *build;
    report.engines.push_back(std::move(score));
  }
  return report;
}

}  // namespace vnsearch::bench
