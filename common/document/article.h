// Article: the document model shared by the indexer and the searcher.

#ifndef VNSEARCH_COMMON_DOCUMENT_ARTICLE_H_
#define VNSEARCH_COMMON_DOCUMENT_ARTICLE_H_

#include <string>
#include <vector>

namespace vnsearch {

struct Official {
  std::string name;  // "Trương Minh Tuấn", as written (NFC)
  std::string role;  // "Bộ trưởng Bộ Thông tin và Truyền thông"; may be empty
  // Other spellings of the same person: "Đỗ Văn Phớn" for "Đỗ Văn Phới (Đỗ
  // Văn Phớn)".
  std::vector<std::string> aliases;
  int mentions = 1;  // times the name occurs in the article

  bool operator==(const Official&) const = default;
};

struct Article {
  std::string id;  // path relative to the corpus root, or the JSON "id"
  std::string title;
  bool title_derived = false;  // no headline: title cut from the lead
  std::string lead;            // first paragraph (sapo)
  std::string body;            // remaining paragraphs, separated by '\n'
  std::string date;            // ISO "YYYY-MM-DD", or empty when unknown
  std::string url;
  std::string source;
  std::vector<Official> officials;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_DOCUMENT_ARTICLE_H_
