// Consistency checks of an index: Xapian's own structural check of every
// table (Xapian::Database::check, what xapian-check runs) and what vnsearch
// itself needs of a generation (its schema version, a document-data table
// when it holds documents). vnindex --check runs CheckIndex; every new
// generation passes CheckDatabase before it is installed.

#ifndef VNSEARCH_COMMON_INDEX_INDEX_CHECK_H_
#define VNSEARCH_COMMON_INDEX_INDEX_CHECK_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace vnsearch {

struct DatabaseCheck {
  std::string path;        // the database directory checked
  uint64_t documents = 0;  // its document count
};

// Checks the Xapian database in directory `path` (a generation). DataLoss
// with a one-line message naming the first problem when it is damaged or
// not a vnsearch database of this schema; NotFound when `path` holds no
// database. Reads every block of every table: time linear in the index
// size (about 1 s per 100 MB on a warm cache).
[[nodiscard]] absl::StatusOr<DatabaseCheck> CheckDatabase(
    const std::string& path);

// Checks the current generation of the index directory `index_dir` (or the
// directory itself, for the legacy layout). NotFound for a missing index,
// DataLoss for a damaged one (including a stub naming a missing
// generation).
[[nodiscard]] absl::StatusOr<DatabaseCheck> CheckIndex(
    const std::string& index_dir);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_INDEX_CHECK_H_
