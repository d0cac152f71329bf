// Boilerplate: page furniture in scraped article text. Works on paragraphs
// (trimmed, non-empty lines), because that is how scrapers leave it:
//
//   furniture lines   "{keywords}", "img", "Bình luận", "Đọc nhiều", "Ý kiến
//                     của bạn sẽ được biên tập ...", "Thư viện ảnh", ...
//   the page tail     everything from a marker such as "Tin liên quan",
//                     "Các tin khác", "Bình luận", "Phản hồi" when only short
//                     teaser lines follow it
//   teasers           related-article headlines printed twice in a row, each
//                     followed by its blurb (000's tail); a lone doubled line
//                     mid-text is dropped, both copies
//   credits           "Tin, ảnh: Nhật Minh", "Theo Diệp Trương (TTXVN/
//                     Vietnam+)", "Ảnh: Xuân Lộc", the byline closing the
//                     page ("Hương Quỳnh", "TQPhuc"), and a photo credit at
//                     the end of a caption ("Toàn cảnh hội nghị. Ảnh: Xuân
//                     Lộc" keeps "Toàn cảnh hội nghị.").
//
// Photo captions themselves are kept: they describe the article's own
// pictures and name the people in them, so they are article text; only the
// credit (a byline) is removed.
//
// Inputs are NFC UTF-8. Pure functions; thread-safe.

#ifndef VNSEARCH_COMMON_DOCUMENT_BOILERPLATE_H_
#define VNSEARCH_COMMON_DOCUMENT_BOILERPLATE_H_

#include <string_view>
#include <vector>

namespace vnsearch {

// A line that is page furniture wherever it appears.
[[nodiscard]] bool IsFurnitureLine(std::string_view line);

// A line that opens the related-articles or comments part of a page.
[[nodiscard]] bool IsTailMarker(std::string_view line);

// A credit line: "Tin, ảnh: Nhật Minh", "Ảnh: Xuân Lộc", "Nguồn: TTXVN",
// "Theo Diệp Trương (TTXVN/Vietnam+)".
[[nodiscard]] bool IsCreditLine(std::string_view line);

// A line shaped like a closing byline: at most six words, all capitalised
// (or one run-together word such as "TQPhuc"), no closing punctuation.
// Only meaningful for the last lines of a page.
[[nodiscard]] bool IsBylineLike(std::string_view line);

// `line` without a trailing photo or source credit: "Toàn cảnh hội nghị.
// Ảnh: Xuân Lộc" -> "Toàn cảnh hội nghị.", "... Trung ương. (Nguồn: Báo
// Nhân dân)" -> "... Trung ương.". Returns `line` when it has none, and ""
// when the whole line is a credit.
[[nodiscard]] std::string_view StripCredit(std::string_view line);

// The paragraphs that remain of an article once furniture, the page tail,
// teasers and credits are removed, in order. Views into `paragraphs`.
[[nodiscard]] std::vector<std::string_view> RemoveBoilerplate(
    const std::vector<std::string_view>& paragraphs);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_DOCUMENT_BOILERPLATE_H_
