#include "fuzz/fuzz_checks.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/analysis/analyzer.h"
#include "common/base/utf8.h"
#include "common/document/article_parser.h"
#include "common/document/corpus_reader.h"
#include "common/document/officials.h"
#include "common/index/document_builder.h"
#include "common/index/facet_keys.h"
#include "common/index/index_builder.h"
#include "common/index/record.h"
#include "common/index/schema.h"
#include "common/index/stored_text.h"
#include "common/search/query_builder.h"
#include "common/search/result_format.h"
#include "common/search/searcher.h"

namespace vnsearch {

namespace {

[[noreturn]] void Die(std::string_view what) {
  std::fprintf(stderr, "fuzz_checks: %.*s\n", static_cast<int>(what.size()),
               what.data());
  std::abort();
}

// The record keeps its separators out of the fields (record.cc).
std::string RecordField(std::string_view field) {
  std::string out(field);
  for (char& c : out) {
    if (c == '\x1f' || c == '\x1e') c = ' ';
  }
  return out;
}

std::string Quote(std::string_view s) {
  return nlohmann::json(std::string(s))
      .dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}

}  // namespace

struct FuzzChecks::State {
  std::string corpus_dir;
  std::string scratch_dir;
  Analyzer analyzer;
  OfficialExtractor officials;
  DocumentBuilder builder;
  QueryBuilder queries;
  std::unique_ptr<Searcher> searcher;  // opened at the first CheckSearch
  std::string index_dir;
};

namespace {

Analyzer MustCreateAnalyzer() {
  absl::StatusOr<Analyzer> analyzer = Analyzer::Create();
  if (!analyzer.ok()) Die(analyzer.status().ToString());
  return *std::move(analyzer);
}

OfficialExtractor MustCreateOfficials() {
  absl::StatusOr<OfficialExtractor> officials = OfficialExtractor::Create();
  if (!officials.ok()) Die(officials.status().ToString());
  return *std::move(officials);
}

}  // namespace

FuzzChecks::FuzzChecks(std::string corpus_dir, std::string scratch_dir) {
  Analyzer analyzer = MustCreateAnalyzer();
  state_ = std::unique_ptr<State>(
      new State{std::move(corpus_dir), std::move(scratch_dir), analyzer,
                MustCreateOfficials(), DocumentBuilder(analyzer),
                QueryBuilder(analyzer, RankingParams{}), nullptr, ""});
}

FuzzChecks::~FuzzChecks() {
  state_->searcher.reset();
  if (!state_->index_dir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(state_->index_dir, ec);
  }
}

std::string FuzzChecks::CheckAnalyzer(std::string_view bytes) {
  std::string text(bytes);
  if (RepairUtf8(text).binary) return "";
  if (!IsValidUtf8(text)) return "RepairUtf8 left invalid UTF-8";
  std::vector<Token> tokens;
  const uint32_t next = state_->analyzer.Analyze(text, 7, tokens);
  uint32_t last_begin = 0;
  uint32_t last_position = 7;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const std::string where = absl::StrCat("token ", i, " ", Quote(t.exact));
    if (t.begin >= t.end || t.end > text.size()) {
      return absl::StrCat(where, ": offsets [", t.begin, ",", t.end,
                          ") outside the text of ", text.size(), " bytes");
    }
    if (t.begin < last_begin) return absl::StrCat(where, ": offsets go back");
    // A compound's position is its first part's; one whose parts were all
    // dropped (signs and marks only: "'\u031B'\u031B", a fuzz find) keeps
    // the position the next word takes, which may be `next`.
    const uint32_t end = t.kind == TokenKind::kCompound ? next + 1 : next;
    if (t.position < last_position || t.position >= end) {
      return absl::StrCat(where, ": position ", t.position, " out of order");
    }
    if (t.exact.empty() || t.folded.empty()) {
      return absl::StrCat(where, ": empty form");
    }
    if (t.exact.size() > kMaxWordBytes || t.folded.size() > kMaxWordBytes) {
      return absl::StrCat(where, ": form too long (", t.exact.size(), "/",
                          t.folded.size(), " bytes)");
    }
    if (!IsValidUtf8(t.exact) || !IsValidUtf8(t.folded)) {
      return absl::StrCat(where, ": form is not valid UTF-8");
    }
    for (Field field : {Field::kBody, Field::kTitle, Field::kOfficial}) {
      if (MakeTerm(field, Form::kFolded, t.folded).size() > kMaxTermBytes ||
          MakeTerm(field, Form::kExact, t.exact).size() > kMaxTermBytes) {
        return absl::StrCat(where, ": word term over Xapian's limit");
      }
    }
    if (i > 0) {
      const Token& p = tokens[i - 1];
      for (Field field : {Field::kBody, Field::kTitle, Field::kOfficial}) {
        if (MakePairTerm(field, Form::kFoldedPair, p.folded, t.folded).size() >
                kMaxTermBytes ||
            MakePairTerm(field, Form::kExactPairAcross, p.exact, t.exact)
                    .size() > kMaxTermBytes) {
          return absl::StrCat(where, ": pair term over Xapian's limit");
        }
      }
    }
    last_begin = t.begin;
    last_position = t.position;
  }
  return "";
}

