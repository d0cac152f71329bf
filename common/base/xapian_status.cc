#include "common/base/xapian_status.h"

#include <string>

#include "common/base/absl_compat.h"
#include "absl/strings/str_cat.h"

namespace vnsearch {

absl::Status XapianErrorToStatus(const Xapian::Error& e,
                                 std::string_view context) {
  std::string message = absl::StrCat(ToAbsl(context), ": ", e.get_msg());
  if (!e.get_context().empty()) absl::StrAppend(&message, " (", e.get_context(), ")");
  const std::string type = e.get_type();
  if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError") {
    return absl::NotFoundError(message);
  }
  if (type == "DatabaseLockError") return absl::FailedPreconditionError(message);
  if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") {
    return absl::DataLossError(message);
  }
  if (type == "QueryParserError" || type == "InvalidArgumentError") {
    return absl::InvalidArgumentError(message);
  }
  return absl::InternalError(absl::StrCat(message, " [", type, "]"));
}

}  // namespace vnsearch
