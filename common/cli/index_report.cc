#include "common/cli/index_report.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_format.h"

namespace vnsearch {

std::string IndexStatsJson(const IndexStats& s) {
  const nlohmann::json json = {{"mode", s.mode},
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
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
