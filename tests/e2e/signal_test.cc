// SIGTERM / SIGINT: stop scheduling, let in-flight article work finish up to
// shutdown_timeout ("2s" here), cancel the rest (not marked seen), exit 0.
#include <signal.h>

#include <cstdlib>
#include <map>
#include <ostream>

#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

// The longest shutdown_timeout of these tests and the safety margin on top
// of it (sanitizer builds are slow to tear down).
constexpr Millis kShutdownTimeout{8'000};
constexpr Millis kStopMargin{15'000};

struct StopSignal {
  int number;
  const char* name;
};
void PrintTo(const StopSignal& s, std::ostream* os) { *os << s.name; }

class StopSignalTest : public E2eTest, public testing::WithParamInterface<StopSignal> {
 protected:
  const std::vector<std::string> paths_ = {"/netease/a/1.html", "/netease/a/2.html", "/netease/a/3.html"};
  const std::vector<const Story*> stories_ = {&park_story(), &library_story(), &hydrogen_story()};

  // The three articles, each response held back by `delay`, in an RSS feed
  // with an ETag; the daemon stops with `shutdown_timeout`.
  void serve_articles(Millis delay, const char* shutdown_timeout = "2s") {
    std::vector<FeedEntry> entries;
    for (std::size_t i = 0; i < paths_.size(); ++i) {
      put_netease(paths_[i], *stories_[i], default_related(), delay);
      entries.push_back(entry(paths_[i], *stories_[i]));
    }
    serve_feed(server, "/netease/rss.xml", rss_feed("网易号", url("/"), entries));
    config.feeds = {rss_spec("netease", "/netease/rss.xml")};
    config.shutdown_timeout = shutdown_timeout;
  }

  // Starts the daemon, waits for its first article request, signals it and
  // waits for it to exit. Returns which articles had been requested when
  // the signal went out.
  std::map<std::string, std::size_t> stop_mid_run(DaemonProcess& daemon) {
    std::map<std::string, std::size_t> requested;
    if (!daemon.wait_for_log("ready")) {
      ADD_FAILURE() << "no `ready`\n" << DaemonLog(daemon);
      return requested;
    }
    if (!DaemonProcess::wait_until([&] { return requests(paths_) > 0; })) {
      ADD_FAILURE() << "no article request\n" << DaemonLog(daemon);
      return requested;
    }
    for (const std::string& p : paths_) requested[p] = server.requests(p);
    EXPECT_TRUE(daemon.send(GetParam().number));
    if (!daemon.wait_exit(kShutdownTimeout + kStopMargin)) {
      ADD_FAILURE() << "still running " << (kShutdownTimeout + kStopMargin).count() << " ms after "
                    << GetParam().name << "\n" << DaemonLog(daemon);
    }
    return requested;
  }

  void expect_stop_logged(const DaemonProcess& daemon) {
    const auto stopping = daemon.events("stopping");
    ASSERT_EQ(stopping.size(), 1u) << DaemonLog(daemon);
    EXPECT_EQ(stopping[0].get("signal"), GetParam().name);
    const auto stopped = daemon.events("stopped");
    ASSERT_EQ(stopped.size(), 1u) << DaemonLog(daemon);
    EXPECT_TRUE(stopped[0].has("abandoned")) << stopped[0].raw;
  }

  // A later --once run (no delays) delivers what the stopped run did not:
  // in all, each story exactly once.
  void expect_next_run_delivers_the_rest() {
    serve_articles(Millis{0});
    auto next = run_once("next");
    ASSERT_TRUE(ExitedWith(*next, 0)) << StatusOf(*next) << "\n" << DaemonLog(*next);
    const std::vector<SpoolRecord> records = new_records();
    ASSERT_EQ(records.size(), paths_.size()) << DaemonLog(*next);
    for (std::size_t i = 0; i < paths_.size(); ++i) {
      const SpoolRecord* r = find_record(records, url(paths_[i]));
      ASSERT_NE(r, nullptr) << paths_[i] << "\n" << DaemonLog(*next);
      ExpectStoryRecord(*r, url(paths_[i]), "netease", *stories_[i], netease_chrome());
    }
  }
};

TEST_P(StopSignalTest, AbandonsArticlesSlowerThanTheShutdownTimeoutAndExitsZero) {
  // Each article takes 30 s to arrive: far longer than shutdown_timeout, so
  // a slow signal on a busy machine cannot let one in.
  serve_articles(Millis{30'000});
  auto daemon = start_daemon("daemon");
  stop_mid_run(*daemon);
  ASSERT_TRUE(ExitedWith(*daemon, 0)) << StatusOf(*daemon) << "\n" << DaemonLog(*daemon);
  expect_stop_logged(*daemon);
  EXPECT_TRUE(sandbox.new_files().empty()) << "nothing arrived before the timeout";
  const auto stopped = daemon->events("stopped");
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_GE(std::atoi(stopped[0].get("abandoned").c_str()), 1) << stopped[0].raw;
  EXPECT_EQ(stopped[0].get("spooled"), "0");
  // Abandoned work is not marked seen, even though the feed itself was read
  // (and answers the next poll with 304).
  expect_next_run_delivers_the_rest();
}

TEST_P(StopSignalTest, LetsInFlightArticlesFinishWithinTheShutdownTimeout) {
  // 800 ms per article: what is in flight when the signal comes finishes.
  // The generous timeout keeps a loaded (sanitizer) machine from turning
  // "finishes" into "abandoned"; the daemon exits as soon as the work is done.
  serve_articles(Millis{800}, "8s");
  auto daemon = start_daemon("daemon");
  const std::map<std::string, std::size_t> requested = stop_mid_run(*daemon);
  ASSERT_TRUE(ExitedWith(*daemon, 0)) << StatusOf(*daemon) << "\n" << DaemonLog(*daemon);
  expect_stop_logged(*daemon);
  const std::vector<SpoolRecord> records = new_records();
  for (const auto& [path, count] : requested) {
    if (count == 0) continue;
    EXPECT_NE(find_record(records, url(path)), nullptr)
        << path << " was in flight at the signal and should have been spooled\n" << DaemonLog(*daemon);
  }
  expect_next_run_delivers_the_rest();
}

INSTANTIATE_TEST_SUITE_P(Signals, StopSignalTest,
                         testing::Values(StopSignal{SIGTERM, "SIGTERM"}, StopSignal{SIGINT, "SIGINT"}),
                         [](const testing::TestParamInfo<StopSignal>& info) { return std::string(info.param.name); });

// A page still being cleaned when shutdown_timeout runs out is abandoned
// like a fetch: the daemon exits then, without waiting for the worker, and
// does not spool it afterwards (before, SIGTERM with a 2 s timeout took
// 23 s and logged `spooled` after `shutdown-timeout`).
TEST_F(E2eTest, SigtermAbandonsCleaningThatOutlastsTheShutdownTimeout) {
  // Three 30 MiB pages of paragraphs, each seconds of cleaning, two workers:
  // the signal comes at the first page's arrival, the timeout is 1 s.
  const std::vector<std::string> paths = {"/big/1.html", "/big/2.html", "/big/3.html"};
  std::vector<FeedEntry> entries;
  for (const std::string& path : paths) {
    std::string page = "<html><head><meta charset=utf-8><title>大页面</title></head><body><div class=post_body>";
    for (int i = 0; page.size() < (std::size_t{30} << 20); ++i) {
      page += "<p>" + path + "第" + std::to_string(i) + "段：一个很大的页面，清理它要用好几秒钟。</p>";
    }
    serve_page(server, path, page + "</div></body></html>");
    entries.push_back({.title = path, .link = url(path), .pub_date = kFirstPubDate});
  }
  serve_feed(server, "/big/rss.xml", rss_feed("big", url("/"), entries));
  config.feeds = {rss_spec("big", "/big/rss.xml")};
  config.shutdown_timeout = "1s";
  config.extra = {"max_body = \"32MiB\""};
  auto daemon = start_daemon("daemon");
  ASSERT_TRUE(daemon->wait_for_log("article-fetched")) << DaemonLog(*daemon);
  EXPECT_TRUE(daemon->send(SIGTERM));
  ASSERT_TRUE(daemon->wait_exit()) << DaemonLog(*daemon);
  EXPECT_TRUE(ExitedWith(*daemon, 0)) << StatusOf(*daemon) << "\n" << DaemonLog(*daemon);
  const auto timeout = daemon->events("shutdown-timeout");
  ASSERT_EQ(timeout.size(), 1u) << DaemonLog(*daemon);
  EXPECT_NE(timeout[0].get("cleaning"), "0") << timeout[0].raw;
  EXPECT_EQ(daemon->events("exit-abandoning").size(), 1u) << DaemonLog(*daemon);
  EXPECT_TRUE(daemon->events("spooled").empty()) << DaemonLog(*daemon);
  EXPECT_TRUE(sandbox.new_files().empty());
}

}  // namespace
}  // namespace e2e
