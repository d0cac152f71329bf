#include "common/document_builder.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace vnsearch {
namespace {

// Gap between officials' names so that phrases never span two names.
constexpr Xapian::termpos kNameGap = 100;
constexpr int kMaxOfficialMentions = 8;

}  // namespace

std::string DocumentBuilder::IdTerm(std::string_view id) {
  std::string term(kIdPrefix);
  term.append(id);
  return term;
}

Xapian::termpos DocumentBuilder::AddField(Xapian::Document& doc, Field field,
                                          std::string_view text,
                                          Xapian::termpos first_position,
                                          Xapian::termcount extra_wdf) {
  tokens_.clear();
  // Xapian positions start at 1.
  const Xapian::termpos next =
      analyzer_.Analyze(text, first_position, tokens_);
  const std::string_view exact_prefix = TermPrefix(field, Form::kExact);
  const std::string_view folded_prefix = TermPrefix(field, Form::kFolded);
  const Token* previous = nullptr;
  std::string term;
  for (const Token& token : tokens_) {
    const Xapian::termcount wdf = 1 + extra_wdf;
    // Exact terms for words without diacritics too: in a query typed with
    // diacritics "nay" means "nay", not "này".
    term.assign(exact_prefix).append(token.exact);
    doc.add_posting(term, token.position, wdf);
    term.assign(folded_prefix).append(token.folded);
    doc.add_posting(term, token.position, wdf);
    if (token.kind == TokenKind::kCompound) continue;
    if (previous != nullptr && !token.clause_start &&
        previous->position + 1 == token.position) {
      doc.add_term(MakePairTerm(field, Form::kFoldedPair, previous->folded,
                                token.folded),
                   wdf);
    }
    previous = &token;
  }
  return next;
}

void DocumentBuilder::AddLeadPairs(Xapian::Document& doc) {
  const Token* previous = nullptr;
  for (const Token& token : tokens_) {
    if (token.kind == TokenKind::kCompound) continue;
    if (previous != nullptr && !token.clause_start &&
        previous->position + 1 == token.position) {
      doc.add_term(MakePairTerm(Field::kLead, Form::kFoldedPair,
                                previous->folded, token.folded));
    }
    previous = &token;
  }
}

Xapian::Document DocumentBuilder::Build(const Article& article) {
  Xapian::Document doc;
  AddField(doc, Field::kTitle, article.title, 1, 0);
  Xapian::termpos position = 1;
  position = AddField(doc, Field::kBody, article.lead, position, kLeadWdfBonus);
  AddLeadPairs(doc);
  // Keep phrases from running from the lead into the body.
  position = AddField(doc, Field::kBody, article.body, position + 1, 0);
  // An official named often is what the article is about: each mention
  // adds wdf (capped, so a long list of repetitions cannot dominate).
  Xapian::termpos name_position = 1;
  for (const Official& official : article.officials) {
    const auto extra = static_cast<Xapian::termcount>(
        std::clamp(official.mentions, 1, kMaxOfficialMentions) - 1);
    name_position =
        AddField(doc, Field::kOfficial, official.name, name_position, extra) +
        kNameGap;
    for (const std::string& alias : official.aliases) {
      name_position =
          AddField(doc, Field::kOfficial, alias, name_position, extra) + kNameGap;
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
  doc.set_data(EncodeDocumentData(article));
  return doc;
}

std::string EncodeDocumentData(const Article& article) {
  nlohmann::json officials = nlohmann::json::array();
  for (const Official& official : article.officials) {
    officials.push_back({{"name", official.name}, {"role", official.role}});
  }
  std::string text = article.lead;
  if (!article.body.empty()) {
    if (!text.empty()) text.push_back('\n');
    text += article.body;
  }
  nlohmann::json data = {
      {"id", article.id},
      {"title", article.title},
      {"title_derived", article.title_derived},
      {"date", article.date},
      {"officials", std::move(officials)},
      {"lead_bytes", article.lead.size()},
      {"text", std::move(text)},
  };
  // Input is valid UTF-8 by the time it gets here; replace rather than throw
  // if something slipped through.
  return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool DecodeDocumentData(const std::string& data, Article& article) {
  nlohmann::json json = nlohmann::json::parse(data, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return false;
  article.id = json.value("id", "");
  article.title = json.value("title", "");
  article.title_derived = json.value("title_derived", false);
  article.date = json.value("date", "");
  const std::string text = json.value("text", "");
  const size_t lead_bytes = std::min<size_t>(json.value("lead_bytes", 0), text.size());
  article.lead = text.substr(0, lead_bytes);
  article.body = text.size() > lead_bytes ? text.substr(lead_bytes + (lead_bytes ? 1 : 0)) : "";
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
