#include "common/restore/syllable.h"

#include <algorithm>

#include "common/base/utf8.h"

namespace vnsearch {
namespace {

bool IsVowelBase(char32_t b) {
  return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' || b == 'y';
}

// Vowel clusters (toneless) by what may follow them.
constexpr std::string_view kFinalOptional[] = {
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy"};
constexpr std::string_view kFinalRequired[] = {
    "ă", "â", "oă", "uâ", "iê", "yê", "uyê", "uô", "ươ", "oo", "ôô"};
constexpr std::string_view kOpenOnly[] = {
    "ai",  "ao",  "au",  "ay",  "âu",  "ây",  "eo",  "êu",  "ia",  "iu",
    "oi",  "ôi",  "ơi",  "ui",  "ưi",  "ưu",  "ua",  "ưa",  "iêu", "yêu",
    "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu",
    "uơ"};
constexpr std::string_view kFinals[] = {"c", "ch", "m", "n",
                                        "ng", "nh", "p", "t"};
// Longest first, so that "ngh" wins over "ng" and "n".
constexpr std::string_view kInitials[] = {
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c",
    "d",   "đ",  "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",
    "v",   "x"};

template <size_t N>
bool In(const std::string_view (&set)[N], std::string_view s) {
  return std::find(std::begin(set), std::end(set), s) != std::end(set);
}

bool IsMarkCodePoint(UChar32 c) {
  return IsToneMark(static_cast<char32_t>(c)) ||
         IsQualityMark(static_cast<char32_t>(c));
}

}  // namespace

std::vector<LetterParts> SyllableRules::Letters(std::string_view word) const {
  std::vector<LetterParts> letters;
  for (const CodePoint cp : Utf8CodePoints(word)) {
    if (cp.c < 0) return {};
    if (cp.c >= 0x300 && IsMarkCodePoint(cp.c)) {
      if (letters.empty()) return {};
      LetterParts& prev = letters.back();
      const auto mark = static_cast<char32_t>(cp.c);
      if (IsQualityMark(mark) && prev.quality == 0) {
        prev.quality = mark;
      } else if (IsToneMark(mark) && prev.tone == 0) {
        prev.tone = mark;
      } else {
        return {};
      }
      continue;
    }
    const LetterParts parts = table_->Split(static_cast<char32_t>(cp.c));
    if (!parts.known) return {};
    letters.push_back(parts);
  }
  return letters;
}

std::string SyllableRules::Compose(
    const std::vector<LetterParts>& letters) const {
  std::string out;
  for (const LetterParts& l : letters) {
    const char32_t c = table_->Compose(l.base, l.quality, l.tone);
    if (c == 0) return "";
    AppendUtf8(static_cast<UChar32>(c), out);
  }
  return out;
}

bool SyllableRules::IsSyllable(const std::vector<LetterParts>& letters) const {
  const size_t n = letters.size();
  if (n == 0 || n > 7) return false;
  int tones = 0;
  char32_t tone = 0;
  for (const LetterParts& l : letters) {
    const bool letter = (l.base >= 'a' && l.base <= 'z') || l.base == U'đ';
    if (!letter) return false;
    if (l.base == 'f' || l.base == 'j' || l.base == 'w' || l.base == 'z') {
      return false;
    }
    if (l.tone != 0) {
      if (!IsVowelBase(l.base)) return false;
      ++tones;
      tone = l.tone;
    }
    if (l.quality != 0) {
      const bool ok = (l.quality == kCircumflex &&
                       (l.base == 'a' || l.base == 'e' || l.base == 'o')) ||
                      (l.quality == kBreve && l.base == 'a') ||
                      (l.quality == kHorn && (l.base == 'o' || l.base == 'u'));
      if (!ok) return false;
    }
  }
  if (tones > 1) return false;

  // The letters as toneless text, to match against the spelling tables.
  std::vector<LetterParts> plain = letters;
  for (LetterParts& l : plain) l.tone = 0;
  const std::string text = Compose(plain);
  std::vector<size_t> offsets;  // byte offset of each letter in `text`
  {
    size_t pos = 0;
    for (const LetterParts& l : plain) {
      offsets.push_back(pos);
      std::string one;
      AppendUtf8(static_cast<UChar32>(table_->Compose(l.base, l.quality, 0)),
                 one);
      pos += one.size();
    }
    offsets.push_back(pos);
  }
  auto sub = [&](size_t from, size_t to) {
    return std::string_view(text).substr(offsets[from],
                                         offsets[to] - offsets[from]);
  };

  // Initial consonant.
  size_t v0 = 0;
  for (std::string_view initial : kInitials) {
    const size_t len = initial == "đ" ? 1 : initial.size();
    if (len > n || sub(0, len) != initial) continue;
    if (initial == "gi" || initial == "qu") {
      // A consonant only before another vowel ("gìn" is g + in).
      if (len >= n || !IsVowelBase(plain[len].base)) {
        if (initial == "qu") return false;
        continue;
      }
    }
    v0 = len;
    break;
  }
  if (v0 == 0 && n > 0 && !IsVowelBase(plain[0].base)) return false;
  size_t v1 = v0;
  while (v1 < n && IsVowelBase(plain[v1].base)) ++v1;
  if (v1 == v0 || v1 - v0 > 3) return false;
  const std::string_view initial = sub(0, v0);
  const std::string_view cluster = sub(v0, v1);
  const std::string_view final = sub(v1, n);
  if (!final.empty() && !In(kFinals, final)) return false;

  const bool optional = In(kFinalOptional, cluster);
  const bool required = In(kFinalRequired, cluster);
  const bool open = In(kOpenOnly, cluster);
  if (!optional && !required && !open) return false;
  if (required && final.empty()) return false;
  if (open && !final.empty()) return false;

  // Spelling of the initial before front vowels.
  const char32_t first = plain[v0].base;
  const bool front = first == 'i' || first == 'e' || first == 'y';
  if ((initial == "k" || initial == "gh" || initial == "ngh") && !front) {
    return false;
  }
  if ((initial == "c" || initial == "ng" || (initial == "g" && first != 'i')) &&
      front) {
    return false;
  }
  // Stop finals take only sắc or nặng.
  if ((final == "c" || final == "ch" || final == "p" || final == "t") &&
      !(tone == kAcute || tone == kDotBelow)) {
    return false;
  }
  return true;
}

}  // namespace vnsearch
