#include "common/index/document_builder.h"

#include <algorithm>

#include "common/base/fingerprint.h"
#include "common/base/utf8.h"
#include "common/index/facet_keys.h"

namespace vnsearch {
namespace {

constexpr int kMaxOfficialMentions = 8;

}  // namespace

std::string DocumentBuilder::IdTerm(std::string_view id) {
  std::string term(kIdPrefix);
  if (kIdPrefix.size() + id.size() <= kMaxTermBytes) {
    term.append(id);
    return term;
  }
  // Too long for a term: a readable head (cut on a UTF-8 boundary), '#' and
  // the fingerprint of the whole id. The record keeps the id whole.
  const std::string fingerprint = Fingerprint(id);
  const size_t cut = Utf8CutPoint(
      id, kMaxTermBytes - kIdPrefix.size() - 1 - fingerprint.size());
  term.append(id.substr(0, cut)).append("#").append(fingerprint);
  return term;
}

void DocumentBuilder::Count(const std::string& term, Xapian::termcount wdf) {
  if (term.size() > kMaxTermBytes) return;  // Xapian would refuse it
  auto [it, inserted] = terms_.try_emplace(term, wdf);
  if (!inserted) it->second += wdf;
}

void DocumentBuilder::AddField(Field field, std::string_view text,
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
    Count(term, wdf);
    term.assign(folded_prefix).append(token.folded);
    Count(term, wdf);
    if (token.kind == TokenKind::kCompound) continue;
    if (previous != nullptr && !token.sentence_start) {
      AssignPairTerm(term, field, Form::kFoldedPair, previous->folded,
                     token.folded);
      Count(term, wdf);
      if (token.kind == TokenKind::kWord &&
          previous->kind == TokenKind::kWord) {
        AssignPairTerm(
            term, field,
            token.clause_start ? Form::kExactPairAcross : Form::kExactPair,
            previous->exact, token.exact);
        Count(term, wdf);
      }
    }
    previous = &token;
  }
}

Xapian::Document DocumentBuilder::Build(const Article& article,
                                        std::string_view fingerprint) {
  terms_.clear();
  AddField(Field::kTitle, article.title, 0);
  // The body field starts with the headline, then the lead, then the rest
  // (pairs never run from one into the next).
  if (!article.title_derived) {
    AddField(Field::kBody, article.title, kLeadWdfBonus);
  }
  AddField(Field::kBody, article.lead, kLeadWdfBonus);
  AddField(Field::kBody, article.body, 0);
  // An official named often is what the article is about: each mention
  // adds wdf (capped, so a long list of repetitions cannot dominate).
  for (const Official& official : article.officials) {
    const auto extra = static_cast<Xapian::termcount>(
        std::clamp(official.mentions, 1, kMaxOfficialMentions) - 1);
    AddField(Field::kOfficial, official.name, extra);
    for (const std::string& alias : official.aliases) {
      AddField(Field::kOfficial, alias, extra);
    }
  }
  Xapian::Document doc;
  for (const auto& [term, wdf] : terms_) doc.add_term(term, wdf);
  doc.add_boolean_term(IdTerm(article.id));
  if (article.date.size() == 10) {
    const std::string_view date = article.date;
    std::string term(kYearPrefix);
    term.append(date.substr(0, 4));
    doc.add_boolean_term(term);
    std::string compact(date.substr(0, 4));
    compact.append(date.substr(5, 2)).append(date.substr(8, 2));
    doc.add_value(kDateSlot, compact);
  }
  doc.add_value(kRecordSlot,
                EncodeRecord(article, {CollapseKey(article, analyzer_),
                                       LeadKey(article, analyzer_)}));
  if (const std::string source = SourceName(article); !source.empty()) {
    doc.add_value(kSourceSlot, source);
    for (const std::string& key : SourceKeys(source, analyzer_)) {
      if (kSourcePrefix.size() + key.size() > kMaxTermBytes) continue;
      doc.add_boolean_term(std::string(kSourcePrefix) + key);
    }
  }
  if (!fingerprint.empty()) {
    doc.add_value(kFingerprintSlot, std::string(fingerprint));
  }
  StoredText stored = text_writer_.Encode(JoinText(article));
  doc.add_value(kOpeningSlot, std::move(stored.opening));
  doc.set_data(std::move(stored.data));
  return doc;
}

}  // namespace vnsearch
