// DocumentBuilder: turns an Article into the Xapian document the schema
// describes (terms of every field and form, the id term, the date value, the
// record and the text the searcher shows).
//
// Not thread-safe (reuses buffers); use one per thread.

#ifndef VNSEARCH_COMMON_INDEX_DOCUMENT_BUILDER_H_
#define VNSEARCH_COMMON_INDEX_DOCUMENT_BUILDER_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "common/analysis/analyzer.h"
#include "common/document/article.h"
#include "common/index/record.h"
#include "common/index/schema.h"
#include "common/index/stored_text.h"

namespace vnsearch {

// Extra wdf given at index time to each body occurrence in the headline and
// the lead paragraph: a known passage of either is the strongest sign that
// the article is about it.
inline constexpr Xapian::termcount kLeadWdfBonus = 1;

class DocumentBuilder {
 public:
  explicit DocumentBuilder(Analyzer analyzer)
      : analyzer_(std::move(analyzer)) {}

  // May throw Xapian::Error (callers run it inside XapianCall).
  // `fingerprint`, when given, goes to kFingerprintSlot (see schema.h).
  [[nodiscard]] Xapian::Document Build(const Article& article,
                                       std::string_view fingerprint = {});

  // The unique id term of a document id: "Q" + id, or for an id too long
  // for a Xapian term, its head and its fingerprint.
  [[nodiscard]] static std::string IdTerm(std::string_view id);

 private:
  // Counts the terms of `text` for `field` into terms_; each occurrence gets
  // `extra_wdf` on top of 1.
  void AddField(Field field, std::string_view text,
                Xapian::termcount extra_wdf);
  void Count(const std::string& term, Xapian::termcount wdf);

  Analyzer analyzer_;
  std::vector<Token> tokens_;
  StoredTextWriter text_writer_;  // the stored text (stored_text.h)
  // A document's terms and their wdf, gathered before they go to the
  // Xapian::Document: about four terms per word, most of them repeats, and
  // a hash lookup here is cheaper than one in the Document's ordered map.
  absl::flat_hash_map<std::string, Xapian::termcount> terms_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_INDEX_DOCUMENT_BUILDER_H_
