#include "common/document/legacy_encoding.h"

#include <gtest/gtest.h>
#include <iconv.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace vnsearch {
namespace {

namespace fs = std::filesystem;

// --- Encoders: UTF-8 to each legacy encoding, built independently of the
// decoder (library converters in the reverse direction; for VNI, the
// published per-letter spelling).

std::string Nfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string out;
  nfc->normalize(icu::UnicodeString::fromUTF8(utf8), status).toUTF8String(out);
  return out;
}

std::vector<UChar32> CodePoints(std::string_view utf8) {
  std::vector<UChar32> out;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    out.push_back(c);
  }
  return out;
}

std::string Utf8(UChar32 c) {
  std::string out;
  icu::UnicodeString(c).toUTF8String(out);
  return out;
}

// glibc iconv from UTF-8; nullopt if a character has no mapping.
std::optional<std::string> Iconv(std::string_view utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* op = out.data();
  size_t out_left = out.size();
  const size_t r = iconv(cd, &in, &in_left, &op, &out_left);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1)) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

// What a legacy file reader (glibc) makes of `bytes`, NFC.
std::optional<std::string> IconvToUtf8(std::string_view bytes,
                                       const char* from) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* op = out.data();
  size_t out_left = out.size();
  const size_t r = iconv(cd, &in, &in_left, &op, &out_left);
  // glibc's TCVN5712-1 holds a base letter back to compose it with a tone
  // that may follow: flush it.
  if (r != static_cast<size_t>(-1)) iconv(cd, nullptr, nullptr, &op, &out_left);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1)) return std::nullopt;
  out.resize(out.size() - out_left);
  return Nfc(out);
}

// ICU's windows-1258 for one character; nullopt if it has no single code.
std::optional<std::string> IcuEncodeChar(UChar32 c, const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(name, &status);
  ucnv_setFromUCallBack(cnv, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr,
                        nullptr, &status);
  const icu::UnicodeString s(c);
  char buf[16];
  const int32_t n =
      ucnv_fromUChars(cnv, buf, sizeof buf, s.getBuffer(), s.length(), &status);
  ucnv_close(cnv);
  if (U_FAILURE(status)) return std::nullopt;
  return std::string(buf, n);
}

// Splits a letter into its toneless letter and its combining tone mark (0
// for none), with ICU's canonical decomposition.
std::pair<UChar32, UChar32> SplitTone(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString parts;
  if (!nfd->getDecomposition(c, parts)) return {c, 0};
  UChar32 letter = parts.char32At(0);
  UChar32 tone = 0;
  for (int32_t i = 1; i < parts.length(); ++i) {
    const UChar32 mark = parts.charAt(i);
    if (mark == 0x0300 || mark == 0x0301 || mark == 0x0303 || mark == 0x0309 ||
        mark == 0x0323) {
      tone = mark;
    } else {
      letter = nfc->composePair(letter, mark);
    }
  }
  return {letter, tone};
}

// Windows-1258 the way Windows writes it: a precomposed code where the
// code page has one, else the toneless letter and a combining tone byte.
std::optional<std::string> EncodeWindows1258(std::string_view utf8) {
  std::string out;
  for (const UChar32 c : CodePoints(Nfc(utf8))) {
    if (auto code = IcuEncodeChar(c, "windows-1258")) {
      out += *code;
      continue;
    }
    const auto [letter, tone] = SplitTone(c);
    auto base = IcuEncodeChar(letter, "windows-1258");
    auto mark = tone ? IcuEncodeChar(tone, "windows-1258") : std::string();
    if (!base || !mark || tone == 0) return std::nullopt;
    out += *base + *mark;
  }
  return out;
}

std::optional<std::string> EncodeViscii(std::string_view utf8) {
  return Iconv(Nfc(utf8), "VISCII");
}

