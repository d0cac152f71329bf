// Converts ICU error codes to absl::Status at the edge of the ICU calls.

#ifndef VNSEARCH_COMMON_BASE_ICU_STATUS_H_
#define VNSEARCH_COMMON_BASE_ICU_STATUS_H_

#include <string_view>

#include <unicode/utypes.h>

#include "absl/status/status.h"

namespace vnsearch {

// OK for success and warning codes; Internal naming `context` otherwise.
[[nodiscard]] absl::Status IcuErrorToStatus(UErrorCode code,
                                            std::string_view context);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_BASE_ICU_STATUS_H_
