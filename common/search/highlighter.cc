#include "common/search/highlighter.h"

#include <algorithm>
#include <bit>

#include "common/analysis/tokenizer.h"
#include "common/base/utf8.h"

namespace vnsearch {
namespace {

bool InScope(HighlightTerm::Scope scope, Highlighter::Target target) {
  switch (scope) {
    case HighlightTerm::kAnywhere:
      return true;
    case HighlightTerm::kTitle:
      return target == Highlighter::Target::kTitle;
    case HighlightTerm::kOfficial:
      return target != Highlighter::Target::kTitle;
  }
  return false;
}

// Only spaces (no punctuation, no line break) between two matches.
bool OnlySpaces(std::string_view text, uint32_t begin, uint32_t end) {
  for (uint32_t i = begin; i < end; ++i) {
    if (text[i] != ' ' && text[i] != '\t') return false;
  }
  return true;
}

void AppendEscaped(std::string_view text, std::string& out) {
  // Runs without a character to escape are copied whole.
  while (!text.empty()) {
    const size_t special = text.find_first_of("&<>\"");
    out.append(text.substr(0, special));
    if (special == std::string_view::npos) return;
    switch (text[special]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += "&quot;";
    }
    text.remove_prefix(special + 1);
  }
}

constexpr std::string_view kEllipsis = "…";

// The spaces a prefix or an island is cut at: the tokenizer joins nothing
// across them, so the spans after one do not depend on the text before it.
bool IsCutSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The start of the space-delimited run of text that holds byte `at`.
uint32_t RunStart(std::string_view text, uint32_t at) {
  while (at > 0 && !IsCutSpace(text[at - 1])) --at;
  return at;
}

// The first cut space at or after `at` in text[0, stop), or stop.
uint32_t CutAfter(std::string_view text, uint32_t at, uint32_t stop) {
  while (at < stop && !IsCutSpace(text[at])) ++at;
  return std::min(at, stop);
}

char AsciiLower(unsigned char b) {
  return static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
}

}  // namespace

void Highlighter::SetQuery(const BuiltQuery& query) {
  terms_ = query.highlights;
  initials_.fill(false);
  pairs_.assign(128 * 128, false);
  any_initial_ = false;
  max_words_ = 1;
  // Spelled words: the folded forms of every term's words, when each is
  // ASCII letters and digits with no letter after a digit (one span of the
  // tokenizer, never a code): then a span can match only where its
  // letters, folded one by one, start with one of them (MaySpell).
  spelled_.clear();
  spelled_initials_.fill(false);
  spelled_pairs_.assign(128 * 128, false);
  spelled_max_ = 0;
  bool spellable = true;
  std::string exact, folded;
  for (const HighlightTerm& term : terms_) {
    max_words_ = std::max(max_words_, term.words.size());
    if (term.code) spellable = false;
    for (const std::string& word : term.words) {
      if (word.empty()) continue;
      analyzer_.NormalizeWord(word, exact, folded);
      bool plain = !folded.empty();
      for (size_t k = 0; k < folded.size() && plain; ++k) {
        const auto b = static_cast<unsigned char>(folded[k]);
        const bool digit = b >= '0' && b <= '9';
        plain = digit || (b >= 'a' && b <= 'z');
        if (plain && !digit && k > 0 && folded[k - 1] >= '0' &&
            folded[k - 1] <= '9') {
          plain = false;
        }
      }
      if (!plain) {
        spellable = false;
      } else {
        spelled_.push_back(folded);
        const auto b0 = static_cast<unsigned char>(folded[0]);
        spelled_initials_[b0] = true;
        if (folded.size() == 1) {
          for (size_t b1 = 0; b1 < 128; ++b1) spelled_pairs_[b0 * 128 + b1] = true;
        } else {
          spelled_pairs_[b0 * 128 + static_cast<unsigned char>(folded[1])] = true;
        }
        spelled_max_ = std::max(spelled_max_, folded.size());
      }
      const auto first = folded.empty() ? static_cast<unsigned char>(0x80)
                                        : static_cast<unsigned char>(folded[0]);
      if (first >= 0x80) {
        any_initial_ = true;
        continue;
      }
      const auto second = folded.size() < 2
                              ? static_cast<unsigned char>(0x80)
                              : static_cast<unsigned char>(folded[1]);
      if (second >= 0x80) {
        initials_[first] = true;  // any second letter
      } else {
        pairs_[first * 128 + second] = true;
      }
    }
  }
  if (!spellable) spelled_.clear();
}

Highlighter::Fold Highlighter::FoldOf(UChar32 c) const {
  const bool small = c >= 0 && c < kSmallCache;
  if (small && fold_small_[c].cached) return fold_small_[c];
  std::string letter, exact, folded;
  AppendUtf8(c, letter);
  analyzer_.NormalizeWord(letter, exact, folded);
  Fold fold;
  fold.cached = true;
  if (folded.size() <= sizeof(fold.bytes) &&
      std::all_of(folded.begin(), folded.end(), [](char b) {
        return static_cast<unsigned char>(b) < 0x80;
      })) {
    fold.known = true;
    fold.size = static_cast<uint8_t>(folded.size());
    std::copy(folded.begin(), folded.end(), fold.bytes);
  }
  if (small) fold_small_[c] = fold;
  return fold;
}

bool Highlighter::MaySpell(std::string_view text, uint32_t start,
                           uint32_t stop) const {
  // The run's letters from `start`, folded one by one, as far as the
  // longest spelled word needs.
  std::string& letters = spelling_;
  letters.clear();
  uint32_t pos = start;
  while (pos < stop && letters.size() < spelled_max_) {
    const auto b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      const bool digit = b >= '0' && b <= '9';
      const auto lower = static_cast<unsigned char>(b | 0x20);
      if (!digit && !(lower >= 'a' && lower <= 'z')) break;
      letters.push_back(static_cast<char>(digit ? b : lower));
      ++pos;
    } else {
      const CodePoint cp = DecodeUtf8(text, pos);
      if (!IsWord(cp.c)) break;
      const Fold fold = FoldOf(cp.c);
      if (!fold.known) return true;  // normalise to see
      letters.append(fold.bytes, fold.size);
      pos = cp.end;
    }
    if (letters.size() >= 2) {
      // Done with the first two letters: no spelled word starts so.
      if (!spelled_pairs_[(static_cast<unsigned char>(letters[0]) & 0x7F) * 128 +
                          (static_cast<unsigned char>(letters[1]) & 0x7F)]) {
        return false;
      }
    } else if (!letters.empty() &&
               !spelled_initials_[static_cast<unsigned char>(letters[0]) &
                                  0x7F]) {
      return false;
    }
  }
  for (const std::string& word : spelled_) {
    if (std::string_view(letters).starts_with(word)) return true;
  }
  return false;
}

