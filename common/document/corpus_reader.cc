#include "common/document/corpus_reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <unicode/utf8.h>

#include "common/base/absl_compat.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/document/article_parser.h"

namespace vnsearch {
namespace fs = std::filesystem;

absl::StatusOr<std::vector<CorpusFile>> ListCorpus(const std::string& root) {
  std::error_code ec;
  const fs::file_status status = fs::status(root, ec);
  if (!fs::exists(status)) {
    return absl::NotFoundError(absl::StrCat("corpus directory ", root,
                                            " does not exist"));
  }
  if (!fs::is_directory(status)) {
    return absl::InvalidArgumentError(
        absl::StrCat("corpus path ", root, " is not a directory"));
  }
  std::vector<CorpusFile> files;
  fs::recursive_directory_iterator it(
      root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot read corpus directory ", root, ": ", ec.message()));
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    CorpusFile file;
    file.path = path.string();
    file.id = path.lexically_relative(root).generic_string();
    const std::string ext = path.extension().string();
    file.json_lines = ext == ".jsonl" || ext == ".ndjson";
    files.push_back(std::move(file));
  }
  if (ec) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot read corpus directory ", root, ": ", ec.message()));
  }
  std::sort(files.begin(), files.end(),
            [](const CorpusFile& a, const CorpusFile& b) { return a.id < b.id; });
  return files;
}

TextCheck RepairUtf8(std::string& text) {
  TextCheck check;
  const auto length = static_cast<int32_t>(text.size());
  size_t nuls = 0;
  std::string repaired;
  int32_t copied = 0;  // text[0, copied) is already in `repaired`
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, length, c);
    if (c == 0) ++nuls;
    if (c >= 0) continue;
    if (check.invalid_sequences == 0) {
      check.first_invalid = static_cast<size_t>(start);
      repaired.reserve(text.size() + 16);
    }
    ++check.invalid_sequences;
    repaired.append(text, static_cast<size_t>(copied),
                    static_cast<size_t>(start - copied));
    repaired.append("\xEF\xBF\xBD");
    copied = i;
  }
  // Text with NUL bytes, or where more than one sequence in eight is
  // invalid, is not text in any encoding worth indexing.
  check.binary = nuls > 0 || check.invalid_sequences * 8 > text.size();
  if (check.invalid_sequences > 0 && !check.binary) {
    repaired.append(text, static_cast<size_t>(copied), std::string::npos);
    text.swap(repaired);
  }
  return check;
}

namespace {

bool ReadWholeFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return false;
  out = std::move(buffer).str();
  return true;
}

}  // namespace

size_t ReadCorpusFile(const CorpusFile& file, const ArticleSink& sink,
                      const WarningSink& warn) {
  std::string text;
  if (!ReadWholeFile(file.path, text)) {
    warn(absl::StrCat(file.id, ": cannot read file; skipped"));
    return 0;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    warn(absl::StrCat(file.id, ": empty file; skipped"));
    return 0;
  }
  const TextCheck check = RepairUtf8(text);
  if (check.binary) {
    warn(absl::StrCat(file.id, ": binary data, not UTF-8 text; skipped"));
    return 0;
  }
  if (check.invalid_sequences > 0) {
    warn(absl::StrCat(file.id, ": invalid UTF-8 at byte ", check.first_invalid,
                      " (", check.invalid_sequences,
                      " bad sequences replaced with U+FFFD); indexed"));
  }
  absl::StatusOr<OfficialExtractor> officials = OfficialExtractor::Create();
  if (!officials.ok()) {
    warn(
        absl::StrCat(file.id, ": ", officials.status().message(), "; skipped"));
    return 0;
  }
  if (!file.json_lines) {
    absl::StatusOr<Article> article =
        ParseTextArticle(file.id, text, *officials);
    if (!article.ok()) {
      warn(absl::StrCat(file.id, ": ", article.status().message(), "; skipped"));
      return 0;
    }
    sink(*std::move(article));
    return 1;
  }
  size_t produced = 0;
  size_t line_number = 0;
  for (absl::string_view absl_line : absl::StrSplit(text, '\n')) {
    const std::string_view line = ToStd(absl_line);
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    absl::StatusOr<Article> article = ParseJsonArticle(line, *officials);
    if (!article.ok()) {
      warn(absl::StrCat(file.id, ":", line_number, ": ",
                        article.status().message(), "; line skipped"));
      continue;
    }
    sink(*std::move(article));
    ++produced;
  }
  return produced;
}

}  // namespace vnsearch
