// `jingwen check CONFIG`: validate a jingwend config file the way the daemon
// loads it, and print what it resolves to.
#ifndef JINGWEN_CLI_CHECK_COMMAND_H_
#define JINGWEN_CLI_CHECK_COMMAND_H_

#include <string>
#include <vector>

namespace cli {

// Runs `jingwen check ARGS...` (args exclude "check"). On a valid config
// prints "CONFIG: ok (N feeds)" and config::describe() to stdout and returns
// 0; otherwise prints one `FILE:LINE:COLUMN: KEY: MESSAGE` line per error to
// stderr and returns 2 (the status jingwend exits with on the same file).
// Usage errors return 2 as well.
int run_check(const std::vector<std::string>& args);

}  // namespace cli

#endif  // JINGWEN_CLI_CHECK_COMMAND_H_
