#include "common/document/article_dates.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "absl/time/civil_time.h"

#include "common/document/word_scanner.h"

namespace vnsearch {
namespace {

absl::CivilDay ToCivilDay(const CivilDate& date) {
  return absl::CivilDay(date.year, date.month, date.day);
}

// Day of the week, 0 = Sunday.
int Weekday(const CivilDate& date) {
  // absl numbers the days from Monday = 0.
  return (static_cast<int>(absl::GetWeekday(ToCivilDay(date))) + 1) % 7;
}

// Parses an unsigned decimal of 1..max_digits digits; -1 otherwise.
int ParseNumber(std::string_view s, size_t max_digits) {
  if (s.empty() || s.size() > max_digits) return -1;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

// "23/1/2013", "03/7/2023", "20/7", "11.7", "11-7-2017": day, month and an
// optional four-digit year (0 when absent), one separator kind throughout.
struct NumericDate {
  int day = 0;
  int month = 0;
  int year = 0;
};
std::optional<NumericDate> ParseNumericDate(std::string_view token) {
  const size_t first = token.find_first_of("/-.");
  if (first == std::string_view::npos) return std::nullopt;
  const char sep = token[first];
  const size_t second = token.find(sep, first + 1);
  NumericDate date;
  date.day = ParseNumber(token.substr(0, first), 2);
  if (second == std::string_view::npos) {
    date.month = ParseNumber(token.substr(first + 1), 2);
  } else {
    date.month = ParseNumber(token.substr(first + 1, second - first - 1), 2);
    const std::string_view year = token.substr(second + 1);
    if (year.size() != 4) return std::nullopt;
    date.year = ParseNumber(year, 4);
  }
  if (date.day < 1 || date.day > 31 || date.month < 1 || date.month > 12 ||
      date.year < 0) {
    return std::nullopt;
  }
  return date;
}

// "M/YYYY" (or "II/2017" for quarters): month or quarter and year.
struct MonthYear {
  int number = 0;
  int year = 0;
};
std::optional<MonthYear> ParseMonthYear(std::string_view token) {
  const size_t slash = token.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view head = token.substr(0, slash);
  const std::string_view tail = token.substr(slash + 1);
  if (tail.size() != 4) return std::nullopt;
  const int year = ParseNumber(tail, 4);
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  int number = ParseNumber(head, 2);
  if (number < 0) {
    static constexpr std::array<std::string_view, 4> kRoman = {"I", "II", "III",
                                                               "IV"};
    for (size_t i = 0; i < kRoman.size(); ++i) {
      if (head == kRoman[i]) number = static_cast<int>(i) + 1;
    }
  }
  if (number < 1) return std::nullopt;
  return MonthYear{number, year};
}

int ParseYear(std::string_view token) {
  if (token.size() != 4) return -1;
  const int year = ParseNumber(token, 4);
  return year >= kMinYear && year <= kMaxYear ? year : -1;
}

// Word i of `words`, lower-cased, or "" out of range. Only short words are
// compared against the small vocabularies below.
class WordView {
 public:
  WordView(std::string_view text, const std::vector<ScannedWord>& words)
      : text_(text), words_(words) {}

  [[nodiscard]] size_t size() const { return words_.size(); }
  [[nodiscard]] const ScannedWord& at(size_t i) const { return words_[i]; }
  [[nodiscard]] std::string_view Raw(size_t i) const {
    return words_[i].Text(text_);
  }
  [[nodiscard]] std::string Lower(long i) const {
    if (i < 0 || static_cast<size_t>(i) >= words_.size()) return {};
    const std::string_view raw = words_[static_cast<size_t>(i)].Text(text_);
    if (raw.size() > 24) return {};
    return LowerCase(raw);
  }

 private:
  std::string_view text_;
  const std::vector<ScannedWord>& words_;
};

bool IsTimeOfDay(std::string_view lower) {
  return lower == "sáng" || lower == "chiều" || lower == "tối" ||
         lower == "trưa" || lower == "đêm" || lower == "khuya" ||
         lower == "hôm";
}

// Words allowed between a time-of-day word and the date: "Sáng ngày",
// "Sáng nay (8/2)", "tối hôm qua", "Chiều thứ Hai (4/1)".
bool IsDatelineFiller(std::string_view lower) {
  static constexpr std::array<std::string_view, 16> kFillers = {
      "ngày", "nay", "qua", "hôm", "mai", "thứ",  "hai",  "ba",
      "tư",   "năm", "sáu", "bảy", "chủ", "nhật", "mùng", "mồng"};
  return std::find(kFillers.begin(), kFillers.end(), lower) != kFillers.end();
}

// Weekday named by "Thứ X" / "Chủ nhật": 0 = Sunday; -1 if not a weekday.
int WeekdayOf(std::string_view first_lower, std::string_view second_lower) {
  if (first_lower == "chủ" && second_lower == "nhật") return 0;
  if (first_lower == "cn") return 0;
  if (first_lower != "thứ") return -1;
  static constexpr std::array<std::string_view, 6> kNames = {
      "hai", "ba", "tư", "năm", "sáu", "bảy"};
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (second_lower == kNames[i]) return static_cast<int>(i) + 1;
  }
  const int n = ParseNumber(second_lower, 1);
  if (n >= 2 && n <= 7) return n - 1;
  return -1;
}

// What an article says about the time it was written in.
struct YearEvidence {
  // Periods that the text treats as current, as [first, last] absolute
  // month numbers (year * 12 + month - 1): "6 tháng cuối năm 2023" is current
  // from June to December 2023, "quý 2/2023" from April to September 2023,
  // "tháng 3/2017" from March to May 2017.
  std::vector<std::pair<int, int>> periods;
  // Every year the text mentions as a point in time ("năm 2022", "2/2023",
  // "SEA Games 2017"), except targets ("đến năm 2030").
  std::vector<int> years;
  // Terms of office: "nhiệm kỳ 2020-2025".
  std::vector<std::pair<int, int>> terms;

