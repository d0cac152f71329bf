#include "benchmarks/corpus_scaler.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "benchmarks/news_text.h"
#include "benchmarks/rng.h"
#include "common/document/corpus_reader.h"

namespace vnsearch::bench {
namespace fs = std::filesystem;

namespace {

constexpr uint32_t kStart = 0;  // the state before a field's first token
constexpr uint64_t kDocsPerFolder = 1000;
constexpr const char* kMarkerName = ".vngencorpus";

struct PairHash {
  size_t operator()(uint64_t key) const {
    key ^= key >> 33;
    key *= 0xFF51AFD7ED558CCDULL;
    key ^= key >> 33;
    return static_cast<size_t>(key);
  }
};

std::string ArticlePath(const std::string& root, uint64_t index) {
  return absl::StrFormat("%s/g%04d/%08d.txt", root, index / kDocsPerFolder,
                         index);
}

}  // namespace

absl::StatusOr<CorpusModel> CorpusModel::Learn(const std::string& corpus_dir) {
  absl::StatusOr<std::vector<CorpusFile>> files = ListCorpus(corpus_dir);
  if (!files.ok()) return files.status();

  CorpusModel model;
  std::unordered_map<std::string, uint32_t> ids;
  auto intern = [&](const RawToken& token) {
    std::string key(1, static_cast<char>(token.kind));
    key.append(token.text);
    auto [it, added] = ids.try_emplace(
        std::move(key), static_cast<uint32_t>(model.tokens_.size()));
    if (added) {
      model.tokens_.push_back(
          {std::string(token.text), static_cast<uint8_t>(token.kind)});
    }
    return it->second;
  };
  model.tokens_.push_back(
      {"", static_cast<uint8_t>(RawKind::kOpen)});  // kStart
  model.period_ = intern({".", RawKind::kClose});

  std::unordered_map<uint64_t, uint32_t, PairHash> pair_counts;
  std::vector<RawToken> raw;
  std::vector<OfficialMention> found;
  std::vector<uint32_t> field_ids;
  // Learns one field; returns its length in tokens and adds its mentions.
  auto learn_field = [&](const std::string& text, uint32_t* mentions) {
    raw.clear();
    SplitRawTokens(text, raw);
    field_ids.clear();
    uint32_t previous = kStart;
    for (const RawToken& token : raw) {
      const uint32_t id = intern(token);
      field_ids.push_back(id);
      ++pair_counts[(static_cast<uint64_t>(previous) << 32) | id];
      previous = id;
    }
    model.total_tokens_ += raw.size();
    if (mentions != nullptr) {
      found.clear();
      FindOfficialMentions(raw, found);
      for (const OfficialMention& mention : found) {
        model.mentions_.emplace_back(field_ids.begin() + mention.role_begin,
                                     field_ids.begin() + mention.name_end);
      }
      *mentions += static_cast<uint32_t>(found.size());
    }
    return static_cast<uint32_t>(raw.size());
  };

  absl::StatusOr<OfficialExtractor> officials = OfficialExtractor::Create();
  if (!officials.ok()) return officials.status();
  for (const CorpusFile& file : *files) {
    std::error_code ec;
    model.source_bytes_ += fs::file_size(file.path, ec);
    ReadCorpusFile(
        file, *officials,
        [&](Article&& article) {
          Lengths lengths;
          lengths.headline = learn_field(article.title, nullptr);
          lengths.lead = learn_field(article.lead, &lengths.mentions);
          lengths.body = learn_field(article.body, &lengths.mentions);
          model.lengths_.push_back(lengths);
        },
        [](std::string_view) {});
  }
  if (model.lengths_.empty() || pair_counts.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("no article text found in ", corpus_dir));
  }

  std::vector<std::pair<uint64_t, uint32_t>> pairs(pair_counts.begin(),
                                                   pair_counts.end());
  pair_counts = {};
  std::sort(pairs.begin(), pairs.end());
  model.first_.assign(model.tokens_.size() + 1, 0);
  model.next_.reserve(pairs.size());
  model.cumulative_.reserve(pairs.size());
  uint32_t state = 0;
  uint32_t sum = 0;
  for (const auto& [key, count] : pairs) {
    const auto from = static_cast<uint32_t>(key >> 32);
    if (from != state || model.next_.empty()) sum = 0;
    while (state < from) model.first_[++state] = model.next_.size();
    sum += count;
    model.next_.push_back(static_cast<uint32_t>(key & 0xFFFFFFFFu));
    model.cumulative_.push_back(sum);
  }
  while (state < model.tokens_.size())
    model.first_[++state] = model.next_.size();
  return model;
}

std::string CorpusModel::Fingerprint() const {
  return absl::StrCat("articles=", lengths_.size(), ",bytes=", source_bytes_,
                      ",tokens=", total_tokens_, ",vocabulary=", tokens_.size(),
                      ",bigrams=", next_.size(),
                      ",mentions=", mentions_.size());
}

uint32_t CorpusModel::NextToken(Rng& rng, uint32_t state) const {
  uint64_t begin = first_[state];
  uint64_t end = first_[state + 1];
  if (begin == end) {  // a dead end: start afresh
    begin = first_[kStart];
    end = first_[kStart + 1];
  }
  const uint64_t pick = rng.Below(cumulative_[end - 1]);
  const auto it = std::upper_bound(cumulative_.begin() + begin,
                                   cumulative_.begin() + end, pick);
  return next_[static_cast<size_t>(it - cumulative_.begin())];
}

void CorpusModel::AppendToken(uint32_t id, bool& first, uint32_t& previous,
                              std::string& out) const {
  const Token& token = tokens_[id];
  const auto kind = static_cast<RawKind>(token.kind);
  const bool glued =
      kind == RawKind::kClose ||
      static_cast<RawKind>(tokens_[previous].kind) == RawKind::kOpen;
  if (!first && !glued) out.push_back(' ');
  out.append(token.text);
  first = false;
  previous = id;
}

