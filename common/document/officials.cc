#include "common/document/officials.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "common/document/word_scanner.h"

namespace vnsearch {
namespace {

// ---------------------------------------------------------------------------
// Vocabularies (lower case; one entry per phrase, syllables separated by a
// space). Both tone placements are listed where Vietnamese writes both
// ("ủy"/"uỷ").

// Offices. A role starts with one of these, optionally after kRolePrefixes.
// clang-format off
constexpr std::string_view kRoles[] = {
    "bộ trưởng", "thứ trưởng", "thủ tướng", "tổng bí thư", "bí thư",
    "bí thư thứ nhất", "chủ tịch", "chủ nhiệm", "ủy viên", "uỷ viên",
    "trưởng ban", "trưởng phòng", "trưởng đoàn", "trưởng công an",
    "trưởng thôn", "trưởng bản", "trưởng ấp", "trưởng văn phòng",
    "trưởng đại diện", "trưởng tiểu ban", "giám đốc", "tổng giám đốc",
    "tổng biên tập", "tổng cục trưởng", "cục trưởng", "vụ trưởng",
    "viện trưởng", "hiệu trưởng", "chánh án", "chánh văn phòng",
    "chánh thanh tra", "tổng thanh tra", "thẩm phán", "thống đốc",
    "tổng kiểm toán", "kiểm toán trưởng", "tổng thư ký", "đại sứ",
    "tổng lãnh sự", "người phát ngôn", "phát ngôn viên", "tư lệnh",
    "chính ủy", "chính uỷ", "tham mưu trưởng", "tổng tham mưu trưởng",
    "chỉ huy trưởng", "đại biểu quốc hội", "ĐBQH", "chủ tọa", "chủ toạ",
    "tổng thống", "ngoại trưởng", "thị trưởng", "tỉnh trưởng",
    "nhà lãnh đạo", "nghị sĩ", "thượng nghị sĩ", "hạ nghị sĩ",
    "thường trực ban bí thư", "đại tướng", "thượng tướng", "trung tướng",
    "thiếu tướng", "đại tá", "thượng tá", "trung tá", "thiếu tá", "đô đốc",
    "chuẩn đô đốc", "đại biểu", "quan chức", "PTT", "đại diện thương mại",
};
// clang-format on

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
    "ủy", "uỷ", "tra", "chính", "phủ", "ban", "ty", "nông", "thôn",
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
    "bộ", "sở", "ban", "ủy", "uỷ", "cục", "viện", "đảng", "khối", "tỉnh",
    "huyện", "quận", "xã", "phường", "phó", "chủ", "bí", "thủ", "tổng", "giám",
    "ông", "bà", "ngài", "theo", "tại", "ảnh", "tin", "bài", "các", "những",
    "và", "ngày", "chiều", "tối", "trưa", "đêm", "thứ", "trong", "khi", "sau",
    "trước", "với", "của", "cho", "là", "đã", "sẽ", "được", "nhưng", "này",
    "đó", "đây", "để", "do", "vì", "nếu", "về", "đến", "cũng", "một", "nhiều",
    "bệnh", "luật", "mặt", "trận", "tòa", "toà", "quỹ", "nguồn", "đ/c", "ubnd",
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
    "vụ", "kỳ", "khóa", "khoá", "còn", "tuy", "từ", "nghị", "quyết", "ngân",
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
    "hà tĩnh", "hải dương", "hậu giang", "hòa bình", "hoà bình", "hưng yên",
    "khánh hòa", "khánh hoà", "kiên giang", "kon tum", "lai châu",
    "lâm đồng", "lạng sơn", "lào cai", "long an", "nam định", "nghệ an",
    "ninh bình", "ninh thuận", "phú thọ", "phú yên", "quảng bình",
    "quảng nam", "quảng ngãi", "quảng ninh", "quảng trị", "sóc trăng",
    "sơn la", "tây ninh", "thái bình", "thái nguyên", "thanh hóa",
    "thanh hoá", "thừa thiên", "thừa thiên huế", "huế", "tiền giang",
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

enum Flag : uint32_t {
  kFlagSurname = 1u << 0,
  kFlagConnector = 1u << 1,
  kFlagNonFinal = 1u << 2,
  kFlagNeverInName = 1u << 3,
  kFlagPlaceType = 1u << 4,
  kFlagWeakHonorific = 1u << 5,
  kFlagRolePrefix = 1u << 6,
  kFlagNotNameStart = 1u << 7,
  kFlagWholeOrgWord = 1u << 8,
  kFlagPredicateStart = 1u << 9,
  kFlagBodyBeforeOffice = 1u << 10,
};

using Phrase = std::vector<uint16_t>;

// Phrases grouped by their first word's id.
struct PhraseSet {
  std::vector<Phrase> phrases;
  std::vector<std::vector<uint32_t>> by_first;  // id -> phrase indices

