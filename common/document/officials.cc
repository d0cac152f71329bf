#include "common/document/officials.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_split.h"
#include "common/analysis/char_table.h"
#include "common/base/absl_compat.h"
#include "common/document/word_scanner.h"

namespace vnsearch {
namespace {

// ---------------------------------------------------------------------------
// Vocabularies: one entry per phrase, syllables separated by a space, in
// lower case (capitals only for acronyms). Each word is written once: the
// word normaliser makes letter case and tone placement canonical, both here
// and in the text ("uỷ" and "Ủy" match "ủy").

// Offices. A role starts with one of these, optionally after kRolePrefixes.
// clang-format off
constexpr std::string_view kRoles[] = {
    "bộ trưởng", "thứ trưởng", "thủ tướng", "tổng bí thư", "bí thư",
    "bí thư thứ nhất", "chủ tịch", "chủ nhiệm", "ủy viên",
    "trưởng ban", "trưởng phòng", "trưởng đoàn", "trưởng công an",
    "trưởng thôn", "trưởng bản", "trưởng ấp", "trưởng văn phòng",
    "trưởng đại diện", "trưởng tiểu ban", "giám đốc", "tổng giám đốc",
    "tổng biên tập", "tổng cục trưởng", "cục trưởng", "vụ trưởng",
    "viện trưởng", "hiệu trưởng", "chánh án", "chánh văn phòng",
    "chánh thanh tra", "tổng thanh tra", "thẩm phán", "thống đốc",
    "tổng kiểm toán", "kiểm toán trưởng", "tổng thư ký", "đại sứ",
    "tổng lãnh sự", "người phát ngôn", "phát ngôn viên", "tư lệnh",
    "chính ủy", "tham mưu trưởng", "tổng tham mưu trưởng",
    "chỉ huy trưởng", "đại biểu quốc hội", "chủ tọa",
    "tổng thống", "ngoại trưởng", "thị trưởng", "tỉnh trưởng",
    "nhà lãnh đạo", "nghị sĩ", "thượng nghị sĩ", "hạ nghị sĩ",
    "thường trực ban bí thư", "đại tướng", "thượng tướng", "trung tướng",
    "thiếu tướng", "đại tá", "thượng tá", "trung tá", "thiếu tá", "đô đốc",
    "chuẩn đô đốc", "đại biểu", "quan chức", "đại diện thương mại",
};
// clang-format on

// Offices written as acronyms, which match in capitals too: "ĐBQH" (đại
// biểu Quốc hội), "PTT" (Phó Thủ tướng).
constexpr std::string_view kRoleAcronyms[] = {"ĐBQH", "PTT"};

// Words that may precede an office: "Phó Chủ tịch", "nguyên Bộ trưởng".
constexpr std::string_view kRolePrefixes[] = {"phó", "quyền", "nguyên", "cựu",
                                              "tân"};

// Lower-case words that continue an organisation name after an office:
// "Đảng ủy khối các cơ quan trung ương", "Tòa án nhân dân tối cao", "Chủ
// tịch UBND tỉnh". (Any lower-case word right after a capitalised one is
// accepted too: "Thông tin", "Tuyên giáo".)
// clang-format off
constexpr std::string_view kConnectors[] = {
    "và", "các", "của", "thuộc", "tỉnh", "thành", "phố", "huyện", "quận", "xã",
    "phường", "thị", "trấn", "nước", "nhân", "dân", "cơ", "quan", "khối",
    "trung", "ương", "tối", "cao", "vụ", "sự", "hành", "giáo", "trực", "đảng",
    "ủy", "tra", "chính", "phủ", "ban", "ty", "nông", "thôn",
};
// clang-format on

// Connectors that cannot end a role: "... Truyền thông và" is cut before "và".
constexpr std::string_view kNonFinal[] = {"và", "các",  "của", "thuộc",
                                          "cơ", "nhân", "tối"};

// Single capitalised organisation words complete in themselves: a lower-case
// word after them is not the second half of a compound ("Bí thư Đảng ủy Khối
// phát biểu", "Giám đốc Sở đánh giá").
constexpr std::string_view kWholeOrgWords[] = {
    "khối", "sở", "bộ", "tỉnh", "huyện", "quận", "xã", "phường", "tw",
};

// Lower-case words that start a predicate, so they end an organisation name
// even right after a capitalised word.
// clang-format off
constexpr std::string_view kPredicateStarts[] = {
    "phát", "cho", "chủ", "đề", "nhấn", "khẳng", "yêu", "trao", "tặng", "đánh",
    "kết", "dự", "tham", "làm", "đến", "về", "tại", "đã", "sẽ", "đang", "được",
    "bị", "cùng", "thăm", "tiếp", "gặp", "chúc", "ký", "nêu", "chỉ", "khai",
    "là", "có", "trả", "vừa", "mới", "trong", "ngày", "sáng", "chiều", "tối",
    "khi", "thì", "này", "đó", "cũng", "đi", "ra", "vào", "lên", "xuống", "với",
    "nói", "khen",
};
// clang-format on

// Words that make an office word the name of a body: "Phủ Chủ tịch"
// (the presidential palace), "Đoàn Chủ tịch" (a presidium), "Ban Bí thư".
constexpr std::string_view kBodiesBeforeOffice[] = {"phủ", "đoàn", "ban"};

// Address forms. "Đồng chí"/"Đ/c" marks a party official even without a
// role; "ông"/"bà" only a person.
constexpr std::string_view kStrongHonorifics[] = {"đồng chí", "đ/c"};
constexpr std::string_view kWeakHonorifics[] = {"ông", "bà", "ngài"};

// Family names: separate a name from the organisation before it ("Đảng ủy
// Khối Nguyễn Văn Thể") and vouch for a person in "Name, Office".
// clang-format off
constexpr std::string_view kSurnames[] = {
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ",
    "đặng", "bùi", "đỗ", "hồ", "ngô", "dương", "lý", "lương", "đinh", "trịnh",
    "đoàn", "đào", "cao", "lâm", "mai", "tô", "trương", "hà", "tạ", "quách",
    "lưu", "chu", "lại", "kiều", "thái", "từ", "triệu", "vương", "khổng", "tôn",
    "thân", "lò", "giàng", "hầu", "mạc", "âu", "tăng", "la", "châu", "diệp",
    "nông", "hứa", "tống", "lục", "phùng", "lã", "khúc", "ninh", "bạch", "đàm",
    "nghiêm", "viên", "kim", "vi", "mã", "thạch", "danh", "quan", "cù", "doãn",
    "lường", "sùng", "vàng", "đậu", "khương", "kha", "điểu", "lữ", "phí", "chử",
    "khuất", "tào", "thiều", "uông", "giáp", "sầm", "tiêu", "ung", "nhữ", "bế",
    "hoa", "hàn", "lạc", "lăng",
};
// clang-format on

// Capitalised words that never belong to a personal name: organisation
// heads, office words, address forms and sentence-initial function words.
// clang-format off
constexpr std::string_view kNeverInName[] = {
    "bộ", "sở", "ban", "ủy", "cục", "viện", "đảng", "khối", "tỉnh",
    "huyện", "quận", "xã", "phường", "phó", "chủ", "bí", "thủ", "tổng", "giám",
    "ông", "bà", "ngài", "theo", "tại", "ảnh", "tin", "bài", "các", "những",
    "và", "ngày", "chiều", "tối", "trưa", "đêm", "thứ", "trong", "khi", "sau",
    "trước", "với", "của", "cho", "là", "đã", "sẽ", "được", "nhưng", "này",
    "đó", "đây", "để", "do", "vì", "nếu", "về", "đến", "cũng", "một", "nhiều",
    "bệnh", "luật", "mặt", "trận", "tòa", "quỹ", "nguồn", "đ/c", "ubnd",
    "hđnd", "tp", "báo",
};
// clang-format on

// Capitalised words that do not start a name and do not make one without a
// family name before them, but are common given names after one ("Lê Văn
// Tám", "Hoàng Trung Hải", "Bùi Trường Giang", "Phạm Thành Long").
// clang-format off
constexpr std::string_view kNotNameStart[] = {
    "trưởng", "đồng", "hội", "hiện", "cùng", "ngoài", "bên", "nhà", "công",
    "tập", "trường", "học", "đại", "thượng", "thiếu", "chánh", "dự", "tham",
    "phát", "quang", "toàn", "nguyên", "cựu", "quyền", "tân", "chính", "lễ",
    "chỉ", "thị", "thông", "điều", "cấp", "tổ", "văn", "trung", "liên", "thành",
    "vụ", "kỳ", "khóa", "còn", "tuy", "từ", "nghị", "quyết", "ngân",
    "sáng",
};
// clang-format on

// Places. A capitalised run that is a place is not a name, and a place at
// the start of a run after an office is part of the organisation ("Chủ tịch
// UBND TP Hà Nội Nguyễn Đức Chung").
// clang-format off
constexpr std::string_view kPlaces[] = {
    // Provinces and cities.
    "an giang", "bà rịa", "vũng tàu", "bắc giang", "bắc kạn", "bạc liêu",
    "bắc ninh", "bến tre", "bình định", "bình dương", "bình phước",
    "bình thuận", "cà mau", "cao bằng", "đắk lắk", "đắc lắc", "đắk nông",
    "điện biên", "đồng nai", "đồng tháp", "gia lai", "hà giang", "hà nam",
    "hà tĩnh", "hải dương", "hậu giang", "hòa bình", "hưng yên",
    "khánh hòa", "kiên giang", "kon tum", "lai châu",
    "lâm đồng", "lạng sơn", "lào cai", "long an", "nam định", "nghệ an",
    "ninh bình", "ninh thuận", "phú thọ", "phú yên", "quảng bình",
    "quảng nam", "quảng ngãi", "quảng ninh", "quảng trị", "sóc trăng",
    "sơn la", "tây ninh", "thái bình", "thái nguyên", "thanh hóa",
    "thừa thiên", "thừa thiên huế", "huế", "tiền giang",
    "trà vinh", "tuyên quang", "vĩnh long", "vĩnh phúc", "yên bái",
    "cần thơ", "đà nẵng", "hải phòng", "hà nội", "hồ chí minh", "sài gòn",
    "tây nguyên", "nam bộ", "bắc bộ", "trung bộ", "tây bắc", "hà đông",
    "tịnh biên", "châu đốc", "phú quốc", "côn đảo", "hoàng sa", "trường sa",
    // Countries, unions, capitals and world regions.
    "việt nam", "trung quốc", "hoa kỳ", "mỹ", "nga", "nhật bản", "nhật",
    "hàn quốc", "triều tiên", "pháp", "đức", "anh", "úc", "australia",
    "ấn độ", "lào", "campuchia", "cam pu chia", "thái lan", "philippines",
    "indonesia", "malaysia", "singapore", "myanmar", "mianma", "brunei",
    "đông timor", "timor leste", "israel", "palestine", "iran", "iraq",
    "syria", "thổ nhĩ kỳ", "ukraine", "canada", "italy", "italia", "ý",
    "tây ban nha", "bồ đào nha", "cuba", "venezuela", "mexico", "brazil",
    "argentina", "chile", "peru", "colombia", "ecuador", "bolivia",
    "panama", "nicaragua", "ai cập", "ả rập xê út", "saudi arabia",
    "ả rập saudi", "qatar", "kuwait", "jordan", "liban", "lebanon",
    "yemen", "libya", "bahrain", "oman", "uae", "afghanistan", "pakistan",
    "bangladesh", "sri lanka", "nepal", "đài loan", "hồng kông", "ma cao",
    "new zealand", "hà lan", "bỉ", "luxembourg", "thụy điển", "thụy sĩ",
    "thụy sỹ", "na uy", "đan mạch", "phần lan", "iceland", "ireland",
    "ai len", "scotland", "ba lan", "séc", "slovakia", "hungary", "áo",
    "romania", "bulgaria", "serbia", "croatia", "hy lạp", "síp",
    "nam phi", "nigeria", "kenya", "ethiopia", "somalia", "sudan",
    "algeria", "maroc", "morocco", "tunisia", "mông cổ", "kazakhstan",
    "belarus", "gruzia", "georgia", "armenia", "azerbaijan", "uzbekistan",
    "vatican", "eu", "liên hợp quốc", "lhq", "asean", "nato", "fed",
    "bắc kinh", "washington", "moscow", "matxcơva", "tokyo", "seoul",
    "bình nhưỡng", "paris", "london", "berlin", "nhà trắng",
    "điện kremlin", "kremlin", "lầu năm góc", "liên minh châu âu",
    "châu âu", "châu á", "châu phi", "châu mỹ", "đông nam á", "đông á",
    "nam á", "trung đông", "bắc mỹ", "mỹ latinh", "mỹ la tinh",
    "thái bình dương", "biển đông", "đông dương", "liên xô", "bắc phi",
    "trung á", "tây âu", "đông âu", "madrid", "new york", "litva",
    "moldova", "saint petersburg",
};
// clang-format on

// Words after which capitalised words name a place: "xã Tân Phú".
// clang-format off
constexpr std::string_view kPlaceTypes[] = {
    "tỉnh", "thành phố", "tp", "huyện", "quận", "xã", "phường", "thị xã",
    "thị trấn", "thôn", "bản", "ấp", "khu phố", "đường", "phố", "làng",
    "sông", "đảo", "vịnh", "núi", "đèo", "cầu", "chợ", "bến", "hồ",
};
// clang-format on

// Names that are not officials wherever they appear: a city and an ideology
// ("TP Hồ Chí Minh", "tư tưởng Hồ Chí Minh", "Lăng Chủ tịch Hồ Chí Minh").
constexpr std::string_view kStopNames[] = {"hồ chí minh"};

// Capitalised-then-lower words that are organisations, so a run of
// capitalised words before them is not a name: "Trung ương Đoàn Thanh
// niên", "Hội Phụ nữ".
// clang-format off
constexpr std::string_view kOrgCompounds[] = {
    "thanh niên", "phụ nữ", "nông dân", "chiến binh", "tổ quốc", "quốc hội",
    "chính phủ", "nhà nước", "trung ương", "tuyên giáo", "dân vận", "kiểm tra",
    "thông tin", "truyền thông", "công an", "quân đội", "nhân dân",
    "hành chính", "kinh tế", "giao thông", "vận tải",
    // Titles written before a name: "Thủ tướng Nguyễn Xuân Phúc Tiến sĩ
    // Terry F. Buss" (a caption run into the next line).
    "tiến sĩ", "thạc sĩ", "bác sĩ", "kỹ sư", "luật sư", "nghệ sĩ", "ca sĩ",
    "giáo sư", "nhà báo",
};
// clang-format on

// Words that make a role prefix right after them the second half of a
// compound: "chính quyền Tổng thống ..." (the government of a president).
constexpr std::string_view kCompoundsBeforePrefix[] = {"chính"};

// Words that make a place type right after them a common noun: "nông thôn"
// (the countryside), "Trưởng thôn", "Trưởng bản" (a village head).
constexpr std::string_view kCompoundsBeforePlaceType[] = {"nông", "trưởng"};

// "Đoàn" after these is the Youth Union of a level ("Trung ương Đoàn",
// "Thành Đoàn", "Tỉnh Đoàn"), not a family name. The level word matches in
// any letter case.
constexpr std::string_view kYouthUnion[] = {"đoàn"};
constexpr std::string_view kYouthUnionLevels[] = {"ương", "thành", "tỉnh"};

// What the vocabularies say about a word; a word may be in several.
enum class WordClass : uint8_t {
  kSurname,                  // kSurnames
  kConnector,                // kConnectors
  kNonFinal,                 // kNonFinal
  kNeverInName,              // kNeverInName
  kNotNameStart,             // kNotNameStart
  kPlaceType,                // last word of a kPlaceTypes entry
  kWeakHonorific,            // kWeakHonorifics
  kRolePrefix,               // kRolePrefixes
  kWholeOrgWord,             // kWholeOrgWords
  kPredicateStart,           // kPredicateStarts
  kBodyBeforeOffice,         // kBodiesBeforeOffice
  kCompoundBeforePrefix,     // kCompoundsBeforePrefix
  kCompoundBeforePlaceType,  // kCompoundsBeforePlaceType
  kYouthUnion,               // kYouthUnion
  kYouthUnionLevel,          // kYouthUnionLevels
};

struct WordList {
  WordClass word_class;
  // Each entry's last word gets the class ("thị xã": "xã").
  std::span<const std::string_view> entries;
};

constexpr WordList kWordLists[] = {
    {WordClass::kSurname, kSurnames},
    {WordClass::kConnector, kConnectors},
    {WordClass::kNonFinal, kNonFinal},
    {WordClass::kNeverInName, kNeverInName},
    {WordClass::kNotNameStart, kNotNameStart},
    {WordClass::kPlaceType, kPlaceTypes},
    {WordClass::kWeakHonorific, kWeakHonorifics},
    {WordClass::kRolePrefix, kRolePrefixes},
    {WordClass::kWholeOrgWord, kWholeOrgWords},
    {WordClass::kPredicateStart, kPredicateStarts},
    {WordClass::kBodyBeforeOffice, kBodiesBeforeOffice},
    {WordClass::kCompoundBeforePrefix, kCompoundsBeforePrefix},
    {WordClass::kCompoundBeforePlaceType, kCompoundsBeforePlaceType},
    {WordClass::kYouthUnion, kYouthUnion},
    {WordClass::kYouthUnionLevel, kYouthUnionLevels},
};

[[nodiscard]] constexpr uint32_t Bit(WordClass word_class) {
  return uint32_t{1} << static_cast<unsigned>(word_class);
}

// Bounds on one office chain, so that reading it is cheap whatever the text.
constexpr size_t kMaxClauseWords = 16;
constexpr size_t kMaxClauses = 6;

// Separators that end an office chain, and those that set off an office in
// apposition to a name ("Name, Office", "Name – Office", "Name (Office)").
constexpr uint16_t kHardStop = kSepSentence | kSepLineBreak | kSepSemicolon |
                               kSepColon | kSepOpenParen | kSepCloseParen |
                               kSepQuote | kSepOther;
constexpr uint16_t kAppositive =
    kSepComma | kSepDash | kSepOpenParen | kSepCloseParen;

// A vocabulary word's number; kUnknownWord for every other word.
using WordId = uint16_t;
constexpr WordId kUnknownWord = 0;
using Phrase = std::vector<WordId>;

struct WordEntry {
  uint32_t classes = 0;  // Bit(WordClass) set
  // An acronym (kRoleAcronyms): also matches in capitals.
  bool matches_capitals = false;
};

// Phrases grouped by their first word.
struct PhraseSet {
  std::vector<Phrase> phrases;
  std::vector<std::vector<uint32_t>> by_first;  // WordId -> phrase indices

