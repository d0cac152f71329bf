// Corpus scaler: grows a synthetic news corpus, of any size, from the
// statistics of a real one, for the scale benchmarks.
//
//   CorpusModel  what is learnt from the real corpus: a bigram Markov chain
//                over tokens (syllables and punctuation, with their case),
//                the (headline, lead, body) lengths of each real article,
//                and the officials' mentions ("Thủ tướng Nguyễn Xuân Phúc")
//                with how many each article holds.
//   GenerateArticle  one synthetic article in the news format (headline,
//                lead and body lines). Article i depends only on the model,
//                the seed and i, so a corpus of N articles is a prefix of one
//                of M > N articles and can be grown in place.
//   GenerateCorpus  writes articles [have, N) as <out>/gNNNN/NNNNNNNN.txt,
//                1000 to a folder, on several threads, streaming: memory
//                does not grow with N.

#ifndef VNSEARCH_BENCHMARKS_CORPUS_SCALER_H_
#define VNSEARCH_BENCHMARKS_CORPUS_SCALER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace vnsearch::bench {

class Rng;

class CorpusModel {
 public:
  // Reads every article under `corpus_dir` (any format ListCorpus takes).
  // NotFound / InvalidArgument as ListCorpus; FailedPrecondition when the
  // corpus holds no text.
  [[nodiscard]] static absl::StatusOr<CorpusModel> Learn(
      const std::string& corpus_dir);

  // Appends article `index` for `seed` to `out` (three lines, or two when
  // its real model article had no body). Thread-safe (const).
  void GenerateArticle(uint64_t seed, uint64_t index, std::string& out) const;

  [[nodiscard]] uint64_t source_articles() const { return lengths_.size(); }
  [[nodiscard]] uint64_t source_bytes() const { return source_bytes_; }
  [[nodiscard]] size_t vocabulary() const { return tokens_.size(); }
  [[nodiscard]] size_t bigrams() const { return next_.size(); }
  [[nodiscard]] size_t official_mentions() const { return mentions_.size(); }
  // Identifies the model (source size and statistics), so that a corpus is
  // only ever grown with the model it was started with.
  [[nodiscard]] std::string Fingerprint() const;

 private:
  struct Token {
    std::string text;
    uint8_t kind = 0;  // RawKind
  };
  struct Lengths {
    uint32_t headline = 0, lead = 0, body = 0;  // tokens
    uint32_t mentions = 0;                      // official mentions
  };
  // Appends `length` tokens of the chain, starting after token `state`.
  // Inserts the mentions whose position (in tokens) falls in this field.
  void AppendField(Rng& rng, uint32_t length, bool sentences,
                   std::vector<uint32_t>& mention_positions, uint32_t& position,
                   std::string& out) const;
  void AppendToken(uint32_t id, bool& first, uint32_t& previous,
                   std::string& out) const;
  [[nodiscard]] uint32_t NextToken(Rng& rng, uint32_t state) const;

  std::vector<Token> tokens_;  // tokens_[0] is the start of a field
  // Chain in CSR form: successors of token t are next_[first_[t],
  // first_[t+1]), with cumulative counts in cumulative_.
  std::vector<uint64_t> first_;
  std::vector<uint32_t> next_;
  std::vector<uint32_t> cumulative_;
  std::vector<Lengths> lengths_;                 // one per real article
  std::vector<std::vector<uint32_t>> mentions_;  // token ids, with repeats
  uint32_t period_ = 0;                          // id of "."
  uint64_t source_bytes_ = 0;
  uint64_t total_tokens_ = 0;
};

struct GenerateOptions {
  std::string out_dir;
  uint64_t documents = 0;  // size of the corpus to reach
  uint64_t seed = 20240611;
  int threads = 0;  // 0: one per core
};

struct GenerateStats {
  uint64_t existing = 0;   // articles already there (kept)
  uint64_t generated = 0;  // articles written now
  uint64_t bytes = 0;      // bytes written now
  double seconds = 0;
};

// Grows the corpus in `options.out_dir` to `options.documents` articles.
// A hidden file (.vngencorpus) records the seed, the model fingerprint and
// the count; FailedPrecondition if the folder holds a corpus of another seed
// or model, or more articles than asked for, and when `out_dir` exists
// without that file and is not empty. PermissionDenied / Internal for I/O
// errors.
[[nodiscard]] absl::StatusOr<GenerateStats> GenerateCorpus(
    const CorpusModel& model, const GenerateOptions& options);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_CORPUS_SCALER_H_
