#include "common/restore/accent_table.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/absl_compat.h"
#include "common/base/files.h"

namespace vnsearch {
namespace {

// File layout (little-endian): magic, then
//   u32 syllables, each: u8 len, exact, u8 len, folded, u32 docs,
//       u32 occurrences, u32 occurrences in headlines
//   u32 pairs, each: u32 key (first << 16 | second), u32 occurrences
//   u32 headline pairs, the same
//   u32 typed words, each: u8 len, word, u32 docs
//   u32 headline triples, each: u32 first << 16 | second, u32 third,
//       u32 occurrences, sorted
// Version 1 ("vnsearch-accents-1\n") had document counts only and no
// headlines, version 2 no triples; both are still read (version 1's model:
// the body's, over documents).
constexpr std::string_view kMagic = "vnsearch-accents-3\n";
constexpr std::string_view kMagicV2 = "vnsearch-accents-2\n";
constexpr std::string_view kMagicV1 = "vnsearch-accents-1\n";
constexpr uint32_t kMaxSyllables = 0xFFFF;
constexpr size_t kMaxFileBytes = size_t{1} << 31;

void Put32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

void PutString(std::string& out, std::string_view s) {
  out.push_back(static_cast<char>(static_cast<uint8_t>(s.size())));
  out.append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool Get32(uint32_t& v) {
    if (bytes_.size() - pos_ < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) {
      v |= static_cast<uint32_t>(static_cast<uint8_t>(bytes_[pos_ + i]))
           << (8 * i);
    }
    pos_ += 4;
    return true;
  }
  bool GetString(std::string& s) {
    if (pos_ >= bytes_.size()) return false;
    const size_t len = static_cast<uint8_t>(bytes_[pos_++]);
    if (bytes_.size() - pos_ < len) return false;
    s.assign(bytes_.substr(pos_, len));
    pos_ += len;
    return true;
  }
  bool Skip(std::string_view literal) {
    if (bytes_.substr(pos_, literal.size()) != literal) return false;
    pos_ += literal.size();
    return true;
  }
  bool done() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

const std::vector<uint32_t>& NoCandidates() {
  static const auto* const kNone = new std::vector<uint32_t>();
  return *kNone;
}

}  // namespace

void AccentTable::Model::Index(size_t syllables) {
  freq.resize(syllables, 0);
  left.assign(syllables, 0);
  followers.assign(syllables, 0);
  preceders.assign(syllables, 0);
  for (size_t i = 0; i < keys.size(); ++i) {
    left[keys[i] >> 16] += counts[i];
    ++followers[keys[i] >> 16];
    ++preceders[keys[i] & 0xFFFF];
  }
  total = std::accumulate(freq.begin(), freq.end(), 0.0);
}

uint32_t AccentTable::Model::Pair(uint32_t key) const {
  const auto it = std::lower_bound(keys.begin(), keys.end(), key);
  if (it == keys.end() || *it != key) return 0;
  return counts[it - keys.begin()];
}

double AccentTable::Model::Unigram(uint32_t id, double syllables) const {
  return (freq[id] + 0.5) / (total + 0.5 * syllables);
}

// Interpolated Kneser-Ney: the pair's count less the discount, and the
// discounted mass spread by continuation counts (how many syllables come
// before `second`), which favour syllables that follow many others over
// those frequent in one phrase only.
double AccentTable::Model::Bigram(uint32_t first, uint32_t second,
                                  double syllables) const {
  // A syllable never seen before another has no discounted mass: its
  // followers are as frequent as they are.
  const double left_count = left[first];
  if (left_count == 0) return Unigram(second, syllables);
  const double lower = (preceders[second] + 0.5) /
                       (static_cast<double>(keys.size()) + 0.5 * syllables);
  const double pair = Pair(first << 16 | second);
  return (std::max(pair - kDiscount, 0.0) +
          kDiscount * followers[first] * lower) /
         left_count;
}

size_t AccentTable::Model::MemoryBytes() const {
  return (freq.capacity() + keys.capacity() + counts.capacity() +
          left.capacity() + followers.capacity() + preceders.capacity()) *
         4;
}

void AccentTable::Index() {
  const size_t n = exact_.size();
  by_folded_.clear();
  by_exact_.clear();
  for (uint32_t id = 0; id < n; ++id) {
    by_folded_[folded_[id]].push_back(id);
    by_exact_[exact_[id]] = id;
  }
  for (auto& [folded, ids] : by_folded_) {
    std::stable_sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
      return count_[a] > count_[b];
    });
  }
  body_.Index(n);
  title_.Index(n);
  triple_contexts_.clear();
  for (size_t i = 0; i < triple_keys_.size(); ++i) {
    TripleContext& c =
        triple_contexts_[static_cast<uint32_t>(triple_keys_[i] >> 16)];
    c.total += triple_counts_[i];
    ++c.followers;
  }
}