  void Add(Phrase phrase) {
    if (phrase.empty()) return;
    if (by_first.size() <= phrase[0]) by_first.resize(phrase[0] + 1u);
    by_first[phrase[0]].push_back(static_cast<uint32_t>(phrases.size()));
    phrases.push_back(std::move(phrase));
  }
};

// A range of word indices; empty when begin == end.
struct WordSpan {
  size_t begin = 0;
  size_t end = 0;

  [[nodiscard]] size_t size() const { return end - begin; }
  [[nodiscard]] bool empty() const { return begin == end; }
};

}  // namespace

// The vocabularies as word ids, keyed by the words' exact forms.
struct OfficialExtractor::Lexicon {
  explicit Lexicon(WordNormalizer word_normalizer)
      : normalizer(std::move(word_normalizer)) {}

  WordNormalizer normalizer;
  absl::flat_hash_map<std::string, WordId> ids;  // exact form -> id
  // Vocabulary spelling -> id, while AddVocabularies() runs.
  absl::flat_hash_map<absl::string_view, WordId> spellings;
  std::vector<WordEntry> entries{1};  // by id
  size_t longest_word = 0;            // bytes, in exact form
  PhraseSet roles;
  PhraseSet places;
  PhraseSet strong_honorifics;
  std::vector<Phrase> stop_names;
  std::vector<Phrase> org_compounds;

