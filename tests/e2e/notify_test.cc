// systemd's notify protocol: the test binds the AF_UNIX datagram socket that
// NOTIFY_SOCKET names, as systemd does for Type=notify, and reads what the
// daemon says: READY=1, STATUS=<counters>, WATCHDOG=1, RELOADING=1 around a
// reload, STOPPING=1 at shutdown.
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

constexpr std::size_t kMaxDatagramBytes = 4096;

// The bound socket; every datagram's assignments ("READY=1", "STATUS=…")
// in arrival order. A thread reads as datagrams arrive, as systemd does: a
// full queue (net.unix.max_dgram_qlen, 10 here) would block the daemon's
// sd_notify while the test waits for something else.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (fd_ < 0 || path.size() >= sizeof(addr.sun_path)) return;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    ::unlink(path.c_str());
    if (::bind(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) {
      ::close(fd_);
      fd_ = -1;
      return;
    }
    reader_ = std::thread([this] { read_until_stopped(); });
  }
  ~NotifySocket() {
    stop_ = true;
    if (reader_.joinable()) reader_.join();
    if (fd_ >= 0) ::close(fd_);
    ::unlink(path_.c_str());
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  bool ok() const { return fd_ >= 0; }

  // Waits until one assignment satisfies `match` (searching from the start
  // of what arrived so far); its index, or -1 at the deadline.
  int wait_for(const std::function<bool(const std::string&)>& match, Millis deadline = kLogDeadline) {
    int found = -1;
    DaemonProcess::wait_until([&] {
      const std::vector<std::string> now = messages();
      for (std::size_t i = 0; i < now.size(); ++i) {
        if (match(now[i])) {
          found = static_cast<int>(i);
          return true;
        }
      }
      return false;
    }, deadline);
    return found;
  }
  int wait_for(const std::string& assignment) {
    return wait_for([&](const std::string& m) { return m == assignment; });
  }
  // The first index >= `from` holding `assignment`, or -1 (no waiting).
  int index_of(const std::string& assignment, int from = 0) const {
    const std::vector<std::string> now = messages();
    for (std::size_t i = static_cast<std::size_t>(std::max(from, 0)); i < now.size(); ++i) {
      if (now[i] == assignment) return static_cast<int>(i);
    }
    return -1;
  }
  std::string message(int index) const { return messages().at(static_cast<std::size_t>(index)); }
  std::string all() const {
    std::string out;
    for (const std::string& m : messages()) out += m + "\n";
    return out;
  }

 private:
  std::vector<std::string> messages() const {
    const std::lock_guard lock(mutex_);
    return messages_;
  }

  void read_until_stopped() {
    char buffer[kMaxDatagramBytes];
    while (!stop_) {
      pollfd p{.fd = fd_, .events = POLLIN, .revents = 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
      if (n <= 0) continue;
      std::istringstream lines(std::string(buffer, static_cast<std::size_t>(n)));
      const std::lock_guard lock(mutex_);
      for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) messages_.push_back(line);
      }
    }
  }

  std::string path_;
  int fd_ = -1;
  std::atomic<bool> stop_ = false;
  mutable std::mutex mutex_;
  std::vector<std::string> messages_;
  std::thread reader_;
};

// "feeds=1 spooled=2 ..." -> {feeds: 1, spooled: 2, ...}
std::map<std::string, std::string> status_counters(std::string_view status) {
  std::map<std::string, std::string> out;
  std::istringstream words{std::string(status)};
  for (std::string w; words >> w;) {
    const std::size_t eq = w.find('=');
    if (eq != std::string::npos) out[w.substr(0, eq)] = w.substr(eq + 1);
  }
  return out;
}

class NotifyTest : public E2eTest {};

TEST_F(NotifyTest, TellsSystemdReadyStatusWatchdogReloadingAndStopping) {
  put_netease("/netease/a/1.html", park_story());
  put_netease("/netease/a/2.html", library_story());
  serve_feed(server, "/netease/rss.xml",
             rss_feed("网易号", url("/"), {entry("/netease/a/1.html", park_story()),
                                           entry("/netease/a/2.html", library_story())}));
  config.feeds = {rss_spec("netease", "/netease/rss.xml")};
  // sun_path holds 108 bytes: a short name in the sandbox.
  NotifySocket notify((sandbox.root() / "n.sock").string());
  ASSERT_TRUE(notify.ok()) << "cannot bind " << (sandbox.root() / "n.sock");

  // WatchdogSec=1s: WATCHDOG=1 every half second. No WATCHDOG_PID: the
  // watchdog is meant for whoever reads the variable.
  auto daemon = start_daemon("daemon", {"NOTIFY_SOCKET=" + (sandbox.root() / "n.sock").string(), "WATCHDOG_USEC=1000000"});
  const int ready = notify.wait_for("READY=1");
  ASSERT_GE(ready, 0) << notify.all() << DaemonLog(*daemon);
  EXPECT_TRUE(daemon->wait_for_log("ready")) << DaemonLog(*daemon);

  // STATUS= carries the live counters; once both articles are in, it says so.
  ASSERT_TRUE(daemon->wait_for_log("spooled", [&](const LogLine& l) { return l.get("url") == url("/netease/a/2.html"); }))
      << DaemonLog(*daemon);
  ASSERT_TRUE(daemon->wait_for_log("spooled", [&](const LogLine& l) { return l.get("url") == url("/netease/a/1.html"); }))
      << DaemonLog(*daemon);
  // Both in new/ and counted: the counters catch up (pending is a directory
  // count the daemon may refresh once a second).
  const int status = notify.wait_for([](const std::string& m) {
    if (!m.starts_with("STATUS=")) return false;
    auto c = status_counters(m.substr(7));
    return c["spooled"] == "2" && c["pending"] == "2";
  });
  ASSERT_GE(status, 0) << "no STATUS= with spooled=2 pending=2\n" << notify.all();
  const std::string status_text = notify.message(status).substr(7);
  const auto counters = status_counters(status_text);
  for (const char* key : {"feeds", "spooled", "duplicates", "skipped", "errors", "pending", "queued"}) {
    EXPECT_EQ(counters.count(key), 1u) << key << " missing from STATUS=" << status_text;
  }
  EXPECT_EQ(counters.count("feeds") ? counters.at("feeds") : "", "1") << status_text;

  EXPECT_GE(notify.wait_for("WATCHDOG=1"), 0) << "WATCHDOG_USEC set but no WATCHDOG=1\n" << notify.all();

  // SIGHUP with the same config: RELOADING=1, then READY=1 again.
  ASSERT_TRUE(daemon->send(SIGHUP));
  const int reloading = notify.wait_for("RELOADING=1");
  ASSERT_GE(reloading, 0) << notify.all() << DaemonLog(*daemon);
  EXPECT_TRUE(DaemonProcess::wait_until([&] { return notify.index_of("READY=1", reloading + 1) >= 0; }))
      << "READY=1 after the reload\n" << notify.all();
  EXPECT_TRUE(daemon->wait_for_log("reloaded")) << DaemonLog(*daemon);

  ASSERT_TRUE(daemon->send(SIGTERM));
  const int stopping = notify.wait_for("STOPPING=1");
  EXPECT_GT(stopping, ready) << notify.all();
  ASSERT_TRUE(daemon->wait_exit()) << DaemonLog(*daemon);
  EXPECT_TRUE(ExitedWith(*daemon, 0)) << StatusOf(*daemon) << "\n" << DaemonLog(*daemon);
}

}  // namespace
}  // namespace e2e
