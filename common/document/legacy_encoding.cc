#include "common/document/legacy_encoding.h"

#include <iconv.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <vector>

namespace vnsearch {
namespace {

// ICU strings hold at most 2^31 UTF-16 units; VNI needs two per byte.
constexpr size_t kMaxInputBytes = size_t{256} << 20;

// --- Windows-1252, for the bytes a font encoding leaves unassigned --------

// U+0080.. for bytes 0x80..0xFF, from ICU's windows-1252 (Latin-1 if ICU
// has no such converter). Built once, immutable after.
const std::array<UChar, 128>& Cp1252High() {
  static const std::array<UChar, 128> table = [] {
    std::array<UChar, 128> high{};
    for (int i = 0; i < 128; ++i) high[i] = static_cast<UChar>(0x80 + i);
    UErrorCode status = U_ZERO_ERROR;
    UConverter* cnv = ucnv_open("windows-1252", &status);
    if (U_FAILURE(status)) return high;
    char bytes[128];
    for (int i = 0; i < 128; ++i) bytes[i] = static_cast<char>(0x80 + i);
    UChar out[256];
    const int32_t n = ucnv_toUChars(cnv, out, 256, bytes, 128, &status);
    ucnv_close(cnv);
    if (U_SUCCESS(status) && n == 128) std::copy(out, out + 128, high.begin());
    return high;
  }();
  return table;
}

// --- TCVN3 (ABC) -----------------------------------------------------------

// Bytes 0xA0..0xFF of TCVN 5712:1993. VN3 ("TCVN3", the ABC fonts) assigns
// NBSP, the 7 toneless capitals (A1-A7) and the 67 lowercase letters; the
// 21 capitals VN2 adds at AF, B0-B4 (those five are the combining tone
// marks), BA, BF-C5, CD, D9-DB, E0, F0 and FF are kept too, since VN3
// leaves them free and VN2 writers put them there. Source: the code table
// of TCVN 5712:1993 (VN1/VN2/VN3 share these positions; see the VSCII
// article on Wikipedia); tests/legacy_encoding_test.cc checks every entry
// against glibc's TCVN5712-1 (VN1) converter. 0x80-0x9F are C1 in VN2/VN3
// and read as Windows-1252 here (capitals in VN1); C0 stays ASCII.
constexpr std::array<char16_t, 96> kTcvn3High = {
    // A0-AF
    0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,  //
    0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,  //
    // B0-BF
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,  //
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,  //
    // C0-CF
    0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,  //
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,  //
    // D0-DF
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,  //
    0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,  //
    // E0-EF
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,  //
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,  //
    // F0-FF
    0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,  //
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,  //
};

icu::UnicodeString DecodeTcvn3(std::string_view bytes) {
  const auto& cp1252 = Cp1252High();
  icu::UnicodeString out;
  UChar* buf = out.getBuffer(static_cast<int32_t>(bytes.size()) + 1);
  if (buf == nullptr) return out;  // out of memory: empty
  int32_t n = 0;
  for (const char ch : bytes) {
    const auto b = static_cast<uint8_t>(ch);
    if (b < 0x80) {
      buf[n++] = b;
    } else if (b < 0xA0) {
      buf[n++] = cp1252[b - 0x80];
    } else {
      buf[n++] = kTcvn3High[b - 0xA0];
    }
  }
  out.releaseBuffer(n);
  return out;
}

// --- VNI (VNI Windows fonts) -----------------------------------------------

// A VNI letter is an ASCII base letter followed by at most one mark byte
// (circumflex, breve and tone in one byte); a few letters are one byte.
// Capital bytes are the lowercase ones minus 0x20, as in Latin-1. Source:
// the VNI columns of the Vietnamese code comparison table ("Bảng đối chiếu
// encoding các bộ chữ hiện hành với Unicode", VPS/VNI/TCVN/VISCII), and the
// VNI keyboard/font tables of xvnkb (vni.h); checked in the tests against
// published samples ("Xin chaøo caùc baïn" = "Xin chào các bạn").
enum class VniKind : uint8_t { kNone, kLetter, kTone, kCircumflex, kBreve };

struct VniByte {
  VniKind kind = VniKind::kNone;
  char16_t letter = 0;  // kLetter: lowercase form
  char16_t tone = 0;    // combining tone mark, 0 for none
};

constexpr char16_t kGrave = 0x0300, kAcute = 0x0301, kTilde = 0x0303,
                   kHook = 0x0309, kDot = 0x0323;
constexpr char16_t kCircumflexMark = 0x0302, kBreveMark = 0x0306;

// Meaning of a lowercase-row byte (0xE0..0xFF).
constexpr VniByte VniLower(uint8_t b) {
  switch (b) {
    case 0xF4:
      return {VniKind::kLetter, 0x01A1, 0};  // ơ
    case 0xF6:
      return {VniKind::kLetter, 0x01B0, 0};  // ư
    case 0xF1:
      return {VniKind::kLetter, 0x0111, 0};  // đ
    case 0xED:
      return {VniKind::kLetter, 0x00ED, 0};  // í
    case 0xEC:
      return {VniKind::kLetter, 0x00EC, 0};  // ì
    case 0xE6:
      return {VniKind::kLetter, 0x1EC9, 0};  // ỉ
    case 0xF3:
      return {VniKind::kLetter, 0x0129, 0};  // ĩ
    case 0xF2:
      return {VniKind::kLetter, 0x1ECB, 0};  // ị
    case 0xEE:
      return {VniKind::kLetter, 0x1EF5, 0};  // ỵ
    case 0xF9:
      return {VniKind::kTone, 0, kAcute};
    case 0xF8:
      return {VniKind::kTone, 0, kGrave};
    case 0xFB:
      return {VniKind::kTone, 0, kHook};
    case 0xF5:
      return {VniKind::kTone, 0, kTilde};
    case 0xEF:
      return {VniKind::kTone, 0, kDot};
    case 0xE2:
      return {VniKind::kCircumflex, 0, 0};
    case 0xE1:
      return {VniKind::kCircumflex, 0, kAcute};
    case 0xE0:
      return {VniKind::kCircumflex, 0, kGrave};
    case 0xE5:
      return {VniKind::kCircumflex, 0, kHook};
    case 0xE3:
      return {VniKind::kCircumflex, 0, kTilde};
    case 0xE4:
      return {VniKind::kCircumflex, 0, kDot};
    case 0xEA:
      return {VniKind::kBreve, 0, 0};
    case 0xE9:
      return {VniKind::kBreve, 0, kAcute};
    case 0xE8:
      return {VniKind::kBreve, 0, kGrave};
    case 0xFA:
      return {VniKind::kBreve, 0, kHook};
    case 0xFC:
      return {VniKind::kBreve, 0, kTilde};
    case 0xEB:
      return {VniKind::kBreve, 0, kDot};
    default:
      return {};
  }
}

bool IsAsciiVowel(UChar c) {
  switch (c | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
      return true;
    default:
      return false;
  }
}

icu::UnicodeString DecodeVni(std::string_view bytes) {
  const auto& cp1252 = Cp1252High();
  icu::UnicodeString out;
  // One byte gives at most two UTF-16 units (circumflex/breve + tone).
  UChar* buf = out.getBuffer(2 * static_cast<int32_t>(bytes.size()) + 1);
  if (buf == nullptr) return out;  // out of memory: empty
  int32_t n = 0;
  UChar base = 0;  // the vowel a mark byte may still attach to, 0 for none
  for (const char ch : bytes) {
    const auto b = static_cast<uint8_t>(ch);
    if (b < 0x80) {
      buf[n++] = b;
      base = IsAsciiVowel(b) ? b : 0;
      continue;
    }
    const bool upper = b >= 0xC0 && b < 0xE0;
    VniByte meaning = b >= 0xC0 ? VniLower(upper ? b + 0x20 : b) : VniByte{};
    const UChar lower_base = base | 0x20;
    bool fits = false;
    switch (meaning.kind) {
      case VniKind::kLetter:
        fits = true;
        break;
      case VniKind::kTone:
        fits = base != 0;
        break;
      case VniKind::kCircumflex:
        fits = lower_base == 'a' || lower_base == 'e' || lower_base == 'o';
        break;
      case VniKind::kBreve:
        fits = lower_base == 'a';
        break;
      case VniKind::kNone:
        break;
    }
    if (!fits) {
      buf[n++] = cp1252[b - 0x80];
      base = 0;
      continue;
    }
    if (meaning.kind == VniKind::kLetter) {
      UChar letter = meaning.letter;
      if (upper) letter = static_cast<UChar>(u_toupper(letter));
      buf[n++] = letter;
      // ơ and ư take a tone byte after them.
      base =
          (meaning.letter == 0x01A1 || meaning.letter == 0x01B0) ? letter : 0;
      continue;
    }
    if (meaning.kind == VniKind::kCircumflex) buf[n++] = kCircumflexMark;
    if (meaning.kind == VniKind::kBreve) buf[n++] = kBreveMark;
    if (meaning.tone != 0) buf[n++] = meaning.tone;
    base = 0;
  }
  out.releaseBuffer(n);
  return out;
}

// --- Library converters ----------------------------------------------------

std::optional<icu::UnicodeString> DecodeWithIcu(std::string_view bytes,
                                                const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(name, &status);
  if (U_FAILURE(status)) return std::nullopt;
  icu::UnicodeString out(bytes.data(), static_cast<int32_t>(bytes.size()), cnv,
                         status);
  ucnv_close(cnv);
  if (U_FAILURE(status)) return std::nullopt;
  return out;
}

std::optional<icu::UnicodeString> DecodeWithIconv(std::string_view bytes,
                                                  const char* name) {
  iconv_t cd = iconv_open("UTF-8", name);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 3 + 16, '\0');
  size_t used = 0;
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  while (in_left > 0) {
    char* op = out.data() + used;
    size_t out_left = out.size() - used;
    const size_t r = iconv(cd, &in, &in_left, &op, &out_left);
    used = static_cast<size_t>(op - out.data());
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG || out.size() - used < 3) {
      out.resize(out.size() * 2);
    } else if (errno == EILSEQ || errno == EINVAL) {
      out.replace(used, 3, "\xEF\xBF\xBD");  // U+FFFD for the bad byte
      used += 3;
      ++in;
      --in_left;
    } else {
      break;
    }
  }
  iconv_close(cd);
  out.resize(used);
  return icu::UnicodeString::fromUTF8(out);
}

