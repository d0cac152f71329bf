// AccentTable: what accent restoration and Telex/VNI decoding know about the
// corpus of an index, written into each generation at index time
// (common/index/accent_stats.h) and read by the searcher.
//
//   syllables  every exact body word that is a possible Vietnamese syllable
//              (SyllableRules) in at least `min_docs` articles, with
//              its document count and its folded form;
//   pairs      document counts of adjacent exact syllable pairs (the index's
//              exact pair terms) between two such syllables;
//   typed      document counts of the other ASCII words that Telex or VNI
//              would decode ("test", "bus", "a4"), so that a word the corpus
//              uses as it is is never decoded.
//
// Scores are a Witten-Bell interpolated bigram model over document counts.
// Immutable once built; thread-safe (const).

#ifndef VNSEARCH_COMMON_RESTORE_ACCENT_TABLE_H_
#define VNSEARCH_COMMON_RESTORE_ACCENT_TABLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "common/analysis/word_normalizer.h"
#include "common/restore/key_decoder.h"
#include "common/restore/syllable.h"

namespace vnsearch {

// The table's file in a generation directory.
inline constexpr std::string_view kAccentTableFileName = "vnaccents.bin";
// Words in fewer articles are typos more often than words, once the corpus
// has this many articles (below it every word counts).
inline constexpr uint32_t kMinSyllableDocs = 2;
inline constexpr uint32_t kTypoCorpusDocs = 1000;

class AccentTable {
 public:
  class Builder;

  // The table serialised (Serialize) or InvalidArgument / DataLoss for bytes
  // that are not one.
  [[nodiscard]] static absl::StatusOr<AccentTable> Parse(std::string_view bytes);
  // Reads `path`: NotFound when absent, DataLoss when not a table.
  [[nodiscard]] static absl::StatusOr<AccentTable> Read(const std::string& path);
  [[nodiscard]] std::string Serialize() const;

  [[nodiscard]] size_t syllable_count() const { return exact_.size(); }
  [[nodiscard]] size_t pair_count() const { return pair_keys_.size(); }
  // Bytes the table holds in memory (approximate, with hash-map overhead).
  [[nodiscard]] size_t MemoryBytes() const;

  // Syllables whose folded form is `folded`, most frequent first; empty when
  // none.
  [[nodiscard]] const std::vector<uint32_t>& Candidates(
      std::string_view folded) const;
  // The id of an exact syllable, if the table has it.
  [[nodiscard]] std::optional<uint32_t> Find(std::string_view exact) const;
  [[nodiscard]] const std::string& Exact(uint32_t id) const {
    return exact_[id];
  }
  [[nodiscard]] uint32_t Count(uint32_t id) const { return count_[id]; }
  [[nodiscard]] uint32_t PairCount(uint32_t first, uint32_t second) const;
  // Documents using ASCII word `lower` as typed (0 for syllables and unseen).
  [[nodiscard]] uint32_t TypedCount(std::string_view lower) const;

  // log P(id) and log P(second | first).
  [[nodiscard]] double LogUnigram(uint32_t id) const;
  [[nodiscard]] double LogBigram(uint32_t first, uint32_t second) const;

 private:
  AccentTable() = default;
  void Index();  // derived fields from exact_, folded_, count_, pairs

  std::vector<std::string> exact_;
  std::vector<std::string> folded_;
  std::vector<uint32_t> count_;
  std::vector<uint32_t> pair_keys_;    // first << 16 | second, sorted
  std::vector<uint32_t> pair_counts_;  // parallel to pair_keys_
  absl::flat_hash_map<std::string, uint32_t> typed_;
  // Derived.
  absl::flat_hash_map<std::string, std::vector<uint32_t>> by_folded_;
  absl::flat_hash_map<std::string, uint32_t> by_exact_;
  std::vector<uint32_t> left_;   // sum of pair counts with id first
  std::vector<uint32_t> types_;  // distinct seconds after id
  double total_ = 0;
};

// Collects the counts, words first, then pairs.
class AccentTable::Builder {
 public:
  // Syllables in fewer than `min_docs` documents are left out.
  Builder(std::shared_ptr<const CharTable> table, uint32_t min_docs);

  // An exact body word and the number of documents that have it.
  void AddWord(std::string_view exact, uint32_t docs);
  // An adjacent exact pair (after every AddWord); pairs of words that are
  // not kept syllables are ignored.
  void AddPair(std::string_view first, std::string_view second, uint32_t docs);
  [[nodiscard]] AccentTable Finish() &&;

 private:
  static constexpr uint32_t kDropped = ~uint32_t{0};
  void Number();  // ids by the words' order, the rarest dropped past 16 bits

  SyllableRules rules_;
  uint32_t min_docs_;
  WordNormalizer normalizer_;
  KeyDecoder decoder_;
  AccentTable table_;
  absl::flat_hash_map<std::string, uint32_t> ids_;
  std::vector<std::pair<uint32_t, uint32_t>> pairs_;
  bool numbered_ = false;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_RESTORE_ACCENT_TABLE_H_
