// Crash consistency: the real jingwend against a loopback site, killed with
// SIGKILL at random moments, restarted, killed again; then one clean run and
// the checks that nothing was lost or written twice. Shared by the ctest
// (tests/crash/crash_test.cc, a few cycles) and bench/crash_bench (1,000).
//
// Each cycle first publishes a batch of new articles in the site's feeds, so
// every kill can land in live work: a page fetch, a clean, a spool write
// (tmp/ file, fsync, rename into new/), the SQLite commit that follows.
// After each kill the driver notes what the kill left: records in new/
// whose URL is not yet committed in the state (the kill fell between the
// rename and the commit) and files in tmp/ (a kill mid-write). The next
// start must clean up the one and not duplicate the other.
#ifndef JINGWEN_TESTS_CRASH_CRASH_DRIVER_H_
#define JINGWEN_TESTS_CRASH_CRASH_DRIVER_H_

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace crash {

struct CrashOptions {
  std::string jingwend = {};             // the binary
  std::filesystem::path root = {};       // a fresh dir for spool, state, config, logs
  int cycles = 12;                       // start-kill rounds before the clean run
  int articles = 600;                    // in all, published over the cycles
  int feeds = 4;
  std::uint64_t seed = 1;
  std::chrono::milliseconds page_delay{10};      // each article response held back, so work spreads out
  std::chrono::milliseconds min_kill_delay{50};  // after the start, before SIGKILL
  std::chrono::milliseconds max_kill_delay{500};
};

struct CrashReport {
  int cycles = 0;
  int kills_while_running = 0;          // the daemon was still alive to be killed
  int kills_between_rename_and_commit = 0;  // kills that left a record in new/ not yet in the state
  int uncommitted_records_seen = 0;     // such records, summed over the kills
  int kills_leaving_tmp_files = 0;      // kills that left a file in tmp/ (mid-write)
  int spooled_before_clean_run = 0;     // records the killed runs wrote
  int expected = 0;                     // articles published
  int found = 0;                        // of them, with a record in new/
  int missing = 0;
  int duplicated = 0;                   // URLs with more than one record name
  int unparsable = 0;                   // records that are not the article's JSON
  int strangers = 0;                    // records of URLs never published
  int tmp_left = 0;                     // files in tmp/ after the clean run
  int not_committed = 0;                // published URLs not in the state as spooled
  std::string integrity = {};           // PRAGMA integrity_check: "ok"
  std::string final_exit = {};          // the clean run's exit ("exit 0")
  std::vector<std::string> problems = {};  // one line per failed check, for the test's message

  bool ok() const { return problems.empty(); }
  std::string describe() const;  // the figures, several lines
};

// Runs the cycles and the final checks. REQUIRES: options.root is empty or
// absent; options.jingwend exists.
CrashReport run_crash_cycles(const CrashOptions& options);

}  // namespace crash

#endif  // JINGWEN_TESTS_CRASH_CRASH_DRIVER_H_
