// The hit record: what a search hit shows besides its snippet, stored in
// kRecordSlot of each document, and the stored text (document data) that
// snippets are cut from. Pure functions; no Xapian.

#ifndef VNSEARCH_COMMON_INDEX_RECORD_H_
#define VNSEARCH_COMMON_INDEX_RECORD_H_

#include <string>
#include <string_view>

#include "common/document/article.h"

namespace vnsearch {

// The stored text (document data): lead, '\n', body; the title when both
// are empty (never empty for an article the parsers accept).
[[nodiscard]] std::string JoinText(const Article& article);
// The record in kRecordSlot: id, title, title_derived, date and officials
// (name, role), separated by control characters (the searcher reads one per
// hit: this decodes in a fraction of the time JSON takes).
[[nodiscard]] std::string EncodeRecord(const Article& article);
// Fills id, title, title_derived, date and officials of `article` from a
// record written by EncodeRecord; false if it is not such a record.
[[nodiscard]] bool DecodeRecord(std::string_view record, Article& article);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_RECORD_H_