std::string FuzzChecks::CheckArticle(std::string_view bytes) {
  if (bytes.empty()) return "";
  const bool json = (static_cast<unsigned char>(bytes[0]) & 1) != 0;
  std::string text(bytes.substr(1));
  absl::StatusOr<Article> article = absl::InvalidArgumentError("");
  if (json) {
    if (RepairUtf8(text).binary) return "";
    article = ParseJsonArticle(text, state_->officials);
  } else {
    if (RepairUtf8(text).binary) return "";
    article = ParseTextArticle("fuzz/article.txt", text, state_->officials);
  }
  if (!article.ok()) {
    if (!absl::IsInvalidArgument(article.status())) {
      return absl::StrCat("parser failed with ", article.status().ToString());
    }
    return "";
  }
  for (const std::string* field :
       {&article->id, &article->title, &article->lead, &article->body,
        &article->date}) {
    if (!IsValidUtf8(*field)) return "article field is not valid UTF-8";
  }
  if (article->title.empty() && article->lead.empty() &&
      article->body.empty()) {
    return "article accepted with no text";
  }
  // Document builder: every term fits Xapian by construction.
  std::string error;
  try {
    Xapian::Document doc = state_->builder.Build(*article, "fingerprint");
    size_t terms = 0;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
      const std::string term = *it;
      ++terms;
      if (term.empty()) return "empty term";
      if (term.size() > kMaxTermBytes) {
        return absl::StrCat("term of ", term.size(),
                            " bytes: ", Quote(term.substr(0, 40)));
      }
    }
    if (terms == 0) return "document without terms";
    // The stored text decodes to the text (index/stored_text.h).
    std::string stored;
    if (!DecodeStoredText(doc.get_value(kOpeningSlot), doc.get_data(), stored)
             .ok()) {
      return "stored text does not decode";
    }
    if (stored != JoinText(*article)) return "stored text differs";
    if (doc.get_data().empty()) return "empty stored text";
    // Record round trip.
    Article decoded;
    CopyKeys keys;
    if (!DecodeRecord(doc.get_value(kRecordSlot), decoded, &keys)) {
      return "record does not decode";
    }
    if (keys != CopyKeys{RecordField(CollapseKey(*article, state_->analyzer)),
                         RecordField(LeadKey(*article, state_->analyzer))}) {
      return absl::StrCat("record copy keys differ: ", Quote(keys[0]), " ",
                          Quote(keys[1]));
    }
    if (decoded.id != RecordField(article->id) ||
        decoded.title != RecordField(article->title) ||
        decoded.title_derived != article->title_derived ||
        decoded.date != RecordField(article->date) ||
        decoded.officials.size() != article->officials.size()) {
      return absl::StrCat("record round trip differs: id ", Quote(decoded.id),
                          " title ", Quote(decoded.title));
    }
    for (size_t i = 0; i < decoded.officials.size(); ++i) {
      if (decoded.officials[i].name !=
              RecordField(article->officials[i].name) ||
          decoded.officials[i].role !=
              RecordField(article->officials[i].role)) {
        return absl::StrCat("record round trip differs at official ", i);
      }
    }
    if (!article->date.empty()) {
      const std::string date = doc.get_value(kDateSlot);
      if (date.size() != 8) {
        return absl::StrCat("date value ", Quote(date), " for ", article->date);
      }
    }
  } catch (const Xapian::Error& e) {
    return absl::StrCat("document builder threw ", e.get_description());
  }
  return error;
}

