// Runs a program to completion, as the CLI tests run the real `jingwen`:
// stdin from /dev/null, stdout and stderr captured through files (no pipes,
// nothing to deadlock on), killed if it outlives a deadline.
#ifndef JINGWEN_TESTS_SUPPORT_RUN_PROCESS_H_
#define JINGWEN_TESTS_SUPPORT_RUN_PROCESS_H_

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace testsupport {

struct ProcessRun {
  int status = -1;  // exit status; -1 when it did not exit normally
  std::string out = {};
  std::string err = {};
  // Why the run failed to happen or finish ("cannot run ...", "killed after
  // 60 s"); "" when it ran to its end. Tests report it as a failure.
  std::string failure = {};
};

// Runs argv[0] (a path) with argv[1..]. `scratch` is a folder for the
// capture files (created if missing).
ProcessRun run_process(const std::vector<std::string>& argv, const std::filesystem::path& scratch,
                       std::chrono::seconds deadline = std::chrono::seconds(60));

}  // namespace testsupport

#endif  // JINGWEN_TESTS_SUPPORT_RUN_PROCESS_H_