// `bytes` in `encoding`, NFC.
std::optional<icu::UnicodeString> Decode(std::string_view bytes,
                                         LegacyEncoding encoding) {
  if (bytes.size() > kMaxInputBytes) return std::nullopt;
  std::optional<icu::UnicodeString> text;
  switch (encoding) {
    case LegacyEncoding::kWindows1258:
      text = DecodeWithIcu(bytes, "windows-1258");
      break;
    case LegacyEncoding::kViscii:
      text = DecodeWithIconv(bytes, "VISCII");
      break;
    case LegacyEncoding::kTcvn3:
      text = DecodeTcvn3(bytes);
      break;
    case LegacyEncoding::kVni:
      text = DecodeVni(bytes);
      break;
  }
  if (!text) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::nullopt;
  icu::UnicodeString normal = nfc->normalize(*text, status);
  if (U_FAILURE(status)) return std::nullopt;
  return normal;
}

// --- Vietnamese syllables --------------------------------------------------

// Rhymes (vowel nucleus with its glides and coda), toneless. Vietnamese
// orthography; "qu" and "gi" are onsets, so "qua" = qu + a, "gia" = gi + a.
constexpr std::string_view kRhymes[] = {
    "a",    "ai",   "ao",  "au",   "ay",   "ac",   "ach",  "am",   "an",
    "ang",  "anh",  "ap",  "at",   "ăc",   "ăm",   "ăn",   "ăng",  "ăp",
    "ăt",   "âc",   "âm",  "ân",   "âng",  "âp",   "ât",   "âu",   "ây",
    "e",    "ec",   "em",  "en",   "eng",  "eo",   "ep",   "et",   "ê",
    "êch",  "êm",   "ên",  "ênh",  "êp",   "êt",   "êu",   "i",    "ia",
    "ich",  "im",   "in",  "inh",  "ip",   "it",   "iu",   "iêc",  "iêm",
    "iên",  "iêng", "iêp", "iêt",  "iêu",  "o",    "oc",   "oi",   "om",
    "on",   "ong",  "op",  "ot",   "ooc",  "oong", "oa",   "oac",  "oach",
    "oai",  "oam",  "oan", "oang", "oanh", "oao",  "oap",  "oat",  "oay",
    "oăc",  "oăm",  "oăn", "oăng", "oăt",  "oe",   "oen",  "oeo",  "oet",
    "ô",    "ôc",   "ôi",  "ôm",   "ôn",   "ông",  "ôp",   "ôt",   "ơ",
    "ơi",   "ơm",   "ơn",  "ơp",   "ơt",   "u",    "ua",   "uc",   "ui",
    "um",   "un",   "ung", "up",   "ut",   "uy",   "uya",  "uych", "uyên",
    "uyêt", "uynh", "uyt", "uyu",  "uê",   "uêch", "uênh", "uơ",   "uân",
    "uâng", "uât",  "uây", "uôc",  "uôi",  "uôm",  "uôn",  "uông", "uôt",
    "ư",    "ưa",   "ưc",  "ưi",   "ưm",   "ưn",   "ưng",  "ưt",   "ưu",
    "ươ",   "ươc",  "ươi", "ươm",  "ươn",  "ương", "ươp",  "ươt",  "ươu",
    "y",    "yêm",  "yên", "yêng", "yêt",  "yêu",
};

