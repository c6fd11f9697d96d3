// state_bench: what a large state costs jingwend at start-up and at rest.
//
//   state_bench [--feeds N] [--seen N] [--dir DIR] [--keep]
//
// 1. fill   a state dir with N seen entries (default 1,000,000) through the
//           daemon's own State API (State::commit_batch, 10,000 rows per
//           transaction; a sample of single commit()s is timed too, for the
//           per-article cost the daemon pays), plus a feeds row for every
//           even-numbered feed holding an ETag.
// 2. serve  F feeds (default 10,000) from a loopback server (a forked
//           child): an even feed answers 304 to its ETag; an odd one answers
//           a tiny RSS whose two items are already in the state with the same
//           stamp, so nothing is fetched past the feeds.
// 3. run    jingwend in daemon mode (a child: fork + exec) on a config of
//           those F feeds: the time to its `ready` log event and to the F-th
//           `feed-fetched`, then VmHWM/VmRSS from /proc/PID/status, SIGTERM,
//           and the time to exit. The target: peak RSS <= 64 MiB.
// An article fetch (a stamp that did not match) or a warning in the log is
// reported; a daemon that does not poll every feed fails the bench (exit 1).
// Prints numbers only; it asserts nothing about time.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "daemon/dedup.h"
#include "daemon/state.h"
#include "fetch/fetch.h"
#include "bench/bench_process.h"
#include "tests/support/http_server.h"

#ifndef JINGWEND
#error "JINGWEND (the path of the jingwend binary) must be defined by the build"
#endif

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr double kKiBPerMiB = 1024.0;
constexpr std::size_t kBatchRows = 10'000;
constexpr int kSingleCommits = 2'000;  // timed one by one, after the fill
constexpr int kItemsPerFeed = 2;
constexpr double kTargetMiB = 64;  // the target for peak RSS
// Safety bounds, not measurements: a hung daemon fails the bench.
constexpr auto kRunDeadline = std::chrono::seconds(600);
constexpr auto kStopDeadline = std::chrono::seconds(60);
constexpr auto kPoll = std::chrono::milliseconds(5);
constexpr std::int64_t kFirstSeen = 1709251200;  // 2024-03-01
// Items link to a port nothing listens on: should the daemon fetch one (a
// stamp mismatch), it fails at once and the log says so, never the network.
constexpr std::string_view kItemBase = "http://127.0.0.2:9/art/";

struct Args {
  int feeds = 10'000;
  int seen = 1'000'000;
  std::string dir = "/tmp";
  bool keep = false;
};


bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--keep") {
      args.keep = true;
      continue;
    }
    if (i + 1 >= argc) return false;
    if (flag == "--dir") {
      args.dir = argv[++i];
      continue;
    }
    int* target = flag == "--feeds" ? &args.feeds : flag == "--seen" ? &args.seen : nullptr;
    if (target == nullptr || !bench::parse_count(argv[++i], *target)) return false;
  }
  return true;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string feed_name(int feed) { return "feed-" + std::to_string(feed); }
std::string feed_etag(int feed) { return "\"f" + std::to_string(feed) + "\""; }
std::string item_url(int n) { return std::string(kItemBase) + std::to_string(n) + ".html"; }
std::string item_title(int n) { return "item " + std::to_string(n); }
// The feeds' items are the first seen entries: feed f holds items
// f*kItemsPerFeed ... + kItemsPerFeed - 1.

// A seen entry shaped like the daemon's: 64-hex content hash, a SimHash, a
// spool name; row `n`'s stamp matches what the daemon computes for the item.
jingwend::SeenEntry seen_entry(int n) {
  char hex[65];
  std::uint64_t x = 0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(n + 1);
  for (int i = 0; i < 64; i += 16) {
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ULL;
    std::snprintf(hex + i, 17, "%016llx", static_cast<unsigned long long>(x));
  }
  const std::string url = item_url(n);
  return {.url_key = fetch::url_key(url),
          .url = url,
          .feed = feed_name(n / kItemsPerFeed),
          .kind = jingwend::SeenKind::kSpooled,
          .content_sha256 = hex,
          .simhash = x | 1,
          .item_stamp = jingwend::item_stamp("", item_title(n)),
          .spool_name = "20240301T000000Z-" + std::string(hex, 16) + ".json",
          .first_seen = kFirstSeen + n,
          .updated = kFirstSeen + n};
}

bool fail(const std::string& message) {
  std::fprintf(stderr, "state_bench: %s\n", message.c_str());
  return false;
}

