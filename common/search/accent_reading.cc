#include "common/search/accent_reading.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "common/base/absl_compat.h"
#include "common/base/utf8.h"
#include "common/index/generations.h"
#include "common/index/schema.h"
#include "common/restore/accent_restorer.h"

namespace vnsearch {
namespace {

using Xapian::Query;

bool IsAsciiWord(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c));
  });
}

// All lowercase, or one capital first: how people type words (not "VNPT",
// "iPhone").
bool TypedCase(std::string_view w) {
  for (size_t i = 1; i < w.size(); ++i) {
    if (absl::ascii_isupper(static_cast<unsigned char>(w[i]))) return false;
  }
  return true;
}

// `reading` (lowercase) in the case `typed` was typed: letter by letter when
// both have as many letters, else capitalised like typed's first letter.
std::string InTypedCase(std::string_view typed, const std::string& reading) {
  std::vector<UChar32> t, r;
  for (const CodePoint cp : Utf8CodePoints(typed)) t.push_back(cp.c);
  for (const CodePoint cp : Utf8CodePoints(reading)) r.push_back(cp.c);
  std::string out;
  for (size_t i = 0; i < r.size(); ++i) {
    const bool upper =
        t.size() == r.size() ? (t[i] > 0 && u_isupper(t[i]))
                             : (!t.empty() && t[0] > 0 && u_isupper(t[0]) &&
                                (i == 0 || (t.size() > 1 && u_isupper(t[1]))));
    AppendUtf8(upper ? u_toupper(r[i]) : r[i], out);
  }
  return out;
}

enum class SlotKind { kSeparator, kTyped, kPlain, kDecoded };

struct WordSlot {
  SlotKind kind = SlotKind::kSeparator;
  size_t begin = 0, end = 0;  // bytes of the word in the query
  std::string typed;
  std::string exact;  // as analysed
  KeyScheme scheme = KeyScheme::kTelex;
};

// The words of the query in order; a kSeparator slot stands for whatever
// breaks adjacency (negation, fields, dates, codes).
std::vector<WordSlot> Words(std::string_view q, const Analyzer& analyzer) {
  std::vector<WordSlot> words;
  auto separate = [&] {
    if (!words.empty() && words.back().kind != SlotKind::kSeparator) {
      words.push_back(WordSlot{});
    }
  };
  bool in_quote = false;
  size_t i = 0;
  while (i < q.size()) {
    if (absl::ascii_isspace(static_cast<unsigned char>(q[i]))) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < q.size() &&
           !absl::ascii_isspace(static_cast<unsigned char>(q[end]))) {
      ++end;
    }
    std::string_view chunk = q.substr(i, end - i);
    size_t begin = i;
    i = end;
    const bool quote_starts = chunk[0] == '"';
    if (!in_quote && chunk[0] == '-' && chunk.size() > 1) {
      separate();
      in_quote = std::count(chunk.begin(), chunk.end(), '"') % 2 == 1;
      continue;
    }
    if (!in_quote && !quote_starts) {
      const size_t colon = chunk.find(':');
      if (colon != std::string_view::npos && colon > 0) {
        const std::string name =
            absl::AsciiStrToLower(ToAbsl(chunk.substr(0, colon)));
        if (name == "date") {
          separate();
          continue;
        }
        if (name == "title" || name == "official") {
          separate();
          chunk.remove_prefix(colon + 1);
          begin += colon + 1;
        }
      }
    }
    if (std::count(chunk.begin(), chunk.end(), '"') % 2 == 1) {
      in_quote = !in_quote;
    }
    // The word without the punctuation around it.
    std::vector<Token> tokens = analyzer.Analyze(chunk);
    std::vector<Token> units;
    for (const Token& t : tokens) {
      if (t.kind != TokenKind::kPart) units.push_back(t);
    }
    for (size_t u = 0; u < units.size(); ++u) {
      const Token& t = units[u];
      // The first word of a chunk starts its text, which the tokenizer counts
      // as a clause start: only punctuation inside the chunk separates.
      if (u > 0 && t.clause_start) separate();
      WordSlot w;
      // A code ("covid-19") stays as typed, shown, and separates its
      // neighbours (it has no candidates).
      w.kind = SlotKind::kTyped;
      w.begin = begin + t.begin;
      w.end = begin + t.end;
      w.typed = std::string(q.substr(w.begin, w.end - w.begin));
      w.exact = t.exact;
      words.push_back(std::move(w));
    }
    if (units.empty()) separate();
  }
  return words;
}

}  // namespace

