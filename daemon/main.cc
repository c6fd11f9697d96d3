// jingwend's entry point: the command line, then daemon/daemon.h's run().
#include <iostream>
#include <string>
#include <string_view>

#include "daemon/daemon.h"

namespace {

constexpr std::string_view kUsage =
    "usage: jingwend --config FILE [--once] [--new-state]\n"
    "  --config FILE  the TOML config (see jingwend(8), /etc/jingwen/jingwen.toml)\n"
    "  --once         poll every feed once, drain all work, exit\n"
    "  --new-state    start with a new state even though the spool holds records\n"
    "                 (every listed article is spooled again)\n"
    "  --version      print the version\n"
    "signals: TERM/INT stop (in-flight work gets shutdown_timeout), HUP reloads the config\n";

}  // namespace

int main(int argc, char** argv) {
  jingwend::RunOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return jingwend::kExitOk;
    }
    if (arg == "--version") {
      std::cout << "jingwend " << JINGWEN_VERSION << "\n";
      return jingwend::kExitOk;
    }
    if (arg == "--once") {
      options.once = true;
    } else if (arg == "--new-state") {
      options.new_state = true;
    } else if (arg == "--config" && i + 1 < argc) {
      options.config_path = argv[++i];
    } else if (arg.starts_with("--config=")) {
      options.config_path = std::string(arg.substr(9));
    } else {
      std::cerr << "jingwend: unknown argument '" << arg << "'\n" << kUsage;
      return jingwend::kExitConfig;
    }
  }
  if (options.config_path.empty()) {
    std::cerr << "jingwend: --config FILE is required\n" << kUsage;
    return jingwend::kExitConfig;
  }
  return jingwend::run(options);
}
