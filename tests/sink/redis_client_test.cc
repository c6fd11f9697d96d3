// sink::RedisClient and the Redis sink against a real redis-server on a
// loopback port (tests/e2e/redis_server.h).
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include "sink/sink.h"
#include "tests/e2e/redis_server.h"

namespace sink {
namespace {

class RedisTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!e2e::RedisServer::available()) GTEST_SKIP() << e2e::RedisServer::kMissing;
    ASSERT_TRUE(redis_.start()) << redis_.log();
  }

  void TearDown() override {
    redis_.stop();
    if (!HasFailure()) std::filesystem::remove_all(dir_);
  }

  RedisOptions options() const { return {.port = redis_.port(), .timeout = Millis{2000}}; }

  RedisClient connect() {
    std::string error;
    std::optional<RedisClient> client = RedisClient::connect(options(), &error);
    if (!client) ADD_FAILURE() << error;
    return std::move(*client);
  }

  std::vector<StreamEntry> entries(std::string_view stream) {
    std::string error;
    auto got = connect().range(stream, &error);
    EXPECT_TRUE(got.has_value()) << error;
    return got.value_or(std::vector<StreamEntry>{});
  }

  std::filesystem::path dir_ = std::filesystem::path(testing::TempDir()) /
                               ("jingwen_redis_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) +
                                "_" + std::to_string(getpid()));
  e2e::RedisServer redis_{dir_};
};

TEST_F(RedisTest, XaddKeepsFieldsBinarySafeAndInOrder) {
  RedisClient client = connect();
  const std::string record = std::string("{\"text\":\"第一段。\\n第二段\"}") + '\0' + "tail";
  std::string error;
  const auto id = client.xadd({.stream = "s"}, {{"key", "abc-def"}, {"format", "json"}, {"record", record}}, &error);
  ASSERT_TRUE(id.has_value()) << error;
  const std::vector<StreamEntry> got = entries("s");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].id, *id);
  ASSERT_EQ(got[0].fields.size(), 3u);
  EXPECT_EQ(got[0].fields[0].first, "key");
  EXPECT_EQ(got[0].field("key"), "abc-def");
  EXPECT_EQ(got[0].field("record"), record);  // NUL and all
}

TEST_F(RedisTest, MaxlenTrimsTheStreamRoughly) {
  RedisClient client = connect();
  std::string error;
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(client.xadd({.stream = "t", .maxlen = 50}, {{"i", std::to_string(i)}}, &error)) << error;
  }
  const std::vector<StreamEntry> got = entries("t");
  // "~": Redis trims whole macro nodes (100 entries by default), never below 50.
  EXPECT_GE(got.size(), 50u);
  EXPECT_LT(got.size(), 200u);
  EXPECT_EQ(got.back().field("i"), "999");
}

TEST_F(RedisTest, AGroupReadsNewEntriesAndKeepsTheUnacknowledged) {
  RedisClient client = connect();
  ASSERT_EQ(client.create_group("g", "readers"), "");
  ASSERT_EQ(client.create_group("g", "readers"), "");  // exists: fine
  std::string error;
  for (const char* k : {"a", "b", "c"}) ASSERT_TRUE(client.xadd({.stream = "g"}, {{"key", k}}, &error)) << error;
  const auto first = client.read_group("g", "readers", "one", ">", 10, Millis{100}, &error);
  ASSERT_TRUE(first.has_value()) << error;
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ((*first)[0].field("key"), "a");
  EXPECT_EQ(client.ack("g", "readers", (*first)[0].id), "");
  const auto pending = client.read_group("g", "readers", "one", "0", 10, Millis{100}, &error);
  ASSERT_TRUE(pending.has_value()) << error;
  ASSERT_EQ(pending->size(), 2u);  // b and c were read but not acknowledged
  EXPECT_EQ((*pending)[0].field("key"), "b");
  const auto none = client.read_group("g", "readers", "one", ">", 10, Millis{100}, &error);
  ASSERT_TRUE(none.has_value()) << error;
  EXPECT_TRUE(none->empty());  // BLOCK passed with nothing new
}

TEST_F(RedisTest, TheSinkReconnectsAfterARestartAndNamesTheServerWhenDown) {
  const std::unique_ptr<Sink> sink = make_redis_sink(options(), {.stream = "articles"});
  EXPECT_EQ(sink->deliver({.key = "k1", .format = "json", .bytes = "{}"}), "");
  redis_.stop();
  const std::string down = sink->deliver({.key = "k2", .format = "json", .bytes = "{}"});
  EXPECT_NE(down.find("redis 127.0.0.1:" + std::to_string(redis_.port()) + "/0"), std::string::npos) << down;
  ASSERT_TRUE(redis_.start()) << redis_.log();
  EXPECT_EQ(sink->deliver({.key = "k2", .format = "json", .bytes = "{}"}), "");
  const std::vector<StreamEntry> got = entries("articles");
  ASSERT_EQ(got.size(), 2u);  // the first survived the restart: appendfsync always
  EXPECT_EQ(got[0].field("key"), "k1");
  EXPECT_EQ(got[1].field("key"), "k2");
  EXPECT_EQ(sink->describe(), "redis 127.0.0.1:" + std::to_string(redis_.port()) + "/0 stream articles");
}

// A listener on a loopback port that answers every command of its first
// client with `reply`, as a Redis still loading its data does (it accepts
// connections during the load). Stands in for the server only because the
// real one's loading window is too short to hit on purpose.
class OneReplyServer {
 public:
  explicit OneReplyServer(std::string reply) : reply_(std::move(reply)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof addr;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener_, 1) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
      return;
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~OneReplyServer() {
    ::shutdown(listener_, SHUT_RDWR);
    if (thread_.joinable()) thread_.join();
    ::close(listener_);
  }
  int port() const { return port_; }

 private:
  void serve() {
    const int client = ::accept(listener_, nullptr, nullptr);
    if (client < 0) return;
    char buffer[4096];
    while (::read(client, buffer, sizeof buffer) > 0) {
      if (::write(client, reply_.data(), reply_.size()) < 0) break;
    }
    ::close(client);
  }

  std::string reply_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
};

TEST(RedisClientLoading, ConnectSaysTheServerIsStillLoading) {
  OneReplyServer loading("-LOADING Redis is loading the dataset in memory\r\n");
  ASSERT_NE(loading.port(), 0);
  std::string error;
  EXPECT_FALSE(RedisClient::connect({.port = loading.port(), .timeout = Millis{2000}}, &error));
  EXPECT_EQ(error, "redis 127.0.0.1:" + std::to_string(loading.port()) +
                       "/0: PING: LOADING Redis is loading the dataset in memory");
}

TEST(RedisClientDown, ConnectRefusedNamesTheServer) {
  std::string error;
  // Port 1 on loopback: nothing listens there.
  EXPECT_FALSE(RedisClient::connect({.port = 1, .timeout = Millis{500}}, &error));
  EXPECT_NE(error.find("redis 127.0.0.1:1/0: "), std::string::npos) << error;
}

}  // namespace
}  // namespace sink
