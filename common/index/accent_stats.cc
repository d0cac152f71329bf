#include "common/index/accent_stats.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "common/analysis/analyzer.h"
#include "common/base/files.h"
#include "common/base/xapian_status.h"
#include "common/index/record.h"
#include "common/index/schema.h"

namespace vnsearch {
namespace {

bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

uint32_t ClampCount(Xapian::termcount n) {
  return static_cast<uint32_t>(
      std::min<Xapian::termcount>(n, std::numeric_limits<uint32_t>::max()));
}

// Calls fn(first, second, occurrences) for each exact pair of `field`.
template <typename Fn>
void ForEachPair(const Xapian::Database& db, Field field, Fn fn) {
  const std::string prefix(TermPrefix(field, Form::kExactPair));
  Xapian::TermIterator it = db.allterms_begin(prefix);
  // The folded pairs' prefix is this one + "Z", before every syllable.
  it.skip_to(prefix + "a");
  for (; it != db.allterms_end(prefix); ++it) {
    const std::string term = *it;
    if (!StartsWith(term, prefix)) break;
    const std::string_view pair = std::string_view(term).substr(prefix.size());
    const size_t space = pair.find(kPairSeparator);
    if (space == std::string_view::npos) continue;
    fn(pair.substr(0, space), pair.substr(space + 1),
       ClampCount(db.get_collection_freq(term)));
  }
}

}  // namespace

absl::StatusOr<AccentTable> BuildAccentTable(const Xapian::Database& db) {
  absl::StatusOr<std::shared_ptr<const CharTable>> chars = CharTable::Create();
  if (!chars.ok()) return chars.status();
  std::optional<AccentTable::Builder> builder;
  absl::Status status = XapianCall("reading terms for the accent table", [&] {
    builder.emplace(*chars, db.get_doccount() >= kTypoCorpusDocs
                                ? kMinSyllableDocs
                                : 1);
    // Body exact words have no prefix and start with a lowercase letter or a
    // non-ASCII byte: every prefix is uppercase, and sorts before "a". The
    // model counts occurrences (collection frequencies), the typo floor and
    // the decoder documents.
    Xapian::TermIterator word = db.allterms_begin();
    word.skip_to("a");
    for (; word != db.allterms_end(); ++word) {
      const std::string term = *word;
      builder->AddWord(term, word.get_termfreq(),
                       ClampCount(db.get_collection_freq(term)));
    }
    // Exact pairs: "XP" + "first second". Folded pairs ("XPZ") sort before
    // every syllable's first letter.
    ForEachPair(db, Field::kBody, [&](std::string_view first,
                                      std::string_view second, uint32_t n) {
      builder->AddPair(first, second, n);
    });
    // Headlines: the title field's exact words ("S") and pairs ("XSP").
    const std::string title(TermPrefix(Field::kTitle, Form::kExact));
    for (Xapian::TermIterator it = db.allterms_begin(title);
         it != db.allterms_end(title); ++it) {
      const std::string term = *it;
      builder->AddTitleWord(std::string_view(term).substr(title.size()),
                            ClampCount(db.get_collection_freq(term)));
    }
    ForEachPair(db, Field::kTitle, [&](std::string_view first,
                                       std::string_view second, uint32_t n) {
      builder->AddTitlePair(first, second, n);
    });
    // Headline triples, from the headlines in the hit records: runs of
    // words within a clause (punctuation, numbers and codes break them).
    const Analyzer analyzer(*chars);
    Article article;
    std::vector<std::string> run;
    for (Xapian::ValueIterator it = db.valuestream_begin(kRecordSlot);
         it != db.valuestream_end(kRecordSlot); ++it) {
      article = Article();
      if (!DecodeRecord(*it, article) || article.title_derived) continue;
      run.clear();
      for (const Token& t : analyzer.Analyze(article.title)) {
        if (t.kind == TokenKind::kPart) continue;
        if (t.kind != TokenKind::kWord || t.clause_start) run.clear();
        if (t.kind != TokenKind::kWord) continue;
        run.push_back(t.exact);
        if (run.size() >= 3) {
          builder->AddTitleTriple(run[run.size() - 3], run[run.size() - 2],
                                  run.back());
        }
      }
    }
  });
  if (!status.ok()) return status;
  return std::move(*builder).Finish();
}

absl::Status WriteAccentTable(const std::string& generation_dir) {
  absl::StatusOr<Xapian::Database> db =
      XapianCall("opening " + generation_dir,
                 [&] { return Xapian::Database(generation_dir); });
  if (!db.ok()) return db.status();
  absl::StatusOr<AccentTable> table = BuildAccentTable(*db);
  if (!table.ok()) return table.status();
  return WriteFileAtomically(
      generation_dir + "/" + std::string(kAccentTableFileName),
      table->Serialize());
}

}  // namespace vnsearch
