// DocumentBuilder: turns an Article into the Xapian document the schema
// describes (terms of every field and form, the id term, the date value, the
// record and the text the searcher shows).
//
// Not thread-safe (reuses buffers); use one per thread.

#ifndef VNSEARCH_COMMON_DOCUMENT_BUILDER_H_
#define VNSEARCH_COMMON_DOCUMENT_BUILDER_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "absl/container/flat_hash_map.h"

#include "common/analyzer.h"
#include "common/article.h"
#include "common/schema.h"

namespace vnsearch {

class DocumentBuilder {
 public:
  explicit DocumentBuilder(Analyzer analyzer) : analyzer_(std::move(analyzer)) {}

  // May throw Xapian::Error (callers run it inside XapianCall).
  [[nodiscard]] Xapian::Document Build(const Article& article);

  // The unique id term of a document id.
  [[nodiscard]] static std::string IdTerm(std::string_view id);

 private:
  // Counts the terms of `text` for `field` into terms_; each occurrence gets
  // `extra_wdf` on top of 1.
  void AddField(Field field, std::string_view text,
                Xapian::termcount extra_wdf);
  void Count(const std::string& term, Xapian::termcount wdf);

  Analyzer analyzer_;
  std::vector<Token> tokens_;
  // A document's terms and their wdf, gathered before they go to the
  // Xapian::Document: about four terms per word, most of them repeats, and
  // a hash lookup here is cheaper than one in the Document's ordered map.
  absl::flat_hash_map<std::string, Xapian::termcount> terms_;
};

// The stored text (document data): lead, '\n', body.
[[nodiscard]] std::string JoinText(const Article& article);
// The record in kRecordSlot: id, title, title_derived, date and officials
// (name, role), separated by control characters (the searcher reads one per
// hit: this decodes in a fraction of the time JSON takes).
[[nodiscard]] std::string EncodeRecord(const Article& article);
// Fills id, title, title_derived, date and officials of `article` from a
// record written by EncodeRecord; false if it is not such a record.
[[nodiscard]] bool DecodeRecord(std::string_view record, Article& article);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_DOCUMENT_BUILDER_H_
