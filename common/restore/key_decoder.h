// KeyDecoder: a word typed with the keys of the Telex or VNI input methods
// but without one running ("dangr", "khoois", "dduwowngf"; "da9ng3",
// "khoi61") back into the letters and marks the keys stand for.
//
// Telex: aa ee oo -> â ê ô, aw ow uw -> ă ơ ư (uow -> ươ, w alone -> ư),
// dd -> đ, s f r x j -> the five tones; a tone key may come right after the
// vowel ("khoosi") or at the end ("khoois"). VNI: 1-5 the tones, 6 the
// circumflex, 7 the horn, 8 the breve, 9 đ, anywhere after the letter.
//
// Decode only rewrites keys: whether the result is a syllable the corpus
// has is for the caller (AccentTable, AccentReader). Pure, thread-safe.

#ifndef VNSEARCH_COMMON_RESTORE_KEY_DECODER_H_
#define VNSEARCH_COMMON_RESTORE_KEY_DECODER_H_

#include <optional>
#include <string_view>
#include <vector>

#include "common/restore/syllable.h"

namespace vnsearch {

enum class KeyScheme { kTelex, kVni };

// "Telex", "VNI".
[[nodiscard]] std::string_view KeySchemeName(KeyScheme scheme);

struct DecodedWord {
  KeyScheme scheme = KeyScheme::kTelex;
  // The letters with the marks that were typed, lowercase; the tone on the
  // vowel it was typed after (not yet canonical).
  std::vector<LetterParts> letters;
  char32_t tone = 0;  // the tone typed, 0 for none
};

class KeyDecoder {
 public:
  explicit KeyDecoder(SyllableRules rules) : rules_(std::move(rules)) {}

  // `word` as typed (ASCII letters, or letters and digits). nullopt when no
  // key of either scheme changes it, when keys contradict each other, or
  // when the letters it gives are not a possible syllable.
  [[nodiscard]] std::optional<DecodedWord> Decode(std::string_view word) const;

  // True when `letters` (an exact syllable's) carry every mark `decoded`
  // typed and the same tone: "đảng" for "dangr" (đ was not typed, so either
  // d fits), not "dáng".
  [[nodiscard]] static bool Fits(const DecodedWord& decoded,
                                 const std::vector<LetterParts>& letters);
  // How well `letters` fit what was typed, best first: exactly the marks
  // typed, what an input method would have written (kAsTyped); that with
  // đ for a typed d (kSkippedD: "dangr" for "đảng", the second d is the
  // key people skip most); Fits with a mark that was not typed
  // (kMarkLeftOut: "thuong" for "thương"); kNone when not Fits.
  enum class Fit { kAsTyped, kSkippedD, kMarkLeftOut, kNone };
  [[nodiscard]] static Fit HowFits(const DecodedWord& decoded,
                                   const std::vector<LetterParts>& letters);

  [[nodiscard]] const SyllableRules& rules() const { return rules_; }

 private:
  [[nodiscard]] std::optional<DecodedWord> DecodeTelex(
      std::string_view lower) const;
  [[nodiscard]] std::optional<DecodedWord> DecodeVni(
      std::string_view lower) const;

  SyllableRules rules_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_RESTORE_KEY_DECODER_H_
