// Debian 12's Abseil (20220623) is built with its own absl::string_view
// (ABSL_OPTION_USE_STD_STRING_VIEW 0), so std::string_view does not convert
// to it implicitly. Our interfaces use std::string_view; these adapters make
// the crossing explicit at the absl call sites.

#ifndef VNSEARCH_COMMON_BASE_ABSL_COMPAT_H_
#define VNSEARCH_COMMON_BASE_ABSL_COMPAT_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace vnsearch {

[[nodiscard]] inline absl::string_view ToAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

[[nodiscard]] inline std::string_view ToStd(absl::string_view s) {
  return std::string_view(s.data(), s.size());
}

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_BASE_ABSL_COMPAT_H_
