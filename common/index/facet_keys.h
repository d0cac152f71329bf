// Index-time keys for facets and for collapsing duplicates: the source an
// article came from and the key that syndicated copies of one story share.
// Pure functions of the article (no Xapian); the document builder stores
// them (schema.h: kSourceSlot, kSourcePrefix, kCollapseSlot) and the query
// builder reads a source: filter with SourceTerms.

#ifndef VNSEARCH_COMMON_INDEX_FACET_KEYS_H_
#define VNSEARCH_COMMON_INDEX_FACET_KEYS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/analysis/analyzer.h"
#include "common/document/article.h"

namespace vnsearch {

// The source as a facet shows it: the JSON "source" as written, else the
// host of the URL without "www." ("vnexpress.net"), else "".
[[nodiscard]] std::string SourceName(const Article& article);

// The filter keys of a source name or of what a user types after source:
// the folded words run together ("VnExpress" and "vnexpress" give
// "vnexpress", "Tuổi Trẻ" gives "tuoitre"), and for a host also its first
// label ("vnexpress.net" gives "vnexpressnet" and "vnexpress"). Empty for a
// name with no words.
[[nodiscard]] std::vector<std::string> SourceKeys(std::string_view name,
                                                  const Analyzer& analyzer);

// The collapse key: copies of a story share it. The headline's folded words
// (case, diacritics and punctuation ignored) when it has at least
// kMinCollapseWords words and is the page's own; otherwise LeadKey (never
// collapsed when that is "" too: a short headline such as "Tin vắn" is not
// a story).
inline constexpr size_t kMinCollapseWords = 4;
[[nodiscard]] std::string CollapseKey(const Article& article,
                                      const Analyzer& analyzer);

// The lead key: copies that were retitled keep the lead. The folded words
// of the lead's first 48 words when it has at least kMinLeadWords, else "".
// Xapian collapses on one slot (the collapse key); the searcher merges the
// hits of a page that share this key (common/search/lead_collapse.h).
inline constexpr size_t kMinLeadWords = 2 * kMinCollapseWords;
[[nodiscard]] std::string LeadKey(const Article& article,
                                  const Analyzer& analyzer);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_FACET_KEYS_H_
