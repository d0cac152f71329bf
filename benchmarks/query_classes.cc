#include "benchmarks/query_classes.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "benchmarks/news_text.h"
#include "benchmarks/rng.h"
#include "common/analysis/analyzer.h"
#include "common/base/absl_compat.h"
#include "common/document/corpus_reader.h"

namespace vnsearch::bench {
namespace {

// Articles the "frequent" class aims at, per 35,440 articles (the news
// corpus): "a query with ~10k matches".
constexpr double kFrequentShare = 10000.0 / 35440.0;
constexpr int kAttemptsPerQuery = 200;

struct SampleArticle {
  std::string text;
  std::vector<RawToken> tokens;
  std::vector<std::string> lower;  // per token; empty unless an alphabetic word
  std::vector<uint32_t> words;     // indexes of the alphabetic words
  // Lowercase alphabetic words of the headline and of the lead.
  std::vector<std::string> headline, lead;
};

class Generator {
 public:
  Generator(const QueryOptions& options, Analyzer analyzer)
      : options_(options), analyzer_(std::move(analyzer)) {}

  void Add(const Article& article, bool sample);
  [[nodiscard]] std::vector<BenchQuery> Generate();
  [[nodiscard]] uint64_t articles() const { return articles_; }

 private:
  [[nodiscard]] uint32_t Df(const std::string& word) const {
    auto it = df_.find(word);
    return it == df_.end() ? 0 : it->second;
  }
  [[nodiscard]] double Share(double share) const { return share * articles_; }
  // Runs `draw` until it has made `per_class` distinct queries or run out of
  // attempts. `draw` gets `strict` false in the last third of the attempts,
  // when it should relax its conditions (small corpora).
  void Draw(QueryClass query_class,
            const std::function<bool(Rng&, bool strict, BenchQuery&)>& draw,
            std::vector<BenchQuery>& out);
  // Words with a document frequency in [lo, hi], widened until there are
  // enough, in a seeded random order.
  [[nodiscard]] std::vector<std::pair<std::string, uint32_t>> WordsIn(
      double lo, double hi, Rng& rng) const;
  [[nodiscard]] std::string Fold(const std::string& word) const {
    std::string exact, folded;
    analyzer_.NormalizeWord(word, exact, folded);
    return folded;
  }

