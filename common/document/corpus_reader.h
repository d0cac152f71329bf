// Corpus input: lists the files under a corpus root and reads each into
// Articles. Text files (.txt, or any file without a .jsonl/.json extension)
// hold one article; .jsonl files hold one JSON article per line.
//
// Bad input never stops the corpus: empty or binary files are skipped and
// invalid UTF-8 is repaired (U+FFFD), each with a warning naming the file.

#ifndef VNSEARCH_COMMON_DOCUMENT_CORPUS_READER_H_
#define VNSEARCH_COMMON_DOCUMENT_CORPUS_READER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/document/article.h"
#include "common/document/officials.h"

namespace vnsearch {

struct CorpusFile {
  std::string path;  // as opened
  std::string id;    // path relative to the corpus root, '/'-separated
  bool json_lines = false;
};

// Regular files under `root`, recursively, sorted by id. Hidden files and
// directories (leading '.') are skipped. Other entries that are not regular
// files (FIFOs, sockets, devices, broken symlinks, symlink loops) are skipped
// too, each with one line in `skipped` (when given) saying what it is.
// NotFound if `root` does not exist, InvalidArgument if it is not a
// directory.
[[nodiscard]] absl::StatusOr<std::vector<CorpusFile>> ListCorpus(
    const std::string& root, std::vector<std::string>* skipped = nullptr);

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
// `officials` finds the officials of each article (build one, share it).
size_t ReadCorpusFile(const CorpusFile& file,
                      const OfficialExtractor& officials,
                      const ArticleSink& sink, const WarningSink& warn);

// --- Record-level reading (the indexer's path) ---
//
// A corpus is read as records: a text file is one record, each non-blank
// line of a JSON Lines file is one. A JSON Lines file is split into byte
// ranges on line boundaries so that several threads read one large file.

// Longest text kept of one article; the rest is cut with a warning (one
// huge page must not take the indexer past its memory budget).
inline constexpr size_t kMaxArticleBytes = 4u << 20;
// Longest JSON Lines record read; longer lines are skipped with a warning.
inline constexpr size_t kMaxRecordBytes = 16u << 20;

// Bytes [begin, end) of a file: the whole file for text, whole lines for
// JSON Lines. first_line is the 1-based number of the line at `begin`.
struct CorpusRange {
  uint64_t begin = 0;
  uint64_t end = 0;
  size_t first_line = 1;
};

// Splits `file` into ranges of about `target_bytes` (one range for a text
// file or a small JSON Lines file). An unreadable file gives one empty
// range (reading it then reports the problem).
[[nodiscard]] std::vector<CorpusRange> SplitCorpusFile(const CorpusFile& file,
                                                       uint64_t target_bytes);

// Where a record came from: the file's index in the corpus listing and its
// line (0 for a text file). Records compare in corpus order, the order in
// which "the last one read wins" for duplicate ids.
struct RecordOrigin {
  uint32_t file = 0;
  uint32_t line = 0;
  auto operator<=>(const RecordOrigin&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, const RecordOrigin& o) {
    return H::combine(std::move(h), o.file, o.line);
  }
};

// One record's raw bytes (text after the UTF-8 checks, or a JSON line).
struct CorpusRecord {
  RecordOrigin origin;
  std::string_view bytes;
};

// The id of a record without building its article: the path id for a text
// file, the JSON "id" for a line (a SAX scan that stops at the id).
// nullopt for a line that is not a JSON object with an id (reading it then
// reports why).
[[nodiscard]] std::optional<std::string> RecordId(const CorpusFile& file,
                                                  std::string_view bytes);

// Reads the records of `range` of `file` (file_index: its position in the
// listing) and hands each to `sink`, in order. Unreadable, empty, binary and
// over-long input is reported to `warn` (naming the file and line) and
// skipped; invalid UTF-8 is repaired with a warning. Returns the number of
// records read.
using RecordSink = std::function<void(const CorpusRecord&)>;
size_t ReadCorpusRange(const CorpusFile& file, uint32_t file_index,
                       const CorpusRange& range, const RecordSink& sink,
                       const WarningSink& warn);

// The article of one record (ParseTextArticle or ParseJsonArticle).
[[nodiscard]] absl::StatusOr<Article> ParseRecord(
    const CorpusFile& file, std::string_view bytes,
    const OfficialExtractor& officials);

// "a.jsonl:12", "data/1.txt": a record's place, for messages.
[[nodiscard]] std::string DescribeOrigin(const CorpusFile& file,
                                         const RecordOrigin& origin);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_DOCUMENT_CORPUS_READER_H_
