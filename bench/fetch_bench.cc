// fetch_bench: what fetch::Client sustains against a loopback HTTP server.
//
//   fetch_bench [--requests N] [--concurrency C] [--body-bytes B] [--held H]
//
// The server (tests/support/http_server.h) runs in a forked child process, so
// the client's memory is measured alone. Two runs:
//   in-flight   H GETs the server holds without answering: the client's RSS
//               growth with H transfers open, reported per 1,000 (run first,
//               so memory freed by the other run cannot hide the growth)
//   throughput  N GETs of a B-byte page, C at a time, one host, no per-host
//               delay, robots off: requests/s and MB/s of body through the
//               whole Client (queue, engine, curl multi on asio)
// Prints numbers only; it asserts nothing about time.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>

#include "fetch/fetch.h"
#include "tests/support/http_server.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kBytesPerMB = 1e6;
constexpr double kKiBPerMiB = 1024.0;
constexpr auto kHoldResponses = std::chrono::milliseconds(120'000);

struct Args {
  int requests = 20'000;
  int concurrency = 32;
  std::size_t body_bytes = 40'000;  // a typical article page
  int held = 1000;
};

bool parse_int(std::string_view text, long& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out > 0;
}

bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    long value = 0;
    if (!parse_int(argv[i + 1], value)) return false;
    if (flag == "--requests") args.requests = static_cast<int>(value);
    else if (flag == "--concurrency") args.concurrency = static_cast<int>(value);
    else if (flag == "--body-bytes") args.body_bytes = static_cast<std::size_t>(value);
    else if (flag == "--held") args.held = static_cast<int>(value);
    else return false;
  }
  return argc % 2 == 1;
}

// Resident set size now, in KiB (VmRSS of /proc/self/status).
long current_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

// Forks a child that serves /page (body_bytes of text) and /hold (answered
// only after kHoldResponses); returns the child's pid and port.
pid_t start_server_process(std::size_t body_bytes, unsigned short& port) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    testsupport::HttpServer server;
    server.on("/page", testsupport::ServerResponse::text(200, std::string(body_bytes, 'x'),
                                                         "text/html; charset=utf-8"));
    testsupport::ServerResponse held = testsupport::ServerResponse::text(200, "late");
    held.delay = kHoldResponses;
    server.on("/hold", held);
    const unsigned short p = server.port();
    if (write(fds[1], &p, sizeof p) != sizeof p) _exit(1);
    close(fds[1]);
    pause();  // until the parent's SIGTERM
    _exit(0);
  }
  close(fds[1]);
  const bool ok = pid > 0 && read(fds[0], &port, sizeof port) == sizeof port;
  close(fds[0]);
  return ok ? pid : -1;
}

fetch::Options bench_options(int concurrency) {
  fetch::Options o;
  o.per_host_concurrency = concurrency;
  o.max_in_flight = concurrency;
  o.per_host_delay = std::chrono::milliseconds(0);
  o.total_timeout = kHoldResponses * 2;
  o.low_speed_time = kHoldResponses * 2;
  o.max_attempts = 1;
  return o;
}

fetch::Request page_request(const std::string& url) {
  fetch::Request r;
  r.url = url;
  r.honour_robots = false;
  return r;
}

void run_throughput(const Args& args, unsigned short port) {
  boost::asio::io_context io;
  fetch::Client client(io, bench_options(args.concurrency));
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/page";
  int ok = 0;
  double body_bytes = 0;
  const auto start = Clock::now();
  for (int i = 0; i < args.requests; ++i) {
    client.get(page_request(url), [&](fetch::Response r) {
      ok += r.ok();
      body_bytes += static_cast<double>(r.body.size());
    });
  }
  io.run();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("throughput  %d requests (%d ok), %d at a time, %zu-byte body: %.0f requests/s, %.1f MB/s\n",
              args.requests, ok, args.concurrency, args.body_bytes, args.requests / seconds,
              body_bytes / kBytesPerMB / seconds);
}

void run_in_flight(const Args& args, unsigned short port) {
  boost::asio::io_context io;
  fetch::Client client(io, bench_options(args.held));
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hold";
  const long before = current_rss_kib();
  for (int i = 0; i < args.held; ++i) client.get(page_request(url), [](fetch::Response) {});
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (client.in_flight() < static_cast<std::size_t>(args.held) && Clock::now() < deadline) {
    io.run_for(std::chrono::milliseconds(10));
  }
  // Let the requests reach the server and settle.
  io.run_for(std::chrono::milliseconds(500));
  const long during = current_rss_kib();
  const std::size_t open = client.in_flight();
  std::printf("in-flight   %zu transfers open: RSS %.1f -> %.1f MiB, %.2f MiB per 1,000 in flight\n",
              open, before / kKiBPerMiB, during / kKiBPerMiB,
              open == 0 ? 0.0 : (during - before) / kKiBPerMiB * 1000.0 / open);
  client.cancel_all();
  io.run();
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    std::fprintf(stderr,
                 "usage: fetch_bench [--requests N] [--concurrency C] [--body-bytes B] [--held H]\n");
    return 2;
  }
  unsigned short port = 0;
  const pid_t server = start_server_process(args.body_bytes, port);
  if (server < 0) {
    std::fprintf(stderr, "fetch_bench: cannot start the loopback server\n");
    return 1;
  }
  // Memory first, on a heap the throughput run has not grown yet.
  run_in_flight(args, port);
  run_throughput(args, port);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak RSS %.1f MiB (client process only; the server is a child)\n",
              usage.ru_maxrss / kKiBPerMiB);
  kill(server, SIGTERM);
  waitpid(server, nullptr, 0);
  return 0;
}
