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
//              uses as it is is never decoded;
//   title      occurrences of the syllables and pairs in headlines (the
//              title field), a second model for headline-style text;
//   triples    occurrences of adjacent syllable triples in headlines (read
//              from the hit records at index time: the index has no
//              positions), for a trigram over the bigram.
//
// Scores: an interpolated Kneser-Ney bigram model over occurrences (absolute
// discount kDiscount, continuation counts for the lower order), once over
// the body and once over headlines, mixed with kTitleWeight; queries are
// short, like headlines. The headline triples add an interpolated
// Kneser-Ney trigram whose lower order is that bigram. Immutable once built;
// thread-safe (const).

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
// The model's parameters, tuned on the tuning half of the held-out
// headlines (tests/accent_accuracy_test.cc, docs/relevance.md).
inline constexpr double kDiscount = 0.75;
inline constexpr double kTitleWeight = 0.35;         // bigram
inline constexpr double kTitleUnigramWeight = 0.5;  // first word of a run
// Memory bound (issue 13: at most 50 MB of searcher memory): past this many
// pairs a model keeps only its most frequent ones (8 bytes each in memory).
// The 35k corpus has 0.9 M body pairs and 0.1 M headline pairs; 1.1 M
// articles would have about 4.4 M and 1.2 M (docs/relevance.md).
inline constexpr size_t kMaxBodyPairs = 3'000'000;
inline constexpr size_t kMaxTitlePairs = 750'000;
// Headline triples kept (12 bytes each in memory, and up to 15 for their
// contexts): past this, the most frequent (docs/relevance.md has the
// sizes).
inline constexpr size_t kMaxTitleTriples = 500'000;
// Weight of the trigram against the bigram it backs off to.
inline constexpr double kTrigramWeight = 0.5;

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
  [[nodiscard]] size_t pair_count() const { return body_.keys.size(); }
  [[nodiscard]] size_t title_pair_count() const { return title_.keys.size(); }
  [[nodiscard]] size_t title_triple_count() const {
    return triple_keys_.size();
  }
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
  // Documents that have the syllable.
  [[nodiscard]] uint32_t Count(uint32_t id) const { return count_[id]; }
  // Occurrences of the pair (the counts the model uses).
  [[nodiscard]] uint32_t PairCount(uint32_t first, uint32_t second) const;
  // Documents using ASCII word `lower` as typed (0 for syllables and unseen).
  [[nodiscard]] uint32_t TypedCount(std::string_view lower) const;

  // log P(id) and log P(second | first).
  [[nodiscard]] double LogUnigram(uint32_t id) const;
  [[nodiscard]] double LogBigram(uint32_t first, uint32_t second) const;
  // log P(third | first, second): the headline trigram interpolated with
  // LogBigram(second, third); LogBigram itself when the table has no triple
  // starting with first, second.
  [[nodiscard]] double LogTrigram(uint32_t first, uint32_t second,
                                  uint32_t third) const;
  [[nodiscard]] bool has_triples() const { return !triple_keys_.empty(); }

 private:
  // Counts of one model (body or headlines) and what is derived from them.
  struct Model {
    std::vector<uint32_t> freq;    // occurrences of each syllable
    std::vector<uint32_t> keys;    // first << 16 | second, sorted
    std::vector<uint32_t> counts;  // occurrences, parallel to keys
    // Derived (Index).
    std::vector<uint32_t> left;       // sum of counts with id first
    std::vector<uint32_t> followers;  // distinct seconds after id
    std::vector<uint32_t> preceders;  // distinct firsts before id
    double total = 0;
    void Index(size_t syllables);
    [[nodiscard]] uint32_t Pair(uint32_t key) const;
    [[nodiscard]] double Unigram(uint32_t id, double syllables) const;
    [[nodiscard]] double Bigram(uint32_t first, uint32_t second,
                                double syllables) const;
    [[nodiscard]] size_t MemoryBytes() const;
  };

  AccentTable() = default;
  void Index();  // derived fields from exact_, folded_, count_, the models

  std::vector<std::string> exact_;
  std::vector<std::string> folded_;
  std::vector<uint32_t> count_;  // documents
  Model body_, title_;
  absl::flat_hash_map<std::string, uint32_t> typed_;
  // Headline triples: first << 32 | second << 16 | third, sorted, and
  // their occurrences.
  std::vector<uint64_t> triple_keys_;
  std::vector<uint32_t> triple_counts_;
  // Derived.
  struct TripleContext {
    uint32_t total = 0;      // occurrences of triples starting with the pair
    uint32_t followers = 0;  // distinct thirds after the pair
  };
  absl::flat_hash_map<uint32_t, TripleContext> triple_contexts_;
  absl::flat_hash_map<std::string, std::vector<uint32_t>> by_folded_;
  absl::flat_hash_map<std::string, uint32_t> by_exact_;
};

// Collects the counts, words first, then pairs.
class AccentTable::Builder {
 public:
  // Syllables in fewer than `min_docs` documents are left out.
  Builder(std::shared_ptr<const CharTable> table, uint32_t min_docs);

  // An exact body word, the number of documents that have it, and its
  // occurrences (0: as many as `docs`).
  void AddWord(std::string_view exact, uint32_t docs,
               uint32_t occurrences = 0);
  // An adjacent exact pair and its occurrences (after every AddWord); pairs
  // of words that are not kept syllables are ignored.
  void AddPair(std::string_view first, std::string_view second,
               uint32_t occurrences);
  // The same for headlines (after every AddWord); words that are not kept
  // body syllables are ignored.
  void AddTitleWord(std::string_view exact, uint32_t occurrences);
  void AddTitlePair(std::string_view first, std::string_view second,
                    uint32_t occurrences);
  // An adjacent triple of headline syllables, once per occurrence (after
  // every AddWord); triples with a word that is not a kept syllable are
  // ignored.
  void AddTitleTriple(std::string_view first, std::string_view second,
                      std::string_view third);
  [[nodiscard]] AccentTable Finish() &&;

 private:
  static constexpr uint32_t kDropped = ~uint32_t{0};
  void Number();  // ids by the words' order, the rarest dropped past 16 bits
  // The key of a pair of kept syllables, if both are.
  [[nodiscard]] std::optional<uint32_t> Key(std::string_view first,
                                            std::string_view second);

  SyllableRules rules_;
  uint32_t min_docs_;
  WordNormalizer normalizer_;
  KeyDecoder decoder_;
  AccentTable table_;
  absl::flat_hash_map<std::string, uint32_t> ids_;
  std::vector<std::pair<uint32_t, uint32_t>> pairs_, title_pairs_;
  std::vector<uint64_t> triples_;
  bool numbered_ = false;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_RESTORE_ACCENT_TABLE_H_
