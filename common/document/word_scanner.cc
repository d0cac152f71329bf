#include "common/document/word_scanner.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>

#include "common/base/utf8.h"

namespace vnsearch {
namespace {

struct Decoded {
  UChar32 c;
  int32_t length;
};

inline Decoded Decode(std::string_view text, size_t pos) {
  const CodePoint cp = DecodeUtf8(text, pos);
  return {cp.c, static_cast<int32_t>(cp.end - cp.begin)};
}

bool IsMark(UChar32 c) {
  const int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
         type == U_ENCLOSING_MARK;
}

// Letters, digits and combining marks.
inline bool IsWordChar(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
  }
  if (c < 0) return false;
  return u_isalnum(c) || IsMark(c);
}

bool IsDigit(UChar32 c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return u_isdigit(c);
}

bool IsJoiner(UChar32 c) {
  return c == '-' || c == '/' || c == '&' || c == '.' || c == '\'' ||
         c == 0x2019;
}

bool IsSpace(UChar32 c) {
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' ||
           c == '\n';
  if (c < 0) return false;
  return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF;
}

uint16_t SepBitsOf(UChar32 c) {
  switch (c) {
    case ',':
      return kSepComma;
    case ';':
      return kSepSemicolon;
    case ':':
      return kSepColon;
    case '.':
    case '!':
    case '?':
    case 0x2026:  // …
      return kSepSentence;
    case '\n':
      return kSepLineBreak;
    case '-':
    case 0x2013:  // –
    case 0x2014:  // —
      return kSepDash;
    case '(':
    case '[':
    case '{':
      return kSepOpenParen;
    case ')':
    case ']':
    case '}':
      return kSepCloseParen;
    case '"':
    case '\'':
    case 0x201C:
    case 0x201D:
    case 0x2018:
    case 0x2019:
    case 0x00AB:
    case 0x00BB:
      return kSepQuote;
    default:
      return IsSpace(c) ? 0 : kSepOther;
  }
}

// Calls on_word(ScannedWord) for each word of `text`.
template <typename OnWord>
void Scan(std::string_view text, OnWord&& on_word) {
  uint16_t sep = kSepLineBreak;
  size_t pos = 0;
  const size_t n = text.size();
  while (pos < n) {
    const unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b == ' ') {  // the common case
      ++pos;
      continue;
    }
    Decoded cp = Decode(text, pos);
    if (!IsWordChar(cp.c)) {
      sep |= SepBitsOf(cp.c);
      pos += cp.length;
      continue;
    }
    ScannedWord word;
    word.begin = static_cast<uint32_t>(pos);
    word.sep_before = sep;
    sep = 0;
    const bool starts_with_digit = IsDigit(cp.c);
    bool first_letter_seen = false;
    bool first_upper = false;
    int letters = 0;
    int uppers = 0;
    bool plain = !starts_with_digit;
    while (pos < n) {
      const unsigned char next_byte = static_cast<unsigned char>(text[pos]);
      if (next_byte >= 'a' && next_byte <= 'z') {  // the common case
        ++letters;
        if (!first_letter_seen) first_letter_seen = true;
        ++pos;
        continue;
      }
      cp = Decode(text, pos);
      if (IsWordChar(cp.c)) {
        if (cp.c < 0x80 ? ((cp.c | 0x20) >= 'a' && (cp.c | 0x20) <= 'z')
                        : u_isalpha(cp.c)) {
          const bool upper = cp.c < 0x80 ? (cp.c >= 'A' && cp.c <= 'Z')
                                         : (u_isupper(cp.c) || u_istitle(cp.c));
          ++letters;
          if (upper) ++uppers;
          if (!first_letter_seen) {
            first_letter_seen = true;
            first_upper = upper;
          }
        } else if (IsDigit(cp.c)) {
          plain = false;
        }
        pos += cp.length;
        continue;
      }
      if (IsJoiner(cp.c) && pos + cp.length < n) {
        const Decoded next = Decode(text, pos + cp.length);
        if (IsWordChar(next.c) && !IsMark(next.c)) {
          if (cp.c != '-') plain = false;
          pos += cp.length;
          continue;
        }
      }
      break;
    }
    word.end = static_cast<uint32_t>(pos);
    if (starts_with_digit) {
      word.shape = WordShape::kNumber;
    } else if (uppers == 0) {
      word.shape = WordShape::kLower;
    } else if (first_upper && uppers == 1) {
      word.shape = WordShape::kCapitalized;
    } else if (uppers == letters) {
      word.shape = WordShape::kUpper;
    } else {
      word.shape = WordShape::kMixed;
    }
    word.joined = !plain;
    on_word(word);
  }
}

}  // namespace

void ScanWords(std::string_view text, std::vector<ScannedWord>& out) {
  Scan(text, [&out](const ScannedWord& word) { out.push_back(word); });
}

bool HasWord(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const Decoded cp = Decode(text, pos);
    if (IsWordChar(cp.c)) return true;
    pos += static_cast<size_t>(cp.length);
  }
  return false;
}

size_t CountWords(std::string_view text) {
  size_t count = 0;
  Scan(text, [&count](const ScannedWord&) { ++count; });
  return count;
}

std::string CapitalizeFirst(std::string_view word) {
  std::string out;
  if (word.empty()) return out;
  const Decoded cp = Decode(word, 0);
  if (cp.c < 0) return std::string(word);
  AppendUtf8(u_toupper(cp.c), out);
  out.append(word.substr(static_cast<size_t>(cp.length)));
  return out;
}

std::string LowerCase(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  // Root locale, no options; ill-formed sequences are copied unchanged.
  icu::CaseMap::utf8ToLower(
      "", 0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
      sink, nullptr, status);
  if (U_FAILURE(status)) return std::string(text);  // only on overflow
  return out;
}

std::string_view TrimSpace(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size()) {
    const Decoded cp = Decode(text, begin);
    if (!IsSpace(cp.c)) break;
    begin += static_cast<size_t>(cp.length);
  }
  int32_t end = static_cast<int32_t>(text.size());
  while (end > static_cast<int32_t>(begin)) {
    const CodePoint cp = DecodeUtf8Before(text, begin, end);
    if (!IsSpace(cp.c)) break;
    end = static_cast<int32_t>(cp.begin);
  }
  return text.substr(begin, static_cast<size_t>(end) - begin);
}

}  // namespace vnsearch
