// Which corpus a benchmark tool runs on: the one given with --corpus, else
// the news corpus (../shared/data, extracted once into the build's cache by
// news_corpus.h), else the project's corpus/ with a warning.

#ifndef VNSEARCH_BENCHMARKS_CORPUS_CHOICE_H_
#define VNSEARCH_BENCHMARKS_CORPUS_CHOICE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace vnsearch::bench {

struct CorpusChoice {
  std::string dir;
  std::string label;       // "news-35k", "corpus-5", or the label given
  bool real = true;        // false for a synthetic corpus (label "synthetic-*")
  std::string warning;     // set when falling back to corpus/
  uint64_t documents = 0;  // files under dir
  uint64_t bytes = 0;      // their total size
};

// `dir` and `label` as given on a tool's command line (either may be
// empty). NotFound when `dir` is given and missing, or when neither the
// news archive nor corpus/ can be found; Internal when extraction fails.
[[nodiscard]] absl::StatusOr<CorpusChoice> ChooseCorpus(
    const std::string& dir, const std::string& label);

}  // namespace vnsearch::bench

#endif  // VNSEARCH_BENCHMARKS_CORPUS_CHOICE_H_
