#include "common/document/corpus_reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/base/absl_compat.h"
#include "common/base/utf8.h"
#include "common/document/article_parser.h"
#include "common/document/legacy_encoding.h"
#include "common/document/word_scanner.h"

namespace vnsearch {
namespace fs = std::filesystem;

namespace {

// Why a directory entry that is neither a directory nor a regular file (nor
// a symlink to one) cannot be an article.
std::string NotAFile(const fs::directory_entry& entry) {
  std::error_code ec;
  const fs::file_status own = entry.symlink_status(ec);
  if (fs::is_symlink(own)) {
    (void)fs::status(entry.path(), ec);
    if (ec == std::errc::too_many_symbolic_link_levels) return "a symlink loop";
    if (ec) return "a broken symlink (" + ec.message() + ")";
  }
  const fs::file_status target = entry.status(ec);
  if (fs::is_fifo(target)) return "a FIFO";
  if (fs::is_socket(target)) return "a socket";
  if (fs::is_block_file(target) || fs::is_character_file(target)) {
    return "a device";
  }
  return "not a regular file";
}

}  // namespace

absl::StatusOr<std::vector<CorpusFile>> ListCorpus(
    const std::string& root, std::vector<std::string>* skipped) {
  std::error_code ec;
  const fs::file_status status = fs::status(root, ec);
  if (!fs::exists(status)) {
    return absl::NotFoundError(
        absl::StrCat("corpus directory ", root, " does not exist"));
  }
  if (!fs::is_directory(status)) {
    return absl::InvalidArgumentError(
        absl::StrCat("corpus path ", root, " is not a directory"));
  }
  std::vector<CorpusFile> files;
  fs::recursive_directory_iterator it(
      root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot read corpus directory ", root, ": ", ec.message()));
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(ec) && it->is_directory(ec)) {
      // Not followed: a link back up the tree would list it forever.
      if (skipped != nullptr) {
        skipped->push_back(absl::StrCat(
            path.lexically_relative(root).generic_string(),
            ": a symlink to a directory, not followed; skipped"));
      }
      continue;
    }
    ec.clear();
    if (!it->is_regular_file(ec)) {
      ec.clear();
      if (skipped != nullptr && !it->is_directory(ec)) {
        skipped->push_back(
            absl::StrCat(path.lexically_relative(root).generic_string(), ": ",
                         NotAFile(*it), ", not an article; skipped"));
      }
      ec.clear();
      continue;
    }
    CorpusFile file;
    file.path = path.string();
    file.id = path.lexically_relative(root).generic_string();
    const std::string ext = path.extension().string();
    file.json_lines = ext == ".jsonl" || ext == ".ndjson";
    files.push_back(std::move(file));
  }
  if (ec) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot read corpus directory ", root, ": ", ec.message()));
  }
  std::sort(
      files.begin(), files.end(),
      [](const CorpusFile& a, const CorpusFile& b) { return a.id < b.id; });
  return files;
}

TextCheck RepairUtf8(std::string& text) {
  const Utf8Check utf8 = CheckUtf8(text);
  TextCheck check;
  check.invalid_sequences = utf8.invalid_sequences;
  check.first_invalid = utf8.first_invalid;
  // Text with NUL bytes, or where more than one sequence in eight is
  // invalid, is not text in any encoding worth indexing.
  check.binary = utf8.nuls > 0 || check.invalid_sequences * 8 > text.size();
  if (check.invalid_sequences > 0 && !check.binary) {
    text = ReplaceInvalidUtf8(text);
  }
  return check;
}

namespace {

// Makes the bytes of a text file UTF-8: valid UTF-8 stays; a file in a
// legacy Vietnamese encoding is converted; a few bad bytes are repaired with
// U+FFFD. False (with the reason sent to `warn`) when the bytes are no text
// worth indexing. `what` names the file in messages.
bool DecodeTextFile(std::string& text, std::string_view what,
                    const WarningSink& warn) {
  if (text.find('\0') != std::string::npos) {
    warn(absl::StrCat(ToAbsl(what), ": binary data, not UTF-8 text; skipped"));
    return false;
  }
  std::string original = text;
  const TextCheck check = RepairUtf8(text);
  if (check.invalid_sequences == 0) return true;
  if (std::optional<LegacyText> legacy = DecodeLegacyVietnamese(original)) {
    warn(absl::StrCat(ToAbsl(what), ": not UTF-8; read as ", legacy->encoding,
                      " and converted; indexed"));
    text = std::move(legacy->utf8);
    return true;
  }
  if (check.binary) {
    warn(absl::StrCat(ToAbsl(what),
                      ": not UTF-8 text (encoding unknown); skipped"));
    return false;
  }
  warn(absl::StrCat(ToAbsl(what), ": invalid UTF-8 at byte ",
                    check.first_invalid, " (", check.invalid_sequences,
                    " bad sequences replaced with U+FFFD); indexed"));
  return true;
}

}  // namespace

