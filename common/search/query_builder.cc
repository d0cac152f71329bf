#include "common/search/query_builder.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "common/base/absl_compat.h"
#include "common/base/utf8.h"
#include "common/search/query_syntax.h"
#include "common/index/facet_keys.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"

namespace vnsearch {
namespace {

using Xapian::Query;

Query Scale(Query q, double factor) {
  if (factor == 1.0) return q;
  return Query(Query::OP_SCALE_WEIGHT, q, factor);
}

Query Combine(Query::op op, const std::vector<Query>& parts) {
  if (parts.empty()) return Query();
  if (parts.size() == 1) return parts[0];
  return Query(op, parts.begin(), parts.end());
}

int DaysInMonth(int year, int month) {
  const absl::CivilMonth next = absl::CivilMonth(year, month) + 1;
  return (absl::CivilDay(next) - 1).day();
}

std::vector<Token> Positional(const std::vector<Token>& tokens) {
  std::vector<Token> out;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kCompound) out.push_back(t);
  }
  return out;
}

// Words and whole codes (not their parts, nor the numbers inside them).
std::vector<Token> Units(const std::vector<Token>& tokens) {
  std::vector<Token> out;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kPart && !t.inner) out.push_back(t);
  }
  return out;
}

// The date filter for `dates` (not empty). An open end is no bound at all,
// not a magic "00000000"/"99999999".
Query DateQuery(const DateRange& dates) {
  if (dates.from.empty()) return Query(Query::OP_VALUE_LE, kDateSlot, dates.to);
  if (dates.to.empty()) return Query(Query::OP_VALUE_GE, kDateSlot, dates.from);
  return Query(Query::OP_VALUE_RANGE, kDateSlot, dates.from, dates.to);
}

// The range a date: clause covers ("2023", "2020..2021", "..3/7/2023").
absl::StatusOr<DateRange> ParseDateClause(std::string_view text) {
  const size_t dots = text.find("..");
  std::string_view from = text, to = text;
  if (dots != std::string_view::npos) {
    from = text.substr(0, dots);
    to = text.substr(dots + 2);
  }
  if (from.empty() && to.empty()) {
    return absl::InvalidArgumentError("date: needs a year or a range");
  }
  DateRange range;
  if (!from.empty()) {
    absl::StatusOr<std::string> bound = ParseDateBound(from, false);
    if (!bound.ok()) return bound.status();
    range.from = *std::move(bound);
  }
  if (!to.empty()) {
    absl::StatusOr<std::string> bound = ParseDateBound(to, true);
    if (!bound.ok()) return bound.status();
    range.to = *std::move(bound);
  }
  if (!range.from.empty() && !range.to.empty() && range.from > range.to) {
    return absl::InvalidArgumentError("date range is empty (start after end)");
  }
  return range;
}

}  // namespace

absl::StatusOr<std::string> ParseDateBound(std::string_view text, bool upper) {
  text = ToStd(absl::StripAsciiWhitespace(ToAbsl(text)));
  int year = 0, month = 0, day = 0;
  std::vector<absl::string_view> parts;
  if (absl::StrContains(ToAbsl(text), '/')) {
    // Vietnamese order: day/month/year.
    parts = absl::StrSplit(ToAbsl(text), '/');
    std::reverse(parts.begin(), parts.end());
  } else {
    parts = absl::StrSplit(ToAbsl(text), '-');
  }
  auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "bad date \"", ToAbsl(text), "\": use YYYY, YYYY-MM or YYYY-MM-DD"));
  };
  if (parts.empty() || parts.size() > 3 || parts[0].size() != 4) return bad();
  if (!absl::SimpleAtoi(parts[0], &year) || year < 1000) return bad();
  if (parts.size() >= 2 && (!absl::SimpleAtoi(parts[1], &month) ||
                            month < 1 || month > 12)) {
    return bad();
  }
  if (parts.size() == 3) {
    // A real day survives the trip through CivilDay (absl would normalise
    // 31 February to 3 March).
    if (!absl::SimpleAtoi(parts[2], &day)) return bad();
    const absl::CivilDay civil(year, month, day);
    if (civil.year() != year || civil.month() != month || civil.day() != day) {
      return bad();
    }
  }
  if (month == 0) month = upper ? 12 : 1;
  if (day == 0) day = upper ? DaysInMonth(year, month) : 1;
  return absl::StrFormat("%04d%02d%02d", year, month, day);
}