  void Add(Phrase phrase) {
    if (phrase.empty()) return;
    if (by_first.size() <= phrase[0]) by_first.resize(phrase[0] + 1u);
    by_first[phrase[0]].push_back(static_cast<uint32_t>(phrases.size()));
    phrases.push_back(std::move(phrase));
  }
};

// Bounds on one office chain, so that reading it is cheap whatever the text.
constexpr uint32_t kMaxClauseWords = 16;
constexpr size_t kMaxClauses = 6;

// std::string keys looked up by std::string_view without a copy.
// FNV-1a: the keys are short words, where it beats the library's hash.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    uint64_t hash = 14695981039346656037ull;
    for (char c : s) {
      hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
    return static_cast<size_t>(hash);
  }
};
template <typename Value>
using StringMap =
    std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace

struct OfficialExtractor::Lexicon {
  StringMap<uint16_t> ids;         // spelling -> id; 0 unknown
  std::vector<uint32_t> flags{0};  // by id
  PhraseSet roles;
  PhraseSet places;
  PhraseSet place_types;
  PhraseSet strong_honorifics;
  std::vector<Phrase> stop_names;
  std::vector<Phrase> org_compounds;
  uint16_t chinh_id = 0;   // "chính", as in "chính quyền"
  uint16_t nong_id = 0;    // "nông", as in "nông thôn"
  uint16_t truong_id = 0;  // "trưởng", as in "Trưởng thôn"
  size_t longest_spelling = 0;

  uint16_t Intern(std::string_view spelling) {
    const std::string lower = LowerCase(spelling);
    uint16_t id;
    if (auto it = ids.find(lower); it != ids.end()) {
      id = it->second;
    } else {
      id = static_cast<uint16_t>(flags.size());
      flags.push_back(0);
      ids.emplace(lower, id);
    }
    ids.emplace(CapitalizeFirst(lower), id);
    ids.emplace(std::string(spelling), id);
    return id;
  }

  Phrase InternPhrase(std::string_view phrase) {
    Phrase out;
    size_t start = 0;
    while (start <= phrase.size()) {
      size_t space = phrase.find(' ', start);
      if (space == std::string_view::npos) space = phrase.size();
      if (space > start)
        out.push_back(Intern(phrase.substr(start, space - start)));
      start = space + 1;
    }
    return out;
  }

  void Flag(std::string_view word, uint32_t flag) {
    flags[Intern(word)] |= flag;
  }

  [[nodiscard]] uint16_t Lookup(std::string_view spelling) const {
    auto it = ids.find(spelling);
    return it == ids.end() ? 0 : it->second;
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
    ids_.resize(words_.size());
    for (size_t i = 0; i < words_.size(); ++i) {
      const ScannedWord& word = words_[i];
      ids_[i] = word.shape == WordShape::kNumber ||
                        word.end - word.begin > lex_.longest_spelling
                    ? 0
                    : lex_.Lookup(word.Text(text_));
    }
  }

  struct Candidate {
    size_t name_begin = 0;  // word indices
    size_t name_end = 0;
    size_t alias_begin = 0;
    size_t alias_end = 0;  // == alias_begin when none
    std::string role;
  };

