// Turns raw input into Articles: scraped page text (the user's corpus/), the
// three-line news format (headline, lead, body) and JSON Lines from a crawler.
// Pure functions of their input; thread-safe.
//
// Text is normalised to NFC first; everything downstream (titles, officials,
// dates, boilerplate) assumes NFC.

#ifndef VNSEARCH_COMMON_DOCUMENT_ARTICLE_PARSER_H_
#define VNSEARCH_COMMON_DOCUMENT_ARTICLE_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/document/article.h"
#include "common/document/officials.h"

namespace vnsearch {

// Parses one text file. `text` must be valid UTF-8 (NFC or NFD). Finds the
// headline (deriving one from the lead when the page has none), the lead,
// the body without page furniture, the date and the officials.
// InvalidArgument when the text holds no words at all.
//
// The format is told by shape, not by path: at most three lines with no
// blank line between them is the news format (headline, lead, body);
// anything else is a scraped page (date and breadcrumb lines, headline,
// paragraphs separated by blank lines, page furniture).
// `officials` finds the officials (see officials.h).
[[nodiscard]] absl::StatusOr<Article> ParseTextArticle(
    std::string id, std::string_view text, const OfficialExtractor& officials);

// As above with an extractor built for this call, which costs about half a
// millisecond: to parse many articles, build one and pass it.
[[nodiscard]] absl::StatusOr<Article> ParseTextArticle(std::string id,
                                                       std::string_view text);

// Parses one JSON Lines record {"id","title","body","date","url","source"}.
// InvalidArgument (naming the problem) for malformed JSON, a missing "id",
// a field of the wrong type, or an empty title and body. A "date" field that
// is a valid ISO date ("2021-01-04", optionally followed by a time) wins
// over dates found in the text; any other "date" value is ignored. The body
// is cleaned like a scraped page; its first paragraph becomes the lead when
// there are several.
[[nodiscard]] absl::StatusOr<Article> ParseJsonArticle(
    std::string_view line, const OfficialExtractor& officials);

// As above with an extractor built for this call.
[[nodiscard]] absl::StatusOr<Article> ParseJsonArticle(std::string_view line);

// A JSON string field as the parser keeps it: NFC, without surrounding
// white space. Internal when ICU cannot normalise.
[[nodiscard]] absl::StatusOr<std::string> NormalizeJsonString(
    std::string_view value);

// A short title cut from a lead (NFC) for pages without a headline: the
// first sentence's leading clauses, at most kMaxDerivedTitleWords words; a
// lead that opens with "X cho biết, ..." gives "X: ...". "" for an empty
// lead.
inline constexpr size_t kMaxDerivedTitleWords = 20;
[[nodiscard]] std::string DeriveTitle(std::string_view lead);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_DOCUMENT_ARTICLE_PARSER_H_
