// [sink] kind = "redis": jingwend drains spool/new into a real redis-server's
// stream. Redis is stopped and restarted mid-run and the daemon is killed
// with SIGKILL once; at the end every article is in the stream, each record
// whole, and no key appears more often than the crashes allow.
#include <csignal>
#include <filesystem>
#include <map>
#include <thread>

#include "sink/sink.h"
#include "tests/e2e/e2e_test.h"
#include "tests/e2e/redis_server.h"

namespace e2e {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStream = "jingwen:test";

class RedisSinkTest : public E2eTest {
 protected:
  void SetUp() override {
    if (!RedisServer::available()) GTEST_SKIP() << RedisServer::kMissing;
    ASSERT_TRUE(redis_.start()) << redis_.log();
  }
  void TearDown() override { redis_.stop(); }

  // `count` numbered articles in three RSS feeds; pages held back by
  // `delay` so that the run lasts a while.
  void publish(int count, std::chrono::milliseconds delay) {
    std::vector<FeedEntry> feeds[3];
    for (int i = 0; i < count; ++i) {
      const std::string path = "/art/" + std::to_string(i) + ".html";
      stories_[url(path)] = numbered_story(i);
      serve_page(server, path, netease_page(stories_[url(path)]), delay);
      feeds[i % 3].push_back(entry(path, stories_[url(path)]));
    }
    config.feeds.clear();
    const char* const names[] = {"f0", "f1", "f2"};
    for (int f = 0; f < 3; ++f) {
      const std::string path = "/feed/" + std::to_string(f) + ".xml";
      serve_feed(server, path, rss_feed("feed", url("/"), feeds[f]));
      config.feeds.push_back(rss_spec(names[f], path));
    }
    // 10 s: an XADD that times out was still applied, and its retry would add
    // it twice; appendfsync always can stall that long on a busy disk. A
    // stopped server refuses the connection at once whatever the timeout.
    config.extra = {"near_duplicate_distance = -1", "[sink]", "kind = \"redis\"", "url = \"" + redis_.url() + "\"",
                    "stream = \"" + std::string(kStream) + "\"", "timeout = \"10s\""};
  }

  std::vector<sink::StreamEntry> stream() {
    std::string error;
    std::optional<sink::RedisClient> client = sink::RedisClient::connect({.port = redis_.port()}, &error);
    if (!client) {
      ADD_FAILURE() << error;
      return {};
    }
    auto entries = client->range(kStream, &error);
    EXPECT_TRUE(entries.has_value()) << error;
    return entries.value_or(std::vector<sink::StreamEntry>{});
  }

  // Every article once at least, each whole; returns how many keys came twice or more.
  int check_stream(const std::vector<sink::StreamEntry>& entries) {
    std::map<std::string, int> per_key;
    std::map<std::string, int> per_url;
    for (const sink::StreamEntry& e : entries) {
      ++per_key[e.field("key")];
      EXPECT_EQ(e.field("format"), "json");
      std::string error;
      const std::optional<Json> record = parse_json(e.field("record"), &error);
      if (!record) {
        ADD_FAILURE() << "entry " << e.id << ": " << error;
        continue;
      }
      const Json* url_field = record->find("url");
      if (url_field == nullptr || !url_field->is_string()) {
        ADD_FAILURE() << "entry " << e.id << " has no url";
        continue;
      }
      ++per_url[url_field->string];
      const auto story = stories_.find(url_field->string);
      if (story == stories_.end()) {
        ADD_FAILURE() << "entry " << e.id << " is for an unknown URL " << url_field->string;
        continue;
      }
      EXPECT_EQ(record->find("text")->string, story->second.text()) << url_field->string;
      EXPECT_EQ(e.field("key"), expected_record_name(url_field->string, story->second.text(), ""));
    }
    for (const auto& [url, story] : stories_) EXPECT_EQ(per_url.count(url), 1u) << url << " never reached the stream";
    int repeated = 0;
    for (const auto& [key, n] : per_key) repeated += n > 1 ? 1 : 0;
    return repeated;
  }

