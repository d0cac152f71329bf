#include "common/search/search_session.h"

#include <istream>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "common/base/utf8.h"
#include "common/search/result_format.h"

namespace vnsearch {
namespace {

// The query as an error line repeats it: at most 80 bytes of it (cut on a
// character boundary), so that a 100 KB query gets a readable line.
std::string Echo(const std::string& query) {
  constexpr size_t kEchoBytes = 80;
  if (query.size() <= kEchoBytes) return query;
  return query.substr(0, Utf8CutPoint(query, kEchoBytes)) + "…";
}

int ExitCodeFor(const absl::Status& status) {
  return absl::IsInvalidArgument(status) ? kExitUsage : kExitFailure;
}

}  // namespace

int RunSearchSession(const SessionOptions& options,
                     const std::optional<std::string>& query, std::istream& in,
                     std::ostream& out, std::ostream& err) {
  absl::StatusOr<std::unique_ptr<Searcher>> searcher =
      Searcher::Open(options.searcher);
  if (!searcher.ok()) {
    err << "vnsearch: " << searcher.status().message() << "\n";
    return kExitFailure;
  }
  auto answer = [&](const std::string& q) -> int {
    absl::StatusOr<SearchResult> result = (*searcher)->Search(q, options.request);
    if (!result.ok()) {
      err << "vnsearch: " << result.status().message() << ": \"" << Echo(q)
          << "\"\n";
      if (options.json && !query) {
        nlohmann::json line = {{"query", q},
                               {"error", std::string(result.status().message())}};
        out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            << "\n";
      }
      return ExitCodeFor(result.status());
    }
    for (const std::string& warning : result->warnings) {
      err << "vnsearch: warning: " << warning << "\n";
    }
    out << (options.json ? FormatJson(*result) + "\n"
                         : FormatText(*result, options.color));
    out.flush();
    return kExitOk;
  };
  if (query) return answer(*query);

  int exit_code = kExitOk;
  std::string line;
  while (true) {
    if (options.prompt) err << "vnsearch> " << std::flush;
    if (!std::getline(in, line)) break;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const int code = answer(line);
    if (code != kExitOk && exit_code == kExitOk) exit_code = code;
  }
  if (options.prompt) err << "\n";
  return exit_code;
}

}  // namespace vnsearch