absl::StatusOr<AccentTable> AccentTable::Parse(std::string_view bytes) {
  AccentTable table;
  Reader in(bytes);
  auto bad = [] {
    return absl::DataLossError("not a vnsearch accent table (or truncated)");
  };
  const bool v1 = in.Skip(kMagicV1);
  const bool v2 = !v1 && in.Skip(kMagicV2);
  if (!v1 && !v2 && !in.Skip(kMagic)) return bad();
  uint32_t n = 0;
  if (!in.Get32(n) || n > kMaxSyllables) return bad();
  table.exact_.resize(n);
  table.folded_.resize(n);
  table.count_.resize(n);
  table.body_.freq.resize(n);
  table.title_.freq.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    if (!in.GetString(table.exact_[i]) || !in.GetString(table.folded_[i]) ||
        !in.Get32(table.count_[i])) {
      return bad();
    }
    if (v1) {
      table.body_.freq[i] = table.count_[i];
    } else if (!in.Get32(table.body_.freq[i]) ||
               !in.Get32(table.title_.freq[i])) {
      return bad();
    }
  }
  for (Model* model : {&table.body_, &table.title_}) {
    if (v1 && model == &table.title_) break;
    uint32_t pairs = 0;
    if (!in.Get32(pairs) || pairs > bytes.size() / 8) return bad();
    model->keys.resize(pairs);
    model->counts.resize(pairs);
    for (uint32_t i = 0; i < pairs; ++i) {
      if (!in.Get32(model->keys[i]) || !in.Get32(model->counts[i]) ||
          (model->keys[i] >> 16) >= n || (model->keys[i] & 0xFFFF) >= n ||
          (i > 0 && model->keys[i] <= model->keys[i - 1])) {
        return bad();
      }
    }
  }
  uint32_t typed = 0;
  if (!in.Get32(typed) || typed > bytes.size()) return bad();
  for (uint32_t i = 0; i < typed; ++i) {
    std::string word;
    uint32_t docs = 0;
    if (!in.GetString(word) || !in.Get32(docs)) return bad();
    table.typed_[word] = docs;
  }
  if (!v1 && !v2) {
    uint32_t triples = 0;
    if (!in.Get32(triples) || triples > bytes.size() / 12) return bad();
    table.triple_keys_.resize(triples);
    table.triple_counts_.resize(triples);
    for (uint32_t i = 0; i < triples; ++i) {
      uint32_t first_second = 0, third = 0;
      if (!in.Get32(first_second) || !in.Get32(third) ||
          !in.Get32(table.triple_counts_[i]) || (first_second >> 16) >= n ||
          (first_second & 0xFFFF) >= n || third >= n) {
        return bad();
      }
      table.triple_keys_[i] = uint64_t{first_second} << 16 | third;
      if (i > 0 && table.triple_keys_[i] <= table.triple_keys_[i - 1]) {
        return bad();
      }
    }
  }
  if (!in.done()) return bad();
  table.Index();
  return table;
}