// TCVN3 has no capital with a tone mark: ABC writers switched to the
// capitals font (.VnTimeH), which draws the lowercase codes as capitals, so
// plain text holds the lowercase letter. Codes are glibc's TCVN5712-1 (VN1)
// for the characters VN3 has.
UChar32 Tcvn3Writable(UChar32 c) {
  if (c < 0x80 || !u_isupper(c)) return c;
  const auto [letter, tone] = SplitTone(c);
  return tone == 0 ? c : u_tolower(c);
}

std::optional<std::string> EncodeTcvn3(std::string_view utf8) {
  std::string out;
  for (const UChar32 c : CodePoints(Nfc(utf8))) {
    const UChar32 w = Tcvn3Writable(c);
    if (w < 0x80) {
      out.push_back(static_cast<char>(w));
      continue;
    }
    auto code = Iconv(Utf8(w), "TCVN5712-1");
    if (code && code->size() == 1 && static_cast<uint8_t>((*code)[0]) >= 0xA0) {
      out += *code;
      continue;
    }
    // Punctuation: the Windows-1252 codes in 0x80-0x9F.
    code = IcuEncodeChar(w, "windows-1252");
    if (!code || code->size() != 1 ||
        static_cast<uint8_t>((*code)[0]) >= 0xA0) {
      return std::nullopt;
    }
    out += *code;
  }
  return out;
}

// VNI spelling: ASCII base letter, then one byte for circumflex/breve and
// tone together; ơ ư đ and the i/ỵ letters are single bytes. Capital
// letters take the capital row (byte - 0x20). From the VNI column of the
// Vietnamese encodings comparison table.
std::optional<std::string> EncodeVni(std::string_view utf8) {
  struct Single {
    UChar32 letter;
    uint8_t byte;
  };
  static const Single kSingles[] = {
      {0x01A1, 0xF4}, {0x01B0, 0xF6}, {0x0111, 0xF1},
      {0x00ED, 0xED}, {0x00EC, 0xEC}, {0x1EC9, 0xE6},
      {0x0129, 0xF3}, {0x1ECB, 0xF2}, {0x1EF5, 0xEE},
  };
  auto tone_index = [](UChar32 tone) {
    switch (tone) {
      case 0x0301:
        return 1;
      case 0x0300:
        return 2;
      case 0x0309:
        return 3;
      case 0x0303:
        return 4;
      case 0x0323:
        return 5;
      default:
        return 0;
    }
  };
  //                      none  acute grave hook  tilde dot
  static const int kPlain[] = {0, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF};
  static const int kCirc[] = {0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4};
  static const int kBreve[] = {0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB};
  std::string out;
  for (const UChar32 c : CodePoints(Nfc(utf8))) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (!u_isalpha(c)) {  // punctuation: Windows-1252 below 0xC0
      auto code = IcuEncodeChar(c, "windows-1252");
      if (!code || code->size() != 1 ||
          static_cast<uint8_t>((*code)[0]) >= 0xC0) {
        return std::nullopt;
      }
      out += *code;
      continue;
    }
    const bool upper = u_isupper(c);
    const UChar32 lower = u_tolower(c);
    const int shift = upper ? 0x20 : 0;
    bool done = false;
    for (const Single& s : kSingles) {
      if (s.letter == lower) {
        out.push_back(static_cast<char>(s.byte - shift));
        done = true;
      }
    }
    if (done) continue;
    const auto [letter, tone] = SplitTone(lower);
    const int t = tone_index(tone);
    UChar32 base = letter;
    const int* row = kPlain;
    switch (letter) {
      case 0x00E2:
        base = 'a';
        row = kCirc;
        break;  // â
      case 0x00EA:
        base = 'e';
        row = kCirc;
        break;  // ê
      case 0x00F4:
        base = 'o';
        row = kCirc;
        break;  // ô
      case 0x0103:
        base = 'a';
        row = kBreve;
        break;  // ă
      default:
        break;
    }
    if (base == 0x01A1 || base == 0x01B0) {  // ơ ư + tone
      for (const Single& s : kSingles) {
        if (s.letter == base) out.push_back(static_cast<char>(s.byte - shift));
      }
    } else if (base < 0x80) {
      out.push_back(static_cast<char>(upper ? u_toupper(base) : base));
    } else {
      return std::nullopt;
    }
    if (row[t] != 0) out.push_back(static_cast<char>(row[t] - shift));
  }
  return out;
}

