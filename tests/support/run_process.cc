#include "tests/support/run_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace testsupport {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Polls for the child's exit; SIGKILL at the deadline. The wait status.
int wait_or_kill(pid_t pid, std::chrono::seconds deadline, std::string* failure) {
  int wstatus = 0;
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (waitpid(pid, &wstatus, WNOHANG) != pid) {
    if (std::chrono::steady_clock::now() > until) {
      kill(pid, SIGKILL);
      waitpid(pid, &wstatus, 0);
      *failure = "killed after " + std::to_string(deadline.count()) + " s";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return wstatus;
}

}  // namespace

ProcessRun run_process(const std::vector<std::string>& args, const std::filesystem::path& scratch,
                       std::chrono::seconds deadline) {
  ProcessRun run;
  std::filesystem::create_directories(scratch);
  const std::string out_path = (scratch / "stdout").string();
  const std::string err_path = (scratch / "stderr").string();
  std::vector<std::string> storage = args;
  std::vector<char*> argv;
  for (std::string& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, storage.at(0).c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    run.failure = "cannot run " + storage[0] + ": error " + std::to_string(spawned);
    return run;
  }
  const int wstatus = wait_or_kill(pid, deadline, &run.failure);
  if (WIFEXITED(wstatus)) run.status = WEXITSTATUS(wstatus);
  run.out = read_file(out_path);
  run.err = read_file(err_path);
  return run;
}

}  // namespace testsupport