absl::StatusOr<AccentTable> AccentTable::Read(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadSmallFile(path, kMaxFileBytes);
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<AccentTable> table = Parse(*bytes);
  if (!table.ok()) {
    return absl::DataLossError(
        absl::StrCat(path, ": ", table.status().message()));
  }
  return table;
}

std::string AccentTable::Serialize() const {
  std::string out(kMagic);
  Put32(out, static_cast<uint32_t>(exact_.size()));
  for (size_t i = 0; i < exact_.size(); ++i) {
    PutString(out, exact_[i]);
    PutString(out, folded_[i]);
    Put32(out, count_[i]);
    Put32(out, body_.freq[i]);
    Put32(out, title_.freq[i]);
  }
  for (const Model* model : {&body_, &title_}) {
    Put32(out, static_cast<uint32_t>(model->keys.size()));
    for (size_t i = 0; i < model->keys.size(); ++i) {
      Put32(out, model->keys[i]);
      Put32(out, model->counts[i]);
    }
  }
  std::vector<std::pair<std::string, uint32_t>> typed(typed_.begin(),
                                                      typed_.end());
  std::sort(typed.begin(), typed.end());  // the same bytes for the same table
  Put32(out, static_cast<uint32_t>(typed.size()));
  for (const auto& [word, docs] : typed) {
    PutString(out, word);
    Put32(out, docs);
  }
  Put32(out, static_cast<uint32_t>(triple_keys_.size()));
  for (size_t i = 0; i < triple_keys_.size(); ++i) {
    Put32(out, static_cast<uint32_t>(triple_keys_[i] >> 16));
    Put32(out, static_cast<uint32_t>(triple_keys_[i] & 0xFFFF));
    Put32(out, triple_counts_[i]);
  }
  return out;
}

size_t AccentTable::MemoryBytes() const {
  size_t bytes =
      body_.MemoryBytes() + title_.MemoryBytes() + count_.capacity() * 4;
  for (size_t i = 0; i < exact_.size(); ++i) {
    // Each string twice (exact_, by_exact_), folded twice, small-string
    // buffers inline.
    bytes += 2 * (sizeof(std::string) + exact_[i].capacity()) +
             (sizeof(std::string) + folded_[i].capacity()) + 16;
  }
  bytes += by_folded_.size() * (sizeof(std::string) + 40);
  bytes += typed_.size() * (sizeof(std::string) + 24);
  bytes += triple_keys_.capacity() * 8 + triple_counts_.capacity() * 4 +
           triple_contexts_.capacity() * (sizeof(uint32_t) + 9);
  return bytes;
}

const std::vector<uint32_t>& AccentTable::Candidates(
    std::string_view folded) const {
  const auto it = by_folded_.find(ToAbsl(folded));
  return it == by_folded_.end() ? NoCandidates() : it->second;
}

std::optional<uint32_t> AccentTable::Find(std::string_view exact) const {
  const auto it = by_exact_.find(ToAbsl(exact));
  if (it == by_exact_.end()) return std::nullopt;
  return it->second;
}

uint32_t AccentTable::PairCount(uint32_t first, uint32_t second) const {
  return body_.Pair(first << 16 | second);
}

uint32_t AccentTable::TypedCount(std::string_view lower) const {
  const auto it = typed_.find(ToAbsl(lower));
  return it == typed_.end() ? 0 : it->second;
}

double AccentTable::LogUnigram(uint32_t id) const {
  const double v = static_cast<double>(exact_.size());
  const double body = body_.Unigram(id, v);
  if (title_.total == 0) return std::log(body);
  return std::log(kTitleUnigramWeight * title_.Unigram(id, v) +
                  (1 - kTitleUnigramWeight) * body);
}

