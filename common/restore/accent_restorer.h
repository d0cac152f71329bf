// RestoreAccents: the most likely accented reading of a run of syllables,
// each with its candidate spellings (AccentTable::Candidates, or one
// spelling for a word typed with diacritics), over the table's bigram
// model; a slot without candidates (a code, a number, a foreign word)
// separates the runs on either side of it. Each slot takes the spelling
// with the highest posterior probability (forward-backward over the
// lattice of readings), and that posterior is the confidence callers use to
// decide whether to rank by it. With the table's headline triples, runs of
// three or more are read again with its trigram (LogTrigram), over the
// candidates the bigram pass found likely.
//
// Pure, thread-safe.

#ifndef VNSEARCH_COMMON_RESTORE_ACCENT_RESTORER_H_
#define VNSEARCH_COMMON_RESTORE_ACCENT_RESTORER_H_

#include <cstdint>
#include <vector>

#include "common/restore/accent_table.h"

namespace vnsearch {

// Candidates beyond this many (the rarest) are not considered.
inline constexpr size_t kMaxCandidates = 12;
// With headline triples in the table, a second pass reads runs of three or
// more with the trigram, over at most this many candidates per slot: those
// the bigram pass gives at least kTrigramPrune of posterior (and its best).
inline constexpr size_t kTrigramWidth = 4;
inline constexpr double kTrigramPrune = 1e-3;

struct RestoreSlot {
  std::vector<uint32_t> candidates;  // syllable ids; empty: a separator
};

struct RestoredSlot {
  int choice = -1;          // index into the slot's candidates; -1: none
  double confidence = 0.0;  // posterior probability of `choice`
};

[[nodiscard]] std::vector<RestoredSlot> RestoreAccents(
    const AccentTable& table, const std::vector<RestoreSlot>& slots);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_RESTORE_ACCENT_RESTORER_H_
