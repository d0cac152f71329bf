// When text output is coloured: --color=auto (the default) colours only a
// terminal and honours NO_COLOR (https://no-color.org: set and not empty
// turns colour off); --color=never and --color=always decide alone.

#ifndef VNSEARCH_COMMON_CLI_COLOR_H_
#define VNSEARCH_COMMON_CLI_COLOR_H_

#include <string_view>

#include "absl/status/statusor.h"

namespace vnsearch {

// `flag` is "auto", "never" or "always" (InvalidArgument otherwise);
// `terminal`: the output is a terminal; `no_color`: getenv("NO_COLOR").
[[nodiscard]] absl::StatusOr<bool> UseColor(std::string_view flag,
                                            bool terminal,
                                            const char* no_color);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_CLI_COLOR_H_
