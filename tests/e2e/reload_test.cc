// SIGHUP reloads the config file. A broken file (bad TOML, or good TOML
// with a bad key) is logged as `reload-failed` naming FILE:LINE:COLUMN and
// the old feeds keep running; a good one replaces the feed set.
#include <signal.h>

#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

class ReloadTest : public E2eTest {
 protected:
  void SetUp() override {
    put_netease("/a/1.html", park_story());
    serve_feed(server, "/a/rss.xml", rss_feed("甲", url("/a/"), {entry("/a/1.html", park_story())}));
    put_netease("/b/1.html", library_story());
    put_netease("/b/2.html", hydrogen_story());
    serve_feed(server, "/b/rss.xml",
               rss_feed("乙", url("/b/"), {entry("/b/1.html", library_story()), entry("/b/2.html", hydrogen_story())}));
    config.feeds = {rss_spec("a", "/a/rss.xml")};
  }

  // Waits until feed A has been polled again after now: the old config runs.
  void expect_feed_a_still_polled(DaemonProcess& daemon) {
    const std::size_t before = server.requests("/a/rss.xml");
    EXPECT_TRUE(DaemonProcess::wait_until([&] { return server.requests("/a/rss.xml") >= before + 2; }))
        << "feed A (interval 1s) not polled after the failed reload\n" << DaemonLog(daemon);
    EXPECT_TRUE(daemon.running()) << StatusOf(daemon) << "\n" << DaemonLog(daemon);
  }

  // Sends SIGHUP and returns the `reload-failed` line number `nth` (1-based).
  std::optional<LogLine> hup_and_expect_failure(DaemonProcess& daemon, std::size_t nth) {
    EXPECT_TRUE(daemon.send(SIGHUP));
    return daemon.wait_for_nth_log("reload-failed", nth);
  }
};

TEST_F(ReloadTest, BadConfigsAreRefusedAndTheOldFeedsKeepRunningThenAGoodOneAddsAFeed) {
  auto daemon = start_daemon("daemon");
  ASSERT_TRUE(daemon->wait_for_log("spooled")) << DaemonLog(*daemon);
  const std::string path = sandbox.config_path().string();

  // 1. Broken TOML: an unclosed table header.
  const std::string good_text = render_config(config, sandbox.spool_dir(), sandbox.state_dir());
  const std::string broken = good_text + "\n[[feed]\nname = \"b\"\n";
  sandbox.write_file(path, broken);
  const int broken_line = line_of(broken, "[[feed]\nname = \"b\"");
  auto failed = hup_and_expect_failure(*daemon, 1);
  ASSERT_TRUE(failed) << DaemonLog(*daemon);
  EXPECT_EQ(failed->get("level"), "error");
  EXPECT_TRUE(StartsWithPosition(failed->get("error"), path, broken_line))
      << "want " << path << ":" << broken_line << ":COLUMN: ...\n" << failed->raw;
  expect_feed_a_still_polled(*daemon);

  // 2. Valid TOML, unknown key on line 1.
  const std::string bad_key = "wrkers = 2\n" + good_text;
  sandbox.write_file(path, bad_key);
  failed = hup_and_expect_failure(*daemon, 2);
  ASSERT_TRUE(failed) << DaemonLog(*daemon);
  EXPECT_TRUE(StartsWithPosition(failed->get("error"), path, 1)) << failed->raw;
  EXPECT_NE(failed->get("error").find("wrkers"), std::string::npos) << failed->raw;
  expect_feed_a_still_polled(*daemon);
  EXPECT_TRUE(daemon->events("reloaded").empty()) << DaemonLog(*daemon);

  // 3. A good config adding feed B: reloaded, B's articles spooled, A's
  // state kept (its article is not fetched again).
  config.feeds.push_back(rss_spec("b", "/b/rss.xml"));
  sandbox.write_config(config);
  ASSERT_TRUE(daemon->send(SIGHUP));
  const auto reloaded = daemon->wait_for_log("reloaded");
  ASSERT_TRUE(reloaded) << DaemonLog(*daemon);
  EXPECT_EQ(reloaded->get("feeds"), "2");
  for (const std::string p : {"/b/1.html", "/b/2.html"}) {
    EXPECT_TRUE(daemon->wait_for_log("spooled", [&](const LogLine& l) { return l.get("url") == url(p); }))
        << p << "\n" << DaemonLog(*daemon);
  }
  ASSERT_TRUE(daemon->send(SIGTERM));
  ASSERT_TRUE(daemon->wait_exit()) << DaemonLog(*daemon);
  EXPECT_TRUE(ExitedWith(*daemon, 0)) << StatusOf(*daemon) << "\n" << DaemonLog(*daemon);

  EXPECT_EQ(server.requests("/a/1.html"), 1u);
  const std::vector<SpoolRecord> records = new_records();
  ASSERT_EQ(records.size(), 3u) << DaemonLog(*daemon);
  ASSERT_NE(find_record(records, url("/a/1.html")), nullptr);
  ExpectStoryRecord(*find_record(records, url("/a/1.html")), url("/a/1.html"), "a", park_story(), netease_chrome());
  ASSERT_NE(find_record(records, url("/b/1.html")), nullptr);
  ExpectStoryRecord(*find_record(records, url("/b/1.html")), url("/b/1.html"), "b", library_story(), netease_chrome());
  ASSERT_NE(find_record(records, url("/b/2.html")), nullptr);
  ExpectStoryRecord(*find_record(records, url("/b/2.html")), url("/b/2.html"), "b", hydrogen_story(), netease_chrome());
}

