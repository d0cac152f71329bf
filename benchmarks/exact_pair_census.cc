// exact_pair_census: over a corpus, how many exact-pair postings a
// per-document elision rule would leave out, and what its markers cost
// (issue 11 point 6; benchmarks/REPORT.md, "Rebuild speed").
//
// The rule: in document D and field F, the exact pairs of a folded pair f
// are implied by "folded pair f AND exact word q1 AND exact word q2" when
// every combination of the exact spellings in D/F of f's two syllables
// occurs in D/F as an exact pair (prefix XP). Then neither the XP nor the
// XQ (across a comma) terms of f need be indexed; otherwise they are, with
// one marker term for f saying so.
//
// Also counts, over the corpus, the exact-pair postings of folded pairs
// with one exact spelling in the whole corpus (the other lever REPORT.md
// names: exact pairs only where a folded pair has rival spellings).
//
// Counts distinct terms per document (postings), as the index holds them,
// following DocumentBuilder's fields: title, body (headline, lead, text),
// officials.
//
//   exact_pair_census --corpus DIR [--limit N]

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "common/analysis/analyzer.h"
#include "common/document/corpus_reader.h"
#include "common/document/officials.h"

ABSL_FLAG(std::string, corpus, "", "corpus root");
ABSL_FLAG(int, limit, 0, "stop after this many articles (0: all)");

namespace vnsearch {
namespace {

using Pair = std::pair<std::string, std::string>;

struct Counts {
  long long docs = 0;
  long long fpairs = 0;         // folded-pair postings
  long long exact_pairs = 0;    // XP postings today
  long long across_pairs = 0;   // XQ postings today
  long long kept_exact = 0;     // XP postings under the rule
  long long kept_across = 0;    // XQ postings under the rule
  long long markers = 0;        // marker postings under the rule
  long long marker_parts = 0;   // markers of pairs with no exact pair at all
  long long marker_across = 0;  // markers of pairs seen only across
  long long marker_rivals = 0;  // markers of pairs with rival spellings
  long long exact_words = 0;    // exact-word postings (for scale)
  long long folded_words = 0;
};

// Over the corpus, per field and folded pair: its exact spellings (XP) and
// their postings.
struct CorpusPair {
  absl::flat_hash_set<Pair> spellings;
  long long postings = 0;
};
using CorpusPairs = absl::flat_hash_map<Pair, CorpusPair>;

// The terms of one field of one document, as DocumentBuilder::AddField
// forms them.
class FieldTerms {
 public:
  void Add(const std::vector<Token>& tokens) {
    const Token* previous = nullptr;
    for (const Token& token : tokens) {
      spellings_[token.folded].insert(token.exact);
      if (token.kind == TokenKind::kCompound) continue;
      if (previous != nullptr && !token.sentence_start) {
        Pair folded{previous->folded, token.folded};
        auto& entry = fpairs_[folded];
        if (token.kind == TokenKind::kWord &&
            previous->kind == TokenKind::kWord) {
          (token.clause_start ? entry.across : entry.exact)
              .insert({previous->exact, token.exact});
        }
      }
      previous = &token;
    }
  }

  void Tally(Counts& counts, CorpusPairs& corpus) const {
    for (const auto& [folded, entry] : fpairs_) {
      if (entry.exact.empty()) continue;
      CorpusPair& c = corpus[folded];
      c.postings += entry.exact.size();
      c.spellings.insert(entry.exact.begin(), entry.exact.end());
    }
    for (const auto& [folded, spellings] : spellings_) {
      counts.folded_words += 1;
      counts.exact_words += spellings.size();
    }
    for (const auto& [folded, entry] : fpairs_) {
      counts.fpairs += 1;
      counts.exact_pairs += entry.exact.size();
      counts.across_pairs += entry.across.size();
      const auto& s1 = spellings_.at(folded.first);
      const auto& s2 = spellings_.at(folded.second);
      bool implied = entry.exact.size() == s1.size() * s2.size();
      // entry.exact only holds combinations of s1 x s2, so equal sizes mean
      // every combination is there.
      if (!implied) {
        counts.kept_exact += entry.exact.size();
        counts.kept_across += entry.across.size();
        counts.markers += 1;
        if (!entry.exact.empty()) {
          counts.marker_rivals += 1;
        } else if (!entry.across.empty()) {
          counts.marker_across += 1;
        } else {
          counts.marker_parts += 1;
        }
      }
    }
  }