// Step 1. Returns false (message printed) on a State error.
bool fill(const Args& args, const fs::path& state_dir) {
  std::string error;
  std::unique_ptr<jingwend::State> state = jingwend::State::open(state_dir.string(), &error);
  if (!state) return fail(error);
  const Clock::time_point start = Clock::now();
  std::vector<jingwend::SeenEntry> batch;
  for (int n = 0; n < args.seen; ++n) {
    batch.push_back(seen_entry(n));
    if (batch.size() == kBatchRows || n + 1 == args.seen) {
      if (error = state->commit_batch(batch); !error.empty()) {
        return fail(error);
      }
      batch.clear();
    }
  }
  const double fill_s = seconds_since(start);
  for (int f = 0; f < args.feeds; f += 2) {
    error = state->save_feed({.name = feed_name(f), .etag = feed_etag(f)});
    if (!error.empty()) return fail(error);
  }
  // The daemon's own path: one transaction per article, on the full table.
  const int singles = std::min(kSingleCommits, args.seen);
  const Clock::time_point single_start = Clock::now();
  for (int n = 0; n < singles; ++n) {
    jingwend::SeenEntry e = seen_entry(args.seen - 1 - n);
    e.updated += 1;
    if (error = state->commit(e); !error.empty()) {
      return fail(error);
    }
  }
  const double single_s = seconds_since(single_start);
  const std::int64_t rows = state->seen_count();
  state.reset();
  std::error_code ec;
  std::uintmax_t bytes = 0;
  for (const auto& entry : fs::directory_iterator(state_dir, ec)) bytes += entry.file_size(ec);
  std::printf(
      "fill        %lld seen rows by commit_batch (%zu/transaction) in %.2f s (%.0f rows/s); "
      "commit() one by one on the full table: %.0f/s; state files %.1f MiB\n",
      static_cast<long long>(rows), kBatchRows, fill_s, args.seen / fill_s, singles / single_s,
      static_cast<double>(bytes) / (kKiBPerMiB * kKiBPerMiB));
  return rows == args.seen;
}

// ---- The server child ----------------------------------------------------------

std::string rss(int feed) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>" + feed_name(feed) +
      "</title><link>http://127.0.0.1/</link><description>state_bench</description>\n";
  for (int i = 0; i < kItemsPerFeed; ++i) {
    const int n = feed * kItemsPerFeed + i;
    xml += "<item><title>" + item_title(n) + "</title><link>" + item_url(n) + "</link></item>\n";
  }
  return xml + "</channel></rss>\n";
}

testsupport::ServerResponse serve(const testsupport::ServerRequest& r) {
  int feed = -1;
  constexpr std::string_view kPrefix = "/feed/";
  if (r.path.starts_with(kPrefix)) {
    const std::string_view rest = std::string_view(r.path).substr(kPrefix.size());
    std::from_chars(rest.data(), rest.data() + rest.size(), feed);
  }
  if (feed < 0) return testsupport::ServerResponse::text(404, "not found");
  const std::string etag = feed_etag(feed);
  if (r.header("If-None-Match") == etag) {
    testsupport::ServerResponse not_modified;
    not_modified.status = 304;
    not_modified.headers = {{"ETag", etag}};
    return not_modified;
  }
  testsupport::ServerResponse ok = testsupport::ServerResponse::text(200, rss(feed), "application/rss+xml");
  ok.headers.emplace_back("ETag", etag);
  return ok;
}

// Forks the server child; its port, or 0.
unsigned short start_server(pid_t* pid) {
  int fds[2];
  if (pipe(fds) != 0) return 0;
  std::fflush(nullptr);
  *pid = fork();
  if (*pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    close(fds[0]);
    testsupport::HttpServer server;
    server.set_fallback(serve);
    const unsigned short port = server.port();
    if (write(fds[1], &port, sizeof port) != sizeof port) _exit(1);
    close(fds[1]);
    pause();
    _exit(0);
  }
  close(fds[1]);
  unsigned short port = 0;
  if (*pid < 0 || read(fds[0], &port, sizeof port) != sizeof port) port = 0;
  close(fds[0]);
  return port;
}

// ---- jingwend ----------------------------------------------------------------------

void write_config(const fs::path& dir, int feeds, unsigned short port) {
  std::ofstream out(dir / "jingwen.toml");
  out << "# state_bench: one host, no politeness delay, robots off.\n"
      << "spool_dir = \"spool\"\nstate_dir = \"state\"\nworkers = 2\n"
      << "per_host_concurrency = 16\nper_host_delay = \"0s\"\nmax_in_flight = 64\n"
      << "log_format = \"logfmt\"\nmin_free = 0\n";
  for (int f = 0; f < feeds; ++f) {
    out << "\n[[feed]]\nname = \"" << feed_name(f) << "\"\nurl = \"http://127.0.0.1:" << port << "/feed/" << f
        << "\"\nkind = \"rss\"\ninterval = \"1h\"\nrobots = false\n";
  }
}

pid_t spawn_daemon(const fs::path& dir) {
  return bench::spawn_jingwend(JINGWEND, dir / "jingwen.toml", dir / "jingwend.out", dir / "jingwend.log", false);
}