  [[nodiscard]] int LatestYear() const {
    return years.empty() ? 0 : *std::max_element(years.begin(), years.end());
  }
};

int MonthIndex(int year, int month) { return year * 12 + month - 1; }

// Deadlines and targets ("đến tháng 3/2019", "trước ngày 1/7/2022", "tầm
// nhìn đến năm 2030") say nothing about when the text was written.
bool IsTargetWord(std::string_view lower) {
  return lower == "đến" || lower == "tới" || lower == "trước" ||
         lower == "hết" || lower == "vào" || lower == "nhìn" ||
         lower == "kiến";  // "dự kiến"
}

YearEvidence CollectYearEvidence(std::string_view text) {
  YearEvidence evidence;
  std::vector<ScannedWord> scanned;
  ScanWords(text, scanned);
  const WordView words(text, scanned);
  for (size_t k = 0; k < words.size(); ++k) {
    const ScannedWord& word = words.at(k);
    const long i = static_cast<long>(k);
    const std::string_view raw = words.Raw(k);
    if (word.shape != WordShape::kNumber &&
        !(word.shape == WordShape::kUpper && raw.find('/') != raw.npos)) {
      continue;
    }
    // "đến tháng 3/2019", "trước ngày 1/7/2022", "đến năm 2030" are
    // targets; "từ tháng 1/2016" (since) starts in the past.
    bool since = false;
    {
      long j = i - 1;
      std::string previous = words.Lower(j);
      if (previous == "ngày" || previous == "tháng" || previous == "năm" ||
          previous == "quý") {
        previous = words.Lower(--j);
      }
      if (IsTargetWord(previous)) continue;
      since = previous == "từ" || previous == "hồi";
    }
    if (auto date = ParseNumericDate(raw); date && date->year != 0) {
      // A full date is an event, often a past one ("Sáng 10-5-2015, bị
      // cáo ..." in a 2017 trial report): it bounds the years, nothing more.
      if (IsValidDate(date->year, date->month, date->day)) {
        evidence.years.push_back(date->year);
      }
      continue;
    }
    if (auto month_year = ParseMonthYear(raw)) {
      const std::string previous = words.Lower(i - 1);
      const int n = month_year->number;
      const int y = month_year->year;
      // "tháng 6/2015" is as often last year's event as this month's: it
      // bounds the years only.
      if (!since && previous == "quý" && n <= 4) {
        evidence.periods.emplace_back(MonthIndex(y, 3 * n - 2),
                                      MonthIndex(y, 3 * n) + 1);
      }
      evidence.years.push_back(y);
      continue;
    }
    // A term: "2020-2025" or "2017 - 2022".
    int range_start = -1;
    int range_end = -1;
    if (raw.size() == 9 && raw[4] == '-') {
      range_start = ParseYear(raw.substr(0, 4));
      range_end = ParseYear(raw.substr(5));
    } else if (k + 1 < words.size() && ParseYear(raw) > 0 &&
               (words.at(k + 1).sep_before & kSepDash) != 0) {
      range_start = ParseYear(raw);
      range_end = ParseYear(words.Raw(k + 1));
      ++k;  // the end of the range is not a point in time
    }
    if (range_start > 0 && range_end >= range_start) {
      if (words.Lower(i - 1) == "kỳ" && words.Lower(i - 2) == "nhiệm") {
        evidence.terms.emplace_back(range_start, range_end);
      }
      continue;
    }
    const int year = ParseYear(raw);
    if (year < 0) continue;
    evidence.years.push_back(year);  // "năm 2022", "Đinh Dậu 2017"
    if (words.Lower(i - 1) != "năm") continue;
    const std::string before = words.Lower(i - 2);
    const std::string three_before = words.Lower(i - 3);
    // "6 tháng đầu năm 2023", "6 tháng cuối năm 2023", "tháng 7 năm 2023",
    // "quý 2 năm 2023".
    if (since) {
      // not current
    } else if (three_before == "tháng" && before == "đầu") {
      // Half-year reviews: June to August.
      evidence.periods.emplace_back(MonthIndex(year, 6), MonthIndex(year, 8));
    } else if (three_before == "tháng" && before == "cuối") {
      evidence.periods.emplace_back(MonthIndex(year, 6), MonthIndex(year, 12));
    } else if (three_before == "quý") {
      const int n = ParseNumber(words.Raw(k - 2), 2);
      if (n >= 1 && n <= 4) {
        evidence.periods.emplace_back(MonthIndex(year, 3 * n - 2),
                                      MonthIndex(year, 3 * n) + 1);
      }
    }
  }
  return evidence;
}

}  // namespace

bool IsValidDate(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear) return false;
  // absl normalises 31 February to 3 March: a real day survives the trip.
  const absl::CivilDay civil(year, month, day);
  return civil.year() == year && civil.month() == month && civil.day() == day;
}

