#include "common/cli/color.h"

#include "absl/strings/str_cat.h"
#include "common/base/absl_compat.h"

namespace vnsearch {

absl::StatusOr<bool> UseColor(std::string_view flag, bool terminal,
                              const char* no_color) {
  if (flag == "always") return true;
  if (flag == "never") return false;
  if (flag == "auto") {
    return terminal && (no_color == nullptr || no_color[0] == '\0');
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "bad value \"", ToAbsl(flag), "\" for --color: use auto, never or always"));
}

}  // namespace vnsearch