size_t ReadCorpusFile(const CorpusFile& file,
                      const OfficialExtractor& officials,
                      const ArticleSink& sink, const WarningSink& warn) {
  size_t produced = 0;
  const std::vector<CorpusRange> whole = SplitCorpusFile(file, 0);
  ReadCorpusRange(
      file, 0, whole.front(),
      [&](const CorpusRecord& record) {
        absl::StatusOr<Article> article =
            ParseRecord(file, record.bytes, officials);
        if (!article.ok()) {
          warn(absl::StrCat(DescribeOrigin(file, record.origin), ": ",
                            article.status().message(),
                            file.json_lines ? "; line skipped" : "; skipped"));
          return;
        }
        sink(*std::move(article));
        ++produced;
      },
      warn);
  return produced;
}

}  // namespace vnsearch

namespace vnsearch {
namespace {

constexpr uint64_t kNoLimit = ~uint64_t{0};

// Reads bytes [begin, end) of `path` (to its end when end is kNoLimit), at
// most `cap` bytes; `truncated` tells whether more was there.
bool ReadFileRange(const std::string& path, uint64_t begin, uint64_t end,
                   uint64_t cap, std::string& out, bool& truncated) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(static_cast<std::streamoff>(begin));
  if (!in) return false;
  uint64_t want = end == kNoLimit ? cap + 1 : std::min(end - begin, cap + 1);
  out.clear();
  char buffer[1 << 16];
  while (want > 0 && in) {
    in.read(buffer, static_cast<std::streamsize>(
                        std::min<uint64_t>(want, sizeof buffer)));
    const auto got = static_cast<uint64_t>(in.gcount());
    out.append(buffer, got);
    want -= got;
  }
  if (in.bad()) return false;
  truncated = out.size() > cap;
  if (truncated) out.resize(cap);
  return true;
}

// `text` cut to at most `cap` bytes on a UTF-8 boundary.
void CutAtCharBoundary(std::string& text, size_t cap) {
  text.resize(Utf8CutPoint(text, cap));
}

// Stops a SAX parse at the top-level "id" value.
class IdScanner : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::optional<std::string> id;

  bool null() override { return Value(std::nullopt); }
  bool boolean(bool) override { return Value(std::nullopt); }
  bool number_integer(number_integer_t v) override {
    return Value(std::to_string(v));
  }
  bool number_unsigned(number_unsigned_t v) override {
    return Value(std::to_string(v));
  }
  // A fraction, an exponent or an integer past 64 bits: its own text, as
  // the parser keeps it (ParseJsonArticle).
  bool number_float(number_float_t, const string_t& text) override {
    return Value(text);
  }
  bool string(string_t& v) override { return Value(v); }
  bool binary(binary_t&) override { return Value(std::nullopt); }
  bool start_object(std::size_t) override {
    if (depth_ == 1 && is_id_) return Stop(std::nullopt);
    ++depth_;
    return true;
  }
  bool key(string_t& k) override {
    is_id_ = depth_ == 1 && k == "id";
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_ == 1 && is_id_) return Stop(std::nullopt);
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception&) override {
    return false;
  }
  bool stopped() const { return stopped_; }

 private:
  bool Value(std::optional<std::string> v) {
    if (depth_ == 1 && is_id_) return Stop(std::move(v));
    return true;
  }
  bool Stop(std::optional<std::string> v) {
    id = std::move(v);
    stopped_ = true;
    return false;  // stop parsing
  }
  int depth_ = 0;
  bool is_id_ = false;
  bool stopped_ = false;
};


}  // namespace