  std::vector<Candidate> Run() {
    std::vector<Candidate> out;
    FindRoleThenName(out);
    FindNameThenRole(out);
    std::stable_sort(out.begin(), out.end(),
                     [](const Candidate& a, const Candidate& b) {
                       return a.name_begin < b.name_begin;
                     });
    return out;
  }

  [[nodiscard]] std::string NameText(size_t begin, size_t end) const {
    std::string name;
    for (size_t i = begin; i < end; ++i) {
      if (i > begin) name.push_back(' ');
      const std::string_view word = words_[i].Text(text_);
      name.append(word.data(), word.size());
      if (i + 1 < end && words_[i + 1].sep_before == kSepSentence) {
        name.push_back('.');
      }
    }
    return name;
  }

  [[nodiscard]] const std::vector<ScannedWord>& words() const { return words_; }

 private:
  [[nodiscard]] size_t size() const { return words_.size(); }
  [[nodiscard]] uint32_t FlagsAt(size_t i) const {
    return i < size() ? lex_.flags[ids_[i]] : 0;
  }
  [[nodiscard]] uint16_t Sep(size_t i) const {
    return i < size() ? words_[i].sep_before
                      : static_cast<uint16_t>(kSepLineBreak);
  }

  // Length of the longest phrase of `set` at word i (its words separated by
  // spaces only, and not running past `limit`), or 0.
  [[nodiscard]] size_t MatchAt(const PhraseSet& set, size_t i,
                               size_t limit) const {
    if (i >= limit || ids_[i] == 0 || ids_[i] >= set.by_first.size()) return 0;
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
    // "Phủ Chủ tịch", "Đoàn Chủ tịch", "Ban Bí thư" are bodies, not people.
    if (i > 0 && Sep(i) == 0 && (FlagsAt(i - 1) & kFlagBodyBeforeOffice) != 0) {
      return 0;
    }
    // "nguyên Bộ trưởng", but not "chính quyền Tổng thống ...".
    const bool prefix_ok =
        (FlagsAt(i) & kFlagRolePrefix) != 0 &&
        !(i > 0 && Sep(i) == 0 && ids_[i - 1] == lex_.chinh_id);
    if (prefix_ok && i + 1 < size() && words_[i + 1].sep_before == 0) {
      const size_t rest = RoleAt(i + 1);
      if (rest > 0) return rest + 1;
    }
    return MatchAt(lex_.roles, i, size());
  }

  // A capitalised word that a lower-case word may complete ("Thông" tin,
  // "Đảng" ủy), unlike "Khối" or "Sở".
  [[nodiscard]] bool CompoundStart(size_t i) const {
    return i < size() && words_[i].shape == WordShape::kCapitalized &&
           (FlagsAt(i) & kFlagWholeOrgWord) == 0;
  }

  [[nodiscard]] bool IsNameWord(size_t i) const {
    if (i >= size()) return false;
    const ScannedWord& word = words_[i];
    return word.shape == WordShape::kCapitalized && !word.joined &&
           (FlagsAt(i) & (kFlagNeverInName | kFlagNotNameStart)) == 0;
  }

  // A word inside a name once a family name has started it: kNotNameStart
  // words such as "Văn", "Trung", "Thành" are common given names.
  [[nodiscard]] bool IsNameTail(size_t i) const {
    if (i >= size()) return false;
    const ScannedWord& word = words_[i];
    return word.shape == WordShape::kCapitalized && !word.joined &&
           (FlagsAt(i) & kFlagNeverInName) == 0;
  }

  // A single capital letter: "W" in "George W. Bush".
  [[nodiscard]] bool IsInitial(size_t i) const {
    return i < size() && words_[i].shape == WordShape::kCapitalized &&
           words_[i].end - words_[i].begin == 1;
  }

