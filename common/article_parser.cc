#include "common/article_parser.h"

#include <nlohmann/json.hpp>

#include "common/absl_compat.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace vnsearch {

absl::StatusOr<Article> ParseTextArticle(std::string id,
                                         std::string_view text) {
  Article article;
  article.id = std::move(id);
  std::vector<absl::string_view> paragraphs;
  for (absl::string_view line : absl::StrSplit(ToAbsl(text), '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!line.empty()) paragraphs.push_back(line);
  }
  if (paragraphs.empty()) return absl::InvalidArgumentError("no text");
  article.title = std::string(paragraphs[0]);
  if (paragraphs.size() > 1) article.lead = std::string(paragraphs[1]);
  for (size_t i = 2; i < paragraphs.size(); ++i) {
    if (!article.body.empty()) article.body.push_back('\n');
    article.body.append(paragraphs[i].data(), paragraphs[i].size());
  }
  return article;
}

absl::StatusOr<Article> ParseJsonArticle(std::string_view line) {
  nlohmann::json json = nlohmann::json::parse(line, nullptr,
                                              /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return absl::InvalidArgumentError("malformed JSON");
  }
  auto get = [&](const char* key) -> std::string {
    auto it = json.find(key);
    if (it == json.end() || !it->is_string()) return {};
    return it->get<std::string>();
  };
  Article article;
  article.id = get("id");
  if (article.id.empty()) {
    return absl::InvalidArgumentError("missing \"id\"");
  }
  article.title = get("title");
  article.body = get("body");
  article.date = get("date");
  article.url = get("url");
  article.source = get("source");
  if (article.title.empty() && article.body.empty()) {
    return absl::InvalidArgumentError("empty \"title\" and \"body\"");
  }
  return article;
}

}  // namespace vnsearch
