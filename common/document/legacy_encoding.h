// Legacy Vietnamese encodings: recognises a file that is not valid UTF-8 as
// Vietnamese text saved in a pre-Unicode encoding and converts it to UTF-8.
//
// Supported encodings and who converts them:
//   "windows-1258"  ICU ucnv ("windows-1258"); its combining tone marks are
//                   composed by NFC afterwards.
//   "VISCII"        glibc iconv ("VISCII").
//   "TCVN3"         hand-written table (TCVN 5712:1993 VN3, the ABC fonts).
//                   glibc's "TCVN5712-1" is VN1, which puts capital letters
//                   on C0 controls and 0x80-0x9F, so it cannot read ABC text.
//                   VN3 has no capital with a tone mark (ABC writers switched
//                   to a capitals font over the lowercase codes), so those
//                   come out lowercase: the font is not in the bytes.
//   "VNI"           hand-written table (VNI Windows fonts: ASCII base letter
//                   followed by a mark byte). No library has it.
// Bytes a font encoding leaves unassigned are read as Windows-1252 (ICU),
// the ANSI code page those fonts were used under.
//
// Detection converts the first kScorePrefixBytes with every candidate and
// scores how Vietnamese each result looks (ScoreVietnamese). Reading the
// bytes as UTF-8 with U+FFFD repairs competes too: a UTF-8 file with a few
// bad bytes is better explained as damaged UTF-8 than as mojibake in a
// legacy encoding, so it is not claimed. All functions are pure and
// thread-safe; time is linear in the input.

#ifndef VNSEARCH_COMMON_DOCUMENT_LEGACY_ENCODING_H_
#define VNSEARCH_COMMON_DOCUMENT_LEGACY_ENCODING_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vnsearch {

enum class LegacyEncoding { kWindows1258, kViscii, kTcvn3, kVni };

inline constexpr LegacyEncoding kLegacyEncodings[] = {
    LegacyEncoding::kWindows1258, LegacyEncoding::kViscii,
    LegacyEncoding::kTcvn3, LegacyEncoding::kVni};

// Only this much of the input is scored; all of it is converted.
inline constexpr size_t kScorePrefixBytes = 64 * 1024;

// "windows-1258", "VISCII", "TCVN3", "VNI".
[[nodiscard]] std::string_view LegacyEncodingName(LegacyEncoding encoding);

struct LegacyText {
  std::string utf8;      // NFC
  std::string encoding;  // LegacyEncodingName of the winner
};

// Detects whether `bytes` (not valid UTF-8) is Vietnamese text in a legacy
// encoding and converts it to UTF-8 (NFC). nullopt when no candidate is
// convincing: empty or pure ASCII input, random binary, other languages
// (Latin-1 French, Shift-JIS, UTF-16, ...), UTF-8 that is only damaged, or
// input over 256 MiB. When two readings score the same (their texts are
// then usually identical, e.g. "các" is E1 in both Windows-1258 and
// VISCII), the first of kLegacyEncodings wins.
[[nodiscard]] std::optional<LegacyText> DecodeLegacyVietnamese(
    std::string_view bytes);

// Converts all of `bytes` from `encoding` to UTF-8 NFC without judging.
// nullopt only when the converter is unavailable on this machine or the
// input is over 256 MiB.
[[nodiscard]] std::optional<std::string> ConvertLegacy(std::string_view bytes,
                                                       LegacyEncoding encoding);

// How Vietnamese a text looks. A word is a run of letters and combining
// marks; "marked" words hold a non-ASCII character, the only ones that can
// differ between two readings of the same bytes.
struct VietnameseScore {
  size_t chars = 0;
  size_t bad_chars = 0;  // controls (bar \t \n \v \f \r), U+FFFD, unassigned,
                         // private use
  size_t words = 0;
  size_t valid_words = 0;  // IsVietnameseSyllable
  // Words not starting with a capital: foreign names ("Sneijder", "Roma")
  // are capitalised, so these measure the language itself.
  size_t lowercase_words = 0;
  size_t valid_lowercase_words = 0;
  size_t marked_words = 0;
  size_t valid_marked_words = 0;
  size_t common_words = 0;  // among the most frequent Vietnamese syllables

  // Ranks readings of the same bytes: rewards valid marked words, punishes
  // invalid ones and bad characters.
  [[nodiscard]] double Quality() const;
  // Whether the text is convincingly Vietnamese on its own.
  [[nodiscard]] bool Convincing() const;
};

// Scores `utf8` (valid UTF-8; NFC expected).
[[nodiscard]] VietnameseScore ScoreVietnamese(std::string_view utf8);

// Whether `word` (UTF-8, NFC, any case) is a well-formed Vietnamese
// syllable: onset + rhyme from the Vietnamese inventories, at most one tone
// mark, and a stop coda (-c, -ch, -p, -t) only with the sắc or nặng tone.
[[nodiscard]] bool IsVietnameseSyllable(std::string_view word);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_DOCUMENT_LEGACY_ENCODING_H_
