#include "common/document/article_parser.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/base/absl_compat.h"
#include "common/document/article_dates.h"
#include "common/document/boilerplate.h"
#include "common/base/icu_status.h"
#include "common/document/officials.h"
#include "common/document/word_scanner.h"

namespace vnsearch {
namespace {

// Datelines are looked for in the first sentence of the lead and of this
// many body paragraphs (003 opens its body with a photo caption), within
// their first kOpeningBytes.
constexpr int kOpeningParagraphs = 2;
constexpr size_t kOpeningBytes = 600;
// Header lines (dates, breadcrumbs) only occur in a page's first lines.
constexpr size_t kMaxHeaderLines = 6;
constexpr size_t kMaxBreadcrumbWords = 8;
// A headline is short; a first line longer than this is a lead.
constexpr size_t kMaxHeadlineWords = 45;
constexpr size_t kMaxHeadlineWordsWithPeriod = 30;

// `text` in NFC: a view of `text` itself when it already is, else of
// `storage`.
absl::StatusOr<std::string_view> ToNfc(std::string_view text,
                                       std::string& storage) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return IcuErrorToStatus(status, "loading NFC data");
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return text;
  status = U_ZERO_ERROR;
  storage.clear();
  icu::StringByteSink<std::string> sink(&storage);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return IcuErrorToStatus(status, "normalising to NFC");
  return std::string_view(storage);
}

// Lines of `text`, trimmed (blank lines kept as empty views).
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(TrimSpace(text.substr(start, end - start)));
    start = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::vector<std::string_view> NonEmpty(
    const std::vector<std::string_view>& lines) {
  std::vector<std::string_view> out;
  for (std::string_view line : lines) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// The news format: headline, lead, body on consecutive lines.
bool IsNewsFormat(const std::vector<std::string_view>& lines) {
  size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  if (lines.size() - first > 3) return false;
  for (size_t i = first; i < lines.size(); ++i) {
    if (lines[i].empty()) return false;
  }
  return true;
}

bool IsBreadcrumb(std::string_view line) {
  return line.find(" > ") != std::string_view::npos ||
         line.find(" » ") != std::string_view::npos ||
         line.find(" | ") != std::string_view::npos ||
         LowerCase(line.substr(0, 10)).starts_with("trang chủ");
}

// Number of leading paragraphs that are page header: date lines and the
// breadcrumb or section lines among them ("Thứ Ba, 16/4/2024", "Ban Tuyên
// giáo Trung ương", "Thứ Hai, 4/1/2021 18:59'(GMT+7)").
size_t HeaderLength(const std::vector<std::string_view>& paragraphs) {
  size_t header = 0;
  for (size_t i = 0; i < paragraphs.size() && i < kMaxHeaderLines; ++i) {
    const std::string_view line = paragraphs[i];
    if (ParseDateLine(line) || IsBreadcrumb(line)) {
      header = i + 1;
      continue;
    }
    const char last = line.back();
    if (CountWords(line) > kMaxBreadcrumbWords || last == '.' || last == ':') {
      break;
    }
  }
  return header;
}

bool StartsWithLeadMarker(std::string_view line) {
  return line.starts_with("- ") || line.starts_with("– ") ||
         line.starts_with("+ ") || line.starts_with("• ");
}

bool LooksLikeHeadline(std::string_view line) {
  if (StartsWithLeadMarker(line)) return false;
  const size_t words = CountWords(line);
  if (words == 0 || words > kMaxHeadlineWords) return false;
  return !(line.back() == '.' && words > kMaxHeadlineWordsWithPeriod);
}

std::string_view WithoutLeadMarker(std::string_view line) {
  while (StartsWithLeadMarker(line)) {
    line = TrimSpace(line.substr(line.find(' ')));
  }
  return line;
}

std::string Join(const std::vector<std::string_view>& paragraphs, size_t from) {
  std::string out;
  for (size_t i = from; i < paragraphs.size(); ++i) {
    if (!out.empty()) out.push_back('\n');
    out.append(paragraphs[i].data(), paragraphs[i].size());
  }
  return out;
}

// The start of `text`, cut at a space.
std::string_view Prefix(std::string_view text, size_t bytes) {
  if (text.size() <= bytes) return text;
  const size_t space = text.rfind(' ', bytes);
  return text.substr(0, space == std::string_view::npos ? bytes : space);
}

// Title, lead and body text as one string for the extractors.
std::string ArticleText(const Article& article) {
  std::string text;
  if (!article.title_derived) absl::StrAppend(&text, article.title, "\n");
  absl::StrAppend(&text, article.lead, "\n", article.body);
  return text;
}

// The first sentence of `paragraph`.
std::string_view FirstSentence(std::string_view paragraph) {
  const std::string_view start = Prefix(paragraph, kOpeningBytes);
  std::vector<ScannedWord> words;
  ScanWords(start, words);
  for (size_t i = 1; i < words.size(); ++i) {
    if ((words[i].sep_before & (kSepSentence | kSepLineBreak)) != 0) {
      return start.substr(0, words[i].begin);
    }
  }
  return start;
}

// Where a report states when its event happened: the first sentence of the
// lead and of the first body paragraphs.
std::string Opening(const Article& article) {
  std::string opening(FirstSentence(article.lead));
  const std::string_view body = article.body;
  size_t start = 0;
  for (int paragraph = 0; paragraph < kOpeningParagraphs && start < body.size();
       ++paragraph) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    absl::StrAppend(&opening, "\n",
                    ToAbsl(FirstSentence(body.substr(start, end - start))));
    start = end + 1;
  }
  return opening;
}

// Date and officials, from the finished text fields.
void ExtractFacts(const std::vector<std::string_view>& header_lines,
                  const OfficialExtractor& officials, Article& article) {
  const std::string text = ArticleText(article);
  if (article.date.empty()) {
    article.date = ExtractArticleDate(header_lines, Opening(article), text);
  }
  article.officials = officials.Extract(text);
}

// Title, lead and body of a scraped page (or a JSON body) from its
// paragraphs. `headline` is the title when known (JSON), in which case the
// paragraphs are not searched for one.
void FillFromParagraphs(const std::vector<std::string_view>& paragraphs,
                        std::optional<std::string_view> headline,
                        Article& article) {
  const bool find_headline = !headline.has_value();
  size_t start = 0;
  while (start < paragraphs.size() && IsFurnitureLine(paragraphs[start])) {
    ++start;
  }
  std::vector<std::string_view> rest(
      paragraphs.begin() + static_cast<long>(start), paragraphs.end());
  if (find_headline && !rest.empty() && LooksLikeHeadline(rest.front())) {
    headline = rest.front();
    rest.erase(rest.begin());
  }
  if (headline) {
    while (!rest.empty() && rest.front() == *headline) rest.erase(rest.begin());
  }
  const std::vector<std::string_view> content = RemoveBoilerplate(rest);
  if (!content.empty()) {
    article.lead = std::string(WithoutLeadMarker(content.front()));
    article.body = Join(content, 1);
  }
  if (headline && !headline->empty()) {
    article.title = std::string(*headline);
  } else {
    article.title = DeriveTitle(article.lead);
    article.title_derived = !article.title.empty();
  }
}

bool IsReportingVerb(std::string_view last, std::string_view last_two) {
  static constexpr std::array<std::string_view, 20> kVerbs = {
      "cho biết",  "khẳng định", "nhấn mạnh", "cho rằng",  "cho hay",
      "yêu cầu",   "đề nghị",    "nêu rõ",    "chia sẻ",   "tiết lộ",
      "nhận định", "cảnh báo",   "kêu gọi",   "thông báo", "tuyên bố",
      "chỉ đạo",   "phát biểu",  "nhận xét",  "đánh giá",  "thông tin",
  };
  if (last == "nói") return true;
  return std::find(kVerbs.begin(), kVerbs.end(), last_two) != kVerbs.end();
}

bool IsTrailingFunctionWord(std::string_view lower) {
  static constexpr std::array<std::string_view, 20> kWords = {
      "và",  "của", "các",  "trong", "cho",   "với", "để",
      "là",  "đã",  "sẽ",   "được",  "những", "một", "từ",
      "tại", "khi", "theo", "về",    "nhưng", "mà",
  };
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}


// The text of the top-level `key` when its value is a number with a
// fraction or an exponent, or an integer past 64 bits, as written in `line`:
// nlohmann keeps such numbers only as doubles, which would merge distinct
// ids ("18446744073709551616" and "...617"). Its SAX interface hands over
// the number's own text.
class FloatFieldText : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit FloatFieldText(std::string_view key) : key_(key) {}
  const std::string& text() const { return text_; }

  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t& text) override {
    if (at_key_) text_ = text;  // the last one wins, as in the DOM
    return Value();
  }
  bool string(string_t&) override { return Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool start_object(std::size_t) override {
    ++depth_;
    at_key_ = false;
    return true;
  }
  bool key(string_t& key) override {
    at_key_ = depth_ == 1 && key == key_;
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    ++depth_;
    at_key_ = false;
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

 private:
  bool Value() {
    at_key_ = false;
    return true;
  }
  std::string_view key_;
  int depth_ = 0;
  bool at_key_ = false;
  std::string text_;
};

}  // namespace

