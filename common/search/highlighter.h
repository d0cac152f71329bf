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

#include "absl/status/statusor.h"
#include "common/analysis/analyzer.h"
#include "common/index/stored_text.h"
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

  // A text that Snippet reads as far as it needs (a string, or a stored
  // text decoded on demand); defined in highlighter.cc.
  class Source;

  // The terms to mark from now on (BuiltQuery::highlights).
  void SetQuery(const BuiltQuery& query);

  // The best window of `text` of at most `max_bytes` (plus the markup):
  // the one with the most distinct query terms (a phrase counts once,
  // whole), then the most matches, then the earliest; cut on word
  // boundaries, starting at a sentence when one starts early enough in the
  // window. Without a match, the start of the text. The text is analysed
  // only as far as needed: once kEnoughPrefix bytes (about 2.3 KB) are
  // read and hold a match, the text more than twice `max_bytes` beyond the
  // best window's start is not read: the best window of the opening, where
  // news puts the story, rather than of all the text. A text with no match
  // in its opening is read on until one is found.
  // The text is first skimmed for the starts of words (a cheap byte scan,
  // no normalisation); only the words there that may match are tokenised,
  // with a few words after them, and then the window that is shown: the
  // snippet is the one that analysing the whole prefix gives, at a
  // fraction of the cost. A word may match when its letters, folded one by
  // one, start with a query word (every query word ASCII letters and
  // digits), else when its first folded letters are some term's.
  [[nodiscard]] std::string Snippet(std::string_view text,
                                    size_t max_bytes) const;

  // Snippet of a hit's stored text (index/stored_text.h): its opening,
  // and its document data from `data` only when Snippet reads past the
  // opening: the snippet Snippet gives for the whole text. DataLoss when
  // the stored text is broken.
  [[nodiscard]] absl::StatusOr<std::string> SnippetOfStored(
      std::string opening, StoredTextReader::DataSource data,
      size_t max_bytes) const;

  // All of `text` with its matches marked.
  [[nodiscard]] std::string Mark(std::string_view text, Target target) const;

 private:
  struct Match {
    uint32_t begin = 0;
    uint32_t end = 0;
    uint64_t terms = 0;  // bit i: terms_[i] (the first 64 terms)
  };

  // Read beyond a cut point to find the space after it.
  static constexpr uint32_t kLookAhead = 256;
  // The prefix analysed first, beyond which any window with a match will
  // do: as much as a stored text's opening holds with the look-ahead (it
  // holds at least kOpeningBytes - 3, never cut inside a character), so
  // that most snippets read no document data (index/stored_text.h).
  static constexpr uint32_t kEnoughPrefix = kOpeningBytes - 3 - kLookAhead;
  // The terms (of the first 64) that apply to `target`.
  [[nodiscard]] size_t TermsIn(Target target) const;

  // Snippet of `text`.
  [[nodiscard]] absl::StatusOr<std::string> CutSnippet(Source& text,
                                                       size_t max_bytes) const;
  // Appends to starts_ the byte offsets in text[from, to) (`from` and `to`
  // at a space or an end) where a word or a part of a code may start: each
  // run of word characters (IsWordCodePoint), and each letter after ASCII
  // digits in one (a unit: "5kg"). Every span the tokenizer gives starts at
  // one of them. Sets last_word_end_ past the last word character.
  void Skim(std::string_view text, uint32_t from, uint32_t to) const;
  [[nodiscard]] bool IsWord(UChar32 c) const;
  // The folded form of one letter, when it is short and ASCII (known).
  struct Fold {
    char bytes[6] = {};
    uint8_t size = 0;
    bool known = false;
    bool cached = false;
  };
  [[nodiscard]] Fold FoldOf(UChar32 c) const;
  // With spelled words (SetQuery): whether the word or part of a code that
  // the tokenizer may start at text[start] can match one, judged from its
  // letters folded one by one (the run of word characters from `start`
  // must start with a spelled word; a letter without a known fold: maybe).
  [[nodiscard]] bool MaySpell(std::string_view text, uint32_t start,
                              uint32_t stop) const;
  // Fills spans_, form_of_ and island_of_ with the spans of islands of
  // text[0, stop): from the space before each skimmed start that may match
  // to the space after the start max_words_ + 1 further on, overlapping
  // islands merged. Tokenised from a space, an island's spans are those of
  // the whole text (only the flags of its first span may differ).
  void AnalyseIslands(std::string_view text, uint32_t stop) const;
  // Fills form_of_ for the spans of spans_ after those it has.
  void NormaliseSpans(std::string_view text) const;

  // The merged, sorted matches of `text`; leaves its spans in spans_.
  // Only the spans whose first letter folds to the first letter of some
  // term are normalised (form_of_ null for the others).
  void FindMatches(std::string_view text, Target target,
                   std::vector<Match>& matches) const;
  // Fills spans_ and form_of_ for the whole of `text`.
  void Analyse(std::string_view text) const;
  // The merged, sorted matches of the spans Analyse or AnalyseIslands left.
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
  // The forms of each span: in known_forms_, or null when not normalised.
  mutable std::vector<const std::pair<std::string, std::string>*> form_of_;
  // Skimming (Snippet): the word starts, the island of each span of spans_
  // (empty when spans_ holds a whole text: one island), the tokens around
  // the window shown, and word characters below kSmallCache (-1: unknown).
  mutable std::vector<uint32_t> starts_;
  mutable uint32_t last_word_end_ = 0;
  mutable std::vector<uint32_t> island_of_;
  mutable std::vector<TokenSpan> window_spans_;
  mutable std::vector<int8_t> word_small_ = std::vector<int8_t>(kSmallCache, -1);
  size_t max_words_ = 1;  // the most words of a term
  // The folded words of the terms when all are spelled (SetQuery), else
  // empty; their first letters and pairs of them; the longest; the folds
  // of letters below kSmallCache; MaySpell's scratch.
  std::vector<std::string> spelled_;
  std::array<bool, 128> spelled_initials_{};
  std::vector<bool> spelled_pairs_;  // 128 * first + second letter
  size_t spelled_max_ = 0;
  mutable std::vector<Fold> fold_small_ = std::vector<Fold>(kSmallCache);
  mutable std::string spelling_;
  // Words normalised so far (exact, folded), kept across texts and queries
  // up to kMaxKnownForms words (references into it stay valid).
  static constexpr size_t kMaxKnownForms = 1 << 16;
  mutable std::unordered_map<std::string, std::pair<std::string, std::string>>
      known_forms_;
  mutable std::vector<uint32_t> words_;
  mutable std::vector<Match> matches_;
  // Decodes the document data of SnippetOfStored (keeps zlib's state).
  mutable StoredTextReader stored_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_HIGHLIGHTER_H_
