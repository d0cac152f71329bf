// Highlighter: marks what a query matched in a hit's text, headline and
// officials' names, on the analyzer's tokens and byte offsets (the tokenizer
// that built the index), so that every token that can match can be marked:
// words, codes ("03-CT/TW", "Covid-19", the "140.000" of "140.000đ"), and
// quoted phrases and field values as one span where they occur whole.
// Matches separated by nothing but spaces are one span ("[Thủ tướng Nguyễn
// Xuân Phúc]", not five).
//
// Output is an HTML fragment: the text escaped (& < > "), matches in
// <b></b>, "…" where a snippet cuts the text.
//
// Not thread-safe (SetQuery); one per Searcher.

#ifndef VNSEARCH_COMMON_SEARCH_HIGHLIGHTER_H_
#define VNSEARCH_COMMON_SEARCH_HIGHLIGHTER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/analysis/analyzer.h"
#include "common/search/query_builder.h"

namespace vnsearch {

class Highlighter {
 public:
  // Where a text comes from: which HighlightTerm scopes apply to it.
  enum class Target {
    kText,      // lead and body: free words, phrases, official:
    kTitle,     // the headline: free words, phrases, title:
    kOfficial,  // an official's name: free words, phrases, official:
  };

  explicit Highlighter(Analyzer analyzer) : analyzer_(std::move(analyzer)) {}

  // The terms to mark from now on (BuiltQuery::highlights).
  void SetQuery(const BuiltQuery& query);

  // The best window of `text` of at most `max_bytes` (plus the markup):
  // the one with the most distinct query terms (a phrase counts once,
  // whole), then the most matches, then the earliest; cut on word
  // boundaries, starting at a sentence when one starts early enough in the
  // window. Without a match, the start of the text. The text is analysed
  // only as far as needed: once kEnoughPrefix bytes are read and a window
  // holds every query term (or 2 * kEnoughPrefix bytes and some of them),
  // the text more than twice `max_bytes` beyond that window's start is not
  // read: the best window of the opening, where news puts the story,
  // rather than of all the text.
  [[nodiscard]] std::string Snippet(std::string_view text,
                                    size_t max_bytes) const;

  // All of `text` with its matches marked.
  [[nodiscard]] std::string Mark(std::string_view text, Target target) const;

 private:
  struct Match {
    uint32_t begin = 0;
    uint32_t end = 0;
    uint64_t terms = 0;  // bit i: terms_[i] (the first 64 terms)
  };

  // Analysed prefix of a long text: the first, before it doubles.
  static constexpr uint32_t kFirstPrefix = 1024;
  // Analysed prefix beyond which a window with some of the terms will do.
  static constexpr uint32_t kEnoughPrefix = 2048;
  // The terms (of the first 64) that apply to `target`.
  [[nodiscard]] size_t TermsIn(Target target) const;

  // The merged, sorted matches of `text`; leaves its spans in spans_.
  // Only the spans whose first letter folds to the first letter of some
  // term are normalised (form_of_ -1 for the others).
  void FindMatches(std::string_view text, Target target,
                   std::vector<Match>& matches) const;
  // Fills spans_ and form_of_ for `text`; with `from` > 0 (the end of a
  // prefix analysed before, before a space) only the spans after it are
  // added.
  void Analyse(std::string_view text, uint32_t from) const;
  // The merged, sorted matches of the spans Analyse left.
  void CollectMatches(std::string_view text, Target target,
                      std::vector<Match>& matches) const;
  // The first byte of the folded form of a letter, and whether that form is
  // that one byte; byte 0 when it is not ASCII (unknown).
  struct Initial {
    char byte = '\0';
    bool single = false;
    bool cached = false;
  };
  // Code points below this (Latin, combining marks, Latin Extended
  // Additional) are cached in a flat table.
  static constexpr UChar32 kSmallCache = 0x2000;
  [[nodiscard]] Initial FoldedInitial(UChar32 c) const;
  // False when the folded form of `word` cannot start like any term's: its
  // first two folded bytes (or the first, for one-letter terms) match none.
  [[nodiscard]] bool MayMatch(std::string_view word) const;

  // text[begin, end) escaped, with the matches inside it marked.
  static void Render(std::string_view text, uint32_t begin, uint32_t end,
                     const std::vector<Match>& matches, std::string& out);

  Analyzer analyzer_;
  std::vector<HighlightTerm> terms_;
  // The terms' words by their first folded bytes: one-letter words in
  // initials_, the others by their first two in pairs_ (128 * first +
  // second); any_initial_ when one is not ASCII (no filtering then).
  std::array<bool, 128> initials_{};
  std::vector<bool> pairs_;
  bool any_initial_ = false;
  mutable std::vector<Initial> initial_small_ =
      std::vector<Initial>(kSmallCache);
  mutable std::unordered_map<UChar32, Initial> initial_cache_;
  // Scratch buffers of FindMatches, kept to spare allocations.
  mutable std::vector<TokenSpan> spans_;
  mutable std::vector<int32_t> form_of_;  // index into forms_, or -1
  mutable std::vector<std::pair<std::string, std::string>> forms_;
  mutable size_t forms_used_ = 0;
  mutable std::vector<uint32_t> words_;
  mutable std::vector<Match> matches_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_HIGHLIGHTER_H_
