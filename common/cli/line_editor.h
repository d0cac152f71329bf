// LineEditor: the terminal prompt's line editing and history, on libedit
// (Debian's libedit-dev): arrow keys, emacs bindings, history kept in a file
// across sessions. Ctrl-C clears the line being typed, Ctrl-D on an empty
// line ends input.
//
// One per process (it owns the SIGINT handler while it lives: Ctrl-C never
// ends the program, it clears the line, or stops the query that runs:
// interrupt_flag). Not thread-safe.

#ifndef VNSEARCH_COMMON_CLI_LINE_EDITOR_H_
#define VNSEARCH_COMMON_CLI_LINE_EDITOR_H_

#include <atomic>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace vnsearch {

// $XDG_STATE_HOME/vnsearch/history, or ~/.local/state/vnsearch/history;
// "" when neither variable is set.
[[nodiscard]] std::string DefaultHistoryPath();

class LineEditor {
 public:
  // Edits lines read from `in` (a terminal), echoing to `out`. History is
  // loaded from `history_path` when it exists and saved there (its
  // directory created) after every line; "" keeps no history. Internal when
  // libedit cannot start.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<LineEditor>> Open(
      std::FILE* in, std::FILE* out, std::FILE* err, std::string history_path);
  ~LineEditor();

  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  enum class Input { kLine, kInterrupted, kEnd };
  // Shows `prompt` and reads one line into `line` (without its newline).
  // kInterrupted: Ctrl-C, the line was dropped; kEnd: Ctrl-D or end of input.
  Input ReadLine(const std::string& prompt, std::string& line);

  // True from a Ctrl-C until the next ReadLine: what a query running
  // between two lines watches (SearchRequest::cancel).
  [[nodiscard]] const std::atomic<bool>* interrupt_flag() const;

  // Adds a line to the history and saves it. A problem saving (read-only
  // home) is reported once, as the returned warning, then ignored.
  [[nodiscard]] std::optional<std::string> Remember(const std::string& line);

 private:
  struct Impl;
  explicit LineEditor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_CLI_LINE_EDITOR_H_
