#include "common/search/result_format.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace vnsearch {

std::string FormatJson(const SearchResult& result) {
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& hit : result.hits) {
    nlohmann::json officials = nlohmann::json::array();
    for (size_t i = 0; i < hit.article.officials.size(); ++i) {
      const Official& o = hit.article.officials[i];
      nlohmann::json official = {{"name", o.name}, {"role", o.role}};
      if (i < hit.officials_html.size()) {
        official["name_html"] = hit.officials_html[i];
      }
      officials.push_back(std::move(official));
    }
    hits.push_back({
        {"rank", hit.rank},
        {"id", hit.article.id},
        {"score", hit.score},
        {"title", hit.article.title},
        {"date", hit.article.date.empty() ? nlohmann::json(nullptr)
                                          : nlohmann::json(hit.article.date)},
        {"officials", std::move(officials)},
        {"snippet", hit.snippet},
    });
    if (!hit.title_html.empty()) hits.back()["title_html"] = hit.title_html;
  }
  nlohmann::json out = {
      {"query", result.query},
      {"total", result.total},
      {"took_ms", result.took_ms},
      {"hits", std::move(hits)},
  };
  if (!result.warnings.empty()) out["warnings"] = result.warnings;
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string SnippetToText(const std::string& html, const std::string& hi_start,
                          const std::string& hi_end) {
  return absl::StrReplaceAll(html, {{"<b>", hi_start},
                                    {"</b>", hi_end},
                                    {"&lt;", "<"},
                                    {"&gt;", ">"},
                                    {"&quot;", "\""},
                                    {"&#39;", "'"},
                                    {"&amp;", "&"},
                                    {"\n", " "}});
}

std::string FormatText(const SearchResult& result, bool color) {
  const std::string bold = color ? "\033[1m" : "";
  const std::string plain = color ? "\033[0m" : "";
  std::string out = absl::StrFormat("%d results for \"%s\" (%.2f ms)\n",
                                    result.total, result.query, result.took_ms);
  if (result.hits.empty()) absl::StrAppend(&out, "  no matching articles\n");
  for (const Hit& hit : result.hits) {
    // Matches in the headline (already bold on a terminal) are underlined.
    const std::string title =
        hit.title_html.empty()
            ? hit.article.title
            : SnippetToText(hit.title_html, color ? "\033[4m" : "[",
                            color ? "\033[24m" : "]");
    absl::StrAppend(&out, absl::StrFormat("%3d. %s%s%s\n", hit.rank, bold,
                                          title, plain));
    absl::StrAppend(&out, absl::StrFormat(
                              "     %s  score %.3f  %s\n", hit.article.id,
                              hit.score,
                              hit.article.date.empty() ? "date unknown"
                                                       : hit.article.date));
    if (!hit.article.officials.empty()) {
      std::string names;
      for (size_t i = 0; i < hit.article.officials.size(); ++i) {
        if (!names.empty()) names += ", ";
        names += i < hit.officials_html.size()
                     ? SnippetToText(hit.officials_html[i], color ? bold : "[",
                                     color ? plain : "]")
                     : hit.article.officials[i].name;
      }
      absl::StrAppend(&out, "     officials: ", names, "\n");
    }
    if (!hit.snippet.empty()) {
      absl::StrAppend(&out, "     ",
                      SnippetToText(hit.snippet, color ? bold : "[",
                                    color ? plain : "]"),
                      "\n");
    }
  }
  return out;
}

}  // namespace vnsearch