// Longest first, so "ngh" is tried before "ng" and "n".
constexpr std::string_view kOnsets[] = {
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th",
    "tr",  "b",  "c",  "d",  "đ",  "g",  "h",  "k",  "l",  "m",
    "n",   "p",  "r",  "s",  "t",  "v",  "x",  "",
};

// Frequent syllables of Vietnamese news, lowercase NFC: they break ties
// between readings that are all well-formed ("liên kết" in TCVN3 also
// reads as "liến kạt" in VISCII).
constexpr std::string_view kCommonSyllables[] = {
    "của",   "và",     "các",   "có",    "được",   "trong",  "là",     "cho",
    "không", "những",  "với",   "người", "một",    "này",    "đã",     "để",
    "năm",   "theo",   "về",    "khi",   "từ",     "tại",    "đến",    "đó",
    "thì",   "cũng",   "như",   "sẽ",    "đang",   "vào",    "ra",     "lại",
    "nhiều", "hơn",    "nhưng", "nên",   "làm",    "việc",   "công",   "ty",
    "nước",  "sau",    "mới",   "trên",  "họ",     "đây",    "nhà",    "bị",
    "cả",    "phải",   "vì",    "gì",    "nhất",   "đi",     "ông",    "bà",
    "anh",   "chị",    "em",    "tôi",   "chúng",  "ta",     "mình",   "chính",
    "quốc",  "gia",    "hội",   "đồng",  "thành",  "phố",    "tỉnh",   "huyện",
    "xã",    "ngày",   "tháng", "số",    "cao",    "bộ",     "trưởng", "dân",
    "nhân",  "kinh",   "tế",    "phát",  "triển",  "đảng",   "hiện",   "động",
    "còn",   "điều",   "liên",  "kết",   "khác",   "tin",    "tức",    "thông",
    "báo",   "cáo",    "tổng",  "chức",  "quan",   "trọng",  "kiểm",   "tra",
    "giám",  "sát",    "cán",   "viên",  "lãnh",   "đạo",    "thực",   "nghị",
    "quyết", "định",   "quy",   "chỉ",   "thị",    "tình",   "hình",   "vấn",
    "đề",    "giải",   "pháp",  "hoạt",  "quản",   "lý",     "xây",    "dựng",
    "đầu",   "tư",     "sản",   "xuất",  "doanh",  "nghiệp", "trường", "giá",
    "tiền",  "vốn",    "ngân",  "hàng",  "chương", "trình",  "dự",     "án",
    "kế",    "hoạch",  "mục",   "tiêu",  "quả",    "đơn",    "vị",     "cơ",
    "sở",    "tập",    "trung", "nâng",  "chất",   "lượng",  "cường",  "tăng",
    "giảm",  "dưới",   "giữa",  "ngoài", "trước",  "lớn",    "nhỏ",    "cùng",
    "nào",   "sao",    "vậy",   "rằng",  "thế",    "mà",     "hay",    "hoặc",
    "nếu",   "đều",    "vẫn",   "chưa",  "rất",    "lắm",    "mỗi",    "mọi",
    "toàn",  "hết",    "nay",   "qua",   "lần",    "thời",   "gian",   "cuộc",
    "sống",  "học",    "sinh",  "giáo",  "dục",    "y",      "bệnh",   "viện",
    "văn",   "hoá",    "hóa",   "an",    "ninh",   "phòng",  "luật",   "phủ",
    "thủ",   "tướng",  "chủ",   "tịch",  "phó",    "bí",     "thư",    "ương",
    "địa",   "phương", "cấp",   "vùng",  "miền",   "bắc",    "nam",    "đông",
    "tây",   "hà",     "nội",   "việt",  "giới",   "mỹ",     "nhật",   "hàn",
    "biết",  "thấy",   "nói",   "ý",     "kiến",   "đưa",    "nhận",   "tiếp",
    "tục",   "đảm",    "bảo",   "yêu",   "cầu",    "phục",   "vụ",     "hỗ",
    "trợ",   "mạng",   "điện",  "tử",    "ảnh",    "ở",      "hai",    "ba",
    "bốn",   "triệu",  "tỷ",    "nghìn", "trăm",   "lên",    "xuống",  "vừa",
    "đường", "giao",   "đất",   "máy",   "lực",    "cảnh",   "tòa",    "tội",
    "phạm",  "đối",    "tổ",    "cá",    "ban",    "hành",   "năng",   "sự",
    "gần",   "khoảng",
};