Highlighter::Initial Highlighter::FoldedInitial(UChar32 c) const {
  if (c < 0) return {};
  if (c < 0x80) {
    return {static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c), true,
            true};
  }
  const bool small = c < kSmallCache;
  if (small && initial_small_[c].cached) return initial_small_[c];
  if (!small) {
    auto it = initial_cache_.find(c);
    if (it != initial_cache_.end()) return it->second;
  }
  std::string letter, exact, folded;
  AppendUtf8(c, letter);
  analyzer_.NormalizeWord(letter, exact, folded);
  Initial initial;
  if (!folded.empty() && static_cast<unsigned char>(folded[0]) < 0x80) {
    initial.byte = folded[0];
    initial.single = folded.size() == 1;
  }
  initial.cached = true;
  if (small) {
    initial_small_[c] = initial;
  } else {
    initial_cache_.emplace(c, initial);
  }
  return initial;
}

bool Highlighter::MayMatch(std::string_view word) const {
  if (any_initial_) return true;
  // Two ASCII bytes (most words of news text): no decoding.
  const auto lead = static_cast<unsigned char>(word[0]);
  if (lead < 0x80) {
    const auto l0 = static_cast<unsigned char>(AsciiLower(lead));
    if (initials_[l0]) return true;
    if (word.size() < 2) return false;
    const auto next = static_cast<unsigned char>(word[1]);
    if (next < 0x80) {
      return pairs_[l0 * 128 + static_cast<unsigned char>(AsciiLower(next))];
    }
  }
  const CodePoint first_cp = DecodeUtf8(word, 0);
  const Initial first = FoldedInitial(first_cp.c);
  if (first.byte == '\0') return true;  // unknown: normalise to see
  const auto b0 = static_cast<unsigned char>(first.byte) & 0x7F;
  if (initials_[b0]) return true;
  if (!first.single) return true;  // "æ" -> "ae": normalise to see
  if (first_cp.end >= word.size()) return false;
  const Initial second = FoldedInitial(DecodeUtf8(word, first_cp.end).c);
  if (second.byte == '\0') {
    // A mark or a letter without an ASCII fold: any pair with this first.
    for (size_t b1 = 0; b1 < 128; ++b1) {
      if (pairs_[b0 * 128 + b1]) return true;
    }
    return false;
  }
  return pairs_[b0 * 128 + (static_cast<unsigned char>(second.byte) & 0x7F)];
}

