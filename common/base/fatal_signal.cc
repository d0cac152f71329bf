#include "common/base/fatal_signal.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>

namespace vnsearch {
namespace {

// Written by ExitOnFatalSignal, read by the handler. The length is published
// last, so a handler that runs during a change sees a whole line.
char line_buffer[1024 + 1];
std::atomic<size_t> line_length{0};
// The handler's own stack: a fault from a stack overflow cannot run on the
// stack that overflowed.
alignas(16) char alternate_stack[64 * 1024];

void OnFatalSignal(int /*signal*/) {
  const size_t length = line_length.load(std::memory_order_acquire);
  size_t done = 0;
  while (done < length) {
    const ssize_t n = write(STDERR_FILENO, line_buffer + done, length - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  _exit(1);
}

}  // namespace

void ExitOnFatalSignal(std::string_view line) {
  line_length.store(0, std::memory_order_release);
  const size_t n = std::min(line.size(), sizeof(line_buffer) - 1);
  std::memcpy(line_buffer, line.data(), n);
  line_buffer[n] = '\n';
  line_length.store(n + 1, std::memory_order_release);

  stack_t stack{};
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof(alternate_stack);
  sigaltstack(&stack, nullptr);
  struct sigaction action {};
  action.sa_handler = OnFatalSignal;
  action.sa_flags = SA_ONSTACK;
  sigfillset(&action.sa_mask);
  for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) {
    sigaction(signal, &action, nullptr);
  }
}

}  // namespace vnsearch
