// `jingwen consume` against a real redis-server: records land in --to DIR
// whole and are acknowledged; what a consumer read and never acknowledged
// (it died) is read again first by the next run.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sink/sink.h"
#include "tests/e2e/e2e_test.h"
#include "tests/e2e/redis_server.h"
#include "tests/support/run_process.h"

namespace e2e {
namespace {

namespace fs = std::filesystem;

class ConsumeTest : public E2eTest {
 protected:
  void SetUp() override {
    if (!RedisServer::available()) GTEST_SKIP() << RedisServer::kMissing;
    ASSERT_TRUE(redis_.start()) << redis_.log();
    std::string error;
    auto client = sink::RedisClient::connect({.port = redis_.port()}, &error);
    ASSERT_TRUE(client.has_value()) << error;
    client_.emplace(std::move(*client));
  }
  void TearDown() override { redis_.stop(); }

  void add(const std::string& key, const std::string& record) {
    std::string error;
    ASSERT_TRUE(client_->xadd({.stream = "s"}, {{"key", key}, {"format", "json"}, {"record", record}}, &error)) << error;
  }

  testsupport::ProcessRun consume(std::vector<std::string> args) {
    args.insert(args.begin(), {JINGWEN_CLI, "consume", "--redis", redis_.url(), "--stream", "s"});
    return testsupport::run_process(args, sandbox.root() / "scratch");
  }

  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  RedisServer redis_{sandbox.root() / "redis"};
  std::optional<sink::RedisClient> client_;
};

TEST_F(ConsumeTest, WritesEachRecordAndAcknowledgesIt) {
  add("aaa-111", "{\"text\":\"一\"}\n");
  add("bbb-222", "{\"text\":\"二\"}\n");
  const fs::path out = sandbox.root() / "out";
  const testsupport::ProcessRun run = consume({"--to", out.string(), "--idle", "200"});
  ASSERT_EQ(run.failure, "");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(read(out / "aaa-111.json"), "{\"text\":\"一\"}\n");
  EXPECT_EQ(read(out / "bbb-222.json"), "{\"text\":\"二\"}\n");
  EXPECT_NE(run.out.find(" aaa-111 "), std::string::npos) << run.out;
  std::string error;
  const auto pending = client_->read_group("s", "jingwen", "consume", "0", 10, std::chrono::milliseconds{1}, &error);
  ASSERT_TRUE(pending.has_value()) << error;
  EXPECT_TRUE(pending->empty());  // both acknowledged
  // A second run has nothing new to read.
  const testsupport::ProcessRun again = consume({"--to", out.string(), "--idle", "200"});
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.out, "");
}

TEST_F(ConsumeTest, ARecordReadButNotAcknowledgedIsReadAgainFirst) {
  ASSERT_EQ(client_->create_group("s", "jingwen"), "");
  add("ccc-333", "{}");
  add("ddd-444", "{}");
  // A consumer that read ccc and died before its XACK.
  std::string error;
  const auto taken = client_->read_group("s", "jingwen", "consume", ">", 1, std::chrono::milliseconds{10}, &error);
  ASSERT_TRUE(taken.has_value() && taken->size() == 1u) << error;
  const testsupport::ProcessRun run = consume({"--count", "2"});
  ASSERT_EQ(run.status, 0) << run.err;
  const std::size_t c = run.out.find(" ccc-333 "), d = run.out.find(" ddd-444 ");
  ASSERT_NE(c, std::string::npos) << run.out;
  ASSERT_NE(d, std::string::npos) << run.out;
  EXPECT_LT(c, d);
}

TEST_F(ConsumeTest, UsageAndConnectionErrors) {
  const testsupport::ProcessRun no_source =
      testsupport::run_process({JINGWEN_CLI, "consume", "--count", "1"}, sandbox.root() / "scratch");
  EXPECT_EQ(no_source.status, 2);
  EXPECT_NE(no_source.err.find("--config or --redis is required"), std::string::npos) << no_source.err;
  redis_.stop();
  const testsupport::ProcessRun down = consume({"--count", "1"});
  EXPECT_EQ(down.status, 1);
  EXPECT_NE(down.err.find("jingwen consume: redis 127.0.0.1:" + std::to_string(redis_.port())), std::string::npos)
      << down.err;
}

}  // namespace
}  // namespace e2e
