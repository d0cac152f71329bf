// The accent table of a generation (common/restore/accent_table.h), built
// from the generation's own terms: document counts and occurrences of its
// exact body words, occurrences of its exact body pairs, and the same of the
// title field (headlines). Written into the generation directory before
// it is synced and installed, so the table always matches its index.

#ifndef VNSEARCH_COMMON_INDEX_ACCENT_STATS_H_
#define VNSEARCH_COMMON_INDEX_ACCENT_STATS_H_

#include <xapian.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/restore/accent_table.h"

namespace vnsearch {

// The table of `db`. Errors from Xapian (as XapianCall converts them) or
// Internal when ICU data cannot be loaded.
[[nodiscard]] absl::StatusOr<AccentTable> BuildAccentTable(
    const Xapian::Database& db);

// Builds the table of the database in `generation_dir` and writes it there
// as kAccentTableFileName.
[[nodiscard]] absl::Status WriteAccentTable(const std::string& generation_dir);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_ACCENT_STATS_H_
