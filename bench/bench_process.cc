#include "bench/bench_process.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace bench {

pid_t spawn_jingwend(const char* jingwend, const std::filesystem::path& config, const std::filesystem::path& out,
                     const std::filesystem::path& log, bool once, const std::string& notify_socket) {
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid != 0) return pid;
  prctl(PR_SET_PDEATHSIG, SIGTERM);  // kept across exec: never outlive an interrupted bench
  const int in_fd = open("/dev/null", O_RDONLY);
  const int out_fd = open(out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  const int err_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (in_fd < 0 || out_fd < 0 || err_fd < 0 || dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) {
    _exit(127);
  }
  // Not under systemd here, whatever started the bench.
  for (const char* name : {"NOTIFY_SOCKET", "JOURNAL_STREAM", "WATCHDOG_USEC", "WATCHDOG_PID"}) unsetenv(name);
  if (!notify_socket.empty()) setenv("NOTIFY_SOCKET", notify_socket.c_str(), 1);
  close_range(3, ~0U, 0);  // the bench's sockets and files are not the daemon's
  const std::string config_path = config.string();
  const char* argv[] = {"jingwend", "--config", config_path.c_str(), once ? "--once" : nullptr, nullptr};
  execv(jingwend, const_cast<char* const*>(argv));
  _exit(127);
}

void for_each_new_line(std::ifstream& in, std::string& partial, const std::function<void(const std::string&)>& fn) {
  in.clear();
  std::string chunk;
  while (std::getline(in, chunk)) {
    if (in.eof()) {  // a line still being written: keep it for next time
      partial += chunk;
      break;
    }
    fn(partial + chunk);
    partial.clear();
  }
}

long proc_status_kib(pid_t pid, std::string_view key) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == ':') {
      return std::atol(line.c_str() + key.size() + 1);
    }
  }
  return -1;
}

bool parse_count(std::string_view text, int& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out > 0;
}

}  // namespace bench
