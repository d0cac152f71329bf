// Renders search results for the terminal and as JSON (one object per
// query, the shape other tools rely on; see README "vnsearch --json").

#ifndef VNSEARCH_COMMON_SEARCH_RESULT_FORMAT_H_
#define VNSEARCH_COMMON_SEARCH_RESULT_FORMAT_H_

#include <string>

#include "common/search/searcher.h"

namespace vnsearch {

// {"query","total","took_ms","hits":[{"rank","id","score","title","date",
//  "officials":[{"name","role","name_html"}],"snippet","title_html"}]} on
// one line, no newline. "date" is null when unknown; "title_html" and
// "name_html" (the headline and names with matches in <b></b>) are there
// when snippets are. "warnings":[...] only when shards were left out
// (--allow_partial).
[[nodiscard]] std::string FormatJson(const SearchResult& result);

// A readable ranked list: rank, title, id, score, date, snippet. `color`
// highlights matches with ANSI bold, otherwise with [brackets].
[[nodiscard]] std::string FormatText(const SearchResult& result, bool color);

// Snippet HTML fragment to plain text with the given highlight markers.
[[nodiscard]] std::string SnippetToText(const std::string& html,
                                        const std::string& hi_start,
                                        const std::string& hi_end);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_RESULT_FORMAT_H_
