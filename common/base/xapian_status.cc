#include "common/base/xapian_status.h"

#include <exception>
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

}  // namespace

absl::Status CurrentXapianErrorToStatus(std::string_view context) {
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
