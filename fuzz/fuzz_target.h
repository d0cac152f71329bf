// One libFuzzer entry point over one FuzzChecks method: an input that
// breaks an invariant prints it and aborts, which libFuzzer records as a
// crash (saved as crash-<sha1>, to be added to fuzz/regressions/).

#ifndef VNSEARCH_FUZZ_FUZZ_TARGET_H_
#define VNSEARCH_FUZZ_FUZZ_TARGET_H_

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/fuzz_checks.h"

namespace vnsearch {

inline FuzzChecks& SharedFuzzChecks() {
  static FuzzChecks* checks = [] {
    const char* tmp = std::getenv("TMPDIR");
    return new FuzzChecks(VNSEARCH_SOURCE_DIR "/corpus",
                          tmp != nullptr && *tmp != '\0' ? tmp : "/tmp");
  }();
  return *checks;
}

}  // namespace vnsearch

// LLVMFuzzerInitialize builds the tables (and, for search, the index) once,
// before libFuzzer's per-input timeout starts counting.
#define VNSEARCH_FUZZ_TARGET(method)                                        \
  extern "C" int LLVMFuzzerInitialize(int*, char***) {                      \
    (void)vnsearch::SharedFuzzChecks().method("\x01ha noi");                \
    return 0;                                                               \
  }                                                                         \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { \
    const std::string error = vnsearch::SharedFuzzChecks().method(          \
        std::string_view(reinterpret_cast<const char*>(data), size));       \
    if (!error.empty()) {                                                   \
      std::fprintf(stderr, "invariant broken: %s\n", error.c_str());        \
      std::abort();                                                         \
    }                                                                       \
    return 0;                                                               \
  }

#endif  // VNSEARCH_FUZZ_FUZZ_TARGET_H_