  void AddVocabularies() {
    ids.reserve(1024);
    spellings.reserve(1024);
    for (std::string_view role : kRoles) roles.Add(InternPhrase(role));
    for (std::string_view acronym : kRoleAcronyms) {
      const WordId id = Intern(acronym);
      entries[id].matches_capitals = true;
      roles.Add(Phrase{id});
    }
    for (std::string_view place : kPlaces) places.Add(InternPhrase(place));
    for (std::string_view phrase : kStrongHonorifics) {
      strong_honorifics.Add(InternPhrase(phrase));
    }
    for (std::string_view name : kStopNames) {
      stop_names.push_back(InternPhrase(name));
    }
    for (std::string_view compound : kOrgCompounds) {
      org_compounds.push_back(InternPhrase(compound));
    }
    for (const WordList& list : kWordLists) {
      for (std::string_view entry : list.entries) {
        entries[InternPhrase(entry).back()].classes |= Bit(list.word_class);
      }
    }
    spellings = {};
  }

  WordId Intern(std::string_view word) {
    // Words recur across the vocabularies ("trưởng", "tổng", "châu"): each
    // spelling is normalised once.
    const auto [known, added_spelling] =
        spellings.try_emplace(ToAbsl(word), kUnknownWord);
    if (!added_spelling) return known->second;
    std::string exact;
    std::string folded;
    normalizer.Normalize(word, exact, folded);
    const auto [it, added] =
        ids.try_emplace(exact, static_cast<WordId>(entries.size()));
    if (added) entries.emplace_back();
    longest_word = std::max(longest_word, exact.size());
    known->second = it->second;
    return it->second;
  }

