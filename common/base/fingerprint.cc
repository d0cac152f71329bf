#include "common/base/fingerprint.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_format.h"

namespace vnsearch {

std::string Fingerprint(std::string_view bytes) {
  uLong crc = crc32_z(0L, Z_NULL, 0);
  uLong adler = adler32_z(0L, Z_NULL, 0);
  const auto* data = reinterpret_cast<const Bytef*>(bytes.data());
  crc = crc32_z(crc, data, bytes.size());
  adler = adler32_z(adler, data, bytes.size());
  return absl::StrFormat("%08x%08x-%d", static_cast<uint32_t>(crc),
                         static_cast<uint32_t>(adler), bytes.size());
}

}  // namespace vnsearch