absl::StatusOr<Query> QueryBuilder::FilterQuery(std::string_view field,
                                                std::string_view value) const {
  if (field == "source") {
    const std::vector<std::string> keys = SourceKeys(value, analyzer_);
    if (keys.empty()) {
      return absl::InvalidArgumentError(
          "source: needs a name, e.g. source:vnexpress.net");
    }
    return Query(absl::StrCat(ToAbsl(kSourcePrefix), keys[0]));
  }
  // year:2017 or year:2015..2017
  const size_t dots = value.find("..");
  int from = 0, to = 0;
  const bool ok =
      dots == std::string_view::npos
          ? value.size() == 4 && absl::SimpleAtoi(ToAbsl(value), &from) &&
                (to = from, true)
          : dots == 4 && value.size() == 10 &&
                absl::SimpleAtoi(ToAbsl(value.substr(0, 4)), &from) &&
                absl::SimpleAtoi(ToAbsl(value.substr(6)), &to);
  if (!ok || from < 1000 || to < from) {
    return absl::InvalidArgumentError(absl::StrCat(
        "bad year \"", ToAbsl(value), "\": use year:2017 or year:2015..2017"));
  }
  std::vector<Query> years;
  for (int year = from; year <= to; ++year) {
    years.emplace_back(absl::StrCat(ToAbsl(kYearPrefix), year));
  }
  return Combine(Query::OP_OR, years);
}

Query QueryBuilder::WordQuery(const Token& token) const {
  // The body field holds the headline too: one term per free word. The
  // exact spelling of a word typed with diacritics counts through the tiers
  // (Build), which is where it decides the order.
  return Query(MakeTerm(Field::kBody, Form::kFolded, token.folded));
}

Query QueryBuilder::PairQuery(const Token& first, const Token& second) const {
  auto pair = [&](Field field) {
    return Query(MakePairTerm(field, Form::kFoldedPair, first.folded,
                              second.folded));
  };
  // Headline pairs are in the body field too; the headline weighs through
  // its tier.
  return Scale(Query(Query::OP_OR, pair(Field::kBody),
                     Scale(pair(Field::kOfficial), params_.official_boost)),
               params_.pair_boost);
}

Query QueryBuilder::PhraseQuery(const std::vector<Token>& tokens, Field field,
                                bool exact_intent, bool strict) const {
  const std::vector<Token> words = Positional(tokens);
  if (words.empty()) {
    // Only codes with no words inside ("̂&⃝" is one code of marks and a
    // sign): each code whole, in the field.
    std::vector<Query> codes;
    for (const Token& t : Units(tokens)) {
      codes.emplace_back(exact_intent ? MakeTerm(field, Form::kExact, t.exact)
                                      : MakeTerm(field, Form::kFolded, t.folded));
    }
    return Combine(Query::OP_AND, codes);
  }
  if (words.size() == 1) {
    const Token& t = words[0];
    return Query(exact_intent ? MakeTerm(field, Form::kExact, t.exact)
                              : MakeTerm(field, Form::kFolded, t.folded));
  }
  std::vector<Query> parts;
  for (size_t i = 1; i < words.size(); ++i) {
    const Token& a = words[i - 1];
    const Token& b = words[i];
    if (b.sentence_start && !strict) continue;  // no pair to look for
    const Query folded(MakePairTerm(field, Form::kFoldedPair, a.folded, b.folded));
    if (!exact_intent) {
      parts.push_back(folded);
    } else if (a.kind == TokenKind::kWord && b.kind == TokenKind::kWord) {
      const Query exact(MakePairTerm(field, Form::kExactPair, a.exact, b.exact));
      parts.push_back(strict ? exact
                             : Query(Query::OP_OR, exact,
                                     Query(MakePairTerm(field, Form::kExactPairAcross,
                                                        a.exact, b.exact))));
    } else {
      // Parts of a code ("covid-19") have no exact pairs: the folded pair
      // and both exact spellings.
      parts.push_back(folded);
      parts.emplace_back(MakeTerm(field, Form::kExact, a.exact));
      parts.emplace_back(MakeTerm(field, Form::kExact, b.exact));
    }
  }
  if (parts.empty()) {  // every word starts a sentence
    for (const Token& t : words) {
      parts.emplace_back(exact_intent ? MakeTerm(field, Form::kExact, t.exact)
                                      : MakeTerm(field, Form::kFolded, t.folded));
    }
  }
  return Combine(Query::OP_AND, parts);
}

