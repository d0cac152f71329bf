// The interactive vnsearch: a prompt with line editing and history
// (line_editor.h) over one open index. Lines are queries, or commands:
//   :help            what can be typed
//   :next, :prev     the next or previous page of the last query
//   :json            switch between text and JSON output
//   :facets          counts of the last query's matches by year, official
//                    and source
//   :quit            leave (so do Ctrl-D and end of input)
// Ctrl-C clears the line.

#ifndef VNSEARCH_COMMON_CLI_PROMPT_H_
#define VNSEARCH_COMMON_CLI_PROMPT_H_

#include <iosfwd>
#include <string>

#include "common/search/search_session.h"

namespace vnsearch {

// Runs the prompt on the terminal (stdin, stdout, stderr) with history in
// `history_path` ("": none). Exit code: kExitFailure when the index cannot
// be opened, else kExitOk (a bad query is reported and the prompt goes on).
int RunPrompt(const SessionOptions& options, const std::string& history_path);

}  // namespace vnsearch

#endif  // VNSEARCH_COMMON_CLI_PROMPT_H_
