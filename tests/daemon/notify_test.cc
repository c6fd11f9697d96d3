// daemon/notify.h against a real notify socket: an AF_UNIX datagram socket in
// a temp dir standing where systemd's would, named by NOTIFY_SOCKET.
#include "daemon/notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

namespace jingwend {
namespace {

namespace fs = std::filesystem;

constexpr const char* kEnvNames[] = {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"};

// A bound SOCK_DGRAM socket playing systemd's part. Environment variables
// touched by a test are cleared again when it ends.
class NotifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : kEnvNames) unsetenv(name);
    char dir_template[] = "/tmp/jingwen-notify-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr) << std::strerror(errno);
    dir_ = dir_template;
    path_ = (dir_ / "notify.sock").string();

    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(fd_, 0) << std::strerror(errno);
    sockaddr_un addr = {};
    addr.sun_family = AF_UNIX;
    ASSERT_LT(path_.size(), sizeof addr.sun_path);
    std::memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);
    ASSERT_EQ(bind(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr), 0) << std::strerror(errno);
  }

  void TearDown() override {
    for (const char* name : kEnvNames) unsetenv(name);
    if (fd_ >= 0) close(fd_);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void point_notify_socket_here() { ASSERT_EQ(setenv("NOTIFY_SOCKET", path_.c_str(), 1), 0); }

  // The next datagram already queued on the socket, or nullopt when there is
  // none. sd_notify's sendmsg has returned before we look, so a datagram that
  // was sent is already queued: no waiting involved.
  std::optional<std::string> next_datagram() {
    char buf[4096];
    const ssize_t n = recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
    if (n < 0) return std::nullopt;
    return std::string(buf, static_cast<std::size_t>(n));
  }

  fs::path dir_;
  std::string path_;
  int fd_ = -1;
};

TEST_F(NotifyTest, EachCallSendsItsAssignment) {
  point_notify_socket_here();
  Notifier notifier;
  ASSERT_TRUE(notifier.enabled());

  notifier.ready();
  EXPECT_EQ(next_datagram(), "READY=1");
  notifier.status("feeds=3 spooled=12 duplicates=1 skipped=2 errors=0 pending=4 queued=0");
  EXPECT_EQ(next_datagram(), "STATUS=feeds=3 spooled=12 duplicates=1 skipped=2 errors=0 pending=4 queued=0");
  notifier.reloading();
  EXPECT_EQ(next_datagram(), "RELOADING=1");
  notifier.watchdog();
  EXPECT_EQ(next_datagram(), "WATCHDOG=1");
  notifier.stopping();
  EXPECT_EQ(next_datagram(), "STOPPING=1");
  EXPECT_EQ(next_datagram(), std::nullopt);
}

TEST_F(NotifyTest, StatusStaysOneAssignment) {
  point_notify_socket_here();
  Notifier notifier;
  // A newline would let the text smuggle in a second assignment (READY=1).
  notifier.status("feeds=1\nREADY=1");
  EXPECT_EQ(next_datagram(), "STATUS=feeds=1 READY=1");
}

TEST_F(NotifyTest, EnvironmentIsKeptForLaterNotifiers) {
  point_notify_socket_here();
  Notifier first;
  first.ready();
  EXPECT_EQ(next_datagram(), "READY=1");
  ASSERT_NE(std::getenv("NOTIFY_SOCKET"), nullptr);
  Notifier second;
  second.stopping();
  EXPECT_EQ(next_datagram(), "STOPPING=1");
}

TEST_F(NotifyTest, WatchdogIntervalIsHalfTheTimeout) {
  point_notify_socket_here();
  ASSERT_EQ(setenv("WATCHDOG_USEC", "2000000", 1), 0);
  ASSERT_EQ(setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1), 0);
  Notifier notifier;
  ASSERT_TRUE(notifier.watchdog_interval().has_value());
  EXPECT_EQ(*notifier.watchdog_interval(), std::chrono::seconds(1));
}

TEST_F(NotifyTest, WatchdogWithoutPidIsOurs) {
  point_notify_socket_here();
  ASSERT_EQ(setenv("WATCHDOG_USEC", "30000000", 1), 0);
  Notifier notifier;
  EXPECT_EQ(notifier.watchdog_interval(), std::chrono::seconds(15));
}

TEST_F(NotifyTest, WatchdogMeantForAnotherProcessIsIgnored) {
  point_notify_socket_here();
  ASSERT_EQ(setenv("WATCHDOG_USEC", "2000000", 1), 0);
  ASSERT_EQ(setenv("WATCHDOG_PID", std::to_string(getpid() + 1).c_str(), 1), 0);
  Notifier notifier;
  EXPECT_TRUE(notifier.enabled());
  EXPECT_EQ(notifier.watchdog_interval(), std::nullopt);
}

TEST_F(NotifyTest, NoWatchdogWithoutWatchdogUsec) {
  point_notify_socket_here();
  Notifier notifier;
  EXPECT_EQ(notifier.watchdog_interval(), std::nullopt);
}

TEST_F(NotifyTest, WithoutNotifySocketEverythingIsANoOp) {
  // The socket exists, but nothing names it.
  ASSERT_EQ(setenv("WATCHDOG_USEC", "2000000", 1), 0);
  Notifier notifier;
  EXPECT_FALSE(notifier.enabled());
  EXPECT_EQ(notifier.watchdog_interval(), std::nullopt);
  notifier.ready();
  notifier.status("feeds=1");
  notifier.watchdog();
  notifier.stopping();
  EXPECT_EQ(next_datagram(), std::nullopt);
}

TEST_F(NotifyTest, EmptyNotifySocketIsDisabled) {
  ASSERT_EQ(setenv("NOTIFY_SOCKET", "", 1), 0);
  Notifier notifier;
  EXPECT_FALSE(notifier.enabled());
}

}  // namespace
}  // namespace jingwend
