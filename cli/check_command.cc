#include "cli/check_command.h"

#include <iostream>
#include <string>
#include <vector>

#include "config/config.h"

namespace cli {
namespace {

constexpr const char* kUsage =
    "usage: jingwen check CONFIG\n"
    "Validates a jingwend config file as the daemon loads it. When it is valid, prints\n"
    "\"CONFIG: ok (N feeds)\" and every setting with its effective value (defaults filled\n"
    "in, paths and feed URLs resolved); otherwise one line per error on stderr:\n"
    "  FILE:LINE:COLUMN: KEY: MESSAGE\n"
    "exit status: 0 valid, 2 invalid or usage error\n";

constexpr int kExitOk = 0;
constexpr int kExitInvalid = 2;

}  // namespace

int run_check(const std::vector<std::string>& args) {
  if (args.size() == 1 && (args[0] == "-h" || args[0] == "--help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args.size() != 1 || args[0].starts_with("-")) {
    std::cerr << "jingwen check: expected one CONFIG file\n" << kUsage;
    return kExitInvalid;
  }
  const std::string& path = args[0];
  const config::LoadResult result = config::load_config(path);
  if (!result.ok()) {
    for (const config::ConfigError& error : result.errors) std::cerr << error.to_string() << '\n';
    return kExitInvalid;
  }
  const std::size_t feeds = result.config->feeds.size();
  std::cout << path << ": ok (" << feeds << (feeds == 1 ? " feed" : " feeds") << ")\n"
            << config::describe(*result.config);
  return kExitOk;
}

}  // namespace cli