AccentReader::AccentReader(std::shared_ptr<const AccentTable> table,
                           Analyzer analyzer,
                           std::shared_ptr<const CharTable> chars)
    : table_(std::move(table)),
      analyzer_(std::move(analyzer)),
      rules_(chars),
      decoder_(SyllableRules(chars)) {}

std::optional<std::string_view> StripExactPrefix(std::string_view query) {
  const std::string_view rest =
      ToStd(absl::StripLeadingAsciiWhitespace(ToAbsl(query)));
  if (rest.substr(0, kExactPrefix.size()) != kExactPrefix) return std::nullopt;
  if (rest.size() > kExactPrefix.size() &&
      !absl::ascii_isspace(static_cast<unsigned char>(rest[kExactPrefix.size()]))) {
    return std::nullopt;  // ":exactly" is a word
  }
  return rest.substr(kExactPrefix.size());
}

absl::StatusOr<std::shared_ptr<const AccentTable>> LoadAccentTable(
    const std::string& index_dir) {
  absl::StatusOr<IndexDirectory> dir = IndexDirectory::Resolve(index_dir);
  if (!dir.ok()) return dir.status();
  absl::StatusOr<GenerationState> state = dir->ReadState();
  if (!state.ok()) return state.status();
  const std::string generation =
      state->current.empty() ? dir->path() : dir->Child(state->current);
  return LoadAccentTableFile(generation + "/" +
                             std::string(kAccentTableFileName));
}

absl::StatusOr<std::shared_ptr<const AccentTable>> LoadAccentTableFile(
    const std::string& path) {
  absl::StatusOr<AccentTable> table = AccentTable::Read(path);
  if (!table.ok()) return table.status();
  return std::make_shared<const AccentTable>(*std::move(table));
}