  Phrase InternPhrase(std::string_view phrase) {
    Phrase out;
    for (absl::string_view word :
         absl::StrSplit(ToAbsl(phrase), ' ', absl::SkipEmpty())) {
      out.push_back(Intern(ToStd(word)));
    }
    return out;
  }

  // The id of `word` in whatever letter case it is written. `exact` and
  // `folded` are scratch space.
  [[nodiscard]] WordId AnyCaseId(std::string_view word, std::string& exact,
                                 std::string& folded) const {
    normalizer.Normalize(word, exact, folded);
    auto it = ids.find(exact);
    return it == ids.end() ? kUnknownWord : it->second;
  }

  // The id of text word `word` of shape `shape`: a vocabulary word written
  // in lower case or capitalised, or an acronym written in capitals.
  [[nodiscard]] WordId TextId(std::string_view word, WordShape shape,
                              std::string& exact, std::string& folded) const {
    if ((shape != WordShape::kLower && shape != WordShape::kCapitalized &&
         shape != WordShape::kUpper) ||
        word.size() > longest_word) {
      return kUnknownWord;
    }
    const WordId id = AnyCaseId(word, exact, folded);
    if (shape == WordShape::kUpper && !entries[id].matches_capitals) {
      return kUnknownWord;
    }
    return id;
  }
};

namespace {

// One article's words with their vocabulary ids, and the pattern matchers.
class Scanner {
 public:
  using Lexicon = OfficialExtractor::Lexicon;

  Scanner(const Lexicon& lexicon, std::string_view text)
      : lex_(lexicon), text_(text) {
    ScanWords(text, words_);
    ids_.reserve(words_.size());
    // Each distinct spelling is normalised once.
    absl::flat_hash_map<absl::string_view, WordId> seen;
    std::string exact;
    std::string folded;
    for (const ScannedWord& word : words_) {
      const std::string_view spelling = word.Text(text_);
      const auto [it, added] = seen.try_emplace(ToAbsl(spelling), kUnknownWord);
      if (added) it->second = lex_.TextId(spelling, word.shape, exact, folded);
      ids_.push_back(it->second);
    }
  }

  // A person and the office the text gives them there.
  struct Candidate {
    WordSpan name;
    WordSpan alias;  // empty when none
    std::string role;
  };

  // Every candidate, by position of the name.
  [[nodiscard]] std::vector<Candidate> Run() const {
    std::vector<Candidate> out;
    FindRoleThenName(out);
    FindNameThenRole(out);
    std::stable_sort(out.begin(), out.end(),
                     [](const Candidate& a, const Candidate& b) {
                       return a.name.begin < b.name.begin;
                     });
    return out;
  }

  // The words of `span` separated by a space ("George W. Bush").
  [[nodiscard]] std::string NameText(WordSpan span) const {
    std::string name;
    for (size_t i = span.begin; i < span.end; ++i) {
      if (i > span.begin) name.push_back(' ');
      const std::string_view word = words_[i].Text(text_);
      name.append(word.data(), word.size());
      if (i + 1 < span.end && words_[i + 1].sep_before == kSepSentence) {
        name.push_back('.');
      }
    }
    return name;
  }

  [[nodiscard]] const std::vector<ScannedWord>& words() const { return words_; }

 private:
  // ---- Words ----------------------------------------------------------

  [[nodiscard]] size_t size() const { return words_.size(); }

  // Word i is in the vocabulary of `word_class` (false past the end).
  [[nodiscard]] bool Is(size_t i, WordClass word_class) const {
    return i < size() && (lex_.entries[ids_[i]].classes & Bit(word_class)) != 0;
  }

  // Is() for word i written in any letter case ("TỈNH").
  [[nodiscard]] bool AnyCaseIs(size_t i, WordClass word_class) const {
    std::string exact;
    std::string folded;
    const WordId id = lex_.AnyCaseId(words_[i].Text(text_), exact, folded);
    return (lex_.entries[id].classes & Bit(word_class)) != 0;
  }

  // Separators before word i; a line break past the end.
  [[nodiscard]] uint16_t Sep(size_t i) const {
    return i < size() ? words_[i].sep_before
                      : static_cast<uint16_t>(kSepLineBreak);
  }

  [[nodiscard]] bool IsCapitalized(size_t i) const {
    return i < size() && words_[i].shape == WordShape::kCapitalized;
  }

  // A capitalised word that a lower-case word may complete ("Thông" tin,
  // "Đảng" ủy), unlike "Khối" or "Sở".
  [[nodiscard]] bool CompoundStart(size_t i) const {
    return IsCapitalized(i) && !Is(i, WordClass::kWholeOrgWord);
  }

  // A word that may start a personal name.
  [[nodiscard]] bool IsNameWord(size_t i) const {
    return IsNameTail(i) && !Is(i, WordClass::kNotNameStart);
  }