// A feed whose URL changes under the same name is a new feed: the old URL's
// ETag must not be sent to the new one. The new server here answers 304 to
// any If-None-Match, so a stale validator would hide its items for ever.
TEST_F(ReloadTest, ANewURLUnderTheSameNameStartsWithoutTheOldValidators) {
  const std::string b_feed = rss_feed("乙", url("/b/"), {entry("/b/1.html", library_story())});
  server.on("/c/rss.xml", [b_feed](const testsupport::ServerRequest& r) {
    if (r.has_header("If-None-Match")) {
      testsupport::ServerResponse not_modified;
      not_modified.status = 304;
      return not_modified;
    }
    testsupport::ServerResponse ok = testsupport::ServerResponse::text(200, b_feed, "application/rss+xml");
    ok.headers.emplace_back("ETag", "\"c-1\"");
    return ok;
  });
  auto daemon = start_daemon("daemon");
  ASSERT_TRUE(daemon->wait_for_log("spooled")) << DaemonLog(*daemon);

  config.feeds = {rss_spec("a", "/c/rss.xml")};
  sandbox.write_config(config);
  ASSERT_TRUE(daemon->send(SIGHUP));
  ASSERT_TRUE(daemon->wait_for_log("reloaded")) << DaemonLog(*daemon);
  EXPECT_TRUE(daemon->wait_for_log("spooled", [&](const LogLine& l) { return l.get("url") == url("/b/1.html"); }))
      << DaemonLog(*daemon);
  ASSERT_TRUE(daemon->send(SIGTERM));
  ASSERT_TRUE(daemon->wait_exit()) << DaemonLog(*daemon);
  EXPECT_TRUE(ExitedWith(*daemon, 0)) << StatusOf(*daemon) << "\n" << DaemonLog(*daemon);
}

