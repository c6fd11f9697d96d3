#include "tests/e2e/daemon_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string_view>
#include <thread>

extern char** environ;

namespace e2e {
namespace {

// Variables that would make the child talk to a real systemd or journald
// when the suite itself runs under one.
constexpr std::string_view kDroppedEnv[] = {"NOTIFY_SOCKET=", "JOURNAL_STREAM=", "WATCHDOG_USEC=", "WATCHDOG_PID=",
                                            "LISTEN_FDS=", "LISTEN_PID="};

std::vector<std::string> child_environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry(*e);
    bool dropped = false;
    for (const std::string_view prefix : kDroppedEnv) dropped = dropped || entry.starts_with(prefix);
    if (!dropped) env.emplace_back(entry);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

ExitStatus decode(int wstatus, const struct rusage& usage) {
  ExitStatus s;
  s.peak_rss_kib = usage.ru_maxrss;  // Linux reports kilobytes
  if (WIFEXITED(wstatus)) {
    s.exited = true;
    s.code = WEXITSTATUS(wstatus);
  } else if (WIFSIGNALED(wstatus)) {
    s.signal = WTERMSIG(wstatus);
  }
  return s;
}

}  // namespace

std::string ExitStatus::describe() const {
  if (exited) return "exit " + std::to_string(code);
  if (signal != 0) return "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  return "not exited";
}

DaemonProcess::DaemonProcess(std::string binary, std::vector<std::string> args, std::string out_path,
                             std::string err_path, std::vector<std::string> env)
    : out_path_(std::move(out_path)), err_path_(std::move(err_path)) {
  std::vector<std::string> argv_strings = {binary};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = child_environment(env);
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<char*> envp = c_strings(env_strings);

  // posix_spawn, not fork: the test process has threads (the HTTP server).
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  // The child starts with default signal dispositions and an empty mask, as
  // under systemd, whatever the test runner blocked.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, binary.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error_ = "cannot start " + binary + ": " + std::strerror(rc);
    return;
  }
  pid_ = pid;
}

DaemonProcess::~DaemonProcess() {
  if (pid_ > 0 && !status_) {
    ::kill(pid_, SIGKILL);
    int wstatus = 0;
    ::waitpid(pid_, &wstatus, 0);
  }
}

bool DaemonProcess::send(int sig) { return running() && ::kill(pid_, sig) == 0; }

bool DaemonProcess::running() {
  if (pid_ <= 0 || status_) return false;
  int wstatus = 0;
  struct rusage usage {};
  const pid_t r = ::wait4(pid_, &wstatus, WNOHANG, &usage);
  if (r == pid_) {
    status_ = decode(wstatus, usage);
    return false;
  }
  return r == 0;
}

std::optional<ExitStatus> DaemonProcess::wait_exit(Millis deadline) {
  wait_until([this] { return !running(); }, deadline);
  return status_;
}

std::string DaemonProcess::stdout_text() const { return read_file(out_path_); }
std::string DaemonProcess::stderr_text() const { return read_file(err_path_); }

std::vector<LogLine> DaemonProcess::log() const { return parse_log(stderr_text()); }

std::vector<LogLine> DaemonProcess::events(const std::string& event) const {
  std::vector<LogLine> out;
  for (LogLine& line : log()) {
    if (line.event() == event) out.push_back(std::move(line));
  }
  return out;
}

std::optional<LogLine> DaemonProcess::wait_for_log(const std::string& event,
                                                   const std::function<bool(const LogLine&)>& match,
                                                   Millis deadline) {
  std::optional<LogLine> found;
  auto look = [&] {
    for (LogLine& line : events(event)) {
      if (!match || match(line)) {
        found = std::move(line);
        return true;
      }
    }
    return false;
  };
  wait_until([&] {
    // Check the exit first, then the log: a line written just before the
    // exit is still seen.
    const bool alive = running();
    return look() || !alive;
  }, deadline);
  return found;
}

std::optional<LogLine> DaemonProcess::wait_for_nth_log(const std::string& event, std::size_t n, Millis deadline) {
  std::optional<LogLine> found;
  wait_until([&] {
    const bool alive = running();
    std::vector<LogLine> lines = events(event);
    if (n >= 1 && lines.size() >= n) found = std::move(lines[n - 1]);
    return found.has_value() || !alive;
  }, deadline);
  return found;
}

bool DaemonProcess::wait_until(const std::function<bool()>& ready, Millis deadline) {
  const auto end = Clock::now() + deadline;
  while (true) {
    if (ready()) return true;
    if (Clock::now() >= end) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
}

std::unique_ptr<DaemonProcess> run_to_exit(const std::string& binary, std::vector<std::string> args,
                                           const std::string& out_path, const std::string& err_path,
                                           Millis deadline) {
  auto process = std::make_unique<DaemonProcess>(binary, std::move(args), out_path, err_path);
  if (process->started()) process->wait_exit(deadline);
  return process;
}

}  // namespace e2e
