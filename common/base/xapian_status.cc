#include "common/base/xapian_status.h"

#include <cerrno>
#include <cstring>
#include <exception>
#include <optional>
#include <string>

#include "common/base/absl_compat.h"
#include "absl/strings/str_cat.h"

namespace vnsearch {
namespace {

std::string Message(const Xapian::Error& e, std::string_view context) {
  std::string message = absl::StrCat(ToAbsl(context), ": ", e.get_msg());
  if (!e.get_context().empty()) {
    absl::StrAppend(&message, " (", e.get_context(), ")");
  }
  return message;
}

// Xapian reports a failed system call as the error of its class with the
// system's reason attached ("Error writing block 886" + errno): say what the
// reason means first, whatever the class.
std::optional<absl::Status> SystemError(const Xapian::Error& e,
                                        std::string_view context) {
  const char* reason = e.get_error_string();
  if (reason == nullptr) return std::nullopt;
  const std::string_view why(reason);
  const auto is = [&](int err) { return why == std::strerror(err); };
  const std::string detail = absl::StrCat(ToAbsl(context), " (", e.get_msg(), ")");
  if (is(ENOSPC) || is(EDQUOT)) {
    return absl::ResourceExhaustedError(
        absl::StrCat("no space left on device while ", detail));
  }
  if (is(EROFS)) {
    return absl::PermissionDeniedError(
        absl::StrCat("read-only file system while ", detail));
  }
  if (is(EACCES) || is(EPERM)) {
    return absl::PermissionDeniedError(
        absl::StrCat("permission denied while ", detail));
  }
  if (is(EIO)) {
    return absl::DataLossError(absl::StrCat("I/O error while ", detail));
  }
  return std::nullopt;
}

}  // namespace

absl::Status CurrentXapianErrorToStatus(std::string_view context) {
  try {
    throw;
  } catch (const Xapian::Error& e) {
    if (std::optional<absl::Status> system = SystemError(e, context)) {
      return *system;
    }
  }
  // Derived classes before their bases: DatabaseVersionError and
  // DatabaseNotFoundError are DatabaseOpeningErrors.
  try {
    throw;
  } catch (const Xapian::DatabaseVersionError& e) {
    return absl::DataLossError(Message(e, context));
  } catch (const Xapian::DatabaseCorruptError& e) {
    return absl::DataLossError(Message(e, context));
  } catch (const Xapian::DatabaseNotFoundError& e) {
    return absl::NotFoundError(Message(e, context));
  } catch (const Xapian::DatabaseOpeningError& e) {
    return absl::NotFoundError(Message(e, context));
  } catch (const Xapian::DatabaseLockError& e) {
    return absl::FailedPreconditionError(Message(e, context));
  } catch (const Xapian::DatabaseModifiedError& e) {
    return absl::AbortedError(Message(e, context));
  } catch (const Xapian::QueryParserError& e) {
    return absl::InvalidArgumentError(Message(e, context));
  } catch (const Xapian::InvalidArgumentError& e) {
    return absl::InvalidArgumentError(Message(e, context));
  } catch (const Xapian::Error& e) {
    return absl::InternalError(
        absl::StrCat(Message(e, context), " [", e.get_type(), "]"));
  }
}

absl::Status XapianErrorToStatus(const Xapian::Error& e,
                                 std::string_view context) {
  if (std::current_exception() != nullptr) {
    try {
      throw;
    } catch (const Xapian::Error& current) {
      if (&current == &e) return CurrentXapianErrorToStatus(context);
    } catch (...) {
    }
  }
  return absl::InternalError(
      absl::StrCat(Message(e, context), " [", e.get_type(), "]"));
}

}  // namespace vnsearch
