#include "common/search/result_format.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "common/base/absl_compat.h"

namespace vnsearch {

std::string FormatJson(const SearchResult& result) {
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& hit : result.hits) {
    nlohmann::json officials = nlohmann::json::array();
    for (const Official& o : hit.article.officials) {
      officials.push_back({{"name", o.name}, {"role", o.role}});
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
  }
  nlohmann::json out = {
      {"query", result.query},
      {"total", result.total},
      {"took_ms", result.took_ms},
      {"hits", std::move(hits)},
  };
  const AccentReading& reading = result.reading;
  if (!reading.decoded.empty()) {
    out["decoded"] = reading.decoded;
    out["decoded_as"] = reading.scheme;
  }
  if (!reading.restored.empty()) {
    out["restored"] = reading.restored;
    out["restore_confidence"] = reading.confidence;
    out["restore_ranked"] = !reading.preferred.empty();
  }
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

std::string ReadingLine(const SearchResult& result) {
  const AccentReading& reading = result.reading;
  if (!reading.decoded.empty()) {
    return absl::StrCat("Searching for: ", reading.decoded_display,
                        " (typed as ", reading.scheme, ")\n");
  }
  if (reading.restored.empty()) return "";
  if (reading.preferred.empty()) {
    return absl::StrCat("Maybe: ", reading.restored_display,
                        " (unsure: not used for ranking)\n");
  }
  return absl::StrCat("Showing results for: ", reading.restored_display,
                      " (search exactly: ", ToAbsl(kExactPrefix), " ", result.query,
                      ")\n");
}

std::string FormatText(const SearchResult& result, bool color) {
  const std::string bold = color ? "\033[1m" : "";
  const std::string plain = color ? "\033[0m" : "";
  std::string out = ReadingLine(result);
  absl::StrAppend(&out, absl::StrFormat("%d results for \"%s\" (%.2f ms)\n",
                                        result.total, result.query,
                                        result.took_ms));
  if (result.hits.empty()) absl::StrAppend(&out, "  no matching articles\n");
  for (const Hit& hit : result.hits) {
    absl::StrAppend(&out, absl::StrFormat("%3d. %s%s%s\n", hit.rank, bold,
                                          hit.article.title, plain));
    absl::StrAppend(&out, absl::StrFormat(
                              "     %s  score %.3f  %s\n", hit.article.id,
                              hit.score,
                              hit.article.date.empty() ? "date unknown"
                                                       : hit.article.date));
    if (!hit.article.officials.empty()) {
      std::string names;
      for (const Official& o : hit.article.officials) {
        if (!names.empty()) names += ", ";
        names += o.name;
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
