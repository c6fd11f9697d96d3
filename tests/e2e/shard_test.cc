// shard = "i/N": the instance the feed's host maps to polls it and spools
// its articles; the others leave it alone and say so in their start line.
#include <csignal>
#include <thread>

#include "config/config.h"
#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

class ShardTest : public E2eTest {
 protected:
  void serve_one_feed() {
    put_netease("/a/1.html", park_story());
    serve_feed(server, "/rss.xml", rss_feed("网易号", url("/"), {entry("/a/1.html", park_story())}));
    config.feeds = {rss_spec("netease", "/rss.xml")};
  }
};

constexpr int kInstances = 3;

TEST_F(ShardTest, OnlyTheHostsInstancePollsTheFeed) {
  serve_one_feed();
  const int owner = config::shard_of_host("127.0.0.1", kInstances);

  const int other = (owner + 1) % kInstances;
  config.extra = {"shard = \"" + std::to_string(other) + "/" + std::to_string(kInstances) + "\""};
  auto idle = run_once("other");
  ASSERT_TRUE(ExitedWith(*idle, 0)) << StatusOf(*idle) << "\n" << DaemonLog(*idle);
  const auto start = idle->wait_for_log("start");
  ASSERT_TRUE(start.has_value()) << DaemonLog(*idle);
  EXPECT_EQ(start->get("feeds"), "0") << start->raw;
  EXPECT_EQ(start->get("configured_feeds"), "1") << start->raw;
  EXPECT_EQ(start->get("shard"), std::to_string(other) + "/3") << start->raw;
  EXPECT_EQ(server.requests(), 0u);
  EXPECT_TRUE(new_records().empty());

  config.extra = {"shard = \"" + std::to_string(owner) + "/" + std::to_string(kInstances) + "\""};
  auto busy = run_once("owner");
  ASSERT_TRUE(ExitedWith(*busy, 0)) << StatusOf(*busy) << "\n" << DaemonLog(*busy);
  EXPECT_EQ(busy->wait_for_log("start")->get("feeds"), "1");
  const std::vector<SpoolRecord> records = new_records();
  ASSERT_EQ(records.size(), 1u) << DaemonLog(*busy);
  ExpectStoryRecord(records[0], url("/a/1.html"), "netease", park_story(), netease_chrome());
}

TEST_F(ShardTest, AReloadToAnotherShardDropsTheFeed) {
  serve_one_feed();
  const int owner = config::shard_of_host("127.0.0.1", kInstances);
  config.extra = {"shard = \"" + std::to_string(owner) + "/" + std::to_string(kInstances) + "\""};
  auto daemon = start_daemon("reload");
  ASSERT_TRUE(daemon->wait_for_log("spooled").has_value()) << DaemonLog(*daemon);

  config.extra = {"shard = \"" + std::to_string((owner + 1) % kInstances) + "/" + std::to_string(kInstances) + "\""};
  sandbox.write_config(config);
  ASSERT_TRUE(daemon->send(SIGHUP));
  const auto reloaded = daemon->wait_for_log("reloaded");
  ASSERT_TRUE(reloaded.has_value()) << DaemonLog(*daemon);
  EXPECT_EQ(reloaded->get("feeds"), "0") << reloaded->raw;
  // The feed's interval is 1 s: a feed still polled would be asked again. A
  // poll already under way at the reload may still arrive: let it first.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const std::size_t asked = server.requests("/rss.xml");
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(server.requests("/rss.xml"), asked);
  ASSERT_TRUE(daemon->send(SIGTERM));
  ASSERT_TRUE(daemon->wait_exit().has_value());
}

}  // namespace
}  // namespace e2e
