// Renders search results for the terminal and as JSON (one object per
// query, the shape other tools rely on; see README "vnsearch --json").

#ifndef VNSEARCH_COMMON_SEARCH_RESULT_FORMAT_H_
#define VNSEARCH_COMMON_SEARCH_RESULT_FORMAT_H_

#include <string>

#include "common/search/searcher.h"

namespace vnsearch {

// {"query","total","total_exact","distinct","took_ms","hits":[{"rank","id",
//  "score","tier","similar","title","date",
//  "officials":[{"name","role","name_html"}],"snippet","title_html"}]
//  [,"facets":{"year":{..},"official":{..},"source":{..}}]
//  [,"warnings":[..]]} on one line, no newline. "total" counts copies of a
// story, "distinct" (an estimate) does not; "score" is Xapian's weight,
// "tier" its TierName, "similar" the copies collapsed into the hit; "date"
// is null when unknown; "title_html" and "name_html" (the headline and
// names with matches in <b></b>) are there when snippets are; "warnings"
// only when shards were left out (--allow_partial).
[[nodiscard]] std::string FormatJson(const SearchResult& result);

// A readable ranked list: "about N results" (or "N results" when exact),
// then rank, title, id, score as a share of the best hit's, tier, date,
// "+N similar", snippet; facets under the hits. `color` shows titles and
// matches in ANSI bold, otherwise matches in [brackets].
[[nodiscard]] std::string FormatText(const SearchResult& result, bool color);

// "about 200 results", "5 results", "1 result".
[[nodiscard]] std::string FormatTotal(const SearchResult& result);

// The facets as indented lines (years in order, sources and officials most
// first).
[[nodiscard]] std::string FormatFacets(const Facets& facets);

// Snippet HTML fragment to plain text with the given highlight markers.
[[nodiscard]] std::string SnippetToText(const std::string& html,
                                        const std::string& hi_start,
                                        const std::string& hi_end);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_RESULT_FORMAT_H_