double AccentTable::LogBigram(uint32_t first, uint32_t second) const {
  const double v = static_cast<double>(exact_.size());
  const double body = body_.Bigram(first, second, v);
  if (title_.keys.empty()) return std::log(body);
  return std::log(kTitleWeight * title_.Bigram(first, second, v) +
                  (1 - kTitleWeight) * body);
}

double AccentTable::LogTrigram(uint32_t first, uint32_t second,
                               uint32_t third) const {
  const double bigram = LogBigram(second, third);
  const auto context = triple_contexts_.find(first << 16 | second);
  if (context == triple_contexts_.end()) return bigram;
  const uint64_t key = uint64_t{first} << 32 | uint64_t{second} << 16 | third;
  const auto it = std::lower_bound(triple_keys_.begin(), triple_keys_.end(), key);
  const double count = it != triple_keys_.end() && *it == key
                           ? triple_counts_[it - triple_keys_.begin()]
                           : 0.0;
  const double lower = std::exp(bigram);
  const TripleContext& c = context->second;
  const double trigram = (std::max(count - kDiscount, 0.0) +
                          kDiscount * c.followers * lower) /
                         c.total;
  return std::log(kTrigramWeight * trigram + (1 - kTrigramWeight) * lower);
}

AccentTable::Builder::Builder(std::shared_ptr<const CharTable> table,
                              uint32_t min_docs)
    : rules_(table),
      min_docs_(min_docs),
      normalizer_(table),
      decoder_(SyllableRules(table)) {}

void AccentTable::Builder::AddWord(std::string_view exact, uint32_t docs,
                                   uint32_t occurrences) {
  if (exact.empty() || exact.size() > 255) return;
  const std::vector<LetterParts> letters = rules_.Letters(exact);
  if (rules_.IsSyllable(letters)) {
    if (docs < min_docs_) return;
    std::string canonical, folded;
    normalizer_.Normalize(exact, canonical, folded);
    if (canonical != exact || ids_.contains(ToAbsl(exact))) return;  // not an index form
    ids_[std::string(exact)] = 0;  // numbered in Finish, by frequency
    table_.exact_.emplace_back(exact);
    table_.folded_.push_back(std::move(folded));
    table_.count_.push_back(docs);
    table_.body_.freq.push_back(occurrences == 0 ? docs : occurrences);
    return;
  }
  // An ASCII word that is not a syllable but that Telex or VNI would turn
  // into one: the corpus uses it as it is.
  if (decoder_.Decode(exact)) table_.typed_[std::string(exact)] += docs;
}

std::optional<uint32_t> AccentTable::Builder::Key(std::string_view first,
                                                  std::string_view second) {
  if (!numbered_) Number();
  const auto a = ids_.find(ToAbsl(first));
  if (a == ids_.end() || a->second == kDropped) return std::nullopt;
  const auto b = ids_.find(ToAbsl(second));
  if (b == ids_.end() || b->second == kDropped) return std::nullopt;
  return a->second << 16 | b->second;
}

void AccentTable::Builder::AddPair(std::string_view first,
                                   std::string_view second,
                                   uint32_t occurrences) {
  if (std::optional<uint32_t> key = Key(first, second)) {
    pairs_.emplace_back(*key, occurrences);
  }
}

void AccentTable::Builder::AddTitleWord(std::string_view exact,
                                        uint32_t occurrences) {
  if (!numbered_) Number();
  const auto it = ids_.find(ToAbsl(exact));
  if (it == ids_.end() || it->second == kDropped) return;
  table_.title_.freq.resize(table_.exact_.size(), 0);
  table_.title_.freq[it->second] += occurrences;
}

void AccentTable::Builder::AddTitlePair(std::string_view first,
                                        std::string_view second,
                                        uint32_t occurrences) {
  if (std::optional<uint32_t> key = Key(first, second)) {
    title_pairs_.emplace_back(*key, occurrences);
  }
}

