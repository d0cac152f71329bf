// The index schema: every term prefix, value slot and metadata key that the
// indexer and the searcher share. Nothing outside this file spells a prefix.
// Ranking parameters and query-time bonuses live in common/search/ranking.h.
//
// Each text field is indexed four ways, none with positions:
//   exact   canonical spelling, lowercase ("đảng")
//   folded  without diacritics ("dang")
//   fpair   two adjacent syllables, folded ("dang bo"); adjacent means in
//           the same sentence with nothing but spaces, quotes, brackets or
//           commas between them
//   epair   two adjacent words, exact ("đảng bộ"), with nothing but a space
//           between them
//   qpair   the same across a comma, quote or bracket ("đảng, bộ")
// Vietnamese words are mostly two syllables, and a phrase is the chain of
// its pairs: pairs make adjacency a plain term lookup, far cheaper (in time
// and space) than positions. The body field also holds the headline, so a
// free word needs one term, not one per field. Body folded terms use
// Xapian's "Z" prefix, the slot Xapian keeps for stemmed forms, so that
// MSet::snippet can highlight folded matches.

#ifndef VNSEARCH_COMMON_INDEX_SCHEMA_H_
#define VNSEARCH_COMMON_INDEX_SCHEMA_H_

#include <xapian.h>

#include <string>
#include <string_view>

namespace vnsearch {

// kBody: headline, lead and body. kTitle: the headline again, for title:
// queries and the headline boost. kOfficial: officials' names.
enum class Field { kBody = 0, kTitle = 1, kOfficial = 2 };
enum class Form {
  kExact = 0,
  kFolded = 1,
  kFoldedPair = 2,
  kExactPair = 3,
  kExactPairAcross = 4,
};

inline constexpr int kNumFields = 3;
inline constexpr int kNumForms = 5;

// Prefix for a field's terms of one form.
[[nodiscard]] constexpr std::string_view TermPrefix(Field field, Form form) {
  constexpr std::string_view kPrefixes[kNumFields][kNumForms] = {
      {"", "Z", "XPZ", "XP", "XQ"},         // body
      {"S", "XSZ", "XSPZ", "XSP", "XSQ"},   // title
      {"XO", "XOZ", "XOPZ", "XOP", "XOQ"},  // official names
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

// Writes the pair term into `term`, reusing its buffer (the indexer's hot
// path).
inline void AssignPairTerm(std::string& term, Field field, Form form,
                           std::string_view first, std::string_view second) {
  term.assign(TermPrefix(field, form));
  term.append(first);
  term.push_back(kPairSeparator);
  term.append(second);
}

[[nodiscard]] inline std::string MakePairTerm(Field field, Form form,
                                              std::string_view first,
                                              std::string_view second) {
  std::string term;
  AssignPairTerm(term, field, form, first, second);
  return term;
}

// Boolean terms.
inline constexpr std::string_view kIdPrefix = "Q";    // Q + document id
inline constexpr std::string_view kYearPrefix = "Y";  // Y2023
// H + a source key (facet_keys.h: SourceKeys), for source: filters.
inline constexpr std::string_view kSourcePrefix = "H";

// Value slots.
inline constexpr Xapian::valueno kDateSlot = 0;  // "YYYYMMDD", sortable
// What a hit shows besides its snippet, and the keys its copies share: id,
// title, title_derived, date, collapse and lead keys, officials
// (EncodeRecord). The text (lead, '\n', body) is in kOpeningSlot and the
// document data (index/stored_text.h), read only for snippets.
inline constexpr Xapian::valueno kRecordSlot = 1;
// Fingerprint of the raw record an article was read from (base/fingerprint.h):
// vnindex --update compares it with the corpus to find changed articles.
inline constexpr Xapian::valueno kFingerprintSlot = 2;
// The source as a facet shows it (facet_keys.h: SourceName); absent when
// unknown.
inline constexpr Xapian::valueno kSourceSlot = 3;
// The opening of the text (index/stored_text.h: StoredText::opening): what
// most snippets read, one LZ4 block. Slot 4 held the copy keys in schema 10-13,
// and slot 5 the lead key in 11-12 (in the record since schema 14).
inline constexpr Xapian::valueno kOpeningSlot = 4;

// Xapian's limit on the length of a term, in bytes. Every term fits by
// construction: both forms of a word are at most kMaxWordBytes (the analyzer
// drops longer words; folded forms are composed again after their marks are
// stripped, so a Hangul word does not triple), so a pair term is at most
// 4 + 64 + 1 + 64 bytes. An id too long for its unique term is cut and
// completed with its fingerprint. The document builder still drops any
// longer term rather than let Xapian abort the build.
inline constexpr size_t kMaxTermBytes = 245;

// Index metadata keys.
inline constexpr std::string_view kSchemaVersionKey = "vnsearch.schema";
// "1" when the database keeps termlists (built with --termlists), so that
// --update can replace and delete documents in place.
inline constexpr std::string_view kTermlistsKey = "vnsearch.termlists";
// 10: each generation holds its accent table (index/accent_stats.h);
// source and collapse-key slots; units split from numbers; folded forms
// recomposed (so non-Latin folded terms fit Xapian's limit).
// 11: the lead-key slot (copies that share the lead collapse).
// 12: the accent table (vnaccents.bin, format 3) has headline triples.
// 13: a text longer than 2 KB is stored deflated by vnsearch, so that a
// snippet inflates only its opening (index/stored_text.h); the collapse and
// lead keys share kCollapseSlot.
// 14: the copy keys are in the record (one value read per hit, and remote
// shards send it with the match: Enquire's sort key), not in slot 4.
// 15: the text's opening (2.5 KB) in kOpeningSlot as one LZ4 block, and
// only the rest in the document data: most snippets inflate nothing.
inline constexpr std::string_view kSchemaVersion = "15";

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_SCHEMA_H_
