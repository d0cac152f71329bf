// ParseFlags: absl::ParseCommandLine for the binaries' contract. A bad flag
// (unknown, missing or malformed value) is a usage error: one line
// "PROG: ..." on stderr and exit code 2, where absl would exit 1. A word
// that starts with a single '-' and names no flag ("-date:2021") is an
// argument, so a query can exclude a word; "--" ends the flags.

#ifndef VNSEARCH_COMMON_CLI_PARSE_FLAGS_H_
#define VNSEARCH_COMMON_CLI_PARSE_FLAGS_H_

#include <optional>
#include <vector>

namespace vnsearch {

// Exit code for bad arguments (README).
inline constexpr int kExitBadArguments = 2;

// Sets the flags named in argv; returns argv[0] and the arguments, or
// nullopt after printing the problem. --help (-h, --helpfull, ...) prints
// the usage message and every flag the binary defines, then exits 0.
// Dashes in a flag name read as underscores; --noX, --no-X and --no_X
// clear a bool flag X.
[[nodiscard]] std::optional<std::vector<char*>> ParseFlags(int argc,
                                                           char** argv);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_CLI_PARSE_FLAGS_H_