std::vector<CorpusRange> SplitCorpusFile(const CorpusFile& file,
                                         uint64_t target_bytes) {
  std::error_code ec;
  const uint64_t size = fs::file_size(file.path, ec);
  if (ec || !file.json_lines || size <= target_bytes || target_bytes == 0) {
    return {CorpusRange{0, ec ? 0 : size, 1}};
  }
  std::vector<CorpusRange> ranges;
  std::ifstream in(file.path, std::ios::binary);
  if (!in) return {CorpusRange{0, size, 1}};
  CorpusRange current{0, 0, 1};
  uint64_t offset = 0;
  size_t line = 1;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    const auto got = static_cast<size_t>(in.gcount());
    for (size_t i = 0; i < got; ++i) {
      if (buffer[i] != '\n') continue;
      ++line;
      const uint64_t next = offset + i + 1;
      if (next - current.begin >= target_bytes) {
        current.end = next;
        ranges.push_back(current);
        current = CorpusRange{next, 0, line};
      }
    }
    offset += got;
  }
  if (current.begin < offset || ranges.empty()) {
    current.end = offset;
    ranges.push_back(current);
  }
  return ranges;
}

std::optional<std::string> RecordId(const CorpusFile& file,
                                    std::string_view bytes) {
  if (!file.json_lines) return file.id;
  IdScanner scanner;
  nlohmann::json::sax_parse(bytes, &scanner,
                            nlohmann::json::input_format_t::json,
                            /*strict=*/false);
  if (!scanner.stopped() || !scanner.id) return std::nullopt;
  // The same normalisation the parser gives the "id" field.
  absl::StatusOr<std::string> id = NormalizeJsonString(*scanner.id);
  if (!id.ok() || id->empty()) return std::nullopt;
  return *std::move(id);
}

size_t ReadCorpusRange(const CorpusFile& file, uint32_t file_index,
                       const CorpusRange& range, const RecordSink& sink,
                       const WarningSink& warn) {
  std::string text;
  bool truncated = false;
  const uint64_t cap = file.json_lines ? kNoLimit - 1 : kMaxArticleBytes * 2;
  if (!ReadFileRange(file.path, range.begin,
                     file.json_lines ? range.end : kNoLimit, cap, text,
                     truncated)) {
    warn(absl::StrCat(file.id, ": cannot read file; skipped"));
    return 0;
  }
  if (!file.json_lines) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      warn(absl::StrCat(file.id, ": empty file; skipped"));
      return 0;
    }
    if (!DecodeTextFile(text, file.id, warn)) return 0;
    if (truncated || text.size() > kMaxArticleBytes) {
      CutAtCharBoundary(text, kMaxArticleBytes);
      warn(absl::StrCat(file.id, ": longer than ", kMaxArticleBytes >> 20,
                        " MB; indexed its first ", kMaxArticleBytes >> 20,
                        " MB"));
    }
    sink(CorpusRecord{RecordOrigin{file_index, 0}, text});
    return 1;
  }
  if (range.begin == 0 &&
      text.find_first_not_of(" \t\r\n") == std::string::npos) {
    warn(absl::StrCat(file.id, ": empty file; skipped"));
    return 0;
  }
  size_t produced = 0;
  size_t line_number = range.first_line;
  std::string line_text;
  for (absl::string_view absl_line : absl::StrSplit(text, '\n')) {
    const size_t number = line_number++;
    std::string_view line = ToStd(absl_line);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (line.size() > kMaxRecordBytes) {
      warn(absl::StrCat(file.id, ":", number, ": record longer than ",
                        kMaxRecordBytes >> 20, " MB; line skipped"));
      continue;
    }
    line_text.assign(line);
    const TextCheck check = RepairUtf8(line_text);
    if (check.binary) {
      warn(absl::StrCat(file.id, ":", number,
                        ": binary data, not UTF-8 text; line skipped"));
      continue;
    }
    if (check.invalid_sequences > 0) {
      warn(absl::StrCat(file.id, ":", number, ": invalid UTF-8 at byte ",
                        check.first_invalid, " (", check.invalid_sequences,
                        " bad sequences replaced with U+FFFD); indexed"));
    }
    sink(CorpusRecord{RecordOrigin{file_index, static_cast<uint32_t>(number)},
                      line_text});
    ++produced;
  }
  return produced;
}

absl::StatusOr<Article> ParseRecord(const CorpusFile& file,
                                    std::string_view bytes,
                                    const OfficialExtractor& officials) {
  // A library throwing on input nobody foresaw costs this record, never
  // the build (std::bad_alloc included: a record is bounded, the build is
  // not).
  try {
    if (file.json_lines) return ParseJsonArticle(bytes, officials);
    return ParseTextArticle(file.id, bytes, officials);
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot parse this record: ", e.what()));
  }
}

std::string DescribeOrigin(const CorpusFile& file, const RecordOrigin& origin) {
  if (origin.line == 0) return file.id;
  return absl::StrCat(file.id, ":", origin.line);
}

}  // namespace vnsearch