// The old URL's article still in flight when the URL changes must not count
// against the new URL's run: it used to settle the new run's one item, so
// the new feed's ETag was saved while its own article was still in flight;
// SIGTERM abandoned that article, and the next run got 304 and never
// fetched it. Now the ETag waits for the new run's own item, and the
// abandoned article arrives on the next run.
TEST_F(ReloadTest, AnOldURLsArticleInFlightDoesNotSettleTheNewURLsItems) {
  put_netease("/old/1.html", park_story(), default_related(), Millis{3'000});
  serve_feed(server, "/old/rss.xml", rss_feed("甲", url("/old/"), {entry("/old/1.html", park_story())}));
  put_netease("/new/1.html", library_story(), default_related(), Millis{30'000});
  serve_feed(server, "/new/rss.xml", rss_feed("甲", url("/new/"), {entry("/new/1.html", library_story())}));
  config.feeds = {rss_spec("a", "/old/rss.xml")};
  config.shutdown_timeout = "1s";
  auto daemon = start_daemon("daemon");
  ASSERT_TRUE(DaemonProcess::wait_until([&] { return server.requests("/old/1.html") > 0; })) << DaemonLog(*daemon);

  config.feeds = {rss_spec("a", "/new/rss.xml")};
  sandbox.write_config(config);
  ASSERT_TRUE(daemon->send(SIGHUP));
  ASSERT_TRUE(daemon->wait_for_log("reloaded")) << DaemonLog(*daemon);
  ASSERT_TRUE(DaemonProcess::wait_until([&] { return server.requests("/new/1.html") > 0; })) << DaemonLog(*daemon);
  // The old article lands while the new one is still held back.
  ASSERT_TRUE(daemon->wait_for_log("spooled", [&](const LogLine& l) { return l.get("url") == url("/old/1.html"); }))
      << DaemonLog(*daemon);
  ASSERT_TRUE(daemon->send(SIGTERM));
  ASSERT_TRUE(daemon->wait_exit()) << DaemonLog(*daemon);
  EXPECT_TRUE(ExitedWith(*daemon, 0)) << StatusOf(*daemon) << "\n" << DaemonLog(*daemon);
  for (const LogLine& line : daemon->events("spooled")) EXPECT_NE(line.get("url"), url("/new/1.html")) << line.raw;

  put_netease("/new/1.html", library_story());
  auto next = run_once("next");
  ASSERT_TRUE(ExitedWith(*next, 0)) << StatusOf(*next) << "\n" << DaemonLog(*next);
  const std::vector<SpoolRecord> records = new_records();
  const SpoolRecord* record = find_record(records, url("/new/1.html"));
  ASSERT_NE(record, nullptr) << "the new URL's article was lost\n" << DaemonLog(*next);
  ExpectStoryRecord(*record, url("/new/1.html"), "a", library_story(), netease_chrome());
}

// The same page listed under the new URL while the old URL's run still
// fetches it: the new run cannot queue it (one job per page) and must not
// count it as settled. Its ETag used to be saved at once; SIGTERM then
// abandoned the page, and the next run's 304 hid it for good.
TEST_F(ReloadTest, APageTheOldURLStillFetchesIsNotSettledForTheNewURL) {
  put_netease("/x/1.html", park_story(), default_related(), Millis{30'000});
  serve_feed(server, "/old/rss.xml", rss_feed("甲", url("/x/"), {entry("/x/1.html", park_story())}));
  serve_feed(server, "/new/rss.xml", rss_feed("甲", url("/x/"), {entry("/x/1.html", park_story())}));
  config.feeds = {rss_spec("a", "/old/rss.xml")};
  config.shutdown_timeout = "1s";
  auto daemon = start_daemon("daemon");
  ASSERT_TRUE(DaemonProcess::wait_until([&] { return server.requests("/x/1.html") > 0; })) << DaemonLog(*daemon);

  config.feeds = {rss_spec("a", "/new/rss.xml")};
  sandbox.write_config(config);
  ASSERT_TRUE(daemon->send(SIGHUP));
  ASSERT_TRUE(daemon->wait_for_log("feed-fetched", [&](const LogLine& l) { return l.get("url") == url("/new/rss.xml"); }))
      << DaemonLog(*daemon);
  ASSERT_TRUE(daemon->send(SIGTERM));
  ASSERT_TRUE(daemon->wait_exit()) << DaemonLog(*daemon);
  EXPECT_TRUE(ExitedWith(*daemon, 0)) << StatusOf(*daemon) << "\n" << DaemonLog(*daemon);
  ASSERT_TRUE(new_records().empty()) << DaemonLog(*daemon);

  put_netease("/x/1.html", park_story());
  auto next = run_once("next");
  ASSERT_TRUE(ExitedWith(*next, 0)) << StatusOf(*next) << "\n" << DaemonLog(*next);
  const std::vector<SpoolRecord> records = new_records();
  ASSERT_NE(find_record(records, url("/x/1.html")), nullptr) << "the abandoned page was lost\n" << DaemonLog(*next);
}

}  // namespace
}  // namespace e2e