std::optional<std::string> Encode(std::string_view utf8,
                                  LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::kWindows1258:
      return EncodeWindows1258(utf8);
    case LegacyEncoding::kViscii:
      return EncodeViscii(utf8);
    case LegacyEncoding::kTcvn3:
      return EncodeTcvn3(utf8);
    case LegacyEncoding::kVni:
      return EncodeVni(utf8);
  }
  return std::nullopt;
}

// `utf8` as a writer in `encoding` could type it: capitals with a tone in
// lowercase for TCVN3, and characters the encoding lacks (curly quotes in
// VISCII, foreign letters) as their ASCII look-alike.
std::string Writable(std::string_view utf8, LegacyEncoding encoding) {
  std::string out;
  for (const UChar32 c : CodePoints(Nfc(utf8))) {
    std::string s =
        Utf8(encoding == LegacyEncoding::kTcvn3 ? Tcvn3Writable(c) : c);
    const auto code = Encode(s, encoding);
    if (c < 0x80 || (code && !code->empty())) {  // ICU drops U+200B
      out += s;
      continue;
    }
    switch (c) {
      case 0x201C:
      case 0x201D:
        out += '"';
        break;
      case 0x2018:
      case 0x2019:
        out += '\'';
        break;
      case 0x2013:
      case 0x2014:
        out += '-';
        break;
      case 0x2026:
        out += "...";
        break;
      case 0x00A0:
        out += ' ';
        break;
      default: {
        const UChar32 letter = SplitTone(c).first;
        out += letter < 0x80 ? static_cast<char>(letter) : '?';
      }
    }
  }
  return out;
}

std::string Expected(std::string_view utf8, LegacyEncoding encoding) {
  return Writable(utf8, encoding);
}

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

bool HasNonAsciiLetter(std::string_view utf8) {
  for (const UChar32 c : CodePoints(utf8)) {
    if (c >= 0x80 && u_isalpha(c)) return true;
  }
  return false;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Paragraphs (blank-line separated, trimmed) of the sample articles.
std::vector<std::string> CorpusParagraphs() {
  std::vector<fs::path> files;
  for (const auto& entry :
       fs::directory_iterator(fs::path(VNSEARCH_SOURCE_DIR) / "corpus")) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> paragraphs;
  for (const fs::path& file : files) {
    const std::string text = ReadFile(file);
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find("\n\n", start);
      if (end == std::string::npos) end = text.size();
      std::string p = text.substr(start, end - start);
      const size_t b = p.find_first_not_of(" \t\r\n");
      const size_t e = p.find_last_not_of(" \t\r\n");
      if (b != std::string::npos) paragraphs.push_back(p.substr(b, e - b + 1));
      start = end + 2;
    }
  }
  return paragraphs;
}

constexpr std::string_view kSentence =
    "Sáng nay, Đảng bộ Bộ TT&TT tổ chức hội nghị tổng kết công tác năm 2017, "
    "triển khai nhiệm vụ năm 2018.";

// --- Converters ------------------------------------------------------------

TEST(LegacyEncodingTest, NamesAndConvertersAreAvailable) {
  EXPECT_EQ(LegacyEncodingName(LegacyEncoding::kWindows1258), "windows-1258");
  EXPECT_EQ(LegacyEncodingName(LegacyEncoding::kViscii), "VISCII");
  EXPECT_EQ(LegacyEncodingName(LegacyEncoding::kTcvn3), "TCVN3");
  EXPECT_EQ(LegacyEncodingName(LegacyEncoding::kVni), "VNI");
  for (const LegacyEncoding e : kLegacyEncodings) {
    EXPECT_EQ(ConvertLegacy("abc", e), "abc") << LegacyEncodingName(e);
  }
}

