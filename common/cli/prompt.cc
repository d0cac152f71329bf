#include "common/cli/prompt.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/base/absl_compat.h"
#include "common/cli/line_editor.h"
#include "common/search/result_format.h"

namespace vnsearch {
namespace {

constexpr char kHelp[] =
    "Type a query and press Enter. Query syntax:\n"
    "  words              every word, in any spelling (dang = đảng, đang)\n"
    "  \"a phrase\"         the words adjacent and in order\n"
    "  title:x  official:x    x (a word or \"phrase\") in the headline, in "
    "an official's name\n"
    "  date:2020..2021  year:2017  source:vnexpress.net   filters\n"
    "  -x                 without x\n"
    "Commands:\n"
    "  :next  :prev       next / previous page of the last query\n"
    "  :json              switch between text and JSON output\n"
    "  :facets            counts of the last query's matches by year, "
    "official, source\n"
    "  :help              this text\n"
    "  :quit              leave (also Ctrl-D); Ctrl-C clears the line or\n"
    "                     stops the query that runs\n"
    "Up and down arrows recall earlier lines (kept across sessions).\n";

// A Ctrl-C typed while a query runs is echoed by the terminal as "^C"
// with no line break: the message that the query stopped starts a line.
const char* AfterEcho(const absl::Status& status) {
  return absl::IsCancelled(status) ? "\n" : "";
}

class Prompt {
 public:
  // Ctrl-C sets `cancel` (LineEditor::interrupt_flag): it stops the query
  // that runs.
  Prompt(const SessionOptions& options, Searcher& searcher,
         const std::atomic<bool>* cancel)
      : request_(options.request),
        json_(options.json),
        color_(options.color),
        searcher_(searcher) {
    request_.cancel = cancel;
  }

  // Handles one line; false to quit.
  bool Handle(const std::string& raw) {
    const std::string line(absl::StripAsciiWhitespace(ToAbsl(raw)));
    if (line.empty()) return true;
    if (line[0] != ':') {
      query_ = line;
      request_.offset = 0;
      Run(request_);
      return true;
    }
    const std::string command = absl::AsciiStrToLower(line);
    if (command == ":quit" || command == ":q" || command == ":exit") {
      return false;
    }
    if (command == ":help" || command == ":h" || command == ":?") {
      std::cout << kHelp;
    } else if (command == ":json") {
      json_ = !json_;
      std::cout << "output: " << (json_ ? "JSON" : "text") << "\n";
    } else if (command == ":next" || command == ":n") {
      if (NeedQuery()) return true;
      if (last_ && (last_->hits.size() < request_.limit ||
                    request_.offset + request_.limit >= last_->total)) {
        std::cout << "no more results for \"" << query_ << "\"\n";
        return true;
      }
      request_.offset += request_.limit;
      Run(request_);
    } else if (command == ":prev" || command == ":p") {
      if (NeedQuery()) return true;
      if (request_.offset == 0) {
        std::cout << "already on the first page of \"" << query_ << "\"\n";
        return true;
      }
      request_.offset -= std::min(request_.offset, request_.limit);
      Run(request_);
    } else if (command == ":facets" || command == ":f") {
      if (NeedQuery()) return true;
      SearchRequest with_facets = request_;
      with_facets.facets = true;
      with_facets.limit = 1;  // the facets are what is wanted
      with_facets.snippets = false;
      absl::StatusOr<SearchResult> result =
          searcher_.Search(query_, with_facets);
      if (!result.ok()) {
        std::cerr << AfterEcho(result.status())
                  << "vnsearch: " << result.status().message() << "\n";
      } else if (json_) {
        std::cout << FormatJson(*result) << "\n";
      } else {
        std::cout << "facets of \"" << query_ << "\" ("
                  << FormatTotal(*result) << ")\n"
                  << FormatFacets(*result->facets);
      }
    } else {
      std::cerr << "vnsearch: unknown command " << line << " (see :help)\n";
    }
    return true;
  }

 private:
  bool NeedQuery() {
    if (!query_.empty()) return false;
    std::cout << "no query yet: type one first\n";
    return true;
  }

  void Run(const SearchRequest& request) {
    absl::StatusOr<SearchResult> result = searcher_.Search(query_, request);
    if (!result.ok()) {
      std::cerr << AfterEcho(result.status())
                << "vnsearch: " << result.status().message() << ": \"" << query_
                << "\"\n";
      last_.reset();
      return;
    }
    if (json_) {
      std::cout << FormatJson(*result) << "\n";
    } else {
      std::cout << FormatText(*result, color_);
      const uint64_t shown = request.offset + result->hits.size();
      if (result->hits.size() == request.limit && shown < result->total) {
        const uint64_t last =
            std::min<uint64_t>(shown + request.limit, result->total);
        std::cout << "  :next for "
                  << (last == shown + 1
                          ? absl::StrCat("result ", last)
                          : absl::StrCat("results ", shown + 1, "-", last))
                  << (result->total_exact
                          ? ""
                          : absl::StrCat(" of about ", result->total))
                  << "\n";
      }
    }
    std::cout.flush();
    last_ = *std::move(result);
  }

  SearchRequest request_;
  bool json_;
  bool color_;
  Searcher& searcher_;
  std::string query_;
  std::optional<SearchResult> last_;
};

}  // namespace

int RunPrompt(const SessionOptions& options, const std::string& history_path) {
  absl::StatusOr<std::unique_ptr<Searcher>> searcher =
      Searcher::Open(options.searcher);
  if (!searcher.ok()) {
    std::cerr << "vnsearch: " << searcher.status().message() << "\n";
    return kExitFailure;
  }
  absl::StatusOr<std::unique_ptr<LineEditor>> editor =
      LineEditor::Open(stdin, stdout, stderr, history_path);
  if (!editor.ok()) {
    // No line editing: the plain prompt of the batch loop.
    SessionOptions plain = options;
    plain.prompt = true;
    return RunSearchSession(plain, std::nullopt, std::cin, std::cout,
                            std::cerr);
  }
  std::cout << "vnsearch: " << (*searcher)->document_count()
            << " articles; :help for help, Ctrl-D to quit\n";
  Prompt prompt(options, **searcher, (*editor)->interrupt_flag());
  std::string line;
  while (true) {
    const LineEditor::Input input = (*editor)->ReadLine("vnsearch> ", line);
    if (input == LineEditor::Input::kEnd) break;
    if (input == LineEditor::Input::kInterrupted) {
      std::cout << "^C\n";
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (!prompt.Handle(line)) break;  // :quit is not worth recalling
    if (std::optional<std::string> warning = (*editor)->Remember(line)) {
      std::cerr << "vnsearch: " << *warning << "\n";
    }
  }
  std::cout << "\n";
  return kExitOk;
}

}  // namespace vnsearch