template <size_t N>
std::vector<std::string_view> Sorted(const std::string_view (&items)[N]) {
  std::vector<std::string_view> v(items, items + N);
  std::sort(v.begin(), v.end());
  return v;
}

bool Contains(const std::vector<std::string_view>& sorted, std::string_view s) {
  return std::binary_search(sorted.begin(), sorted.end(), s);
}

const std::vector<std::string_view>& RhymeSet() {
  static const std::vector<std::string_view> set = Sorted(kRhymes);
  return set;
}

const std::vector<std::string_view>& CommonSet() {
  static const std::vector<std::string_view> set = Sorted(kCommonSyllables);
  return set;
}

void AppendUtf8(UChar32 c, std::string& out) {
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buf, len);
}

bool IsToneMark(UChar32 c) {
  return c == kGrave || c == kAcute || c == kTilde || c == kHook || c == kDot;
}

// `word` lowercase, NFC code points.
bool IsSyllable(const std::vector<UChar32>& word) {
  if (word.empty() || word.size() > 8) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  std::string skeleton;  // the word without its tone mark
  UChar32 tone = 0;
  int tones = 0;
  for (const UChar32 c : word) {
    if (c < 0x80) {
      if (c < 'a' || c > 'z' || c == 'f' || c == 'j' || c == 'w' || c == 'z') {
        return false;
      }
      skeleton.push_back(static_cast<char>(c));
      continue;
    }
    if (c == 0x0111) {  // đ
      skeleton.append("đ");
      continue;
    }
    icu::UnicodeString parts;
    if (!nfd->getDecomposition(c, parts) || parts.length() < 2) return false;
    const UChar32 letter = parts.char32At(0);
    if (letter >= 0x80 || !IsAsciiVowel(static_cast<UChar>(letter))) {
      return false;
    }
    UChar32 modified = letter;
    int modifiers = 0;
    for (int32_t i = 1; i < parts.length(); ++i) {
      const UChar32 mark = parts.charAt(i);
      if (IsToneMark(mark)) {
        tone = mark;
        ++tones;
        continue;
      }
      const bool fits = (mark == kCircumflexMark &&
                         (letter == 'a' || letter == 'e' || letter == 'o')) ||
                        (mark == kBreveMark && letter == 'a') ||
                        (mark == 0x031B && (letter == 'o' || letter == 'u'));
      if (!fits || ++modifiers > 1) return false;
      modified = nfc->composePair(letter, mark);
    }
    AppendUtf8(modified, skeleton);
  }
  if (tones > 1) return false;
  const bool stop_tone = tone == kAcute || tone == kDot;
  auto rhyme_ok = [&](std::string_view rhyme) {
    if (!Contains(RhymeSet(), rhyme)) return false;
    const bool stop = rhyme.ends_with('c') || rhyme.ends_with("ch") ||
                      rhyme.ends_with('p') || rhyme.ends_with('t');
    return !stop || stop_tone;
  };
  const std::string_view s = skeleton;
  for (const std::string_view onset : kOnsets) {
    if (!s.starts_with(onset)) continue;
    const std::string_view rest = s.substr(onset.size());
    if (rhyme_ok(rest)) return true;
    // "gi" + "ếng" spells gi + iêng, "gì" spells g(i) + ì; "qu" + "ỳnh"
    // spells qu + uynh.
    if (onset == "gi" && rhyme_ok(std::string("i").append(rest))) return true;
    if (onset == "qu" && rhyme_ok(std::string("u").append(rest))) return true;
  }
  return false;
}