  // A word inside a name once a family name has started it: kNotNameStart
  // words such as "Văn", "Trung", "Thành" are common given names.
  [[nodiscard]] bool IsNameTail(size_t i) const {
    return IsCapitalized(i) && !words_[i].joined &&
           !Is(i, WordClass::kNeverInName);
  }

  // A single capital letter: "W" in "George W. Bush".
  [[nodiscard]] bool IsInitial(size_t i) const {
    return IsCapitalized(i) && words_[i].end - words_[i].begin == 1;
  }

  // ---- Phrases --------------------------------------------------------

  // Length of the longest phrase of `set` at word i (its words separated by
  // spaces only, and not running past `limit`), or 0.
  [[nodiscard]] size_t MatchAt(const PhraseSet& set, size_t i,
                               size_t limit) const {
    if (i >= limit || ids_[i] == kUnknownWord ||
        ids_[i] >= set.by_first.size()) {
      return 0;
    }
    size_t best = 0;
    for (uint32_t index : set.by_first[ids_[i]]) {
      const Phrase& phrase = set.phrases[index];
      if (phrase.size() <= best || i + phrase.size() > limit) continue;
      bool match = true;
      for (size_t k = 1; k < phrase.size() && match; ++k) {
        match = ids_[i + k] == phrase[k] && words_[i + k].sep_before == 0;
      }
      if (match) best = phrase.size();
    }
    return best;
  }

  // The words of `span` are one of `phrases`.
  [[nodiscard]] bool IsPhrase(const std::vector<Phrase>& phrases,
                              WordSpan span) const {
    return std::any_of(phrases.begin(), phrases.end(), [&](const Phrase& p) {
      return p.size() == span.size() &&
             std::equal(p.begin(), p.end(), ids_.begin() + span.begin);
    });
  }

  // Length of the place name at word i, or 0. A one-word country that a
  // lower-case word completes is another word: "Pháp" luật, "Ý" kiến, "Anh"
  // hùng, "Nhật" ký.
  [[nodiscard]] size_t PlaceAt(size_t i, size_t limit) const {
    const size_t length = MatchAt(lex_.places, i, limit);
    if (length == 1 && i + 1 < size() && Sep(i + 1) == 0 &&
        words_[i + 1].shape == WordShape::kLower) {
      return 0;
    }
    return length;
  }

  // Length of the office starting at word i ("Phó Trưởng ban"), or 0.
  [[nodiscard]] size_t RoleAt(size_t i) const {
    if (i >= size()) return 0;
    const WordShape shape = words_[i].shape;
    if (shape != WordShape::kLower && shape != WordShape::kCapitalized &&
        shape != WordShape::kUpper) {
      return 0;
    }
    const bool joined_to_previous = i > 0 && Sep(i) == 0;
    // "Phủ Chủ tịch", "Đoàn Chủ tịch", "Ban Bí thư" are bodies, not people.
    if (joined_to_previous && Is(i - 1, WordClass::kBodyBeforeOffice)) {
      return 0;
    }
    // "nguyên Bộ trưởng", but not "chính quyền Tổng thống ...".
    const bool prefix =
        Is(i, WordClass::kRolePrefix) &&
        !(joined_to_previous && Is(i - 1, WordClass::kCompoundBeforePrefix));
    if (prefix && i + 1 < size() && words_[i + 1].sep_before == 0) {
      const size_t rest = RoleAt(i + 1);
      if (rest > 0) return rest + 1;
    }
    return MatchAt(lex_.roles, i, size());
  }

  // Strong address ("đồng chí", "Đ/c") right before word i.
  [[nodiscard]] bool StrongHonorificBefore(size_t i) const {
    if (i == 0 || (Sep(i) & ~kSepColon) != 0) return false;
    for (size_t length = 1; length <= 2 && length <= i; ++length) {
      if (MatchAt(lex_.strong_honorifics, i - length, i) == length) return true;
    }
    return false;
  }

  [[nodiscard]] bool WeakHonorificBefore(size_t i) const {
    return i > 0 && Sep(i) == 0 && Is(i - 1, WordClass::kWeakHonorific);
  }

  // ---- Names ----------------------------------------------------------

  // End of the capitalised run that starts at i. A foreign middle initial
  // continues it ("George W. Bush"); a last word that makes an organisation
  // or a title with the lower-case word after it ("Đoàn Thanh" niên,
  // "Phúc Tiến" sĩ) is left out.
  // `lenient` admits a kNotNameStart word as the first word (after a
  // country: "Trung Quốc Tập Cận Bình").
  [[nodiscard]] size_t RunEnd(size_t i, bool lenient = false) const {
    size_t j = i;
    const bool surname_led = Is(i, WordClass::kSurname);
    while (j < size()) {
      const bool joined = j == i || words_[j].sep_before == 0 ||
                          (!surname_led && j - 1 > i && IsInitial(j - 1) &&
                           words_[j].sep_before == kSepSentence);
      const bool tail_ok = (surname_led && j > i) || (lenient && j == i);
      if (!joined || !(IsNameWord(j) || (tail_ok && IsNameTail(j)))) {
        break;
      }
      ++j;
    }
    if (j > i + 1 && j < size() && Sep(j) == 0 &&
        words_[j].shape == WordShape::kLower &&
        IsPhrase(lex_.org_compounds, WordSpan{j - 1, j + 1})) {
      --j;
    }
    return j;
  }

  // Word i starts an office in apposition to a person named right before it
  // with an address form: "ông Trương Anh Tuấn – Giám đốc Địa ốc Hoàng
  // Quân". A name inside that office is an organisation ("Hoàng Quân" is the
  // company), not the office holder.
  [[nodiscard]] bool AppositionToAddressedPerson(size_t i) const {
    constexpr uint16_t kApposition = kSepComma | kSepDash;
    if (i < 2 || (Sep(i) & kApposition) == 0 || (Sep(i) & ~kApposition) != 0 ||
        !IsNameTail(i - 1)) {
      return false;
    }
    size_t start = i - 1;
    while (start > 0 && i - start < 4 && Sep(start) == 0 &&
           IsNameTail(start - 1)) {
      --start;
    }
    if (i - start < 2) return false;
    return StrongHonorificBefore(start) || WeakHonorificBefore(start);
  }

