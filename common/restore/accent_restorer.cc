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
  // Viterbi and forward together.
  std::vector<std::vector<double>> best(n), fwd(n);
  std::vector<std::vector<int>> back(n);
  for (size_t i = 0; i < n; ++i) {
    best[i].assign(width[i], kNegInf);
    fwd[i].assign(width[i], kNegInf);
    back[i].assign(width[i], -1);
    for (size_t b = 0; b < width[i]; ++b) {
      if (i == 0) {
        best[0][b] = fwd[0][b] = table.LogUnigram(id(0, b));
        continue;
      }
      for (size_t a = 0; a < width[i - 1]; ++a) {
        const double t = trans[i][a * width[i] + b];
        if (best[i - 1][a] + t > best[i][b]) {
          best[i][b] = best[i - 1][a] + t;
          back[i][b] = static_cast<int>(a);
        }
        fwd[i][b] = LogAdd(fwd[i][b], fwd[i - 1][a] + t);
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
  int k = static_cast<int>(
      std::max_element(best[n - 1].begin(), best[n - 1].end()) -
      best[n - 1].begin());
  for (size_t i = n; i-- > 0;) {
    RestoredSlot& slot = out[begin + i];
    slot.choice = k;
    slot.confidence = std::exp(fwd[i][k] + bwd[i][k] - total);
    k = back[i][k];
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