  // End of the capitalised run that starts at i. A foreign middle initial
  // continues it ("George W. Bush"); a last word that makes an organisation
  // or a title with the lower-case word after it ("Đoàn Thanh" niên,
  // "Phúc Tiến" sĩ) is left out.
  // `lenient` admits a kNotNameStart word as the first word (after a
  // country: "Trung Quốc Tập Cận Bình").
  [[nodiscard]] size_t RunEnd(size_t i, bool lenient = false) const {
    size_t j = i;
    const bool surname_led = (FlagsAt(i) & kFlagSurname) != 0;
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
        words_[j].shape == WordShape::kLower) {
      for (const Phrase& compound : lex_.org_compounds) {
        if (compound.size() == 2 && compound[0] == ids_[j - 1] &&
            compound[1] == ids_[j]) {
          --j;
          break;
        }
      }
    }
    return j;
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
    return i > 0 && Sep(i) == 0 && (FlagsAt(i - 1) & kFlagWeakHonorific) != 0;
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

  [[nodiscard]] bool IsPhrase(const std::vector<Phrase>& phrases, size_t begin,
                              size_t end) const {
    for (const Phrase& phrase : phrases) {
      if (phrase.size() != end - begin) continue;
      if (std::equal(phrase.begin(), phrase.end(), ids_.begin() + begin)) {
        return true;
      }
    }
    return false;
  }

  // Names that are places or stop names.
  [[nodiscard]] bool AcceptableName(size_t begin, size_t end) const {
    const size_t length = end - begin;
    if (length < 2 || length > 4) return false;
    if (MatchAt(lex_.places, begin, end) == length) return false;
    if (IsPhrase(lex_.stop_names, begin, end)) return false;
    // "Deloitte Việt Nam", "Real Madrid": organisations named after places
    // (but "Trương Hòa Bình" is a person).
    const bool family_name = (FlagsAt(begin) & kFlagSurname) != 0;
    for (size_t i = begin + 1; i < end && !family_name; ++i) {
      if (MatchAt(lex_.places, i, end) == end - i) return false;
    }
    // A foreign name never ends on an initial ("George W" of "George W.
    // Bush"); a Vietnamese one may ("Nguyễn Văn A").
    return !IsInitial(end - 1) || family_name;
  }

