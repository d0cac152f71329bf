#include "common/search/query_syntax.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/analysis/tokenizer.h"
#include "common/base/absl_compat.h"
#include "common/base/utf8.h"

namespace vnsearch {
namespace {

constexpr std::string_view kFields[] = {"title", "official", "date", "source",
                                      "year"};

bool IsSpaceAt(std::string_view q, size_t i) {
  return absl::ascii_isspace(static_cast<unsigned char>(q[i]));
}

// Length of the opening quote at `i` (" or “), 0 if none.
size_t OpenQuoteAt(std::string_view q, size_t i) {
  if (q[i] == '"') return 1;
  if (q.substr(i).starts_with("\u201C")) return 3;
  return 0;
}

// The first closing quote (" or ”) at or after `from`: {position, length};
// {size, 0} when the quote is left open.
std::pair<size_t, size_t> FindCloseQuote(std::string_view q, size_t from) {
  for (size_t i = from; i < q.size(); ++i) {
    if (q[i] == '"') return {i, 1};
    if (q.substr(i).starts_with("\u201D")) return {i, 3};
  }
  return {q.size(), 0};
}

bool HasWordChar(std::string_view text) {
  for (const CodePoint cp : Utf8CodePoints(text)) {
    if (IsWordCodePoint(cp.c)) return true;
  }
  return false;
}

}  // namespace

bool IsQueryField(std::string_view name) {
  for (std::string_view field : kFields) {
    if (name == field) return true;
  }
  return false;
}

absl::StatusOr<std::vector<QueryClause>> ParseQuerySyntax(std::string_view q) {
  std::vector<QueryClause> clauses;
  size_t i = 0;
  while (i < q.size()) {
    if (IsSpaceAt(q, i)) {
      ++i;
      continue;
    }
    const size_t clause_begin = i;
    QueryClause clause;
    if (q[i] == '-') {
      // "-x" negates; a '-' before a space (or another '-') is dropped.
      ++i;
      if (i >= q.size() || IsSpaceAt(q, i) || q[i] == '-') continue;
      clause.negated = true;
    }
    size_t colon = i;
    while (colon < q.size() &&
           absl::ascii_isalpha(static_cast<unsigned char>(q[colon]))) {
      ++colon;
    }
    if (colon > i && colon < q.size() && q[colon] == ':') {
      const std::string name =
          absl::AsciiStrToLower(ToAbsl(q.substr(i, colon - i)));
      if (IsQueryField(name)) {
        clause.field = name;
        i = colon + 1;
        const bool nothing = i >= q.size() || IsSpaceAt(q, i);
        if (nothing) {
          return absl::InvalidArgumentError(absl::StrCat(
              ToAbsl(q.substr(clause_begin, i - clause_begin)),
              " needs a value right after the colon, as in ", name,
              name == "date" ? ":2023" : ":word or " + name + ":\"a phrase\""));
        }
      }
    }
    if (const size_t open = OpenQuoteAt(q, i); open > 0) {
      const auto [close, close_len] = FindCloseQuote(q, i + open);
      clause.kind = QueryClause::kPhrase;
      clause.text = std::string(q.substr(i + open, close - i - open));
      i = close + close_len;
    } else {
      size_t end = i;
      while (end < q.size() && !IsSpaceAt(q, end)) ++end;
      clause.text = std::string(q.substr(i, end - i));
      i = end;
    }
    if (clause.field == "date") {
      clause.kind = QueryClause::kDate;
    } else if (clause.field == "source" || clause.field == "year") {
      clause.kind = QueryClause::kFilter;
    } else if (!clause.field.empty() && !HasWordChar(clause.text)) {
      return absl::InvalidArgumentError(
          absl::StrCat(ToAbsl(q.substr(clause_begin, i - clause_begin)),
                       " has no word to look for"));
    }
    if (clause.kind == QueryClause::kWords && clause.field.empty() &&
        !clause.negated && !clauses.empty() &&
        clauses.back().kind == QueryClause::kWords &&
        clauses.back().field.empty() && !clauses.back().negated) {
      absl::StrAppend(&clauses.back().text, " ", clause.text);
      continue;
    }
    clauses.push_back(std::move(clause));
  }
  return clauses;
}

}  // namespace vnsearch