AccentReading AccentReader::Read(std::string_view query, bool restore) const {
  AccentReading reading;
  if (std::optional<std::string_view> rest = StripExactPrefix(query)) {
    reading.exact = true;
    reading.search_text = std::string(*rest);
    return reading;
  }
  reading.search_text = std::string(query);
  if (!restore) return reading;

  std::vector<WordSlot> words = Words(query, analyzer_);
  std::vector<RestoreSlot> slots(words.size());
  // A word's Telex or VNI reading, decided once every word has one.
  struct Keyed {
    KeyScheme scheme = KeyScheme::kTelex;
    std::vector<uint32_t> fits;
    double docs = 0;     // documents with a spelling in `fits`
    double typed = 0;    // documents with the word as typed
  };
  std::vector<std::optional<Keyed>> keyed(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    WordSlot& w = words[i];
    if (w.kind == SlotKind::kSeparator) continue;
    std::string exact, folded;
    analyzer_.NormalizeWord(w.typed, exact, folded);
    if (exact != folded) {  // typed with diacritics: as typed
      if (std::optional<uint32_t> id = table_->Find(exact)) {
        slots[i].candidates.push_back(*id);
      }
      continue;
    }
    if (!IsAsciiWord(w.typed)) continue;
    const std::vector<uint32_t>& plain = table_->Candidates(folded);
    if (!plain.empty()) {
      w.kind = SlotKind::kPlain;
      slots[i].candidates = plain;
    }
    if (!TypedCase(w.typed)) continue;
    // A syllable as typed is read as keys too: "khoong" is a syllable (like
    // "xoong") but mostly "không" typed with Telex.
    std::optional<DecodedWord> decoded = decoder_.Decode(w.typed);
    if (!decoded) continue;
    std::string key;  // the decoded letters' folded form
    for (const LetterParts& l : decoded->letters) {
      AppendUtf8(l.base == U'đ' ? 'd' : static_cast<UChar32>(l.base), key);
    }
    Keyed k;
    k.scheme = decoded->scheme;
    // The spellings by how they fit (KeyDecoder::Fit), with their documents.
    std::array<std::vector<uint32_t>, 3> by_fit;
    std::array<double, 3> docs_by_fit{};
    for (uint32_t id : table_->Candidates(key)) {
      const auto fit = static_cast<size_t>(
          KeyDecoder::HowFits(*decoded, rules_.Letters(table_->Exact(id))));
      if (fit >= by_fit.size()) continue;
      by_fit[fit].push_back(id);
      docs_by_fit[fit] += table_->Count(id);
    }
    constexpr size_t kAsTyped = 0, kSkippedD = 1, kMarkLeftOut = 2;
    if (!by_fit[kAsTyped].empty() &&
        docs_by_fit[kAsTyped] >= kAsTypedShare * docs_by_fit[kSkippedD]) {
      // "daau" is "dâu", not "đâu"; but "dangr" is "đảng" ("dảng" is a typo).
      k.fits = std::move(by_fit[kAsTyped]);
      k.docs = docs_by_fit[kAsTyped];
    } else if (!by_fit[kAsTyped].empty() || !by_fit[kSkippedD].empty()) {
      k.fits = std::move(by_fit[kSkippedD]);
      k.fits.insert(k.fits.end(), by_fit[kAsTyped].begin(),
                    by_fit[kAsTyped].end());
      k.docs = docs_by_fit[kAsTyped] + docs_by_fit[kSkippedD];
    } else {
      k.fits = std::move(by_fit[kMarkLeftOut]);
      k.docs = docs_by_fit[kMarkLeftOut];
    }
    if (k.fits.empty()) continue;
    const std::optional<uint32_t> as_typed = table_->Find(folded);
    k.typed = as_typed ? table_->Count(*as_typed) : table_->TypedCount(folded);
    // A syllable the corpus spells with marks is read plainly too: "doong"
    // is "Đoòng" (Sơn Đoòng) before it is "đông" typed with Telex, unless
    // the keys are far more likely (kTypedRatio) or the query's other words
    // are keys too.
    double plain_docs = 0;
    for (uint32_t id : plain) plain_docs += table_->Count(id);
    k.typed = std::max(k.typed, plain_docs);
    keyed[i] = std::move(k);
  }
  // Decoded: the words of a scheme the corpus has kTypedRatioInContext
  // times more often decoded than as typed, when together they are
  // kTypedRatio times more likely decoded (the product of their ratios).
  // One word needs kTypedRatio ("sex" alone is a word); next to a word that
  // can only be keys ("khoong sex") or another that is more likely keys
  // than not ("bacs six": "bác sĩ"), less. An input method would have
  // written them so too.
  bool any_decoded = false, telex = false, vni = false;
  for (const KeyScheme scheme : {KeyScheme::kTelex, KeyScheme::kVni}) {
    double evidence = 0;  // log of the product of the ratios
    std::vector<size_t> chosen_words;
    for (size_t i = 0; i < words.size(); ++i) {
      if (!keyed[i] || keyed[i]->scheme != scheme) continue;
      const Keyed& k = *keyed[i];
      if (!(k.typed * kTypedRatioInContext < k.docs)) continue;
      evidence += k.typed == 0 ? std::numeric_limits<double>::infinity()
                               : std::log(k.docs / k.typed);
      chosen_words.push_back(i);
    }
    if (chosen_words.empty() || !(evidence > std::log(kTypedRatio))) continue;
    for (const size_t i : chosen_words) {
      words[i].kind = SlotKind::kDecoded;
      words[i].scheme = scheme;
      slots[i].candidates = keyed[i]->fits;
    }
    any_decoded = true;
    (scheme == KeyScheme::kTelex ? telex : vni) = true;
  }
  const std::vector<RestoredSlot> restored = RestoreAccents(*table_, slots);
  auto chosen = [&](size_t i) -> const std::string& {
    return table_->Exact(
        slots[i].candidates[static_cast<size_t>(restored[i].choice)]);
  };

  if (any_decoded) {
    // Searched as decoded; the other words stay as typed.
    std::string text;
    size_t copied = 0;
    std::vector<std::string> lower, display;
    for (size_t i = 0; i < words.size(); ++i) {
      const WordSlot& w = words[i];
      if (w.kind == SlotKind::kSeparator) continue;
      std::string exact, folded;
      analyzer_.NormalizeWord(w.typed, exact, folded);
      if (w.kind == SlotKind::kDecoded) {
        const std::string shown = InTypedCase(w.typed, chosen(i));
        text.append(query.substr(copied, w.begin - copied));
        text.append(shown);
        copied = w.end;
        lower.push_back(chosen(i));
        display.push_back(shown);
      } else {
        lower.push_back(exact);
        display.push_back(w.typed);
      }
    }
    text.append(query.substr(copied));
    reading.search_text = std::move(text);
    reading.decoded = absl::StrJoin(lower, " ");
    reading.decoded_display = absl::StrJoin(display, " ");
    reading.scheme = telex && vni ? "Telex and VNI" : telex ? "Telex" : "VNI";
    return reading;
  }

  std::vector<std::string> lower, display;
  bool changed = false;
  double confidence = 1.0;
  std::vector<std::string> run;
  auto end_run = [&] {
    if (run.size() >= 2) reading.preferred.push_back(std::move(run));
    run.clear();
  };
  for (size_t i = 0; i < words.size(); ++i) {
    const WordSlot& w = words[i];
    if (w.kind == SlotKind::kSeparator) {
      end_run();
      continue;
    }
    if (w.kind != SlotKind::kPlain) {
      std::string exact, folded;
      analyzer_.NormalizeWord(w.typed, exact, folded);
      lower.push_back(exact);
      display.push_back(w.typed);
      end_run();
      continue;
    }
    const std::string& exact = chosen(i);
    changed = changed || exact != w.exact;
    confidence = std::min(confidence, restored[i].confidence);
    lower.push_back(exact);
    display.push_back(InTypedCase(w.typed, exact));
    if (restored[i].confidence >= kRestoreConfidence) {
      run.push_back(exact);
    } else {
      end_run();
    }
  }
  end_run();
  if (!changed) {
    reading.preferred.clear();
    return reading;
  }
  reading.restored = absl::StrJoin(lower, " ");
  reading.restored_display = absl::StrJoin(display, " ");
  reading.confidence = confidence;
  return reading;
}

Query PreferenceQuery(const AccentReading& reading) {
  std::vector<Query> parts;
  for (const std::vector<std::string>& run : reading.preferred) {
    // A lone word's exact term is a long posting list for little: the
    // reading ranks through pairs only.
    for (size_t i = 1; i < run.size(); ++i) {
      parts.push_back(Query(
          Query::OP_OR,
          Query(MakePairTerm(Field::kBody, Form::kExactPair, run[i - 1], run[i])),
          Query(MakePairTerm(Field::kBody, Form::kExactPairAcross, run[i - 1],
                             run[i]))));
    }
  }
  if (parts.empty()) return Query();
  const double share = kRestoredBonus / static_cast<double>(parts.size());
  std::vector<Query> bonuses;
  for (Query& part : parts) {
    Query source((new Xapian::FixedWeightPostingSource(share))->release());
    bonuses.emplace_back(Query::OP_FILTER, source, std::move(part));
  }
  return Query(Query::OP_OR, bonuses.begin(), bonuses.end());
}

}  // namespace vnsearch