  // A 2-4 word name that is not a place or a stop name.
  [[nodiscard]] bool AcceptableName(WordSpan name) const {
    if (name.size() < 2 || name.size() > 4) return false;
    if (MatchAt(lex_.places, name.begin, name.end) == name.size()) {
      return false;
    }
    if (IsPhrase(lex_.stop_names, name)) return false;
    // "Deloitte Việt Nam", "Real Madrid": organisations named after places
    // (but "Trương Hòa Bình" is a person).
    const bool family_name = Is(name.begin, WordClass::kSurname);
    for (size_t i = name.begin + 1; i < name.end && !family_name; ++i) {
      if (MatchAt(lex_.places, i, name.end) == name.end - i) return false;
    }
    // A foreign name never ends on an initial ("George W" of "George W.
    // Bush"); a Vietnamese one may ("Nguyễn Văn A").
    return !IsInitial(name.end - 1) || family_name;
  }

  // A family name at word i starts a personal name ending at `end`: it is
  // not a place, nor the Youth Union ("Thành Đoàn").
  [[nodiscard]] bool FamilyNameAt(size_t i, size_t end) const {
    if (!Is(i, WordClass::kSurname) || MatchAt(lex_.places, i, end) > 0) {
      return false;
    }
    return !(i > 0 && Sep(i) == 0 && Is(i, WordClass::kYouthUnion) &&
             AnyCaseIs(i - 1, WordClass::kYouthUnionLevel));
  }

  // Word `begin` follows a lower-case place type, so it starts a place:
  // "xã Tân Phú ..." (but not "nông thôn", "Trưởng thôn").
  [[nodiscard]] bool AfterPlaceType(size_t begin) const {
    if (begin == 0 || Sep(begin) != 0 ||
        !Is(begin - 1, WordClass::kPlaceType) ||
        words_[begin - 1].shape == WordShape::kCapitalized) {
      return false;
    }
    return !(begin > 1 && Sep(begin - 1) == 0 &&
             Is(begin - 2, WordClass::kCompoundBeforePlaceType));
  }

  // The capitalised word before `end` is Vietnamese (not ASCII) and a
  // lower-case word completes it: "Phòng Thương" mại, "Đài Tiếng" nói, "Khu
  // Quản" lý. Such runs are organisations, not foreign names.
  [[nodiscard]] bool VietnameseCompoundFollows(size_t end) const {
    if (end >= size() || Sep(end) != 0 ||
        words_[end].shape != WordShape::kLower) {
      return false;
    }
    const std::string_view last = words_[end - 1].Text(text_);
    return std::any_of(last.begin(), last.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x80;
    });
  }

  // Whether TrailingName() may take a run without a family name as a
  // foreign name.
  enum class Foreign {
    kNo,
    kUnlessCompound,  // not when VietnameseCompoundFollows()
    kYes,  // after a country or an address: "Trung Quốc Tập Cận Bình"
  };

  // The personal name ending a capitalised run [begin, end) that follows an
  // office. Leading places are organisation ("TP Hà Nội"); the name starts
  // at a family name (the whole run if it starts with one; else the one
  // giving 3, then 4, then 2 syllables). Without a family name, a run of 2-4
  // words is taken as a foreign name when `foreign` allows it: directly
  // after the office or after a country ("Tổng thống Mỹ Donald Trump"), not
  // after other organisation words ("Giám đốc Cty TNHH Chí Linh").
  [[nodiscard]] std::optional<WordSpan> TrailingName(size_t begin, size_t end,
                                                     Foreign foreign) const {
    size_t start = begin;
    bool after_place = AfterPlaceType(begin);
    for (;;) {
      const size_t place = PlaceAt(start, end);
      if (place == 0 || start + place >= end) break;
      start += place;
      after_place = false;
      foreign = Foreign::kYes;
    }
    if (after_place) {
      // "xã Tân Phú Lê Văn A": an unknown place of (usually) two words.
      if (end - start < 4) return std::nullopt;
      start += 2;
    }
    const WordSpan run{start, end};
    if (FamilyNameAt(start, end) && AcceptableName(run)) return run;
    for (size_t want : {3u, 4u, 2u}) {
      if (end < start + want) continue;
      const WordSpan name{end - want, end};
      if (name.begin > start && FamilyNameAt(name.begin, end) &&
          AcceptableName(name)) {
        return name;
      }
    }
    if (foreign != Foreign::kNo && !after_place && AcceptableName(run) &&
        (foreign == Foreign::kYes || !VietnameseCompoundFollows(end))) {
      return run;
    }
    return std::nullopt;
  }

  // The name after a weak address form at word i: "ông Nguyễn Văn A".
  [[nodiscard]] std::optional<WordSpan> NameAfterWeakHonorific(size_t i) const {
    if (!Is(i, WordClass::kWeakHonorific) || !IsNameWord(i + 1) ||
        Sep(i + 1) != 0) {
      return std::nullopt;
    }
    return TrailingName(i + 1, RunEnd(i + 1), Foreign::kYes);
  }

  // ---- Office chains --------------------------------------------------

  struct Chain {
    size_t role_end = 0;  // one past the last word of the role
    // Where each clause's role ended; the last entry is the clause in which
    // the chain stopped.
    std::vector<size_t> clause_ends;
    std::optional<WordSpan> name;  // the office holder, when named after it
  };

  // How reading one clause ("Office Organisation") ended.
  enum class ClauseEnd {
    kStop,        // the organisation ended
    kNextClause,  // ", Office ..." follows
    kName,        // the office holder's name (Chain::name)
  };

  // Reading one clause's organisation words.
  struct Clause {
    size_t pos = 0;       // the next word
    size_t head_end = 0;  // one past the office words
    // The previous word is capitalised and a lower-case word may complete it.
    bool after_capital = false;
    bool after_country = false;  // a foreign name may follow
  };

  // Reads "Office Organisation[, Office Organisation]*" from word `start`
  // (which begins an office), stopping at a name (role then name) or where
  // the organisation ends.
  [[nodiscard]] Chain ParseChain(size_t start) const {
    Chain chain;
    chain.role_end = start;
    size_t pos = start;
    for (size_t n = 0; n < kMaxClauses; ++n) {
      const size_t head = RoleAt(pos);
      if (head == 0) break;
      Clause clause;
      clause.pos = clause.head_end = pos + head;
      // "Trưởng Ban tuyên giáo": the head may end on a capitalised word.
      clause.after_capital = CompoundStart(clause.pos - 1);
      chain.role_end = clause.pos;
      const ClauseEnd end = ReadClause(clause, chain);
      chain.clause_ends.push_back(chain.role_end);
      if (end != ClauseEnd::kNextClause) break;
      pos = clause.pos;
    }
    return chain;
  }

  [[nodiscard]] ClauseEnd ReadClause(Clause& clause, Chain& chain) const {
    while (clause.pos < size() &&
           clause.pos - clause.head_end < kMaxClauseWords) {
      if (std::optional<ClauseEnd> end = ReadClauseWord(clause, chain)) {
        return *end;
      }
    }
    return ClauseEnd::kStop;
  }

