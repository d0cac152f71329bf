// AccentReader: what a query typed without diacritics, or with the keys of
// Telex or VNI, most likely means, read with the index's accent table
// (common/restore/accent_table.h).
//
//   * Words typed without diacritics get their most likely accented reading
//     (RestoreAccents); words typed with diacritics stay as typed and
//     constrain their neighbours; codes, numbers and words that are not
//     Vietnamese syllables ("Trump", "VNPT", "covid") stay as they are. The
//     reading is a soft preference (PreferenceQuery): documents with its
//     exact spellings rank above others within the same tier, and no
//     document drops out. Words read with less than kRestoreConfidence are
//     shown but not ranked by.
//   * Words that are Telex or VNI keys for a syllable the corpus has
//     ("dangr", "khoi61", "khoong") are decoded, and the query is searched
//     as decoded, to the spellings with exactly the marks typed when the
//     corpus has one ("bacs" is "bác", not "bắc"). A word the corpus itself
//     uses as typed ("test", "bus", "a4", "xoong") is not decoded unless
//     the query's other words are keys too and the corpus has the word
//     clearly more often decoded ("khoong sex" is "không sẽ").
//   * A query starting with ":exact" is searched exactly as typed.
//
// Query syntax (quotes, title:, official:, date:, -x) is kept: only words
// are read, a negated word or a date: is left alone and separates the words
// around it. Thread-safe (const).

#ifndef VNSEARCH_COMMON_SEARCH_ACCENT_READING_H_
#define VNSEARCH_COMMON_SEARCH_ACCENT_READING_H_

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/analysis/analyzer.h"
#include "common/restore/accent_table.h"
#include "common/restore/key_decoder.h"

namespace vnsearch {

// The prefix that turns reading off for one query.
inline constexpr std::string_view kExactPrefix = ":exact";
// Posterior probability a restored word needs to count for ranking.
inline constexpr double kRestoreConfidence = 0.9;
// Weight added for the restored reading's exact spellings, shared between its
// parts (pairs of adjacent words, or single words): below kTierBonus, so
// that tiers still sort first, above what BM25 adds within a tier.
inline constexpr double kRestoredBonus = 200.0;
// A word alone is decoded only if the corpus has its decoded spellings this
// many times more often than the word as typed.
// ("teen" is in the corpus, but "tên" is not 1000 times as common; "cos" is
// too, and "có" is.)
inline constexpr double kTypedRatio = 1000.0;
// Several words typed with one scheme need kTypedRatio together (the
// product of their ratios), and each at least this ratio: "khoong sex" is
// "không sẽ" (the corpus has "sẽ" 300 times as often as "sex"), but "xe bus
// ddieenj" keeps "bus" ("bú" is only twice as common).
inline constexpr double kTypedRatioInContext = 5.0;
// A d typed for đ: the spellings with d are read only if they are in at
// least this share of the documents the đ ones are (below it, typos).
inline constexpr double kAsTypedShare = 0.01;

struct AccentReading {
  std::string search_text;  // what to search: the query, decoded words replaced
  bool exact = false;       // typed with kExactPrefix: nothing read
  // Decoding: the query's words decoded, lowercase ("đảng ủy khối"), and as
  // typed in case ("Đảng ủy khối"); empty when no word was decoded.
  std::string decoded;
  std::string decoded_display;
  std::string scheme;  // "Telex", "VNI" or "Telex and VNI"
  // Restoration: the reading of the query's words, lowercase, and in the
  // case they were typed; empty when it changes no word.
  std::string restored;
  std::string restored_display;
  double confidence = 0;  // the least posterior of a restored word
  // Exact spellings to prefer: runs of two or more adjacent confident words
  // (a lone word ranks by nothing: its exact term would cost a long posting
  // list for little).
  std::vector<std::vector<std::string>> preferred;
};

// The query without kExactPrefix when it starts with it.
[[nodiscard]] std::optional<std::string_view> StripExactPrefix(
    std::string_view query);

// The accent table of the generation `index_dir` serves. NotFound when it
// has none (an index built before tables), DataLoss for a damaged one.
[[nodiscard]] absl::StatusOr<std::shared_ptr<const AccentTable>>
LoadAccentTable(const std::string& index_dir);
// The accent table in the file `path` (a shard set's, index/shard_set.h).
// NotFound when it is missing, DataLoss for a damaged one.
[[nodiscard]] absl::StatusOr<std::shared_ptr<const AccentTable>>
LoadAccentTableFile(const std::string& path);

class AccentReader {
 public:
  AccentReader(std::shared_ptr<const AccentTable> table, Analyzer analyzer,
               std::shared_ptr<const CharTable> chars);

  // `restore` false (--no-restore): search_text is `query`, nothing read.
  [[nodiscard]] AccentReading Read(std::string_view query, bool restore) const;

  [[nodiscard]] const AccentTable& table() const { return *table_; }

 private:
  std::shared_ptr<const AccentTable> table_;
  Analyzer analyzer_;
  SyllableRules rules_;
  KeyDecoder decoder_;
};

// The soft preference for `reading` (an empty query when it has none):
// kRestoredBonus shared by the exact pairs (adjacent, or across punctuation)
// of `preferred`, in the body field.
[[nodiscard]] Xapian::Query PreferenceQuery(const AccentReading& reading);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_ACCENT_READING_H_
