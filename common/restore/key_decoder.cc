#include "common/restore/key_decoder.h"

#include "absl/strings/ascii.h"
#include "common/base/absl_compat.h"

namespace vnsearch {
namespace {

bool IsVowelBase(char32_t b) {
  return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' || b == 'y';
}

bool HasVowel(const std::vector<LetterParts>& letters) {
  for (const LetterParts& l : letters) {
    if (IsVowelBase(l.base)) return true;
  }
  return false;
}

LetterParts Plain(char c) {
  LetterParts l;
  l.base = static_cast<char32_t>(c);
  l.known = true;
  return l;
}

char32_t TelexTone(char c) {
  switch (c) {
    case 's': return kAcute;
    case 'f': return kGrave;
    case 'r': return kHookAbove;
    case 'x': return kTilde;
    case 'j': return kDotBelow;
    default: return 0;
  }
}

// Index of the vowel a quality key applies to: the last vowel with base in
// `bases` and no quality yet, with only consonants after it; -1 if none.
int QualityTarget(const std::vector<LetterParts>& letters,
                  std::string_view bases) {
  for (int i = static_cast<int>(letters.size()) - 1; i >= 0; --i) {
    const LetterParts& l = letters[i];
    if (bases.find(static_cast<char>(l.base)) != std::string_view::npos &&
        l.base < 0x80 && l.quality == 0) {
      return i;
    }
  }
  return -1;
}

// The horn of "uo": both letters take it ("ươ").
bool HornUo(std::vector<LetterParts>& letters, int o) {
  if (o >= 1 && letters[o].base == 'o' && letters[o - 1].base == 'u' &&
      (letters[o - 1].quality == 0 || letters[o - 1].quality == kHorn)) {
    // "quo" keeps its u: "quơ" is qu + ơ.
    if (o >= 2 && letters[o - 2].base == 'q') return false;
    letters[o - 1].quality = kHorn;
    letters[o].quality = kHorn;
    return true;
  }
  return false;
}

}  // namespace

std::string_view KeySchemeName(KeyScheme scheme) {
  return scheme == KeyScheme::kTelex ? "Telex" : "VNI";
}

std::optional<DecodedWord> KeyDecoder::Decode(std::string_view word) const {
  if (word.empty() || word.size() > 16) return std::nullopt;
  bool digits = false;
  for (char c : word) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) {
      return std::nullopt;
    }
  }
  if (!absl::ascii_isalpha(static_cast<unsigned char>(word[0]))) {
    return std::nullopt;
  }
  const std::string lower = absl::AsciiStrToLower(ToAbsl(word));
  std::optional<DecodedWord> decoded =
      digits ? DecodeVni(lower) : DecodeTelex(lower);
  if (!decoded) return std::nullopt;
  std::vector<LetterParts> toned = decoded->letters;
  if (decoded->tone != 0) {
    // Any vowel will do for the check; the tone's place is canonicalised
    // by whoever composes the word.
    for (LetterParts& l : toned) {
      if (IsVowelBase(l.base)) {
        l.tone = decoded->tone;
        break;
      }
    }
  }
  if (!rules_.IsSyllable(toned)) return std::nullopt;
  return decoded;
}

std::optional<DecodedWord> KeyDecoder::DecodeTelex(
    std::string_view lower) const {
  DecodedWord out;
  out.scheme = KeyScheme::kTelex;
  std::vector<LetterParts>& letters = out.letters;
  bool changed = false;
  for (size_t i = 0; i < lower.size(); ++i) {
    const char c = lower[i];
    const char32_t tone = TelexTone(c);
    if (tone != 0 && HasVowel(letters)) {
      if (out.tone != 0) return std::nullopt;  // two tones, or "ss" undo
      out.tone = tone;
      changed = true;
      continue;
    }
    if (c == 'd' && letters.size() == 1 && letters[0].base == 'd') {
      letters[0].base = U'đ';
      changed = true;
      continue;
    }
    if ((c == 'a' || c == 'e' || c == 'o') && HasVowel(letters)) {
      const int target = QualityTarget(letters, std::string_view(&c, 1));
      // The same vowel again, right after it or after the final ("vietej").
      if (target >= 0 && (target + 1 == static_cast<int>(letters.size()) ||
                          !IsVowelBase(letters[target + 1].base))) {
        letters[target].quality = kCircumflex;
        changed = true;
        continue;
      }
    }
    if (c == 'w') {
      if (!HasVowel(letters)) {
        LetterParts u = Plain('u');
        u.quality = kHorn;
        letters.push_back(u);
        changed = true;
        continue;
      }
      const int target = QualityTarget(letters, "aou");
      if (target < 0) return std::nullopt;
      LetterParts& l = letters[target];
      if (l.base == 'a') {
        l.quality = kBreve;
      } else if (!(l.base == 'o' && HornUo(letters, target))) {
        l.quality = kHorn;
      }
      changed = true;
      continue;
    }
    letters.push_back(Plain(c));
  }
  if (!changed) return std::nullopt;
  return out;
}

std::optional<DecodedWord> KeyDecoder::DecodeVni(std::string_view lower) const {
  DecodedWord out;
  out.scheme = KeyScheme::kVni;
  std::vector<LetterParts>& letters = out.letters;
  for (const char c : lower) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      letters.push_back(Plain(c));
      continue;
    }
    if (c == '9') {
      if (letters.empty() || letters[0].base != 'd') return std::nullopt;
      letters[0].base = U'đ';
      continue;
    }
    if (!HasVowel(letters)) return std::nullopt;
    if (c >= '1' && c <= '5') {
      if (out.tone != 0) return std::nullopt;
      constexpr char32_t kTones[] = {kAcute, kGrave, kHookAbove, kTilde,
                                     kDotBelow};
      out.tone = kTones[c - '1'];
      continue;
    }
    int target = -1;
    char32_t quality = 0;
    if (c == '6') {
      target = QualityTarget(letters, "aeo");
      quality = kCircumflex;
    } else if (c == '7') {
      target = QualityTarget(letters, "ou");
      quality = kHorn;
    } else if (c == '8') {
      target = QualityTarget(letters, "a");
      quality = kBreve;
    }
    if (target < 0) return std::nullopt;  // 0, or nothing to mark
    if (!(quality == kHorn && letters[target].base == 'o' &&
          HornUo(letters, target))) {
      letters[target].quality = quality;
    }
  }
  return out;
}

bool KeyDecoder::Fits(const DecodedWord& decoded,
                      const std::vector<LetterParts>& letters) {
  if (letters.size() != decoded.letters.size()) return false;
  char32_t tone = 0;
  for (size_t i = 0; i < letters.size(); ++i) {
    const LetterParts& typed = decoded.letters[i];
    const LetterParts& l = letters[i];
    if (l.tone != 0) tone = l.tone;
    const bool same_base =
        typed.base == l.base || (typed.base == 'd' && l.base == U'đ');
    if (!same_base) return false;
    if (typed.quality != 0 && typed.quality != l.quality) return false;
  }
  return tone == decoded.tone;
}

KeyDecoder::Fit KeyDecoder::HowFits(const DecodedWord& decoded,
                                    const std::vector<LetterParts>& letters) {
  if (!Fits(decoded, letters)) return Fit::kNone;
  Fit fit = Fit::kAsTyped;
  for (size_t i = 0; i < letters.size(); ++i) {
    if (decoded.letters[i].quality != letters[i].quality) {
      return Fit::kMarkLeftOut;
    }
    if (decoded.letters[i].base != letters[i].base) fit = Fit::kSkippedD;
  }
  return fit;
}

}  // namespace vnsearch
