#include "common/search/index_set.h"

#include <sys/stat.h>

#include <filesystem>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/base/absl_compat.h"
#include "common/base/files.h"
#include "common/base/xapian_status.h"
#include "common/index/generations.h"
#include "common/index/schema.h"
#include "common/index/shard_set.h"
#include "common/index/sharded_builder.h"

namespace vnsearch {
namespace fs = std::filesystem;
namespace {

constexpr size_t kMaxStubBytes = 1 << 20;

// One line of a stub: a database to open.
struct Part {
  std::string line;   // as written, for messages: "remote 10.0.0.2:7001"
  std::string type;   // "auto", "glass", "chert", "remote"
  std::string where;  // path (resolved), "host:port" or ":program args"
};

absl::StatusOr<std::vector<Part>> ReadStub(const std::string& stub) {
  absl::StatusOr<std::string> text = ReadSmallFile(stub, kMaxStubBytes);
  if (!text.ok()) return text.status();
  const fs::path folder = fs::path(stub).parent_path();
  std::vector<Part> parts;
  int number = 0;
  for (absl::string_view raw : absl::StrSplit(*text, '\n')) {
    ++number;
    const absl::string_view line = absl::StripAsciiWhitespace(raw);
    if (line.empty() || line[0] == '#') continue;
    std::pair<absl::string_view, absl::string_view> words =
        absl::StrSplit(line, absl::MaxSplits(absl::ByAnyChar(" \t"), 1));
    Part part{std::string(line), std::string(words.first),
              std::string(absl::StripAsciiWhitespace(words.second))};
    if (part.where.empty() || (part.type != "auto" && part.type != "glass" &&
                               part.type != "chert" && part.type != "remote")) {
      return absl::InvalidArgumentError(absl::StrCat(
          stub, ":", number, ": \"", line,
          "\" names no database vnsearch can open (expected auto, glass, "
          "chert or remote lines)"));
    }
    if (part.type != "remote" && part.where[0] != '/') {
      part.where = (folder / part.where).lexically_normal().string();
    }
    parts.push_back(std::move(part));
  }
  if (parts.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("stub ", stub, " names no database"));
  }
  return parts;
}

Xapian::Database OpenPart(const Part& part, const IndexSetOptions& options) {
  const auto timeout =
      static_cast<unsigned>(std::max(0, options.remote_timeout_ms));
  if (part.type == "remote") {
    if (part.where[0] == ':') {  // ":program args" (xapian-progsrv, ssh)
      std::pair<std::string, std::string> program =
          absl::StrSplit(part.where.substr(1), absl::MaxSplits(' ', 1));
      return Xapian::Remote::open(program.first, program.second, timeout);
    }
    const size_t colon = part.where.rfind(':');
    unsigned port = 0;
    if (colon == std::string::npos ||
        !absl::SimpleAtoi(part.where.substr(colon + 1), &port) || port == 0 ||
        port > 65535) {
      throw Xapian::InvalidArgumentError("expected remote HOST:PORT");
    }
    std::string host = part.where.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);  // [::1]:7001
    }
    return Xapian::Remote::open(host, port, timeout, timeout);
  }
  if (part.type == "glass") {
    return Xapian::Database(part.where, Xapian::DB_BACKEND_GLASS);
  }
  if (part.type == "chert") {
    return Xapian::Database(part.where, Xapian::DB_BACKEND_CHERT);
  }
  return Xapian::Database(part.where);
}

// The part's schema, checked on its own: a combined database reports only
// its first part's metadata. A remote part must keep termlists: the stock
// server reads a document's values through them (glass keeps the slots a
// document uses there), so without them no hit could be shown.
absl::Status CheckSchema(const Xapian::Database& db, const std::string& what,
                         bool remote) {
  absl::StatusOr<std::string> version = XapianCall(
      absl::StrCat("reading the metadata of ", what),
      [&] { return db.get_metadata(std::string(kSchemaVersionKey)); });
  if (!version.ok()) return version.status();
  if (*version != kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        what, " was not built by this vnindex (schema \"", *version,
        "\", expected \"", ToAbsl(kSchemaVersion), "\"); rebuild it"));
  }
  if (remote) {
    absl::StatusOr<std::string> termlists =
        XapianCall(absl::StrCat("reading the metadata of ", what),
                   [&] { return db.get_metadata(std::string(kTermlistsKey)); });
    if (!termlists.ok()) return termlists.status();
    if (*termlists != "1") {
      return absl::FailedPreconditionError(absl::StrCat(
          what,
          " has no termlists, which Xapian's remote server needs to send "
          "a document's values: rebuild it with vnindex --shards (shards "
          "keep termlists) or --termlists"));
    }
  }
  return absl::OkStatus();
}

