// Fatal signals as one line: a process that reads a database a library can
// crash on (Xapian can fault on some damaged tables) says so in words
// instead of dying of the signal.

#ifndef VNSEARCH_COMMON_BASE_FATAL_SIGNAL_H_
#define VNSEARCH_COMMON_BASE_FATAL_SIGNAL_H_

#include <string_view>

namespace vnsearch {

// From now on SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT write `line` (and
// a newline) to stderr and end the process with _exit(1). The handler runs
// on its own stack (a stack overflow is caught too) and does nothing but
// write(2) and _exit(2), the only safe things after memory may be corrupt:
// no allocation, no locks, no stdio, no destructors. `line` is copied now
// (cut at 1 KB). Call again to change the line. Not thread-safe against
// itself; call from main.
void ExitOnFatalSignal(std::string_view line);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_BASE_FATAL_SIGNAL_H_
