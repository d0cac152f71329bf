#include "common/index/index_check.h"

#include <xapian.h>

#include <filesystem>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/base/absl_compat.h"
#include "common/base/xapian_status.h"
#include "common/index/generations.h"
#include "common/index/schema.h"

namespace fs = std::filesystem;

namespace vnsearch {
namespace {

// The first non-empty line of Xapian's check report, which names the table
// and the block of the first error.
std::string FirstLine(const std::string& report) {
  for (absl::string_view line : absl::StrSplit(report, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!line.empty()) return std::string(line);
  }
  return "";
}

absl::Status Damaged(const std::string& path, absl::string_view what) {
  return absl::DataLossError(
      absl::StrCat("database ", path, " is damaged: ", what));
}

}  // namespace

absl::StatusOr<DatabaseCheck> CheckDatabase(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    return absl::NotFoundError(absl::StrCat("no database at ", path));
  }
  // Xapian's check: every table's B-tree structure, block checksums where
  // the format has them, and (for glass) that the tables agree with each
  // other. It reports problems to the stream and counts them; severe ones
  // throw.
  std::ostringstream report;
  absl::StatusOr<size_t> errors = XapianCall("checking " + path, [&] {
    return Xapian::Database::check(path, 0, &report);
  });
  if (!errors.ok()) {
    if (absl::IsNotFound(errors.status())) {
      // Xapian says DatabaseOpeningError for a table it cannot open: a
      // directory that has some tables is a damaged database.
      if (fs::exists(fs::path(path) / "iamglass", ec)) {
        return Damaged(path, errors.status().message());
      }
      return absl::NotFoundError(absl::StrCat("no database at ", path, " (",
                                              errors.status().message(), ")"));
    }
    return Damaged(path, errors.status().message());
  }
  if (*errors > 0) {
    return Damaged(path, absl::StrCat(*errors,
                                      " errors found by "
                                      "Xapian::Database::check, first: ",
                                      FirstLine(report.str())));
  }
  DatabaseCheck check;
  check.path = path;
  absl::Status opened = XapianCall("opening " + path, [&] {
    Xapian::Database db(path);
    check.documents = db.get_doccount();
    const std::string version = db.get_metadata(std::string(kSchemaVersionKey));
    if (version != kSchemaVersion) {
      throw Xapian::DatabaseCorruptError(
          absl::StrCat("schema version \"", version, "\", expected \"",
                       ToAbsl(kSchemaVersion), "\""));
    }
  });
  if (!opened.ok()) return Damaged(path, opened.message());
  // Xapian treats a missing document-data table as one where no document
  // has data, but every vnsearch document has its text there (JoinText is
  // never empty): without the table snippets would silently be empty.
  if (check.documents > 0) {
    const fs::path docdata = fs::path(path) / "docdata.glass";
    if (!fs::is_regular_file(docdata, ec)) {
      return Damaged(path, "the document-data table docdata.glass is missing");
    }
  }
  return check;
}

absl::StatusOr<DatabaseCheck> CheckIndex(const std::string& index_dir) {
  std::error_code ec;
  if (index_dir.empty() || !fs::exists(index_dir, ec)) {
    return absl::NotFoundError(
        absl::StrCat("index ", index_dir, " does not exist"));
  }
  absl::StatusOr<IndexDirectory> dir = IndexDirectory::Resolve(index_dir);
  if (!dir.ok()) return dir.status();
  absl::StatusOr<GenerationState> state = dir->ReadState();
  if (!state.ok()) {
    return absl::DataLossError(absl::StrCat(
        "index ", index_dir, " is damaged: ", state.status().message()));
  }
  if (state->empty()) {
    return absl::NotFoundError(
        absl::StrCat("index ", index_dir, " holds no index"));
  }
  const std::string path =
      state->current.empty() ? dir->path() : dir->Child(state->current);
  absl::StatusOr<DatabaseCheck> check = CheckDatabase(path);
  if (!check.ok() && absl::IsNotFound(check.status())) {
    return absl::DataLossError(absl::StrCat(
        "index ", index_dir, " is damaged: ", check.status().message()));
  }
  return check;
}

}  // namespace vnsearch