  // The personal name ending a capitalised run [begin, end) that follows an
  // office. Leading places are organisation ("TP Hà Nội"); the name starts
  // at a family name (the whole run if it starts with one; else the one
  // giving 3, then 4, then 2 syllables). Without a family name, a run of 2-4
  // words is taken as a foreign name when `allow_foreign` and it follows the
  // office directly or after a country ("Tổng thống Mỹ Donald Trump"), not
  // after other organisation words ("Giám đốc Cty TNHH Chí Linh").
  enum class Foreign {
    kNo,
    kUnlessCompound,  // not when VietnameseCompoundFollows()
    kYes,  // after a country or an address: "Trung Quốc Tập Cận Bình"
  };
  [[nodiscard]] std::optional<std::pair<size_t, size_t>> TrailingName(
      size_t begin, size_t end, Foreign foreign) const {
    size_t start = begin;
    // "xã Tân Phú ...", "TP Hà Nội ..." (but not "Nhật Bản" + name).
    bool after_place =
        begin > 0 && Sep(begin) == 0 &&
        (FlagsAt(begin - 1) & kFlagPlaceType) != 0 &&
        words_[begin - 1].shape != WordShape::kCapitalized &&
        !(begin > 1 && Sep(begin - 1) == 0 && ids_[begin - 2] != 0 &&
          (ids_[begin - 2] == lex_.nong_id ||
           ids_[begin - 2] == lex_.truong_id));
    // ("nông thôn", "Trưởng thôn", "Trưởng bản" are not places.)
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
    auto family_name_at = [&](size_t i) {
      if ((FlagsAt(i) & kFlagSurname) == 0) return false;
      if (MatchAt(lex_.places, i, end) > 0) return false;
      // "Trung ương Đoàn", "Thành Đoàn", "Tỉnh Đoàn": the Youth Union.
      if (i > 0 && LowerCase(words_[i].Text(text_)) == "đoàn" && Sep(i) == 0) {
        const std::string previous = LowerCase(words_[i - 1].Text(text_));
        if (previous == "ương" || previous == "thành" || previous == "tỉnh") {
          return false;
        }
      }
      return true;
    };
    if (end - start >= 2 && end - start <= 4 && family_name_at(start) &&
        AcceptableName(start, end)) {
      return std::make_pair(start, end);
    }
    for (size_t want : {3u, 4u, 2u}) {
      if (end < start + want) continue;
      const size_t i = end - want;
      if (i > start && family_name_at(i) && AcceptableName(i, end)) {
        return std::make_pair(i, end);
      }
    }
    if (foreign != Foreign::kNo && !after_place && end - start >= 2 &&
        end - start <= 4 && AcceptableName(start, end) &&
        (foreign == Foreign::kYes || !VietnameseCompoundFollows(end))) {
      return std::make_pair(start, end);
    }
    return std::nullopt;
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

  struct Chain {
    size_t role_end = 0;  // one past the last word of the role
    // Where each completed clause's role ended; the last entry is the
    // clause in which the chain stopped.
    std::vector<size_t> clause_ends;
    std::vector<size_t> clause_starts;
    bool has_name = false;
    size_t name_begin = 0;
    size_t name_end = 0;
  };

  // Reads "Office Organisation[, Office Organisation]*" from word `start`
  // (which begins an office), stopping at a name (role then name) or where
  // the organisation ends.
  [[nodiscard]] Chain ParseChain(size_t start) const {
    Chain chain;
    size_t pos = start;
    chain.role_end = start;
    constexpr uint16_t kHardStop = kSepSentence | kSepLineBreak |
                                   kSepSemicolon | kSepColon | kSepOpenParen |
                                   kSepCloseParen | kSepQuote | kSepOther;
    for (size_t clause = 0; clause < kMaxClauses; ++clause) {
      const size_t head = RoleAt(pos);
      if (head == 0) break;
      chain.clause_starts.push_back(pos);
      pos += head;
      chain.role_end = pos;
      // "Trưởng Ban tuyên giáo": the head may end on a capitalised word.
      bool after_capital = CompoundStart(pos - 1);
      const size_t head_end = pos;
      bool after_country = false;
      bool next_clause = false;
      for (uint32_t count = 0; pos < size() && count < kMaxClauseWords;
           ++count) {
        const ScannedWord& word = words_[pos];
        const uint16_t sep = word.sep_before;
        if ((sep & kHardStop) != 0) break;
        if ((sep & (kSepComma | kSepDash)) != 0) {
          if (RoleAt(pos) > 0) {
            next_clause = true;
          } else if ((FlagsAt(pos) & kFlagWeakHonorific) != 0 &&
                     IsNameWord(pos + 1) && Sep(pos + 1) == 0) {
            // "Chủ tịch UBND tỉnh, ông Nguyễn Văn A"
            const size_t end = RunEnd(pos + 1);
            if (auto name = TrailingName(pos + 1, end, Foreign::kYes)) {
              chain.has_name = true;
              chain.name_begin = name->first;
              chain.name_end = name->second;
            }
          }
          break;
        }
        if ((FlagsAt(pos) & kFlagWeakHonorific) != 0 && IsNameWord(pos + 1) &&
            Sep(pos + 1) == 0) {
          // "Chủ tịch nước ông Trần Đại Quang" (but "quận Hai Bà Trưng").
          const size_t end = RunEnd(pos + 1);
          if (auto name = TrailingName(pos + 1, end, Foreign::kYes)) {
            chain.has_name = true;
            chain.name_begin = name->first;
            chain.name_end = name->second;
            break;
          }
        }
        if (const size_t place = PlaceAt(pos, size());
            place > 0 && (word.shape == WordShape::kCapitalized ||
                          word.shape == WordShape::kUpper)) {
          // "Tổng thống Thổ Nhĩ Kỳ Recep Tayyip Erdogan": the country is
          // part of the office, and a foreign name may follow it.
          pos += place;
          count += static_cast<uint32_t>(place - 1);
          chain.role_end = pos;
          after_capital = false;
          after_country = true;
          continue;
        }
        if (IsNameWord(pos) || (after_country && IsNameTail(pos))) {
          const size_t end = std::max(RunEnd(pos, after_country), pos + 1);
          const Foreign foreign = after_country     ? Foreign::kYes
                                  : pos == head_end ? Foreign::kUnlessCompound
                                                    : Foreign::kNo;
          if (auto name = TrailingName(pos, end, foreign)) {
            chain.has_name = true;
            chain.name_begin = name->first;
            chain.name_end = name->second;
            if (name->first > pos) chain.role_end = name->first;
            break;
          }
          if (pos == head_end && end == pos + 1 &&
              (Sep(end) & (kSepComma | kSepSentence | kSepColon)) != 0) {
            // "Bí thư Thăng, ...": a person called by the given name.
            chain.role_end = head_end;
            next_clause = false;
            break;
          }
          count += static_cast<uint32_t>(end - pos - 1);
          pos = end;
          chain.role_end = pos;
          after_capital = CompoundStart(pos - 1);
          continue;
        }
        if (word.shape == WordShape::kCapitalized ||
            word.shape == WordShape::kUpper ||
            word.shape == WordShape::kMixed) {
          ++pos;
          chain.role_end = pos;
          after_capital = CompoundStart(pos - 1);
          continue;
        }
        if (word.shape == WordShape::kNumber && pos > 0 &&
            (FlagsAt(pos - 1) & kFlagPlaceType) != 0) {
          // "Chủ tịch UBND quận 2 Nguyễn Phước Hưng"
          ++pos;
          chain.role_end = pos;
          after_capital = false;
          continue;
        }
        if (word.shape == WordShape::kLower) {
          const uint32_t flags = FlagsAt(pos);
          if (after_capital && (flags & kFlagPredicateStart) == 0) {
            ++pos;
            chain.role_end = pos;
            after_capital = false;
            continue;
          }
          if ((flags & kFlagConnector) != 0) {
            ++pos;
            if ((flags & kFlagNonFinal) == 0) chain.role_end = pos;
            continue;
          }
        }
        break;
      }
      chain.clause_ends.push_back(chain.role_end);
      if (chain.has_name || !next_clause) break;
    }
    return chain;
  }

  [[nodiscard]] std::string RoleText(size_t begin, size_t end) const {
    if (end <= begin) return {};
    return std::string(text_.substr(words_[begin].begin,
                                    words_[end - 1].end - words_[begin].begin));
  }

  // "Bộ trưởng Trương Minh Tuấn", "Ủy viên Trung ương Đảng, Bí thư Đảng ủy
  // Khối Nguyễn Văn Thể".
  void FindRoleThenName(std::vector<Candidate>& out) const {
    size_t covered_until = 0;  // chains already read, to keep roles whole
    for (size_t i = 0; i < size(); ++i) {
      if (i < covered_until) continue;
      if (RoleAt(i) == 0 || AppositionToAddressedPerson(i)) continue;
      const Chain chain = ParseChain(i);
      if (!chain.has_name) continue;
      covered_until = chain.name_end;
      Candidate candidate;
      candidate.name_begin = chain.name_begin;
      candidate.name_end = chain.name_end;
      candidate.alias_begin = candidate.alias_end = chain.name_end;
      candidate.role = RoleText(i, chain.role_end);
      out.push_back(std::move(candidate));
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
      const size_t run_end = RunEnd(i);
      const size_t run_begin = i;
      i = run_end;
      size_t begin = run_begin;
      size_t end = run_end;
      if (end - begin > 4) {
        auto name = TrailingName(begin, end, Foreign::kNo);
        if (!name) continue;
        begin = name->first;
        end = name->second;
      }
      if (!AcceptableName(begin, end)) continue;
      const bool strong = begin == run_begin && StrongHonorificBefore(begin);
      const bool weak = begin == run_begin && WeakHonorificBefore(begin);
      // A list item ("; Võ Văn Phuông, Ủy viên ...") or a sentence that
      // opens with the name ("Robert Lighthizer, Đại diện Thương mại Mỹ").
      const bool list_item = begin == run_begin &&
                             (Sep(begin) & (kSepSemicolon | kSepColon |
                                            kSepSentence | kSepLineBreak)) != 0;
      const bool family_name = (FlagsAt(begin) & kFlagSurname) != 0;

      Candidate candidate;
      candidate.name_begin = begin;
      candidate.name_end = end;
      candidate.alias_begin = candidate.alias_end = end;
      size_t next = end;
      // "Đỗ Văn Phới (Đỗ Văn Phớn)"
      if (next < size() && (Sep(next) & kSepOpenParen) != 0 &&
          (Sep(next) & ~(kSepOpenParen)) == 0 && IsNameWord(next)) {
        const size_t alias_end = RunEnd(next);
        if (alias_end - next >= 2 && alias_end - next <= 4 &&
            (Sep(alias_end) & kSepCloseParen) != 0 &&
            AcceptableName(next, alias_end)) {
          candidate.alias_begin = next;
          candidate.alias_end = alias_end;
          next = alias_end;
        }
      }
      constexpr uint16_t kAppositive =
          kSepComma | kSepDash | kSepOpenParen | kSepCloseParen;
      const uint16_t sep = Sep(next);
      if (next < size() && (sep & kAppositive) != 0 &&
          (sep & ~kAppositive) == 0 && RoleAt(next) > 0) {
        const Chain chain = ParseChain(next);
        size_t role_end = chain.role_end;
        if (chain.has_name) {
          if ((strong || weak) && chain.clause_ends.size() == 1) {
            // "ông Lê Hữu Nghĩa – Giám đốc Công ty Lê Thành": the name is
            // the company's.
            role_end = chain.name_end;
          } else {
            // "tại Hà Nội, Chủ tịch nước Trần Đại Quang": the office in the
            // last clause belongs to the name after it.
            role_end = chain.clause_ends.size() >= 2
                           ? chain.clause_ends[chain.clause_ends.size() - 2]
                           : next;
          }
        }
        candidate.role = RoleText(next, role_end);
      }
      const bool person = strong || weak || list_item || family_name;
      if ((!candidate.role.empty() && person) || strong) {
        out.push_back(std::move(candidate));
      }
    }
  }

  const Lexicon& lex_;
  std::string_view text_;
  std::vector<ScannedWord> words_;
  std::vector<uint16_t> ids_;
};

// Times the word sequence of each official's name or aliases occurs.
void CountMentions(std::string_view text, const std::vector<ScannedWord>& words,
                   std::vector<Official>& officials) {
  // First word -> (official, name words).
  struct Part {
    std::string text;
    uint16_t sep_before;
  };
  StringMap<std::vector<std::pair<size_t, std::vector<Part>>>> by_first;
  auto add = [&](size_t index, const std::string& name) {
    std::vector<Part> parts;
    for (const ScannedWord& word : ScanWords(name)) {
      parts.push_back(Part{std::string(word.Text(name)), word.sep_before});
    }
    if (parts.empty()) return;
    by_first[parts[0].text].emplace_back(index, std::move(parts));
  };
  for (size_t i = 0; i < officials.size(); ++i) {
    officials[i].mentions = 0;
    add(i, officials[i].name);
    for (const std::string& alias : officials[i].aliases) add(i, alias);
  }
  for (size_t i = 0; i < words.size(); ++i) {
    auto it = by_first.find(words[i].Text(text));
    if (it == by_first.end()) continue;
    for (const auto& [index, parts] : it->second) {
      if (i + parts.size() > words.size()) continue;
      bool match = true;
      for (size_t k = 1; k < parts.size() && match; ++k) {
        match = words[i + k].sep_before == parts[k].sep_before &&
                words[i + k].Text(text) == parts[k].text;
      }
      // A longer capitalised run is another name ("Nguyễn Văn Thể" in
      // "Nguyễn Văn Thểu" cannot happen, but "Lê Minh" in "Lê Minh Hưng"
      // can).
      const size_t after = i + parts.size();
      if (match && after < words.size() && words[after].sep_before == 0 &&
          words[after].shape == WordShape::kCapitalized) {
        match = false;
      }
      if (match) ++officials[index].mentions;
    }
  }
  for (Official& official : officials) {
    if (official.mentions == 0) official.mentions = 1;
  }
}

}  // namespace

OfficialExtractor::OfficialExtractor() {
  auto lexicon = std::make_shared<Lexicon>();
  Lexicon& lex = *lexicon;
  for (std::string_view role : kRoles) lex.roles.Add(lex.InternPhrase(role));
  for (std::string_view word : kRolePrefixes) lex.Flag(word, kFlagRolePrefix);
  for (std::string_view word : kConnectors) lex.Flag(word, kFlagConnector);
  for (std::string_view word : kNonFinal) lex.Flag(word, kFlagNonFinal);
  for (std::string_view phrase : kStrongHonorifics) {
    lex.strong_honorifics.Add(lex.InternPhrase(phrase));
  }
  for (std::string_view word : kWeakHonorifics) {
    lex.Flag(word, kFlagWeakHonorific);
  }
  for (std::string_view word : kSurnames) lex.Flag(word, kFlagSurname);
  for (std::string_view word : kNeverInName) lex.Flag(word, kFlagNeverInName);
  for (std::string_view word : kWholeOrgWords) {
    lex.Flag(word, kFlagWholeOrgWord);
  }
  for (std::string_view word : kBodiesBeforeOffice) {
    lex.Flag(word, kFlagBodyBeforeOffice);
  }
  for (std::string_view word : kPredicateStarts) {
    lex.Flag(word, kFlagPredicateStart);
  }
  for (std::string_view word : kNotNameStart) {
    lex.Flag(word, kFlagNotNameStart);
  }
  for (std::string_view place : kPlaces)
    lex.places.Add(lex.InternPhrase(place));
  for (std::string_view type : kPlaceTypes) {
    const Phrase phrase = lex.InternPhrase(type);
    // Only the last word matters: "thành phố Huế", "thị xã Tịnh Biên".
    lex.flags[phrase.back()] |= kFlagPlaceType;
  }
  for (std::string_view name : kStopNames) {
    lex.stop_names.push_back(lex.InternPhrase(name));
  }
  for (std::string_view compound : kOrgCompounds) {
    lex.org_compounds.push_back(lex.InternPhrase(compound));
  }
  lex.chinh_id = lex.Intern("chính");
  lex.nong_id = lex.Intern("nông");
  lex.truong_id = lex.Intern("trưởng");
  for (const auto& [spelling, id] : lex.ids) {
    lex.longest_spelling = std::max(lex.longest_spelling, spelling.size());
  }
  lexicon_ = std::move(lexicon);
}

std::vector<Official> OfficialExtractor::Extract(std::string_view text) const {
  Scanner scanner(*lexicon_, text);
  std::vector<Official> officials;
  StringMap<size_t> index;  // name or alias -> official
  for (Scanner::Candidate& candidate : scanner.Run()) {
    const std::string name =
        scanner.NameText(candidate.name_begin, candidate.name_end);
    const std::string alias =
        scanner.NameText(candidate.alias_begin, candidate.alias_end);
    size_t at;
    if (auto it = index.find(name); it != index.end()) {
      at = it->second;
    } else if (auto alias_it = alias.empty() ? index.end() : index.find(alias);
               alias_it != index.end()) {
      at = alias_it->second;
    } else {
      at = officials.size();
      Official official;
      official.name = name;
      officials.push_back(std::move(official));
      index.emplace(name, at);
    }
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
  CountMentions(text, scanner.words(), officials);
  return officials;
}

std::vector<Official> ExtractOfficials(std::string_view text) {
  static const OfficialExtractor* const extractor = new OfficialExtractor();
  return extractor->Extract(text);
}

}  // namespace vnsearch
