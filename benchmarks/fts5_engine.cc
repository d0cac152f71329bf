// SQLite FTS5 as a peer, through the sqlite3 C API:
//   CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, headline, body,
//       tokenize='unicode61 remove_diacritics 2')
// filled in one transaction on one thread (lead and body go to `body`), then
// merged with FTS5's 'optimize' command (the counterpart of compacting a
// Xapian index), and queried with
//   SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 3.0, 1.0)
//   LIMIT ?
//
// A user's query becomes a MATCH expression safely: each whitespace-separated
// word is quoted as an FTS5 string and the strings are joined with OR. A span
// the user put in double quotes ("hội nghị", or to the end of the query when
// the quote is not closed) is one FTS5 string, which FTS5 matches as a
// phrase, like the stock Xapian peer's QueryParser does. Quoting keeps FTS5's
// syntax (AND, NOT, NEAR, column filters, '*', '^', parentheses) out of what
// users type; OR gives the same "any word may match, BM25 ranks" semantics as
// the QueryParser default. FTS5's own implicit operator is AND, which would
// make FTS5 a stricter engine than the other peer rather than a different
// scorer. A word that the tokenizer splits ("covid-19") is a phrase of its
// parts.

#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "benchmarks/engine.h"
#include "benchmarks/news_corpus.h"
#include "common/base/absl_compat.h"

namespace vnsearch::bench {
namespace {
namespace fs = std::filesystem;

constexpr char kDatabaseFile[] = "fts5.db";

absl::Status SqliteError(sqlite3* db, int rc, std::string_view context) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string text = absl::StrCat(ToAbsl(context), ": ", message);
  switch (rc & 0xff) {
    case SQLITE_CANTOPEN:
      return absl::NotFoundError(text);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(text);
    case SQLITE_ERROR:
      return absl::InvalidArgumentError(text);  // bad MATCH expression
    default:
      return absl::InternalError(text);
  }
}

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

absl::StatusOr<DbPtr> OpenDb(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  DbPtr db(raw);
  if (rc != SQLITE_OK) return SqliteError(db.get(), rc, "opening " + path);
  return db;
}

absl::Status Exec(sqlite3* db, const char* sql) {
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db, rc, sql);
  return absl::OkStatus();
}

absl::StatusOr<StmtPtr> Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
  StmtPtr stmt(raw);
  if (rc != SQLITE_OK) return SqliteError(db, rc, sql);
  return stmt;
}

// True if `word` has a letter or digit: a word of punctuation only would
// make an empty FTS5 phrase.
bool HasWordCharacter(std::string_view word) {
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && u_isalnum(c)) return true;
  }
  return false;
}

}  // namespace

std::string Fts5MatchExpression(std::string_view query) {
  std::string expression;
  const auto append_string = [&expression](std::string_view text) {
    if (text.empty() || !HasWordCharacter(text)) return;
    if (!expression.empty()) expression.append(" OR ");
    // Inside an FTS5 string only '"' is special; it is escaped by doubling.
    absl::StrAppend(&expression, "\"",
                    absl::StrReplaceAll(ToAbsl(text), {{"\"", "\"\""}}), "\"");
  };
  ForEachQueryPart(query, append_string);
  return expression;
}

namespace {

class Fts5Engine : public Engine {
 public:
  std::string name() const override { return "fts5"; }

  std::string index_version() const override {
    return absl::StrCat("fts5-1-", sqlite3_libversion());
  }

  absl::StatusOr<BuildStats> Build(const std::string& corpus_dir,
                                   const std::string& index_dir) override {
    return BuildFreshIndex(
        index_dir, [&](const std::string& staging, BuildStats& stats) {
          return BuildInto((fs::path(staging) / kDatabaseFile).string(),
                           corpus_dir, stats);
        });
  }

  absl::Status Open(const std::string& index_dir) override {
    search_.reset();
    absl::StatusOr<DbPtr> db =
        OpenDb((fs::path(index_dir) / kDatabaseFile).string(),
               SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
    if (!db.ok()) return db.status();
    db_ = *std::move(db);
    absl::StatusOr<StmtPtr> search =
        Prepare(db_.get(),
                "SELECT id FROM docs WHERE docs MATCH ?1 "
                "ORDER BY bm25(docs, 0, 3.0, 1.0) LIMIT ?2");
    if (!search.ok()) return search.status();
    search_ = *std::move(search);
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<std::string>> Search(const std::string& query,
                                                  size_t k) override {
    if (search_ == nullptr) {
      return absl::FailedPreconditionError("FTS5 engine: Open() first");
    }
    std::vector<std::string> ids;
    const std::string expression = Fts5MatchExpression(query);
    if (expression.empty()) return ids;
    sqlite3_stmt* stmt = search_.get();
    sqlite3_reset(stmt);
    sqlite3_bind_text(stmt, 1, expression.data(),
                      static_cast<int>(expression.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 2, static_cast<sqlite3_int64>(k));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const auto* text =
          reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      ids.emplace_back(text != nullptr ? text : "");
    }
    if (rc != SQLITE_DONE) {
      absl::Status error =
          SqliteError(db_.get(), rc, "FTS5 query " + expression);
      sqlite3_reset(stmt);
      return error;
    }
    sqlite3_reset(stmt);
    return ids;
  }

 private:
  static absl::Status BuildInto(const std::string& path,
                                const std::string& corpus_dir,
                                BuildStats& stats) {
    absl::StatusOr<DbPtr> db =
        OpenDb(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db.ok()) return db.status();
    sqlite3* handle = db->get();
    absl::Status status = Exec(
        handle,
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, headline, body, "
        "tokenize='unicode61 remove_diacritics 2')");
    if (!status.ok()) return status;
    status = Exec(handle, "BEGIN");
    if (!status.ok()) return status;
    absl::StatusOr<StmtPtr> insert = Prepare(
        handle, "INSERT INTO docs(id, headline, body) VALUES(?1, ?2, ?3)");
    if (!insert.ok()) return insert.status();
    sqlite3_stmt* stmt = insert->get();
    std::string body;
    absl::StatusOr<uint64_t> bytes =
        ForEachNewsArticle(corpus_dir, [&](NewsArticle&& article) {
          if (!status.ok()) return;
          body = article.lead;
          if (!article.body.empty()) absl::StrAppend(&body, "\n", article.body);
          sqlite3_bind_text(stmt, 1, article.id.data(),
                            static_cast<int>(article.id.size()), SQLITE_STATIC);
          sqlite3_bind_text(stmt, 2, article.headline.data(),
                            static_cast<int>(article.headline.size()),
                            SQLITE_STATIC);
          sqlite3_bind_text(stmt, 3, body.data(), static_cast<int>(body.size()),
                            SQLITE_STATIC);
          const int rc = sqlite3_step(stmt);
          if (rc != SQLITE_DONE) {
            status = SqliteError(handle, rc, "inserting " + article.id);
          }
          sqlite3_reset(stmt);
          ++stats.documents;
        });
    insert->reset();
    if (!bytes.ok()) return bytes.status();
    if (!status.ok()) return status;
    stats.input_bytes = *bytes;
    status = Exec(handle, "COMMIT");
    if (!status.ok()) return status;
    return Exec(handle, "INSERT INTO docs(docs) VALUES('optimize')");
  }

  // Declared after db_ so that it is finalized first.
  DbPtr db_;
  StmtPtr search_;
};

}  // namespace

std::unique_ptr<Engine> MakeFts5Engine() {
  return std::make_unique<Fts5Engine>();
}

}  // namespace vnsearch::bench