std::string FuzzChecks::CheckQuery(std::string_view bytes) {
  absl::StatusOr<BuiltQuery> built = state_->queries.Build(bytes);
  if (!built.ok()) {
    if (!absl::IsInvalidArgument(built.status())) {
      return absl::StrCat("query failed with ", built.status().ToString());
    }
    return "";
  }
  try {
    (void)built->strict.get_description();
    (void)built->relaxed.get_description();
    for (auto it = built->strict.get_terms_begin();
         it != built->strict.get_terms_end(); ++it) {
      if ((*it).empty()) return "empty query term";
    }
  } catch (const Xapian::Error& e) {
    return absl::StrCat("built query threw ", e.get_description());
  }
  for (const HighlightTerm& term : built->highlights) {
    if (term.words.empty()) return "highlight term without words";
    for (const std::string& w : term.words) {
      if (w.empty()) return "empty highlight word";
      if (!IsValidUtf8(w)) return "highlight word is not valid UTF-8";
    }
  }
  return "";
}

std::string FuzzChecks::CheckSearch(std::string_view bytes) {
  if (bytes.empty()) return "";
  if (!state_->searcher) {
    std::string dir = state_->scratch_dir + "/vnsearch-fuzz-XXXXXX";
    if (mkdtemp(dir.data()) == nullptr) Die("mkdtemp failed");
    state_->index_dir = dir + "/index";
    IndexOptions options;
    options.corpus_dir = state_->corpus_dir;
    options.index_dir = state_->index_dir;
    options.threads = 1;
    absl::StatusOr<IndexStats> stats =
        BuildIndex(options, [](std::string_view) {});
    if (!stats.ok()) Die(stats.status().ToString());
    SearcherOptions searcher;
    searcher.index_dir = state_->index_dir;
    absl::StatusOr<std::unique_ptr<Searcher>> opened = Searcher::Open(searcher);
    if (!opened.ok()) Die(opened.status().ToString());
    state_->searcher = *std::move(opened);
  }
  const auto control = static_cast<unsigned char>(bytes[0]);
  SearchRequest request;
  request.limit = 1 + (control & 31);
  request.snippets = (control & 32) == 0;
  request.offset = (control & 64) ? 1 : 0;
  const std::string_view query = bytes.substr(1);
  absl::StatusOr<SearchResult> result =
      state_->searcher->Search(query, request);
  if (!result.ok()) {
    if (!absl::IsInvalidArgument(result.status())) {
      return absl::StrCat("search failed with ", result.status().ToString());
    }
    return "";
  }
  if (result->hits.size() > request.limit) return "more hits than the limit";
  if (result->total < result->hits.size()) return "total below the hits";
  for (size_t i = 0; i < result->hits.size(); ++i) {
    const Hit& hit = result->hits[i];
    if (hit.rank != request.offset + i + 1) return "hits not ranked 1..n";
    if (hit.article.id.empty()) return "hit without an id";
    if (!IsValidUtf8(hit.snippet)) return "snippet is not valid UTF-8";
    if (request.snippets && hit.snippet.empty()) return "empty snippet";
  }
  const std::string json = FormatJson(*result);
  if (!nlohmann::json::accept(json)) return "FormatJson is not JSON";
  (void)FormatText(*result, false);
  return "";
}

}  // namespace vnsearch
