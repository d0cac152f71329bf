// Converts Xapian exceptions to absl::Status. Every Xapian call that can throw
// runs inside XapianCall so that exceptions stop at this edge.

#ifndef VNSEARCH_COMMON_BASE_XAPIAN_STATUS_H_
#define VNSEARCH_COMMON_BASE_XAPIAN_STATUS_H_

#include <string_view>
#include <type_traits>
#include <utility>

#include <xapian.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace vnsearch {

// Maps the Xapian exception being handled (call it only from a catch clause)
// to a canonical code, by catching it again by its class:
//   DatabaseVersionError, DatabaseCorruptError          -> DataLoss
//   DatabaseNotFoundError, DatabaseOpeningError         -> NotFound
//   DatabaseLockError                                   -> FailedPrecondition
//   DatabaseModifiedError                               -> Aborted (reopen
//                                                          the database and
//                                                          retry)
//   QueryParserError, InvalidArgumentError              -> InvalidArgument
//   any other Xapian::Error                             -> Internal
// The message starts with `context`; an Internal one ends with the type.
[[nodiscard]] absl::Status CurrentXapianErrorToStatus(std::string_view context);

// The same mapping for `e`, which must be the exception being handled (call
// it from the catch clause that caught e); otherwise Internal.
[[nodiscard]] absl::Status XapianErrorToStatus(const Xapian::Error& e,
                                               std::string_view context);

// Runs fn() and returns its result, or the converted error if it throws.
// fn returns void, absl::Status, or a value T (wrapped into StatusOr<T>).
template <typename Fn>
auto XapianCall(std::string_view context, Fn&& fn) {
  using R = std::invoke_result_t<Fn>;
  if constexpr (std::is_void_v<R>) {
    try {
      std::forward<Fn>(fn)();
      return absl::OkStatus();
    } catch (const Xapian::Error&) {
      return CurrentXapianErrorToStatus(context);
    }
  } else if constexpr (std::is_same_v<R, absl::Status>) {
    try {
      return std::forward<Fn>(fn)();
    } catch (const Xapian::Error&) {
      return CurrentXapianErrorToStatus(context);
    }
  } else {
    try {
      return absl::StatusOr<R>(std::forward<Fn>(fn)());
    } catch (const Xapian::Error&) {
      return absl::StatusOr<R>(CurrentXapianErrorToStatus(context));
    }
  }
}

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_BASE_XAPIAN_STATUS_H_
