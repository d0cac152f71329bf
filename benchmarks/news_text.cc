#include "benchmarks/news_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string>

namespace vnsearch::bench {
namespace {

bool IsOpening(UChar32 c) {
  switch (c) {
    case '(':
    case '[':
    case '{':
    case '"':
    case '\'':
    case 0x201C:
    case 0x2018:
    case 0x00AB:  // “ ‘ «
      return true;
    default:
      return false;
  }
}

bool IsClosing(UChar32 c) {
  switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case ')':
    case ']':
    case '}':
    case '"':
    case '\'':
    case 0x201D:
    case 0x2019:
    case 0x00BB:
    case 0x2026:  // ” ’ » …
      return true;
    default:
      return false;
  }
}

// The code point starting at `i`; advances `i`.
UChar32 NextCodePoint(std::string_view s, size_t& i) {
  int32_t offset = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), offset, static_cast<int32_t>(s.size()), c);
  i = static_cast<size_t>(offset);
  return c;
}

// The code point ending at `end`, and where it starts.
UChar32 PreviousCodePoint(std::string_view s, size_t end, size_t& start) {
  int32_t offset = static_cast<int32_t>(end);
  UChar32 c;
  U8_PREV(s.data(), 0, offset, c);
  start = static_cast<size_t>(offset);
  return c;
}

void SplitChunk(std::string_view chunk, std::vector<RawToken>& out) {
  size_t begin = 0;
  while (begin < chunk.size()) {
    size_t next = begin;
    if (!IsOpening(NextCodePoint(chunk, next)) || next >= chunk.size()) break;
    out.push_back({chunk.substr(begin, next - begin), RawKind::kOpen});
    begin = next;
  }
  // Trailing punctuation, collected backwards.
  size_t end = chunk.size();
  std::array<std::string_view, 8> closing;
  size_t num_closing = 0;
  while (end > begin && num_closing < closing.size()) {
    size_t start = 0;
    if (!IsClosing(PreviousCodePoint(chunk, end, start))) break;
    // "..." stays one token.
    if (chunk[end - 1] == '.' && num_closing > 0 &&
        closing[num_closing - 1].front() == '.') {
      closing[num_closing - 1] =
          chunk.substr(start, closing[num_closing - 1].size() + 1);
    } else {
      closing[num_closing++] = chunk.substr(start, end - start);
    }
    end = start;
  }
  if (end > begin)
    out.push_back({chunk.substr(begin, end - begin), RawKind::kWord});
  while (num_closing > 0) {
    out.push_back({closing[--num_closing], RawKind::kClose});
  }
}

constexpr std::array<std::string_view, 32> kRoles = {
    "Thủ tướng",
    "Phó Thủ tướng",
    "Bộ trưởng",
    "Thứ trưởng",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Tổng Bí thư",
    "Bí thư",
    "Phó Bí thư",
    "Giám đốc",
    "Phó Giám đốc",
    "Tổng Giám đốc",
    "Chủ nhiệm",
    "Tổng thống",
    "Đại sứ",
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Chánh án",
    "Viện trưởng",
    "Cục trưởng",
    "Tổng cục trưởng",
    "Trưởng ban",
    "Phó Trưởng ban",
    "Tổng Thanh tra",
    "Chánh Văn phòng",
    "Người phát ngôn",
    "Thống đốc",
    "Đại biểu",
    "Phó Thủ tướng Thường trực",
    "Thủ trưởng",
};

constexpr std::array<std::string_view, 48> kSurnames = {
    "Nguyễn", "Trần",   "Lê",    "Phạm", "Hoàng", "Huỳnh", "Phan",   "Vũ",
    "Võ",     "Đặng",   "Bùi",   "Đỗ",   "Hồ",    "Ngô",   "Dương",  "Lý",
    "Đinh",   "Trương", "Mai",   "Tô",   "Lương", "Đào",   "Đoàn",   "Hà",
    "Tạ",     "Chu",    "Cao",   "Lâm",  "Thái",  "Trịnh", "Vương",  "Triệu",
    "Nông",   "Tống",   "Kiều",  "Lưu",  "Quách", "Hứa",   "Đàm",    "Lại",
    "Giang",  "Châu",   "Phùng", "Tăng", "Thân",  "Mạc",   "Nghiêm", "Doãn",
};

// `word` equals `expected`, except that the first letter may differ in case.
bool SameWordFoldingFirst(std::string_view word, std::string_view expected) {
  if (word == expected) return true;
  if (word.empty() || expected.empty()) return false;
  size_t i = 0, j = 0;
  const UChar32 a = NextCodePoint(word, i);
  const UChar32 b = NextCodePoint(expected, j);
  return u_tolower(a) == u_tolower(b) && word.substr(i) == expected.substr(j);
}

