#include "common/base/icu_status.h"

#include "common/base/absl_compat.h"
#include "absl/strings/str_cat.h"

namespace vnsearch {

absl::Status IcuErrorToStatus(UErrorCode code, std::string_view context) {
  if (U_SUCCESS(code)) return absl::OkStatus();
  return absl::InternalError(
      absl::StrCat("ICU error while ", ToAbsl(context), ": ", u_errorName(code)));
}

}  // namespace vnsearch