// The daemon's log, read as it grows: counts of the events the bench waits
// for, and the first few problem lines.
struct LogTail {
  std::ifstream in;
  std::string partial;
  int ready = 0;
  int feeds_fetched = 0;
  int unchanged = 0;
  int articles = 0;  // article-fetched or article fetch errors: expected 0
  int problems = 0;
  std::vector<std::string> shown;
  void read() {
    bench::for_each_new_line(in, partial, [this](const std::string& l) { line(l); });
  }
  void line(const std::string& l) {
    ready += l.find("event=ready") != std::string::npos;
    const bool feed = l.find("event=feed-fetched") != std::string::npos;
    feeds_fetched += feed;
    unchanged += feed && l.find("unchanged=true") != std::string::npos;
    articles += l.find("event=article") != std::string::npos || l.find("event=spooled") != std::string::npos;
    const bool problem = l.find("level=warning") != std::string::npos || l.find("level=error") != std::string::npos;
    problems += problem;
    if (problem && shown.size() < 3) shown.push_back(l);
  }
};

// Step 3. Returns false when the daemon did not poll every feed.
bool run_daemon(const Args& args, const fs::path& dir, unsigned short port) {
  write_config(dir, args.feeds, port);
  const Clock::time_point start = Clock::now();
  const pid_t pid = spawn_daemon(dir);
  if (pid < 0) return false;
  LogTail log;
  double ready_s = -1;
  double polled_s = -1;
  bool exited = false;
  while (Clock::now() - start < kRunDeadline) {
    std::this_thread::sleep_for(kPoll);
    if (!log.in.is_open()) log.in.open(dir / "jingwend.log");
    log.read();
    if (ready_s < 0 && log.ready > 0) ready_s = seconds_since(start);
    if (log.feeds_fetched >= args.feeds) {
      polled_s = seconds_since(start);
      break;
    }
    if (waitpid(pid, nullptr, WNOHANG) == pid) {
      exited = true;
      break;
    }
  }
  const long hwm = bench::proc_status_kib(pid, "VmHWM");
  const long rss = bench::proc_status_kib(pid, "VmRSS");
  const Clock::time_point stop = Clock::now();
  int status = 0;
  rusage usage{};
  if (!exited) {
    kill(pid, SIGTERM);
    while (wait4(pid, &status, WNOHANG, &usage) == 0 && Clock::now() - stop < kStopDeadline) {
      std::this_thread::sleep_for(kPoll);
    }
    if (Clock::now() - stop >= kStopDeadline) {
      kill(pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
    }
  }
  const double stop_s = seconds_since(stop);
  const double hwm_mib = static_cast<double>(hwm) / kKiBPerMiB;
  std::printf(
      "daemon      %d feeds, %d seen rows: ready after %.2f s, all feeds polled after %.2f s (%d answered 304, "
      "%d article events, expected 0); VmHWM %.1f MiB (target <= %.0f: %s), VmRSS %.1f MiB; "
      "SIGTERM -> %s in %.2f s\n",
      args.feeds, args.seen, ready_s, polled_s, log.unchanged, log.articles, hwm_mib, kTargetMiB,
      hwm_mib <= kTargetMiB ? "ok" : "OVER", static_cast<double>(rss) / kKiBPerMiB,
      exited ? "already exited" : (WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status)) : "signal")
                                      .c_str(),
      stop_s);
  log.read();
  std::printf("    warnings/errors: %d\n", log.problems);
  for (const std::string& l : log.shown) std::printf("      %s\n", l.c_str());
  return polled_s >= 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    std::fputs("usage: state_bench [--feeds N] [--seen N] [--dir DIR] [--keep]\n", stderr);
    return 2;
  }
  if (args.seen < args.feeds * kItemsPerFeed) {
    std::fprintf(stderr, "state_bench: --seen must be at least %d x --feeds (the feeds' items)\n", kItemsPerFeed);
    return 2;
  }
  std::string tmp = args.dir + "/state_bench.XXXXXX";
  if (mkdtemp(tmp.data()) == nullptr) {
    std::perror(("state_bench: mkdtemp " + tmp).c_str());
    return 1;
  }
  const fs::path dir = tmp;
  std::printf("state_bench: %s, temp dir %s\n", JINGWEND, dir.c_str());
  bool ok = fill(args, dir / "state");
  pid_t server = -1;
  const unsigned short port = ok ? start_server(&server) : 0;
  if (ok && port == 0) std::printf("FAIL cannot start the loopback server\n");
  ok = ok && port != 0 && run_daemon(args, dir, port);
  if (server > 0) {
    kill(server, SIGTERM);
    waitpid(server, nullptr, 0);
  }
  if (!ok) std::printf("FAIL the daemon did not poll every feed (see %s)\n", dir.c_str());
  if (args.keep || !ok) {
    std::printf("kept %s\n", dir.c_str());
  } else {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  return ok ? 0 : 1;
}
