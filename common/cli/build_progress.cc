#include "common/cli/build_progress.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace vnsearch {
namespace {

const char* PhaseName(BuildPhase phase) {
  switch (phase) {
    case BuildPhase::kReading:
      return "reading";
    case BuildPhase::kIndexing:
      return "indexing";
    case BuildPhase::kCompacting:
      return "compacting";
    case BuildPhase::kInstalling:
      return "installing";
  }
  return "";
}

std::string Thousands(uint64_t n) {
  const std::string digits = absl::StrCat(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

std::string ProgressLine::Format(const BuildProgress& p, double seconds) {
  std::string line = absl::StrFormat("%-10s", PhaseName(p.phase));
  if (p.phase == BuildPhase::kCompacting ||
      p.phase == BuildPhase::kInstalling) {
    return absl::StrCat(line, " ", absl::StrFormat("%.0f s", seconds));
  }
  absl::StrAppend(&line, " ", Thousands(p.done));
  if (p.total > 0) absl::StrAppend(&line, " / ", Thousands(p.total));
  absl::StrAppend(&line, " articles");
  if (seconds >= 0.5 && p.done > 0) {
    const double rate = static_cast<double>(p.done) / seconds;
    absl::StrAppend(&line, absl::StrFormat("  %.0f/s", rate));
    if (p.total > p.done) {
      const auto eta =
          static_cast<int64_t>(static_cast<double>(p.total - p.done) / rate);
      absl::StrAppend(&line,
                      absl::StrFormat("  ETA %d:%02d", eta / 60, eta % 60));
    }
  }
  return line;
}

void ProgressLine::Draw(const BuildProgress& progress) {
  const auto now = std::chrono::steady_clock::now();
  if (!drawn_ || progress.phase != phase_) {
    phase_ = progress.phase;
    phase_start_ = now;
  }
  const double seconds =
      std::chrono::duration<double>(now - phase_start_).count();
  std::fprintf(out_, "\r%s\x1b[K", Format(progress, seconds).c_str());
  std::fflush(out_);
  drawn_ = true;
}

void ProgressLine::Clear() {
  if (!drawn_) return;
  std::fputs("\r\x1b[K", out_);
  std::fflush(out_);
}

}  // namespace vnsearch
