// PostgreSQL 15 full-text search as a peer: the database a news site
// already has, set up as its manual (chapter 12, "Full Text Search", and
// F.46 "unaccent") shows:
//
//   CREATE EXTENSION unaccent;
//   CREATE TEXT SEARCH CONFIGURATION vn (COPY = simple);
//   ALTER TEXT SEARCH CONFIGURATION vn
//       ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
//   CREATE TABLE docs (id text PRIMARY KEY, headline text, body text,
//       tsv tsvector GENERATED ALWAYS AS (
//           setweight(to_tsvector('vn', headline), 'A') ||
//           setweight(to_tsvector('vn', body), 'D')) STORED);
//   COPY docs (id, headline, body) FROM STDIN;  -- one transaction
//   CREATE INDEX docs_tsv ON docs USING GIN (tsv);
//   ANALYZE docs;
//
// and queried with
//
//   SELECT id FROM docs, websearch_to_tsquery('vn', $1) q WHERE tsv @@ q
//   ORDER BY ts_rank_cd(tsv, q) DESC LIMIT $2
//
// `simple` lowercases and keeps every word (no stemming, no stop words: right
// for Vietnamese syllables); Debian's unaccent.rules already maps đ/Đ to d/D
// and every precomposed Vietnamese vowel (ế, ở, ự...) to its base letter, so
// no extra rules file is needed (PostgresEngineTest checks it). Like the
// other peers, a query's words are joined with OR (websearch syntax: each
// word quoted, so '-' or "or" in a query is text, not an operator) and a
// span in double quotes stays a phrase.
//
// The engine runs its own server: initdb makes a cluster in <index>/pgdata,
// and pg_ctl starts it with no TCP listener and its Unix socket in a fresh
// directory under /tmp (socket paths are limited to ~100 bytes), never the
// machine's system cluster. The server is stopped when the engine is
// destroyed and after a build. PostgreSQL refuses to run as root: then the
// programs run as the "postgres" user (Debian's package creates it) through
// runuser.

#include <libpq-fe.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "benchmarks/child_process.h"
#include "benchmarks/engine.h"
#include "benchmarks/news_corpus.h"
#include "common/base/absl_compat.h"

namespace vnsearch::bench {
namespace {
namespace fs = std::filesystem;

constexpr char kDataDir[] = "pgdata";
constexpr char kSearchSql[] =
    "SELECT id FROM docs, websearch_to_tsquery('vn', $1) q WHERE tsv @@ q "
    "ORDER BY ts_rank_cd(tsv, q) DESC LIMIT $2";

// The folder holding initdb and pg_ctl: $VNSEARCH_PG_BINDIR, Debian's
// /usr/lib/postgresql/15/bin, or a folder of $PATH.
std::string FindBinDir() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("VNSEARCH_PG_BINDIR")) dirs.push_back(env);
  dirs.push_back("/usr/lib/postgresql/15/bin");
  if (const char* path = std::getenv("PATH")) {
    for (absl::string_view dir : absl::StrSplit(path, ':', absl::SkipEmpty())) {
      dirs.emplace_back(dir);
    }
  }
  for (const std::string& dir : dirs) {
    if (access((fs::path(dir) / "initdb").c_str(), X_OK) == 0 &&
        access((fs::path(dir) / "pg_ctl").c_str(), X_OK) == 0) {
      return dir;
    }
  }
  return "";
}

// Runs a PostgreSQL program, as "postgres" when we are root. Its output
// goes to `log`.
absl::Status RunPg(const std::string& program, std::vector<std::string> args,
                   const std::string& log) {
  std::vector<std::string> argv;
  if (geteuid() == 0) {
    argv = {"/usr/sbin/runuser", "-u", "postgres", "--"};
  }
  argv.push_back(program);
  argv.insert(argv.end(), args.begin(), args.end());
  absl::StatusOr<ChildUsage> usage = RunProgram(argv, "", log);
  if (!usage.ok()) return usage.status();
  if (usage->exit_code != 0) {
    return absl::InternalError(
        absl::StrCat(fs::path(program).filename().string(), " failed (exit ",
                     usage->exit_code, "); see ", log));
  }
  return absl::OkStatus();
}

