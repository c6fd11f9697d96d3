// The real jingwend (or jingwen) binary as a child process of the test: its
// stderr (the logfmt event log) and stdout go to files, signals go to its
// pid, and waits poll with a deadline.
//
// Deadlines are safety bounds, not timing assertions: a daemon that hangs
// fails the test with a message instead of stalling the suite. They are
// generous so sanitizer builds pass.
#ifndef JINGWEN_TESTS_E2E_DAEMON_PROCESS_H_
#define JINGWEN_TESTS_E2E_DAEMON_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/e2e/logfmt.h"

namespace e2e {

using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

// How often waits look again (waitpid, the log file, the spool).
inline constexpr Millis kPollInterval{20};
// Safety bounds.
inline constexpr Millis kExitDeadline{60'000};
inline constexpr Millis kLogDeadline{30'000};

struct ExitStatus {
  bool exited = false;  // false: killed by a signal (or never reaped)
  int code = -1;        // exit status when exited
  int signal = 0;       // the signal that killed it otherwise
  long peak_rss_kib = 0;  // the child's peak resident memory (wait4's ru_maxrss)
  std::string describe() const;  // "exit 0", "killed by signal 9"
};

class DaemonProcess {
 public:
  // Starts `binary ARGS...` with stdout in `out_path` and stderr in
  // `err_path`, stdin from /dev/null. The environment is the test's minus
  // the systemd variables (NOTIFY_SOCKET, JOURNAL_STREAM, WATCHDOG_*), plus
  // `env` ("NAME=value" entries). started() is false (error() says why) when
  // the spawn failed.
  DaemonProcess(std::string binary, std::vector<std::string> args, std::string out_path, std::string err_path,
                std::vector<std::string> env = {});
  // Kills (SIGKILL) and reaps a child that is still running.
  ~DaemonProcess();
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  bool started() const { return pid_ > 0; }
  const std::string& error() const { return error_; }
  pid_t pid() const { return pid_; }

  // kill(pid, sig); false when the child is gone.
  bool send(int sig);
  // True while the child has not exited (reaps it when it has).
  bool running();
  // Waits for the exit; nullopt when `deadline` passed first (the child is
  // left running: the destructor kills it).
  std::optional<ExitStatus> wait_exit(Millis deadline = kExitDeadline);
  std::optional<ExitStatus> exit_status() const { return status_; }

  std::string stdout_text() const;
  std::string stderr_text() const;
  // The parsed event log so far (complete lines only).
  std::vector<LogLine> log() const;
  // The events named `event` so far.
  std::vector<LogLine> events(const std::string& event) const;
  // Waits until a line with `event` (and satisfying `match`, when given)
  // appears. Stops early, returning nullopt, when the child exits without
  // having written it or when `deadline` passes.
  std::optional<LogLine> wait_for_log(const std::string& event,
                                      const std::function<bool(const LogLine&)>& match = {},
                                      Millis deadline = kLogDeadline);
  // Waits until the log holds at least `n` lines with `event` (n >= 1) and
  // returns the n-th; nullopt when the child exits first or at `deadline`.
  std::optional<LogLine> wait_for_nth_log(const std::string& event, std::size_t n, Millis deadline = kLogDeadline);
  // Waits until `ready()` holds, checking every kPollInterval; false when
  // `deadline` passed first.
  static bool wait_until(const std::function<bool()>& ready, Millis deadline = kLogDeadline);

 private:
  std::string out_path_;
  std::string err_path_;
  pid_t pid_ = -1;
  std::string error_;
  std::optional<ExitStatus> status_;
};

// Runs the binary to completion (killing it after `deadline`); the process is
// returned for its logs and status.
std::unique_ptr<DaemonProcess> run_to_exit(const std::string& binary, std::vector<std::string> args,
                                           const std::string& out_path, const std::string& err_path,
                                           Millis deadline = kExitDeadline);

}  // namespace e2e

#endif  // JINGWEN_TESTS_E2E_DAEMON_PROCESS_H_
