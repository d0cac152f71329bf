// End-to-end tests of the vnsearch prompt (issue 12) on a pseudo-terminal:
// the real binary, keys typed into it, the screen read back. History across
// two sessions, Ctrl-C, Ctrl-D, :next/:prev, :json, :facets, colour rules on
// a terminal.

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/run_binary.h"

namespace vnsearch {
namespace {

namespace fs = std::filesystem;
using testing::Exec;
using ::testing::HasSubstr;
using testing::kBin;
using testing::kCorpus;
using ::testing::Not;
using testing::Quote;
using testing::Terminal;

class PromptTest : public testing::SuiteIndexTest<PromptTest> {
 public:
  static constexpr const char* kPrefix = "vnsearch_prompt_test";

 protected:
  // vnsearch on a terminal with `flags`, history under `state`.
  static std::unique_ptr<Terminal> Start(
      const std::vector<std::string>& flags, const fs::path& state,
      std::vector<std::string> env = {}) {
    std::vector<std::string> args = {kBin + "/vnsearch", "--index", *index_};
    args.insert(args.end(), flags.begin(), flags.end());
    env.push_back("TERM=xterm");
    env.push_back("HOME=" + (*dir_ / "home").string());
    env.push_back("XDG_STATE_HOME=" + state.string());
    return std::make_unique<Terminal>(args, env);
  }
};

TEST_F(PromptTest, PagesJsonFacetsCtrlCAndCtrlD) {
  const fs::path state = testing::FreshTestDir("vnsearch_prompt_state");
  auto term = Start({"--limit", "2", "--no-snippets"}, state);
  ASSERT_TRUE(term->ok());
  ASSERT_TRUE(term->WaitFor("vnsearch> ")) << term->Screen();
  EXPECT_THAT(term->Screen(), HasSubstr("5 articles; :help for help"));

  term->Line("dang bo\r");
  ASSERT_TRUE(term->WaitFor("  :next for results 3-4")) << term->Screen();
  EXPECT_THAT(term->Screen(), HasSubstr("  1. "));
  EXPECT_THAT(term->Screen(), HasSubstr("  2. "));
  EXPECT_THAT(term->Screen(), Not(HasSubstr("  3. ")));

  term->Line(":next\r");
  ASSERT_TRUE(term->WaitFor("  :next for result 5")) << term->Screen();
  EXPECT_THAT(term->Screen(), HasSubstr("  3. "));
  EXPECT_THAT(term->Screen(), HasSubstr("  4. "));
  term->Line(":next\r");
  ASSERT_TRUE(term->WaitFor("  5. ")) << term->Screen();
  term->Line(":next\r");
  ASSERT_TRUE(term->WaitFor("no more results for \"dang bo\""));
  term->Line(":prev\r");
  ASSERT_TRUE(term->WaitFor("  3. ", 2)) << term->Screen();
  term->Line(":prev\r");
  ASSERT_TRUE(term->WaitFor("  1. ", 2)) << term->Screen();
  term->Line(":prev\r");
  ASSERT_TRUE(term->WaitFor("already on the first page")) << term->Screen();

  term->Line(":facets\r");
  ASSERT_TRUE(term->WaitFor("    official: ")) << term->Screen();
  EXPECT_THAT(term->Screen(), HasSubstr("facets of \"dang bo\" (5 results)"));
  EXPECT_THAT(term->Screen(), HasSubstr("    year:     2013 (1), 2021 (1), 2023 (2)"));

  term->Line(":json\r");
  ASSERT_TRUE(term->WaitFor("output: JSON")) << term->Screen();
  term->Line("truong minh tuan\r");
  ASSERT_TRUE(term->WaitFor("\"query\":\"truong minh tuan\"")) << term->Screen();
  EXPECT_THAT(term->Screen(), HasSubstr("\"tier\":\"phrase in headline\""));
  term->Line(":json\r");
  ASSERT_TRUE(term->WaitFor("output: text")) << term->Screen();

  term->Line(":bogus\r");
  ASSERT_TRUE(term->WaitFor("unknown command :bogus (see :help)"));
  term->Line(":help\r");
  ASSERT_TRUE(term->WaitFor("Ctrl-C clears the line")) << term->Screen();

  // Ctrl-C drops the line being typed and prompts again.
  term->Line("hoi nghi xyz");
  ASSERT_TRUE(term->WaitFor("hoi nghi xyz"));
  const int prompts = Terminal::Count(term->Screen(), "vnsearch> ");
  term->Type("\x03");
  ASSERT_TRUE(term->WaitFor("^C")) << term->Screen();
  ASSERT_TRUE(term->WaitFor("vnsearch> ", prompts + 1)) << term->Screen();
  term->Line("\r");  // the dropped line is not answered
  term->Line("hoi nghi\r");
  ASSERT_TRUE(term->WaitFor("results for \"hoi nghi\"")) << term->Screen();
  EXPECT_THAT(term->Screen(), Not(HasSubstr("results for \"hoi nghi xyz\"")));

  // A bad query is reported and the prompt goes on.
  term->Line("date:2021..2020\r");
  ASSERT_TRUE(term->WaitFor("date range is empty")) << term->Screen();

  term->Line("\x04");  // Ctrl-D
  EXPECT_EQ(term->WaitExit(), 0) << term->Screen();
  EXPECT_TRUE(fs::exists(state / "vnsearch" / "history"));
}

TEST_F(PromptTest, HistoryIsKeptAcrossSessions) {
  const fs::path state = testing::FreshTestDir("vnsearch_prompt_history");
  {
    auto first = Start({"--no-snippets"}, state);
    ASSERT_TRUE(first->WaitFor("vnsearch> "));
    first->Line("truong minh tuan\r");
    ASSERT_TRUE(first->WaitFor("for \"truong minh tuan\" ("));
    first->Line("03-CT/TW\r");
    ASSERT_TRUE(first->WaitFor("for \"03-CT/TW\" ("));
    first->Line(":quit\r");
    EXPECT_EQ(first->WaitExit(), 0) << first->Screen();
  }
  auto second = Start({"--no-snippets"}, state);
  ASSERT_TRUE(second->WaitFor("vnsearch> "));
  // Up twice: the first session's first query, run again.
  second->Line("\x1b[A");
  ASSERT_TRUE(second->WaitFor("03-CT/TW")) << second->Screen();
  second->Type("\x1b[A");
  ASSERT_TRUE(second->WaitFor("truong minh tuan")) << second->Screen();
  second->Type("\r");
  ASSERT_TRUE(second->WaitFor("for \"truong minh tuan\" ("))
      << second->Screen();
  // Vietnamese typed at the prompt arrives whole, with no LANG set.
  second->Line("đảng bộ\r");
  ASSERT_TRUE(second->WaitFor("results for \"đảng bộ\"")) << second->Screen();
  // Line editing: Ctrl-A goes to the start of the line.
  second->Line("bo\x01" "dang \r");
  ASSERT_TRUE(second->WaitFor("results for \"dang bo\"")) << second->Screen();
  second->Line(":quit\r");  // Ctrl-D is PagesJsonFacetsCtrlCAndCtrlD's
  EXPECT_EQ(second->WaitExit(), 0) << second->raw();
}

TEST_F(PromptTest, ColourOnATerminalUnlessNoColor) {
  const fs::path state = testing::FreshTestDir("vnsearch_prompt_colour");
  const std::vector<std::string> query = {"--limit", "1", "truong", "minh",
                                          "tuan"};
  {
    auto term = Start(query, state);
    EXPECT_EQ(term->WaitExit(), 0);
    EXPECT_THAT(term->raw(), HasSubstr("\033[1mTrương Minh Tuấn\033[0m"));
  }
  {
    auto term = Start(query, state, {"NO_COLOR=1"});
    EXPECT_EQ(term->WaitExit(), 0);
    EXPECT_THAT(term->raw(), Not(HasSubstr("\033[")));
    EXPECT_THAT(term->raw(), HasSubstr("[Trương Minh Tuấn]"));
  }
  {
    std::vector<std::string> never = query;
    never.insert(never.begin(), "--color=never");
    auto term = Start(never, state);
    EXPECT_EQ(term->WaitExit(), 0);
    EXPECT_THAT(term->raw(), Not(HasSubstr("\033[")));
  }
}

TEST_F(PromptTest, MissingIndexExitsOneWithoutAPrompt) {
  const fs::path state = testing::FreshTestDir("vnsearch_prompt_missing");
  auto term = std::make_unique<Terminal>(
      std::vector<std::string>{kBin + "/vnsearch", "--index",
                               (*dir_ / "missing").string()},
      std::vector<std::string>{"TERM=xterm", "XDG_STATE_HOME=" + state.string()});
  EXPECT_EQ(term->WaitExit(), 1);
  EXPECT_THAT(term->Screen(), HasSubstr("does not exist"));
  EXPECT_THAT(term->Screen(), Not(HasSubstr("vnsearch> ")));
}

}  // namespace
}  // namespace vnsearch