bool IsBadChar(UChar32 c) {
  if (c == 0xFFFD) return true;
  switch (u_charType(c)) {
    case U_CONTROL_CHAR:
      return !(c >= 0x09 && c <= 0x0D);
    case U_UNASSIGNED:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE:
      return true;
    default:
      return false;
  }
}

bool IsWordChar(UChar32 c) {
  if (u_isalpha(c)) return true;
  const int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

VietnameseScore ScoreText(const icu::UnicodeString& text) {
  VietnameseScore score;
  std::vector<UChar32> word;
  bool marked = false;
  bool capitalised = false;
  std::string utf8_word;
  auto end_word = [&] {
    if (word.empty()) return;
    ++score.words;
    const bool valid = IsSyllable(word);
    if (valid) {
      ++score.valid_words;
      utf8_word.clear();
      for (const UChar32 c : word) AppendUtf8(c, utf8_word);
      if (Contains(CommonSet(), utf8_word)) ++score.common_words;
    }
    if (marked) {
      ++score.marked_words;
      if (valid) ++score.valid_marked_words;
    }
    if (!capitalised) {
      ++score.lowercase_words;
      if (valid) ++score.valid_lowercase_words;
    }
    word.clear();
    marked = false;
  };
  const UChar* units = text.getBuffer();
  const int32_t length = text.length();
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U16_NEXT(units, i, length, c);
    ++score.chars;
    if (IsBadChar(c)) ++score.bad_chars;
    if (IsWordChar(c)) {
      if (word.empty()) capitalised = u_isupper(c);
      word.push_back(u_tolower(c));
      if (c >= 0x80) marked = true;
    } else {
      end_word();
    }
  }
  end_word();
  return score;
}