void Highlighter::Analyse(std::string_view text) const {
  island_of_.clear();
  spans_.clear();
  form_of_.clear();
  // Bounded: cleared before any form of it is taken.
  if (known_forms_.size() > kMaxKnownForms) known_forms_.clear();
  Tokenize(text, spans_);
  NormaliseSpans(text);
}

void Highlighter::NormaliseSpans(std::string_view text) const {
  if (terms_.empty()) return;
  // Normalise only the spans whose first letter can match.
  form_of_.reserve(spans_.size());
  for (size_t k = form_of_.size(); k < spans_.size(); ++k) {
    const TokenSpan& span = spans_[k];
    const std::string_view word =
        text.substr(span.begin, span.end - span.begin);
    if (!MayMatch(word)) {
      form_of_.push_back(nullptr);
      continue;
    }
    // The forms of a word depend on nothing else: each is normalised once
    // (news repeats its words, within a text and across the hits).
    auto [it, fresh] = known_forms_.try_emplace(std::string(word));
    if (fresh) analyzer_.NormalizeWord(word, it->second.first, it->second.second);
    form_of_.push_back(&it->second);
  }
}

void Highlighter::FindMatches(std::string_view text, Target target,
                              std::vector<Match>& matches) const {
  Analyse(text);
  CollectMatches(text, target, matches);
}

void Highlighter::CollectMatches(std::string_view text, Target target,
                                 std::vector<Match>& matches) const {
  matches.clear();
  if (terms_.empty()) return;
  auto same = [&](size_t k, const std::string& word, bool exact) {
    const std::pair<std::string, std::string>* forms = form_of_[k];
    return forms != nullptr && (exact ? forms->first : forms->second) == word;
  };
  // Words and parts of codes, in text order.
  std::vector<uint32_t>& words = words_;
  words.clear();
  for (size_t k = 0; k < spans_.size(); ++k) {
    if (spans_[k].kind != TokenKind::kCompound) {
      words.push_back(static_cast<uint32_t>(k));
    }
  }
  for (size_t i = 0; i < terms_.size(); ++i) {
    const HighlightTerm& term = terms_[i];
    if (term.words.empty() || !InScope(term.scope, target)) continue;
    const uint64_t bit = i < 64 ? uint64_t{1} << i : 0;
    if (term.code) {
      for (size_t k = 0; k < spans_.size(); ++k) {
        if (spans_[k].kind == TokenKind::kCompound &&
            same(k, term.words[0], term.exact)) {
          matches.push_back({spans_[k].begin, spans_[k].end, bit});
        }
      }
      continue;
    }
    const size_t n = term.words.size();
    for (size_t k = 0; k + n <= words.size(); ++k) {
      size_t m = 0;
      while (m < n && same(words[k + m], term.words[m], term.exact) &&
             (island_of_.empty() ||
              island_of_[words[k + m]] == island_of_[words[k]])) {
        ++m;
      }
      if (m == n) {
        matches.push_back(
            {spans_[words[k]].begin, spans_[words[k + n - 1]].end, bit});
      }
    }
  }
  if (matches.empty()) return;
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  // Overlapping matches, and matches with only spaces between them, are one
  // span.
  size_t out = 0;
  for (size_t i = 1; i < matches.size(); ++i) {
    Match& last = matches[out];
    const Match& next = matches[i];
    if (next.begin <= last.end || OnlySpaces(text, last.end, next.begin)) {
      last.end = std::max(last.end, next.end);
      last.terms |= next.terms;
    } else {
      matches[++out] = next;
    }
  }
  matches.resize(out + 1);
}

