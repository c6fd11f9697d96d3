// What the daemon benches share: jingwend as a child process, /proc readings,
// count flags. Bench-only; prints nothing itself.
#ifndef JINGWEN_BENCH_BENCH_PROCESS_H_
#define JINGWEN_BENCH_BENCH_PROCESS_H_

#include <sys/types.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>

namespace bench {

// Forks and execs `jingwend --config CONFIG [--once]` with stdin from
// /dev/null, stdout appended to `out` and stderr (its log) to `log`, the
// systemd variables unset (NOTIFY_SOCKET set to `notify_socket` when that is
// not empty), no other descriptor of the bench inherited, and SIGTERM sent
// to it if the bench dies. The pid, or -1 when fork failed.
pid_t spawn_jingwend(const char* jingwend, const std::filesystem::path& config, const std::filesystem::path& out,
                     const std::filesystem::path& log, bool once, const std::string& notify_socket = "");

// Calls `fn` with each complete line added to `in` since the last call; a
// line still being written waits in `partial` for the next call.
void for_each_new_line(std::ifstream& in, std::string& partial, const std::function<void(const std::string&)>& fn);

// A "Key:   123 kB" line of /proc/PID/status (VmHWM, VmRSS), in KiB; -1
// when absent.
long proc_status_kib(pid_t pid, std::string_view key);

// A positive decimal count ("2000"), all of `text`.
bool parse_count(std::string_view text, int& out);

}  // namespace bench

#endif  // JINGWEN_BENCH_BENCH_PROCESS_H_
