#include "common/document/word_scanner.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>

#include "common/base/utf8.h"

namespace vnsearch {
namespace {

bool IsDigit(UChar32 c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return u_isdigit(c);
}

// The scanner's word for a word or compound span: its shape and whether it
// is a plain name word, from the letters of its text.
ScannedWord ToScannedWord(std::string_view text, const TokenSpan& span) {
  ScannedWord word;
  word.begin = span.begin;
  word.end = span.end;
  word.sep_before = span.separators;
  const std::string_view raw = word.Text(text);
  const bool starts_with_digit = IsDigit(DecodeUtf8(raw, 0).c);
  bool has_digit = false;
  bool first_letter_seen = false;
  bool first_upper = false;
  int letters = 0;
  int uppers = 0;
  for (const CodePoint cp : Utf8CodePoints(raw)) {
    const UChar32 c = cp.c;
    if (c >= 'a' && c <= 'z') {  // the common case
      ++letters;
      first_letter_seen = true;
      continue;
    }
    if (!IsWordCodePoint(c)) continue;  // a joiner
    if (c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : u_isalpha(c)) {
      const bool upper =
          c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(c) || u_istitle(c));
      ++letters;
      if (upper) ++uppers;
      if (!first_letter_seen) {
        first_letter_seen = true;
        first_upper = upper;
      }
    } else if (IsDigit(c)) {
      has_digit = true;
    }
  }
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
  word.joined =
      starts_with_digit || has_digit || (span.joiners & ~kJoinHyphen) != 0;
  return word;
}

}  // namespace

void ScanWords(std::string_view text, std::vector<ScannedWord>& out) {
  std::vector<TokenSpan> spans;
  Tokenize(text, spans);
  for (const TokenSpan& span : spans) {
    if (span.kind != TokenKind::kPart && !span.inner) {
      out.push_back(ToScannedWord(text, span));
    }
  }
}

bool HasWord(std::string_view text) {
  for (const CodePoint cp : Utf8CodePoints(text)) {
    if (IsWordCodePoint(cp.c)) return true;
  }
  return false;
}

size_t CountWords(std::string_view text) {
  std::vector<TokenSpan> spans;
  Tokenize(text, spans);
  size_t count = 0;
  for (const TokenSpan& span : spans) {
    if (span.kind != TokenKind::kPart && !span.inner) ++count;
  }
  return count;
}

std::string CapitalizeFirst(std::string_view word) {
  std::string out;
  if (word.empty()) return out;
  const CodePoint cp = DecodeUtf8(word, 0);
  if (cp.c < 0) return std::string(word);
  AppendUtf8(u_toupper(cp.c), out);
  out.append(word.substr(cp.end));
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
    const CodePoint cp = DecodeUtf8(text, begin);
    if (!IsSpaceCodePoint(cp.c)) break;
    begin = cp.end;
  }
  size_t end = text.size();
  while (end > begin) {
    const CodePoint cp = DecodeUtf8Before(text, begin, end);
    if (!IsSpaceCodePoint(cp.c)) break;
    end = cp.begin;
  }
  return text.substr(begin, end - begin);
}

}  // namespace vnsearch
