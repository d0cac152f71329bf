// Renders search results for the terminal and as JSON (one object per
// query, the shape other tools rely on; see README "vnsearch --json").

#ifndef VNSEARCH_COMMON_SEARCH_RESULT_FORMAT_H_
#define VNSEARCH_COMMON_SEARCH_RESULT_FORMAT_H_

#include <string>

#include "common/search/searcher.h"

namespace vnsearch {

// {"query","total","took_ms","hits":[{"rank","id","score","title","date",
//  "officials":[{"name","role"}],"snippet"}]} on one line, no newline.
// "date" is null when unknown. "warnings":[...] only when shards were left
// out (--allow_partial).
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
