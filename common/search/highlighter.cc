#include "common/search/highlighter.h"

#include <algorithm>
#include <bit>

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
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
}

constexpr std::string_view kEllipsis = "…";

}  // namespace

void Highlighter::SetQuery(const BuiltQuery& query) {
  terms_ = query.highlights;
  initials_.fill(false);
  pairs_.assign(128 * 128, false);
  any_initial_ = false;
  std::string exact, folded;
  for (const HighlightTerm& term : terms_) {
    for (const std::string& word : term.words) {
      if (word.empty()) continue;
      analyzer_.NormalizeWord(word, exact, folded);
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

void Highlighter::Analyse(std::string_view text, uint32_t from) const {
  if (from == 0) {
    spans_.clear();
    form_of_.clear();
    forms_used_ = 0;
    Tokenize(text, spans_);
  } else {
    // Resume at the last word or code of the analysed prefix: its spans
    // are tokenised again, with the text before them out of sight, so they
    // keep the flags they had; the spans after them see their context.
    size_t resume = spans_.size();
    while (resume > 0 && (spans_[resume - 1].kind == TokenKind::kPart ||
                          spans_[resume - 1].inner)) {
      --resume;
    }
    if (resume > 0) --resume;
    const uint32_t at = resume < spans_.size() ? spans_[resume].begin : from;
    const std::vector<TokenSpan> redone(spans_.begin() + resume, spans_.end());
    spans_.resize(resume);
    form_of_.resize(std::min(form_of_.size(), resume));
    const size_t first_new = spans_.size();
    Tokenize(text.substr(at), spans_);
    for (size_t k = first_new; k < spans_.size(); ++k) {
      spans_[k].begin += at;
      spans_[k].end += at;
    }
    for (size_t k = 0; k < redone.size() && first_new + k < spans_.size();
         ++k) {
      TokenSpan& span = spans_[first_new + k];
      span.clause_start = redone[k].clause_start;
      span.sentence_start = redone[k].sentence_start;
      span.separators = redone[k].separators;
    }
  }
  if (terms_.empty()) return;
  // Normalise only the spans whose first letter can match.
  form_of_.reserve(spans_.size());
  for (size_t k = form_of_.size(); k < spans_.size(); ++k) {
    const TokenSpan& span = spans_[k];
    const std::string_view word =
        text.substr(span.begin, span.end - span.begin);
    if (!MayMatch(word)) {
      form_of_.push_back(-1);
      continue;
    }
    if (forms_used_ == forms_.size()) forms_.emplace_back();
    analyzer_.NormalizeWord(word, forms_[forms_used_].first,
                            forms_[forms_used_].second);
    form_of_.push_back(static_cast<int32_t>(forms_used_++));
  }
}

void Highlighter::FindMatches(std::string_view text, Target target,
                              std::vector<Match>& matches) const {
  Analyse(text, 0);
  CollectMatches(text, target, matches);
}

void Highlighter::CollectMatches(std::string_view text, Target target,
                                 std::vector<Match>& matches) const {
  matches.clear();
  if (terms_.empty()) return;
  auto same = [&](size_t k, const std::string& word, bool exact) {
    const int32_t f = form_of_[k];
    return f >= 0 && (exact ? forms_[f].first : forms_[f].second) == word;
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
      while (m < n && same(words[k + m], term.words[m], term.exact)) ++m;
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

std::string Highlighter::Snippet(std::string_view text,
                                 size_t max_bytes) const {
  const auto size = static_cast<uint32_t>(text.size());
  const auto limit = static_cast<uint32_t>(max_bytes);
  // Only as much of the text as the best window can need: a prefix that
  // ends before a space (so that its tokens are those of the whole text),
  // doubled until it holds a window with every query term and the
  // room after that window, or until it is the whole text. Without terms
  // to find, the start of the text is all that is shown. Beyond
  // kEnoughPrefix the text is read further only while no match was found.
  const size_t wanted = TermsIn(Target::kText);
  uint32_t stop = size;
  uint32_t step = std::max<uint32_t>(kFirstPrefix, 2 * limit);
  auto cut = [&](uint32_t at) {
    if (at >= size) return size;
    const size_t space = text.find_first_of(" \t\n\r", at);
    return space == std::string_view::npos ? size
                                           : static_cast<uint32_t>(space);
  };
  stop = cut(step);
  std::vector<Match>& matches = matches_;
  const std::vector<TokenSpan>& tokens = spans_;
  size_t best_i = 0, best_j = 1;
  uint32_t analysed = 0;
  while (true) {
    Analyse(text.substr(0, stop), analysed);
    analysed = stop;
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
    if (stop == size) break;
    // Done when no later text can add a term to the best window, nor a
    // match to it, and the text after it is analysed.
    const uint32_t window_begin =
        matches.empty() ? (tokens.empty() ? stop : tokens.front().begin)
                        : matches[best_i].begin;
    const bool complete =
        wanted == 0 ||
        (!matches.empty() && best_terms == static_cast<int>(wanted));
    // Past kEnoughPrefix, the best window of what was read will do when it
    // holds every term, or (further on) some of them.
    if (!matches.empty() && window_begin + 2 * limit <= stop &&
        ((complete && stop >= kEnoughPrefix) || stop >= 2 * kEnoughPrefix)) {
      break;
    }
    step *= 2;
    stop = cut(step);
  }
  std::string out;
  if (tokens.empty()) return out;
  // When only a prefix was analysed: whether words follow it (a letter, a
  // digit or a character beyond ASCII, which is near enough: only the
  // ellipsis depends on it).
  const bool words_after =
      stop < size && std::any_of(text.begin() + stop, text.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b >= 0x80 || (b >= '0' && b <= '9') ||
               ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
      });
  uint32_t want_begin = tokens.front().begin;
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
  if (begin + limit > size) begin = size > limit ? size - limit : 0;
  begin = std::min(begin, want_begin);
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
    begin = first == 0 ? 0 : tokens[first].begin;
  }
  uint32_t end = std::max(want_end, std::min(size, begin + limit));
  if (end < size) {
    // The last token that ends in the window.
    uint32_t cut = want_end;
    for (const TokenSpan& t : tokens) {
      if (t.end <= end && t.end > cut) cut = t.end;
      if (t.begin >= end) break;
    }
    end = cut;
  }
  const bool cut_before = begin > tokens.front().begin;
  const bool cut_after = end < tokens.back().end || words_after;
  if (!cut_after) end = size;
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
