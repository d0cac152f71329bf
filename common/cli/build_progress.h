// The progress line vnindex draws on a terminal: one line redrawn in place,
// "indexing  12,345 / 35,440 articles  680/s  ETA 0:33".

#ifndef VNSEARCH_COMMON_CLI_BUILD_PROGRESS_H_
#define VNSEARCH_COMMON_CLI_BUILD_PROGRESS_H_

#include <chrono>
#include <cstdio>
#include <string>

#include "common/index/index_builder.h"

namespace vnsearch {

class ProgressLine {
 public:
  explicit ProgressLine(std::FILE* out) : out_(out) {}
  // Redraws the line for `progress`.
  void Draw(const BuildProgress& progress);
  // Clears the line (before a warning or the final summary).
  void Clear();
  // Draw, with a lock shared with Clear, as an IndexOptions::progress sink.
  [[nodiscard]] ProgressSink AsSink() {
    return [this](const BuildProgress& p) { Draw(p); };
  }

  // "indexing  12,345 / 35,440 articles  680/s  ETA 0:33" (no newline).
  [[nodiscard]] static std::string Format(const BuildProgress& progress,
                                          double seconds_in_phase);

 private:
  std::FILE* out_;
  bool drawn_ = false;
  BuildPhase phase_ = BuildPhase::kReading;
  std::chrono::steady_clock::time_point phase_start_ =
      std::chrono::steady_clock::now();
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_CLI_BUILD_PROGRESS_H_