TEST(LegacyEncodingTest, Windows1258ComposesToneMarksToNfc) {
  // ê (EA) + combining dot below (F2); ư (FD) + combining grave (CC).
  EXPECT_EQ(ConvertLegacy("Vi\xEA\xF2t Nam, ng\xFD\xF5\xCCi",
                          LegacyEncoding::kWindows1258),
            "Việt Nam, người");
}

TEST(LegacyEncodingTest, VisciiIsGlibcs) {
  EXPECT_EQ(ConvertLegacy("Vi\xAEt Nam", LegacyEncoding::kViscii), "Việt Nam");
}

TEST(LegacyEncodingTest, Tcvn3TableAgreesWithGlibcVn1AboveA0) {
  // VN1, VN2 and VN3 share 0xA0-0xFF; glibc's TCVN5712-1 is VN1.
  for (int b = 0xA0; b <= 0xFF; ++b) {
    const std::string byte(1, static_cast<char>(b));
    const auto glibc = IconvToUtf8(byte, "TCVN5712-1");
    ASSERT_TRUE(glibc.has_value()) << b;
    EXPECT_EQ(ConvertLegacy(byte, LegacyEncoding::kTcvn3), *glibc)
        << "byte 0x" << std::hex << b;
  }
}

TEST(LegacyEncodingTest, Tcvn3KeepsC0AndReadsC1AsWindows1252) {
  // VN1 puts capitals on 0x01 and 0x80; VN3 (ABC) does not.
  EXPECT_EQ(ConvertLegacy("\x01", LegacyEncoding::kTcvn3), "\x01");
  EXPECT_EQ(ConvertLegacy("\x93\xae\xb9i\x94 \x96", LegacyEncoding::kTcvn3),
            "“đại” –");
}

TEST(LegacyEncodingTest, Tcvn3Sample) {
  // "Bộ trưởng" in ABC: B E9 tr AD EB ng.
  EXPECT_EQ(ConvertLegacy("B\xE9 tr\xAD\xEBng", LegacyEncoding::kTcvn3),
            "Bộ trưởng");
}

TEST(LegacyEncodingTest, VniPublishedSamples) {
  const struct {
    std::string_view vni;
    std::string_view utf8;
  } kRows[] = {
      {"Xin cha\xF8o ca\xF9"
       "c ba\xEFn",
       "Xin chào các bạn"},
      {"Vie\xE4t Nam", "Việt Nam"},
      {"\xD1"
       "a\xFBng",
       "Đảng"},
      {"tr\xF6\xF4\xF8ng", "trường"},
      {"\xF1\xF6\xF4\xEF"
       "c",
       "được"},
      {"VIE\xC4T NAM", "VIỆT NAM"},
      {"kha\xE9p", "khắp"},
      {"\xCD"
       "t ta\xEA"
       "m",
       "Ít tăm"},
  };
  for (const auto& row : kRows) {
    EXPECT_EQ(ConvertLegacy(row.vni, LegacyEncoding::kVni), row.utf8)
        << row.utf8;
  }
}

TEST(LegacyEncodingTest, VniMarkByteWithoutAVowelIsWindows1252) {
  // 0xF9 after a consonant is no VNI mark: keep the ANSI letter.
  EXPECT_EQ(ConvertLegacy("b\xF9", LegacyEncoding::kVni), "bù");
  EXPECT_EQ(ConvertLegacy("\x93x\x94", LegacyEncoding::kVni), "“x”");
}

TEST(LegacyEncodingTest, EncodersRoundTripThroughTheirConverters) {
  for (const LegacyEncoding e : kLegacyEncodings) {
    const auto bytes = Encode(kSentence, e);
    ASSERT_TRUE(bytes.has_value()) << LegacyEncodingName(e);
    EXPECT_EQ(ConvertLegacy(*bytes, e), std::string(kSentence))
        << LegacyEncodingName(e);
  }
}

// --- Syllables -------------------------------------------------------------