// Hands `path` to the postgres user when we are root.
absl::Status GiveToPostgres(const std::string& path) {
  if (geteuid() != 0) return absl::OkStatus();
  const passwd* pw = getpwnam("postgres");
  if (pw == nullptr) {
    return absl::FailedPreconditionError(
        "running as root and there is no postgres user to run PostgreSQL as");
  }
  if (chown(path.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
    return absl::InternalError(absl::StrCat("cannot chown ", path));
  }
  return absl::OkStatus();
}

struct ConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnCloser>;
struct ResultCloser {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultCloser>;

absl::Status Exec(PGconn* conn, const std::string& sql) {
  ResultPtr result(PQexec(conn, sql.c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return absl::InternalError(
        absl::StrCat("PostgreSQL: ", sql.substr(0, 60), ": ",
                     PQresultErrorMessage(result.get())));
  }
  return absl::OkStatus();
}

// One field of COPY's text format.
void AppendCopyField(std::string_view text, std::string& out) {
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

// A server of one cluster, started on a private socket and stopped on
// destruction.
class Server {
 public:
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const std::string& bin_dir, const std::string& data_dir) {
    std::string socket = (fs::temp_directory_path() / "vnpg.XXXXXX").string();
    if (mkdtemp(socket.data()) == nullptr) {
      return absl::InternalError("cannot make a socket directory");
    }
    auto server =
        std::unique_ptr<Server>(new Server(bin_dir, data_dir, socket));
    absl::Status status = GiveToPostgres(socket);
    // A server already running on this cluster (another process, or one
    // a killed run left behind) is never stopped from here: the start
    // fails and says so. A stale postmaster.pid is postgres's own business.
    if (status.ok() && fs::exists(fs::path(data_dir) / "postmaster.pid") &&
        RunPg(server->pg_ctl(), {"status", "-D", data_dir}, "/dev/null").ok()) {
      status = absl::FailedPreconditionError(absl::StrCat(
          "a PostgreSQL server is already running on ", data_dir,
          " (another benchmark?); stop it with pg_ctl stop -D ", data_dir));
    }
    if (status.ok()) {
      status = RunPg(server->pg_ctl(),
                     {"start", "-w", "-D", data_dir, "-l",
                      (fs::path(data_dir) / "server.log").string(), "-o",
                      absl::StrCat("-c listen_addresses='' -k ", socket)},
                     "/dev/null");
    }
    if (!status.ok()) return status;
    server->running_ = true;
    return server;
  }
  ~Server() {
    if (running_) {
      (void)RunPg(pg_ctl(), {"stop", "-D", data_dir_, "-m", "fast", "-w"},
                  "/dev/null");
    }
    std::error_code ec;
    fs::remove_all(socket_, ec);
  }
  absl::StatusOr<ConnPtr> Connect() const {
    const std::string info =
        absl::StrCat("host=", socket_, " user=postgres dbname=postgres");
    ConnPtr conn(PQconnectdb(info.c_str()));
    if (PQstatus(conn.get()) != CONNECTION_OK) {
      return absl::UnavailableError(absl::StrCat(
          "cannot connect to PostgreSQL: ", PQerrorMessage(conn.get())));
    }
    // NOTICEs ("query contains only stop words", for punctuation) are not
    // errors; the other engines say nothing either.
    PQsetNoticeProcessor(
        conn.get(), [](void*, const char*) {}, nullptr);
    return conn;
  }

 private:
  Server(std::string bin_dir, std::string data_dir, std::string socket)
      : bin_dir_(std::move(bin_dir)),
        data_dir_(std::move(data_dir)),
        socket_(std::move(socket)) {}
  [[nodiscard]] std::string pg_ctl() const {
    return (fs::path(bin_dir_) / "pg_ctl").string();
  }
  std::string bin_dir_, data_dir_, socket_;
  bool running_ = false;
};

class PostgresEngine : public Engine {
 public:
  explicit PostgresEngine(std::string bin_dir) : bin_dir_(std::move(bin_dir)) {}
  ~PostgresEngine() override {
    conn_.reset();  // before the server stops
    server_.reset();
  }

  std::string name() const override { return "postgres"; }
  std::string index_version() const override { return "postgres-1-pg15"; }

  absl::StatusOr<BuildStats> Build(const std::string& corpus_dir,
                                   const std::string& index_dir) override {
    conn_.reset();
    server_.reset();
    uint64_t relation_bytes = 0;
    absl::StatusOr<BuildStats> stats = BuildFreshIndex(
        index_dir, [&](const std::string& staging, BuildStats& s) {
          return BuildInto(staging, corpus_dir, s, relation_bytes);
        });
    // The table with its tsvectors and the GIN index, as \dt+ and \di+
    // show them: the data directory also holds WAL and the catalogs.
    if (stats.ok()) stats->index_bytes = relation_bytes;
    return stats;
  }

  absl::Status Open(const std::string& index_dir) override {
    conn_.reset();
    server_.reset();
    absl::StatusOr<std::unique_ptr<Server>> server =
        Server::Start(bin_dir_, (fs::path(index_dir) / kDataDir).string());
    if (!server.ok()) return server.status();
    server_ = *std::move(server);
    absl::StatusOr<ConnPtr> conn = server_->Connect();
    if (!conn.ok()) return conn.status();
    conn_ = *std::move(conn);
    ResultPtr prepared(
        PQprepare(conn_.get(), "search", kSearchSql, 2, nullptr));
    if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
      return absl::InternalError(
          absl::StrCat("PostgreSQL: ", PQresultErrorMessage(prepared.get())));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<std::string>> Search(const std::string& query,
                                                  size_t k) override {
    if (conn_ == nullptr) {
      return absl::FailedPreconditionError("PostgreSQL engine: Open() first");
    }
    std::vector<std::string> ids;
    const std::string text = PostgresWebsearchText(query);
    if (text.empty()) return ids;
    const std::string limit = std::to_string(k);
    const char* params[2] = {text.c_str(), limit.c_str()};
    ResultPtr result(
        PQexecPrepared(conn_.get(), "search", 2, params, nullptr, nullptr, 0));
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
      return absl::InternalError(absl::StrCat(
          "PostgreSQL query ", text, ": ", PQresultErrorMessage(result.get())));
    }
    for (int i = 0; i < PQntuples(result.get()); ++i) {
      ids.emplace_back(PQgetvalue(result.get(), i, 0));
    }
    return ids;
  }

 private:
  absl::Status BuildInto(const std::string& staging,
                         const std::string& corpus_dir, BuildStats& stats,
                         uint64_t& relation_bytes) {
    const std::string data = (fs::path(staging) / kDataDir).string();
    std::error_code ec;
    fs::create_directories(data, ec);
    fs::permissions(data, fs::perms::owner_all, ec);
    absl::Status status = GiveToPostgres(data);
    if (!status.ok()) return status;
    status = RunPg((fs::path(bin_dir_) / "initdb").string(),
                   {"-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8"},
                   (fs::path(staging) / "initdb.log").string());
    if (!status.ok()) return status;
    absl::StatusOr<std::unique_ptr<Server>> server =
        Server::Start(bin_dir_, data);
    if (!server.ok()) return server.status();
    absl::StatusOr<ConnPtr> conn = (*server)->Connect();
    if (!conn.ok()) return conn.status();
    PGconn* c = conn->get();
    for (const char* sql : {
             "CREATE EXTENSION unaccent",
             "CREATE TEXT SEARCH CONFIGURATION vn (COPY = simple)",
             "ALTER TEXT SEARCH CONFIGURATION vn ALTER MAPPING FOR hword, "
             "hword_part, word WITH unaccent, simple",
             "CREATE TABLE docs (id text PRIMARY KEY, headline text, body "
             "text, tsv tsvector GENERATED ALWAYS AS ("
             "setweight(to_tsvector('vn', headline), 'A') || "
             "setweight(to_tsvector('vn', body), 'D')) STORED)",
             "BEGIN",
         }) {
      status = Exec(c, sql);
      if (!status.ok()) return status;
    }
    {
      ResultPtr copy(PQexec(c, "COPY docs (id, headline, body) FROM STDIN"));
      if (PQresultStatus(copy.get()) != PGRES_COPY_IN) {
        return absl::InternalError(absl::StrCat(
            "PostgreSQL COPY: ", PQresultErrorMessage(copy.get())));
      }
    }
    std::string row;
    absl::StatusOr<uint64_t> bytes =
        ForEachNewsArticle(corpus_dir, [&](NewsArticle&& article) {
          if (!status.ok()) return;
          row.clear();
          AppendCopyField(article.id, row);
          row += '\t';
          AppendCopyField(article.headline, row);
          row += '\t';
          AppendCopyField(article.lead, row);
          if (!article.body.empty()) {
            row += "\\n";
            AppendCopyField(article.body, row);
          }
          row += '\n';
          if (PQputCopyData(c, row.data(), static_cast<int>(row.size())) != 1) {
            status = absl::InternalError(
                absl::StrCat("PostgreSQL COPY: ", PQerrorMessage(c)));
          }
          ++stats.documents;
        });
    if (!bytes.ok()) return bytes.status();
    if (PQputCopyEnd(c, status.ok() ? nullptr : "aborted") != 1) {
      return absl::InternalError(
          absl::StrCat("PostgreSQL COPY: ", PQerrorMessage(c)));
    }
    {
      ResultPtr done(PQgetResult(c));
      if (PQresultStatus(done.get()) != PGRES_COMMAND_OK && status.ok()) {
        status = absl::InternalError(absl::StrCat(
            "PostgreSQL COPY: ", PQresultErrorMessage(done.get())));
      }
      while (PGresult* more = PQgetResult(c)) PQclear(more);
    }
    if (!status.ok()) return status;
    stats.input_bytes = *bytes;
    for (const char* sql :
         {"COMMIT", "CREATE INDEX docs_tsv ON docs USING GIN (tsv)",
          "VACUUM ANALYZE docs", "CHECKPOINT"}) {
      status = Exec(c, sql);
      if (!status.ok()) return status;
    }
    ResultPtr size(PQexec(c, "SELECT pg_total_relation_size('docs')"));
    if (PQresultStatus(size.get()) == PGRES_TUPLES_OK &&
        PQntuples(size.get()) == 1) {
      relation_bytes = std::strtoull(PQgetvalue(size.get(), 0, 0), nullptr, 10);
    }
    stats.threads = 1;
    return absl::OkStatus();  // `server` stops before the directory moves
  }

  std::string bin_dir_;
  std::unique_ptr<Server> server_;
  ConnPtr conn_;
};

}  // namespace

absl::Status PostgresAvailable() {
  if (FindBinDir().empty()) {
    return absl::NotFoundError(
        "PostgreSQL is not installed (no initdb and pg_ctl in "
        "/usr/lib/postgresql/15/bin or $PATH; scripts/bootstrap installs "
        "postgresql and postgresql-contrib)");
  }
  if (!fs::exists("/usr/share/postgresql/15/extension/unaccent.control")) {
    return absl::NotFoundError(
        "PostgreSQL's unaccent extension is missing (install "
        "postgresql-contrib; scripts/bootstrap does)");
  }
  return absl::OkStatus();
}

std::string PostgresWebsearchText(std::string_view query) {
  std::string text;
  const auto append = [&text](std::string_view part) {
    // Inside a websearch quote only '"' ends it; it is dropped.
    const std::string clean = absl::StrReplaceAll(ToAbsl(part), {{"\"", " "}});
    if (absl::StripAsciiWhitespace(clean).empty()) return;
    if (!text.empty()) text.append(" or ");
    absl::StrAppend(&text, "\"", clean, "\"");
  };
  ForEachQueryPart(query, append);
  return text;
}

std::unique_ptr<Engine> MakePostgresEngine() {
  std::string bin_dir = FindBinDir();
  if (bin_dir.empty()) return nullptr;
  return std::make_unique<PostgresEngine>(std::move(bin_dir));
}

}  // namespace vnsearch::bench
