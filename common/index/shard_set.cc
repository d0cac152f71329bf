#include "common/index/shard_set.h"

#include <xapian.h>

#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/base/absl_compat.h"
#include "common/base/files.h"
#include "common/base/xapian_status.h"
#include "common/index/accent_stats.h"
#include "common/index/index_builder.h"
#include "common/index/sharded_builder.h"

namespace vnsearch {
namespace fs = std::filesystem;
namespace {

constexpr size_t kMaxStubBytes = 64 * 1024;
constexpr std::string_view kSetStubHeader =
    "# vnsearch sharded index: Xapian opens the generation of every shard\n"
    "# named below as one database. Written by vnindex --shards, replaced\n"
    "# atomically at each install; do not edit. For remote shards,\n"
    "# scripts/serve-shards writes a stub of \"remote\" lines.\n";

std::string SetStubText(const ShardSet& set) {
  std::string text(kSetStubHeader);
  if (!set.accents.empty()) {
    absl::StrAppend(&text, ToAbsl(kStubAccentsTag), set.accents, "\n");
  }
  for (size_t k = 0; k < set.generations.size(); ++k) {
    absl::StrAppend(&text, "auto ", ShardName(static_cast<int>(k)));
    if (!set.generations[k].empty()) {
      absl::StrAppend(&text, "/", set.generations[k]);
    }
    absl::StrAppend(&text, "\n");
  }
  return text;
}

// "accents-000004.bin" -> 4; -1 for other names.
int TableNumber(std::string_view name) {
  absl::string_view rest = ToAbsl(name);
  if (!absl::ConsumePrefix(&rest, ToAbsl(kSetAccentsPrefix)) ||
      !absl::ConsumeSuffix(&rest, ".bin")) {
    return -1;
  }
  int n = -1;
  return absl::SimpleAtoi(rest, &n) && n >= 0 ? n : -1;
}

absl::StatusOr<std::string> CurrentGeneration(const IndexDirectory& dir,
                                              int shard) {
  absl::StatusOr<IndexDirectory> sd =
      IndexDirectory::Resolve(dir.Child(ShardName(shard)));
  if (!sd.ok()) return sd.status();
  absl::StatusOr<GenerationState> state = sd->ReadState();
  if (!state.ok()) return state.status();
  if (state->current.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("shard ", shard, " (", sd->path(),
                     ") has no installed generation"));
  }
  return state->current;
}

}  // namespace

absl::StatusOr<ShardSet> ReadShardSet(const std::string& index_dir) {
  const std::string stub = absl::StrCat(index_dir, "/", ToAbsl(kShardStubName));
  std::error_code ec;
  if (!fs::exists(stub, ec)) {
    return absl::NotFoundError(absl::StrCat(stub, " does not exist"));
  }
  absl::StatusOr<std::string> text = ReadSmallFile(stub, kMaxStubBytes);
  if (!text.ok()) return text.status();
  ShardSet set;
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    if (absl::ConsumePrefix(&line, ToAbsl(kStubAccentsTag))) {
      set.accents = std::string(line);
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    const int k = static_cast<int>(set.generations.size());
    absl::string_view rest = line;
    absl::string_view generation;
    int number = -1;
    bool ours = absl::ConsumePrefix(&rest, "auto ") &&
                absl::ConsumePrefix(&rest, ToAbsl(ShardName(k)));
    if (ours && !rest.empty()) {
      generation = rest.substr(1);
      ours = rest[0] == '/' &&
             absl::StartsWith(generation, ToAbsl(kGenerationPrefix)) &&
             absl::SimpleAtoi(generation.substr(kGenerationPrefix.size()),
                              &number);
    }
    if (!ours) {
      return absl::DataLossError(
          absl::StrCat(stub, " was not written by vnindex --shards (line \"",
                       line, "\"); it names shards vnindex cannot rebuild"));
    }
    set.generations.emplace_back(generation);
  }
  if (set.generations.empty()) {
    return absl::DataLossError(absl::StrCat(stub, " names no shard"));
  }
  return set;
}

