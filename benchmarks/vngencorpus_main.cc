// vngencorpus: grows a synthetic news corpus from a real one's statistics
// (see corpus_scaler.h), for the scale benchmarks.
//   vngencorpus --source DIR --out DIR (--documents N | --scale X) [--seed S]

#include <cmath>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_format.h"
#include "benchmarks/corpus_scaler.h"

ABSL_FLAG(std::string, source, "", "real corpus whose statistics are learnt");
ABSL_FLAG(std::string, out, "",
          "folder of the synthetic corpus (grown in place)");
ABSL_FLAG(uint64_t, documents, 0, "articles the synthetic corpus should hold");
ABSL_FLAG(double, scale, 0, "or: that many times the source's article count");
ABSL_FLAG(uint64_t, seed, vnsearch::bench::GenerateOptions().seed,
          "generator seed");
ABSL_FLAG(int, threads, 0, "writer threads (0: one per core)");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "grows a synthetic news corpus from a real one.\n"
      "  vngencorpus --source DIR --out DIR (--documents N | --scale X)");
  absl::ParseCommandLine(argc, argv);
  const std::string source = absl::GetFlag(FLAGS_source);
  const std::string out = absl::GetFlag(FLAGS_out);
  const double scale = absl::GetFlag(FLAGS_scale);
  if (source.empty() || out.empty() ||
      (absl::GetFlag(FLAGS_documents) == 0) == (scale <= 0)) {
    std::cerr << "vngencorpus: need --source, --out and one of --documents, "
                 "--scale\n";
    return 2;
  }
  absl::StatusOr<vnsearch::bench::CorpusModel> model =
      vnsearch::bench::CorpusModel::Learn(source);
  if (!model.ok()) {
    std::cerr << "vngencorpus: " << model.status().message() << "\n";
    return 1;
  }
  vnsearch::bench::GenerateOptions options;
  options.out_dir = out;
  options.seed = absl::GetFlag(FLAGS_seed);
  options.threads = absl::GetFlag(FLAGS_threads);
  options.documents = scale > 0 ? static_cast<uint64_t>(std::llround(
                                      scale * model->source_articles()))
                                : absl::GetFlag(FLAGS_documents);
  absl::StatusOr<vnsearch::bench::GenerateStats> stats =
      vnsearch::bench::GenerateCorpus(*model, options);
  if (!stats.ok()) {
    std::cerr << "vngencorpus: " << stats.status().message() << "\n";
    return 1;
  }
  std::cout << absl::StrFormat(
      "model: %d articles, %d tokens in vocabulary, %d bigrams, %d official "
      "mentions\n%s: %d articles (%d kept, %d written, %.1f MB) in %.1f s\n",
      model->source_articles(), model->vocabulary(), model->bigrams(),
      model->official_mentions(), out, options.documents, stats->existing,
      stats->generated, stats->bytes / 1e6, stats->seconds);
  return 0;
}
