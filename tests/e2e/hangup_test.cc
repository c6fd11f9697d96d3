// SIGHUP outside the running loop: before `ready` it is held and reloads
// once the loop runs; while stopping and after `stopped` it is ignored. In
// no case does it end the process (its default action: exit by signal 1).
#include <signal.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <thread>
#include <string>

#include "config/unique_fd.h"
#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

// Disabled feeds in the startup test's config: they make the daemon's
// config load (read, parse, check) last long enough that a SIGHUP sent when
// the file is opened arrives before the event loop exists.
constexpr int kDisabledFeeds = 2'000;
// The gap between the SIGHUPs sent while the daemon stops.
constexpr std::chrono::microseconds kHangupGap{50};

class HangupTest : public E2eTest {
 protected:
  void SetUp() override {
    put_netease("/a/1.html", park_story());
    serve_feed(server, "/a/rss.xml", rss_feed("甲", url("/a/"), {entry("/a/1.html", park_story())}));
    config.feeds = {rss_spec("a", "/a/rss.xml")};
  }

  std::unique_ptr<DaemonProcess> spawn() {
    return std::make_unique<DaemonProcess>(JINGWEND,
                                           std::vector<std::string>{"--config", sandbox.config_path().string()},
                                           sandbox.out_path("daemon"), sandbox.err_path("daemon"));
  }

  // Waits (up to kLogDeadline) for an inotify event on `name` in `inotify`.
  static bool wait_for_event(int inotify, const std::string& name) {
    const auto deadline = Clock::now() + kLogDeadline;
    alignas(inotify_event) std::array<char, 4096> buffer;
    while (Clock::now() < deadline) {
      pollfd p{.fd = inotify, .events = POLLIN, .revents = 0};
      if (::poll(&p, 1, static_cast<int>(kPollInterval.count())) <= 0) continue;
      const ssize_t n = ::read(inotify, buffer.data(), buffer.size());
      for (ssize_t at = 0; at < n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + at);
        if (event->len > 0 && name == event->name) return true;
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
    return false;
  }

  // True once the child has exited. It is left a zombie, not reaped, so its
  // pid cannot be reused while the test still signals it; one the log waits
  // already reaped (ECHILD) has exited too.
  static bool exited(pid_t pid) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) return errno == ECHILD;
    return info.si_pid == pid;
  }
};

TEST_F(HangupTest, AHangupWhileTheConfigLoadsIsHeldUntilTheLoopRunsThenReloads) {
  for (int i = 0; i < kDisabledFeeds; ++i) {
    FeedSpec feed = rss_spec("off" + std::to_string(i), "/off/" + std::to_string(i) + ".xml");
    feed.extra = {"enabled = false"};
    config.feeds.push_back(feed);
  }
  sandbox.write_config(config);
  const config::UniqueFd inotify(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
  ASSERT_TRUE(inotify.ok());
  ASSERT_GE(::inotify_add_watch(inotify.get(), sandbox.root().c_str(), IN_OPEN), 0);

  auto daemon = spawn();
  ASSERT_TRUE(daemon->started()) << daemon->error();
  ASSERT_TRUE(wait_for_event(inotify.get(), sandbox.config_path().filename().string())) << DaemonLog(*daemon);
  ASSERT_TRUE(daemon->send(SIGHUP));

  ASSERT_TRUE(daemon->wait_for_log("ready")) << StatusOf(*daemon) << "\n" << DaemonLog(*daemon);
  EXPECT_TRUE(daemon->wait_for_log("reloaded")) << "the early SIGHUP was lost\n" << DaemonLog(*daemon);
  ASSERT_TRUE(daemon->send(SIGTERM));
  ASSERT_TRUE(daemon->wait_exit()) << DaemonLog(*daemon);
  EXPECT_TRUE(ExitedWith(*daemon, 0)) << StatusOf(*daemon) << "\n" << DaemonLog(*daemon);
}

TEST_F(HangupTest, HangupsWhileStoppingAndAfterStoppedAreIgnored) {
  // An article held back 1 s (shutdown_timeout is 2 s) keeps the daemon
  // stopping long enough for the test to see `stopping` before it exits.
  put_netease("/a/1.html", park_story(), default_related(), Millis{1'000});
  auto daemon = start_daemon("daemon");
  ASSERT_TRUE(DaemonProcess::wait_until([&] { return server.requests("/a/1.html") > 0; })) << DaemonLog(*daemon);
  ASSERT_TRUE(daemon->send(SIGTERM));
  // (A SIGHUP sent with the SIGTERM may be read first, and reload.)
  ASSERT_TRUE(daemon->wait_for_log("stopping")) << DaemonLog(*daemon);
  // SIGHUP after SIGHUP until the process is gone, through `stopped` and the
  // teardown that follows it (threads joined, the state closed).
  std::size_t sent = 0;
  while (!exited(daemon->pid())) {
    if (::kill(daemon->pid(), SIGHUP) == 0) ++sent;
    std::this_thread::sleep_for(kHangupGap);
  }
  ASSERT_TRUE(daemon->wait_exit()) << DaemonLog(*daemon);
  EXPECT_TRUE(ExitedWith(*daemon, 0)) << StatusOf(*daemon) << " after " << sent << " SIGHUPs\n" << DaemonLog(*daemon);
  EXPECT_EQ(daemon->events("stopped").size(), 1u) << DaemonLog(*daemon);
  EXPECT_EQ(daemon->events("spooled").size(), 1u) << "the article in flight finished\n" << DaemonLog(*daemon);
  EXPECT_TRUE(daemon->events("reloaded").empty()) << "reloaded while stopping\n" << DaemonLog(*daemon);
}

}  // namespace
}  // namespace e2e
