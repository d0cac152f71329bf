#include "benchmarks/corpus_choice.h"

#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "benchmarks/news_corpus.h"
#include "common/base/absl_compat.h"
#include "common/document/corpus_reader.h"

#ifndef VNSEARCH_SOURCE_DIR
#error "VNSEARCH_SOURCE_DIR must be defined"
#endif

namespace vnsearch::bench {
namespace fs = std::filesystem;

absl::StatusOr<CorpusChoice> ChooseCorpus(const std::string& dir,
                                          const std::string& label) {
  CorpusChoice choice;
  if (!dir.empty()) {
    choice.dir = dir;
  } else {
    absl::StatusOr<std::string> news =
        PrepareNewsCorpus(NewsArchivePath(), NewsCacheDir());
    if (news.ok()) {
      choice.dir = *news;
      choice.label = "news-35k";
    } else if (absl::IsNotFound(news.status())) {
      choice.dir = (fs::path(VNSEARCH_SOURCE_DIR) / "corpus").string();
      choice.warning = absl::StrCat(
          "warning: ", news.status().message(),
          "; falling back to the 5 sample articles in ", choice.dir,
          " (figures are not comparable with the news corpus)");
    } else {
      return news.status();
    }
  }
  absl::StatusOr<std::vector<CorpusFile>> files = ListCorpus(choice.dir);
  if (!files.ok()) return files.status();
  choice.documents = files->size();
  for (const CorpusFile& file : *files) {
    std::error_code ec;
    choice.bytes += fs::file_size(file.path, ec);
  }
  if (!label.empty()) choice.label = label;
  if (choice.label.empty())
    choice.label = absl::StrCat("corpus-", choice.documents);
  choice.real = !absl::StartsWith(ToAbsl(choice.label), "synthetic");
  return choice;
}

}  // namespace vnsearch::bench
