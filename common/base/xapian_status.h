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

// Maps a Xapian error to a canonical code: DatabaseNotFoundError and
// DatabaseOpeningError -> NotFound, DatabaseLockError -> FailedPrecondition,
// DatabaseCorruptError and DatabaseVersionError -> DataLoss,
// QueryParserError -> InvalidArgument, anything else -> Internal.
// The message starts with `context`.
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
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, context);
    }
  } else if constexpr (std::is_same_v<R, absl::Status>) {
    try {
      return std::forward<Fn>(fn)();
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, context);
    }
  } else {
    try {
      return absl::StatusOr<R>(std::forward<Fn>(fn)());
    } catch (const Xapian::Error& e) {
      return absl::StatusOr<R>(XapianErrorToStatus(e, context));
    }
  }
}

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_BASE_XAPIAN_STATUS_H_
