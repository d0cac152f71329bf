// IndexSet: what `vnsearch --index PATH` names, opened as one Xapian
// database. PATH is one of
//   an index directory (DIR/XAPIANDB, generations.h): one database;
//   a sharded index directory (DIR/shards.stub, sharded_builder.h): every
//     shard it names, searched together;
//   a Xapian stub file: every database it names, local ("auto", "glass",
//     "chert" lines, relative to the stub's folder) or remote ("remote
//     HOST:PORT" for xapian-tcpsrv, "remote :PROGRAM ARGS" for
//     xapian-progsrv, e.g. over ssh).
// Xapian combines the parts with global statistics, so BM25 scores are the
// same as in one database holding every document. The stub is read here
// rather than by Xapian so that remote parts get bounded timeouts and a part
// that does not answer can be named (or skipped, with allow_partial).

#ifndef VNSEARCH_COMMON_SEARCH_INDEX_SET_H_
#define VNSEARCH_COMMON_SEARCH_INDEX_SET_H_

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace vnsearch {

// Remote parts: Xapian's timeout for connecting and for each wait on the
// server while a query runs. A server that is down, refuses, or stops
// answering is an error after at most this long.
inline constexpr int kDefaultRemoteTimeoutMs = 5000;

struct IndexSetOptions {
  // Search the parts that answer when some do not; the others are listed
  // in IndexSet::missing. At least one part must open.
  bool allow_partial = false;
  int remote_timeout_ms = kDefaultRemoteTimeoutMs;
};

// Watches files with one stat() each per check: Changed() is true when one
// was replaced, created or removed since the last call.
class IndexWatcher {
 public:
  IndexWatcher() = default;
  explicit IndexWatcher(std::vector<std::string> files);
  [[nodiscard]] bool Changed();
  // The next Changed() is true (after a failed switch, to try again).
  void Forget() { forgotten_ = true; }

 private:
  struct Stamp {
    bool exists = false;
    uint64_t inode = 0;
    int64_t mtime_ns = 0;
    int64_t size = 0;
    bool operator==(const Stamp&) const = default;
  };
  [[nodiscard]] std::vector<Stamp> Read() const;

  std::vector<std::string> files_;
  std::vector<Stamp> last_;
  bool forgotten_ = false;
};

struct IndexSet {
  Xapian::Database db;
  // The parts of a stub that opened, in db's order (each also in db).
  std::vector<Xapian::Database> opened;
  // Local stub files whose replacement means a newer state (a new
  // generation of a part, or a new stub): watched by the searcher.
  std::vector<std::string> watch;
  // Those files as they were before anything was opened: a generation
  // installed while the set opens is then seen at the first check, never
  // taken for the one opened.
  IndexWatcher watcher;
  // Parts skipped under allow_partial: "shard 2 of 4 (remote
  // 127.0.0.1:7002): <why>".
  std::vector<std::string> missing;
  // The accent table the stub names (index/shard_set.h), an absolute
  // path; "" for one index directory (its generation holds its own) or a
  // stub that names none.
  std::string accent_table;
  size_t parts = 0;     // parts named, missing ones included
  bool remote = false;  // some part is remote
};

// Opens `path`. NotFound when it does not exist; Unavailable naming the
// part when a part cannot be opened or reached (unless allow_partial);
// FailedPrecondition when a part is not an index of this schema;
// InvalidArgument for a stub line that names no database.
[[nodiscard]] absl::StatusOr<IndexSet> OpenIndexSet(
    const std::string& path, const IndexSetOptions& options);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_SEARCH_INDEX_SET_H_