absl::Status InstallShardSet(const IndexDirectory& dir, int shards,
                             const StepHook& hook) {
  ShardSet next;
  for (int k = 0; k < shards; ++k) {
    absl::StatusOr<std::string> generation = CurrentGeneration(dir, k);
    if (!generation.ok()) return generation.status();
    next.generations.push_back(*std::move(generation));
  }
  std::error_code ec;
  absl::StatusOr<ShardSet> before = ReadShardSet(dir.path());
  if (before.ok() && before->generations == next.generations &&
      !before->accents.empty() && fs::exists(dir.Child(before->accents), ec)) {
    return absl::OkStatus();  // already installed (an unchanged update)
  }
  // The table of the new set, from all of its generations opened together:
  // Xapian sums each term's document count over them.
  absl::StatusOr<Xapian::Database> all =
      XapianCall("opening the new shard generations", [&] {
        Xapian::Database db;
        for (int k = 0; k < shards; ++k) {
          db.add_database(Xapian::Database(
              dir.Child(absl::StrCat(ShardName(k), "/",
                                     next.generations[static_cast<size_t>(k)])),
              Xapian::DB_BACKEND_GLASS));
        }
        return db;
      });
  if (!all.ok()) return all.status();
  absl::StatusOr<AccentTable> table = BuildAccentTable(*all);
  if (!table.ok()) return table.status();
  int number = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir.path(), ec)) {
    number = std::max(number, TableNumber(entry.path().filename().string()) + 1);
  }
  next.accents = absl::StrFormat("%s%06d.bin", ToAbsl(kSetAccentsPrefix), number);
  if (absl::Status s =
          WriteFileAtomically(dir.Child(next.accents), table->Serialize());
      !s.ok()) {
    return s;
  }
  if (hook) hook("before-set-stub");
  if (absl::Status s =
          WriteFileAtomically(dir.Child(kShardStubName), SetStubText(next));
      !s.ok()) {
    std::error_code ignored;
    fs::remove(dir.Child(next.accents), ignored);
    return absl::Status(s.code(), absl::StrCat("installing the shard set: ",
                                               s.message()));
  }
  if (hook) hook("after-set-stub");
  // Keep the new table and the one a reader of the old stub may still load.
  const std::string old = before.ok() ? before->accents : "";
  for (const fs::directory_entry& entry :
       fs::directory_iterator(dir.path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (TableNumber(name) >= 0 && name != next.accents && name != old) {
      std::error_code ignored;
      fs::remove(entry.path(), ignored);
    }
  }
  return absl::OkStatus();
}

absl::Status RestoreShardSet(const IndexDirectory& dir) {
  absl::StatusOr<ShardSet> set = ReadShardSet(dir.path());
  if (absl::IsNotFound(set.status())) return absl::OkStatus();
  if (!set.ok()) return set.status();
  for (size_t k = 0; k < set->generations.size(); ++k) {
    const std::string& named = set->generations[k];
    if (named.empty()) continue;  // the shard's current, whatever it is
    absl::StatusOr<IndexDirectory> shard =
        IndexDirectory::Resolve(dir.Child(ShardName(static_cast<int>(k))));
    if (!shard.ok()) return shard.status();
    absl::StatusOr<GenerationState> state = shard->ReadState();
    if (!state.ok()) return state.status();
    if (state->current == named || state->previous != named) continue;
    absl::StatusOr<GenerationState> back = RollbackIndex(shard->path());
    if (!back.ok()) {
      return absl::Status(back.status().code(),
                          absl::StrCat("restoring shard ", k, " to ", named,
                                       ": ", back.status().message()));
    }
  }
  return absl::OkStatus();
}

std::string StubAccentTable(const std::string& stub,
                            std::vector<std::string>& read) {
  std::string path = stub;
  for (int depth = 0; depth < 2; ++depth) {
    absl::StatusOr<std::string> text = ReadSmallFile(path, 1 << 20);
    if (!text.ok()) return "";
    if (path != stub) read.push_back(path);
    std::string named;
    for (absl::string_view line : absl::StrSplit(*text, '\n')) {
      if (absl::ConsumePrefix(&line, ToAbsl(kStubAccentsTag))) {
        named = std::string(absl::StripTrailingAsciiWhitespace(line));
      }
    }
    if (named.empty()) return "";
    const fs::path target =
        named[0] == '/' ? fs::path(named)
                        : (fs::path(path).parent_path() / named).lexically_normal();
    if (target.extension() != ".stub") return target.string();
    path = target.string();
  }
  return "";
}

}  // namespace vnsearch
