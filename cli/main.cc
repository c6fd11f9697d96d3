// jingwen: the command-line face of jingwen's libraries.
#include <iostream>
#include <string>
#include <vector>

#include "cli/check_command.h"
#include "cli/clean_command.h"
#include "cli/consume_command.h"
#include "cli/fetch_command.h"

namespace {

constexpr const char* kUsage =
    "usage: jingwen COMMAND [ARGS...]\n"
    "commands:\n"
    "  check   validate a jingwend config file and print its settings (jingwen check --help)\n"
    "  clean   clean pages from files or folders (jingwen clean --help)\n"
    "  consume read the Redis stream jingwend delivers to (jingwen consume --help)\n"
    "  fetch   fetch one URL and print its article or feed items (jingwen fetch --help)\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "check") return cli::run_check(args);
  if (command == "clean") return cli::run_clean(args);
  if (command == "consume") return cli::run_consume(args);
  if (command == "fetch") return cli::run_fetch(args);
  std::cerr << "jingwen: unknown command '" << command << "'\n" << kUsage;
  return 2;
}