  // Takes the word at clause.pos (and the words it starts) into the role,
  // returning nullopt, or says how the clause ends there.
  [[nodiscard]] std::optional<ClauseEnd> ReadClauseWord(Clause& clause,
                                                        Chain& chain) const {
    const size_t pos = clause.pos;
    const uint16_t sep = Sep(pos);
    if ((sep & kHardStop) != 0) return ClauseEnd::kStop;
    if ((sep & (kSepComma | kSepDash)) != 0) {
      if (RoleAt(pos) > 0) return ClauseEnd::kNextClause;
      // "Chủ tịch UBND tỉnh, ông Nguyễn Văn A"
      chain.name = NameAfterWeakHonorific(pos);
      return chain.name ? ClauseEnd::kName : ClauseEnd::kStop;
    }
    // "Chủ tịch nước ông Trần Đại Quang" (but "quận Hai Bà Trưng").
    if ((chain.name = NameAfterWeakHonorific(pos))) return ClauseEnd::kName;
    if (TakePlace(clause, chain)) return std::nullopt;
    if (IsNameWord(pos) || (clause.after_country && IsNameTail(pos))) {
      return ReadCapitalizedRun(clause, chain);
    }
    if (TakeOrganisationWord(clause, chain)) return std::nullopt;
    return ClauseEnd::kStop;
  }

  // Moves `words` words into the role.
  static void Take(size_t words, Clause& clause, Chain& chain) {
    clause.pos += words;
    chain.role_end = clause.pos;
  }

  // "Tổng thống Thổ Nhĩ Kỳ Recep Tayyip Erdogan": a capitalised place is
  // part of the office, and a foreign name may follow it.
  bool TakePlace(Clause& clause, Chain& chain) const {
    const WordShape shape = words_[clause.pos].shape;
    if (shape != WordShape::kCapitalized && shape != WordShape::kUpper) {
      return false;
    }
    const size_t place = PlaceAt(clause.pos, size());
    if (place == 0) return false;
    Take(place, clause, chain);
    clause.after_capital = false;
    clause.after_country = true;
    return true;
  }

  // A run of name words at clause.pos: the office holder's name, a person
  // called by the given name, or organisation words.
  [[nodiscard]] std::optional<ClauseEnd> ReadCapitalizedRun(
      Clause& clause, Chain& chain) const {
    const size_t pos = clause.pos;
    const size_t end = std::max(RunEnd(pos, clause.after_country), pos + 1);
    const Foreign foreign = clause.after_country     ? Foreign::kYes
                            : pos == clause.head_end ? Foreign::kUnlessCompound
                                                     : Foreign::kNo;
    if (std::optional<WordSpan> name = TrailingName(pos, end, foreign)) {
      chain.name = name;
      if (name->begin > pos) chain.role_end = name->begin;
      return ClauseEnd::kName;
    }
    if (pos == clause.head_end && end == pos + 1 &&
        (Sep(end) & (kSepComma | kSepSentence | kSepColon)) != 0) {
      // "Bí thư Thăng, ...": a person called by the given name.
      chain.role_end = clause.head_end;
      return ClauseEnd::kStop;
    }
    Take(end - pos, clause, chain);
    clause.after_capital = CompoundStart(clause.pos - 1);
    return std::nullopt;
  }

  // Other organisation words: capitalised ("Sở", "UBND"), a number after a
  // place type ("quận 2"), a lower-case word completing a capitalised one
  // ("Thông tin") or a connector ("và", "tỉnh"; "và" does not end a role).
  bool TakeOrganisationWord(Clause& clause, Chain& chain) const {
    const size_t pos = clause.pos;
    switch (words_[pos].shape) {
      case WordShape::kCapitalized:
      case WordShape::kUpper:
      case WordShape::kMixed:
        Take(1, clause, chain);
        clause.after_capital = CompoundStart(pos);
        return true;
      case WordShape::kNumber:
        // "Chủ tịch UBND quận 2 Nguyễn Phước Hưng"
        if (pos == 0 || !Is(pos - 1, WordClass::kPlaceType)) return false;
        Take(1, clause, chain);
        clause.after_capital = false;
        return true;
      case WordShape::kLower:
        if (clause.after_capital && !Is(pos, WordClass::kPredicateStart)) {
          Take(1, clause, chain);
          clause.after_capital = false;
          return true;
        }
        if (!Is(pos, WordClass::kConnector)) return false;
        ++clause.pos;
        if (!Is(pos, WordClass::kNonFinal)) chain.role_end = clause.pos;
        return true;
    }
    return false;
  }

  [[nodiscard]] std::string RoleText(size_t begin, size_t end) const {
    if (end <= begin) return {};
    return std::string(text_.substr(words_[begin].begin,
                                    words_[end - 1].end - words_[begin].begin));
  }

  // ---- Patterns -------------------------------------------------------

  // "Bộ trưởng Trương Minh Tuấn", "Ủy viên Trung ương Đảng, Bí thư Đảng ủy
  // Khối Nguyễn Văn Thể".
  void FindRoleThenName(std::vector<Candidate>& out) const {
    size_t covered_until = 0;  // chains already read, to keep roles whole
    for (size_t i = 0; i < size(); ++i) {
      if (i < covered_until) continue;
      if (RoleAt(i) == 0 || AppositionToAddressedPerson(i)) continue;
      const Chain chain = ParseChain(i);
      if (!chain.name) continue;
      covered_until = chain.name->end;
      out.push_back(Candidate{*chain.name,
                              WordSpan{chain.name->end, chain.name->end},
                              RoleText(i, chain.role_end)});
    }
  }

  // "đồng chí Lê Quốc Cường, Bí thư Đảng ủy, Giám đốc Sở ...", list items
  // "; Võ Văn Phuông, Ủy viên ...", "đồng chí Trần Đức Lai".
  void FindNameThenRole(std::vector<Candidate>& out) const {
    size_t i = 0;
    while (i < size()) {
      if (!IsNameWord(i)) {
        ++i;
        continue;
      }
      const WordSpan run{i, RunEnd(i)};
      i = run.end;
      if (std::optional<Candidate> candidate = NameThenRole(run)) {
        out.push_back(*std::move(candidate));
      }
    }
  }