TEST(LegacyEncodingTest, VietnameseSyllables) {
  const struct {
    std::string_view word;
    bool valid;
  } kRows[] = {
      {"của", true},       {"người", true},
      {"nghiêng", true},   {"khuya", true},
      {"quốc", true},      {"giữa", true},
      {"gì", true},        {"giếng", true},
      {"Đảng", true},      {"TRƯỞNG", true},
      {"hoà", true},       {"hòa", true},
      {"khuỷu", true},     {"rượu", true},
      {"thuở", true},      {"xoong", true},
      {"yêu", true},       {"tỷ", true},
      {"kết", true},       {"Quỳnh", true},
      {"quyết", true},     {"học", true},
      {"theo", true},      {"kêt", false},  // stop coda needs sắc or nặng
      {"hoc", false},      {"été", false},
      {"français", false}, {"père", false},
      {"trëng", false},    {"tiêìng", false},
      {"ß", false},        {"tr", false},
      {"world", false},    {"façade", false},
      {"ăi", false},       {"Müller", false},
  };
  for (const auto& row : kRows) {
    EXPECT_EQ(IsVietnameseSyllable(row.word), row.valid) << row.word;
  }
}

// --- Detection -------------------------------------------------------------

TEST(LegacyEncodingTest, DetectsEachEncoding) {
  for (const LegacyEncoding e : kLegacyEncodings) {
    const auto bytes = Encode(kSentence, e);
    ASSERT_TRUE(bytes.has_value());
    ASSERT_FALSE(IsValidUtf8(*bytes)) << LegacyEncodingName(e);
    const auto got = DecodeLegacyVietnamese(*bytes);
    ASSERT_TRUE(got.has_value()) << LegacyEncodingName(e);
    EXPECT_EQ(got->encoding, LegacyEncodingName(e));
    EXPECT_EQ(got->utf8, std::string(kSentence)) << LegacyEncodingName(e);
  }
}

TEST(LegacyEncodingTest, DetectsTextFullOfForeignNames) {
  // Capitalised foreign names are not syllables and do not count against
  // the text.
  const std::string text =
      "Đội hình xuất phát của Manchester United: De Gea, Valencia, Bailly, "
      "Rojo, Blind, Herrera, Pogba, Mata, Rashford, Lingard và Ibrahimovic.";
  for (const LegacyEncoding e : kLegacyEncodings) {
    const auto bytes = Encode(text, e);
    ASSERT_TRUE(bytes.has_value());
    const auto got = DecodeLegacyVietnamese(*bytes);
    ASSERT_TRUE(got.has_value()) << LegacyEncodingName(e);
    EXPECT_EQ(got->encoding, LegacyEncodingName(e));
    EXPECT_EQ(got->utf8, text);
  }
}

TEST(LegacyEncodingTest, DetectsFirstParagraphsOfEachArticle) {
  std::vector<fs::path> files;
  for (const auto& entry :
       fs::directory_iterator(fs::path(VNSEARCH_SOURCE_DIR) / "corpus")) {
    files.push_back(entry.path());
  }
  ASSERT_EQ(files.size(), 5u);
  for (const fs::path& file : files) {
    std::string text = ReadFile(file);
    // The lead: first 1500 bytes, cut at a line end.
    text = text.substr(0, text.rfind('\n', 1500));
    for (const LegacyEncoding e : kLegacyEncodings) {
      const auto bytes = Encode(Writable(text, e), e);
      ASSERT_TRUE(bytes.has_value()) << file << LegacyEncodingName(e);
      const auto got = DecodeLegacyVietnamese(*bytes);
      ASSERT_TRUE(got.has_value()) << file << " " << LegacyEncodingName(e);
      EXPECT_EQ(got->encoding, LegacyEncodingName(e)) << file;
      EXPECT_EQ(got->utf8, Expected(text, e))
          << file << " " << LegacyEncodingName(e);
    }
  }
}

