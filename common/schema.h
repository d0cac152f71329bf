// The index schema: every term prefix, value slot and default boost that the
// indexer and the searcher share. Nothing outside this file spells a prefix.
//
// Each text field is indexed three ways:
//   exact   canonical spelling, lowercase ("đảng")           positional
//   folded  without diacritics ("dang")                       positional
//   fpair   two adjacent syllables, folded ("dang bo")        not positional
// Pairs make "these syllables are adjacent" a plain term lookup, far cheaper
// than checking positions, and Vietnamese words are mostly two syllables.
// Adjacency of exact spellings is checked with positions, only for queries
// typed with diacritics. Body folded terms use Xapian's "Z" prefix, the slot
// Xapian keeps for stemmed forms, so that MSet::snippet can highlight folded
// matches.

#ifndef VNSEARCH_COMMON_SCHEMA_H_
#define VNSEARCH_COMMON_SCHEMA_H_

#include <string>
#include <string_view>

#include <xapian.h>

namespace vnsearch {

// kLead holds only the pairs of the lead paragraph (its words are in kBody):
// a known passage of the lead is the strongest sign that the article is
// about it.
enum class Field { kBody = 0, kTitle = 1, kOfficial = 2, kLead = 3 };
enum class Form { kExact = 0, kFolded = 1, kFoldedPair = 2 };

inline constexpr int kNumFields = 4;
inline constexpr int kNumForms = 3;

// Prefix for a field's terms of one form.
[[nodiscard]] constexpr std::string_view TermPrefix(Field field, Form form) {
  constexpr std::string_view kPrefixes[kNumFields][kNumForms] = {
      {"", "Z", "XPZ"},       // body
      {"S", "XSZ", "XSPZ"},   // title
      {"XO", "XOZ", "XOPZ"},  // official names
      {"", "", "XLPZ"},       // lead: pairs only
  };
  return kPrefixes[static_cast<int>(field)][static_cast<int>(form)];
}

// Separator between the two syllables of a pair term.
inline constexpr char kPairSeparator = ' ';

[[nodiscard]] inline std::string MakeTerm(Field field, Form form,
                                          std::string_view word) {
  std::string term(TermPrefix(field, form));
  term.append(word);
  return term;
}

[[nodiscard]] inline std::string MakePairTerm(Field field, Form form,
                                              std::string_view first,
                                              std::string_view second) {
  std::string term(TermPrefix(field, form));
  term.append(first);
  term.push_back(kPairSeparator);
  term.append(second);
  return term;
}

// Boolean terms.
inline constexpr std::string_view kIdPrefix = "Q";     // Q + document id
inline constexpr std::string_view kYearPrefix = "Y";   // Y2023

// Value slots.
inline constexpr Xapian::valueno kDateSlot = 0;  // "YYYYMMDD", sortable

// Index metadata keys.
inline constexpr std::string_view kSchemaVersionKey = "vnsearch.schema";
inline constexpr std::string_view kSchemaVersion = "4";

// Xapian's term length limit is 245 bytes; pairs of two kMaxWordBytes words
// plus a prefix stay well inside it.

// Ranking defaults. Tuned on the relevance suite (docs/relevance.md); every
// one can be overridden from vnsearch's command line.
struct RankingParams {
  double title_boost = 4.0;     // weight of headline pairs and phrases
  double official_boost = 2.0;  // weight of official-name matches
  double lead_boost = 1.0;      // weight of adjacent pairs in the lead
  double pair_boost = 2.0;      // weight of adjacent-syllable pair matches
  double exact_boost = 1.0;     // extra weight of exact-spelling matches
  double folded_weight = 1.0;   // weight of folded matches
  // Rerank of the top `rerank_depth` candidates by the longest run of query
  // words found in order (title or body): score += top score x weight x
  // (run - 1) / (words - 1). The exact run counts words typed with
  // diacritics by their exact spelling.
  double proximity_weight = 0.5;
  double exact_run_weight = 0.5;
  int rerank_depth = 0;  // off: the tiers made it measure as no gain
  double bm25_k1 = 1.2;
  double bm25_b = 0.75;
};

// Extra wdf given at index time to each occurrence in the lead paragraph.
inline constexpr Xapian::termcount kLeadWdfBonus = 1;

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SCHEMA_H_