  // The person a capitalised run names, with the office after it, if the
  // text vouches for a person: an address form, a list item or a family
  // name (with an office), or a party address (with or without).
  [[nodiscard]] std::optional<Candidate> NameThenRole(WordSpan run) const {
    WordSpan name = run;
    if (run.size() > 4) {
      std::optional<WordSpan> trailing =
          TrailingName(run.begin, run.end, Foreign::kNo);
      if (!trailing) return std::nullopt;
      name = *trailing;
    }
    if (!AcceptableName(name)) return std::nullopt;
    const bool whole_run = name.begin == run.begin;
    const bool strong = whole_run && StrongHonorificBefore(name.begin);
    const bool weak = whole_run && WeakHonorificBefore(name.begin);
    // A list item ("; Võ Văn Phuông, Ủy viên ...") or a sentence that
    // opens with the name ("Robert Lighthizer, Đại diện Thương mại Mỹ").
    const bool list_item =
        whole_run && (Sep(name.begin) & (kSepSemicolon | kSepColon |
                                         kSepSentence | kSepLineBreak)) != 0;
    const bool family_name = Is(name.begin, WordClass::kSurname);

    Candidate candidate{name, AliasAfter(name.end), {}};
    const size_t next =
        candidate.alias.empty() ? name.end : candidate.alias.end;
    candidate.role = RoleAfterName(next, strong || weak);
    const bool person = strong || weak || list_item || family_name;
    if ((!candidate.role.empty() && person) || strong) return candidate;
    return std::nullopt;
  }

  // "Đỗ Văn Phới (Đỗ Văn Phớn)": the other name in parentheses at word
  // `next`, or an empty span there.
  [[nodiscard]] WordSpan AliasAfter(size_t next) const {
    if (Sep(next) == kSepOpenParen && IsNameWord(next)) {
      const WordSpan alias{next, RunEnd(next)};
      if ((Sep(alias.end) & kSepCloseParen) != 0 && AcceptableName(alias)) {
        return alias;
      }
    }
    return WordSpan{next, next};
  }

  // The office in apposition at word `next` ("Name, Office ...", "Name –
  // Office", "Name (Office)"), or "". `addressed`: the name came with an
  // address form.
  [[nodiscard]] std::string RoleAfterName(size_t next, bool addressed) const {
    const uint16_t sep = Sep(next);
    if (next >= size() || (sep & kAppositive) == 0 ||
        (sep & ~kAppositive) != 0 || RoleAt(next) == 0) {
      return {};
    }
    const Chain chain = ParseChain(next);
    size_t role_end = chain.role_end;
    if (chain.name) {
      const size_t clauses = chain.clause_ends.size();
      if (addressed && clauses == 1) {
        // "ông Lê Hữu Nghĩa – Giám đốc Công ty Lê Thành": the name is the
        // company's.
        role_end = chain.name->end;
      } else {
        // "tại Hà Nội, Chủ tịch nước Trần Đại Quang": the office in the last
        // clause belongs to the name after it.
        role_end = clauses >= 2 ? chain.clause_ends[clauses - 2] : next;
      }
    }
    return RoleText(next, role_end);
  }

  const Lexicon& lex_;
  std::string_view text_;
  std::vector<ScannedWord> words_;
  std::vector<WordId> ids_;  // by word; in the case the text writes them
};

// The candidates merged into officials: one per name or alias, keeping the
// longest role.
std::vector<Official> MergeCandidates(const Scanner& scanner,
                                      std::vector<Scanner::Candidate> found) {
  std::vector<Official> officials;
  absl::flat_hash_map<std::string, size_t> index;  // name or alias -> official
  for (Scanner::Candidate& candidate : found) {
    const std::string name = scanner.NameText(candidate.name);
    const std::string alias = scanner.NameText(candidate.alias);
    auto it = index.find(name);
    if (it == index.end() && !alias.empty()) it = index.find(alias);
    if (it == index.end()) {
      it = index.emplace(name, officials.size()).first;
      officials.push_back(Official{name, {}, {}, 1});
    }
    const size_t at = it->second;
    Official& official = officials[at];
    if (!alias.empty() && alias != official.name &&
        std::find(official.aliases.begin(), official.aliases.end(), alias) ==
            official.aliases.end()) {
      official.aliases.push_back(alias);
      index.emplace(alias, at);
    }
    if (candidate.role.size() > official.role.size()) {
      official.role = std::move(candidate.role);
    }
  }
  return officials;
}

// Times the word sequence of each official's name or aliases occurs.
void CountMentions(std::string_view text, const std::vector<ScannedWord>& words,
                   std::vector<Official>& officials) {
  // A name as words, each with the separators before it.
  struct Part {
    std::string text;
    uint16_t sep_before;
  };
  struct Pattern {
    size_t official;
    std::vector<Part> parts;
  };
  absl::flat_hash_map<std::string, std::vector<Pattern>> by_first;
  auto add = [&](size_t official, const std::string& name) {
    Pattern pattern{official, {}};
    for (const ScannedWord& word : ScanWords(name)) {
      pattern.parts.push_back(
          Part{std::string(word.Text(name)), word.sep_before});
    }
    if (pattern.parts.empty()) return;
    by_first[pattern.parts[0].text].push_back(std::move(pattern));
  };
  for (size_t i = 0; i < officials.size(); ++i) {
    officials[i].mentions = 0;
    add(i, officials[i].name);
    for (const std::string& alias : officials[i].aliases) add(i, alias);
  }
  for (size_t i = 0; i < words.size(); ++i) {
    auto it = by_first.find(ToAbsl(words[i].Text(text)));
    if (it == by_first.end()) continue;
    for (const Pattern& pattern : it->second) {
      const std::vector<Part>& parts = pattern.parts;
      if (i + parts.size() > words.size()) continue;
      bool match = true;
      for (size_t k = 1; k < parts.size() && match; ++k) {
        match = words[i + k].sep_before == parts[k].sep_before &&
                words[i + k].Text(text) == parts[k].text;
      }
      // A longer capitalised run is another name ("Lê Minh" in "Lê Minh
      // Hưng").
      const size_t after = i + parts.size();
      if (match && after < words.size() && words[after].sep_before == 0 &&
          words[after].shape == WordShape::kCapitalized) {
        match = false;
      }
      if (match) ++officials[pattern.official].mentions;
    }
  }
  for (Official& official : officials) {
    if (official.mentions == 0) official.mentions = 1;
  }
}

}  // namespace

OfficialExtractor::OfficialExtractor(WordNormalizer normalizer) {
  auto lexicon = std::make_shared<Lexicon>(std::move(normalizer));
  lexicon->AddVocabularies();
  lexicon_ = std::move(lexicon);
}

absl::StatusOr<OfficialExtractor> OfficialExtractor::Create() {
  absl::StatusOr<std::shared_ptr<const CharTable>> table = CharTable::Create();
  if (!table.ok()) return table.status();
  return OfficialExtractor(WordNormalizer(*std::move(table)));
}

std::vector<Official> OfficialExtractor::Extract(std::string_view text) const {
  const Scanner scanner(*lexicon_, text);
  std::vector<Official> officials = MergeCandidates(scanner, scanner.Run());
  CountMentions(text, scanner.words(), officials);
  return officials;
}

}  // namespace vnsearch
