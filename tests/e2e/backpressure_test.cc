// Back-pressure: with max_pending = 2, article fetching pauses while spool
// new/ holds two records and resumes when a consumer drains it. Nothing is
// dropped, and --once waits out the pause.
#include <signal.h>

#include <thread>

#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

// The daemon rechecks a pause every second; a pause lasting this long has
// been rechecked at least once, and must still have been logged only once.
constexpr Millis kHoldPause{1'500};

class BackPressureTest : public E2eTest {};

TEST_F(BackPressureTest, AFullSpoolPausesFetchingUntilAConsumerDrainsIt) {
  struct Article {
    std::string path;
    const Story* story;
  };
  const std::vector<Article> articles = {{"/netease/a/1.html", &park_story()},
                                         {"/netease/a/2.html", &library_story()},
                                         {"/netease/a/3.html", &hydrogen_story()},
                                         {"/gov/art/t20240301_31.html", &irrigation_notice()},
                                         {"/gov/art/t20240220_7.html", &elderly_care_notice()}};
  std::vector<FeedEntry> entries;
  std::vector<std::string> paths;
  for (const Article& a : articles) {
    if (a.path.starts_with("/gov/")) {
      put_gov(a.path, *a.story, a.story == &irrigation_notice() ? irrigation_info() : elderly_care_info());
    } else {
      put_netease(a.path, *a.story);
    }
    entries.push_back(entry(a.path, *a.story));
    paths.push_back(a.path);
  }
  serve_feed(server, "/netease/rss.xml", rss_feed("网易号", url("/"), entries));
  config.feeds = {rss_spec("mixed", "/netease/rss.xml")};
  config.max_pending = 2;
  // One fetch at a time: each record is in new/ before the next fetch is
  // considered, so the pause comes at exactly two. (With more in flight,
  // fetches that passed the gate before the second record landed finish
  // while paused: nothing is dropped, but the count would be 2 + those.)
  config.extra = {"max_in_flight = 1"};

  auto daemon = start_once("once");
  ASSERT_TRUE(daemon->started()) << daemon->error();

  // Two episodes: 2 records, pause, drain, resume; 2 more, pause, drain,
  // resume; then the last one and the end of the run.
  std::size_t consumed = 0;
  for (std::size_t episode = 1; episode <= 2; ++episode) {
    SCOPED_TRACE("episode " + std::to_string(episode));
    const auto paused = daemon->wait_for_nth_log("paused", episode);
    ASSERT_TRUE(paused) << DaemonLog(*daemon);
    EXPECT_EQ(paused->get("reason"), "max-pending");
    EXPECT_EQ(paused->get("pending"), "2");
    EXPECT_EQ(sandbox.new_files().size(), 2u);
    std::this_thread::sleep_for(kHoldPause);
    EXPECT_TRUE(daemon->running()) << "--once waits while paused\n" << DaemonLog(*daemon);
    EXPECT_EQ(daemon->events("paused").size(), episode) << "one `paused` per pause\n" << DaemonLog(*daemon);
    EXPECT_EQ(sandbox.new_files().size(), 2u) << "nothing written while paused";
    EXPECT_EQ(requests(paths), consumed + 2) << "nothing fetched while paused";
    consumed += static_cast<std::size_t>(sandbox.consume_new());
    ASSERT_TRUE(daemon->wait_for_nth_log("resumed", episode))
        << DaemonLog(*daemon);
  }
  ASSERT_TRUE(daemon->wait_exit()) << DaemonLog(*daemon);
  EXPECT_TRUE(ExitedWith(*daemon, 0)) << StatusOf(*daemon) << "\n" << DaemonLog(*daemon);
  EXPECT_EQ(daemon->events("paused").size(), 2u) << DaemonLog(*daemon);

  // Every article exactly once across new/ and cur/.
  std::vector<SpoolRecord> records = read_records(sandbox.spool_dir() / "cur");
  EXPECT_EQ(records.size(), 4u);
  for (SpoolRecord& r : new_records()) records.push_back(std::move(r));
  ASSERT_EQ(records.size(), articles.size()) << DaemonLog(*daemon);
  for (const Article& a : articles) {
    SCOPED_TRACE(a.path);
    const SpoolRecord* r = find_record(records, url(a.path));
    ASSERT_NE(r, nullptr) << DaemonLog(*daemon);
    ExpectStoryRecord(*r, url(a.path), "mixed", *a.story, a.path.starts_with("/gov/") ? gov_chrome() : netease_chrome());
    EXPECT_EQ(server.requests(a.path), 1u);
  }
}

// --once waits while paused, but SIGTERM ends the wait, and like any
// requested stop it exits 0.
TEST_F(BackPressureTest, SigtermEndsAOnceRunWaitingOnAFullSpool) {
  put_netease("/netease/a/1.html", park_story());
  put_netease("/netease/a/2.html", library_story());
  serve_feed(server, "/netease/rss.xml",
             rss_feed("网易号", url("/"), {entry("/netease/a/1.html", park_story()),
                                           entry("/netease/a/2.html", library_story())}));
  config.feeds = {rss_spec("netease", "/netease/rss.xml")};
  config.max_pending = 1;
  config.extra = {"max_in_flight = 1"};

  auto daemon = start_once("once");
  ASSERT_TRUE(daemon->wait_for_log("paused")) << DaemonLog(*daemon);
  ASSERT_TRUE(daemon->send(SIGTERM));
  ASSERT_TRUE(daemon->wait_exit()) << DaemonLog(*daemon);
  // A requested stop is a success (exit 0) even with work left: what was
  // abandoned is not marked seen and comes on the next run.
  EXPECT_TRUE(ExitedWith(*daemon, 0)) << StatusOf(*daemon) << "\n" << DaemonLog(*daemon);
  const std::vector<LogLine> stopped = daemon->events("stopped");
  ASSERT_EQ(stopped.size(), 1u) << DaemonLog(*daemon);
  EXPECT_EQ(stopped[0].get("abandoned"), "1") << DaemonLog(*daemon);
  EXPECT_EQ(daemon->events("stopping").size(), 1u) << DaemonLog(*daemon);
  EXPECT_EQ(sandbox.new_files().size(), 1u);
  EXPECT_EQ(server.requests("/netease/a/1.html") + server.requests("/netease/a/2.html"), 1u);
}

}  // namespace
}  // namespace e2e