void Highlighter::Render(std::string_view text, uint32_t begin, uint32_t end,
                         const std::vector<Match>& matches, std::string& out) {
  uint32_t at = begin;
  for (const Match& m : matches) {
    if (m.end <= begin || m.begin >= end) continue;
    const uint32_t from = std::max(m.begin, begin);
    const uint32_t to = std::min(m.end, end);
    AppendEscaped(text.substr(at, from - at), out);
    out += "<b>";
    AppendEscaped(text.substr(from, to - from), out);
    out += "</b>";
    at = to;
  }
  AppendEscaped(text.substr(at, end - at), out);
}

std::string Highlighter::Mark(std::string_view text, Target target) const {
  std::vector<Match> matches;
  FindMatches(text, target, matches);
  std::string out;
  Render(text, 0, static_cast<uint32_t>(text.size()), matches, out);
  return out;
}

size_t Highlighter::TermsIn(Target target) const {
  size_t n = 0;
  for (size_t i = 0; i < terms_.size() && i < 64; ++i) {
    if (!terms_[i].words.empty() && InScope(terms_[i].scope, target)) ++n;
  }
  return n;
}

bool Highlighter::IsWord(UChar32 c) const {
  if (c < 0) return false;
  if (c < kSmallCache) {
    int8_t& known = word_small_[c];
    if (known < 0) known = IsWordCodePoint(c) ? 1 : 0;
    return known == 1;
  }
  return IsWordCodePoint(c);
}

void Highlighter::Skim(std::string_view text, uint32_t from,
                       uint32_t to) const {
  // ASCII by a table; the two-byte sequences and those of U+1000-1FFF
  // (Latin Extended Additional: most Vietnamese letters) decoded here,
  // anything else by DecodeUtf8. Same starts as decoding every code point.
  static constexpr std::array<uint8_t, 128> kAscii = [] {
    std::array<uint8_t, 128> classes{};  // 0 other, 1 letter, 2 digit
    for (int c = 'a'; c <= 'z'; ++c) classes[c] = classes[c - 'a' + 'A'] = 1;
    for (int c = '0'; c <= '9'; ++c) classes[c] = 2;
    return classes;
  }();
  auto is_trail = [](unsigned char b) { return (b & 0xC0) == 0x80; };
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  bool in_word = false;
  bool after_digit = false;
  uint32_t pos = from;
  while (pos < to) {
    const unsigned char b = bytes[pos];
    bool word;
    bool digit = false;
    uint32_t next;
    if (b < 0x80) {
      // A run of ASCII letters, of digits or of neither at once.
      const uint8_t cls = kAscii[b];
      next = pos + 1;
      while (next < to && bytes[next] < 0x80 && kAscii[bytes[next]] == cls) {
        ++next;
      }
      if (cls == 0) {
        in_word = after_digit = false;
        pos = next;
        continue;
      }
      digit = cls == 2;
      if (!in_word || (after_digit && !digit)) starts_.push_back(pos);
      last_word_end_ = next;
      in_word = true;
      after_digit = digit;
      pos = next;
      continue;
    }
    if (b >= 0xC2 && b <= 0xDF && pos + 1 < text.size() &&
        is_trail(bytes[pos + 1])) {
      const UChar32 c = ((b & 0x1F) << 6) | (bytes[pos + 1] & 0x3F);
      word = IsWord(c);
      next = pos + 2;
    } else if (b == 0xE1 && pos + 2 < text.size() &&
               is_trail(bytes[pos + 1]) && is_trail(bytes[pos + 2])) {
      const UChar32 c = 0x1000 | ((bytes[pos + 1] & 0x3F) << 6) |
                        (bytes[pos + 2] & 0x3F);
      word = IsWord(c);
      next = pos + 3;
    } else {
      const CodePoint cp = DecodeUtf8(text, pos);
      word = IsWord(cp.c);
      next = cp.end;
    }
    if (word) {
      if (!in_word || after_digit) starts_.push_back(pos);
      last_word_end_ = next;
    }
    in_word = word;
    after_digit = false;
    pos = next;
  }
}

