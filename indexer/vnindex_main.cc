// vnindex: builds, updates or rolls back a vnsearch index.
//   vnindex --corpus DIR --index DIR [--update [--keep_missing]] [--json]
//   vnindex --index DIR --rollback
//   vnindex --corpus DIR --index DIR --shards N   (sharded_builder.h)
//   vnindex --index DIR --check

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "common/base/fatal_signal.h"
#include "common/cli/build_progress.h"
#include "common/cli/index_report.h"
#include "common/cli/parse_flags.h"
#include "common/index/index_builder.h"
#include "common/index/index_check.h"

ABSL_FLAG(std::string, corpus, "corpus",
          "corpus root: .txt articles and .jsonl files, recursively");
ABSL_FLAG(std::string, index, "index",
          "index directory (the same path across every rebuild and update)");
ABSL_FLAG(int, threads, 0, "indexing threads (0: one per core)");
ABSL_FLAG(bool, update, false,
          "update the index to match the corpus instead of rebuilding it");
ABSL_FLAG(bool, keep_missing, false,
          "with --update: keep articles no longer in the corpus");
ABSL_FLAG(bool, termlists, false,
          "keep termlists so that --update replaces and deletes in place "
          "(~1.8x index size)");
ABSL_FLAG(int, shards, 0,
          "split the index into N shards by a hash of the id, under "
          "DIR/shard-K with DIR/shards.stub (0: as the index already is; "
          "1: one index)");
ABSL_FLAG(bool, rollback, false, "make the previous generation current again");
ABSL_FLAG(bool, check, false,
          "check the current generation (Xapian::Database::check) and say "
          "in one line whether it is sound");
ABSL_FLAG(bool, json, false,
          "print one JSON object with the result (for monitoring)");
ABSL_FLAG(bool, quiet, false, "no progress line and no summary; warnings only");
ABSL_FLAG(std::string, crash_at, "",
          "test only: die with SIGKILL at this step");

namespace {

int Fail(const absl::Status& status) {
  std::cerr << "vnindex: " << status.message() << "\n";
  return absl::IsInvalidArgument(status) ? 2 : 1;
}

// --check: Xapian's consistency check and ours, in one line.
int RunCheck(const std::string& index_dir) {
  // Xapian can fault on some damage: one line instead of the signal.
  vnsearch::ExitOnFatalSignal(
      absl::StrCat("vnindex: index ", index_dir,
                   " is damaged (checking it "
                   "crashed): rebuild it, or --rollback"));
  absl::StatusOr<vnsearch::DatabaseCheck> check =
      vnsearch::CheckIndex(index_dir);
  if (!check.ok()) {
    std::cerr << "vnindex: " << check.status().message() << "\n";
    return 1;
  }
  std::cout << "vnindex: index " << index_dir << " is sound (" << check->path
            << ", " << check->documents << " documents, every table checked)\n";
  return 0;
}

// --rollback: the previous generation (of every shard) current again.
int RunRollback(const std::string& index_dir, bool sharded) {
  if (sharded) {
    if (absl::Status s = vnsearch::RollbackShards(index_dir); !s.ok()) {
      return Fail(s);
    }
    std::cout << "vnindex: every shard is on its previous generation again\n";
    return 0;
  }
  absl::StatusOr<vnsearch::GenerationState> state =
      vnsearch::RollbackIndex(index_dir);
  if (!state.ok()) return Fail(state.status());
  std::cout << "vnindex: " << state->current << " is current again ("
            << state->previous << " kept as previous)\n";
  return 0;
}

// A build or update, single or sharded, with its summary or JSON line.
template <typename Stats, typename Build, typename Json, typename Summary>
int RunBuild(Build build, Json json, Summary summary,
             vnsearch::ProgressLine& line) {
  absl::StatusOr<Stats> stats = build();
  line.Clear();
  if (!stats.ok()) return Fail(stats.status());
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << json(*stats) << "\n";
  } else if (!absl::GetFlag(FLAGS_quiet)) {
    std::cout << summary(*stats);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "builds or updates a vnsearch index.\n"
      "  vnindex --corpus DIR --index DIR [--update [--keep_missing]] "
      "[--json]\n"
      "  vnindex --index DIR --rollback\n"
      "  vnindex --corpus DIR --index DIR --shards N [--update]\n"
      "  vnindex --index DIR --check");
  std::optional<std::vector<char*>> parsed = vnsearch::ParseFlags(argc, argv);
  if (!parsed) return vnsearch::kExitBadArguments;
  if (parsed->size() > 1) {
    std::cerr << "vnindex: unexpected argument \"" << (*parsed)[1]
              << "\" (use --corpus DIR --index DIR)\n";
    return 2;
  }
  const std::string index_dir = absl::GetFlag(FLAGS_index);
  if (absl::GetFlag(FLAGS_check)) return RunCheck(index_dir);
  absl::StatusOr<int> shards = vnsearch::ShardCount(index_dir);
  if (!shards.ok()) return Fail(shards.status());
  const int wanted_shards = absl::GetFlag(FLAGS_shards);
  const bool sharded = *shards > 0 || wanted_shards > 1;
  if (absl::GetFlag(FLAGS_rollback)) return RunRollback(index_dir, sharded);
  vnsearch::IndexOptions options;
  options.corpus_dir = absl::GetFlag(FLAGS_corpus);
  options.index_dir = index_dir;
  options.threads = absl::GetFlag(FLAGS_threads);
  options.update = absl::GetFlag(FLAGS_update);
  if (options.update) {
    vnsearch::ExitOnFatalSignal(absl::StrCat(
        "vnindex: index ", index_dir,
        " is damaged (reading it crashed): rebuild it without --update"));
  }
  options.keep_missing = absl::GetFlag(FLAGS_keep_missing);
  options.termlists = absl::GetFlag(FLAGS_termlists);
  if (options.keep_missing && !options.update) {
    std::cerr << "vnindex: --keep_missing needs --update\n";
    return 2;
  }
  vnsearch::ProgressLine line(stderr);
  if (!absl::GetFlag(FLAGS_quiet) && isatty(STDERR_FILENO)) {
    options.progress = line.AsSink();
  }
  if (const std::string step = absl::GetFlag(FLAGS_crash_at); !step.empty()) {
    options.step_hook = [step](std::string_view at) {
      if (at == step) std::raise(SIGKILL);
    };
  }
  const vnsearch::WarningSink warn = [&](std::string_view warning) {
    line.Clear();
    std::cerr << "vnindex: warning: " << warning << "\n";
  };
  if (sharded || wanted_shards < 0) {
    return RunBuild<vnsearch::ShardedStats>(
        [&] { return vnsearch::BuildShardedIndex(options, wanted_shards, warn); },
        vnsearch::ShardedStatsJson, vnsearch::ShardedSummary, line);
  }
  return RunBuild<vnsearch::IndexStats>(
      [&] { return vnsearch::BuildIndex(options, warn); },
      vnsearch::IndexStatsJson, vnsearch::IndexSummary, line);
}
