// vnsearch: ranked search over an index built by vnindex.
//   vnsearch --index DIR [--json] [--limit N] QUERY...
//   vnsearch --index DIR --json < queries.txt     (one query per line)
//   vnsearch --index DIR                          (a prompt on a terminal)

#include <unistd.h>

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/base/fatal_signal.h"
#include "common/search/query_builder.h"
#include "common/cli/color.h"
#include "common/cli/parse_flags.h"
#include "common/cli/prompt.h"
#include "common/cli/line_editor.h"
#include "common/cli/ranking_flags.h"
#include "common/search/search_session.h"

ABSL_FLAG(std::string, index, "index", "index directory built by vnindex");
ABSL_FLAG(bool, json, false, "print one JSON object per query");
ABSL_FLAG(int, limit, 10, "number of hits to show (1-10000)");
ABSL_FLAG(int, offset, 0, "number of hits to skip (paging)");
ABSL_FLAG(std::string, since, "", "only articles dated on or after (YYYY[-MM[-DD]])");
ABSL_FLAG(std::string, until, "", "only articles dated on or before (YYYY[-MM[-DD]])");
ABSL_FLAG(bool, snippets, true, "show highlighted snippets");
ABSL_FLAG(bool, allow_partial, false,
          "sharded index: answer from the shards that respond, with a "
          "warning naming the others");
ABSL_FLAG(int, remote_timeout_ms, vnsearch::kDefaultRemoteTimeoutMs,
          "remote shards: connect and reply timeout in milliseconds");
ABSL_FLAG(bool, facets, false,
          "count all matches by year, official and source (a full pass)");
ABSL_FLAG(bool, collapse, true,
          "show copies of one story as one hit with \"+N similar\"");
ABSL_FLAG(std::string, color, "auto",
          "colour text output: auto (a terminal without NO_COLOR), never, "
          "always");
ABSL_FLAG(bool, restore, true,
          "read queries typed without diacritics or in Telex/VNI "
          "(--no-restore: search as typed)");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "ranked search over a vnindex index.\n"
      "  vnsearch --index DIR [--json] [--limit N] QUERY...\n"
      "  vnsearch --index DIR [--json] < queries.txt   (one query per line)\n"
      "  vnsearch --index DIR        (on a terminal: a prompt, :help there)\n"
      "Query: words, \"phrases\", title:x, official:x, source:x, year:2017,\n"
      "date:2020..2021, -x to exclude; -- ends the flags (a query may then\n"
      "start with -). Exit 0 (results or none), 1 index problem, 2 bad query\n"
      "or flag.");
  std::optional<std::vector<char*>> parsed = vnsearch::ParseFlags(argc, argv);
  if (!parsed) return vnsearch::kExitUsage;
  const std::vector<char*>& args = *parsed;
  vnsearch::SessionOptions options;
  options.searcher.index_dir = absl::GetFlag(FLAGS_index);
  // Xapian can fault on some damaged tables: one line and exit 1 instead.
  vnsearch::ExitOnFatalSignal(absl::StrCat(
      "vnsearch: index ", options.searcher.index_dir,
      " is damaged: run vnindex --check --index ", options.searcher.index_dir));
  options.searcher.params = vnsearch::RankingParamsFromFlags();
  options.searcher.shards.allow_partial = absl::GetFlag(FLAGS_allow_partial);
  options.searcher.shards.remote_timeout_ms =
      absl::GetFlag(FLAGS_remote_timeout_ms);
  if (options.searcher.shards.remote_timeout_ms < 1 ||
      options.searcher.shards.remote_timeout_ms > 3600000) {
    std::cerr << "vnsearch: --remote_timeout_ms must be 1..3600000\n";
    return vnsearch::kExitUsage;
  }
  const int limit = absl::GetFlag(FLAGS_limit);
  const int offset = absl::GetFlag(FLAGS_offset);
  if (limit < 1 || limit > 10000 || offset < 0) {
    std::cerr << "vnsearch: --limit must be 1..10000 and --offset >= 0\n";
    return vnsearch::kExitUsage;
  }
  options.request.limit = static_cast<size_t>(limit);
  options.request.offset = static_cast<size_t>(offset);
  options.request.snippets = absl::GetFlag(FLAGS_snippets);
  options.request.facets = absl::GetFlag(FLAGS_facets);
  options.request.collapse = absl::GetFlag(FLAGS_collapse);
  options.request.restore = absl::GetFlag(FLAGS_restore);
  for (auto [flag, upper, out] :
       {std::tuple{absl::GetFlag(FLAGS_since), false, &options.request.dates.from},
        std::tuple{absl::GetFlag(FLAGS_until), true, &options.request.dates.to}}) {
    if (flag.empty()) continue;
    absl::StatusOr<std::string> bound = vnsearch::ParseDateBound(flag, upper);
    if (!bound.ok()) {
      std::cerr << "vnsearch: " << bound.status().message() << "\n";
      return vnsearch::kExitUsage;
    }
    *out = *bound;
  }
  options.json = absl::GetFlag(FLAGS_json);
  absl::StatusOr<bool> color = vnsearch::UseColor(
      absl::GetFlag(FLAGS_color), isatty(STDOUT_FILENO), getenv("NO_COLOR"));
  if (!color.ok()) {
    std::cerr << "vnsearch: " << color.status().message() << "\n";
    return vnsearch::kExitUsage;
  }
  options.color = *color;
  std::optional<std::string> query;
  if (args.size() > 1) {
    query = absl::StrJoin(args.begin() + 1, args.end(), " ");
  } else if (isatty(STDIN_FILENO)) {
    return vnsearch::RunPrompt(options, vnsearch::DefaultHistoryPath());
  }
  return vnsearch::RunSearchSession(options, query, std::cin, std::cout, std::cerr);
}
