#include "common/document_builder.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace vnsearch {
namespace {

constexpr int kMaxOfficialMentions = 8;

}  // namespace

std::string DocumentBuilder::IdTerm(std::string_view id) {
  std::string term(kIdPrefix);
  term.append(id);
  return term;
}

void DocumentBuilder::AddField(Xapian::Document& doc, Field field,
                               std::string_view text,
                               Xapian::termcount extra_wdf) {
  tokens_.clear();
  analyzer_.Analyze(text, 1, tokens_);
  const std::string_view exact_prefix = TermPrefix(field, Form::kExact);
  const std::string_view folded_prefix = TermPrefix(field, Form::kFolded);
  const Xapian::termcount wdf = 1 + extra_wdf;
  const Token* previous = nullptr;
  std::string term;
  for (const Token& token : tokens_) {
    // Exact terms for words without diacritics too: in a query typed with
    // diacritics "nay" means "nay", not "này".
    term.assign(exact_prefix).append(token.exact);
    doc.add_term(term, wdf);
    term.assign(folded_prefix).append(token.folded);
    doc.add_term(term, wdf);
    if (token.kind == TokenKind::kCompound) continue;
    if (previous != nullptr && !token.sentence_start) {
      doc.add_term(MakePairTerm(field, Form::kFoldedPair, previous->folded,
                                token.folded),
                   wdf);
      if (!token.clause_start && token.kind == TokenKind::kWord &&
          previous->kind == TokenKind::kWord) {
        doc.add_term(MakePairTerm(field, Form::kExactPair, previous->exact,
                                  token.exact),
                     wdf);
      }
    }
    previous = &token;
  }
}

Xapian::Document DocumentBuilder::Build(const Article& article) {
  Xapian::Document doc;
  AddField(doc, Field::kTitle, article.title, 0);
  // The body field starts with the headline, then the lead, then the rest
  // (pairs never run from one into the next).
  if (!article.title_derived) {
    AddField(doc, Field::kBody, article.title, kLeadWdfBonus);
  }
  AddField(doc, Field::kBody, article.lead, kLeadWdfBonus);
  AddField(doc, Field::kBody, article.body, 0);
  // An official named often is what the article is about: each mention
  // adds wdf (capped, so a long list of repetitions cannot dominate).
  for (const Official& official : article.officials) {
    const auto extra = static_cast<Xapian::termcount>(
        std::clamp(official.mentions, 1, kMaxOfficialMentions) - 1);
    AddField(doc, Field::kOfficial, official.name, extra);
    for (const std::string& alias : official.aliases) {
      AddField(doc, Field::kOfficial, alias, extra);
    }
  }
  doc.add_boolean_term(IdTerm(article.id));
  if (article.date.size() == 10) {
    const std::string compact = article.date.substr(0, 4) +
                                article.date.substr(5, 2) +
                                article.date.substr(8, 2);
    doc.add_value(kDateSlot, compact);
    doc.add_boolean_term(std::string(kYearPrefix) + article.date.substr(0, 4));
  }
  doc.add_value(kRecordSlot, EncodeRecord(article));
  doc.set_data(JoinText(article));
  return doc;
}

std::string JoinText(const Article& article) {
  std::string text = article.lead;
  if (!article.body.empty()) {
    if (!text.empty()) text.push_back('\n');
    text += article.body;
  }
  return text;
}

std::string EncodeRecord(const Article& article) {
  nlohmann::json officials = nlohmann::json::array();
  for (const Official& official : article.officials) {
    officials.push_back({{"name", official.name}, {"role", official.role}});
  }
  nlohmann::json record = {
      {"id", article.id},
      {"title", article.title},
      {"title_derived", article.title_derived},
      {"date", article.date},
      {"officials", std::move(officials)},
  };
  // Input is valid UTF-8 by the time it gets here; replace rather than throw
  // if something slipped through.
  return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool DecodeRecord(const std::string& record, Article& article) {
  nlohmann::json json = nlohmann::json::parse(record, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return false;
  article.id = json.value("id", "");
  article.title = json.value("title", "");
  article.title_derived = json.value("title_derived", false);
  article.date = json.value("date", "");
  article.officials.clear();
  if (auto it = json.find("officials"); it != json.end() && it->is_array()) {
    for (const auto& o : *it) {
      Official official;
      official.name = o.value("name", "");
      official.role = o.value("role", "");
      article.officials.push_back(std::move(official));
    }
  }
  return true;
}

}  // namespace vnsearch
