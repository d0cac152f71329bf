// DocumentBuilder: turns an Article into the Xapian document the schema
// describes (terms of every field and form, the id term, the date value and
// the stored data the searcher shows).
//
// Not thread-safe (reuses buffers); use one per thread.

#ifndef VNSEARCH_COMMON_DOCUMENT_BUILDER_H_
#define VNSEARCH_COMMON_DOCUMENT_BUILDER_H_

#include <string>
#include <vector>

#include <xapian.h>

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
  // Adds the terms of `text` for `field`; positions start at
  // `first_position`, and each occurrence gets `extra_wdf` on top of 1.
  // Returns the next free position.
  Xapian::termpos AddField(Xapian::Document& doc, Field field,
                           std::string_view text, Xapian::termpos first_position,
                           Xapian::termcount extra_wdf);
  // Adds kLead pair terms for the tokens AddField just analysed.
  void AddLeadPairs(Xapian::Document& doc);

  Analyzer analyzer_;
  std::vector<Token> tokens_;
};

// Stored document data: JSON with id, title, title_derived, date, officials
// and text (lead and body). Shared with the searcher.
[[nodiscard]] std::string EncodeDocumentData(const Article& article);
// Fills `article` from data written by EncodeDocumentData; false if the data
// is not such JSON.
[[nodiscard]] bool DecodeDocumentData(const std::string& data, Article& article);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_DOCUMENT_BUILDER_H_