std::string DeriveTitle(std::string_view lead) {
  lead = WithoutLeadMarker(TrimSpace(lead));
  const std::vector<ScannedWord> words = ScanWords(lead);
  if (words.empty()) return {};
  // The first sentence, in clauses.
  std::vector<std::pair<size_t, size_t>> clauses;  // word ranges
  size_t clause_start = 0;
  size_t end = words.size();
  for (size_t i = 1; i < words.size(); ++i) {
    const uint16_t sep = words[i].sep_before;
    if ((sep & (kSepSentence | kSepLineBreak)) != 0) {
      end = i;
      break;
    }
    if ((sep & (kSepComma | kSepSemicolon | kSepColon | kSepDash)) != 0) {
      clauses.emplace_back(clause_start, i);
      clause_start = i;
    }
  }
  clauses.emplace_back(clause_start, end);
  auto text_of = [&](size_t from, size_t to) {
    return lead.substr(words[from].begin,
                       words[to - 1].end - words[from].begin);
  };
  // Clauses from `first` while they fit in `budget` words (at least one,
  // cut to the budget).
  auto take = [&](size_t first, size_t budget) {
    size_t to = clauses[first].second;
    for (size_t c = first + 1; c < clauses.size(); ++c) {
      if (clauses[c].second - clauses[first].first > budget) break;
      to = clauses[c].second;
    }
    if (to - clauses[first].first > budget) {
      to = clauses[first].first + budget;
      while (to > clauses[first].first + 1 &&
             IsTrailingFunctionWord(LowerCase(words[to - 1].Text(lead)))) {
        --to;
      }
    }
    return std::string(text_of(clauses[first].first, to));
  };
  // "Bộ trưởng Trương Minh Tuấn cho biết, Ban cán sự ..." ->
  // "Bộ trưởng Trương Minh Tuấn: Ban cán sự ...".
  const auto [first_begin, first_end] = clauses[0];
  if (clauses.size() >= 2 && first_end - first_begin >= 3) {
    const std::string last = LowerCase(words[first_end - 1].Text(lead));
    const std::string last_two = LowerCase(text_of(first_end - 2, first_end));
    if (IsReportingVerb(last, last_two)) {
      const size_t verb_words = last == "nói" ? 1 : 2;
      const size_t subject_words = first_end - first_begin - verb_words;
      const size_t said_words = clauses[1].second - clauses[1].first;
      if (subject_words + said_words <= kMaxDerivedTitleWords) {
        return absl::StrCat(
            ToAbsl(text_of(first_begin, first_end - verb_words)), ": ",
            CapitalizeFirst(take(1, kMaxDerivedTitleWords - subject_words)));
      }
      return CapitalizeFirst(take(1, kMaxDerivedTitleWords));
    }
  }
  return CapitalizeFirst(take(0, kMaxDerivedTitleWords));
}