void AccentTable::Builder::AddTitleTriple(std::string_view first,
                                          std::string_view second,
                                          std::string_view third) {
  const std::optional<uint32_t> a = Key(first, second);
  if (!a) return;
  const auto c = ids_.find(ToAbsl(third));
  if (c == ids_.end() || c->second == kDropped) return;
  triples_.push_back(uint64_t{*a} << 16 | c->second);
}

void AccentTable::Builder::Number() {
  numbered_ = true;
  // The most frequent syllables keep ids if there are more than 16 bits
  // can number.
  std::vector<uint32_t> order(table_.exact_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return table_.count_[a] > table_.count_[b];
  });
  if (order.size() > kMaxSyllables) order.resize(kMaxSyllables);
  std::sort(order.begin(), order.end());  // keep the words' order
  AccentTable kept;
  kept.typed_ = std::move(table_.typed_);
  for (auto& [word, id] : ids_) id = kDropped;
  for (uint32_t old : order) {
    ids_[table_.exact_[old]] = static_cast<uint32_t>(kept.exact_.size());
    kept.exact_.push_back(std::move(table_.exact_[old]));
    kept.folded_.push_back(std::move(table_.folded_[old]));
    kept.count_.push_back(table_.count_[old]);
    kept.body_.freq.push_back(table_.body_.freq[old]);
  }
  table_ = std::move(kept);
}

namespace {

// Past `max_keys` keys, only those counted at least as often as the
// max_keys-th most frequent (ties past the bound dropped with it).
template <typename Key>
void KeepCommonest(size_t max_keys, std::vector<Key>& keys,
                   std::vector<uint32_t>& counts) {
  if (keys.size() > max_keys) {
    std::vector<uint32_t> sorted = counts;
    std::nth_element(sorted.begin(), sorted.begin() + max_keys, sorted.end(),
                     std::greater<>());
    const uint32_t floor = sorted[max_keys] + 1;  // keeps at most max_keys
    size_t kept = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (counts[i] < floor) continue;
      keys[kept] = keys[i];
      counts[kept] = counts[i];
      ++kept;
    }
    keys.resize(kept);
    counts.resize(kept);
  }
  keys.shrink_to_fit();
  counts.shrink_to_fit();
}

// Sorted pairs, one per key with the counts summed, into `keys`/`counts`;
// past `max_pairs`, only the pairs counted at least as often as the
// max_pairs-th most frequent (ties past the bound dropped with it).
void Merge(std::vector<std::pair<uint32_t, uint32_t>>& pairs,
           size_t max_pairs, std::vector<uint32_t>& keys,
           std::vector<uint32_t>& counts) {
  std::sort(pairs.begin(), pairs.end());
  for (const auto& [key, count] : pairs) {
    if (!keys.empty() && keys.back() == key) {
      counts.back() += count;
      continue;
    }
    keys.push_back(key);
    counts.push_back(count);
  }
  pairs.clear();
  pairs.shrink_to_fit();
  KeepCommonest(max_pairs, keys, counts);
}

}  // namespace

AccentTable AccentTable::Builder::Finish() && {
  if (!numbered_) Number();
  Merge(pairs_, kMaxBodyPairs, table_.body_.keys, table_.body_.counts);
  Merge(title_pairs_, kMaxTitlePairs, table_.title_.keys,
        table_.title_.counts);
  // Triples: one entry per occurrence, counted here; past the cap the
  // rarest go, as pairs do.
  std::sort(triples_.begin(), triples_.end());
  std::vector<uint64_t>& keys = table_.triple_keys_;
  std::vector<uint32_t>& counts = table_.triple_counts_;
  for (const uint64_t key : triples_) {
    if (!keys.empty() && keys.back() == key) {
      ++counts.back();
      continue;
    }
    keys.push_back(key);
    counts.push_back(1);
  }
  triples_.clear();
  triples_.shrink_to_fit();
  KeepCommonest(kMaxTitleTriples, keys, counts);
  table_.Index();
  return std::move(table_);
}

}  // namespace vnsearch