void Highlighter::AnalyseIslands(std::string_view text, uint32_t stop) const {
  spans_.clear();
  form_of_.clear();
  // Bounded: cleared before any form of it is taken.
  if (known_forms_.size() > kMaxKnownForms) known_forms_.clear();
  island_of_.clear();
  if (terms_.empty()) return;
  const size_t reach = max_words_ + 1;
  uint32_t island_begin = 0, island_end = 0, islands = 0;
  bool open = false;
  auto close = [&] {
    const size_t first = spans_.size();
    Tokenize(text.substr(island_begin, island_end - island_begin), spans_);
    for (size_t k = first; k < spans_.size(); ++k) {
      spans_[k].begin += island_begin;
      spans_[k].end += island_begin;
    }
    island_of_.resize(spans_.size(), islands++);
  };
  for (size_t i = 0; i < starts_.size(); ++i) {
    const uint32_t start = starts_[i];
    if (spelled_.empty()) {
      if (!MayMatch(text.substr(start, stop - start))) continue;
    } else {
      // Most words start with an ASCII letter: its fold is its lower case.
      const auto b = static_cast<unsigned char>(text[start]);
      if (b < 0x80 && !spelled_initials_[b >= 'A' && b <= 'Z' ? b | 0x20 : b]) {
        continue;
      }
      if (!MaySpell(text, start, stop)) continue;
    }
    const uint32_t begin = RunStart(text, start);
    const uint32_t end = CutAfter(
        text, i + reach < starts_.size() ? starts_[i + reach] : stop, stop);
    if (open && begin <= island_end + 1) {
      island_end = std::max(island_end, end);
      continue;
    }
    if (open) close();
    island_begin = begin;
    island_end = end;
    open = true;
  }
  if (open) close();
  NormaliseSpans(text);
}

class Highlighter::Source {
 public:
  virtual ~Source() = default;
  // At least the first `bytes` bytes of the text, or all of it when it is
  // shorter; valid until the next call.
  virtual absl::StatusOr<std::string_view> Prefix(size_t bytes) = 0;
  // True once Prefix has returned the whole text.
  [[nodiscard]] virtual bool whole() const = 0;
};

namespace {

class StringSource : public Highlighter::Source {
 public:
  explicit StringSource(std::string_view text) : text_(text) {}
  absl::StatusOr<std::string_view> Prefix(size_t) override { return text_; }
  bool whole() const override { return true; }

 private:
  std::string_view text_;
};

class StoredSource : public Highlighter::Source {
 public:
  explicit StoredSource(StoredTextReader& reader) : reader_(reader) {}
  absl::StatusOr<std::string_view> Prefix(size_t bytes) override {
    if (absl::Status status = reader_.Read(bytes); !status.ok()) {
      return status;
    }
    return reader_.text();
  }
  bool whole() const override { return reader_.whole(); }

