// The invariants the fuzz targets check, as plain functions so that the
// unit tests replay every seed and every input that ever failed through the
// same code (tests/fuzz_regression_test.cc) with any compiler, and the
// libFuzzer targets (fuzz/*_fuzz.cc, clang only) stay one call each.
//
// Each Check* takes raw bytes, runs one stage of the engine on them and
// returns "" when every invariant holds, or a one-line description of the
// first one broken. A crash or a sanitizer report is a failure too, caught
// by the fuzzer or the sanitized test run.

#ifndef VNSEARCH_FUZZ_FUZZ_CHECKS_H_
#define VNSEARCH_FUZZ_FUZZ_CHECKS_H_

#include <memory>
#include <string>
#include <string_view>

namespace vnsearch {

class FuzzChecks {
 public:
  // `corpus_dir`: the articles the search target indexes (the repository's
  // corpus/), built once, lazily, into a fresh directory under
  // `scratch_dir`. Aborts if the analyzer's ICU data cannot be loaded.
  FuzzChecks(std::string corpus_dir, std::string scratch_dir);
  ~FuzzChecks();

  // Analyzer on raw bytes, after the UTF-8 repair that file input gets
  // (binary input is skipped, as the corpus reader skips it): offsets inside
  // the text and ordered, forms non-empty, valid UTF-8 and bounded, word
  // terms within Xapian's limit.
  [[nodiscard]] std::string CheckAnalyzer(std::string_view bytes);

  // Article parsing through the document builder. The first byte chooses
  // the reader: even, a text file (scraped page or news format); odd, one
  // JSON Lines record. Every term of the built document is non-empty and
  // within Xapian's limit, the record decodes to what was encoded, the
  // stored text is the article's.
  [[nodiscard]] std::string CheckArticle(std::string_view bytes);

  // Query parsing and building on raw bytes (what a user types): OK or
  // InvalidArgument, never another error; a built query describes itself.
  [[nodiscard]] std::string CheckQuery(std::string_view bytes);

  // A search over the small index: the first byte is the limit (1..32) and
  // the snippet switch, the rest the query. OK or InvalidArgument; hits
  // ranked 1..n, at most the limit, each with a decoded id; total not below
  // the hits shown; snippets valid UTF-8; the JSON output parses.
  [[nodiscard]] std::string CheckSearch(std::string_view bytes);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_FUZZ_FUZZ_CHECKS_H_
