#include "common/cli/index_report.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_format.h"

namespace vnsearch {

namespace {

nlohmann::json StatsObject(const IndexStats& s) {
  return {{"mode", s.mode},
          {"documents", s.documents},
          {"added", s.added},
          {"replaced", s.replaced},
          {"deleted", s.deleted},
          {"unchanged", s.unchanged},
          {"skipped_files", s.skipped_files},
          {"warnings", s.warnings},
          {"seconds", s.seconds},
          {"index_bytes", s.index_bytes},
          {"generation", s.generation},
          {"index", s.index_dir}};
}

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string IndexStatsJson(const IndexStats& s) { return Dump(StatsObject(s)); }

std::string ShardedStatsJson(const ShardedStats& stats) {
  nlohmann::json json = StatsObject(stats.total);
  json.erase("generation");
  json["shards"] = nlohmann::json::array();
  for (const IndexStats& s : stats.shards)
    json["shards"].push_back(StatsObject(s));
  return Dump(json);
}

std::string ShardedSummary(const ShardedStats& stats) {
  const IndexStats& s = stats.total;
  std::string out = absl::StrFormat(
      "indexed %d documents from %d files (%d skipped, %d warnings) into %d "
      "shards of %s "
      "in %.2f s; %s: %d added, %d replaced, %d deleted, %d unchanged; "
      "%.1f MB\n",
      s.documents, s.files, s.skipped_files, s.warnings, stats.shards.size(),
      s.index_dir, s.seconds, s.mode, s.added, s.replaced, s.deleted,
      s.unchanged, static_cast<double>(s.index_bytes) / 1e6);
  for (size_t k = 0; k < stats.shards.size(); ++k) {
    const IndexStats& t = stats.shards[k];
    absl::StrAppendFormat(
        &out, "  %s: %d documents, %s, generation %s, %.1f MB\n",
        ShardName(static_cast<int>(k)), t.documents, t.mode, t.generation,
        static_cast<double>(t.index_bytes) / 1e6);
  }
  return out;
}

std::string IndexSummary(const IndexStats& s) {
  return absl::StrFormat(
      "indexed %d documents from %d files (%d skipped, %d warnings) into %s "
      "in %.2f s; %s: %d added, %d replaced, %d deleted, %d unchanged; "
      "current generation %s, %.1f MB\n",
      s.documents, s.files, s.skipped_files, s.warnings, s.index_dir, s.seconds,
      s.mode, s.added, s.replaced, s.deleted, s.unchanged, s.generation,
      static_cast<double>(s.index_bytes) / 1e6);
}

}  // namespace vnsearch