  fs::path redis_dir_ = sandbox.root() / "redis";
  RedisServer redis_{redis_dir_};
  std::map<std::string, Story> stories_;
};

TEST_F(RedisSinkTest, OnceDrainsTheSpoolIntoTheStream) {
  publish(12, std::chrono::milliseconds{0});
  auto run = run_once("once");
  ASSERT_TRUE(ExitedWith(*run, 0)) << StatusOf(*run) << "\n" << DaemonLog(*run);
  EXPECT_TRUE(sandbox.new_files().empty()) << "left in new/: " << testing::PrintToString(sandbox.new_files());
  EXPECT_EQ(sandbox.cur_files().size(), 12u);
  const auto entries = stream();
  EXPECT_EQ(entries.size(), 12u);
  EXPECT_EQ(check_stream(entries), 0);
  EXPECT_EQ(run->wait_for_log("once-done")->get("delivered"), "12");
}

TEST_F(RedisSinkTest, RecordsWaitInTheSpoolWhileRedisIsDown) {
  publish(6, std::chrono::milliseconds{0});
  redis_.stop();
  auto down = run_once("down");
  // The articles are safe in the spool: the run did its job.
  ASSERT_TRUE(ExitedWith(*down, 0)) << StatusOf(*down) << "\n" << DaemonLog(*down);
  const auto failed = down->wait_for_log("sink-failed");
  ASSERT_TRUE(failed.has_value()) << DaemonLog(*down);
  EXPECT_NE(failed->get("message").find("redis 127.0.0.1:" + std::to_string(redis_.port())), std::string::npos)
      << failed->raw;
  EXPECT_EQ(sandbox.new_files().size(), 6u);

  ASSERT_TRUE(redis_.start()) << redis_.log();
  auto up = run_once("up");  // nothing new to fetch; the spool drains
  ASSERT_TRUE(ExitedWith(*up, 0)) << StatusOf(*up) << "\n" << DaemonLog(*up);
  EXPECT_TRUE(sandbox.new_files().empty());
  EXPECT_EQ(check_stream(stream()), 0);
}

TEST_F(RedisSinkTest, EveryRecordArrivesThroughRedisRestartsAndADaemonKill) {
  constexpr int kArticles = 60;
  publish(kArticles, std::chrono::milliseconds{40});
  config.per_host_concurrency = 2;
  auto first = start_daemon("first");
  ASSERT_TRUE(first->wait_for_log("delivered").has_value()) << DaemonLog(*first);

  // Redis goes away while articles keep arriving; they wait in new/.
  redis_.stop();
  ASSERT_TRUE(first->wait_for_log("sink-failed").has_value()) << DaemonLog(*first);
  ASSERT_TRUE(first->wait_for_nth_log("spooled", 20).has_value()) << DaemonLog(*first);
  ASSERT_TRUE(redis_.start()) << redis_.log();
  ASSERT_TRUE(first->wait_for_log("sink-recovered").has_value()) << DaemonLog(*first);

  // A crash mid-run: SIGKILL, then a fresh daemon on the same spool and state.
  ASSERT_TRUE(first->wait_for_nth_log("spooled", 35).has_value()) << DaemonLog(*first);
  first->send(SIGKILL);
  first->wait_exit();
  auto second = start_daemon("second");

  // Redis killed outright this time, while the second daemon delivers; what
  // it acknowledged is on disk. On a slow machine the first daemon may have
  // delivered everything before its kill, leaving the second nothing to do.
  ASSERT_TRUE(DaemonProcess::wait_until([&] {
    return !second->events("delivered").empty() ||
           (sandbox.cur_files().size() == static_cast<std::size_t>(kArticles) && sandbox.new_files().empty());
  })) << DaemonLog(*second);
  redis_.kill();
  ASSERT_TRUE(redis_.start()) << redis_.log();

  const bool drained = DaemonProcess::wait_until(
      [&] { return sandbox.cur_files().size() == static_cast<std::size_t>(kArticles) && sandbox.new_files().empty(); },
      std::chrono::milliseconds{60'000});
  second->send(SIGTERM);
  second->wait_exit();
  ASSERT_TRUE(drained) << "new/ " << sandbox.new_files().size() << ", cur/ " << sandbox.cur_files().size() << "\n"
                       << DaemonLog(*second);
  const auto entries = stream();
  const int repeated = check_stream(entries);
  EXPECT_LE(repeated, 1) << "one daemon crash allows one record sent twice";
  std::cout << "redis sink: " << kArticles << " articles, " << entries.size() << " stream entries, " << repeated
            << " sent twice; redis stopped once and killed once, the daemon killed once\n";
}

}  // namespace
}  // namespace e2e