  QueryOptions options_;
  Analyzer analyzer_;
  uint64_t articles_ = 0;
  std::unordered_map<std::string, uint32_t> df_;
  std::unordered_map<std::string, uint32_t> sample_pairs_;
  std::vector<SampleArticle> samples_;
  std::vector<std::string> officials_;  // every mention's name, with repeats
  std::vector<RawToken> tokens_;
  std::vector<OfficialMention> mentions_;
};

void Generator::Add(const Article& article, bool sample) {
  ++articles_;
  std::string text =
      absl::StrCat(article.title, "\n", article.lead, "\n", article.body);
  tokens_.clear();
  SplitRawTokens(text, tokens_);
  std::vector<std::string> words;
  for (const RawToken& token : tokens_) {
    if (token.kind == RawKind::kWord && IsAlphabetic(token.text)) {
      words.push_back(ToLower(token.text));
    }
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  for (std::string& word : words) ++df_[std::move(word)];

  mentions_.clear();
  FindOfficialMentions(tokens_, mentions_);
  for (const OfficialMention& mention : mentions_) {
    std::vector<absl::string_view> name;
    for (size_t i = mention.name_begin; i < mention.name_end; ++i) {
      name.push_back(ToAbsl(tokens_[i].text));
    }
    officials_.push_back(absl::StrJoin(name, " "));
  }

  if (!sample) return;
  SampleArticle& kept = samples_.emplace_back();
  kept.text = std::move(text);
  SplitRawTokens(kept.text, kept.tokens);
  kept.lower.resize(kept.tokens.size());
  for (size_t i = 0; i < kept.tokens.size(); ++i) {
    const RawToken& token = kept.tokens[i];
    if (token.kind != RawKind::kWord || !IsAlphabetic(token.text)) continue;
    kept.lower[i] = ToLower(token.text);
    kept.words.push_back(static_cast<uint32_t>(i));
    if (i > 0 && !kept.lower[i - 1].empty()) {
      ++sample_pairs_[absl::StrCat(kept.lower[i - 1], " ", kept.lower[i])];
    }
  }
  if (kept.words.empty()) {
    samples_.pop_back();
    return;
  }
  for (auto [from, to] : {std::pair{&article.title, &kept.headline},
                          std::pair{&article.lead, &kept.lead}}) {
    tokens_.clear();
    SplitRawTokens(*from, tokens_);
    for (const RawToken& token : tokens_) {
      if (token.kind == RawKind::kWord && IsAlphabetic(token.text)) {
        to->push_back(ToLower(token.text));
      }
    }
  }
}

void Generator::Draw(
    QueryClass query_class,
    const std::function<bool(Rng&, bool strict, BenchQuery&)>& draw,
    std::vector<BenchQuery>& out) {
  Rng rng(options_.seed, static_cast<uint64_t>(query_class) + 1);
  std::unordered_set<std::string> seen;
  const size_t attempts = options_.per_class * kAttemptsPerQuery;
  size_t made = 0;
  for (size_t attempt = 0; attempt < attempts && made < options_.per_class;
       ++attempt) {
    BenchQuery query;
    query.query_class = query_class;
    if (!draw(rng, attempt < attempts * 2 / 3, query)) continue;
    if (!seen.insert(query.vnsearch).second) continue;
    out.push_back(std::move(query));
    ++made;
  }
}

std::vector<std::pair<std::string, uint32_t>> Generator::WordsIn(
    double lo, double hi, Rng& rng) const {
  std::vector<std::pair<std::string, uint32_t>> words;
  for (int widen = 0; widen < 4; ++widen) {
    words.clear();
    for (const auto& [word, df] : df_) {
      if (df >= lo && df <= hi) words.emplace_back(word, df);
    }
    if (words.size() >= options_.per_class) break;
    lo /= 2;
    hi *= 2;
  }
  // Sorted first: the map's order is not the same everywhere.
  std::sort(words.begin(), words.end());
  for (size_t i = words.size(); i > 1; --i) {
    std::swap(words[i - 1], words[rng.Below(i)]);
  }
  return words;
}

std::vector<BenchQuery> Generator::Generate() {
  std::vector<BenchQuery> out;
  if (samples_.empty()) return out;
  auto pick_sample = [&](Rng& rng) -> const SampleArticle& {
    return samples_[rng.Below(samples_.size())];
  };
  const double common = std::max(2.0, Share(0.2));  // stopword-like above this

  // One syllable: a word of the text, neither rare nor common.
  Draw(
      QueryClass::kOneSyllable,
      [&](Rng& rng, bool strict, BenchQuery& q) {
        const SampleArticle& s = pick_sample(rng);
        const std::string& word = s.lower[s.words[rng.Below(s.words.size())]];
        const uint32_t df = Df(word);
        if (strict && (df < std::max(3.0, Share(0.0001)) || df > Share(0.02))) {
          return false;
        }
        q.vnsearch = q.peer = word;
        q.document_frequency = df;
        return true;
      },
      out);

  // Two-syllable word: adjacent syllables that recur together.
  auto two_syllables = [&](Rng& rng, bool strict, BenchQuery& q) {
    const SampleArticle& s = pick_sample(rng);
    const uint32_t at = s.words[rng.Below(s.words.size())];
    if (at + 1 >= s.tokens.size() || s.lower[at + 1].empty()) return false;
    const std::string pair = absl::StrCat(s.lower[at], " ", s.lower[at + 1]);
    const uint32_t df = std::min(Df(s.lower[at]), Df(s.lower[at + 1]));
    if (strict && (sample_pairs_[pair] < 3 || Df(s.lower[at]) > common ||
                   Df(s.lower[at + 1]) > common)) {
      return false;
    }
    q.vnsearch = q.peer = pair;
    q.document_frequency = df;
    return true;
  };
  Draw(QueryClass::kTwoSyllableWord, two_syllables, out);

  // 3-5 syllables of one article, anywhere in it, ranked.
  Draw(
      QueryClass::kOrRanked,
      [&](Rng& rng, bool strict, BenchQuery& q) {
        const SampleArticle& s = pick_sample(rng);
        const size_t want = 3 + rng.Below(3);
        if (s.words.size() < want) return false;
        std::vector<std::string> picked;
        uint32_t rarest = UINT32_MAX;
        for (int tries = 0; tries < 20 && picked.size() < want; ++tries) {
          const std::string& word = s.lower[s.words[rng.Below(s.words.size())]];
          const uint32_t df = Df(word);
          if (strict && (df < 2 || df > common)) continue;
          if (std::find(picked.begin(), picked.end(), word) != picked.end())
            continue;
          picked.push_back(word);
          rarest = std::min(rarest, df);
        }
        if (picked.size() < want) return false;
        q.vnsearch = q.peer = absl::StrJoin(picked, " ");
        q.document_frequency = rarest;
        return true;
      },
      out);

  // Quoted phrases of 2-4 adjacent syllables, one of them accented.
  const size_t phrases_begin = out.size();
  Draw(
      QueryClass::kPhrase,
      [&](Rng& rng, bool strict, BenchQuery& q) {
        const SampleArticle& s = pick_sample(rng);
        const size_t length = 2 + rng.Below(3);
        const uint32_t at = s.words[rng.Below(s.words.size())];
        if (at + length > s.tokens.size()) return false;
        std::vector<absl::string_view> words;
        uint32_t rarest = UINT32_MAX;
        bool accented = false;
        for (size_t i = at; i < at + length; ++i) {
          if (s.lower[i].empty()) return false;
          words.push_back(s.lower[i]);
          rarest = std::min(rarest, Df(s.lower[i]));
          accented = accented || Fold(s.lower[i]) != s.lower[i];
        }
        if (!accented || (strict && rarest > common)) return false;
        q.vnsearch = q.peer =
            absl::StrCat("\"", absl::StrJoin(words, " "), "\"");
        q.document_frequency = rarest;
        return true;
      },
      out);
  const size_t phrases_end = out.size();
  for (size_t i = phrases_begin; i < phrases_end; ++i) {
    BenchQuery folded = out[i];
    folded.query_class = QueryClass::kPhraseNoDiacritics;
    folded.vnsearch = Fold(folded.vnsearch);
    folded.peer = folded.vnsearch;
    folded.document_frequency = 0;
    out.push_back(std::move(folded));
  }

  // Officials named in the text, as often as they are named.
  Draw(
      QueryClass::kOfficial,
      [&](Rng& rng, bool, BenchQuery& q) {
        if (officials_.empty()) return false;
        const std::string& name = officials_[rng.Below(officials_.size())];
        q.vnsearch = absl::StrCat("official:\"", name, "\"");
        q.peer = name;
        return true;
      },
      out);

  // A two-syllable word within 2017 (the news corpus's year).
  Draw(
      QueryClass::kDateFiltered,
      [&](Rng& rng, bool strict, BenchQuery& q) {
        if (!two_syllables(rng, strict, q)) return false;
        q.vnsearch = absl::StrCat("date:2017..2017 ", q.vnsearch);
        return true;
      },
      out);

  // Known items, as the relevance suite makes them: 3-6 adjacent syllables
  // of a headline typed with diacritics, the same without, or of a lead
  // without, in turn.
  size_t known_items = 0;
  Draw(
      QueryClass::kKnownItem,
      [&](Rng& rng, bool, BenchQuery& q) {
        const SampleArticle& s = pick_sample(rng);
        const int variant = static_cast<int>(known_items % 3);
        const std::vector<std::string>& words =
            variant == 2 ? s.lead : s.headline;
        if (words.size() < 3) return false;
        const size_t length = std::min<size_t>(3 + rng.Below(4), words.size());
        const size_t start = rng.Below(words.size() - length + 1);
        std::vector<std::string> span(
            words.begin() + static_cast<std::ptrdiff_t>(start),
            words.begin() + static_cast<std::ptrdiff_t>(start + length));
        uint32_t rarest = UINT32_MAX;
        for (std::string& word : span) {
          rarest = std::min(rarest, Df(word));
          if (variant != 0) word = Fold(word);
        }
        q.vnsearch = q.peer = absl::StrJoin(span, " ");
        q.document_frequency = rarest;
        ++known_items;
        return true;
      },
      out);

  {
    Rng rng(options_.seed, 100);
    const double target = std::max(1.0, Share(kFrequentShare));
    size_t made = 0;
    for (const auto& [word, df] : WordsIn(target * 0.7, target * 1.4, rng)) {
      if (made++ >= options_.per_class) break;
      out.push_back({QueryClass::kFrequent, word, word, df});
    }
  }
  {
    Rng rng(options_.seed, 101);
    const double hi = articles_ >= 1000 ? 5 : 2;
    size_t made = 0;
    for (const auto& [word, df] : WordsIn(std::min(2.0, hi), hi, rng)) {
      if (made++ >= options_.per_class) break;
      out.push_back({QueryClass::kRare, word, word, df});
    }
  }
  return out;
}

}  // namespace

std::string_view QueryClassName(QueryClass c) {
  switch (c) {
    case QueryClass::kOneSyllable:
      return "one_syllable";
    case QueryClass::kTwoSyllableWord:
      return "two_syllable_word";
    case QueryClass::kOrRanked:
      return "or_3_to_5";
    case QueryClass::kPhrase:
      return "phrase";
    case QueryClass::kPhraseNoDiacritics:
      return "phrase_no_diacritics";
    case QueryClass::kOfficial:
      return "official";
    case QueryClass::kDateFiltered:
      return "date_filtered";
    case QueryClass::kFrequent:
      return "frequent_10k";
    case QueryClass::kRare:
      return "rare_handful";
    case QueryClass::kKnownItem:
      return "known_item";
  }
  return "unknown";
}

std::string_view QueryClassDescription(QueryClass c) {
  switch (c) {
    case QueryClass::kOneSyllable:
      return "one syllable of an article, in 0.01%-2% of the articles";
    case QueryClass::kTwoSyllableWord:
      return "two adjacent syllables that recur together (a two-syllable word)";
    case QueryClass::kOrRanked:
      return "3-5 syllables from one article, not adjacent, ranked (vnsearch: "
             "all words, falling back to any; stock Xapian: OR; FTS5: as its "
             "engine passes them)";
    case QueryClass::kPhrase:
      return "quoted phrase of 2-4 adjacent syllables, one of them accented";
    case QueryClass::kPhraseNoDiacritics:
      return "the same phrases typed without diacritics";
    case QueryClass::kOfficial:
      return "official:\"name\" for an official named with a role (peers: the "
             "plain name)";
    case QueryClass::kDateFiltered:
      return "date:2017..2017 plus a two-syllable word (peers: the word only, "
             "no date filter)";
    case QueryClass::kFrequent:
      return "one syllable in ~28% of the articles (~10k of 35k)";
    case QueryClass::kRare:
      return "one syllable in a handful (2-5) of the articles";
    case QueryClass::kKnownItem:
      return "3-6 adjacent syllables of a headline (with diacritics, or "
             "without) or of a lead (without), in turn: the relevance "
             "suite's known-item kinds";
  }
  return "";
}

absl::StatusOr<std::vector<BenchQuery>> GenerateQueries(
    const std::string& corpus_dir, const QueryOptions& options) {
  absl::StatusOr<std::vector<CorpusFile>> files = ListCorpus(corpus_dir);
  if (!files.ok()) return files.status();
  absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();
  Generator generator(options, *std::move(analyzer));
  absl::StatusOr<OfficialExtractor> officials = OfficialExtractor::Create();
  if (!officials.ok()) return officials.status();
  const size_t stride = std::max<size_t>(
      1, files->size() / std::max<size_t>(1, options.sample_articles));
  for (size_t i = 0; i < files->size(); ++i) {
    ReadCorpusFile(
        (*files)[i], *officials,
        [&](Article&& article) { generator.Add(article, i % stride == 0); },
        [](std::string_view) {});
  }
  std::vector<BenchQuery> queries = generator.Generate();
  if (queries.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("no words to make queries from in ", corpus_dir));
  }
  return queries;
}

}  // namespace vnsearch::bench
