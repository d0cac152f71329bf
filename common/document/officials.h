// Officials: the people an article names together with an office, and that
// office. Recognised shapes (Vietnamese news and party-press style):
//
//   role then name     "Bộ trưởng Trương Minh Tuấn", "Bí thư Đảng ủy Khối
//                      Nguyễn Văn Thể", "Tổng thống Mỹ Donald Trump",
//                      "Chủ tịch UBND tỉnh, ông Nguyễn Văn A"
//   name then role     "đồng chí Lê Quốc Cường, Bí thư Đảng ủy, Giám đốc Sở
//                      ...", "Đ/c Nguyễn Bắc Son – Ủy viên Trung ương Đảng,
//                      ...", "ông Nguyễn Văn A (Chủ tịch UBND xã)"
//   lists              "có các đồng chí: Huỳnh Tấn Việt, Ủy viên ...; Võ Văn
//                      Phuông, ..."
//   party address      "đồng chí Trần Đức Lai" (an official without a role)
//   aliases            "Đỗ Văn Phới (Đỗ Văn Phớn), Bí thư ..."
//
// A name is 2-4 capitalised syllables; a name that follows an office and a
// capitalised organisation ("Khối Nguyễn Văn Thể") is separated from it by
// its family name. Places ("Hà Nội"), bylines ("Theo Diệp Trương") and
// names inside ideologies ("phong cách Hồ Chí Minh") are not officials. Each
// person appears once, with the longest role seen and the number of times
// the name or an alias occurs in the text.
//
// The vocabularies (offices, honorifics, family names, places) are
// hand-written domain knowledge. Vocabulary and text words are compared in
// the analysis exact form (WordNormalizer: case folded, canonical tone
// placement), so "Ủy"/"uỷ" and "Hoà"/"hòa" are one word; a vocabulary word
// matches text written in lower case or capitalised ("bộ", "Bộ"), and an
// acronym written in capitals in the vocabulary ("ĐBQH") also matches it in
// capitals.

#ifndef VNSEARCH_COMMON_DOCUMENT_OFFICIALS_H_
#define VNSEARCH_COMMON_DOCUMENT_OFFICIALS_H_

#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/analysis/word_normalizer.h"
#include "common/document/article.h"

namespace vnsearch {

class OfficialExtractor {
 public:
  // Builds the vocabularies, normalised by `normalizer` (the one that
  // normalises text words at Extract()). Cannot fail; costs a few hundred
  // microseconds, so build one and reuse it.
  explicit OfficialExtractor(WordNormalizer normalizer);

  // An extractor with its own normaliser. Fails only if ICU data cannot be
  // loaded (see CharTable::Create).
  [[nodiscard]] static absl::StatusOr<OfficialExtractor> Create();

  // Officials named in `text` (NFC UTF-8), in order of first mention.
  // Thread-safe (const).
  [[nodiscard]] std::vector<Official> Extract(std::string_view text) const;

  struct Lexicon;

 private:
  std::shared_ptr<const Lexicon> lexicon_;  // immutable; shared by copies
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_DOCUMENT_OFFICIALS_H_
