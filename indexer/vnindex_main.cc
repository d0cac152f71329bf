// vnindex: builds (or fully rebuilds) a vnsearch index from a corpus.
//   vnindex --corpus DIR --index DIR [--threads N]

#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_format.h"
#include "common/index/index_builder.h"

ABSL_FLAG(std::string, corpus, "corpus", "corpus root: .txt articles and .jsonl files, recursively");
ABSL_FLAG(std::string, index, "index", "index directory to build (replaced atomically)");
ABSL_FLAG(int, threads, 0, "indexing threads (0: one per core)");
ABSL_FLAG(bool, quiet, false, "print warnings only, no summary");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "builds a vnsearch index.\n  vnindex --corpus DIR --index DIR");
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  if (args.size() > 1) {
    std::cerr << "vnindex: unexpected argument \"" << args[1]
              << "\" (use --corpus DIR --index DIR)\n";
    return 2;
  }
  vnsearch::IndexOptions options;
  options.corpus_dir = absl::GetFlag(FLAGS_corpus);
  options.index_dir = absl::GetFlag(FLAGS_index);
  options.threads = absl::GetFlag(FLAGS_threads);
  absl::StatusOr<vnsearch::IndexStats> stats = vnsearch::BuildIndex(
      options, [](std::string_view warning) {
        std::cerr << "vnindex: warning: " << warning << "\n";
      });
  if (!stats.ok()) {
    std::cerr << "vnindex: " << stats.status().message() << "\n";
    return absl::IsInvalidArgument(stats.status()) ? 2 : 1;
  }
  if (!absl::GetFlag(FLAGS_quiet)) {
    std::cout << absl::StrFormat(
        "indexed %d documents from %d files (%d skipped, %d warnings) into %s "
        "in %.2f s; %.1f MB read, index %.1f MB\n",
        stats->documents, stats->files, stats->skipped_files, stats->warnings,
        options.index_dir, stats->seconds, stats->input_bytes / 1e6,
        stats->index_bytes / 1e6);
  }
  return 0;
}