void CorpusModel::AppendField(Rng& rng, uint32_t length, bool sentences,
                              std::vector<uint32_t>& mention_positions,
                              uint32_t& position, std::string& out) const {
  bool first = true;
  uint32_t previous = kStart;
  for (uint32_t i = 0; i < length; ++i, ++position) {
    while (!mention_positions.empty() && mention_positions.back() == position) {
      mention_positions.pop_back();
      const std::vector<uint32_t>& mention =
          mentions_[rng.Below(mentions_.size())];
      for (uint32_t id : mention) AppendToken(id, first, previous, out);
    }
    AppendToken(NextToken(rng, previous), first, previous, out);
  }
  if (sentences && length > 0 && !EndsSentence(tokens_[previous].text)) {
    AppendToken(period_, first, previous, out);
  }
}

void CorpusModel::GenerateArticle(uint64_t seed, uint64_t index,
                                  std::string& out) const {
  Rng rng(seed, index);
  const Lengths& lengths = lengths_[rng.Below(lengths_.size())];
  // Where the officials' mentions go, counted in lead + body tokens; kept
  // in descending order so the next one is at the back.
  std::vector<uint32_t> positions;
  const uint32_t text_length = lengths.lead + lengths.body;
  if (!mentions_.empty() && text_length > 0) {
    for (uint32_t m = 0; m < lengths.mentions; ++m) {
      positions.push_back(static_cast<uint32_t>(rng.Below(text_length)));
    }
  }
  std::sort(positions.rbegin(), positions.rend());
  std::vector<uint32_t> no_mentions;
  uint32_t headline_position = 0;
  AppendField(rng, std::max<uint32_t>(lengths.headline, 1), false, no_mentions,
              headline_position, out);
  out.push_back('\n');
  uint32_t position = 0;
  AppendField(rng, lengths.lead, true, positions, position, out);
  out.push_back('\n');
  if (lengths.body > 0) {
    AppendField(rng, lengths.body, true, positions, position, out);
    out.push_back('\n');
  }
}

absl::StatusOr<GenerateStats> GenerateCorpus(const CorpusModel& model,
                                             const GenerateOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  std::error_code ec;
  const std::string& root = options.out_dir;
  const std::string marker = (fs::path(root) / kMarkerName).string();
  const std::string fingerprint = model.Fingerprint();
  GenerateStats stats;
  if (fs::exists(marker, ec)) {
    std::ifstream in(marker);
    std::string key, seed, model_key, model_value, count_key;
    uint64_t count = 0;
    in >> key >> seed >> model_key >> model_value >> count_key >> count;
    if (!in || key != "seed" || model_key != "model" ||
        count_key != "documents") {
      return absl::FailedPreconditionError(
          absl::StrCat(marker, " is not a vngencorpus marker; remove ", root));
    }
    if (seed != std::to_string(options.seed) || model_value != fingerprint) {
      return absl::FailedPreconditionError(absl::StrCat(
          root, " holds a corpus of another seed or source corpus (", seed,
          ", ", model_value, "); remove it or use another folder"));
    }
    if (count > options.documents) {
      return absl::FailedPreconditionError(
          absl::StrCat(root, " already holds ", count, " articles, more than ",
                       options.documents, "; remove it to shrink"));
    }
    stats.existing = count;
  } else if (fs::exists(root, ec) && !fs::is_empty(root, ec)) {
    return absl::FailedPreconditionError(absl::StrCat(
        root, " exists, is not empty and was not made by vngencorpus"));
  }

  for (uint64_t folder = stats.existing / kDocsPerFolder;
       folder * kDocsPerFolder < options.documents; ++folder) {
    fs::create_directories(absl::StrFormat("%s/g%04d", root, folder), ec);
    if (ec) {
      return absl::PermissionDeniedError(
          absl::StrCat("cannot create folders in ", root, ": ", ec.message()));
    }
  }

  int threads =
      options.threads > 0
          ? options.threads
          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<uint64_t> bytes{0};
  std::atomic<bool> failed{false};
  std::string failure;
  std::mutex failure_mutex;
  auto work = [&](int t) {
    std::string text;
    for (uint64_t i = stats.existing + static_cast<uint64_t>(t);
         i < options.documents && !failed.load();
         i += static_cast<uint64_t>(threads)) {
      text.clear();
      model.GenerateArticle(options.seed, i, text);
      const std::string path = ArticlePath(root, i);
      std::FILE* file = std::fopen(path.c_str(), "wb");
      bool ok = file != nullptr &&
                std::fwrite(text.data(), 1, text.size(), file) == text.size();
      if (file != nullptr) ok = std::fclose(file) == 0 && ok;
      if (!ok) {
        std::lock_guard<std::mutex> guard(failure_mutex);
        failure =
            absl::StrCat("cannot write ", path, ": ", std::strerror(errno));
        failed.store(true);
        return;
      }
      bytes.fetch_add(text.size());
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(work, t);
  work(0);
  for (std::thread& worker : workers) worker.join();
  if (failed.load()) return absl::InternalError(failure);

  {
    std::ofstream out(marker, std::ios::trunc);
    out << "seed " << options.seed << "\nmodel " << fingerprint
        << "\ndocuments " << options.documents << "\n";
    out.close();
    if (!out) {
      return absl::InternalError(absl::StrCat("cannot write ", marker));
    }
  }
  stats.generated = options.documents - stats.existing;
  stats.bytes = bytes.load();
  stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  return stats;
}

}  // namespace vnsearch::bench
