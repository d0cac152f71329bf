// The hit record: what a search hit shows besides its snippet, stored in
// kRecordSlot of each document, and the stored text (document data) that
// snippets are cut from. Pure functions; no Xapian.

#ifndef VNSEARCH_COMMON_INDEX_RECORD_H_
#define VNSEARCH_COMMON_INDEX_RECORD_H_

#include <array>
#include <string>
#include <string_view>

#include "common/document/article.h"

namespace vnsearch {

// The stored text (document data): lead, '\n', body; the title when both
// are empty (never empty for an article the parsers accept).
[[nodiscard]] std::string JoinText(const Article& article);
// The keys that copies of one story share: {collapse key, lead key}
// (facet_keys.h: CollapseKey, LeadKey), "" for one an article lacks.
using CopyKeys = std::array<std::string, 2>;

// The record in kRecordSlot: id, title, title_derived, date, the copy keys
// and officials (name, role), separated by control characters (the
// searcher reads one per hit, for the page and for collapsing its copies:
// this decodes in a fraction of the time JSON takes).
[[nodiscard]] std::string EncodeRecord(const Article& article,
                                       const CopyKeys& keys = {});
// Fills id, title, title_derived, date and officials of `article` (and
// `keys` when given) from a record written by EncodeRecord; false if it is
// not such a record.
[[nodiscard]] bool DecodeRecord(std::string_view record, Article& article,
                                CopyKeys* keys = nullptr);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_RECORD_H_
