#include "common/document/boilerplate.h"

#include <algorithm>
#include <array>
#include <string>

#include "common/document/word_scanner.h"

namespace vnsearch {
namespace {

// Lines that are furniture wherever they appear (lower case, without a
// trailing colon or "(12)" counter).
constexpr std::array<std::string_view, 50> kFurniture = {
    "{keywords}",
    "img",
    "image",
    "bình luận",
    "bình luận nhiều",
    "ý kiến",
    "ý kiến bạn đọc",
    "gửi bình luận",
    "tin liên quan",
    "bài liên quan",
    "bài viết liên quan",
    "tin cùng chuyên mục",
    "cùng chuyên mục",
    "các tin khác",
    "tin khác",
    "các tin đã đưa",
    "tin đã đưa",
    "tin mới",
    "tin mới nhất",
    "mới nhất",
    "đọc nhiều",
    "đọc nhiều nhất",
    "xem nhiều",
    "xem nhiều nhất",
    "tin nổi bật",
    "tin tiêu điểm",
    "phản hồi",
    "thư viện ảnh",
    "thư viện video",
    "liên kết website",
    "liên kết",
    "chia sẻ",
    "in bài",
    "in bài viết",
    "gửi bài viết",
    "lưu bài",
    "quay lại",
    "về đầu trang",
    "lên đầu trang",
    "trở về",
    "trang chủ",
    "xem thêm",
    "có thể bạn quan tâm",
    "tags",
    "từ khóa",
    "từ khoá",
    "video",
    "bản in",
    "gửi email",
    "{ads}",
};

// Lines that open the related-articles or comments part of a page.
constexpr std::array<std::string_view, 25> kTailMarkers = {
    "bình luận",          "bình luận nhiều",
    "ý kiến bạn đọc",     "gửi bình luận",
    "tin liên quan",      "bài liên quan",
    "bài viết liên quan", "tin cùng chuyên mục",
    "cùng chuyên mục",    "các tin khác",
    "tin khác",           "các tin đã đưa",
    "tin đã đưa",         "tin mới",
    "tin mới nhất",       "mới nhất",
    "đọc nhiều",          "đọc nhiều nhất",
    "xem nhiều",          "xem nhiều nhất",
    "phản hồi",           "thư viện ảnh",
    "liên kết website",   "có thể bạn quan tâm",
    "tin nổi bật",
};

// Furniture that is recognised by how it starts.
constexpr std::array<std::string_view, 9> kFurniturePrefixes = {
    "ý kiến của bạn sẽ được biên tập",
    "xin vui lòng gõ tiếng việt",
    "bạn đọc vui lòng",
    "tags:",
    "từ khóa:",
    "từ khoá:",
    "chia sẻ:",
    "xem thêm:",
    "đọc thêm:",
};

// Credit lines: "Tin, ảnh: Nhật Minh", "Ảnh: Xuân Lộc".
constexpr std::array<std::string_view, 18> kCreditPrefixes = {
    "tin, ảnh:", "tin và ảnh:", "tin - ảnh:",  "tin – ảnh:", "tin-ảnh:",
    "tin/ảnh:",  "bài, ảnh:",   "bài và ảnh:", "bài - ảnh:", "bài – ảnh:",
    "bài:",      "ảnh:",        "nguồn:",      "tin:",       "video:",
    "clip:",     "(nguồn:",     "(ảnh:",
};

// Credit markers that may close a caption: "... hội nghị. Ảnh: Xuân Lộc".
constexpr std::array<std::string_view, 6> kCreditMarkers = {
    "Ảnh:", "ảnh:", "Nguồn:", "nguồn:", "Ảnh :", "Nguồn :"};

constexpr size_t kMaxCreditWords = 8;
constexpr size_t kMaxBylineWords = 6;
// Paragraphs longer than this are article text, not teasers.
constexpr size_t kMaxTeaserWords = 60;

// `line` lower-cased and without a trailing ":" or "(12)". Long lines are
// never furniture, so only their start is kept.
std::string Key(std::string_view line) {
  line = TrimSpace(line);
  std::string key =
      LowerCase(line.substr(0, std::min<size_t>(line.size(), 160)));
  if (!key.empty() && key.back() == ')') {
    const size_t open = key.rfind('(');
    if (open != std::string::npos &&
        key.find_first_not_of("0123456789", open + 1) == key.size() - 1) {
      key.resize(open);
    }
  }
  while (!key.empty() && (key.back() == ':' || key.back() == ' ')) {
    key.pop_back();
  }
  return key;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool OneOf(std::string_view key, const auto& list) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

}  // namespace

bool IsFurnitureLine(std::string_view line) {
  if (TrimSpace(line).size() > 200) return false;
  const std::string key = Key(line);
  if (OneOf(key, kFurniture)) return true;
  for (std::string_view prefix : kFurniturePrefixes) {
    if (StartsWith(key, prefix)) return true;
  }
  return false;
}

bool IsTailMarker(std::string_view line) {
  if (TrimSpace(line).size() > 200) return false;
  const std::string key = Key(line);
  return OneOf(key, kTailMarkers) ||
         StartsWith(key, "ý kiến của bạn sẽ được biên tập");
}

bool IsCreditLine(std::string_view line) {
  line = TrimSpace(line);
  if (line.size() > 200) return false;
  const std::string lower = LowerCase(line);
  const size_t words = CountWords(line);
  for (std::string_view prefix : kCreditPrefixes) {
    if (StartsWith(lower, prefix)) return words <= kMaxCreditWords + 2;
  }
  // "Theo Diệp Trương (TTXVN/Vietnam+)", "Theo VnExpress": short, no
  // clause punctuation.
  if (StartsWith(lower, "theo ") && words <= kMaxCreditWords &&
      line.find(',') == std::string_view::npos && line.back() != '.' &&
      line.back() != ':') {
    const std::vector<ScannedWord> scanned = ScanWords(line);
    return scanned.size() >= 2 && scanned[1].shape != WordShape::kLower;
  }
  return false;
}

bool IsBylineLike(std::string_view line) {
  line = TrimSpace(line);
  if (line.empty() || line.size() > 120) return false;
  const char last = line.back();
  if (last == '.' || last == ':' || last == ';' || last == ',' || last == '!' ||
      last == '?') {
    return false;
  }
  const std::vector<ScannedWord> words = ScanWords(line);
  if (words.empty() || words.size() > kMaxBylineWords) return false;
  bool in_parens = false;
  for (const ScannedWord& word : words) {
    if ((word.sep_before & kSepOpenParen) != 0) in_parens = true;
    if ((word.sep_before & kSepCloseParen) != 0) in_parens = false;
    if (in_parens) continue;
    if (word.shape == WordShape::kLower && word.Text(line) != "và") {
      return false;
    }
    if (word.shape == WordShape::kNumber) return false;
  }
  return true;
}

std::string_view StripCredit(std::string_view line) {
  line = TrimSpace(line);
  size_t best = std::string_view::npos;
  for (std::string_view marker : kCreditMarkers) {
    const size_t at = line.rfind(marker);
    if (at == std::string_view::npos) continue;
    if (best != std::string_view::npos && at <= best) continue;
    // What the credit closes: the start of the line, a sentence, a bracket
    // or a dash.
    const std::string_view before = TrimSpace(line.substr(0, at));
    if (!before.empty()) {
      const char c = before.back();
      const bool dash = StartsWith(line.substr(before.size()), " -") ||
                        before.ends_with("–") || before.ends_with("-");
      if (c != '.' && c != '!' && c != '?' && c != '(' && c != ')' && !dash) {
        continue;
      }
    }
    const std::string_view credit = line.substr(at + marker.size());
    if (CountWords(credit) > kMaxCreditWords ||
        credit.find(". ") != std::string_view::npos) {
      continue;
    }
    best = at;
  }
  if (best == std::string_view::npos) return line;
  std::string_view kept = TrimSpace(line.substr(0, best));
  // Drop the bracket or dash that introduced the credit.
  while (!kept.empty() &&
         (kept.back() == '(' || kept.back() == '-' || kept.back() == '|')) {
    kept = TrimSpace(kept.substr(0, kept.size() - 1));
  }
  if (kept.ends_with("–")) kept = TrimSpace(kept.substr(0, kept.size() - 3));
  return kept;
}

std::vector<std::string_view> RemoveBoilerplate(
    const std::vector<std::string_view>& paragraphs) {
  // 1. The page tail: from a marker followed only by short lines.
  // short_from[i]: paragraphs i.. are all short.
  std::vector<bool> short_from(paragraphs.size() + 1, true);
  for (size_t i = paragraphs.size(); i-- > 0;) {
    short_from[i] =
        short_from[i + 1] && CountWords(paragraphs[i]) <= kMaxTeaserWords;
  }
  size_t end = paragraphs.size();
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (IsTailMarker(paragraphs[i]) && short_from[i + 1]) {
      end = i;
      break;
    }
  }
  // 2. Furniture and credits anywhere.
  std::vector<std::string_view> kept;
  for (size_t i = 0; i < end; ++i) {
    if (IsFurnitureLine(paragraphs[i])) continue;
    const std::string_view text = StripCredit(paragraphs[i]);
    if (text.empty() || IsCreditLine(text)) continue;
    kept.push_back(text);
  }
  // 3. Teasers: a headline printed twice, then its blurb.
  auto pair_at = [&kept](size_t i) {
    return i + 1 < kept.size() && kept[i] == kept[i + 1];
  };
  size_t first_pair = 0;
  while (first_pair < kept.size() && !pair_at(first_pair)) ++first_pair;
  if (first_pair < kept.size()) {
    size_t i = first_pair;
    while (pair_at(i)) {
      i += 2;
      if (i < kept.size() && !pair_at(i) &&
          CountWords(kept[i]) <= kMaxTeaserWords) {
        ++i;  // the blurb
      }
    }
    bool rest_is_tail = true;
    for (size_t k = i; k < kept.size() && rest_is_tail; ++k) {
      rest_is_tail = IsBylineLike(kept[k]) || IsCreditLine(kept[k]);
    }
    if (rest_is_tail) {
      // Keep a byline after the teasers for step 4 to judge.
      kept.erase(kept.begin() + static_cast<long>(first_pair),
                 kept.begin() + static_cast<long>(i));
    } else {
      std::vector<std::string_view> without_pairs;
      for (size_t k = 0; k < kept.size(); ++k) {
        if (pair_at(k)) {
          ++k;
          continue;
        }
        without_pairs.push_back(kept[k]);
      }
      kept = std::move(without_pairs);
    }
  }
  // 4. The byline closing the page.
  while (kept.size() > 1 &&
         (IsBylineLike(kept.back()) || IsCreditLine(kept.back()))) {
    kept.pop_back();
  }
  return kept;
}

}  // namespace vnsearch