absl::StatusOr<BuiltQuery> QueryBuilder::Build(
    std::string_view text, const DateRange& extra_dates) const {
  if (!IsValidUtf8(text)) {
    return absl::InvalidArgumentError("query is not valid UTF-8");
  }
  if (absl::StripAsciiWhitespace(ToAbsl(text)).empty()) {
    return absl::InvalidArgumentError("empty query");
  }
  if (text.size() > kMaxQueryBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "query too long: ", text.size(), " bytes (at most ", kMaxQueryBytes,
        ")"));
  }
  std::vector<Query> words;     // one per free word: required (strict)
  std::vector<Query> required;  // phrases and fields
  std::vector<Query> boosts;    // adjacent pairs
  std::vector<Query> excluded;
  std::vector<Token> sequence;  // the longest run of free words
  DateRange dates = extra_dates;
  BuiltQuery built;
  absl::StatusOr<std::vector<QueryClause>> clauses = ParseQuerySyntax(text);
  if (!clauses.ok()) return clauses.status();
  const std::vector<QueryClause>& pieces = *clauses;
  std::vector<std::vector<Token>> piece_tokens;
  size_t query_words = 0;
  for (const QueryClause& piece : pieces) {
    piece_tokens.push_back(piece.kind == QueryClause::kDate ||
                                   piece.kind == QueryClause::kFilter
                               ? std::vector<Token>()
                               : analyzer_.Analyze(piece.text));
    // A query typed with diacritics anywhere means every word is spelled as
    // intended ("nay trở" is not "này trở").
    for (const Token& t : piece_tokens.back()) {
      built.exact_intent = built.exact_intent || t.accented();
    }
    query_words += piece_tokens.back().size();
  }
  if (query_words > kMaxQueryWords) {
    return absl::InvalidArgumentError(absl::StrCat(
        "query too long: ", query_words, " words (at most ", kMaxQueryWords,
        ")"));
  }

  // source: and year: filters: those of one field are alternatives, as
  // Xapian's QueryParser reads boolean prefixes.
  std::map<std::string, std::vector<Query>> filters;
  for (size_t p = 0; p < pieces.size(); ++p) {
    const QueryClause& piece = pieces[p];
    if (piece.kind == QueryClause::kFilter) {
      absl::StatusOr<Query> filter = FilterQuery(piece.field, piece.text);
      if (!filter.ok()) return filter.status();
      (piece.negated ? excluded : filters[piece.field]).push_back(*filter);
      continue;
    }
    if (piece.kind == QueryClause::kDate) {
      absl::StatusOr<DateRange> range = ParseDateClause(piece.text);
      if (!range.ok()) return range.status();
      if (piece.negated) {
        excluded.push_back(DateQuery(*range));
        continue;
      }
      if (!range->from.empty() &&
          (dates.from.empty() || range->from > dates.from)) {
        dates.from = range->from;
      }
      if (!range->to.empty() && (dates.to.empty() || range->to < dates.to)) {
        dates.to = range->to;
      }
      continue;
    }
    const std::vector<Token>& tokens = piece_tokens[p];
    if (tokens.empty()) continue;
    Field field = Field::kBody;
    HighlightTerm::Scope scope = HighlightTerm::kAnywhere;
    if (piece.field == "title") {
      field = Field::kTitle;
      scope = HighlightTerm::kTitle;
    } else if (piece.field == "official") {
      field = Field::kOfficial;
      scope = HighlightTerm::kOfficial;
    }
    if (piece.negated) {
      // What is excluded is spelled as that clause is typed: "-official:
      // \"nguyen van a\"" drops every spelling, even in a query typed
      // with diacritics elsewhere.
      const bool exact =
          std::any_of(tokens.begin(), tokens.end(),
                      [](const Token& t) { return t.accented(); });
      excluded.push_back(PhraseQuery(tokens, field, exact, false));
      continue;
    }
    if (piece.kind == QueryClause::kPhrase || !piece.field.empty()) {
      HighlightTerm phrase{{}, built.exact_intent, false, scope};
      for (const Token& t : Positional(tokens)) {
        phrase.words.push_back(built.exact_intent ? t.exact : t.folded);
      }
      if (phrase.words.empty()) {  // codes only: each marked whole
        for (const Token& unit : Units(tokens)) {
          built.highlights.push_back(
              {{built.exact_intent ? unit.exact : unit.folded},
               built.exact_intent,
               true,
               scope});
        }
      } else {
        built.highlights.push_back(std::move(phrase));
      }
      required.push_back(PhraseQuery(tokens, field, built.exact_intent, false));
      if (field != Field::kBody) continue;
    } else {
      for (const Token& unit : Units(tokens)) {
        words.push_back(WordQuery(unit));
        built.highlights.push_back(
            {{unit.accented() ? unit.exact : unit.folded},
             unit.accented(),
             unit.kind == TokenKind::kCompound,
             HighlightTerm::kAnywhere});
      }
    }
    const std::vector<Token> positional = Positional(tokens);
    if (piece.kind == QueryClause::kWords &&
        positional.size() > sequence.size()) {
      sequence = positional;
    }
    for (size_t i = 1; i < positional.size(); ++i) {
      if (positional[i].sentence_start) continue;
      boosts.push_back(PairQuery(positional[i - 1], positional[i]));
    }
  }
  if (words.empty() && required.empty() && dates.empty() && filters.empty() &&
      excluded.empty()) {
    return absl::InvalidArgumentError("query has no words to search for");
  }
  if (!dates.from.empty() && !dates.to.empty() && dates.from > dates.to) {
    return absl::InvalidArgumentError("date range is empty (start after end)");
  }

  // `extra`: optional queries that only add weight, in one branch with the
  // pair boosts so that a full page turns the branch into a required one.
  auto assemble = [&](bool strict, std::vector<Query> extra) {
    std::vector<Query> must = required;
    Query match;
    if (strict) {
      must.insert(must.end(), words.begin(), words.end());
      match = Combine(Query::OP_AND, must);
    } else {
      Query any = Combine(Query::OP_OR, words);
      match = must.empty() ? any
                           : Query(Query::OP_AND_MAYBE,
                                   Combine(Query::OP_AND, must), any);
    }
    if (match.empty()) match = Query::MatchAll;
    extra.insert(extra.end(), boosts.begin(), boosts.end());
    if (!extra.empty()) {
      match = Query(Query::OP_AND_MAYBE, match, Combine(Query::OP_OR, extra));
    }
    if (!excluded.empty()) {
      match = Query(Query::OP_AND_NOT, match, Combine(Query::OP_OR, excluded));
    }
    if (!dates.empty()) {
      match = Query(Query::OP_FILTER, match, DateQuery(dates));
    }
    for (const auto& [field, alternatives] : filters) {
      match = Query(Query::OP_FILTER, match,
                    Combine(Query::OP_OR, alternatives));
    }
    return match;
  };
  // Tiers: documents with the free words as a phrase in the headline, or in
  // the text (the exact spellings when typed with diacritics), get
  // kTierBonus for each, and the exact phrase strictly adjacent gets
  // kExactPhraseBonus; each tier is ranked by the rest of the query. The
  // bonuses also let the matcher skip: once the page is full of a tier, the
  // documents outside it cannot compete.
  std::vector<Query> tiers;
  auto tier = [&](Query filter, double bonus, Tier kind) {
    Query source((new Xapian::FixedWeightPostingSource(bonus))->release());
    built.tiers.push_back({filter, kind, bonus});
    tiers.emplace_back(Query::OP_FILTER, source, std::move(filter));
  };
  if (sequence.size() >= 2 || (sequence.size() == 1 && built.exact_intent)) {
    // The headline by its folded pairs: it is short, and a headline
    // "Ma túy, không nên thử" is what "ma túy không nên" looks for.
    tier(PhraseQuery(sequence, Field::kTitle, sequence.size() == 1, false),
         kTierBonus, Tier::kHeadlinePhrase);
    tier(PhraseQuery(sequence, Field::kBody, built.exact_intent, false),
         kTierBonus, Tier::kTextPhrase);
    if (sequence.size() >= 2 && built.exact_intent) {
      tier(PhraseQuery(sequence, Field::kBody, true, true), kExactPhraseBonus,
           Tier::kExactTextPhrase);
    }
  }
  built.strict = assemble(true, tiers);
  built.relaxable = words.size() > 1;
  built.relaxed = built.relaxable ? assemble(false, {}) : built.strict;
  return built;
}

}  // namespace vnsearch
