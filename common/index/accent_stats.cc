#include "common/index/accent_stats.h"

#include <optional>

#include "common/base/files.h"
#include "common/base/xapian_status.h"
#include "common/index/schema.h"

namespace vnsearch {
namespace {

bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
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
    // non-ASCII byte: every prefix is uppercase, and sorts before "a".
    Xapian::TermIterator word = db.allterms_begin();
    word.skip_to("a");
    for (; word != db.allterms_end(); ++word) {
      builder->AddWord(*word, word.get_termfreq());
    }
    // Exact pairs: "XP" + "first second". Folded pairs ("XPZ") sort before
    // every syllable's first letter.
    const std::string pair_prefix(TermPrefix(Field::kBody, Form::kExactPair));
    Xapian::TermIterator it = db.allterms_begin(pair_prefix);
    it.skip_to(pair_prefix + "a");
    for (; it != db.allterms_end(pair_prefix); ++it) {
      const std::string term = *it;
      if (!StartsWith(term, pair_prefix)) break;
      const std::string_view pair = std::string_view(term).substr(pair_prefix.size());
      const size_t space = pair.find(kPairSeparator);
      if (space == std::string_view::npos) continue;
      builder->AddPair(pair.substr(0, space), pair.substr(space + 1),
                      it.get_termfreq());
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