// Number of tokens of the role starting at `at`, or 0.
size_t MatchRole(const std::vector<RawToken>& tokens, size_t at) {
  size_t best = 0;
  for (std::string_view role : kRoles) {
    size_t k = at;
    size_t pos = 0;
    bool ok = true;
    while (pos < role.size()) {
      const size_t space = role.find(' ', pos);
      const std::string_view part = role.substr(
          pos, space == std::string_view::npos ? std::string_view::npos
                                               : space - pos);
      if (k >= tokens.size() || tokens[k].kind != RawKind::kWord ||
          !SameWordFoldingFirst(tokens[k].text, part)) {
        ok = false;
        break;
      }
      ++k;
      pos = space == std::string_view::npos ? role.size() : space + 1;
    }
    if (ok && k - at > best) best = k - at;
  }
  return best;
}

// Places that start with a surname and follow roles ("Bí thư Thành ủy Hà
// Nội"); never taken for a name.
constexpr std::array<std::string_view, 12> kPlaces = {
    "Hà Nội",   "Hà Tĩnh",     "Hà Nam",    "Hà Giang",
    "Cao Bằng", "Lâm Đồng",    "Thái Bình", "Thái Nguyên",
    "Thái Lan", "Hồ Chí Minh", "Hà Lan",    "Triều Tiên",
};

bool IsPlace(const std::vector<RawToken>& tokens, size_t begin, size_t end) {
  for (std::string_view place : kPlaces) {
    size_t k = begin;
    size_t pos = 0;
    while (k < end && pos <= place.size()) {
      const size_t space = std::min(place.find(' ', pos), place.size());
      if (tokens[k].text != place.substr(pos, space - pos)) break;
      ++k;
      pos = space + 1;
    }
    if (k == end && pos > place.size()) return true;
  }
  return false;
}

bool IsSurname(std::string_view word) {
  for (std::string_view surname : kSurnames) {
    if (word == surname) return true;
  }
  return false;
}

bool MayStartRole(std::string_view word) {
  if (word.empty()) return false;
  switch (word[0]) {
    case 'T':
    case 't':
    case 'P':
    case 'p':
    case 'B':
    case 'b':
    case 'C':
    case 'c':
    case 'G':
    case 'g':
    case 'V':
    case 'v':
    case 'N':
    case 'n':
    case '\xC4':  // Đ đ
      return true;
    default:
      return false;
  }
}

}  // namespace

void SplitRawTokens(std::string_view text, std::vector<RawToken>& out) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
            text[i] == '\r' || text[i] == '\f' || text[i] == '\v')) {
      ++i;
    }
    const size_t begin = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' &&
           text[i] != '\n' && text[i] != '\r' && text[i] != '\f' &&
           text[i] != '\v') {
      ++i;
    }
    if (i > begin) SplitChunk(text.substr(begin, i - begin), out);
  }
}

bool StartsUppercase(std::string_view token) {
  if (token.empty()) return false;
  size_t i = 0;
  return u_isupper(NextCodePoint(token, i));
}

bool IsAlphabetic(std::string_view token) {
  if (token.empty()) return false;
  for (size_t i = 0; i < token.size();) {
    const UChar32 c = NextCodePoint(token, i);
    if (c < 0 || !(u_isalpha(c) || u_hasBinaryProperty(c, UCHAR_DIACRITIC))) {
      return false;
    }
  }
  return true;
}

std::string ToLower(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (size_t i = 0; i < token.size();) {
    const size_t begin = i;
    const UChar32 c = NextCodePoint(token, i);
    if (c < 0) {
      out.append(token.substr(begin, i - begin));
      continue;
    }
    char buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, u_tolower(c));
    out.append(buffer, static_cast<size_t>(length));
  }
  return out;
}

bool EndsSentence(std::string_view token) {
  return token == "." || token == "!" || token == "?" || token == "…" ||
         token == "...";
}

void FindOfficialMentions(const std::vector<RawToken>& tokens,
                          std::vector<OfficialMention>& out) {
  constexpr size_t kWindow = 10;  // tokens looked at after the role
  auto capitalised = [&](size_t k) {
    return tokens[k].kind == RawKind::kWord &&
           StartsUppercase(tokens[k].text) && IsAlphabetic(tokens[k].text);
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != RawKind::kWord || !MayStartRole(tokens[i].text)) {
      continue;
    }
    const size_t role_length = MatchRole(tokens, i);
    if (role_length == 0) continue;
    // The name ends a run of capitalised words ("UBND TP Hà Nội Nguyễn Đức
    // Chung"): its last three syllables, else four ("Nguyễn Thị Kim
    // Ngân"), else two, starting with a surname.
    const size_t limit = std::min(tokens.size(), i + role_length + kWindow);
    size_t k = i + role_length;
    bool found = false;
    while (k < limit && !found) {
      if (tokens[k].kind != RawKind::kWord) break;
      if (!capitalised(k)) {
        ++k;
        continue;
      }
      size_t end = k;
      while (end < tokens.size() && capitalised(end)) ++end;
      for (size_t length : {3, 4, 2}) {
        if (end - k < length || !IsSurname(tokens[end - length].text) ||
            IsPlace(tokens, end - length, end)) {
          continue;
        }
        out.push_back({i, end - length, end});
        found = true;
        i = end - 1;
        break;
      }
      k = end;
    }
  }
}

}  // namespace vnsearch::bench
