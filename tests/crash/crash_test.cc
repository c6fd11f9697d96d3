// Crash consistency (issue 8): jingwend killed with SIGKILL at random moments
// while it fetches, cleans, writes and commits, restarted each time; then a
// clean run. Nothing lost, nothing twice, every record whole, tmp/ clean,
// the state database sound. The long version is bench/crash_bench.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>

#include "tests/crash/crash_driver.h"

namespace crash {
namespace {

// JINGWEN_CRASH_SEED replays a failed run (the seed is printed).
std::uint64_t seed() {
  if (const char* s = std::getenv("JINGWEN_CRASH_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

TEST(CrashConsistency, KilledAtRandomMomentsLosesNothingAndDuplicatesNothing) {
  CrashOptions options;
  options.jingwend = JINGWEND;
  options.root = std::filesystem::path(testing::TempDir()) / ("jingwen_crash_" + std::to_string(getpid()));
  std::filesystem::remove_all(options.root);
  options.seed = seed();
  const CrashReport report = run_crash_cycles(options);
  std::cout << "seed " << options.seed << "\n" << report.describe() << "\n";

  EXPECT_EQ(report.cycles, options.cycles);
  EXPECT_GE(report.kills_while_running, options.cycles / 2) << "the daemon should be alive when killed";
  EXPECT_EQ(report.expected, options.articles);
  EXPECT_EQ(report.found, options.articles);
  EXPECT_EQ(report.missing, 0);
  EXPECT_EQ(report.duplicated, 0);
  EXPECT_EQ(report.unparsable, 0);
  EXPECT_EQ(report.tmp_left, 0);
  EXPECT_EQ(report.not_committed, 0);
  EXPECT_EQ(report.integrity, "ok");
  for (const std::string& p : report.problems) ADD_FAILURE() << p;
  if (report.ok()) std::filesystem::remove_all(options.root);
  else std::cout << "kept for a look: " << options.root << " (JINGWEN_CRASH_SEED=" << options.seed << ")\n";
}

}  // namespace
}  // namespace crash
