#include "common/cli/line_editor.h"

#include <histedit.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <clocale>
#include <cstdlib>
#include <cwchar>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace vnsearch {
namespace {

// Set by SIGINT; a lock-free atomic, so a signal handler may store to it.
std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

void OnInterrupt(int) { interrupted.store(true, std::memory_order_relaxed); }

}  // namespace

struct LineEditor::Impl {
  EditLine* el = nullptr;
  History* history = nullptr;
  int in_fd = 0;
  std::string history_path;
  std::string prompt;
  bool save_failed = false;
  struct sigaction previous {};

  static Impl* Of(EditLine* el) {
    void* data = nullptr;
    el_get(el, EL_CLIENTDATA, &data);
    return static_cast<Impl*>(data);
  }
  // libedit asks for the prompt through a callback with no argument but the
  // EditLine: the text lives in the client data.
  static char* PromptOf(EditLine* el) { return Of(el)->prompt.data(); }
  // libedit's character reader: one character, decoded from the locale's
  // multibyte form. It waits in short polls and checks for Ctrl-C between
  // them, so a SIGINT that lands while libedit is busy (not blocked in a
  // read) still ends the line at once. 1: a character, 0: end of input,
  // -1 (errno EINTR): interrupted.
  static int ReadChar(EditLine* el, wchar_t* out) {
    const int fd = Of(el)->in_fd;
    std::mbstate_t state{};
    while (true) {
      if (interrupted) {
        errno = EINTR;
        return -1;
      }
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;  // timeout or EINTR: check again
      char byte = 0;
      const ssize_t n = read(fd, &byte, 1);
      if (n == 0) return 0;
      if (n < 0) {
        if (errno == EINTR || errno == EAGAIN) continue;
        return -1;
      }
      const size_t used = std::mbrtowc(out, &byte, 1, &state);
      if (used == static_cast<size_t>(-2)) continue;  // more bytes to come
      if (used == static_cast<size_t>(-1)) {  // not the locale's encoding
        *out = static_cast<unsigned char>(byte);
        state = {};
      }
      return 1;
    }
  }
};

std::string DefaultHistoryPath() {
  namespace fs = std::filesystem;
  if (const char* state = std::getenv("XDG_STATE_HOME");
      state != nullptr && state[0] == '/') {
    return (fs::path(state) / "vnsearch" / "history").string();
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0]) {
    return (fs::path(home) / ".local" / "state" / "vnsearch" / "history")
        .string();
  }
  return "";
}


LineEditor::LineEditor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LineEditor::~LineEditor() {
  if (impl_->el != nullptr) {
    sigaction(SIGINT, &impl_->previous, nullptr);
    el_end(impl_->el);
  }
  if (impl_->history != nullptr) history_end(impl_->history);
}

absl::StatusOr<std::unique_ptr<LineEditor>> LineEditor::Open(
    std::FILE* in, std::FILE* out, std::FILE* err, std::string history_path) {
  // libedit decodes keys by LC_CTYPE: in the "C" locale (no LANG, as under
  // cron or a bare ssh) every byte of "đảng" beyond ASCII is dropped. Queries
  // are UTF-8 whatever the environment says.
  const char* locale = std::setlocale(LC_CTYPE, "");
  if (locale == nullptr || std::string_view(nl_langinfo(CODESET)) != "UTF-8") {
    std::setlocale(LC_CTYPE, "C.UTF-8");
  }
  auto impl = std::make_unique<Impl>();
  impl->history_path = std::move(history_path);
  impl->history = history_init();
  impl->el = el_init("vnsearch", in, out, err);
  if (impl->history == nullptr || impl->el == nullptr) {
    std::unique_ptr<LineEditor> cleanup(new LineEditor(std::move(impl)));
    return absl::InternalError("cannot start line editing (libedit)");
  }
  HistEvent event;
  history(impl->history, &event, H_SETSIZE, 1000);
  history(impl->history, &event, H_SETUNIQUE, 1);
  if (!impl->history_path.empty()) {
    std::error_code ec;
    if (std::filesystem::exists(impl->history_path, ec)) {
      history(impl->history, &event, H_LOAD, impl->history_path.c_str());
    }
  }
  el_set(impl->el, EL_EDITOR, "emacs");
  el_set(impl->el, EL_HIST, history, impl->history);
  impl->in_fd = fileno(in);
  el_set(impl->el, EL_CLIENTDATA, impl.get());
  el_set(impl->el, EL_PROMPT, &Impl::PromptOf);
  el_set(impl->el, EL_GETCFN, &Impl::ReadChar);
  el_source(impl->el, nullptr);  // ~/.editrc, as every libedit program
  // Ctrl-C interrupts a read (no SA_RESTART): el_gets returns at once and
  // the next call starts on an empty line. Installed for the editor's whole
  // life, so that a Ctrl-C typed while a query runs (or just before the
  // prompt shows) does not end the program.
  struct sigaction action {};
  action.sa_handler = &OnInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, &impl->previous);
  return std::unique_ptr<LineEditor>(new LineEditor(std::move(impl)));
}

LineEditor::Input LineEditor::ReadLine(const std::string& prompt,
                                       std::string& line) {
  impl_->prompt = prompt;
  interrupted.store(false);
  int count = 0;
  const char* text = el_gets(impl_->el, &count);
  const int read_errno = errno;
  if (text == nullptr) {
    if (interrupted || (count < 0 && read_errno == EINTR)) {
      return Input::kInterrupted;
    }
    return Input::kEnd;
  }
  line.assign(text, static_cast<size_t>(count));
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
    line.pop_back();
  }
  return Input::kLine;
}

const std::atomic<bool>* LineEditor::interrupt_flag() const {
  return &interrupted;
}

std::optional<std::string> LineEditor::Remember(const std::string& line) {
  HistEvent event;
  history(impl_->history, &event, H_ENTER, line.c_str());
  if (impl_->history_path.empty() || impl_->save_failed) return std::nullopt;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(fs::path(impl_->history_path).parent_path(), ec);
  if (history(impl_->history, &event, H_SAVE, impl_->history_path.c_str()) <
      0) {
    impl_->save_failed = true;
    return absl::StrCat("cannot save history to ", impl_->history_path);
  }
  return std::nullopt;
}

}  // namespace vnsearch
