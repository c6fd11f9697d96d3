// jingwend: the daemon that keeps the spool. main() parses the command line
// and calls run(); everything else (config, scheduler, workers, spool, state,
// signals, sd_notify, logs) happens inside.
#ifndef JINGWEN_DAEMON_DAEMON_H_
#define JINGWEN_DAEMON_DAEMON_H_

#include <string>

namespace jingwend {

struct RunOptions {
  std::string config_path = {};
  // Poll every enabled feed once, drain all work, exit (cron, tests, demo).
  bool once = false;
  // Accept a missing or empty state although the spool holds records:
  // start over on purpose, spooling every listed article again.
  bool new_state = false;
};

// Exit statuses, as documented in jingwend(8).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // spool/state unusable; --once: a feed failed
inline constexpr int kExitConfig = 2;   // usage or config error

// Runs the daemon until SIGTERM/SIGINT (or, with `once`, until the work is
// done) and returns the exit status. Blocks; installs signal handlers.
int run(const RunOptions& options);

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_DAEMON_H_