absl::StatusOr<Article> ParseTextArticle(std::string id, std::string_view text,
                                         const OfficialExtractor& officials) {
  std::string storage;
  absl::StatusOr<std::string_view> nfc = ToNfc(text, storage);
  if (!nfc.ok()) return nfc.status();
  const std::vector<std::string_view> lines = Lines(*nfc);
  const std::vector<std::string_view> paragraphs = NonEmpty(lines);
  if (paragraphs.empty() || !HasWord(*nfc)) {
    return absl::InvalidArgumentError("no text");
  }
  Article article;
  article.id = std::move(id);
  std::vector<std::string_view> header_lines;
  if (IsNewsFormat(lines)) {
    article.title = std::string(paragraphs[0]);
    if (paragraphs.size() > 1) article.lead = std::string(paragraphs[1]);
    if (paragraphs.size() > 2) article.body = std::string(paragraphs[2]);
  } else {
    const size_t header = HeaderLength(paragraphs);
    header_lines.assign(paragraphs.begin(),
                        paragraphs.begin() + static_cast<long>(header));
    const std::vector<std::string_view> rest(
        paragraphs.begin() + static_cast<long>(header), paragraphs.end());
    FillFromParagraphs(rest, std::nullopt, article);
  }
  if (article.title.empty() && article.lead.empty() && article.body.empty()) {
    return absl::InvalidArgumentError("no article text besides page furniture");
  }
  ExtractFacts(header_lines, officials, article);
  return article;
}

