#include "common/analysis/char_table.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "common/base/icu_status.h"

namespace vnsearch {
namespace {

constexpr char32_t kEth = 0x00F0;      // ð
constexpr char32_t kDStroke = 0x0111;  // đ

uint64_t ComposeKey(char32_t base, char32_t quality, char32_t tone) {
  return (static_cast<uint64_t>(base) << 42) |
         (static_cast<uint64_t>(quality) << 21) | static_cast<uint64_t>(tone);
}

}  // namespace

bool IsToneMark(char32_t c) {
  return c == kGrave || c == kAcute || c == kTilde || c == kHookAbove ||
         c == kDotBelow;
}

bool IsQualityMark(char32_t c) {
  return c == kCircumflex || c == kBreve || c == kHorn;
}

absl::StatusOr<std::shared_ptr<const CharTable>> CharTable::Create() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return IcuErrorToStatus(status, "loading NFD data");
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return IcuErrorToStatus(status, "loading NFKC data");
  std::unique_ptr<icu::Transliterator> to_ascii(
      icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD,
                                          status));
  if (U_FAILURE(status)) {
    return IcuErrorToStatus(status, "loading the Latin-ASCII transliterator");
  }

  std::shared_ptr<CharTable> table(new CharTable());
  table->split_.resize(kTableSize);
  table->ext_.resize(kExtSize);

  auto fill = [&](char32_t c) -> LetterParts {
    LetterParts parts;
    if (!u_isalnum(static_cast<UChar32>(c))) return parts;
    const auto lower =
        static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c),
                                         U_FOLD_CASE_DEFAULT));
    icu::UnicodeString decomposed;
    if (!nfd->getDecomposition(static_cast<UChar32>(lower), decomposed)) {
      decomposed = icu::UnicodeString(static_cast<UChar32>(lower));
    }
    int32_t i = 0;
    parts.base = static_cast<char32_t>(decomposed.char32At(i));
    i = decomposed.moveIndex32(i, 1);
    while (i < decomposed.length()) {
      const auto mark = static_cast<char32_t>(decomposed.char32At(i));
      i = decomposed.moveIndex32(i, 1);
      if (IsQualityMark(mark) && parts.quality == 0) {
        parts.quality = mark;
      } else if (IsToneMark(mark) && parts.tone == 0) {
        parts.tone = mark;
      } else {
        return LetterParts{};  // a mark Vietnamese does not use: ICU path
      }
    }
    if (parts.base == kEth) {
      // Eth is what people type for đ (they look the same in capitals).
      parts.base = kDStroke;
      parts.known = true;
      return parts;
    }
    parts.known = true;
    if (c == lower) {
      table->compose_.emplace(ComposeKey(parts.base, parts.quality, parts.tone),
                              lower);
    }
    return parts;
  };
  for (char32_t c = 0; c < kTableSize; ++c) table->split_[c] = fill(c);
  for (char32_t c = 0; c < kExtSize; ++c) {
    table->ext_[c] = fill(kExtStart + c);
  }
  // Fullwidth forms: the parts of their NFKC mapping ("Ｖ" -> 'v').
  table->wide_.resize(kWideSize);
  for (char32_t c = 0; c < kWideSize; ++c) {
    icu::UnicodeString mapped;
    if (!nfkc->getDecomposition(static_cast<UChar32>(kWideStart + c), mapped) ||
        mapped.countChar32() != 1) {
      continue;
    }
    const UChar32 ascii = mapped.char32At(0);
    if (ascii >= 0 && static_cast<char32_t>(ascii) < kTableSize) {
      table->wide_[c] = table->split_[static_cast<char32_t>(ascii)];
    }
  }

  // Unaccented forms of the non-ASCII base letters ('đ' -> "d").
  auto add_ascii = [&](const LetterParts& parts) {
    if (!parts.known || parts.base < 0x80) return;
    if (table->ascii_base_.count(parts.base)) return;
    icu::UnicodeString s(static_cast<UChar32>(parts.base));
    to_ascii->transliterate(s);
    s.foldCase();
    std::string out;
    for (int32_t i = 0; i < s.length(); ++i) {
      const UChar ch = s.charAt(i);
      if (ch >= 0x80 || !u_isalnum(ch)) {
        out.clear();
        break;
      }
      out.push_back(static_cast<char>(ch));
    }
    table->ascii_base_.emplace(parts.base, std::move(out));
  };
  for (const LetterParts& parts : table->split_) add_ascii(parts);
  for (const LetterParts& parts : table->ext_) add_ascii(parts);
  return std::shared_ptr<const CharTable>(std::move(table));
}

char32_t CharTable::Compose(char32_t base, char32_t quality,
                            char32_t tone) const {
  auto it = compose_.find(ComposeKey(base, quality, tone));
  return it == compose_.end() ? 0 : it->second;
}

const std::string& CharTable::AsciiBase(char32_t base) const {
  static const std::string kEmpty;
  auto it = ascii_base_.find(base);
  return it == ascii_base_.end() ? kEmpty : it->second;
}

}  // namespace vnsearch