std::string FormatIsoDate(const CivilDate& date) {
  return absl::FormatCivilTime(ToCivilDay(date));
}

std::optional<CivilDate> ParseIsoDate(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') {
    return std::nullopt;
  }
  // Exactly four, two and two digits (ParseCivilTime alone would take a
  // sign or a one-digit month).
  for (const int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    const char c = text[static_cast<size_t>(i)];
    if (c < '0' || c > '9') return std::nullopt;
  }
  absl::CivilDay civil;
  const std::string day(text.substr(0, 10));
  if (!absl::ParseCivilTime(day, &civil)) return std::nullopt;
  const CivilDate date{static_cast<int>(civil.year()), civil.month(),
                       civil.day()};
  if (!IsValidDate(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

std::optional<DateLine> ParseDateLine(std::string_view line) {
  std::vector<ScannedWord> scanned;
  ScanWords(line, scanned);
  const WordView words(line, scanned);
  size_t i = 0;
  // Labels: "Cập nhật:", "Ngày đăng:", "Đăng lúc".
  while (i < words.size()) {
    const std::string lower = words.Lower(static_cast<long>(i));
    if (lower == "cập" || lower == "nhật" || lower == "đăng" ||
        lower == "lúc" || lower == "ngày" || lower == "thời" ||
        lower == "gian") {
      ++i;
    } else {
      break;
    }
  }
  int weekday = -1;
  if (i + 1 < words.size()) {
    weekday = WeekdayOf(words.Lower(static_cast<long>(i)),
                        words.Lower(static_cast<long>(i + 1)));
    if (weekday >= 0) i += 2;
  }
  if (weekday < 0 && i < words.size() &&
      words.Lower(static_cast<long>(i)) == "cn") {
    weekday = 0;
    ++i;
  }
  if (i < words.size() && words.Lower(static_cast<long>(i)) == "ngày") ++i;
  if (i >= words.size()) return std::nullopt;
  const auto numeric = ParseNumericDate(words.Raw(i));
  if (!numeric || numeric->year == 0) return std::nullopt;
  DateLine result;
  result.date = CivilDate{numeric->year, numeric->month, numeric->day};
  if (!IsValidDate(result.date.year, result.date.month, result.date.day)) {
    return std::nullopt;
  }
  if (weekday >= 0 && Weekday(result.date) != weekday) return std::nullopt;
  // What may follow: a time ("18:59'(GMT+7)", "18h59", "10:15 AM").
  for (size_t k = i + 1; k < words.size(); ++k) {
    const ScannedWord& word = words.at(k);
    if (word.shape == WordShape::kNumber) {
      result.has_time = true;
      continue;
    }
    const std::string lower = words.Lower(static_cast<long>(k));
    if (lower == "gmt" || lower == "utc" || lower == "am" || lower == "pm" ||
        lower == "giờ" || lower == "h") {
      continue;
    }
    return std::nullopt;
  }
  return result;
}

std::optional<int> InferYear(std::string_view article_text, int month,
                             int day) {
  const YearEvidence evidence = CollectYearEvidence(article_text);
  // The same period written many times ("quý 1/2020" in every paragraph)
  // is one period with a weight: support is then linear in the text, not
  // quadratic (a 128 KB page took 16 s).
  std::map<std::pair<int, int>, int> periods;
  for (const auto& [first, last] : evidence.periods) ++periods[{first, last}];
  // Candidate years: those whose current periods or dates hold the event.
  std::map<int, int> support;
  std::set<int> tried;
  auto consider = [&](int year) {
    if (!tried.insert(year).second || !IsValidDate(year, month, day)) return;
    int count = 0;
    const int index = MonthIndex(year, month);
    for (const auto& [period, weight] : periods) {
      if (index >= period.first && index <= period.second) count += weight;
    }
    if (count > 0) support[year] = count;
  };
  for (const auto& [period, weight] : periods) {
    for (int year = period.first / 12; year <= period.second / 12; ++year) {
      consider(year);
    }
  }
  for (int year : evidence.years) consider(year);
  int best = -1;
  int best_support = 0;
  bool tie = false;
  for (const auto& [year, count] : support) {
    if (count > best_support) {
      best = year;
      best_support = count;
      tie = false;
    } else if (count == best_support) {
      tie = true;
    }
  }
  if (best < 0 || tie) return std::nullopt;
  // The event is "now": no year the text mentions comes after it.
  if (evidence.LatestYear() > best) return std::nullopt;
  if (!evidence.terms.empty()) {
    bool inside = false;
    for (const auto& [from, to] : evidence.terms) {
      if (best >= from && best <= to) inside = true;
    }
    if (!inside) return std::nullopt;
  }
  return best;
}

std::optional<CivilDate> FindDateline(std::string_view opening,
                                      std::string_view article_text) {
  std::vector<ScannedWord> scanned;
  ScanWords(opening, scanned);
  const WordView words(opening, scanned);
  for (size_t k = 0; k < words.size(); ++k) {
    const ScannedWord& word = words.at(k);
    if (word.shape != WordShape::kLower &&
        word.shape != WordShape::kCapitalized) {
      continue;
    }
    const std::string lower = words.Lower(static_cast<long>(k));
    // Datelines open a sentence ("Sáng 9/6, ...") or a clause ("Theo đó,
    // ngày 5/6, ..."); a date inside a clause refers to something else.
    const bool sentence_start =
        (word.sep_before & (kSepSentence | kSepLineBreak)) != 0;
    const bool clause_start =
        sentence_start || (word.sep_before & kSepComma) != 0;
    if (!(IsTimeOfDay(lower) && clause_start) &&
        !(lower == "ngày" && sentence_start)) {
      continue;
    }
    size_t j = k + 1;
    for (int fillers = 0; fillers < 3 && j < words.size(); ++fillers) {
      if (words.at(j).shape == WordShape::kNumber) break;
      if (!IsDatelineFiller(words.Lower(static_cast<long>(j)))) break;
      ++j;
    }
    if (j >= words.size() || words.at(j).shape != WordShape::kNumber) continue;
    if ((words.at(j).sep_before & ~kSepOpenParen) != 0) continue;
    NumericDate date;
    if (auto numeric = ParseNumericDate(words.Raw(j))) {
      date = *numeric;
    } else if (j + 2 < words.size() &&
               words.Lower(static_cast<long>(j + 1)) == "tháng") {
      // "ngày 20 tháng 7 năm 2023"
      date.day = ParseNumber(words.Raw(j), 2);
      date.month = ParseNumber(words.Raw(j + 2), 2);
      if (j + 4 < words.size() &&
          words.Lower(static_cast<long>(j + 3)) == "năm") {
        date.year = ParseYear(words.Raw(j + 4));
      }
      if (date.day < 1 || date.month < 1 || date.year < 0) continue;
    } else {
      continue;
    }
    if (date.year == 0) {
      const std::optional<int> year =
          InferYear(article_text, date.month, date.day);
      if (!year) return std::nullopt;
      date.year = *year;
    } else if (CollectYearEvidence(article_text).LatestYear() > date.year + 1) {
      // "Ngày 6/2/1952, vua George VI từ trần ..." in a 2017 article: a
      // date in history, not the article's.
      return std::nullopt;
    }
    if (!IsValidDate(date.year, date.month, date.day)) return std::nullopt;
    return CivilDate{date.year, date.month, date.day};
  }
  return std::nullopt;
}

std::string ExtractArticleDate(
    const std::vector<std::string_view>& header_lines, std::string_view opening,
    std::string_view article_text) {
  std::optional<CivilDate> bare;
  for (std::string_view line : header_lines) {
    const std::optional<DateLine> parsed = ParseDateLine(line);
    if (!parsed) continue;
    if (parsed->has_time) return FormatIsoDate(parsed->date);
    if (!bare) bare = parsed->date;
  }
  if (std::optional<CivilDate> dateline = FindDateline(opening, article_text)) {
    return FormatIsoDate(*dateline);
  }
  if (bare) {
    const YearEvidence evidence = CollectYearEvidence(article_text);
    if (std::find(evidence.years.begin(), evidence.years.end(), bare->year) !=
        evidence.years.end()) {
      return FormatIsoDate(*bare);
    }
  }
  return "";
}

}  // namespace vnsearch