absl::StatusOr<Article> ParseTextArticle(std::string id,
                                         std::string_view text) {
  absl::StatusOr<OfficialExtractor> officials = OfficialExtractor::Create();
  if (!officials.ok()) return officials.status();
  return ParseTextArticle(std::move(id), text, *officials);
}

absl::StatusOr<std::string> NormalizeJsonString(std::string_view value) {
  std::string storage;
  absl::StatusOr<std::string_view> nfc = ToNfc(value, storage);
  if (!nfc.ok()) return nfc.status();
  return std::string(TrimSpace(*nfc));
}

absl::StatusOr<Article> ParseJsonArticle(std::string_view line,
                                         const OfficialExtractor& officials) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("malformed JSON at byte ", e.byte, ": ", e.what()));
  } catch (const nlohmann::json::exception& e) {
    // Valid JSON that nlohmann cannot hold: a number past a double's range
    // ("1e309", out_of_range 406).
    return absl::InvalidArgumentError(
        absl::StrCat("unreadable JSON: ", e.what()));
  }
  if (!json.is_object()) {
    return absl::InvalidArgumentError("JSON value is not an object");
  }
  Article article;
  std::string storage;
  // Reads a string field (NFC); a missing or null field is "".
  auto get = [&](const char* key, std::string& out) -> absl::Status {
    auto it = json.find(key);
    if (it == json.end() || it->is_null()) return absl::OkStatus();
    if (std::string(key) == "id" && it->is_number_unsigned()) {
      out = std::to_string(it->get<uint64_t>());  // 18446744073709551615
      return absl::OkStatus();
    }
    if (std::string(key) == "id" && it->is_number_integer()) {
      out = std::to_string(it->get<int64_t>());
      return absl::OkStatus();
    }
    if (std::string(key) == "id" && it->is_number_float()) {
      // A fraction, an exponent or an integer past 64 bits: its own text.
      FloatFieldText text(key);
      nlohmann::json::sax_parse(line, &text);
      if (text.text().empty()) {
        return absl::InvalidArgumentError("field \"id\" is not readable");
      }
      out = text.text();
      return absl::OkStatus();
    }
    if (!it->is_string()) {
      return absl::InvalidArgumentError(
          absl::StrCat("field \"", key, "\" is not a string",
                       std::string(key) == "id" ? " or a number" : ""));
    }
    absl::StatusOr<std::string> normalized =
        NormalizeJsonString(it->get_ref<const std::string&>());
    if (!normalized.ok()) return normalized.status();
    out = *std::move(normalized);
    return absl::OkStatus();
  };
  std::string title;
  std::string body;
  std::string date;
  for (auto [key, out] :
       {std::pair<const char*, std::string*>{"id", &article.id},
        {"title", &title},
        {"body", &body},
        {"date", &date},
        {"url", &article.url},
        {"source", &article.source}}) {
    if (absl::Status status = get(key, *out); !status.ok()) return status;
  }
  if (article.id.empty()) {
    return absl::InvalidArgumentError("missing \"id\"");
  }
  if (!HasWord(title) && !HasWord(body)) {
    return absl::InvalidArgumentError("empty \"title\" and \"body\"");
  }
  const std::vector<std::string_view> paragraphs = NonEmpty(Lines(body));
  if (paragraphs.size() == 1) {
    article.title = title;
    article.body = std::string(paragraphs[0]);
    if (article.title.empty()) {
      article.title = DeriveTitle(article.body);
      article.title_derived = !article.title.empty();
    }
  } else {
    FillFromParagraphs(paragraphs, std::string_view(title), article);
  }
  if (std::optional<CivilDate> iso = ParseIsoDate(date)) {
    article.date = FormatIsoDate(*iso);
  }
  ExtractFacts({}, officials, article);
  return article;
}

absl::StatusOr<Article> ParseJsonArticle(std::string_view line) {
  absl::StatusOr<OfficialExtractor> officials = OfficialExtractor::Create();
  if (!officials.ok()) return officials.status();
  return ParseJsonArticle(line, *officials);
}

}  // namespace vnsearch