 private:
  struct PairEntry {
    absl::flat_hash_set<Pair> exact;
    absl::flat_hash_set<Pair> across;
  };
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> spellings_;
  absl::flat_hash_map<Pair, PairEntry> fpairs_;
};

// `part` as a percentage of `whole` (0 when `whole` is).
double Percent(long long part, long long whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / whole;
}

int Run() {
  if (absl::GetFlag(FLAGS_corpus).empty()) {
    std::fprintf(stderr, "exact_pair_census: --corpus DIR is required\n");
    return 2;
  }
  absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
  absl::StatusOr<OfficialExtractor> officials = OfficialExtractor::Create();
  if (!analyzer.ok() || !officials.ok()) {
    std::fprintf(stderr, "exact_pair_census: cannot load ICU data\n");
    return 1;
  }
  absl::StatusOr<std::vector<CorpusFile>> files =
      ListCorpus(absl::GetFlag(FLAGS_corpus));
  if (!files.ok()) {
    std::fprintf(stderr, "exact_pair_census: %s\n",
                 std::string(files.status().message()).c_str());
    return 2;
  }
  const int limit = absl::GetFlag(FLAGS_limit);
  Counts counts;
  CorpusPairs corpus[3];
  std::vector<Token> tokens;
  auto analyze = [&](const std::string& text) -> const std::vector<Token>& {
    tokens.clear();
    analyzer->Analyze(text, 1, tokens);
    return tokens;
  };
  for (const CorpusFile& file : *files) {
    if (limit > 0 && counts.docs >= limit) break;
    ReadCorpusFile(
        file, *officials,
        [&](Article&& article) {
          ++counts.docs;
          FieldTerms title, body, official;
          title.Add(analyze(article.title));
          if (!article.title_derived) body.Add(analyze(article.title));
          body.Add(analyze(article.lead));
          body.Add(analyze(article.body));
          for (const Official& o : article.officials) {
            official.Add(analyze(o.name));
            for (const std::string& alias : o.aliases) {
              official.Add(analyze(alias));
            }
          }
          title.Tally(counts, corpus[0]);
          body.Tally(counts, corpus[1]);
          official.Tally(counts, corpus[2]);
        },
        [](std::string_view warning) {
          std::fprintf(stderr, "exact_pair_census: %.*s\n",
                       static_cast<int>(warning.size()), warning.data());
        });
  }
  if (counts.docs == 0) {
    std::fprintf(stderr, "exact_pair_census: no articles in %s\n",
                 absl::GetFlag(FLAGS_corpus).c_str());
    return 1;
  }
  const long long today = counts.exact_pairs + counts.across_pairs;
  const long long rule =
      counts.kept_exact + counts.kept_across + counts.markers;
  const long long all =
      counts.fpairs + today + counts.exact_words + counts.folded_words;
  std::printf("documents                 %lld\n", counts.docs);
  std::printf("word and pair postings    %lld\n", all);
  std::printf("  exact words             %lld\n", counts.exact_words);
  std::printf("  folded words            %lld\n", counts.folded_words);
  std::printf("  folded pairs            %lld\n", counts.fpairs);
  std::printf("  exact pairs (XP)        %lld\n", counts.exact_pairs);
  std::printf("  exact pairs across (XQ) %lld\n", counts.across_pairs);
  std::printf("under the rule:\n");
  std::printf("  XP kept                 %lld\n", counts.kept_exact);
  std::printf("  XQ kept                 %lld\n", counts.kept_across);
  std::printf(
      "  markers                 %lld (folded pairs not implied: "
      "%.1f%%)\n",
      counts.markers, Percent(counts.markers, counts.fpairs));
  std::printf("    no exact pair (code parts) %lld\n", counts.marker_parts);
  std::printf("    only across a comma        %lld\n", counts.marker_across);
  std::printf("    rival spellings            %lld\n", counts.marker_rivals);
  std::printf(
      "  exact-pair postings     %lld -> %lld (%+.1f%%, markers "
      "included)\n",
      today, rule, Percent(rule - today, today));
  std::printf("  all word/pair postings  %lld -> %lld (%+.1f%%)\n", all,
              all - today + rule, Percent(rule - today, all));
  long long unique_postings = 0, unique_pairs = 0, pairs = 0;
  for (const CorpusPairs& field : corpus) {
    for (const auto& [folded, c] : field) {
      ++pairs;
      if (c.spellings.size() != 1) continue;
      ++unique_pairs;
      unique_postings += c.postings;
    }
  }
  std::printf("corpus-level:\n");
  std::printf(
      "  folded pairs with an exact pair  %lld, with one spelling "
      "in the corpus %lld (%.1f%%)\n",
      pairs, unique_pairs, Percent(unique_pairs, pairs));
  std::printf("  their XP postings                %lld (%.1f%% of XP)\n",
              unique_postings, Percent(unique_postings, counts.exact_pairs));
  return 0;
}

}  // namespace
}  // namespace vnsearch

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "exact_pair_census --corpus DIR [--limit N]: what per-document "
      "exact-pair elision would save (benchmarks/REPORT.md)");
  absl::ParseCommandLine(argc, argv);
  return vnsearch::Run();
}