// Where to stop scoring: after a whitespace byte near kScorePrefixBytes, so
// no letter (or VNI base + mark pair) is cut.
size_t ScorePrefixEnd(std::string_view bytes) {
  if (bytes.size() <= kScorePrefixBytes) return bytes.size();
  for (size_t i = kScorePrefixBytes; i > kScorePrefixBytes - 4096; --i) {
    const char c = bytes[i - 1];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') return i;
  }
  return kScorePrefixBytes;
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

std::string_view LegacyEncodingName(LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::kWindows1258:
      return "windows-1258";
    case LegacyEncoding::kViscii:
      return "VISCII";
    case LegacyEncoding::kTcvn3:
      return "TCVN3";
    case LegacyEncoding::kVni:
      return "VNI";
  }
  return "";
}

double VietnameseScore::Quality() const {
  const double invalid = static_cast<double>(words - valid_words);
  return static_cast<double>(valid_words) - 2.0 * invalid -
         4.0 * static_cast<double>(bad_chars) +
         0.5 * static_cast<double>(common_words);
}

bool VietnameseScore::Convincing() const {
  if (chars == 0 || words == 0) return false;
  if (valid_marked_words < 2) return false;
  // A foreign name (Müller, José) may be marked and not a syllable; the
  // garbage of a wrong reading is mostly invalid.
  if (4 * valid_marked_words < 3 * marked_words) return false;
  if (lowercase_words >= 5 && 5 * valid_lowercase_words < 3 * lowercase_words) {
    return false;
  }
  if (100 * bad_chars > chars) return false;
  // Running text: at least 1 word in 20 is among the commonest syllables.
  if (words >= 40 && 20 * common_words < words) return false;
  return true;
}

