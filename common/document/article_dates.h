// Article dates: finds the date an article was published or its event took
// place, from the forms Vietnamese news pages use:
//   page datelines   "Thứ Hai, 4/1/2021 18:59'(GMT+7)", "Thứ Ba, 16/4/2024"
//   lead datelines   "Sáng ngày 23/1/2013, ...", "Chiều 03/7/2023", "Sáng nay
//                    (8/2)", "Chiều 20/7, ..." (year inferred from the text)
//   ISO              "2021-01-04" (JSON input)
// Every function prefers no date to a wrong one: day and month ranges and a
// stated weekday are checked, and a missing year is only filled in when the
// article's own references to months and years agree on it.
//
// Inputs are NFC UTF-8. Pure functions; thread-safe.

#ifndef VNSEARCH_COMMON_DOCUMENT_ARTICLE_DATES_H_
#define VNSEARCH_COMMON_DOCUMENT_ARTICLE_DATES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vnsearch {

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;

  bool operator==(const CivilDate&) const = default;
};

// Years outside [kMinYear, kMaxYear] are treated as noise, not dates.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2100;

// True for a real calendar day with kMinYear <= year <= kMaxYear.
[[nodiscard]] bool IsValidDate(int year, int month, int day);

// "YYYY-MM-DD".
[[nodiscard]] std::string FormatIsoDate(const CivilDate& date);

// Parses "YYYY-MM-DD", optionally followed by a time ("T10:00:00Z",
// " 10:00"). nullopt for anything else or an invalid day.
[[nodiscard]] std::optional<CivilDate> ParseIsoDate(std::string_view text);

// A line that is nothing but a date, as page headers print them:
// "Thứ Hai, 4/1/2021 18:59'(GMT+7)", "16/4/2024", "Cập nhật: 03/07/2023
// 10:15". has_time tells a publication timestamp from a bare date (often
// the site's "today" banner, i.e. the crawl date). nullopt when the line
// holds other words, the date is invalid or the weekday does not match.
struct DateLine {
  CivilDate date;
  bool has_time = false;
};
[[nodiscard]] std::optional<DateLine> ParseDateLine(std::string_view line);

// The first dateline in `opening` (the lead and the start of the body):
// a time-of-day word opening a sentence or clause ("Sáng", "chiều", "tối
// ngày", "Sáng nay") or a sentence-initial "Ngày", followed by D/M or D/M/YYYY
// (or "D tháng M năm YYYY"). A missing year is inferred from `article_text`
// (InferYear); when that fails the dateline yields nothing. A dateline whose
// year is older than the years the article talks about ("Ngày 6/2/1952, vua
// George VI từ trần" in a 2017 article) is history, not the article's date, and
// yields nothing.
[[nodiscard]] std::optional<CivilDate> FindDateline(
    std::string_view opening, std::string_view article_text);

// The year of an event on day/month, from what the article treats as the
// current period: "6 tháng đầu/cuối năm 2023" (reviewed from June), "quý
// 2/2023" (the quarter and the month after). Months and full dates ("tháng
// 6/2015", "ngày 22-5-2013"), past periods ("từ quý 1/2016"), plans
// ("dự kiến quý II/2018") and targets ("đến năm 2030") are not evidence:
// news reports recall last year's events on the same days. The
// best-supported year must be unique, it must be the latest year the text
// mentions, and, when the text names a term ("nhiệm kỳ 2020-2025"), it must
// fall inside one. nullopt when the text does not settle it.
[[nodiscard]] std::optional<int> InferYear(std::string_view article_text,
                                           int month, int day);

// The article's date as ISO "YYYY-MM-DD", or "" when unknown. Order of
// trust: a timestamped page dateline among `header_lines` (the lines above
// the headline); then a dateline in `opening` (the first sentences of the
// lead and of the first body paragraphs: where a news report states when
// its event happened; later dates in a report are usually past events); then a
// bare page date, only if `article_text` mentions its year (a bare date above
// the headline is often the site's "today" banner: 004's "Thứ Ba, 16/4/2024" is
// the crawl date of a 2021 article).
[[nodiscard]] std::string ExtractArticleDate(
    const std::vector<std::string_view>& header_lines, std::string_view opening,
    std::string_view article_text);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_DOCUMENT_ARTICLE_DATES_H_