bool IsFile(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

}  // namespace

absl::StatusOr<IndexSet> OpenIndexSet(const std::string& path,
                                      const IndexSetOptions& options) {
  std::error_code ec;
  if (path.empty() || !fs::exists(path, ec)) {
    return absl::NotFoundError(absl::StrCat(
        "index ", path, " does not exist (build it with vnindex)"));
  }
  IndexSet set;
  std::string stub;
  if (IsFile(path)) {
    stub = path;
  } else if (const std::string s =
                 absl::StrCat(path, "/", ToAbsl(kShardStubName));
             IsFile(s)) {
    stub = s;
  } else {
    // One index directory (or a plain Xapian database).
    set.watch.push_back(absl::StrCat(path, "/", ToAbsl(kStubFileName)));
    set.watcher = IndexWatcher(set.watch);
    set.parts = 1;
    absl::StatusOr<Xapian::Database> db = XapianCall(
        "opening index " + path, [&] { return Xapian::Database(path); });
    if (!db.ok()) {
      // The directory exists, so any failure to open it means it is
      // damaged or not an index at all.
      return absl::DataLossError(absl::StrCat(
          "index ", path,
          " is not a readable search index: ", db.status().message()));
    }
    set.db = *std::move(db);
    return set;
  }
  absl::StatusOr<std::vector<Part>> parts = ReadStub(stub);
  if (!parts.ok()) return parts.status();
  set.watch.push_back(stub);
  set.accent_table = StubAccentTable(stub, set.watch);
  set.parts = parts->size();
  for (const Part& part : *parts) {
    if (part.type != "remote") {  // a stub file itself, or an index's stub
      set.watch.push_back(
          IsFile(part.where)
              ? part.where
              : absl::StrCat(part.where, "/", ToAbsl(kStubFileName)));
    }
  }
  set.watcher = IndexWatcher(set.watch);
  for (size_t k = 0; k < parts->size(); ++k) {
    const Part& part = (*parts)[k];
    const bool remote = part.type == "remote";
    set.remote = set.remote || remote;
    const std::string what =
        absl::StrCat("shard ", k, " of ", parts->size(), " (", part.line, ")");
    absl::StatusOr<Xapian::Database> db =
        XapianCall(remote ? "connecting" : "opening",
                   [&] { return OpenPart(part, options); });
    absl::Status status = db.status();
    if (status.ok()) status = CheckSchema(*db, what, remote);
    if (!status.ok() && !absl::IsFailedPrecondition(status)) {
      status = absl::UnavailableError(absl::StrCat(
          what, ": ", status.message(),
          remote ? "; is its xapian-tcpsrv running (scripts/serve-shards)?"
                 : ""));
    }
    if (!status.ok()) {
      if (!options.allow_partial) return status;
      set.missing.push_back(std::string(status.message()));
      continue;
    }
    set.db.add_database(*db);
    set.opened.push_back(*db);
  }
  if (set.missing.size() == set.parts) {
    return absl::UnavailableError(absl::StrCat(
        "no shard of ", stub, " answered: ", absl::StrJoin(set.missing, "; ")));
  }
  return set;
}

IndexWatcher::IndexWatcher(std::vector<std::string> files)
    : files_(std::move(files)), last_(Read()) {}

std::vector<IndexWatcher::Stamp> IndexWatcher::Read() const {
  std::vector<Stamp> stamps(files_.size());
  for (size_t i = 0; i < files_.size(); ++i) {
    struct stat st;
    if (::stat(files_[i].c_str(), &st) != 0) continue;
    Stamp& stamp = stamps[i];
    stamp.exists = true;
    stamp.inode = st.st_ino;
    stamp.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 +
                     st.st_mtim.tv_nsec;
    stamp.size = st.st_size;
  }
  return stamps;
}

bool IndexWatcher::Changed() {
  std::vector<Stamp> now = Read();
  const bool changed = forgotten_ || now != last_;
  forgotten_ = false;
  last_ = std::move(now);
  return changed;
}

}  // namespace vnsearch