VietnameseScore ScoreVietnamese(std::string_view utf8) {
  return ScoreText(icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))));
}

bool IsVietnameseSyllable(std::string_view word) {
  std::vector<UChar32> lower;
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
    lower.push_back(u_tolower(c));
  }
  return IsSyllable(lower);
}

std::optional<std::string> ConvertLegacy(std::string_view bytes,
                                         LegacyEncoding encoding) {
  std::optional<icu::UnicodeString> text = Decode(bytes, encoding);
  if (!text) return std::nullopt;
  return ToUtf8(*text);
}

std::optional<LegacyText> DecodeLegacyVietnamese(std::string_view bytes) {
  if (bytes.empty() || bytes.size() > kMaxInputBytes) return std::nullopt;
  if (std::all_of(bytes.begin(), bytes.end(),
                  [](char c) { return static_cast<uint8_t>(c) < 0x80; })) {
    return std::nullopt;
  }
  const std::string_view prefix = bytes.substr(0, ScorePrefixEnd(bytes));

  // The UTF-8 reading (invalid sequences as U+FFFD) is the rival to beat.
  const VietnameseScore as_utf8 = ScoreText(icu::UnicodeString::fromUTF8(
      icu::StringPiece(prefix.data(), static_cast<int32_t>(prefix.size()))));

  std::optional<LegacyEncoding> best;
  std::optional<icu::UnicodeString> best_text;
  VietnameseScore best_score;
  for (const LegacyEncoding encoding : kLegacyEncodings) {
    std::optional<icu::UnicodeString> text = Decode(prefix, encoding);
    if (!text) continue;
    const VietnameseScore score = ScoreText(*text);
    if (!best || score.Quality() > best_score.Quality()) {
      best = encoding;
      best_text = std::move(text);
      best_score = score;
    }
  }
  if (!best || !best_score.Convincing()) return std::nullopt;
  if (as_utf8.Quality() >= best_score.Quality()) return std::nullopt;

  LegacyText result;
  result.encoding = std::string(LegacyEncodingName(*best));
  if (prefix.size() == bytes.size()) {
    result.utf8 = ToUtf8(*best_text);
  } else {
    std::optional<icu::UnicodeString> all = Decode(bytes, *best);
    if (!all) return std::nullopt;
    result.utf8 = ToUtf8(*all);
  }
  return result;
}

}  // namespace vnsearch