TEST(LegacyEncodingTest, HugeInputIsScoredOnAPrefixAndConvertedWhole) {
  std::string text;
  while (text.size() < 3 * kScorePrefixBytes) {
    text += std::string(kSentence) + "\n";
  }
  for (const LegacyEncoding e : kLegacyEncodings) {
    const auto bytes = Encode(text, e);
    ASSERT_TRUE(bytes.has_value());
    const auto got = DecodeLegacyVietnamese(*bytes);
    ASSERT_TRUE(got.has_value()) << LegacyEncodingName(e);
    EXPECT_EQ(got->encoding, LegacyEncodingName(e));
    EXPECT_EQ(got->utf8, text);
  }
}

TEST(LegacyEncodingTest, RejectsEmptyAndAscii) {
  EXPECT_EQ(DecodeLegacyVietnamese(""), std::nullopt);
  EXPECT_EQ(DecodeLegacyVietnamese("Theo bao cao, nam 2017 Dang uy da"),
            std::nullopt);
}

TEST(LegacyEncodingTest, RejectsRandomBytes) {
  std::mt19937 rng(20261201);
  for (int round = 0; round < 50; ++round) {
    std::string bytes(4096, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
    EXPECT_EQ(DecodeLegacyVietnamese(bytes), std::nullopt) << round;
  }
}

TEST(LegacyEncodingTest, RejectsLatin1French) {
  const std::string french =
      "Le président de la République a réuni hier à l'Élysée les ministres "
      "chargés de l'économie. « Nous avons décidé de poursuivre les réformes "
      "engagées », a déclaré le porte-parole du gouvernement, précisant que "
      "la croissance française atteindrait 1,5 % cette année, grâce à la "
      "hausse de la consommation des ménages et à la reprise des "
      "exportations vers l'Allemagne et l'Espagne. Où en sommes-nous ? Déjà "
      "les syndicats ont annoncé une grève générale.";
  const auto latin1 = Iconv(french, "ISO-8859-1");
  ASSERT_TRUE(latin1.has_value());
  EXPECT_EQ(DecodeLegacyVietnamese(*latin1), std::nullopt);
  const auto cp1252 = Iconv(french, "WINDOWS-1252");
  EXPECT_EQ(DecodeLegacyVietnamese(*cp1252), std::nullopt);
}

TEST(LegacyEncodingTest, RejectsUtf16) {
  for (const char* name : {"UTF-16", "UTF-16LE", "UTF-16BE"}) {
    const auto utf16 = Iconv(kSentence, name);
    ASSERT_TRUE(utf16.has_value());
    EXPECT_EQ(DecodeLegacyVietnamese(*utf16), std::nullopt) << name;
  }
}

TEST(LegacyEncodingTest, RejectsShiftJis) {
  const auto sjis = Iconv(
      "東京都は本日、新しい防災計画を発表した。計画では地震や台風に備え、"
      "各区の避難所を増やすとしている。",
      "SHIFT_JIS");
  ASSERT_TRUE(sjis.has_value());
  EXPECT_EQ(DecodeLegacyVietnamese(*sjis), std::nullopt);
}

// The rule: the UTF-8 reading (bad sequences as U+FFFD) competes with the
// legacy readings, and a legacy encoding is claimed only when its reading
// scores better. A UTF-8 article with a stray byte reads as mojibake in
// every legacy encoding, so it is not claimed; the corpus reader repairs it
// as UTF-8 instead.
std::string InsertAt(std::string_view s, size_t pos, std::string_view what) {
  std::string out(s.substr(0, pos));
  out.append(what);
  out.append(s.substr(pos));
  return out;
}

TEST(LegacyEncodingTest, DamagedUtf8IsNotClaimed) {
  const std::string text(kSentence);
  const std::string stray = InsertAt(text, text.find("công"), "\xFF");
  EXPECT_EQ(DecodeLegacyVietnamese(stray), std::nullopt);
  std::string truncated = text;
  truncated.erase(truncated.find("ộ") + 1, 1);  // 3-byte letter cut to 2
  EXPECT_EQ(DecodeLegacyVietnamese(truncated), std::nullopt);
  // A whole article with one bad byte near the end.
  std::string article = ReadFile(fs::path(VNSEARCH_SOURCE_DIR) / "corpus" /
                                 "000_c30106b772c56d2b.txt");
  article = InsertAt(article, article.size() - 10, "\xC0");
  EXPECT_EQ(DecodeLegacyVietnamese(article), std::nullopt);
  // Text without diacritics and one Latin-1 byte: one marked word is not
  // enough to call it Vietnamese.
  EXPECT_EQ(DecodeLegacyVietnamese("Theo bao cao nam nay, \xE0 Ha Noi"),
            std::nullopt);
}

TEST(LegacyEncodingTest, NeverCrashesOnAnyBytes) {
  std::mt19937 rng(7);
  // Bytes drawn from ASCII letters and the high half, where the
  // Vietnamese codes live, so some inputs look half-plausible.
  const std::string alphabet =
      "aeiouyAEIOUY bcdghklmnpqrstvx\n" + std::string(
                                              "\x80\xA0\xAD\xB5\xC0"
                                              "\xCC\xD1\xE0\xE1\xE2"
                                              "\xE4\xEC\xF2\xF4\xF6"
                                              "\xF8\xF9\xFD\xFF");
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(rng() % 300, '\0');
    for (char& c : bytes) c = alphabet[rng() % alphabet.size()];
    const auto got = DecodeLegacyVietnamese(bytes);
    if (got) {
      EXPECT_TRUE(IsValidUtf8(got->utf8));
    }
  }
  for (int b = 0; b < 256; ++b) {
    const std::string one(1, static_cast<char>(b));
    for (const LegacyEncoding e : kLegacyEncodings) {
      const auto got = ConvertLegacy(one, e);
      ASSERT_TRUE(got.has_value());
      EXPECT_TRUE(IsValidUtf8(*got));
    }
  }
}

