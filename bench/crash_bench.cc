// crash_bench: the long crash-consistency run (issue 8). jingwend is killed
// with SIGKILL at random moments, restarted, killed again, CYCLES times, then
// run clean; prints what the kills left and whether anything was lost or
// written twice (tests/crash/crash_driver.h). The ctest runs a dozen cycles.
//
//   crash_bench [--cycles 1000] [--articles N] [--feeds N] [--seed S] [--dir DIR] [--jingwend PATH]
//
// PATH defaults to the jingwend of this build; pass a copy to keep a long run
// apart from rebuilds.
//
// Exit status 1 when a check failed (the run's dir is kept then).
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <string_view>

#include "tests/crash/crash_driver.h"

namespace {

constexpr int kDefaultCycles = 1000;
// A killed run lives 50-500 ms and spools about ten records in that time
// (start-up and the feed polls take the rest): publish fewer than that per
// cycle, or the backlog grows past what the final clean run can fetch.
constexpr int kArticlesPerCycle = 6;
// Each feed lists all its articles; keep them under the daemon's max_items
// (2,000), or the articles past it are never seen and look lost.
constexpr int kArticlesPerFeed = 1000;

bool parse_args(int argc, char** argv, crash::CrashOptions& o) {
  for (int i = 1; i < argc; i += 2) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) return false;
    const char* value = argv[i + 1];
    if (arg == "--cycles") o.cycles = std::atoi(value);
    else if (arg == "--articles") o.articles = std::atoi(value);
    else if (arg == "--feeds") o.feeds = std::atoi(value);
    else if (arg == "--seed") o.seed = std::strtoull(value, nullptr, 10);
    else if (arg == "--dir") o.root = value;
    else if (arg == "--jingwend") o.jingwend = value;
    else return false;
  }
  return o.cycles > 0 && o.articles != 0 && o.feeds != 0;
}

}  // namespace

int main(int argc, char** argv) {
  crash::CrashOptions options;
  options.jingwend = JINGWEND;
  options.cycles = kDefaultCycles;
  options.articles = -1;  // kArticlesPerCycle per cycle unless given
  options.feeds = -1;     // enough for kArticlesPerFeed unless given
  options.seed = std::random_device{}();
  options.root = std::filesystem::temp_directory_path() / ("jingwen_crash_bench_" + std::to_string(getpid()));
  if (!parse_args(argc, argv, options)) {
    std::cerr << "usage: crash_bench [--cycles N] [--articles N] [--feeds N] [--seed S] [--dir DIR] [--jingwend PATH]\n";
    return 2;
  }
  if (options.articles < 0) options.articles = kArticlesPerCycle * options.cycles;
  if (options.feeds < 0) options.feeds = std::max(4, (options.articles + kArticlesPerFeed - 1) / kArticlesPerFeed);
  std::filesystem::remove_all(options.root);
  std::cout << "crash_bench: " << options.jingwend << ", seed " << options.seed << ", " << options.cycles
            << " cycles, " << options.articles << " articles in " << options.feeds << " feeds, dir " << options.root.string() << std::endl;
  const crash::CrashReport report = crash::run_crash_cycles(options);
  std::cout << report.describe() << "\n";
  for (const std::string& p : report.problems) std::cout << "FAILED: " << p << "\n";
  if (!report.ok()) return 1;
  std::filesystem::remove_all(options.root);
  std::cout << "ok\n";
  return 0;
}
