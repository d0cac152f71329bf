#include "common/cli/parse_flags.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace vnsearch {
namespace {

bool IsHelpFlag(std::string_view name) {
  return name == "help" || name == "h" || name == "helpfull" ||
         name == "helpshort" || name == "helppackage" ||
         name.substr(0, 5) == "help=";
}

bool IsUsageFlag(std::string_view name) {
  return name == "version" || name == "only_check_args" ||
         name == "flagfile" || name == "fromenv" || name == "tryfromenv" ||
         name == "undefok";
}

// The usage message, then every flag the binary defines (not absl's own),
// by name, with its default and help; no source paths.
void PrintHelp(const std::string& program) {
  std::vector<const absl::CommandLineFlag*> flags;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (flag->Filename().find("absl/") != std::string::npos) continue;
    flags.push_back(flag);
  }
  std::sort(flags.begin(), flags.end(), [](const auto* a, const auto* b) {
    return a->Name() < b->Name();
  });
  std::cout << program << ": " << absl::ProgramUsageMessage() << "\n\nFlags:\n";
  for (const absl::CommandLineFlag* flag : flags) {
    const std::string name =
        flag->IsOfType<bool>()
            ? absl::StrCat("--", flag->Name(), " / --no-", flag->Name())
            : absl::StrCat("--", flag->Name(), " ",
                           absl::AsciiStrToUpper(flag->Name()));
    const std::string value =
        flag->IsOfType<std::string>()
            ? absl::StrCat("\"", flag->DefaultValue(), "\"")
            : flag->DefaultValue();
    std::cout << "  " << name << "\n      " << flag->Help() << " (default "
              << value << ")\n";
  }
  std::cout << "  --help\n      this list\n";
}

absl::CommandLineFlag* Find(std::string_view name) {
  return absl::FindCommandLineFlag(absl::string_view(name.data(), name.size()));
}

}  // namespace

std::optional<std::vector<char*>> ParseFlags(int argc, char** argv) {
  const std::string program =
      std::filesystem::path(argc > 0 ? argv[0] : "vnsearch").filename().string();
  const auto fail = [&](const std::string& message) {
    std::cerr << program << ": " << message << " (see --help)\n";
    return std::nullopt;
  };
  std::vector<char*> positional = {argv[0]};
  bool only_arguments = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (only_arguments || arg.size() < 2 || arg[0] != '-') {
      positional.push_back(argv[i]);
      continue;
    }
    if (arg == "--") {
      only_arguments = true;
      continue;
    }
    const bool long_form = arg[1] == '-';
    const std::string_view body = arg.substr(long_form ? 2 : 1);
    const size_t eq = body.find('=');
    // --no-collapse and --no_collapse, --bm25-k1 and --bm25_k1 alike.
    std::string normalized(body.substr(0, eq));
    std::replace(normalized.begin(), normalized.end(), '-', '_');
    const std::string_view name = normalized;
    if (IsHelpFlag(name)) {
      PrintHelp(program);
      std::exit(0);
    }
    if (IsUsageFlag(name)) {
      // absl prints the usage (or reads the flag file) and exits.
      return absl::ParseCommandLine(argc, argv);
    }
    absl::CommandLineFlag* flag = Find(name);
    bool negated = false;
    if (flag == nullptr && name.substr(0, 2) == "no") {
      // --nosnippets, and --no_collapse / --no-restore as people spell it.
      flag = Find(name.substr(
          name.substr(0, 3) == "no_" || name.substr(0, 3) == "no-" ? 3 : 2));
      negated = flag != nullptr && flag->IsOfType<bool>();
      if (!negated) flag = nullptr;
    }
    if (flag == nullptr) {
      if (!long_form) {  // "-date:2021", "-x": a word of the query
        positional.push_back(argv[i]);
        continue;
      }
      return fail("unknown flag --" + std::string(name));
    }
    std::string value;
    if (eq != std::string_view::npos) {
      if (negated) return fail("--" + std::string(name) + " takes no value");
      value = std::string(body.substr(eq + 1));
    } else if (negated) {
      value = "false";
    } else if (flag->IsOfType<bool>()) {
      value = "true";
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return fail("flag --" + std::string(name) + " needs a value");
    }
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return fail("bad value \"" + value + "\" for --" + std::string(flag->Name()) +
                  ": " + error);
    }
  }
  return positional;
}

}  // namespace vnsearch
