// A real redis-server (Debian's /usr/bin/redis-server) on a loopback port,
// as a child of the test: its data in a temp dir, with the append-only file
// fsync'd on every write, so a stop() and start() keeps every entry it
// acknowledged. For the Redis sink and `jingwen consume` tests.
//
//   RedisServer redis(dir);
//   if (!redis.available()) GTEST_SKIP() << RedisServer::kMissing;
//   ASSERT_TRUE(redis.start()) << redis.log();
//   ... redis.port() ...
//   redis.stop();  // SIGTERM, waits; start() again on the same port and data
#ifndef JINGWEN_TESTS_E2E_REDIS_SERVER_H_
#define JINGWEN_TESTS_E2E_REDIS_SERVER_H_

#include <filesystem>
#include <memory>
#include <string>

#include "tests/e2e/daemon_process.h"

namespace e2e {

class RedisServer {
 public:
  static constexpr const char* kBinary = "/usr/bin/redis-server";
  static constexpr const char* kMissing =
      "redis-server is not installed (scripts/install-deps installs it): Redis tests skipped";

  // `dir` holds the data and the server's log; the port is chosen now (a
  // free ephemeral one) and kept across restarts.
  explicit RedisServer(std::filesystem::path dir);
  ~RedisServer();  // kills a server still running

  static bool available();
  // Starts the server and waits until it answers PING; false (see log())
  // when it did not come up.
  bool start();
  // SIGTERM and wait: the server writes what it has and exits.
  void stop();
  // SIGKILL: gone at once (acknowledged writes are on disk: appendfsync always).
  void kill();
  bool running();

  int port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  std::string log() const;

 private:
  std::filesystem::path dir_;
  int port_ = 0;
  int starts_ = 0;
  std::unique_ptr<DaemonProcess> process_;
};

}  // namespace e2e

#endif  // JINGWEN_TESTS_E2E_REDIS_SERVER_H_