// Accuracy over every paragraph of the sample articles in each encoding.
// Paragraphs without a non-ASCII letter (nothing Vietnamese to see), and any
// that happen to encode to valid UTF-8 (they never reach the decoder), are
// left out.
TEST(LegacyEncodingTest, AccuracyOverCorpusParagraphs) {
  const std::vector<std::string> paragraphs = CorpusParagraphs();
  ASSERT_GT(paragraphs.size(), 50u);
  size_t total = 0, right = 0;
  for (const LegacyEncoding e : kLegacyEncodings) {
    // same_text: another encoding won whose reading of these bytes is the
    // identical text (e.g. "Các tin khác" is the same bytes in VISCII and
    // Windows-1258): no score can tell, and nothing is lost.
    size_t tried = 0, exact = 0, same_text = 0, wrong = 0, missed = 0,
           skipped = 0;
    for (const std::string& p : paragraphs) {
      const auto bytes = Encode(Writable(p, e), e);
      ASSERT_TRUE(bytes.has_value()) << p;
      if (!HasNonAsciiLetter(p) || IsValidUtf8(*bytes)) {
        ++skipped;
        continue;
      }
      ++tried;
      const auto got = DecodeLegacyVietnamese(*bytes);
      if (!got) {
        ++missed;
        std::cout << "  missed " << LegacyEncodingName(e) << ": " << p << "\n";
      } else if (got->utf8 != Expected(p, e)) {
        ++wrong;
        std::cout << "  wrong " << LegacyEncodingName(e) << " as "
                  << got->encoding << ": " << p << "\n";
      } else if (got->encoding == LegacyEncodingName(e)) {
        ++exact;
      } else {
        ++same_text;
      }
    }
    std::cout << LegacyEncodingName(e) << ": " << tried << " paragraphs, "
              << exact << " exact, " << same_text
              << " same text under another name, " << wrong << " wrong, "
              << missed << " not detected (" << skipped << " skipped)\n";
    total += tried;
    right += exact + same_text;
    EXPECT_EQ(wrong, 0u) << LegacyEncodingName(e);
  }
  EXPECT_GE(right * 100, total * 98);
}

}  // namespace
}  // namespace vnsearch
