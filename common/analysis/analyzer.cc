#include "common/analysis/analyzer.h"

namespace vnsearch {

absl::StatusOr<Analyzer> Analyzer::Create() {
  absl::StatusOr<std::shared_ptr<const CharTable>> table = CharTable::Create();
  if (!table.ok()) return table.status();
  return Analyzer(*std::move(table));
}

uint32_t Analyzer::Analyze(std::string_view text, uint32_t first_position,
                           std::vector<Token>& out) const {
  std::vector<TokenSpan> spans;
  Tokenize(text, spans);
  uint32_t position = first_position;
  bool pending_break = false;
  bool pending_sentence = false;
  for (const TokenSpan& span : spans) {
    Token token;
    normalizer_.Normalize(text.substr(span.begin, span.end - span.begin),
                          token.exact, token.folded);
    const bool clause_start = span.clause_start || pending_break;
    const bool sentence_start = span.sentence_start || pending_sentence;
    // Both forms within kMaxWordBytes, so that every word and pair term
    // fits Xapian's limit (schema.h) by construction.
    if (token.exact.empty() || token.exact.size() > kMaxWordBytes ||
        token.folded.empty() || token.folded.size() > kMaxWordBytes) {
      // A dropped word still separates its neighbours.
      if (span.kind != TokenKind::kCompound) {
        pending_break = true;
        pending_sentence = true;
      }
      continue;
    }
    token.begin = span.begin;
    token.end = span.end;
    token.kind = span.kind;
    token.inner = span.inner;
    token.position = position;
    token.clause_start = clause_start;
    token.sentence_start = sentence_start;
    if (span.kind != TokenKind::kCompound) {
      ++position;
      pending_break = false;
      pending_sentence = false;
    }
    out.push_back(std::move(token));
  }
  return position;
}

}  // namespace vnsearch
