#include "common/base/utf8.h"

namespace vnsearch {

bool IsValidUtf8(std::string_view text) {
  for (const CodePoint cp : Utf8CodePoints(text)) {
    if (cp.c < 0) return false;
  }
  return true;
}

Utf8Check CheckUtf8(std::string_view text) {
  Utf8Check check;
  for (const CodePoint cp : Utf8CodePoints(text)) {
    if (cp.c == 0) ++check.nuls;
    if (cp.c >= 0) continue;
    if (check.invalid_sequences == 0) check.first_invalid = cp.begin;
    ++check.invalid_sequences;
  }
  return check;
}

std::string ReplaceInvalidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  size_t copied = 0;  // text[0, copied) is already in `out`
  for (const CodePoint cp : Utf8CodePoints(text)) {
    if (cp.c >= 0) continue;
    out.append(text, copied, cp.begin - copied);
    out.append("\xEF\xBF\xBD");
    copied = cp.end;
  }
  out.append(text, copied);
  return out;
}

void AppendUtf8(UChar32 c, std::string& out) {
  char buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buffer, static_cast<size_t>(length));
}

}  // namespace vnsearch
