#include "common/restore/accent_restorer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vnsearch {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

double LogAdd(double a, double b) {
  if (a == kNegInf) return b;
  if (b == kNegInf) return a;
  const double hi = std::max(a, b);
  return hi + std::log1p(std::exp(std::min(a, b) - hi));
}

// Slots [begin, end), all with candidates.
void DecodeRun(const AccentTable& table, const std::vector<RestoreSlot>& slots,
               size_t begin, size_t end, std::vector<RestoredSlot>& out) {
  const size_t n = end - begin;
  std::vector<size_t> width(n);
  for (size_t i = 0; i < n; ++i) {
    width[i] = std::min(slots[begin + i].candidates.size(), kMaxCandidates);
  }
  auto id = [&](size_t i, size_t k) {
    return slots[begin + i].candidates[k];
  };
  // Transition scores, once per adjacent pair of candidates.
  std::vector<std::vector<double>> trans(n);
  for (size_t i = 1; i < n; ++i) {
    trans[i].resize(width[i - 1] * width[i]);
    for (size_t a = 0; a < width[i - 1]; ++a) {
      for (size_t b = 0; b < width[i]; ++b) {
        trans[i][a * width[i] + b] = table.LogBigram(id(i - 1, a), id(i, b));
      }
    }
  }
  // Forward and backward sums over every reading.
  std::vector<std::vector<double>> fwd(n);
  for (size_t i = 0; i < n; ++i) {
    fwd[i].assign(width[i], kNegInf);
    for (size_t b = 0; b < width[i]; ++b) {
      if (i == 0) {
        fwd[0][b] = table.LogUnigram(id(0, b));
        continue;
      }
      for (size_t a = 0; a < width[i - 1]; ++a) {
        fwd[i][b] =
            LogAdd(fwd[i][b], fwd[i - 1][a] + trans[i][a * width[i] + b]);
      }
    }
  }
  std::vector<std::vector<double>> bwd(n);
  for (size_t i = n; i-- > 0;) {
    bwd[i].assign(width[i], i + 1 == n ? 0.0 : kNegInf);
    if (i + 1 == n) continue;
    for (size_t a = 0; a < width[i]; ++a) {
      for (size_t b = 0; b < width[i + 1]; ++b) {
        bwd[i][a] = LogAdd(bwd[i][a], trans[i + 1][a * width[i + 1] + b] +
                                          bwd[i + 1][b]);
      }
    }
  }
  double total = kNegInf;
  for (size_t b = 0; b < width[n - 1]; ++b) total = LogAdd(total, fwd[n - 1][b]);
  // Each slot takes its most probable spelling over every reading (the
  // posterior), not the one of the single best reading: that maximises
  // the syllables expected right, and measured better on held-out
  // headlines (docs/relevance.md).
  for (size_t i = 0; i < n; ++i) {
    RestoredSlot& slot = out[begin + i];
    double top = kNegInf;
    for (size_t b = 0; b < width[i]; ++b) {
      if (fwd[i][b] + bwd[i][b] > top) {
        top = fwd[i][b] + bwd[i][b];
        slot.choice = static_cast<int>(b);
      }
    }
    slot.confidence = std::exp(top - total);
  }
}

}  // namespace

std::vector<RestoredSlot> RestoreAccents(const AccentTable& table,
                                         const std::vector<RestoreSlot>& slots) {
  std::vector<RestoredSlot> out(slots.size());
  size_t i = 0;
  while (i < slots.size()) {
    if (slots[i].candidates.empty()) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < slots.size() && !slots[end].candidates.empty()) ++end;
    DecodeRun(table, slots, i, end, out);
    i = end;
  }
  return out;
}

}  // namespace vnsearch
