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
// only when shards were left out (--allow_partial). A query that was read
// gains "decoded" and "decoded_as" (Telex/VNI), or "restored",
// "restore_confidence" and "restore_ranked".
[[nodiscard]] std::string FormatJson(const SearchResult& result);

// What was searched for when the query was read (accent_reading.h): "Searching
// for: Đảng ủy khối (typed as Telex)" or "Showing results for: bão lũ miền
// Trung (search exactly: :exact bao lu mien Trung)", with a newline; empty
// when the query was searched as typed.
[[nodiscard]] std::string ReadingLine(const SearchResult& result);

// A readable ranked list: the reading line, "about N results" (or "N results" when exact),
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
