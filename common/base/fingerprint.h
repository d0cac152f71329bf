// Fingerprint: a stable 64-bit digest of bytes, the same in every process
// and on every run (absl::Hash is seeded per process, so it cannot be
// stored). Used for content change detection (vnindex --update) and for the
// unique term of ids too long for a Xapian term. zlib's CRC-32 and Adler-32
// side by side plus the length; not cryptographic.

#ifndef VNSEARCH_COMMON_BASE_FINGERPRINT_H_
#define VNSEARCH_COMMON_BASE_FINGERPRINT_H_

#include <string>
#include <string_view>

namespace vnsearch {

// 16 lowercase hex digits (CRC-32, Adler-32), '-', the length in decimal:
// "9a0f12c3088b04f1-5120".
[[nodiscard]] std::string Fingerprint(std::string_view bytes);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_BASE_FINGERPRINT_H_
