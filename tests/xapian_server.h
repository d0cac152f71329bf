// Test helpers for the shard tests: child processes in their own session
// and real xapian-tcpsrv servers on free loopback ports.

#ifndef VNSEARCH_TESTS_XAPIAN_SERVER_H_
#define VNSEARCH_TESTS_XAPIAN_SERVER_H_

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/run_binary.h"

namespace vnsearch::testing {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

inline bool HaveTcpsrv() {
  return std::system("command -v xapian-tcpsrv >/dev/null 2>&1") == 0;
}

// A port nobody listens on now (the kernel's pick for an ephemeral bind).
inline int FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return 0;
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

// A child process in its own session (xapian-tcpsrv signals its whole
// process group on SIGTERM), its output in a file.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const fs::path& log) : log_(log) {
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setsid();
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      std::vector<char*> args;
      for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execvp(args[0], args.data());
      ::_exit(127);
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  // Kills the child's whole process group: the connections a
  // xapian-tcpsrv forked must not outlive the test.
  ~Child() {
    SignalGroup(SIGKILL);
    Stop(SIGKILL);
  }

  // Waits until the log holds `text` (true) or the child exits (false).
  bool WaitFor(const std::string& text, double seconds = 10) {
    const auto until = Clock::now() + std::chrono::duration<double>(seconds);
    while (Clock::now() < until) {
      if (Slurp(log_).find(text) != std::string::npos) return true;
      if (Exited()) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  bool Exited() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      status_ = status;
      pid_ = 0;
      return true;
    }
    return false;
  }
  // Sends `signal` to the child alone and waits for the exit; the wait
  // status.
  int Stop(int signal) {
    if (pid_ > 0) {
      ::kill(pid_, signal);
      ::waitpid(pid_, &status_, 0);
      pid_ = 0;
    }
    return status_;
  }
  // Waits up to `seconds` for the child to exit by itself; its status.
  int Wait(double seconds) {
    const auto until = Clock::now() + std::chrono::duration<double>(seconds);
    while (!Exited() && Clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return Stop(SIGKILL);
  }
  // To the child's whole process group: xapian-tcpsrv serves each
  // connection from a child it forked.
  void SignalGroup(int signal) const {
    if (pid_ > 0) ::kill(-pid_, signal);
  }
  [[nodiscard]] std::string log() const { return Slurp(log_); }

 private:
  fs::path log_;
  pid_t pid_ = -1;
  int status_ = 0;
};

class TcpServer {
 public:
  TcpServer(const std::string& db, const fs::path& log, int port = 0)
      : port_(port > 0 ? port : FreeLoopbackPort()),
        child_({"xapian-tcpsrv", "--interface", "127.0.0.1", "--port",
                std::to_string(port_), db},
               log) {
    ready_ = child_.WaitFor("Listening");
  }
  [[nodiscard]] bool ready() const { return ready_; }
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string StubLine() const {
    return absl::StrCat("remote 127.0.0.1:", port_, "\n");
  }
  // The server and every connection it serves, as when its machine dies.
  void Kill() {
    child_.SignalGroup(SIGKILL);
    child_.Stop(SIGKILL);
  }
  void Pause() const { child_.SignalGroup(SIGSTOP); }
  void Resume() const { child_.SignalGroup(SIGCONT); }

 private:
  int port_;
  Child child_;
  bool ready_ = false;
};

}  // namespace vnsearch::testing

#endif  // VNSEARCH_TESTS_XAPIAN_SERVER_H_
