// Corpus input: lists the files under a corpus root and reads each into
// Articles. Text files (.txt, or any file without a .jsonl/.json extension)
// hold one article; .jsonl files hold one JSON article per line.
//
// Bad input never stops the corpus: empty or binary files are skipped and
// invalid UTF-8 is repaired (U+FFFD), each with a warning naming the file.

#ifndef VNSEARCH_COMMON_DOCUMENT_CORPUS_READER_H_
#define VNSEARCH_COMMON_DOCUMENT_CORPUS_READER_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/document/article.h"

namespace vnsearch {

struct CorpusFile {
  std::string path;  // as opened
  std::string id;    // path relative to the corpus root, '/'-separated
  bool json_lines = false;
};

// Regular files under `root`, recursively, sorted by id. Hidden files and
// directories (leading '.') are skipped. NotFound if `root` does not exist,
// InvalidArgument if it is not a directory.
[[nodiscard]] absl::StatusOr<std::vector<CorpusFile>> ListCorpus(
    const std::string& root);

// What CheckUtf8 found.
struct TextCheck {
  bool binary = false;           // NUL bytes or mostly invalid: not text
  size_t invalid_sequences = 0;  // repaired with U+FFFD
  size_t first_invalid = 0;      // byte offset of the first one
};

// Checks `text` and replaces invalid UTF-8 sequences in place with U+FFFD.
TextCheck RepairUtf8(std::string& text);

using ArticleSink = std::function<void(Article&&)>;
using WarningSink = std::function<void(std::string_view)>;

// Reads `file` and hands each article it holds to `sink`. Problems (unreadable,
// empty, binary, invalid UTF-8, malformed JSON lines) go to `warn` as one line
// naming the file (and line); returns the number of articles produced.
size_t ReadCorpusFile(const CorpusFile& file, const ArticleSink& sink,
                      const WarningSink& warn);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_DOCUMENT_CORPUS_READER_H_
