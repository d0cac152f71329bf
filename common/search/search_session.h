// SearchSession: what vnsearch does once its flags are parsed. Answers one
// query, or reads queries one per line (batch mode, the index stays open),
// writing text or JSON lines to `out` and one-line errors to `err`.

#ifndef VNSEARCH_COMMON_SEARCH_SEARCH_SESSION_H_
#define VNSEARCH_COMMON_SEARCH_SEARCH_SESSION_H_

#include <iosfwd>
#include <optional>
#include <string>

#include "common/search/searcher.h"

namespace vnsearch {

struct SessionOptions {
  SearcherOptions searcher;
  SearchRequest request;
  bool json = false;
  bool color = false;   // ANSI highlighting in text output
  bool prompt = false;  // interactive: print a prompt before each line
};

// Exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // index missing/corrupt/locked, I/O
inline constexpr int kExitUsage = 2;    // bad flags or a bad query

// Answers `query` if set, otherwise every non-empty line of `in`. In batch
// mode a bad line gets {"query":..,"error":..} (JSON) or an error line and
// the rest still run; the exit code is then kExitUsage.
int RunSearchSession(const SessionOptions& options,
                     const std::optional<std::string>& query, std::istream& in,
                     std::ostream& out, std::ostream& err);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_SEARCH_SESSION_H_
