// Turns raw input into Articles: scraped page text (the user's corpus/), the
// three-line news format (headline, lead, body) and JSON Lines from a crawler.
// Pure functions of their input; thread-safe.

#ifndef VNSEARCH_COMMON_ARTICLE_PARSER_H_
#define VNSEARCH_COMMON_ARTICLE_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/article.h"

namespace vnsearch {

// Parses one text file. `text` must be valid UTF-8 (NFC or NFD). Finds the
// headline (deriving one from the lead when the page has none), the lead,
// the body without page furniture, the date and the officials.
// InvalidArgument when the text holds no words at all.
[[nodiscard]] absl::StatusOr<Article> ParseTextArticle(std::string id,
                                                       std::string_view text);

// Parses one JSON Lines record {"id","title","body","date","url","source"}.
// InvalidArgument (naming the problem) for malformed JSON, a missing "id" or
// an empty title and body. A "date" field in ISO form wins over dates found
// in the text.
[[nodiscard]] absl::StatusOr<Article> ParseJsonArticle(std::string_view line);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_ARTICLE_PARSER_H_
