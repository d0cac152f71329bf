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

// The trigram pass over the candidates the bigram pass kept (`kept[i]`:
// indices into slot begin + i's candidates), states being pairs of
// adjacent candidates; overwrites `out`'s choices and confidences.
void DecodeTrigram(const AccentTable& table,
                   const std::vector<RestoreSlot>& slots, size_t begin,
                   const std::vector<std::vector<size_t>>& kept,
                   std::vector<RestoredSlot>& out) {
  const size_t n = kept.size();
  auto id = [&](size_t i, size_t k) {
    return slots[begin + i].candidates[kept[i][k]];
  };
  // State (a, b) at position i >= 1: slot i - 1 is a, slot i is b; index
  // a * kept[i].size() + b.
  std::vector<std::vector<double>> fwd(n), bwd(n);
  for (size_t i = 1; i < n; ++i) {
    fwd[i].assign(kept[i - 1].size() * kept[i].size(), kNegInf);
    bwd[i].assign(fwd[i].size(), i + 1 == n ? 0.0 : kNegInf);
  }
  for (size_t a = 0; a < kept[0].size(); ++a) {
    for (size_t b = 0; b < kept[1].size(); ++b) {
      fwd[1][a * kept[1].size() + b] =
          table.LogUnigram(id(0, a)) + table.LogBigram(id(0, a), id(1, b));
    }
  }
  // Transition scores (a, b) -> (b, c), shared by both passes.
  std::vector<std::vector<double>> trans(n);
  for (size_t i = 2; i < n; ++i) {
    const size_t wa = kept[i - 2].size(), wb = kept[i - 1].size(),
                 wc = kept[i].size();
    trans[i].resize(wa * wb * wc);
    for (size_t a = 0; a < wa; ++a) {
      for (size_t b = 0; b < wb; ++b) {
        for (size_t c = 0; c < wc; ++c) {
          trans[i][(a * wb + b) * wc + c] =
              table.LogTrigram(id(i - 2, a), id(i - 1, b), id(i, c));
        }
      }
    }
    for (size_t a = 0; a < wa; ++a) {
      for (size_t b = 0; b < wb; ++b) {
        for (size_t c = 0; c < wc; ++c) {
          double& to = fwd[i][b * wc + c];
          to = LogAdd(to, fwd[i - 1][a * wb + b] +
                              trans[i][(a * wb + b) * wc + c]);
        }
      }
    }
  }
  for (size_t i = n - 1; i >= 2; --i) {
    const size_t wa = kept[i - 2].size(), wb = kept[i - 1].size(),
                 wc = kept[i].size();
    for (size_t a = 0; a < wa; ++a) {
      for (size_t b = 0; b < wb; ++b) {
        double& from = bwd[i - 1][a * wb + b];
        for (size_t c = 0; c < wc; ++c) {
          from = LogAdd(from, trans[i][(a * wb + b) * wc + c] +
                                  bwd[i][b * wc + c]);
        }
      }
    }
  }
  double total = kNegInf;
  for (double v : fwd[n - 1]) total = LogAdd(total, v);
  for (size_t i = 0; i < n; ++i) {
    // The posterior of each kept candidate of slot i, from the states
    // that end (i >= 1) or start (i == 0) with it.
    const size_t at = i == 0 ? 1 : i;
    const size_t wb = kept[at].size();
    std::vector<double> posterior(kept[i].size(), kNegInf);
    for (size_t a = 0; a < kept[at - 1].size(); ++a) {
      for (size_t b = 0; b < wb; ++b) {
        const double v = fwd[at][a * wb + b] + bwd[at][a * wb + b];
        double& p = posterior[i == 0 ? a : b];
        p = LogAdd(p, v);
      }
    }
    RestoredSlot& slot = out[begin + i];
    double top = kNegInf;
    for (size_t k = 0; k < kept[i].size(); ++k) {
      if (posterior[k] > top) {
        top = posterior[k];
        slot.choice = static_cast<int>(kept[i][k]);
      }
    }
    slot.confidence = std::exp(top - total);
  }
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
  if (table.has_triples() && n >= 3) {
    std::vector<std::vector<size_t>> kept(n);
    for (size_t i = 0; i < n; ++i) {
      std::vector<std::pair<double, size_t>> by_posterior;
      for (size_t b = 0; b < width[i]; ++b) {
        by_posterior.emplace_back(fwd[i][b] + bwd[i][b] - total, b);
      }
      std::sort(by_posterior.begin(), by_posterior.end(), std::greater<>());
      for (const auto& [log_posterior, b] : by_posterior) {
        if (kept[i].size() == kTrigramWidth ||
            (!kept[i].empty() && log_posterior < std::log(kTrigramPrune))) {
          break;
        }
        kept[i].push_back(b);
      }
    }
    DecodeTrigram(table, slots, begin, kept, out);
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