 private:
  StoredTextReader& reader_;
};

}  // namespace

std::string Highlighter::Snippet(std::string_view text,
                                 size_t max_bytes) const {
  StringSource source(text);
  // A string is never short of its own bytes.
  return *CutSnippet(source, max_bytes);
}

absl::StatusOr<std::string> Highlighter::SnippetOfStored(
    std::string opening, StoredTextReader::DataSource data,
    size_t max_bytes) const {
  stored_.Reset(std::move(opening), std::move(data));
  StoredSource source(stored_);
  return CutSnippet(source, max_bytes);
}

absl::StatusOr<std::string> Highlighter::CutSnippet(Source& source,
                                                    size_t max_bytes) const {
  const auto limit = static_cast<uint32_t>(max_bytes);
  // The text read so far (only its first bytes when the source decodes on
  // demand), its size once it is whole.
  std::string_view text;
  auto read = [&](size_t bytes) -> absl::Status {
    absl::StatusOr<std::string_view> got = source.Prefix(bytes);
    if (!got.ok()) return got.status();
    text = *got;
    return absl::OkStatus();
  };
  constexpr uint32_t kUnknownSize = static_cast<uint32_t>(-1);
  auto size = [&] {
    return source.whole() ? static_cast<uint32_t>(text.size()) : kUnknownSize;
  };
  // Only as much of the text as the best window can need: a prefix that
  // ends before a space (so that its tokens are those of the whole text),
  // kEnoughPrefix first (the opening), then doubled while it holds no
  // match or not the room after the best window, until it is the whole
  // text. Without terms to find, the start of the text is all that is
  // shown.
  const size_t wanted = TermsIn(Target::kText);
  uint32_t step = std::max<uint32_t>(kEnoughPrefix, 2 * limit);
  absl::Status status;
  // The first space at or after `at`, or the end of the text.
  auto cut = [&](uint32_t at) -> uint32_t {
    size_t from = at;
    while (true) {
      status = read(from + kLookAhead);
      if (!status.ok()) return 0;
      if (from >= text.size()) return static_cast<uint32_t>(text.size());
      const size_t space = text.find_first_of(" \t\n\r", from);
      if (space != std::string_view::npos) return static_cast<uint32_t>(space);
      if (source.whole()) return static_cast<uint32_t>(text.size());
      from = text.size();
    }
  };
  uint32_t stop = cut(step);
  if (!status.ok()) return status;
  std::vector<Match>& matches = matches_;
  starts_.clear();
  last_word_end_ = 0;
  size_t best_i = 0, best_j = 1;
  uint32_t skimmed = 0;
  while (true) {
    Skim(text, skimmed, stop);
    skimmed = stop;
    AnalyseIslands(text, stop);
    CollectMatches(text.substr(0, stop), Target::kText, matches);
    // The best run of matches that fits in the window.
    int best_terms = -1;
    size_t best_count = 0;
    for (size_t i = 0, j = 0; i < matches.size(); ++i) {
      j = std::max(j, i + 1);
      while (j < matches.size() && matches[j].end - matches[i].begin <= limit) {
        ++j;
      }
      uint64_t terms = 0;
      for (size_t k = i; k < j; ++k) terms |= matches[k].terms;
      const int distinct = std::popcount(terms);
      if (distinct > best_terms ||
          (distinct == best_terms && j - i > best_count)) {
        best_terms = distinct;
        best_count = j - i;
        best_i = i;
        best_j = j;
      }
    }
    if (stop == size()) break;
    // Done when the best window has the room after it analysed (so that no
    // later text can add a match to it): the opening's best window.
    const uint32_t window_begin =
        matches.empty() ? (starts_.empty() ? stop : starts_.front())
                        : matches[best_i].begin;
    if (!matches.empty() && window_begin + 2 * limit <= stop) break;
    // No term applies to the text (title: alone): nothing further on can
    // match, and the window at its start is read.
    if (wanted == 0 && !starts_.empty() && window_begin + 2 * limit <= stop) {
      break;
    }
    step *= 2;
    stop = cut(step);
    if (!status.ok()) return status;
  }
  std::string out;
  if (starts_.empty()) return out;
  // The first word of the text (where the text's first token starts).
  const uint32_t first_word = starts_.front();
  // When only a prefix was analysed: whether words follow it (a letter, a
  // digit or a character beyond ASCII, which is near enough: only the
  // ellipsis depends on it).
  auto is_word_byte = [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0x80 || (b >= '0' && b <= '9') ||
           ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
  };
  bool words_after = false;
  for (size_t from = stop; !words_after && from < size();) {
    words_after = std::any_of(text.begin() + from, text.end(), is_word_byte);
    if (words_after || source.whole()) break;
    from = text.size();
    if (absl::Status read_status = read(2 * from); !read_status.ok()) {
      return read_status;
    }
  }
  uint32_t want_begin = first_word;
  uint32_t want_end = want_begin;
  if (!matches.empty()) {
    want_begin = matches[best_i].begin;
    want_end = matches[best_j - 1].end;
  }

  // Context around the matches: up to half of what is left before them,
  // from the start of a sentence when one begins there.
  const uint32_t span = want_end - want_begin;
  const uint32_t slack = span < limit ? limit - span : 0;
  uint32_t begin = want_begin - std::min(want_begin, slack / 2);
  if (want_end > begin + limit) begin = want_begin;  // an overlong match
  // Near the end of the text, use the room before the matches instead.
  if (size() != kUnknownSize && begin + limit > size()) {
    begin = size() > limit ? size() - limit : 0;
  }
  begin = std::min(begin, want_begin);
  // The tokens around the window: from the run of the last word before
  // the run that holds `begin` (so that the first token at or after
  // `begin` has the flags the whole text gives it) to the space after the
  // window.
  uint32_t from = RunStart(text, begin);
  const auto before = std::lower_bound(starts_.begin(), starts_.end(), from);
  from = before == starts_.begin() ? 0 : RunStart(text, *(before - 1));
  const uint32_t to =
      CutAfter(text, std::max(want_end, want_begin + limit), stop);
  std::vector<TokenSpan>& tokens = window_spans_;
  tokens.clear();
  Tokenize(text.substr(from, to - from), tokens);
  for (TokenSpan& t : tokens) {
    t.begin += from;
    t.end += from;
  }
  // Cut on word boundaries: the first token that starts in the window, or
  // a sentence that starts in the context.
  size_t first = 0;
  while (first < tokens.size() && tokens[first].begin < begin) ++first;
  for (size_t k = first; k < tokens.size() && tokens[k].begin < want_begin;
       ++k) {
    if (tokens[k].sentence_start && tokens[k].kind != TokenKind::kPart) {
      first = k;
      break;
    }
  }
  if (first == tokens.size() || tokens[first].begin > want_begin) {
    begin = want_begin;
  } else {
    begin = tokens[first].begin == first_word ? 0 : tokens[first].begin;
  }
  uint32_t end = std::max(want_end, std::min(size(), begin + limit));
  if (end < size()) {
    // The last token that ends in the window.
    uint32_t cut_at = want_end;
    for (const TokenSpan& t : tokens) {
      if (t.end <= end && t.end > cut_at) cut_at = t.end;
      if (t.begin >= end) break;
    }
    end = cut_at;
  }
  const bool cut_before = begin > first_word;
  const bool cut_after = end < last_word_end_ || words_after;
  // Without words after the window, the text was read to its end.
  if (!cut_after) end = static_cast<uint32_t>(text.size());
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n' ||
                         text[end - 1] == '\t' || text[end - 1] == '\r')) {
    --end;
  }
  if (cut_before) out += kEllipsis;
  Render(text, cut_before ? begin : 0, end, matches, out);
  if (cut_after) out += kEllipsis;
  return out;
}

}  // namespace vnsearch
