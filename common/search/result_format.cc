#include "common/search/result_format.h"

#include <algorithm>

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
        {"tier", TierName(hit.tier)},
        {"similar", hit.similar},
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
      {"total_exact", result.total_exact},
      {"distinct", result.distinct},
      {"took_ms", result.took_ms},
      {"hits", std::move(hits)},
  };
  if (result.facets) {
    nlohmann::json official = nlohmann::json::object();
    for (const auto& [name, count] : result.facets->official) {
      official[name] = count;
    }
    out["facets"] = {{"year", result.facets->year},
                     {"official", std::move(official)},
                     {"source", result.facets->source}};
  }
  if (!result.warnings.empty()) out["warnings"] = result.warnings;
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

std::string FormatTotal(const SearchResult& result) {
  return absl::StrCat(result.total_exact ? "" : "about ", result.total,
                      result.total == 1 ? " result" : " results");
}

std::string FormatFacets(const Facets& facets) {
  std::string out = absl::StrFormat(
      "  facets over all %d matching articles (copies included):\n",
      facets.articles);
  auto line = [&](const char* name, const auto& counts) {
    std::string items;
    for (const auto& [value, count] : counts) {
      absl::StrAppend(&items, items.empty() ? "" : ", ", value, " (", count,
                      ")");
    }
    absl::StrAppend(&out, absl::StrFormat("    %-9s %s\n", name,
                                          items.empty() ? "-" : items));
  };
  line("year:", facets.year);
  std::vector<std::pair<std::string, uint64_t>> sources(facets.source.begin(),
                                                        facets.source.end());
  std::stable_sort(sources.begin(), sources.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  line("source:", sources);
  line("official:", facets.official);
  return out;
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
  absl::StrAppend(&out, absl::StrFormat("%s for \"%s\" (%.2f ms)", FormatTotal(result),
                                    result.query, result.took_ms));
  const bool collapsed = std::any_of(result.hits.begin(), result.hits.end(),
                                     [](const Hit& hit) { return hit.similar > 0; });
  if (collapsed && result.distinct < result.total) {
    absl::StrAppend(&out, ", about ", result.distinct, " without copies");
  }
  out.push_back('\n');
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
    absl::StrAppend(
        &out, absl::StrFormat(
                  "     %s  score %.0f%%  %s  %s%s\n", hit.article.id,
                  100 * hit.relevance, TierName(hit.tier),
                  hit.article.date.empty() ? "date unknown" : hit.article.date,
                  hit.similar == 0
                      ? ""
                      : absl::StrCat("  +", hit.similar, " similar")));
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
  if (result.facets) absl::StrAppend(&out, FormatFacets(*result.facets));
  return out;
}

}  // namespace vnsearch
