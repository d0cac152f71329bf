// Renders search results for the terminal and as JSON (one object per
// query, the shape other tools rely on; see README "vnsearch --json").

#ifndef VNSEARCH_COMMON_SEARCH_RESULT_FORMAT_H_
#define VNSEARCH_COMMON_SEARCH_RESULT_FORMAT_H_

#include <string>

#include "common/search/searcher.h"

namespace vnsearch {

// {"query","total","took_ms","hits":[{"rank","id","score","title","date",
//  "officials":[{"name","role"}],"snippet"}]} on one line, no newline.
// A query that was read gains "decoded" and "decoded_as" (Telex/VNI), or
// "restored", "restore_confidence" and "restore_ranked".
// "date" is null when unknown.
[[nodiscard]] std::string FormatJson(const SearchResult& result);

// What was searched for when the query was read (accent_reading.h): "Searching
// for: Đảng ủy khối (typed as Telex)" or "Showing results for: bão lũ miền
// Trung (search exactly: :exact bao lu mien Trung)", with a newline; empty
// when the query was searched as typed.
[[nodiscard]] std::string ReadingLine(const SearchResult& result);

// A readable ranked list: rank, title, id, score, date, snippet. `color`
// highlights matches with ANSI bold, otherwise with [brackets].
[[nodiscard]] std::string FormatText(const SearchResult& result, bool color);

// Snippet HTML fragment to plain text with the given highlight markers.
[[nodiscard]] std::string SnippetToText(const std::string& html,
                                        const std::string& hi_start,
                                        const std::string& hi_end);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_RESULT_FORMAT_H_
