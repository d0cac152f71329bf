#include "common/analysis/word_normalizer.h"

#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "common/base/utf8.h"

namespace vnsearch {
namespace {

bool IsVowel(char32_t b) {
  return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' || b == 'y';
}

bool IsMark(UChar32 c) {
  const int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
         type == U_ENCLOSING_MARK;
}

// Index of the letter that carries the tone in a Vietnamese syllable, or -1
// when `letters` is not shaped like one (then nothing is moved).
int CanonicalToneIndex(const std::vector<LetterParts>& letters) {
  const int n = static_cast<int>(letters.size());
  for (const LetterParts& l : letters) {
    if (!((l.base >= 'a' && l.base <= 'z') || l.base == U'đ')) return -1;
  }
  int start = 0;
  if (n >= 3 && letters[0].base == 'q' && letters[1].base == 'u' &&
      letters[1].quality == 0) {
    start = 2;  // "qu" is a consonant
  } else if (n >= 3 && letters[0].base == 'g' && letters[1].base == 'i' &&
             letters[1].quality == 0 && IsVowel(letters[2].base)) {
    start = 2;  // "gi" before a vowel is a consonant
  }
  int v0 = start;
  while (v0 < n && !IsVowel(letters[v0].base)) ++v0;
  if (v0 == n) return -1;
  int v1 = v0;
  while (v1 < n && IsVowel(letters[v1].base)) ++v1;
  for (int i = v1; i < n; ++i) {
    if (IsVowel(letters[i].base)) return -1;  // two vowel clusters
  }
  int last_quality = -1;
  for (int i = v0; i < v1; ++i) {
    if (letters[i].quality != 0) last_quality = i;
  }
  if (last_quality >= 0) return last_quality;
  const int size = v1 - v0;
  if (size == 1) return v0;
  if (v1 < n) return v1 - 1;  // closed syllable: "hoàng", "toán"
  // Open syllable of two vowels: the tone sits on the first, the traditional
  // placement most Vietnamese news uses ("hòa", "khỏe", "thủy", "mùa", "hài").
  if (size == 2) return v0;
  if (size == 3) return v0 + 1;  // "ngoài", "khuỷu"
  return -1;
}

// The characters that join the runs of a compound (see tokenizer.h), and the
// '%' of "20%": each run between them is a word of its own for tone
// placement ("hoà-bình" -> "hòa-bình").
bool IsJoinerChar(UChar32 c) {
  return c == '-' || c == '/' || c == '&' || c == '_' || c == '\'' ||
         c == 0x2019 || c == '.' || c == ',' || c == '%';
}

}  // namespace

void WordNormalizer::Normalize(std::string_view word, std::string& exact,
                               std::string& folded) const {
  exact.clear();
  folded.clear();
  std::vector<LetterParts> letters;
  letters.reserve(word.size());
  for (const CodePoint cp : Utf8CodePoints(word)) {
    const UChar32 c = cp.c;
    if (c < 0) continue;  // invalid bytes are dropped
    if (c >= 0x300 && IsMark(c)) {
      const auto mark = static_cast<char32_t>(c);
      if (letters.empty()) continue;
      LetterParts& prev = letters.back();
      if (IsQualityMark(mark) && prev.quality == 0) {
        prev.quality = mark;
      } else if (IsToneMark(mark) && prev.tone == 0) {
        prev.tone = mark;
      } else {
        return NormalizeWithIcu(word, exact, folded);
      }
      continue;
    }
    if (IsJoinerChar(c)) {
      if (!AppendSyllable(letters, exact, folded)) {
        return NormalizeWithIcu(word, exact, folded);
      }
      letters.clear();
      AppendUtf8(c, exact);
      AppendUtf8(c, folded);
      continue;
    }
    LetterParts parts = table_->Split(static_cast<char32_t>(c));
    if (!parts.known) return NormalizeWithIcu(word, exact, folded);
    letters.push_back(parts);
  }
  if (!AppendSyllable(letters, exact, folded)) {
    NormalizeWithIcu(word, exact, folded);
  }
}

bool WordNormalizer::AppendSyllable(std::vector<LetterParts>& letters,
                                    std::string& exact,
                                    std::string& folded) const {
  int tones = 0;
  int toned = -1;
  for (int i = 0; i < static_cast<int>(letters.size()); ++i) {
    if (letters[i].tone != 0) {
      ++tones;
      toned = i;
    }
  }
  if (tones == 1) {
    const int target = CanonicalToneIndex(letters);
    if (target >= 0 && target != toned) {
      letters[target].tone = letters[toned].tone;
      letters[toned].tone = 0;
    }
  }

  for (const LetterParts& l : letters) {
    const char32_t composed = table_->Compose(l.base, l.quality, l.tone);
    if (composed == 0) return false;
    AppendUtf8(static_cast<UChar32>(composed), exact);
    if (l.base < 0x80) {
      folded.push_back(static_cast<char>(l.base));
    } else {
      const std::string& ascii = table_->AsciiBase(l.base);
      if (ascii.empty()) {
        AppendUtf8(static_cast<UChar32>(l.base), folded);
      } else {
        folded += ascii;
      }
    }
  }
  return true;
}

void WordNormalizer::NormalizeWithIcu(std::string_view word, std::string& exact,
                                      std::string& folded) const {
  exact.clear();
  folded.clear();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return;  // CharTable::Create already loaded them
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  text.foldCase();
  icu::UnicodeString composed = nfc->normalize(text, status);
  icu::UnicodeString decomposed = nfd->normalize(text, status);
  if (U_FAILURE(status)) return;
  composed.toUTF8String(exact);
  // The letters without their marks, composed again (NFC): left decomposed,
  // a Hangul syllable would fold to three jamo, three times its bytes, and
  // a pair of such words would pass Xapian's term limit. Composed, a folded
  // form is never longer than the exact one.
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i = decomposed.moveIndex32(i, 1);
    if (IsMark(c)) continue;
    const LetterParts parts = table_->Split(static_cast<char32_t>(c));
    if (parts.known && parts.base >= 0x80 &&
        !table_->AsciiBase(parts.base).empty()) {
      stripped.append(icu::UnicodeString::fromUTF8(icu::StringPiece(
          table_->AsciiBase(parts.base).data(),
          static_cast<int32_t>(table_->AsciiBase(parts.base).size()))));
    } else {
      stripped.append(c);
    }
  }
  nfc->normalize(stripped, status).toUTF8String(folded);
  if (U_FAILURE(status)) folded = exact;
}

}  // namespace vnsearch
