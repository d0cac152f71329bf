#include "common/restore/accent_table.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/absl_compat.h"
#include "common/base/files.h"

namespace vnsearch {
namespace {

// File layout (little-endian): magic, then
//   u32 syllables, each: u8 len, exact, u8 len, folded, u32 docs
//   u32 pairs, each: u32 key (first << 16 | second), u32 docs
//   u32 typed words, each: u8 len, word, u32 docs
constexpr std::string_view kMagic = "vnsearch-accents-1\n";
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
  left_.assign(n, 0);
  types_.assign(n, 0);
  for (size_t i = 0; i < pair_keys_.size(); ++i) {
    const uint32_t first = pair_keys_[i] >> 16;
    left_[first] += pair_counts_[i];
    ++types_[first];
  }
  total_ = std::accumulate(count_.begin(), count_.end(), 0.0);
}

absl::StatusOr<AccentTable> AccentTable::Parse(std::string_view bytes) {
  AccentTable table;
  Reader in(bytes);
  auto bad = [] {
    return absl::DataLossError("not a vnsearch accent table (or truncated)");
  };
  if (!in.Skip(kMagic)) return bad();
  uint32_t n = 0;
  if (!in.Get32(n) || n > kMaxSyllables) return bad();
  table.exact_.resize(n);
  table.folded_.resize(n);
  table.count_.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    if (!in.GetString(table.exact_[i]) || !in.GetString(table.folded_[i]) ||
        !in.Get32(table.count_[i])) {
      return bad();
    }
  }
  uint32_t pairs = 0;
  if (!in.Get32(pairs) || pairs > bytes.size() / 8) return bad();
  table.pair_keys_.resize(pairs);
  table.pair_counts_.resize(pairs);
  for (uint32_t i = 0; i < pairs; ++i) {
    if (!in.Get32(table.pair_keys_[i]) || !in.Get32(table.pair_counts_[i]) ||
        (table.pair_keys_[i] >> 16) >= n || (table.pair_keys_[i] & 0xFFFF) >= n ||
        (i > 0 && table.pair_keys_[i] <= table.pair_keys_[i - 1])) {
      return bad();
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
  }
  Put32(out, static_cast<uint32_t>(pair_keys_.size()));
  for (size_t i = 0; i < pair_keys_.size(); ++i) {
    Put32(out, pair_keys_[i]);
    Put32(out, pair_counts_[i]);
  }
  std::vector<std::pair<std::string, uint32_t>> typed(typed_.begin(),
                                                      typed_.end());
  std::sort(typed.begin(), typed.end());  // the same bytes for the same table
  Put32(out, static_cast<uint32_t>(typed.size()));
  for (const auto& [word, docs] : typed) {
    PutString(out, word);
    Put32(out, docs);
  }
  return out;
}

size_t AccentTable::MemoryBytes() const {
  size_t bytes = pair_keys_.capacity() * 4 + pair_counts_.capacity() * 4 +
                 (count_.capacity() + left_.capacity() + types_.capacity()) * 4;
  for (size_t i = 0; i < exact_.size(); ++i) {
    // Each string twice (exact_, by_exact_), folded twice, small-string
    // buffers inline.
    bytes += 2 * (sizeof(std::string) + exact_[i].capacity()) +
             (sizeof(std::string) + folded_[i].capacity()) + 16;
  }
  bytes += by_folded_.size() * (sizeof(std::string) + 40);
  bytes += typed_.size() * (sizeof(std::string) + 24);
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
  const uint32_t key = first << 16 | second;
  const auto it = std::lower_bound(pair_keys_.begin(), pair_keys_.end(), key);
  if (it == pair_keys_.end() || *it != key) return 0;
  return pair_counts_[it - pair_keys_.begin()];
}

uint32_t AccentTable::TypedCount(std::string_view lower) const {
  const auto it = typed_.find(ToAbsl(lower));
  return it == typed_.end() ? 0 : it->second;
}

double AccentTable::LogUnigram(uint32_t id) const {
  const double v = static_cast<double>(exact_.size());
  return std::log((count_[id] + 0.5) / (total_ + 0.5 * v));
}

double AccentTable::LogBigram(uint32_t first, uint32_t second) const {
  const double unigram = std::exp(LogUnigram(second));
  const double types = types_[first];
  if (types == 0) return std::log(unigram);
  const double pair = PairCount(first, second);
  return std::log((pair + types * unigram) / (left_[first] + types));
}

AccentTable::Builder::Builder(std::shared_ptr<const CharTable> table,
                              uint32_t min_docs)
    : rules_(table),
      min_docs_(min_docs),
      normalizer_(table),
      decoder_(SyllableRules(table)) {}

void AccentTable::Builder::AddWord(std::string_view exact, uint32_t docs) {
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
    return;
  }
  // An ASCII word that is not a syllable but that Telex or VNI would turn
  // into one: the corpus uses it as it is.
  if (decoder_.Decode(exact)) table_.typed_[std::string(exact)] += docs;
}

void AccentTable::Builder::AddPair(std::string_view first,
                                   std::string_view second, uint32_t docs) {
  if (!numbered_) Number();
  const auto a = ids_.find(ToAbsl(first));
  if (a == ids_.end() || a->second == kDropped) return;
  const auto b = ids_.find(ToAbsl(second));
  if (b == ids_.end() || b->second == kDropped) return;
  pairs_.emplace_back(a->second << 16 | b->second, docs);
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
  }
  table_ = std::move(kept);
}

AccentTable AccentTable::Builder::Finish() && {
  if (!numbered_) Number();
  std::sort(pairs_.begin(), pairs_.end());
  for (const auto& [key, docs] : pairs_) {
    if (!table_.pair_keys_.empty() && table_.pair_keys_.back() == key) {
      table_.pair_counts_.back() += docs;
      continue;
    }
    table_.pair_keys_.push_back(key);
    table_.pair_counts_.push_back(docs);
  }
  pairs_.clear();
  table_.Index();
  return std::move(table_);
}

}  // namespace vnsearch
